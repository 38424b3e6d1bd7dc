import { Instance } from '@cdktf/provider-aws/lib/instance';
import { Testing } from 'cdktf';
import { AwsRdpStack } from '../../stacks/aws-rdp-stack';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { dwordWrites, firewallPort, firewallSources, manifestOf, scriptFromSsmDocument, scriptFromUserData } from '../helpers/hardening-script';
import { awsNetworkInvariantFindings } from '../helpers/aws-invariants';
import { ingressPortRanges, plaintextSecrets, worldOpenIngress } from '../helpers/security-assertions';
import { bodiesOf, fullSynthJson, synthJson, TerraformJson } from '../helpers/template';

function defaultAwsStack(): AwsRdpStack {
  const config = validateConfig(DEFAULT_CONFIG, {});
  return new AwsRdpStack(Testing.app(), 'aws-rdp-hosts', config.aws!);
}

describe('AWS example stack (embedded default configuration)', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = synthJson(defaultAwsStack(), true);
  });

  test('snapshot (review every change)', () => {
    expect(json).toMatchSnapshot();
  });

  test('network invariants: a management path for every host, no world egress, no dead sources, no mixed subnets', () => {
    expect(awsNetworkInvariantFindings(fullSynthJson(defaultAwsStack()))).toEqual([]);
    const hostEgress = bodiesOf(json, 'aws_vpc_security_group_egress_rule').filter((r) => String(r.security_group_id).includes('Group-'));
    expect(hostEgress.map((r) => [r.from_port, r.cidr_ipv4 ?? null])).toEqual([
      [443, null],
      [443, null],
    ]);
    expect(bodiesOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface')).toHaveLength(3);
  });

  test('no ingress rule admits the world, on any port', () => {
    expect(worldOpenIngress(json)).toEqual([]);
  });

  test('every ingress rule is the custom RDP port, never 3389 or a range covering it', () => {
    const port = DEFAULT_CONFIG.aws!.hosts[0].rdpPort;
    const ranges = ingressPortRanges(json);
    expect(ranges.length).toBeGreaterThan(0);
    for (const range of ranges) {
      expect(range.from <= 3389 && range.to >= 3389).toBe(false);
      if (range.address.includes('Rdp-')) expect([range.from, range.to]).toEqual([port, port]);
    }
    // 3389 appears only inside the hardening script, which disables the built-in 3389 firewall rules.
    const { resource, ...rest } = json;
    const withoutScripts = JSON.parse(JSON.stringify(resource));
    for (const instance of Object.values(withoutScripts.aws_instance ?? {}) as Record<string, unknown>[]) delete instance.user_data;
    for (const document of Object.values(withoutScripts.aws_ssm_document ?? {}) as Record<string, unknown>[]) delete document.content;
    expect(JSON.stringify({ ...rest, resource: withoutScripts })).not.toMatch(/\b3389\b/);
  });

  test('the delivered hardening script carries the same port and sources as the network path', () => {
    const port = DEFAULT_CONFIG.aws!.hosts[0].rdpPort;
    const [instance] = bodiesOf(json, Instance);
    const [document] = bodiesOf(json, 'aws_ssm_document');
    const fromUserData = scriptFromUserData(String(instance.user_data));
    const fromSsm = scriptFromSsmDocument(String(document.content));
    // VPN-only: the Client VPN reaches the host from its network interfaces in the host subnet.
    const expectedSources = [DEFAULT_CONFIG.aws!.network!.subnetCidr];
    for (const script of [fromUserData, fromSsm]) {
      expect(manifestOf(script)).toMatchObject({ port, allowlist: expectedSources, securityLayer: 'tls', nla: true, minTls: '1.2' });
      expect(dwordWrites(script).get('WS\\PortNumber')).toEqual([port]);
      expect(firewallPort(script)).toBe(port);
      expect(firewallSources(script)).toEqual(expectedSources);
    }
    expect(bodiesOf(json, 'aws_ssm_association')[0]).toMatchObject({ wait_for_success_timeout_seconds: 1800, schedule_expression: 'rate(30 minutes)' });
    expect(Buffer.byteLength(String(instance.user_data))).toBeLessThanOrEqual(16 * 1024);
  });

  test('VPN-only: RDP is admitted only from the Client VPN security group, and no host has a public IP', () => {
    const rdpRules = bodiesOf(json, 'aws_vpc_security_group_ingress_rule').filter((r) => r.from_port === DEFAULT_CONFIG.aws!.hosts[0].rdpPort);
    expect(rdpRules.length).toBe(DEFAULT_CONFIG.aws!.hosts.length);
    for (const rule of rdpRules) {
      expect(rule.referenced_security_group_id).toMatch(/^\$\{aws_security_group\.ClientVpn_SecurityGroup_[0-9A-F]+\.id\}$/);
      expect(rule.cidr_ipv4 ?? rule.cidr_ipv6).toBeUndefined();
    }
    for (const instance of bodiesOf(json, Instance)) expect(instance.associate_public_ip_address).toBe(false);
    expect(bodiesOf(json, 'aws_internet_gateway')).toHaveLength(0);
  });

  test('the Client VPN logs connections, splits the tunnel and is authorized to the host subnet only', () => {
    const [endpoint] = bodiesOf(json, 'aws_ec2_client_vpn_endpoint');
    expect(endpoint).toMatchObject({ split_tunnel: true, connection_log_options: { enabled: true }, client_login_banner_options: { enabled: true } });
    expect(bodiesOf(json, 'aws_ec2_client_vpn_authorization_rule').map((r) => r.target_network_cidr)).toEqual([DEFAULT_CONFIG.aws!.network!.subnetCidr]);
  });

  test('instances require IMDSv2 and encrypt their root volume', () => {
    const instances = bodiesOf(json, Instance);
    expect(instances.length).toBe(DEFAULT_CONFIG.aws!.hosts.length);
    for (const instance of instances) {
      expect(instance).toMatchObject({ metadata_options: { http_tokens: 'required' }, root_block_device: { encrypted: true } });
      expect(instance.get_password_data).toBeUndefined();
    }
  });

  test('a fleet config: hosts of one group share a security group and a hardening association', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    const base = config.aws.hosts[0];
    config.aws.hosts = [
      { ...base, name: 'jump-1', group: 'jump' },
      { ...base, name: 'jump-2', group: 'jump' },
      { ...base, name: 'build-1', group: 'build', rdpPort: 44001 },
    ];
    const fleet = synthJson(new AwsRdpStack(Testing.app(), 'fleet', validateConfig(config, {}).aws!), true);
    expect(bodiesOf(fleet, Instance)).toHaveLength(3);
    expect(bodiesOf(fleet, 'aws_ssm_association')).toHaveLength(2);
    const hostGroups = Object.keys(fleet.resource?.aws_security_group ?? {}).filter((k) => k.startsWith('Group-'));
    expect(hostGroups.map((k) => k.split('_')[0]).sort()).toEqual(['Group-build', 'Group-jump']);
    const rdpPorts = bodiesOf(fleet, 'aws_vpc_security_group_ingress_rule').map((r) => Number(r.from_port)).filter((p) => p !== 443); // 443: the VPC endpoints' HTTPS rule
    expect(rdpPorts.sort()).toEqual([43389, 44001]);
  });

  test('no plaintext secret anywhere', () => {
    expect(plaintextSecrets(json)).toEqual([]);
    expect(plaintextSecrets(fullSynthJson(defaultAwsStack()))).toEqual([]);
  });

  test('flow logs on, default security group closed, state kept outside cdktf.out', () => {
    expect(bodiesOf(json, 'aws_flow_log')).toHaveLength(1);
    expect(bodiesOf(json, 'aws_default_security_group')[0].ingress).toBeUndefined();
    expect(json.terraform).toMatchObject({ backend: { local: { path: '../../../terraform.aws-rdp-hosts.tfstate' } } });
  });

  test('the provider block carries no credentials', () => {
    expect(json.provider?.aws).toEqual([expect.not.objectContaining({ access_key: expect.anything() })]);
    expect(JSON.stringify(json.provider)).not.toMatch(/skip_credentials_validation|secret_key|access_key/);
  });
});
