/**
 * Runs before every test file (jest.config.js `setupFiles`): what the main job does for speed, the tests
 * do too. cdktf records a full stack trace for every token it creates, used only in the message of a
 * token that fails to resolve; no test reads it (see stacks/token-stack-traces.ts).
 */
import { disableTokenStackTraces } from '../../stacks/token-stack-traces';

disableTokenStackTraces();
