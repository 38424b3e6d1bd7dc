import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Ec2ClientVpnAuthorizationRule } from '@cdktf/provider-aws/lib/ec2-client-vpn-authorization-rule';
import { Ec2ClientVpnEndpoint } from '@cdktf/provider-aws/lib/ec2-client-vpn-endpoint';
import { Ec2ClientVpnNetworkAssociation } from '@cdktf/provider-aws/lib/ec2-client-vpn-network-association';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Acknowledge, AwsRdpClientVpn, AwsRdpClientVpnProps, AwsRdpHost, ClientVpnAuthentication, RdpAccess, RdpAllowlist, RdpPort, WindowsAmi } from '../../constructs';
import { plaintextSecrets } from '../helpers/security-assertions';
import { plainNetwork, plainNetworkWithPublicSubnet, TEST_NETWORK } from '../helpers/aws-network';
import { bodiesOf, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const SERVER_CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000001';
const CLIENT_CA = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000002';
const SAML = 'arn:aws:iam::123456789012:saml-provider/corp-idp';
const NETWORK = plainNetwork();

function vpnProps(overrides: Partial<AwsRdpClientVpnProps> = {}): AwsRdpClientVpnProps {
  return { network: NETWORK, serverCertificateArn: SERVER_CERT, authentication: ClientVpnAuthentication.mutualTls(CLIENT_CA), ...overrides };
}

function vpnOnlyHost(stack: ReturnType<typeof testStack>, id: string, port = 43389): AwsRdpHost {
  return new AwsRdpHost(stack, id, { network: NETWORK, image: WindowsAmi.fromId('ami-0123456789abcdef0'), access: RdpAccess.vpnOnly(), rdpPort: RdpPort.of(port) });
}

describe('AwsRdpClientVpn', () => {
  test('secure defaults: split tunnel, logging with retention, banner, session timeout, own security group', () => {
    const stack = testStack();
    new AwsRdpClientVpn(stack, 'Vpn', vpnProps());
    const json = synthJson(stack);
    const endpoint = onlyResourceOf(json, Ec2ClientVpnEndpoint);
    expect(endpoint).toMatchObject({
      client_cidr_block: '10.250.0.0/22',
      split_tunnel: true,
      session_timeout_hours: 8,
      disconnect_on_session_timeout: true,
      self_service_portal: 'disabled',
      connection_log_options: { enabled: true },
      client_login_banner_options: { enabled: true },
      authentication_options: [{ type: 'certificate-authentication', root_certificate_chain_arn: CLIENT_CA }],
    });
    expect(endpoint.security_group_ids).toHaveLength(1);
    expect(onlyResourceOf(json, CloudwatchLogGroup).retention_in_days).toBe(365);
    expect(onlyResourceOf(json, Ec2ClientVpnNetworkAssociation)).toMatchObject({ subnet_id: 'subnet-0a1b2c3d', timeouts: { create: '45m' } });
    expect(onlyResourceOf(json, Ec2ClientVpnAuthorizationRule)).toMatchObject({ target_network_cidr: '10.42.1.0/24', authorize_all_groups: true });
    expect(bodiesOf(json, VpcSecurityGroupEgressRule)).toHaveLength(0);
  });

  test('SAML: one authorization rule per access group, scoped to the host subnet, never all groups', () => {
    const stack = testStack();
    new AwsRdpClientVpn(stack, 'Vpn', vpnProps({ authentication: ClientVpnAuthentication.saml({ samlProviderArn: SAML, accessGroupIds: ['rdp-admins', 'rdp-oncall'], selfServiceSamlProviderArn: SAML }) }));
    const json = synthJson(stack);
    const rules = bodiesOf(json, Ec2ClientVpnAuthorizationRule);
    expect(rules.map((r) => [r.access_group_id, r.target_network_cidr, r.authorize_all_groups])).toEqual([
      ['rdp-admins', '10.42.1.0/24', undefined],
      ['rdp-oncall', '10.42.1.0/24', undefined],
    ]);
    expect(onlyResourceOf(json, Ec2ClientVpnEndpoint)).toMatchObject({ self_service_portal: 'enabled', authentication_options: [{ type: 'federated-authentication', saml_provider_arn: SAML }] });
  });

  test('one VPN serves many hosts: each host admits RDP from the VPN security group only', () => {
    const stack = testStack();
    const vpn = new AwsRdpClientVpn(stack, 'Vpn', vpnProps());
    const a = vpnOnlyHost(stack, 'A', 43389);
    const b = vpnOnlyHost(stack, 'B', 44000);
    vpn.allowRdpTo(a);
    vpn.allowRdpTo(b);
    vpn.allowRdpTo(a);
    const json = synthJson(stack, false);
    const ingress = bodiesOf(json, VpcSecurityGroupIngressRule);
    expect(ingress.map((r) => [r.from_port, r.referenced_security_group_id, r.cidr_ipv4]).sort()).toEqual([
      [43389, expect.stringMatching(/aws_security_group\.Vpn_SecurityGroup/), undefined],
      [44000, expect.stringMatching(/aws_security_group\.Vpn_SecurityGroup/), undefined],
    ]);
    const egress = bodiesOf(json, VpcSecurityGroupEgressRule).filter((r) => String(r.security_group_id).includes('Vpn_SecurityGroup'));
    expect(egress.map((r) => r.from_port).sort()).toEqual([43389, 44000]);
    for (const instance of bodiesOf(json, Instance)) expect(instance.associate_public_ip_address).toBe(false);
    expect(plaintextSecrets(json)).toEqual([]);
  });

  test.each([
    ['clientCidr', { clientCidr: '10.42.0.0/22' }, /`clientCidr` overlaps the VPC range 10\.42\.0\.0\/16/],
    ['clientCidr', { clientCidr: '10.250.0.0/24' }, /`clientCidr` must be a private IPv4 range of \/12 to \/22/],
    ['clientCidr', { clientCidr: '10.0.0.0/8' }, /`clientCidr` must be a private IPv4 range of \/12 to \/22/],
    ['clientCidr', { clientCidr: '198.18.0.0/22' }, /`clientCidr` must be a private IPv4 range/],
    ['clientCidr', { clientCidr: '10.250.0.1/22' }, /`clientCidr` has host bits set/],
    ['sessionTimeoutHours', { sessionTimeoutHours: 48 }, /`sessionTimeoutHours` must be one of 8, 10, 12, 24/],
    ['serverCertificateArn', { serverCertificateArn: 'my-cert' }, /`serverCertificateArn` must be an ACM certificate ARN/],
    ['logRetentionDays', { logRetentionDays: 7 }, /`logRetentionDays`/],
  ])('fails on a bad %s', (_field, overrides, message) => {
    expect(() => new AwsRdpClientVpn(testStack(), 'Vpn', vpnProps(overrides as Partial<AwsRdpClientVpnProps>))).toThrow(message);
  });

  test('fails on bad authentication input', () => {
    expect(() => ClientVpnAuthentication.mutualTls('arn:aws:iam::123456789012:role/x')).toThrow(/`clientRootCertificateChainArn` must be an ACM certificate ARN/);
    expect(() => ClientVpnAuthentication.saml({ samlProviderArn: SAML, accessGroupIds: [] })).toThrow(/`accessGroupIds` must list at least one/);
    expect(() => ClientVpnAuthentication.saml({ samlProviderArn: 'corp', accessGroupIds: ['g'] })).toThrow(/`samlProviderArn` must be an IAM SAML provider ARN/);
  });

  test('needs the host subnet range to scope authorization', () => {
    const unknown = plainNetwork({ subnetCidr: undefined });
    expect(() => new AwsRdpClientVpn(testStack(), 'Vpn', vpnProps({ network: unknown }))).toThrow(/`authorizedCidr` is required/);
  });

  test('a network with a public subnet: VPN users are authorized to it too, so the VPN rule on a public host is live', () => {
    const stack = testStack();
    const network = plainNetworkWithPublicSubnet();
    const vpn = new AwsRdpClientVpn(stack, 'Vpn', vpnProps({ network }));
    const host = new AwsRdpHost(stack, 'Vendor', {
      network,
      image: WindowsAmi.fromId('ami-0123456789abcdef0'),
      access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['203.0.113.0/24']), Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from its office')),
    });
    vpn.allowRdpTo(host);
    const json = synthJson(stack);
    expect(bodiesOf(json, Ec2ClientVpnAuthorizationRule).map((r) => r.target_network_cidr).sort()).toEqual(['10.42.1.0/24', '10.42.2.0/24']);
    expect(onlyResourceOf(json, Instance).subnet_id).toBe(TEST_NETWORK.publicSubnetId);
  });

  test('fails to connect a public host when the public subnet range is unknown (the rule would be dead)', () => {
    const stack = testStack();
    const network = plainNetworkWithPublicSubnet({ publicSubnet: { subnetId: TEST_NETWORK.publicSubnetId } });
    const vpn = new AwsRdpClientVpn(stack, 'Vpn', vpnProps({ network }));
    const host = new AwsRdpHost(stack, 'Vendor', {
      network,
      image: WindowsAmi.fromId('ami-0123456789abcdef0'),
      access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['203.0.113.0/24']), Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from its office')),
    });
    expect(() => vpn.allowRdpTo(host)).toThrow(/`target` is placed in the public subnet, whose range the network does not know/);
  });
});
