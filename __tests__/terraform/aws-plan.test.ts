/**
 * Real Terraform, offline: the synthesized AWS stacks are initialised from the local provider mirror,
 * validated and planned with mock credentials (injected by the harness only), and the plan JSON is
 * checked for the security properties. Nothing is skipped: a missing terraform or mirror fails the
 * test with instructions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsManagementPath, RdpAccessMode } from '../../constructs';
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

/** Removes the temporary project folder around a synthesized stack folder (<tmp>/cdktf.out/stacks/<stack>). */
function removeSynthDir(stackDir: string | undefined): void {
  if (stackDir) fs.rmSync(path.dirname(path.dirname(path.dirname(stackDir))), { recursive: true, force: true });
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

  afterAll(() => removeSynthDir(stackDir));

  test('plans the network, the VPN, the security group rules and the instance', () => {
    const types = new Set(resources.map((r) => r.type));
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_default_security_group', 'aws_flow_log', 'aws_cloudwatch_log_group', 'aws_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_instance', 'aws_iam_instance_profile', 'aws_ec2_client_vpn_endpoint', 'aws_ec2_client_vpn_network_association', 'aws_ec2_client_vpn_authorization_rule', 'aws_vpc_endpoint']) {
      expect(types).toContain(type);
    }
  });

  test('the host reaches Systems Manager through the planned endpoints and egresses nowhere else', () => {
    const endpoints = ofType(resources, 'aws_vpc_endpoint');
    expect(endpoints.map((e) => `${e.vpc_endpoint_type} ${String(e.service_name).split('.').pop()}`).sort()).toEqual(['Gateway s3', 'Interface ec2messages', 'Interface ssm', 'Interface ssmmessages']);
    expect(endpoints.map((e) => e.service_name)).toContain('com.amazonaws.eu-west-1.ssm');
    for (const endpoint of endpoints.filter((e) => e.vpc_endpoint_type === 'Interface')) expect(endpoint.private_dns_enabled).toBe(true);
    const egress = ofType(resources, 'aws_vpc_security_group_egress_rule').filter((r) => r.from_port !== DEFAULT_CONFIG.aws!.hosts[0].rdpPort);
    expect(egress.map((r) => [r.from_port, r.to_port, r.cidr_ipv4 ?? null])).toEqual([
      [443, 443, null],
      [443, 443, null],
    ]);
    expect(ofType(resources, 'aws_nat_gateway')).toHaveLength(0);
    expect(ofType(resources, 'aws_route')).toHaveLength(0);
  });

  test('no planned ingress admits the world; RDP is only on the custom port, from the VPN (no CIDR)', () => {
    const host = DEFAULT_CONFIG.aws!.hosts[0];
    const ingress = ofType(resources, 'aws_vpc_security_group_ingress_rule');
    for (const rule of ingress) {
      expect(WORLD.has(String(rule.cidr_ipv4)) || WORLD.has(String(rule.cidr_ipv6))).toBe(false);
      expect(rule.from_port).not.toBe(3389);
    }
    const rdp = ingress.filter((r) => r.from_port === host.rdpPort);
    expect(rdp).toHaveLength(1);
    expect([rdp[0].to_port, rdp[0].ip_protocol, rdp[0].cidr_ipv4 ?? null, rdp[0].cidr_ipv6 ?? null]).toEqual([host.rdpPort, 'tcp', null, null]);
    const [instance] = ofType(resources, 'aws_instance');
    expect(instance.associate_public_ip_address).toBe(false);
    expect(ofType(resources, 'aws_internet_gateway')).toHaveLength(0);
  });

  test('the Client VPN logs connections and is authorized to the host subnet only', () => {
    const [endpoint] = ofType(resources, 'aws_ec2_client_vpn_endpoint');
    expect((endpoint.connection_log_options as Record<string, unknown>[])[0]).toMatchObject({ enabled: true });
    expect(endpoint).toMatchObject({ split_tunnel: true, client_cidr_block: '10.250.0.0/22' });
    expect(ofType(resources, 'aws_ec2_client_vpn_authorization_rule').map((r) => r.target_network_cidr)).toEqual(['10.42.1.0/24']);
  });

  test('the instance requires IMDSv2, encrypts its root volume and reads no password data', () => {
    const [instance] = ofType(resources, 'aws_instance');
    expect((instance.metadata_options as Record<string, unknown>[])[0]).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect((instance.root_block_device as Record<string, unknown>[])[0]).toMatchObject({ encrypted: true, volume_type: 'gp3' });
    expect(instance).toMatchObject({ monitoring: true, ebs_optimized: true, get_password_data: false });
  });

  test('the in-guest hardening is planned: first-boot user data, SSM document, association that waits for success', () => {
    const [instance] = ofType(resources, 'aws_instance');
    expect(String(instance.user_data ?? instance.user_data_base64 ?? '')).not.toBe('');
    const [document] = ofType(resources, 'aws_ssm_document');
    expect(document).toMatchObject({ document_type: 'Command', document_format: 'JSON' });
    expect(String(document.content)).toContain(`"$RdpPort = ${DEFAULT_CONFIG.aws!.hosts[0].rdpPort}"`);
    const [association] = ofType(resources, 'aws_ssm_association');
    expect(association).toMatchObject({ wait_for_success_timeout_seconds: 1800, schedule_expression: 'rate(30 minutes)' });
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

describe('allowlist variant (public sources + site-to-site VPN): terraform plan, offline', () => {
  let resources: PlannedResource[];
  let stackDir: string;

  beforeAll(() => {
    const env = requireTerraform();
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as RdpHostsConfig;
    config.aws!.stackName = 'aws-rdp-allowlist';
    delete config.aws!.clientVpn;
    config.aws!.siteToSiteVpn = { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['192.168.10.0/24'] };
    config.aws!.hosts[0] = { ...config.aws!.hosts[0], access: RdpAccessMode.ALLOWLIST, allowlist: ['198.51.100.0/24', '192.0.2.0/24'], internetExposure: { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support from a fixed office range' } };
    stackDir = synthesize(config, 'private');
    resources = planOffline(stackDir, env).resources;
  });

  afterAll(() => removeSynthDir(stackDir));

  test('public sources: a public IP in the public subnet, an internet route; RDP only from the allowlist and on-premises', () => {
    const [instance] = ofType(resources, 'aws_instance');
    expect(instance.associate_public_ip_address).toBe(true);
    expect(ofType(resources, 'aws_internet_gateway')).toHaveLength(1);
    expect(ofType(resources, 'aws_subnet').map((s) => s.cidr_block).sort()).toEqual(['10.42.1.0/24', '10.42.2.0/24']);
    expect(ofType(resources, 'aws_route').map((r) => r.destination_cidr_block)).toEqual(['0.0.0.0/0']);
    // On-premises routes reach both host route tables.
    expect(ofType(resources, 'aws_vpn_gateway_route_propagation')).toHaveLength(2);
    const rdp = ofType(resources, 'aws_vpc_security_group_ingress_rule').filter((r) => r.from_port !== 443);
    expect(rdp.map((r) => r.cidr_ipv4).sort()).toEqual(['192.0.2.0/24', '192.168.10.0/24', '198.51.100.0/24']);
    for (const rule of rdp) expect(rule.cidr_ipv6 ?? null).toBeNull();
  });

  test('site-to-site tunnels are IKEv2-only with strong proposals, logging, and the PSK in Secrets Manager', () => {
    const [connection] = ofType(resources, 'aws_vpn_connection');
    expect(connection).toMatchObject({ preshared_key_storage: 'SecretsManager', tunnel1_ike_versions: ['ikev2'], tunnel2_ike_versions: ['ikev2'], tunnel1_phase1_dh_group_numbers: [20] });
  });
});

describe('examples/rdp-hosts.example.json: terraform plan, offline', () => {
  let resources: PlannedResource[];
  let stackDir: string;

  beforeAll(() => {
    const env = requireTerraform();
    const raw = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'rdp-hosts.example.json'), 'utf8'));
    const config = validateConfig(raw, { RDP_WINDOWS_AMI_ID: 'ami-0fedcba9876543210', RDP_VPN_SERVER_CERT_ARN: 'arn:aws:acm:eu-central-1:123456789012:certificate/00000000-0000-4000-8000-000000000003' });
    stackDir = synthesize({ aws: config.aws } as RdpHostsConfig, 'example');
    resources = planOffline(stackDir, env).resources;
  });

  afterAll(() => removeSynthDir(stackDir));

  test('ops-jump (VPN-only) and vendor-gateway (public) plan into different subnets; the endpoints are in ops-jump\'s', () => {
    const subnets = ofType(resources, 'aws_subnet').map((s) => s.cidr_block).sort();
    expect(subnets).toEqual(['10.60.10.0/24', '10.60.11.0/24']);
    const instances = resources.filter((r) => r.type === 'aws_instance');
    const publicIps = instances.map((r) => [r.address.includes('vendor-gateway'), r.values.associate_public_ip_address]);
    expect(publicIps.sort()).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(ofType(resources, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface')).toHaveLength(3);
    expect(ofType(resources, 'aws_ec2_client_vpn_authorization_rule').map((r) => r.target_network_cidr).sort()).toEqual(['10.60.10.0/24', '10.60.11.0/24']);
    expect(ofType(resources, 'aws_vpc_security_group_egress_rule').filter((r) => r.cidr_ipv4 === '0.0.0.0/0')).toEqual([]);
  });
});

describe('NAT management path: terraform plan, offline', () => {
  let resources: PlannedResource[];
  let stackDir: string;

  beforeAll(() => {
    const env = requireTerraform();
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as RdpHostsConfig;
    config.aws!.stackName = 'aws-rdp-nat';
    config.aws!.network = { ...config.aws!.network, managementPath: AwsManagementPath.NAT };
    config.aws!.hosts[0] = { ...config.aws!.hosts[0], internetEgress: { id: 'RDP-NET-INTERNET-EGRESS', reason: 'Windows Update from Microsoft; no WSUS in this lab' } };
    stackDir = synthesize(config, 'nat');
    resources = planOffline(stackDir, env).resources;
  });

  afterAll(() => removeSynthDir(stackDir));

  test('a NAT gateway in the public subnet, the private subnet routed to it, no endpoints, acknowledged world egress', () => {
    expect(ofType(resources, 'aws_nat_gateway')).toHaveLength(1);
    expect(ofType(resources, 'aws_eip')).toMatchObject([{ domain: 'vpc' }]);
    expect(ofType(resources, 'aws_route').map((r) => r.destination_cidr_block)).toEqual(['0.0.0.0/0', '0.0.0.0/0']);
    expect(ofType(resources, 'aws_vpc_endpoint')).toHaveLength(0);
    const [instance] = ofType(resources, 'aws_instance');
    expect(instance.associate_public_ip_address).toBe(false);
    const world = ofType(resources, 'aws_vpc_security_group_egress_rule').filter((r) => r.cidr_ipv4 === '0.0.0.0/0');
    expect(world.map((r) => r.from_port).sort()).toEqual([443, 80]);
  });
});
