/**
 * The same access model gives the same effective exposure on both clouds: the same port, the same
 * protocols and the same set of sources, and a public address exactly when a public source needs one.
 * Read from the synthesized JSON, the way a reviewer reads the plan.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import {
  Acknowledge,
  AwsRdpHost,
  AwsManagementPath,
  AwsRdpNetwork,
  AzureRdpHost,
  AzureRdpKeyVault,
  AzureRdpNetwork,
  RdpAccess,
  RdpAllowlist,
  RdpPort,
  WindowsAmi,
} from '../../constructs';
import { bodiesOf, synthJson, TerraformJson, testStack } from '../helpers/template';

/** What a host admits on RDP: `protocol source port` entries, and whether it has a public address. */
interface Exposure {
  readonly admitted: string[];
  readonly publicAddress: boolean;
}

function awsExposure(access: RdpAccess, port: RdpPort, udp: boolean): Exposure {
  const stack = testStack();
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new AwsRdpHost(stack, 'Host', {
    network: AwsRdpNetwork.fromExisting(stack, 'Net', {
      vpcId: 'vpc-0a1b2c3d',
      subnetId: 'subnet-0a1b2c3d',
      publicSubnetId: 'subnet-0e0f1a2b',
      managementPath: AwsManagementPath.EXISTING_ENDPOINTS,
      endpointSecurityGroupId: 'sg-0a1b2c3d4e',
    }),
    image: WindowsAmi.fromId('ami-0123456789abcdef0'),
    access,
    rdpPort: port,
    udp,
  });
  const json = synthJson(stack, true);
  const admitted = bodiesOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => {
    expect(r.from_port).toBe(r.to_port);
    return `${String(r.ip_protocol).toLowerCase()} ${r.cidr_ipv4 ?? r.cidr_ipv6} ${r.from_port}`;
  });
  const [instance] = bodiesOf(json, 'aws_instance');
  return { admitted: admitted.sort(), publicAddress: instance.associate_public_ip_address === true };
}

function azureExposure(access: RdpAccess, port: RdpPort, udp: boolean): Exposure {
  const stack = testStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new RandomProvider(stack, 'random');
  const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
  new AzureRdpHost(stack, 'Host', {
    subnet: network.addHostSubnet('host', '10.52.1.0/24'),
    keyVault: new AzureRdpKeyVault(stack, 'Vault', { resourceGroupName: network.resourceGroupName, location: network.location }),
    name: 'host',
    access,
    rdpPort: port,
    udp,
  });
  const json = synthJson(stack, true);
  expectEverythingElseDenied(json, port);
  const admitted = bodiesOf(json, 'azurerm_network_security_rule')
    .filter((r) => r.access === 'Allow')
    .map((r) => `${String(r.protocol).toLowerCase()} ${r.source_address_prefix} ${r.destination_port_range}`);
  return { admitted: admitted.sort(), publicAddress: bodiesOf(json, 'azurerm_public_ip').length > 0 };
}

/**
 * AWS security groups deny whatever no rule allows; an NSG needs an explicit deny to match that for the
 * RDP port (Azure's AllowVnetInBound would otherwise admit the whole virtual network).
 */
function expectEverythingElseDenied(json: TerraformJson, port: RdpPort): void {
  const rules = bodiesOf(json, 'azurerm_network_security_rule');
  const deny = rules.find((r) => r.access === 'Deny' && r.destination_port_range === port.toString());
  expect(deny).toMatchObject({ direction: 'Inbound', source_address_prefix: '*', protocol: '*' });
  for (const allow of rules.filter((r) => r.access === 'Allow')) expect(allow.priority as number).toBeLessThan(deny!.priority as number);
}

describe('AWS and Azure hosts with the same access model have the same exposure', () => {
  test.each([
    ['VPN-only, private sources, TCP', () => RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24', '172.16.50.0/24', '100.64.8.0/24'])), RdpPort.default(), false],
    ['allowlist with public sources, TCP and UDP', () => RdpAccess.allowlist(RdpAllowlist.fromCidrs(['198.51.100.0/24', '203.0.113.10/32', '192.0.2.0/24']), Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from a fixed office range')), RdpPort.of(50123), true],
    ['allowlist with private sources only', () => RdpAccess.allowlist(RdpAllowlist.fromCidrs(['192.168.10.0/24'])), RdpPort.of(13389), false],
  ])('%s', (_label, access, port, udp) => {
    const aws = awsExposure(access(), port, udp);
    const azure = azureExposure(access(), port, udp);
    expect(azure).toEqual(aws);
    // …and that exposure is exactly the access model: every source, on the custom port only.
    const expected = access().sources.flatMap((p) => (udp ? ['tcp', 'udp'] : ['tcp']).map((proto) => `${proto} ${p.cidr} ${port.number}`));
    expect(aws.admitted).toEqual(expected.sort());
    expect(aws.publicAddress).toBe(access().needsPublicIp);
    expect(port.number).not.toBe(3389);
  });
});
