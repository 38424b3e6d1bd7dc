/**
 * Acknowledgements with `expires` and `owner`: from the constructs API (Acknowledge.risk,
 * Policy.acknowledge) and the configuration field, through the synthesized JSON, to the engine
 * (an expired acknowledgement no longer covers its risk, and the finding names the expiry), the
 * synth gate, and the reports (owner and expiry shown; unused and expired ones listed).
 */
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { Acknowledge } from '../../constructs/core/acknowledge';
import { RdpValidationError } from '../../constructs/core/errors';
import { recordAcknowledgements } from '../../constructs/core/acknowledgements';
import { RdpPolicyAspect } from '../../policy/aspect';
import { review, violations } from '../../policy/engine';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { renderSarif } from '../../policy/report/sarif';
import { renderText } from '../../policy/report/text';
import { reviewDocuments } from '../../policy/report/review-result';
import { Policy, PolicySuppressionError } from '../../policy/suppressions';
import { acknowledgementField, toAcknowledge } from '../../stacks/config/fields';
import { awsStack, load, patch, script, TfJson } from './fixtures/builders';

const publicHost = patch(awsStack(), 'aws_instance', 'host', { associate_public_ip_address: true });

function withAcks(json: TfJson, acks: unknown[]): TfJson {
  const copy = JSON.parse(JSON.stringify(json)) as TfJson;
  (copy.resource.aws_instance.host as Record<string, unknown>)['//'] = { metadata: { path: 'fixture/host' }, rdp_acknowledgements: acks };
  return copy;
}

const ack = { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support window until the Q3 migration', expires: '2026-09-30', owner: 'network-team' };

describe('the engine', () => {
  test('an acknowledgement covers its risk through its expiry day, then the finding returns naming the expiry and owner', () => {
    const doc = load(withAcks(publicHost, [ack]));
    expect(violations(review([doc], RdpBaselinePack, { today: '2026-09-30' }))).toEqual([]);
    const after = review([doc], RdpBaselinePack, { today: '2026-10-01' });
    expect(violations(after)).toEqual([
      expect.objectContaining({
        ruleId: 'RDP-NET-PUBLIC-IP',
        suppression: undefined,
        expiredSuppression: ack,
        findings: ['public address through associate_public_ip_address = true', expect.stringMatching(/acknowledgement "Vendor support window until the Q3 migration" \(owner network-team\) expired on 2026-09-30/)],
      }),
    ]);
    expect(after.suppressions).toEqual([expect.objectContaining({ id: 'RDP-NET-PUBLIC-IP', expired: true, used: false })]);
  });

  test('a malformed expiry or owner is reported and never applied', () => {
    const report = review([load(withAcks(publicHost, [{ ...ack, expires: '30.09.2026' }, { ...ack, id: 'RDP-AWS-IMDSV2', expires: '2026-02-30' }, { ...ack, id: 'RDP-AWS-EBS-ENCRYPTION', owner: '' }]))], RdpBaselinePack, { today: '2026-01-01' });
    expect(violations(report).map((o) => o.ruleId)).toEqual(['RDP-NET-PUBLIC-IP']);
    expect(report.invalidSuppressions.map((i) => i.problem)).toEqual([
      expect.stringMatching(/RDP-NET-PUBLIC-IP has an invalid `expires`: use an ISO date YYYY-MM-DD, got "30.09.2026"/),
      expect.stringMatching(/RDP-AWS-IMDSV2 has an invalid `expires`.*"2026-02-30"/),
      expect.stringMatching(/RDP-AWS-EBS-ENCRYPTION has an empty or non-text `owner`/),
    ]);
  });

  test('reports show owner and expiry, list unused and expired acknowledgements, and SARIF carries them in suppressions[]', () => {
    const json = withAcks(publicHost, [ack, { id: 'RDP-AWS-IMDSV2', reason: 'Kept for a legacy agent, ticket 42', expires: '2026-01-31' }]);
    const live = reviewDocuments([load(json)], RdpBaselinePack, undefined, { today: '2026-01-15' });
    const sarif = JSON.parse(renderSarif(live));
    expect(sarif.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions).map((r: { suppressions: { justification: string }[] }) => r.suppressions[0].justification)).toEqual([
      'Vendor support window until the Q3 migration (owner: network-team; expires 2026-09-30)',
    ]);
    expect(sarif.runs[0].properties.unusedAcknowledgements).toEqual([expect.objectContaining({ id: 'RDP-AWS-IMDSV2', expired: false, expires: '2026-01-31' })]);
    const text = renderText(live);
    expect(text).toMatch(/RDP-NET-PUBLIC-IP {2}fixture {2}aws_instance\.host \(fixture\/host\): Vendor support window until the Q3 migration \(owner network-team, expires 2026-09-30\)/);
    expect(text).toMatch(/Acknowledgements that suppressed nothing \(1\):\n {2}RDP-AWS-IMDSV2/);
    const later = renderText(reviewDocuments([load(json)], RdpBaselinePack, undefined, { today: '2026-12-01' }));
    expect(later).toMatch(/Expired acknowledgements \(2; they no longer cover their risk\):\n {2}RDP-NET-PUBLIC-IP .*expired on 2026-09-30, owner network-team/);
    expect(later).toMatch(/^FAIL: 1 violation/m);
  });
});

describe('the constructs API', () => {
  test('Acknowledge.risk accepts expires and owner and records them; the field-name form still works', () => {
    const a = Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support window until the Q3 migration', { expires: '2026-09-30', owner: ' network-team ' });
    expect(a.toJSON()).toEqual({ id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support window until the Q3 migration', expires: '2026-09-30', owner: 'network-team' });
    expect(Acknowledge.risk('RDP-NET-PUBLIC-IP', 'A reason long enough', 'hosts[0].internetExposure').toJSON()).toEqual({ id: 'RDP-NET-PUBLIC-IP', reason: 'A reason long enough' });
  });

  test('Acknowledge.risk refuses a malformed expiry or an empty owner, naming the field', () => {
    expect(() => Acknowledge.risk('RDP-NET-PUBLIC-IP', 'A reason long enough', { expires: '2026-13-01', field: 'hosts[0].internetExposure' })).toThrow(RdpValidationError);
    expect(() => Acknowledge.risk('RDP-NET-PUBLIC-IP', 'A reason long enough', { expires: '2026-13-01', field: 'hosts[0].internetExposure' })).toThrow(/hosts\[0\]\.internetExposure\.expires.*YYYY-MM-DD/);
    expect(() => Acknowledge.risk('RDP-NET-PUBLIC-IP', 'A reason long enough', { owner: '  ' })).toThrow(/acknowledgement\.owner/);
  });

  test('Policy.acknowledge validates and records expires and owner', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'gate');
    expect(() => Policy.acknowledge(stack, { id: 'RDP-NET-PUBLIC-IP', reason: 'A reason long enough', expires: 'tomorrow' })).toThrow(PolicySuppressionError);
  });

  test('the configuration field accepts expires and owner and builds the same value object', () => {
    const parsed = acknowledgementField.parse({ id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support window until the Q3 migration', expires: '2026-09-30', owner: 'network-team' });
    expect(toAcknowledge(parsed, 'aws.hosts[0].internetExposure')?.toJSON()).toEqual({ ...ack });
    expect(acknowledgementField.safeParse({ ...ack, expires: '2026-9-30' }).success).toBe(false);
    expect(acknowledgementField.safeParse({ ...ack, owner: '' }).success).toBe(false);
  });

  test('an expired acknowledgement fails the synth gate, naming the expiry; a live one passes', () => {
    const synth = (acknowledgement: Acknowledge): { app: App; stack: TerraformStack } => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'gate');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const host = new Instance(stack, 'Host', {
        ami: 'ami-0123456789abcdef0',
        instanceType: 't3.medium',
        subnetId: 'subnet-private',
        associatePublicIpAddress: true,
        iamInstanceProfile: 'ssm',
        vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
        metadataOptions: { httpTokens: 'required' },
        rootBlockDevice: { encrypted: true },
        userData: `<powershell>\n${script()}\n</powershell>`,
      });
      recordAcknowledgements(host, [acknowledgement]);
      Aspects.of(stack).add(new RdpPolicyAspect({ pack: { ...RdpBaselinePack, rules: RdpBaselinePack.rules.filter((r) => r.id === 'RDP-NET-PUBLIC-IP') } }));
      return { app, stack };
    };
    const live = synth(Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support window until the Q3 migration', { expires: '2999-12-31', owner: 'network-team' }));
    expect(() => live.app.synth()).not.toThrow();
    const written = JSON.parse(fs.readFileSync(path.join(live.app.outdir, 'stacks', 'gate', 'cdk.tf.json'), 'utf8'));
    expect(written.resource.aws_instance.Host['//'].rdp_acknowledgements).toEqual([{ id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support window until the Q3 migration', expires: '2999-12-31', owner: 'network-team' }]);
    const expired = synth(Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support window until the Q3 migration', { expires: '2020-01-31', owner: 'network-team' }));
    expect(() => expired.app.synth()).toThrow(/RDP-NET-PUBLIC-IP.*expired on 2020-01-31/s);
  });
});
