/**
 * Insecure variants of our own default stacks: the shipped stacks are synthesized once, then each
 * variant bends one thing (a source, a flag, a removed resource, an added one) in a copy of the
 * cdk.tf.json, as a hand-edited plan would. Every variant must raise a finding that the shipped
 * stack does not have, from the rule that owns the defect.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { documentFromConfiguration } from '../../policy/loaders';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { reviewDocuments, openOutcomes } from '../../policy/report/review-result';
import { buildStacks } from '../../stacks/app';
import { loadConfig } from '../../stacks/config/load-config';

type Json = { resource: Record<string, Record<string, Record<string, unknown>>>; data?: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, unknown> };

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'variants-'));
const app = new App({ outdir });
buildStacks(app, loadConfig({}).config);
app.synth();
const stacks: Record<string, Json> = Object.fromEntries(
  fs.readdirSync(path.join(outdir, 'stacks')).map((name) => [name, JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'))]),
);

/** Open findings (any severity) as `rule address` lines. */
function findings(json: Json, stack: string): Set<string> {
  const doc = documentFromConfiguration(JSON.parse(JSON.stringify(json)), { source: `${stack}/cdk.tf.json`, stack });
  return new Set(openOutcomes(reviewDocuments([doc], RdpBaselinePack).report).map((o) => `${o.ruleId} ${o.address}`));
}

/** The single resource of `type` whose name matches `pattern`. */
function one(json: Json, type: string, pattern: RegExp = /./): [string, Record<string, unknown>] {
  const matches = Object.entries(json.resource[type] ?? {}).filter(([name]) => pattern.test(name));
  if (matches.length !== 1) throw new Error(`expected one ${type} matching ${pattern}, found ${matches.length}`);
  return matches[0];
}

const copy = (json: Json): Json => JSON.parse(JSON.stringify(json));

interface Variant {
  readonly name: string;
  readonly stack: 'aws-rdp-hosts' | 'azure-rdp-hosts';
  readonly bend: (json: Json) => void;
  readonly rule: string;
}

const VARIANTS: Variant[] = [
  { name: 'RDP rule from 0.0.0.0/0 instead of the Client VPN group', stack: 'aws-rdp-hosts', rule: 'RDP-NET-INTERNET-RDP', bend: (j) => Object.assign(one(j, 'aws_vpc_security_group_ingress_rule', /Rdp/)[1], { referenced_security_group_id: undefined, cidr_ipv4: '0.0.0.0/0' }) },
  { name: 'a second, standalone legacy rule opens the RDP port to the world (protocol "6")', stack: 'aws-rdp-hosts', rule: 'RDP-NET-VPN-ONLY-SOURCES', bend: (j) => (j.resource.aws_security_group_rule = { extra: { type: 'ingress', protocol: '6', from_port: 43389, to_port: 43389, cidr_blocks: ['0.0.0.0/0'], security_group_id: `\${aws_security_group.${one(j, 'aws_security_group', /Group-jump-1/)[0]}.id}` } }) },
  { name: 'the Client VPN group reaches every port (protocol -1)', stack: 'aws-rdp-hosts', rule: 'RDP-NET-PRIVATE-OTHER-PORTS', bend: (j) => Object.assign(one(j, 'aws_vpc_security_group_ingress_rule', /Rdp/)[1], { ip_protocol: '-1', from_port: undefined, to_port: undefined }) },
  { name: 'RDP from 10.0.0.0/8', stack: 'aws-rdp-hosts', rule: 'RDP-NET-BROAD-PRIVATE-SOURCE', bend: (j) => Object.assign(one(j, 'aws_vpc_security_group_ingress_rule', /Rdp/)[1], { referenced_security_group_id: undefined, cidr_ipv4: '10.0.0.0/8' }) },
  { name: 'the VPN-only host gets a public IP', stack: 'aws-rdp-hosts', rule: 'RDP-NET-VPN-ONLY-PUBLIC-IP', bend: (j) => Object.assign(one(j, 'aws_instance')[1], { associate_public_ip_address: true }) },
  { name: 'the host subnet maps public IPs', stack: 'aws-rdp-hosts', rule: 'RDP-AWS-PUBLIC-SUBNET', bend: (j) => Object.assign(one(j, 'aws_subnet')[1], { map_public_ip_on_launch: true }) },
  { name: 'the SSM endpoints are removed', stack: 'aws-rdp-hosts', rule: 'RDP-NET-MANAGEMENT-PATH', bend: (j) => Object.keys(j.resource.aws_vpc_endpoint).filter((n) => /ssm|ec2messages/.test(n)).forEach((n) => delete j.resource.aws_vpc_endpoint[n]) },
  { name: 'the instance role trusts any AWS principal (in the policy document data source)', stack: 'aws-rdp-hosts', rule: 'RDP-AWS-IAM-TRUST-WILDCARD', bend: (j) => Object.assign(Object.entries(j.data!.aws_iam_policy_document).find(([n]) => /AssumeRole/.test(n) && /Group/.test(n))![1], { statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['*'] }] }] }) },
  { name: 'Client VPN authorizes all groups for 10.0.0.0/8', stack: 'aws-rdp-hosts', rule: 'RDP-AWS-CLIENT-VPN-AUTHZ', bend: (j) => Object.assign(one(j, 'aws_ec2_client_vpn_authorization_rule')[1], { target_network_cidr: '10.0.0.0/8' }) },
  { name: 'IMDSv1 allowed', stack: 'aws-rdp-hosts', rule: 'RDP-AWS-IMDSV2', bend: (j) => Object.assign(one(j, 'aws_instance')[1], { metadata_options: { http_tokens: 'optional' } }) },
  { name: 'unencrypted root volume', stack: 'aws-rdp-hosts', rule: 'RDP-AWS-EBS-ENCRYPTION', bend: (j) => Object.assign(one(j, 'aws_instance')[1], { root_block_device: { encrypted: false } }) },
  { name: 'egress to the world on the Client VPN group', stack: 'aws-rdp-hosts', rule: 'RDP-NET-WORLD-EGRESS', bend: (j) => (j.resource.aws_vpc_security_group_egress_rule.All = { security_group_id: `\${aws_security_group.${one(j, 'aws_security_group', /ClientVpn/)[0]}.id}`, ip_protocol: '-1', cidr_ipv6: '::/0' }) },
  { name: 'a String SSM parameter holding the admin password', stack: 'aws-rdp-hosts', rule: 'RDP-AWS-SSM-PARAMETER-SECRET', bend: (j) => (j.resource.aws_ssm_parameter = { pw: { name: '/rdp/admin-password', type: 'String', value: '${var.pw}' } }) },
  { name: 'an output printing a literal password', stack: 'aws-rdp-hosts', rule: 'RDP-SECRET-OUTPUT', bend: (j) => (j.output = { ...j.output, admin_password: { value: 'Winter2026!' } }) },
  { name: 'the NSG allow rule admits *', stack: 'azure-rdp-hosts', rule: 'RDP-NET-INTERNET-RDP', bend: (j) => Object.assign(one(j, 'azurerm_network_security_rule', /Rdp-Tcp/)[1], { source_address_prefix: '*' }) },
  { name: 'the RDP deny before AllowVnetInBound is removed', stack: 'azure-rdp-hosts', rule: 'RDP-AZ-NSG-RDP-DENY', bend: (j) => delete j.resource.azurerm_network_security_rule[one(j, 'azurerm_network_security_rule', /DenyRdpFromAny/)[0]] },
  {
    name: 'the VPN-only VM gets a Basic public IP on its NIC',
    stack: 'azure-rdp-hosts',
    rule: 'RDP-AZ-PUBLIC-IP-BASIC',
    bend: (j) => {
      j.resource.azurerm_public_ip.vm = { name: 'vm-pip', sku: 'Basic', allocation_method: 'Dynamic' };
      const [, nic] = one(j, 'azurerm_network_interface');
      (nic.ip_configuration as Record<string, unknown>[])[0].public_ip_address_id = '${azurerm_public_ip.vm.id}';
    },
  },
  { name: 'the VM loses encryption at host', stack: 'azure-rdp-hosts', rule: 'RDP-AZ-ENCRYPTION-AT-HOST', bend: (j) => Object.assign(one(j, 'azurerm_windows_virtual_machine')[1], { encryption_at_host_enabled: false }) },
  { name: 'a data disk exportable from the internet', stack: 'azure-rdp-hosts', rule: 'RDP-AZ-DISK-PUBLIC', bend: (j) => (j.resource.azurerm_managed_disk = { data: { name: 'data', storage_account_type: 'Premium_LRS', create_option: 'Empty', disk_size_gb: 64 } }) },
];

describe.each(VARIANTS)('$stack: $name', ({ stack, bend, rule }) => {
  test(`is caught by ${rule}`, () => {
    const before = findings(stacks[stack], stack);
    const json = copy(stacks[stack]);
    bend(json);
    const added = [...findings(json, stack)].filter((f) => !before.has(f));
    expect(added.filter((f) => f.startsWith(`${rule} `))).not.toEqual([]);
  });
});
