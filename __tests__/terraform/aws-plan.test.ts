/**
 * Real Terraform, offline: the synthesized AWS stacks are initialised from the local provider mirror,
 * validated and planned with mock credentials (injected by the harness only), and the plan JSON is
 * checked for the security properties. Nothing is skipped: a missing terraform or mirror fails the
 * test with instructions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildStacks } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { RdpHostsConfig } from '../../stacks/config/schema';
import { synthesizeAtomically } from '../../stacks/synthesize';
import { PlannedResource, planOffline, terraformSetup } from '../helpers/terraform';

jest.setTimeout(240_000);

const WORLD = new Set(['0.0.0.0/0', '::/0']);

function synthesize(config: RdpHostsConfig, name: string): string {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `rdp-plan-${name}-`)), 'cdktf.out');
  synthesizeAtomically(outdir, (app) => buildStacks(app, validateConfig(config, {})));
  return path.join(outdir, 'stacks', config.aws!.stackName ?? 'aws-rdp-hosts');
}

function ofType(resources: PlannedResource[], type: string): Record<string, unknown>[] {
  return resources.filter((r) => r.type === type).map((r) => r.values);
}

function requireTerraform(): NodeJS.ProcessEnv {
  const setup = terraformSetup();
  if (!setup.ok) throw new Error(`Offline Terraform is not available: ${setup.message}`);
  return setup.env;
}

describe('AWS example stack: terraform validate + plan, offline', () => {
  let resources: PlannedResource[];
  let stackDir: string;

  beforeAll(() => {
    const env = requireTerraform();
    stackDir = synthesize(DEFAULT_CONFIG, 'default');
    resources = planOffline(stackDir, env).resources;
  });

  afterAll(() => fs.rmSync(path.dirname(path.dirname(path.dirname(stackDir))), { recursive: true, force: true }));

  test('plans the network, the security group rules and the instance', () => {
    const types = new Set(resources.map((r) => r.type));
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_default_security_group', 'aws_flow_log', 'aws_cloudwatch_log_group', 'aws_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_instance', 'aws_iam_instance_profile']) {
      expect(types).toContain(type);
    }
  });

  test('no planned ingress admits the world, and RDP is only on the custom port from the allowlist', () => {
    const host = DEFAULT_CONFIG.aws!.hosts[0];
    const ingress = ofType(resources, 'aws_vpc_security_group_ingress_rule');
    expect(ingress.length).toBe(host.allowlist.length);
    for (const rule of ingress) {
      expect(WORLD.has(String(rule.cidr_ipv4)) || WORLD.has(String(rule.cidr_ipv6))).toBe(false);
      expect([rule.from_port, rule.to_port, rule.ip_protocol]).toEqual([host.rdpPort, host.rdpPort, 'tcp']);
      expect(rule.from_port).not.toBe(3389);
    }
    expect(ingress.map((r) => r.cidr_ipv4 ?? r.cidr_ipv6).sort()).toEqual([...host.allowlist].sort());
  });

  test('the instance requires IMDSv2, encrypts its root volume and reads no password data', () => {
    const [instance] = ofType(resources, 'aws_instance');
    expect((instance.metadata_options as Record<string, unknown>[])[0]).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect((instance.root_block_device as Record<string, unknown>[])[0]).toMatchObject({ encrypted: true, volume_type: 'gp3' });
    expect(instance).toMatchObject({ monitoring: true, ebs_optimized: true, get_password_data: false });
  });

  test('the default security group is planned with no rules', () => {
    const [group] = ofType(resources, 'aws_default_security_group');
    expect(group.ingress ?? []).toEqual([]);
    expect(group.egress ?? []).toEqual([]);
  });

  test('the mock credentials stay in the harness: the synthesized provider block has none', () => {
    const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    expect(JSON.stringify(synthesized.provider)).not.toMatch(/mock|access_key|secret_key|skip_/);
  });
});

describe('private variant (private allowlist, no internet gateway): terraform plan, offline', () => {
  let resources: PlannedResource[];
  let stackDir: string;

  beforeAll(() => {
    const env = requireTerraform();
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as RdpHostsConfig;
    config.aws!.stackName = 'aws-rdp-private';
    config.aws!.hosts[0].allowlist = ['10.8.0.0/16', 'fd00:8::/48'];
    stackDir = synthesize(config, 'private');
    resources = planOffline(stackDir, env).resources;
  });

  afterAll(() => fs.rmSync(path.dirname(path.dirname(path.dirname(stackDir))), { recursive: true, force: true }));

  test('no public IP, no internet gateway, Systems Manager through VPC endpoints', () => {
    const [instance] = ofType(resources, 'aws_instance');
    expect(instance.associate_public_ip_address).toBe(false);
    expect(ofType(resources, 'aws_internet_gateway')).toHaveLength(0);
    const endpoints = ofType(resources, 'aws_vpc_endpoint').map((e) => String(e.service_name));
    expect(endpoints.sort()).toEqual(['com.amazonaws.eu-west-1.ec2messages', 'com.amazonaws.eu-west-1.s3', 'com.amazonaws.eu-west-1.ssm', 'com.amazonaws.eu-west-1.ssmmessages']);
  });
});
