/**
 * The synth-time gate and the code-level suppression API on real cdktf stacks (raw provider
 * resources, so the test does not depend on the library's constructs).
 */
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Acknowledge } from '../../constructs/core/acknowledge';
import { recordAcknowledgements } from '../../constructs/core/acknowledgements';
import { PolicyReport } from '../../policy/engine';
import { isPolicyGateFailure, RdpPolicyAspect } from '../../policy/aspect';
import { Policy, PolicySuppressionError } from '../../policy/suppressions';
import { Severity } from '../../policy/types';
import { script } from './fixtures/builders';

/** A small AWS host: a group with one rule from `cidr`, an instance with the hardening script. */
class Host extends Construct {
  public readonly instance: Instance;
  public readonly group: SecurityGroup;
  constructor(scope: Construct, id: string, cidr: string, extra: Partial<ConstructorParameters<typeof Instance>[2]> = {}) {
    super(scope, id);
    this.group = new SecurityGroup(this, 'Sg', { name: id });
    new VpcSecurityGroupIngressRule(this, 'Rdp', { securityGroupId: this.group.id, ipProtocol: 'tcp', fromPort: 43389, toPort: 43389, cidrIpv4: cidr });
    this.instance = new Instance(this, 'Resource', {
      ami: 'ami-0123456789abcdef0',
      instanceType: 't3.medium',
      subnetId: 'subnet-private',
      associatePublicIpAddress: false,
      vpcSecurityGroupIds: [this.group.id],
      iamInstanceProfile: 'ssm',
      metadataOptions: { httpTokens: 'required' },
      rootBlockDevice: { encrypted: true },
      userData: `<powershell>\n${script()}\n</powershell>`,
      ...extra,
    });
  }
}

function appWithStack(build: (stack: TerraformStack) => void, aspect = new RdpPolicyAspect()): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'gate');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  Aspects.of(stack).add(aspect);
  return { app, stack };
}

/** The parts of cdk.tf.json these tests read. */
type SynthesizedJson = { resource: Record<string, Record<string, { '//': { rdp_acknowledgements: { id: string; reason: string }[] } }>> };

function synthesizedJson(app: App): SynthesizedJson {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'gate', 'cdk.tf.json'), 'utf8'));
}

function annotations(stack: TerraformStack, type: string): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === type).map((m) => `[${c.node.path}] ${String(m.data)}`));
}

describe('RdpPolicyAspect', () => {
  test('fails synth on an unsuppressed error, naming the construct path and the fix', () => {
    const { app } = appWithStack((stack) => new Host(stack, 'Jump', '0.0.0.0/0'));
    expect(() => app.synth()).toThrow(/\[gate\/Jump\/Rdp\] \[RDP-NET-INTERNET-RDP\].*0\.0\.0\.0\/0.*Fix: Reach the host through the VPN/);
  });

  test('its synth failure is recognisable, so main.ts can print it and exit 1', () => {
    const { app } = appWithStack((stack) => new Host(stack, 'Jump', '0.0.0.0/0'));
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(isPolicyGateFailure(error)).toBe(true);
    expect(isPolicyGateFailure(new Error('something else'))).toBe(false);
  });

  test('lets a compliant stack synthesize and hands over the report', () => {
    const reports: PolicyReport[] = [];
    const { app } = appWithStack((stack) => new Host(stack, 'Jump', '203.0.113.0/24'), new RdpPolicyAspect({ onReport: (_s, r) => reports.push(r) }));
    app.synth();
    expect(reports).toHaveLength(1);
    expect(reports[0].outcomes.some((o) => o.ruleId === 'RDP-NET-INTERNET-RDP' && o.compliance === 'compliant')).toBe(true);
  });

  test('reports findings below the threshold as warnings without failing', () => {
    const { app, stack } = appWithStack((s) => new Host(s, 'Jump', '203.0.113.0/24', { iamInstanceProfile: undefined }));
    app.synth();
    expect(annotations(stack, '@cdktf/warn')).toEqual([
      expect.stringMatching(/^\[gate\/Jump\/Resource\] \[RDP-NET-DEAD-SOURCE\] .*203\.0\.113\.0\/24.*no public address/),
      expect.stringMatching(/^\[gate\/Jump\/Resource\] \[RDP-GUEST-DRIFT-CORRECTION\]/),
      expect.stringMatching(/^\[gate\/Jump\/Resource\] \[RDP-AWS-INSTANCE-PROFILE\]/),
    ]);
  });

  test('fails on warnings too when failOn is warning', () => {
    const { app } = appWithStack((s) => new Host(s, 'Jump', '203.0.113.0/24', { iamInstanceProfile: undefined }), new RdpPolicyAspect({ failOn: Severity.WARNING }));
    expect(() => app.synth()).toThrow(/RDP-AWS-INSTANCE-PROFILE/);
  });
});

describe('RdpPolicyAspect.addToStacks', () => {
  test('puts the gate on every stack of the app (an aspect on the App alone is never run by cdktf 0.21)', () => {
    const app = Testing.app();
    for (const id of ['one', 'two']) {
      const stack = new TerraformStack(app, id);
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      new Host(stack, 'Jump', id === 'two' ? '0.0.0.0/0' : '203.0.113.0/24');
    }
    const onApp = Testing.app();
    const ignored = new TerraformStack(onApp, 'ignored');
    new AwsProvider(ignored, 'aws', { region: 'eu-west-1' });
    new Host(ignored, 'Jump', '0.0.0.0/0');
    Aspects.of(onApp).add(new RdpPolicyAspect());
    expect(() => onApp.synth()).not.toThrow();

    RdpPolicyAspect.addToStacks(app);
    expect(() => app.synth()).toThrow(/\[two\/Jump\/Rdp\] \[RDP-NET-INTERNET-RDP\]/);
  });
});

describe('Policy.acknowledge', () => {
  test('suppresses the rule on every resource below the scope, including ones added later, and records the reason', () => {
    const { app, stack } = appWithStack((s) => {
      const jump = new Construct(s, 'BreakGlass');
      Policy.acknowledge(jump, { id: 'RDP-NET-INTERNET-RDP', reason: 'Break-glass host, destroyed nightly by CI' });
      Policy.acknowledge(jump, { id: 'RDP-NET-WORLD-INGRESS', reason: 'Break-glass host, destroyed nightly by CI' });
      new Host(jump, 'Jump', '0.0.0.0/0');
    });
    app.synth();
    const json = synthesizedJson(app);
    const rule = Object.values(json.resource.aws_vpc_security_group_ingress_rule)[0];
    expect(rule['//'].rdp_acknowledgements).toEqual([
      { id: 'RDP-NET-INTERNET-RDP', reason: 'Break-glass host, destroyed nightly by CI' },
      { id: 'RDP-NET-WORLD-INGRESS', reason: 'Break-glass host, destroyed nightly by CI' },
    ]);
    expect(annotations(stack, '@cdktf/info')).toEqual(expect.arrayContaining([expect.stringMatching(/\[RDP-NET-INTERNET-RDP\].*Suppressed: Break-glass host/)]));
  });

  test('does not reach resources outside the scope', () => {
    const { app } = appWithStack((s) => {
      Policy.acknowledge(new Construct(s, 'Elsewhere'), { id: 'RDP-NET-INTERNET-RDP', reason: 'Only for the other subtree' });
      new Host(s, 'Jump', '0.0.0.0/0');
    });
    expect(() => app.synth()).toThrow(/RDP-NET-INTERNET-RDP/);
  });

  test('merges with acknowledgements the constructs record', () => {
    const { app } = appWithStack((s) => {
      const host = new Host(s, 'Jump', '203.0.113.0/24', { fetchPasswordData: true, keyName: 'ops' });
      recordAcknowledgements(host.instance, [Acknowledge.risk('RDP-AWS-PASSWORD-DATA', 'Lab account, key kept in the team vault')]);
      Policy.acknowledge(host, { id: 'RDP-AWS-INSTANCE-PROFILE', reason: 'SSM not available in this lab account' });
    });
    app.synth();
    const instance = Object.values(synthesizedJson(app).resource.aws_instance)[0];
    expect(instance['//'].rdp_acknowledgements.map((a) => a.id)).toEqual(['RDP-AWS-PASSWORD-DATA', 'RDP-AWS-INSTANCE-PROFILE']);
  });

  test('refuses the App as scope, where cdktf would never apply it', () => {
    expect(() => Policy.acknowledge(Testing.app(), { id: 'RDP-NET-PUBLIC-IP', reason: 'Applies to every stack of the app' })).toThrow(/must be a stack or a construct inside one/);
  });

  test('rejects a short reason and a malformed ID, listing both problems', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    let error: unknown;
    try {
      Policy.acknowledge(stack, { id: 'not an id', reason: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicySuppressionError);
    expect((error as PolicySuppressionError).problems).toEqual([expect.stringMatching(/`id` must be a rule ID/), expect.stringMatching(/`reason` must explain the exception in at least 10 characters/)]);
  });
});
