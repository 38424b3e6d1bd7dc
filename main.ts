/**
 * The app: load the configuration (RDP_HOSTS_CONFIG, or the embedded default), build the stacks and run
 * every construct check on them, gate them with the policy pack, and synthesize them atomically into
 * cdktf.out. Bad input or an insecure plan exits 1 with every problem listed, and writes nothing.
 * See stacks/main-job.ts.
 */
import { runSynth } from './stacks/main-job';
import { disableTokenStackTraces } from './stacks/token-stack-traces';

disableTokenStackTraces();
process.exitCode = runSynth();
