/**
 * Defect 3 of issue 12: Azure's default rule AllowVnetInBound (65000) admits the `VirtualNetwork` tag
 * (the point-to-site pool, on-premises ranges, peered networks, the virtual network itself) to every
 * port. These tests evaluate the synthesized NSGs as Azure does (subnet NSG, then NIC NSG, with Azure's
 * default rules; see nsg-evaluator.ts) for VPN, on-premises, virtual-network, load-balancer and internet
 * sources against SMB, WinRM, RPC, 3389 and the RDP port: only the RDP port from the admitted sources
 * gets through, on the shipped configurations and on generated ones.
 */
import fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { App, Testing } from 'cdktf';
import { buildStacks } from '../../stacks/app';
import { AzureConfig } from '../../stacks/config/azure-config';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { fleetConfig } from '../../stacks/fleet-config';
import { RdpAccessMode } from '../../constructs';
import { TerraformJson } from '../helpers/template';
import { AzureSourceTag, evaluateNsg, Flow, hostLayers, NsgRuleBody, reaches } from './nsg-evaluator';

/** Ports an attacker inside the network would try: SMB, WinRM (HTTP), RPC endpoint mapper, default RDP. */
const OTHER_PORTS = [445, 5985, 135, 3389];

/** The synthesized Azure stack of a configuration, validated as the CLI does. */
function synthAzure(config: { azure: AzureConfig }): { json: TerraformJson; azure: AzureConfig } {
  const validated = validateConfig(config, {});
  const app: App = Testing.app();
  buildStacks(app, validated);
  const stack = app.node.children.find((c) => c.node.id === validated.azure!.stackName) as unknown as { toTerraform(): unknown };
  return { json: JSON.parse(JSON.stringify(stack.toTerraform())) as TerraformJson, azure: validated.azure! };
}

/** An address inside a CIDR (its second address), and the tag Azure counts it in. */
function addressIn(cidr: string): string {
  const [network] = ipaddr.parseCIDR(cidr);
  const bytes = network.toByteArray();
  bytes[bytes.length - 1] += 1;
  return ipaddr.fromByteArray(bytes).toString();
}

interface Probe {
  readonly label: string;
  readonly source: string;
  readonly tags: readonly AzureSourceTag[];
}

/** The sources a configuration admits to a host's RDP port (from the configuration, not the plan). */
function admittedCidrs(azure: AzureConfig, hostName: string): string[] {
  const host = azure.hosts.find((h) => h.name === hostName)!;
  const gateway = azure.vpnGateway;
  return [
    ...(gateway?.pointToSite ? [gateway.pointToSite.addressPool ?? '10.250.0.0/24'] : []),
    ...(gateway?.siteToSite?.onPremisesCidrs ?? []),
    ...(host.allowlist ?? []),
  ];
}

const isPrivate = (cidr: string) => ['private', 'uniqueLocal'].includes(ipaddr.parseCIDR(cidr)[0].range());

/** Every probe for a host: its admitted sources, and sources it does not admit in every tag. */
function probesFor(azure: AzureConfig, hostName: string): { admitted: Probe[]; others: Probe[] } {
  const admitted = admittedCidrs(azure, hostName)
    .filter((cidr) => !cidr.includes(':'))
    .map((cidr) => ({ label: `admitted ${cidr}`, source: addressIn(cidr), tags: (isPrivate(cidr) ? ['VirtualNetwork'] : ['Internet']) as AzureSourceTag[] }));
  const others: Probe[] = [
    { label: 'another subnet of the virtual network', source: '10.52.200.4', tags: ['VirtualNetwork'] },
    { label: 'the GatewaySubnet', source: '10.52.255.230', tags: ['VirtualNetwork'] },
    { label: 'a peered network', source: '10.99.0.4', tags: ['VirtualNetwork'] },
    { label: 'an on-premises range not listed', source: '172.31.9.9', tags: ['VirtualNetwork'] },
    { label: 'Azure Load Balancer probes', source: '168.63.129.16', tags: ['AzureLoadBalancer'] },
    { label: 'the internet', source: '192.0.2.200', tags: ['Internet'] },
  ];
  return { admitted, others };
}

/** Asserts the exposure matrix of every host of a synthesized Azure stack; returns how many flows it judged. */
function expectOnlyRdpFromAdmitted(json: TerraformJson, azure: AzureConfig): number {
  const hosts = hostLayers(json);
  expect(hosts.map((h) => h.vm).sort()).toEqual(azure.hosts.map((h) => h.name).sort());
  let flows = 0;
  for (const host of hosts) {
    const config = azure.hosts.find((h) => h.name === host.vm)!;
    const rdpPort = config.rdpPort ?? 43389;
    expect(host.layers).toHaveLength(config.skipSubnetNsgAssociation ? 1 : 2);
    const { admitted, others } = probesFor(azure, host.vm);
    expect(admitted.length).toBeGreaterThan(0);
    const verdicts: string[] = [];
    const expected: string[] = [];
    for (const probe of [...admitted, ...others]) {
      for (const port of [...OTHER_PORTS, rdpPort]) {
        for (const protocol of ['Tcp', 'Udp'] as const) {
          const flow: Flow = { source: probe.source, tags: probe.tags, port, protocol };
          flows++;
          if (reaches(host, flow)) verdicts.push(`${probe.label} ${protocol} ${port}`);
          if (admitted.includes(probe) && port === rdpPort && (protocol === 'Tcp' || config.udp)) expected.push(`${probe.label} ${protocol} ${port}`);
        }
      }
    }
    expect({ host: host.vm, reaches: verdicts }).toEqual({ host: host.vm, reaches: expected });
  }
  return flows;
}

describe('the NSG evaluator models Azure', () => {
  const rdp: NsgRuleBody = { name: 'Allow-Rdp', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '10.250.0.0/24', destination_address_prefix: '*', destination_port_range: '43389' };
  const vpnSmb: Flow = { source: '10.250.0.7', tags: ['VirtualNetwork'], port: 445, protocol: 'Tcp' };

  test('AllowVnetInBound admits a VPN client to SMB when only the RDP port is denied (the defect)', () => {
    const onlyRdpDenied: NsgRuleBody = { name: 'Deny-Rdp', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '43389' };
    expect(evaluateNsg([rdp, onlyRdpDenied], vpnSmb)).toEqual({ access: 'Allow', rule: 'AllowVnetInBound' });
    expect(evaluateNsg([rdp, onlyRdpDenied], { ...vpnSmb, tags: ['AzureLoadBalancer'], source: '168.63.129.16' })).toEqual({ access: 'Allow', rule: 'AllowAzureLoadBalancerInBound' });
    expect(evaluateNsg([rdp, onlyRdpDenied], { ...vpnSmb, tags: ['Internet'], source: '198.51.100.1' })).toEqual({ access: 'Deny', rule: 'DenyAllInBound' });
  });

  test('the first matching rule by priority decides; both layers must allow', () => {
    const denyAll: NsgRuleBody = { name: 'Deny-All', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*' };
    expect(evaluateNsg([rdp, denyAll], vpnSmb)).toEqual({ access: 'Deny', rule: 'Deny-All' });
    expect(evaluateNsg([rdp, denyAll], { ...vpnSmb, port: 43389 })).toEqual({ access: 'Allow', rule: 'Allow-Rdp' });
    expect(evaluateNsg([rdp, denyAll], { ...vpnSmb, port: 43389, protocol: 'Udp' })).toEqual({ access: 'Deny', rule: 'Deny-All' });
    expect(reaches({ vm: 'x', layers: [[rdp, denyAll], [denyAll]] }, { ...vpnSmb, port: 43389 })).toBe(false);
    expect(() => evaluateNsg([rdp, { ...rdp, name: 'twin' }], vpnSmb)).toThrow(/share a priority/);
  });
});

describe('only the RDP port, only from the admitted sources, through both NSG layers', () => {
  test('the embedded default configuration (point-to-site VPN)', () => {
    const { json, azure } = synthAzure(DEFAULT_CONFIG as { azure: AzureConfig });
    expect(expectOnlyRdpFromAdmitted(json, azure)).toBeGreaterThan(0);
  });

  test('examples/fleet.example.json (four roles, one gateway)', () => {
    const { json, azure } = synthAzure(fleetConfig(8) as { azure: AzureConfig });
    expect(expectOnlyRdpFromAdmitted(json, azure)).toBeGreaterThan(0);
  });

  test('site-to-site ranges, a private allowlist with UDP, and a public allowlist (acknowledged)', () => {
    const base = DEFAULT_CONFIG.azure!;
    const azure: AzureConfig = {
      ...base,
      vpnGateway: { ...base.vpnGateway!, siteToSite: { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['192.168.10.0/24'] } },
      hosts: [
        ...base.hosts,
        { name: 'ops-2', subnetCidr: '10.52.2.0/24', access: RdpAccessMode.VPN_ONLY, allowlist: ['172.20.0.0/24'], udp: true, rdpPort: 50123 },
        { name: 'vendor-3', subnetCidr: '10.52.3.0/24', access: RdpAccessMode.ALLOWLIST, allowlist: ['203.0.113.64/26'], rdpPort: 44124, internetExposure: { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support from its fixed office range' } },
      ],
    };
    const { json, azure: validated } = synthAzure({ azure });
    expect(expectOnlyRdpFromAdmitted(json, validated)).toBeGreaterThan(0);
  });

  test('property: any port other than RDP is unreachable from every VPN, on-premises and virtual-network source; every admitted source reaches RDP', () => {
    const base = DEFAULT_CONFIG.azure!;
    const privateCidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `192.168.${a}.${b & 0xf0}/28`);
    fc.assert(
      fc.property(
        fc.integer({ min: 1024, max: 65535 }).filter((p) => p !== 3389 && !OTHER_PORTS.includes(p)),
        fc.uniqueArray(privateCidr, { maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 65535 }),
        (rdpPort, allowlist, udp, siteToSite, probePort) => {
          const azure: AzureConfig = {
            ...base,
            vpnGateway: { ...base.vpnGateway!, ...(siteToSite ? { siteToSite: { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['172.30.0.0/24'] } } : {}) },
            hosts: [{ name: 'gen-1', subnetCidr: '10.52.7.0/24', access: RdpAccessMode.VPN_ONLY, rdpPort, udp, ...(allowlist.length ? { allowlist } : {}) }],
          };
          const { json, azure: validated } = synthAzure({ azure });
          const [host] = hostLayers(json);
          const admitted = admittedCidrs(validated, 'gen-1');
          for (const cidr of [...admitted, '10.52.200.0/24', '10.99.0.0/24']) {
            for (const protocol of ['Tcp', 'Udp'] as const) {
              const flow: Flow = { source: addressIn(cidr), tags: ['VirtualNetwork'], port: probePort, protocol };
              const expected = admitted.includes(cidr) && probePort === rdpPort && (protocol === 'Tcp' || udp);
              if (reaches(host, flow) !== expected) return false;
              if (admitted.includes(cidr) && !reaches(host, { ...flow, port: rdpPort, protocol: 'Tcp' })) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 25 },
    );
  });
});
