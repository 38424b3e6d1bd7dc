import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnConnectionRoute } from '@cdktf/provider-aws/lib/vpn-connection-route';
import { Acknowledge, AwsRdpHost, AwsRdpSiteToSiteVpn, AwsRdpSiteToSiteVpnProps, RdpAccess, RdpAllowlist, WindowsAmi } from '../../constructs';
import { plaintextSecrets } from '../helpers/security-assertions';
import { plainNetwork, plainNetworkWithPublicSubnet, TEST_NETWORK } from '../helpers/aws-network';
import { bodiesOf, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const NETWORK = plainNetwork();

function props(overrides: Partial<AwsRdpSiteToSiteVpnProps> = {}): AwsRdpSiteToSiteVpnProps {
  return { network: NETWORK, customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['192.168.10.0/24'], ...overrides };
}

describe('AwsRdpSiteToSiteVpn', () => {
  test('both tunnels: IKEv2 only, AES-256-GCM, SHA2-384, DH group 20, logging; PSK in Secrets Manager', () => {
    const stack = testStack();
    new AwsRdpSiteToSiteVpn(stack, 'S2s', props());
    const json = synthJson(stack);
    const connection = onlyResourceOf(json, VpnConnection);
    for (const n of [1, 2]) {
      expect(connection).toMatchObject({
        [`tunnel${n}_ike_versions`]: ['ikev2'],
        [`tunnel${n}_phase1_encryption_algorithms`]: ['AES256-GCM-16'],
        [`tunnel${n}_phase1_integrity_algorithms`]: ['SHA2-384'],
        [`tunnel${n}_phase1_dh_group_numbers`]: [20],
        [`tunnel${n}_phase2_encryption_algorithms`]: ['AES256-GCM-16'],
        [`tunnel${n}_phase2_integrity_algorithms`]: ['SHA2-384'],
        [`tunnel${n}_phase2_dh_group_numbers`]: [20],
        [`tunnel${n}_log_options`]: { cloudwatch_log_options: { log_enabled: true, log_output_format: 'json' } },
      });
      expect(connection[`tunnel${n}_preshared_key`]).toBeUndefined();
    }
    expect(connection).toMatchObject({ preshared_key_storage: 'SecretsManager', static_routes_only: true, type: 'ipsec.1' });
    expect(onlyResourceOf(json, VpnConnectionRoute)).toMatchObject({ destination_cidr_block: '192.168.10.0/24' });
    expect(onlyResourceOf(json, CloudwatchLogGroup).retention_in_days).toBe(365);
    expect(plaintextSecrets(json)).toEqual([]);
  });

  test('allowRdpTo admits the on-premises ranges on the host port', () => {
    const stack = testStack();
    const vpn = new AwsRdpSiteToSiteVpn(stack, 'S2s', props({ onPremisesCidrs: ['192.168.10.0/24', '172.20.0.0/16'] }));
    const host = new AwsRdpHost(stack, 'Host', { network: NETWORK, image: WindowsAmi.fromId('ami-0123456789abcdef0'), access: RdpAccess.vpnOnly() });
    vpn.allowRdpTo(host);
    expect(bodiesOf(synthJson(stack, false), VpcSecurityGroupIngressRule).map((r) => r.cidr_ipv4).sort()).toEqual(['172.20.0.0/16', '192.168.10.0/24']);
  });

  test.each([
    [{ customerGatewayIp: '10.0.0.1' }, /`customerGatewayIp` must be the public IPv4 address/],
    [{ customerGatewayIp: 'vpn.example.com' }, /`customerGatewayIp`/],
    [{ onPremisesCidrs: [] }, /`onPremisesCidrs` must list at least one/],
    [{ onPremisesCidrs: ['203.0.113.0/24'] }, /`onPremisesCidrs\[0\]` must be a private IPv4 range/],
    [{ onPremisesCidrs: ['10.42.5.0/24'] }, /`onPremisesCidrs\[0\]` overlaps the VPC range/],
    [{ onPremisesCidrs: ['192.168.10.0/24', '0.0.0.0/0'] }, /`onPremisesCidrs\[1\]` must not mean the whole internet/],
    [{ customerGatewayBgpAsn: 0 }, /`customerGatewayBgpAsn`/],
  ])('fails on bad input %p', (overrides, message) => {
    expect(() => new AwsRdpSiteToSiteVpn(testStack(), 'S2s', props(overrides as Partial<AwsRdpSiteToSiteVpnProps>))).toThrow(message);
  });

  test('needs a route table for on-premises routes', () => {
    const network = plainNetwork({ routeTableId: undefined });
    expect(() => new AwsRdpSiteToSiteVpn(testStack(), 'S2s', props({ network }))).toThrow(/`routeTableId` is required/);
  });

  test('a network with a public subnet: its route table learns the on-premises routes too, so public hosts answer through the VPN', () => {
    const stack = testStack();
    const network = plainNetworkWithPublicSubnet();
    const vpn = new AwsRdpSiteToSiteVpn(stack, 'S2s', props({ network }));
    const publicAccess = RdpAccess.allowlist(RdpAllowlist.fromCidrs(['203.0.113.0/24']), Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from its office'));
    vpn.allowRdpTo(new AwsRdpHost(stack, 'Vendor', { network, image: WindowsAmi.fromId('ami-0123456789abcdef0'), access: publicAccess }));
    expect(bodiesOf(synthJson(stack), 'aws_vpn_gateway_route_propagation').map((p) => p.route_table_id).sort()).toEqual(['rtb-0a1b2c3d', 'rtb-0e0f1a2b']);

    const unknown = testStack();
    const noRoutes = plainNetworkWithPublicSubnet({ publicSubnet: { subnetId: TEST_NETWORK.publicSubnetId } });
    const vpn2 = new AwsRdpSiteToSiteVpn(unknown, 'S2s', props({ network: noRoutes }));
    const host = new AwsRdpHost(unknown, 'Vendor', { network: noRoutes, image: WindowsAmi.fromId('ami-0123456789abcdef0'), access: publicAccess });
    expect(() => vpn2.allowRdpTo(host)).toThrow(/`target` is placed in the public subnet, whose route table the network does not know/);
  });
});
