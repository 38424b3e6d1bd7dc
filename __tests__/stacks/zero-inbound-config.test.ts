/**
 * Zero-inbound access modes in the configuration file: `access: "session-manager"` (AWS) and
 * `access: "bastion"` with `azure.bastion` (Azure), checked before anything is built, and the shipped
 * example synthesizes with both modes mixed with VPN-only hosts in one network per cloud.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildStacks } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { Testing } from 'cdktf';
import { TerraformJson } from '../helpers/template';
import { expectProblem, problemsOf } from '../helpers/config-problems';

const EXAMPLE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'zero-inbound.example.json'), 'utf8')) as Record<string, unknown>;

type Section = Record<string, unknown> & { hosts: Record<string, unknown>[] };

function section(cloud: 'aws' | 'azure', change: (s: Section) => void): unknown {
  const copy = JSON.parse(JSON.stringify(DEFAULT_CONFIG[cloud])) as Section;
  change(copy);
  return { [cloud]: copy };
}

function synthesize(config: unknown): Record<string, TerraformJson> {
  const app = Testing.app();
  buildStacks(app, validateConfig(config, {}));
  return Object.fromEntries(app.node.children.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack as never)) as TerraformJson]));
}

describe('zero-inbound access in the configuration file', () => {
  test('the example validates, and synthesizes both modes beside VPN-only hosts', () => {
    const stacks = synthesize(EXAMPLE);
    const aws = stacks['aws-zero-inbound'];
    const ingress = Object.values(aws.resource!.aws_vpc_security_group_ingress_rule ?? {});
    expect(ingress.filter((r) => String(r.security_group_id).includes('Group-ops_SecurityGroup'))).toEqual([]);
    expect(ingress.filter((r) => String(r.security_group_id).includes('Group-vpn-jump_SecurityGroup')).length).toBeGreaterThan(0);
    expect(Object.values(aws.resource!.aws_iam_policy)).toHaveLength(1);
    expect(aws.output!.ops_1_tunnel_command.value).toMatch(/^\$\{join\("", \["aws ssm start-session --target ", aws_instance\.Host-ops-1_[A-F0-9]+\.id, " --document-name SecureRdpSession-[0-9a-f]{16} --parameters localPortNumber=44389"\]\)\}$/);
    expect(aws.output!.ops_1_probe_command.value).toBe('npx secure-rdp-hosts probe localhost:44389');
    const azure = stacks['azure-zero-inbound'];
    expect(Object.values(azure.resource!.azurerm_bastion_host)).toHaveLength(1);
    const rules = Object.values(azure.resource!.azurerm_network_security_rule);
    const bastionSourced = rules.filter((r) => r.source_address_prefix === '10.54.254.0/26');
    expect(bastionSourced.map((r) => String(r.network_security_group_name).replace(/^\$\{azurerm_network_security_group\.(Group-[a-z0-9-]+)_.*$/, '$1')).sort()).toEqual(['Group-az-dev-1', 'Group-ops']);
    // The VPN-only host's NSG admits the point-to-site pool, not the Bastion; bastion groups admit no pool.
    expect(rules.filter((r) => r.source_address_prefix === '10.251.0.0/24').map((r) => String(r.network_security_group_name))).toEqual([expect.stringContaining('Group-az-vpn-jump')]);
    expect(azure.output!.az_ops_1_tunnel_command.value).toContain('az network bastion tunnel --name ');
  });

  test('session-manager: no allowlist, no internetExposure; sessionManager only with that mode; retention and key checked', () => {
    expectProblem(section('aws', (s) => Object.assign(s.hosts[0], { access: 'session-manager', allowlist: ['10.9.0.0/16'] })), 'aws.hosts[0].allowlist', /not allowed with access "session-manager"/);
    expectProblem(section('aws', (s) => Object.assign(s.hosts[0], { sessionManager: { logRetentionDays: 365 } })), 'aws.hosts[0].sessionManager', /applies only to access "session-manager", got access "vpn-only"/);
    expectProblem(section('aws', (s) => Object.assign(s.hosts[0], { access: 'session-manager', sessionManager: { logRetentionDays: 30 } })), 'aws.hosts[0].sessionManager.logRetentionDays', /at least 90 days/);
    expectProblem(section('aws', (s) => Object.assign(s.hosts[0], { access: 'session-manager', sessionManager: { logKmsKeyArn: 'alias/mine' } })), 'aws.hosts[0].sessionManager.logKmsKeyArn', /must be a KMS key ARN/);
    expect(problemsOf(section('aws', (s) => Object.assign(s.hosts[0], { access: 'session-manager' })))).toEqual([]);
    expectProblem(section('azure', (s) => Object.assign(s.hosts[0], { access: 'session-manager' })), 'azure.hosts[0].access', /.+/);
  });

  test('bastion: needs azure.bastion; the section must serve a host, fit /26 or larger, avoid host subnets, and record only on Premium', () => {
    expectProblem(section('azure', (s) => Object.assign(s.hosts[0], { access: 'bastion' })), 'azure.hosts[0].access', /configures no bastion/);
    expectProblem(section('azure', (s) => Object.assign(s, { bastion: { subnetCidr: '10.52.254.0/26' } })), 'azure.bastion', /serves no host/);
    const withBastion = (bastion: Record<string, unknown>) => section('azure', (s) => { Object.assign(s.hosts[0], { access: 'bastion' }); s.bastion = bastion; });
    expectProblem(withBastion({ subnetCidr: '10.52.254.0/27' }), 'azure.bastion.subnetCidr', /\/26 or larger/);
    expectProblem(withBastion({ subnetCidr: '10.52.1.0/26' }), 'azure.bastion.subnetCidr', /overlaps hosts\[0\]\.subnetCidr/);
    expectProblem(withBastion({ subnetCidr: '10.99.0.0/26' }), 'azure.bastion.subnetCidr', /inside/);
    expectProblem(withBastion({ subnetCidr: '10.52.254.0/26', sessionRecording: true }), 'azure.bastion.sessionRecording', /Premium/);
    expectProblem(withBastion({ subnetCidr: '10.52.254.0/26', sku: 'Basic' }), 'azure.bastion.sku', /.+/);
    expectProblem(section('azure', (s) => Object.assign(s.hosts[0], { access: 'bastion', allowlist: ['10.9.0.0/16'] }, { })), 'azure.hosts[0].allowlist', /not allowed with access "bastion"|configures no bastion/);
    expect(problemsOf(withBastion({ subnetCidr: '10.52.254.0/26', sku: 'Premium', sessionRecording: true }))).toEqual([]);
  });
});
