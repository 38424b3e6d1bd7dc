import { App, Lazy, TerraformOutput, TerraformStack, Testing, Tokenization } from 'cdktf';
import { disableTokenStackTraces } from '../../stacks/token-stack-traces';

/** The creation stack cdktf recorded for the token behind an encoded string. */
function creationStackOf(value: string): string[] {
  return Tokenization.reverseString(value).tokens[0].creationStack;
}

// jest.config.js turns the traces off before every test file (__tests__/helpers/jest-setup.ts).
describe('disableTokenStackTraces', () => {
  const traceModule = () => require(require.resolve('cdktf/lib/tokens/private/stack-trace')) as { captureStackTrace: () => string[] };

  it('leaves cdktf alone under RDP_HOSTS_DEBUG=1', () => {
    const before = traceModule().captureStackTrace;
    expect(disableTokenStackTraces({ RDP_HOSTS_DEBUG: '1' })).toBe(false);
    expect(traceModule().captureStackTrace).toBe(before);
  });

  it('makes new tokens record no creation stack, and they still resolve', () => {
    expect(disableTokenStackTraces({})).toBe(true);
    const value = Lazy.stringValue({ produce: () => 'produced' });
    expect(creationStackOf(value)).toEqual([]);
    const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), 'traces');
    new TerraformOutput(stack, 'out', { value });
    expect(JSON.parse(Testing.synth(stack)).output.out.value).toBe('produced');
  });
});
