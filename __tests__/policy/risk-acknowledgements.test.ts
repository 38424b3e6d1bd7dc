/**
 * The risk IDs of the plan-annotation contract, end to end: an opt-in the constructs record under its
 * risk ID suppresses the finding of the policy rule that judges that risk, on the resource that carries it,
 * and the same stack without the opt-in is compliant (so the suppression is not hiding a defect of the default).
 */
import { Testing } from 'cdktf';
import { INTERNET_EGRESS_RISK_ID, SUBNET_NSG_RISK_ID } from '../../contract';
import { review, RuleOutcome } from '../../policy/engine';
import { documentFromConfiguration } from '../../policy/loaders';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { Compliance } from '../../policy/types';
import { AwsRdpStack } from '../../stacks/aws-rdp-stack';
import { AzureRdpStack } from '../../stacks/azure-rdp-stack';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { fullSynthJson } from '../helpers/template';

type Section = Record<string, unknown> & { hosts: Record<string, unknown>[] };

const AWS_ENV = { RDP_VPN_SERVER_CERT_ARN: 'arn:aws:acm:eu-central-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', RDP_WINDOWS_AMI_ID: 'ami-0123456789abcdef0' };

/** The review of the default configuration's stack on `cloud`, with `change` applied to its first host. */
function reviewed(cloud: 'aws' | 'azure', change: Record<string, unknown>, section: Record<string, unknown> = {}): ReturnType<typeof review> {
  const raw = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as Record<'aws' | 'azure', Section>;
  Object.assign(raw[cloud].hosts[0], change);
  Object.assign(raw[cloud], section);
  const config = validateConfig({ [cloud]: raw[cloud] }, AWS_ENV);
  const stack = cloud === 'aws' ? new AwsRdpStack(Testing.app(), 'aws-rdp-hosts', config.aws!) : new AzureRdpStack(Testing.app(), 'azure-rdp-hosts', config.azure!);
  const doc = documentFromConfiguration(fullSynthJson(stack), { source: 'cdk.tf.json', stack: cloud });
  return review([doc], RdpBaselinePack, { today: '2026-01-01' });
}

const failing = (outcomes: readonly RuleOutcome[], ruleId: string): RuleOutcome[] => outcomes.filter((o) => o.ruleId === ruleId && o.compliance !== Compliance.COMPLIANT);

const EGRESS = { id: INTERNET_EGRESS_RISK_ID, reason: 'Windows Update straight from Microsoft; no WSUS here' };

describe.each([
  { cloud: 'aws' as const, ack: EGRESS, change: { internetEgress: EGRESS }, section: { network: { ...(DEFAULT_CONFIG.aws?.network ?? {}), natGateway: true } }, rule: 'RDP-NET-WORLD-EGRESS' },
  { cloud: 'azure' as const, ack: { id: SUBNET_NSG_RISK_ID, reason: 'The hub subnet NSG belongs to the platform team' }, change: { skipSubnetNsgAssociation: { id: SUBNET_NSG_RISK_ID, reason: 'The hub subnet NSG belongs to the platform team' } }, section: {}, rule: 'RDP-AZ-SUBNET-NSG' },
])('$cloud: the $ack.id acknowledgement', ({ cloud, ack, change, section, rule }) => {
  test(`suppresses ${rule} where the stack takes the risk, and is reported as used`, () => {
    const report = reviewed(cloud, change, section);
    const found = failing(report.outcomes, rule);
    expect(found.length).toBeGreaterThan(0);
    for (const o of found) expect(o.suppression).toMatchObject(ack);
    const entries = report.suppressions.filter((s) => s.id === ack.id);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((s) => s.knownRule)).toBe(true);
    expect(entries.some((s) => s.used)).toBe(true);
  });

  test(`without it, ${rule} judges the same stack compliant`, () => {
    const report = reviewed(cloud, {}, section);
    expect(failing(report.outcomes, rule)).toEqual([]);
    expect(report.outcomes.some((o) => o.ruleId === rule && o.compliance === Compliance.COMPLIANT)).toBe(true);
  });
});

test('azure: the RDP-NET-INTERNET-EGRESS acknowledgement on the NSG and the NAT association names a rule of the pack', () => {
  const entries = reviewed('azure', { internetEgress: EGRESS }).suppressions.filter((s) => s.id === INTERNET_EGRESS_RISK_ID);
  expect(entries.map((s) => s.address.split('.')[0]).sort()).toEqual(['azurerm_network_security_group', 'azurerm_subnet_nat_gateway_association']);
  expect(entries.every((s) => s.knownRule)).toBe(true);
});
