import { App, Lazy, TerraformOutput, TerraformStack, Testing, Tokenization } from 'cdktf';
import { disableTokenStackTraces } from '../../stacks/token-stack-traces';

/** The creation stack cdktf recorded for the token behind an encoded string. */
function creationStackOf(value: string): string[] {
  return Tokenization.reverseString(value).tokens[0].creationStack;
}

// The tests run in order: the first must see cdktf's traces before the second turns them off (per test file).
describe('disableTokenStackTraces', () => {
  it('keeps the traces under RDP_HOSTS_DEBUG=1', () => {
    expect(disableTokenStackTraces({ RDP_HOSTS_DEBUG: '1' })).toBe(false);
    expect(creationStackOf(Lazy.stringValue({ produce: () => 'x' })).length).toBeGreaterThan(0);
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
