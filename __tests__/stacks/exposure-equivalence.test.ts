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
  AzureWindowsImage,
} from '../../constructs';
import * as ipaddr from 'ipaddr.js';
import { hostLayers, reaches } from '../azure/nsg-evaluator';
import { bodiesOf, synthJson, testStack } from '../helpers/template';

/** What a host admits on RDP: `protocol source port` entries, and whether it has a public address. */
interface Exposure {
  readonly admitted: string[];
  readonly publicAddress: boolean;
  /** The probe flows (see {@link probesOf}) that reach the host, as `label protocol port`. */
  readonly reachable: string[];
}

/** Ports an attacker inside the network would try (SMB, WinRM, RPC, default RDP), and the RDP port. */
const PROBE_PORTS = [445, 5985, 135, 3389];

/** A source address to probe with, and whether Azure counts it in the `VirtualNetwork` tag. */
interface ProbeSource {
  readonly label: string;
  readonly address: string;
  readonly inVirtualNetwork: boolean;
}

/** One address inside each listed source, plus sources nobody listed: the network itself, a VPN pool, on-premises, the internet. */
function probesOf(access: RdpAccess): ProbeSource[] {
  const inside = (cidr: string) => {
    const [network, bits] = ipaddr.parseCIDR(cidr);
    const bytes = network.toByteArray();
    if (bits < bytes.length * 8) bytes[bytes.length - 1] += 1;
    return ipaddr.fromByteArray(bytes).toString();
  };
  return [
    ...access.sources.map((p) => ({ label: p.cidr, address: inside(p.cidr), inVirtualNetwork: p.isPrivate })),
    { label: 'the host network', address: '10.52.200.4', inVirtualNetwork: true },
    { label: 'an unlisted VPN pool', address: '10.251.0.9', inVirtualNetwork: true },
    { label: 'an unlisted on-premises range', address: '172.31.9.9', inVirtualNetwork: true },
    { label: 'the internet', address: '203.0.113.200', inVirtualNetwork: false },
  ];
}

/** Probe flows that `admits(address, protocol, port)` lets through. */
function reachableFlows(access: RdpAccess, port: RdpPort, admits: (probe: ProbeSource, protocol: 'Tcp' | 'Udp', port: number) => boolean): string[] {
  const reachable: string[] = [];
  for (const probe of probesOf(access)) {
    for (const p of [...PROBE_PORTS, port.number]) {
      for (const protocol of ['Tcp', 'Udp'] as const) if (admits(probe, protocol, p)) reachable.push(`${probe.label} ${protocol} ${p}`);
    }
  }
  return reachable.sort();
}

const contains = (cidr: string, address: string) => {
  const [network, bits] = ipaddr.parseCIDR(cidr);
  const parsed = ipaddr.parse(address);
  return parsed.kind() === network.kind() && parsed.match(network, bits);
};

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
  const [instance] = bodiesOf(json, 'aws_instance');
  // A security group admits what any of its ingress rules admits (AWS denies everything else).
  const groups = (instance.vpc_security_group_ids as string[]).map((ref) => /^\$\{aws_security_group\.([^.]+)\.id\}$/.exec(ref)![1]);
  const ingress = bodiesOf(json, 'aws_vpc_security_group_ingress_rule').filter((r) => groups.some((g) => String(r.security_group_id).startsWith(`\${aws_security_group.${g}.`)));
  const admitted = ingress.map((r) => {
    expect(r.from_port).toBe(r.to_port);
    return `${String(r.ip_protocol).toLowerCase()} ${r.cidr_ipv4 ?? r.cidr_ipv6} ${r.from_port}`;
  });
  const reachable = reachableFlows(access, port, (probe, protocol, p) =>
    ingress.some((r) => ['-1', protocol.toLowerCase()].includes(String(r.ip_protocol)) && (r.ip_protocol === '-1' || (Number(r.from_port) <= p && p <= Number(r.to_port))) && contains(String(r.cidr_ipv4 ?? r.cidr_ipv6), probe.address)));
  return { admitted: admitted.sort(), publicAddress: instance.associate_public_ip_address === true, reachable };
}

function azureExposure(access: RdpAccess, port: RdpPort, udp: boolean): Exposure {
  const stack = testStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new RandomProvider(stack, 'random');
  const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
  new AzureRdpHost(stack, 'Host', { image: AzureWindowsImage.server2022DatacenterAzureEdition(),
    subnet: network.addHostSubnet('host', '10.52.1.0/24'),
    keyVault: new AzureRdpKeyVault(stack, 'Vault', { resourceGroupName: network.resourceGroupName, location: network.location }),
    name: 'host',
    access,
    rdpPort: port,
    udp,
  });
  const json = synthJson(stack, true);
  const admitted = bodiesOf(json, 'azurerm_network_security_rule')
    .filter((r) => r.access === 'Allow')
    .map((r) => `${String(r.protocol).toLowerCase()} ${r.source_address_prefix} ${r.destination_port_range}`);
  // Azure's NSGs as Azure evaluates them: subnet NSG, then NIC NSG, each with its default rules
  // (AllowVnetInBound admits every VirtualNetwork source unless a deny comes first).
  const [host] = hostLayers(json);
  expect(host.layers).toHaveLength(2);
  const reachable = reachableFlows(access, port, (probe, protocol, p) =>
    reaches(host, { source: probe.address, tags: [probe.inVirtualNetwork ? 'VirtualNetwork' : 'Internet'], port: p, protocol }));
  return { admitted: admitted.sort(), publicAddress: bodiesOf(json, 'azurerm_public_ip').length > 0, reachable };
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
    // The same flows get through on both clouds: the RDP port from the listed sources, nothing else
    // (no other port, no unlisted VPN, on-premises or network source).
    const reachable = access().sources.flatMap((p) => (udp ? ['Tcp', 'Udp'] : ['Tcp']).map((proto) => `${p.cidr} ${proto} ${port.number}`));
    expect(aws.reachable).toEqual(reachable.sort());
    expect(aws.publicAddress).toBe(access().needsPublicIp);
    expect(port.number).not.toBe(3389);
  });
});
