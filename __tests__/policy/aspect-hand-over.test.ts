/**
 * The gate resolves each stack once: the JSON it reviews is handed to cdktf's write (see
 * `handOver` in policy/aspect.ts), so the file written is the document reviewed, and a later
 * `toTerraform()` resolves afresh.
 */
import { Aspects, Lazy, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { isPolicyGateFailure, RdpPolicyAspect } from '../../policy/aspect';

function gatedStack(): { app: ReturnType<typeof Testing.app>; stack: TerraformStack; produced: () => number; setValue: (v: string) => void } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'handover');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  let count = 0;
  let value = 'first';
  new TerraformOutput(stack, 'label', { value: Lazy.stringValue({ produce: () => (count++, value) }) });
  Aspects.of(stack).add(new RdpPolicyAspect());
  return { app, stack, produced: () => count, setValue: (v) => (value = v) };
}

const written = (outdir: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'handover', 'cdk.tf.json'), 'utf8'));
const handOverPending = (stack: TerraformStack) => Object.prototype.hasOwnProperty.call(stack, 'toTerraform');

describe('the gate hands the reviewed JSON to the write', () => {
  afterEach(() => jest.restoreAllMocks());

  it('resolves the stack once for review and write, and writes exactly what a fresh resolution gives', () => {
    const { app, stack, produced } = gatedStack();
    const resolutions = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    app.synth();
    expect(resolutions).toHaveBeenCalledTimes(1);
    // cdktf's preparing pass and the gate's resolution; the write resolved nothing more.
    expect(produced()).toBe(2);
    expect(handOverPending(stack)).toBe(false);
    expect(written(app.outdir)).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
    expect(written(app.outdir).output.label.value).toBe('first');
  });

  it('resolves afresh on every later call: a change after synth shows', () => {
    const { app, stack, setValue } = gatedStack();
    app.synth();
    setValue('second');
    expect((stack.toTerraform() as { output: Record<string, { value: string }> }).output.label.value).toBe('second');
  });

  it('hands nothing over when the gate fails', () => {
    const { app, stack } = gatedStack();
    const group = new SecurityGroup(stack, 'Sg', { name: 'open' });
    new VpcSecurityGroupIngressRule(stack, 'Rdp', { securityGroupId: group.id, ipProtocol: 'tcp', fromPort: 43389, toPort: 43389, cidrIpv4: '0.0.0.0/0' });
    let failure: unknown;
    try {
      app.synth();
    } catch (e) {
      failure = e;
    }
    expect(isPolicyGateFailure(failure)).toBe(true);
    expect(handOverPending(stack)).toBe(false);
  });

  it('drops a hand-over that synth never took (another validation failed) when synth returns', async () => {
    const { app, stack, setValue } = gatedStack();
    const child = new Construct(stack, 'Checked');
    child.node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => app.synth()).toThrow(/broken on purpose/);
    await Promise.resolve();
    expect(handOverPending(stack)).toBe(false);
    setValue('after');
    expect((stack.toTerraform() as { output: Record<string, { value: string }> }).output.label.value).toBe('after');
  });
});
