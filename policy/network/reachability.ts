/**
 * The effective reachability model: one answer per host to "which ports can be reached from
 * which kind of peer, through which resources, and can the host reach its management plane".
 *
 * - AWS: the host's security groups (inline and standalone rules, found through the instance, its
 *   ENIs, `aws_network_interface_sg_attachment` and its launch template) are a union of allows;
 *   network ACLs of the host's subnet, when the document has them, filter that union (first match by
 *   rule number, implicit deny). Referenced groups are resolved to their members: a Client VPN
 *   endpoint's group is the VPN pool, a group of instances or endpoints is the VPC.
 * - Azure: the subnet NSG and the NIC NSG must both allow; each is evaluated by priority with
 *   Azure's default rules (`AllowVnetInBound` 65000, `AllowAzureLoadBalancerInBound` 65001,
 *   `DenyAllInBound` 65500). The `VirtualNetwork` tag is expanded into what it contains here: the
 *   VNet itself, the point-to-site pool, on-premises ranges and peered VNets.
 *
 * Ports are evaluated exactly: reachability is constant between the boundaries of the rules, so the
 * model probes one port per segment and reports segments, not samples.
 */
import { memo } from '../memo';
import { PolicyDocument } from '../document';
import { SynthResource } from '../resource';
import { blocks, bool, isUnresolved, list, num } from '../values';
import { egressCovers, egressOfGroup } from './egress';
import { awsSecurityGroupsOf, azureNicsOf, azureNsgLayersOf, PublicAddress, publicAddressOf, rdpPortsOf } from './hosts';
import { coversPort, describePermission, IngressPermission, permissionsOfGroup, PortRange } from './ingress';
import { effectiveNsgSources, sourceCovers } from './nsg';
import { cidrContains, classifyCidr, Source, SourceKind } from './sources';

/** The kind of peer a reachable source is, from the host's point of view. */
export enum SourceClass {
  /** Everyone on the internet. */
  WORLD = 'world',
  /** Named public ranges. */
  PUBLIC = 'public range',
  /** A VPN client pool (AWS Client VPN, Azure point-to-site) or the VPN endpoint's group. */
  VPN = 'VPN pool',
  /** On-premises ranges behind a site-to-site VPN. */
  ON_PREMISES = 'on-premises',
  /** The host's own VPC / VNet (other hosts, endpoints, members of a group). */
  VIRTUAL_NETWORK = 'virtual network',
  /** Peered VPCs / VNets. */
  PEERED = 'peered network',
  /** A private range the document does not attribute (peered, on-premises or another VPC). */
  PRIVATE = 'private range',
  /** A platform service (Azure load balancer probes, service tags, prefix lists). */
  PLATFORM = 'platform',
  /** A value the document cannot read. */
  UNRESOLVED = 'unresolved',
}

/** Classes that are private networks: VPN, on-premises, the virtual network and peers. */
export const PRIVATE_CLASSES: readonly SourceClass[] = [SourceClass.VPN, SourceClass.ON_PREMISES, SourceClass.VIRTUAL_NETWORK, SourceClass.PEERED, SourceClass.PRIVATE];

/** One (source, transport, ports) the host admits, with the resources that admit it. */
export interface ReachEntry {
  /** The source as written. */
  readonly source: Source;
  /** Its class. */
  readonly sourceClass: SourceClass;
  /** Human label, e.g. `10.250.0.0/24 (point-to-site pool of azurerm_virtual_network_gateway.vpn)`. */
  readonly label: string;
  /** `tcp` or `udp`. */
  readonly transport: 'tcp' | 'udp';
  /** Reachable port ranges. */
  readonly ports: readonly PortRange[];
  /** The rule that admits it (the first layer's, on Azure). */
  readonly via: string;
  /** Every resource on the way: the admitting rule of each NSG layer, the network ACL. */
  readonly through: readonly string[];
}

/** Whether the host can reach its management plane (AWS Systems Manager; Azure's VM agent). */
export interface ManagementPath {
  /** `yes`, `no`, or `unknown`. */
  readonly state: 'yes' | 'no' | 'unknown';
  /** How (or why not). */
  readonly via: readonly string[];
  /** True when the host's subnet or VPC is outside the document, so the answer is the network owner's. */
  readonly outside?: boolean;
}

/** The model's answer for one host. */
export interface HostReachability {
  /** The host. */
  readonly host: SynthResource;
  /** RDP ports (from the hardening profile, else 3389). */
  readonly rdpPorts: readonly number[];
  /** Public address. */
  readonly publicAddress: PublicAddress;
  /** Everything the filters admit, per source, transport and port segment. */
  readonly entries: readonly ReachEntry[];
  /** Management path. */
  readonly management: ManagementPath;
  /** Whether the host's network carries IPv6 (`unknown` when it is outside the document). */
  readonly ipv6: 'yes' | 'no' | 'unknown';
  /** Whether inbound internet traffic can be routed to the host's subnet (AWS: a default route to an internet gateway; Azure: always, the platform routes public IPs). */
  readonly internetRoute: 'yes' | 'no' | 'unknown';
}

/** The model of one host, computed once per document. */
export function reachabilityOf(host: SynthResource, doc: PolicyDocument): HostReachability {
  return memo(host, `reachability:${doc.source}`, () => ({
    host,
    rdpPorts: safe(() => rdpPortsOf(host, doc), [3389]),
    publicAddress: publicAddressOf(host, doc),
    entries: host.type === 'aws_instance' ? awsEntries(host, doc) : azureEntries(host, doc),
    management: host.type === 'aws_instance' ? awsManagement(host, doc) : azureManagement(),
    ipv6: host.type === 'aws_instance' ? awsIpv6(host, doc) : azureIpv6(host, doc),
    internetRoute: host.type === 'aws_instance' ? awsInternetRoute(host, doc) : 'yes',
  }));
}

/** Entries that reach `port` over `transport`. */
export function entriesAt(model: HostReachability, port: number, transport: 'tcp' | 'udp'): ReachEntry[] {
  return model.entries.filter((e) => e.transport === transport && e.ports.some((r) => r.from <= port && port <= r.to));
}

/** The ranges of `ports` minus the given single ports. */
export function withoutPorts(ports: readonly PortRange[], excluded: readonly number[]): PortRange[] {
  let out: PortRange[] = [...ports];
  for (const x of excluded) {
    out = out.flatMap((r) => (x < r.from || x > r.to ? [r] : [...(r.from < x ? [{ from: r.from, to: x - 1 }] : []), ...(x < r.to ? [{ from: x + 1, to: r.to }] : [])]));
  }
  return out;
}

/** Renders port ranges, e.g. `445, 5985-5986` or `all ports`. */
export function showRanges(ports: readonly PortRange[]): string {
  if (ports.some((r) => r.from <= 0 && r.to >= 65535)) return 'all ports';
  return ports.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ');
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------- source classification

interface Ranges {
  readonly vpn: { cidr: string; label: string }[];
  readonly onPrem: { cidr: string; label: string }[];
  readonly network: { cidr: string; label: string }[];
  readonly peered: { cidr: string; label: string }[];
  readonly vpnGroups: Map<string, string>;
}

function literalCidrs(value: unknown, what: string): string[] {
  return safe(() => list(value, what), [] as unknown[]).filter((v): v is string => typeof v === 'string' && !isUnresolved(v));
}

/** The named private ranges of a document, indexed once. */
function rangesOf(doc: PolicyDocument): Ranges {
  return memo(doc, 'reachability-ranges', () => {
    const vpn: Ranges['vpn'] = [];
    const onPrem: Ranges['onPrem'] = [];
    const network: Ranges['network'] = [];
    const peered: Ranges['peered'] = [];
    const vpnGroups = new Map<string, string>();
    for (const e of doc.ofType('aws_ec2_client_vpn_endpoint')) {
      for (const c of literalCidrs(e.body.client_cidr_block, 'client_cidr_block')) vpn.push({ cidr: c, label: `client range of ${e.address}` });
      for (const v of safe(() => list(e.body.security_group_ids, 'security_group_ids'), [] as unknown[])) {
        const g = doc.resolve(v, e);
        if (g) vpnGroups.set(g.address, `Client VPN endpoint ${e.address}`);
      }
    }
    for (const g of doc.ofType('azurerm_virtual_network_gateway')) {
      for (const c of safe(() => blocks(g.body.vpn_client_configuration, 'vpn_client_configuration'), [])) {
        for (const cidr of literalCidrs(c.address_space, 'address_space')) vpn.push({ cidr, label: `point-to-site pool of ${g.address}` });
      }
    }
    for (const l of doc.ofType('azurerm_local_network_gateway')) for (const c of literalCidrs(l.body.address_space, 'address_space')) onPrem.push({ cidr: c, label: `on-premises range of ${l.address}` });
    for (const r of doc.ofType('aws_vpn_connection_route')) for (const c of literalCidrs(r.body.destination_cidr_block, 'destination_cidr_block')) onPrem.push({ cidr: c, label: `site-to-site route ${r.address}` });
    for (const r of doc.ofType('aws_route')) {
      if (r.body.vpn_gateway_id || r.body.transit_gateway_id) for (const c of literalCidrs(r.body.destination_cidr_block, 'destination_cidr_block')) onPrem.push({ cidr: c, label: `route ${r.address}` });
      if (r.body.vpc_peering_connection_id) for (const c of literalCidrs(r.body.destination_cidr_block, 'destination_cidr_block')) peered.push({ cidr: c, label: `peering route ${r.address}` });
    }
    // Azure Bastion sits in the VNet; its subnet is named first so a rule admitting it reads as Bastion, not "the VNet".
    for (const b of doc.ofType('azurerm_subnet').filter((x) => x.body.name === 'AzureBastionSubnet')) for (const c of literalCidrs(b.body.address_prefixes, 'address_prefixes')) network.push({ cidr: c, label: `Azure Bastion subnet ${b.address}` });
    for (const v of doc.ofType('aws_vpc')) for (const c of literalCidrs(v.body.cidr_block, 'cidr_block')) network.push({ cidr: c, label: `VPC ${v.address}` });
    for (const v of doc.ofType('aws_vpc_ipv4_cidr_block_association')) for (const c of literalCidrs(v.body.cidr_block, 'cidr_block')) network.push({ cidr: c, label: `VPC range ${v.address}` });
    for (const v of doc.ofType('azurerm_virtual_network')) for (const c of literalCidrs(v.body.address_space, 'address_space')) network.push({ cidr: c, label: `VNet ${v.address}` });
    return { vpn, onPrem, network, peered, vpnGroups };
  });
}

function within(ranges: readonly { cidr: string; label: string }[], source: Source): string | undefined {
  return ranges.find((r) => {
    const outer = classifyCidr(r.cidr);
    return outer.value.trim() === source.value.trim() || cidrContains(outer, source);
  })?.label;
}

/** Classifies one source of a rule that filters `host`; a `VirtualNetwork` tag expands into several classes. */
export function classify(source: Source, doc: PolicyDocument): { sourceClass: SourceClass; label: string }[] {
  const ranges = rangesOf(doc);
  switch (source.kind) {
    case SourceKind.WORLD:
      return [{ sourceClass: SourceClass.WORLD, label: `${source.value} (everyone)` }];
    case SourceKind.PUBLIC:
      return [{ sourceClass: SourceClass.PUBLIC, label: source.value }];
    case SourceKind.PRIVATE: {
      const vpn = within(ranges.vpn, source);
      if (vpn) return [{ sourceClass: SourceClass.VPN, label: `${source.value} (${vpn})` }];
      const onPrem = within(ranges.onPrem, source);
      if (onPrem) return [{ sourceClass: SourceClass.ON_PREMISES, label: `${source.value} (${onPrem})` }];
      const net = within(ranges.network, source);
      if (net) return [{ sourceClass: SourceClass.VIRTUAL_NETWORK, label: `${source.value} (inside ${net})` }];
      const peer = within(ranges.peered, source);
      if (peer) return [{ sourceClass: SourceClass.PEERED, label: `${source.value} (${peer})` }];
      return [{ sourceClass: SourceClass.PRIVATE, label: `${source.value} (private)` }];
    }
    case SourceKind.VIRTUAL_NETWORK: {
      const out = [{ sourceClass: SourceClass.VIRTUAL_NETWORK, label: 'VirtualNetwork: the VNet' }];
      if (ranges.vpn.length > 0) out.push({ sourceClass: SourceClass.VPN, label: `VirtualNetwork: point-to-site pool ${ranges.vpn.map((r) => r.cidr).join(', ')}` });
      if (ranges.onPrem.length > 0 || doc.ofType('azurerm_virtual_network_gateway_connection').length > 0) out.push({ sourceClass: SourceClass.ON_PREMISES, label: 'VirtualNetwork: on-premises ranges behind the VPN gateway' });
      if (doc.ofType('azurerm_virtual_network_peering').length > 0) out.push({ sourceClass: SourceClass.PEERED, label: 'VirtualNetwork: peered VNets' });
      return out;
    }
    case SourceKind.GROUP: {
      if (source.value === 'self') return [{ sourceClass: SourceClass.VIRTUAL_NETWORK, label: 'members of the same security group' }];
      const group = doc.resolve(source.value);
      if (group && ranges.vpnGroups.has(group.address)) return [{ sourceClass: SourceClass.VPN, label: `security group ${group.address} (${ranges.vpnGroups.get(group.address)})` }];
      if (group) return [{ sourceClass: SourceClass.VIRTUAL_NETWORK, label: `security group ${group.address} (its members)` }];
      if (isUnresolved(source.value)) return [{ sourceClass: SourceClass.UNRESOLVED, label: source.value }];
      return [{ sourceClass: SourceClass.VIRTUAL_NETWORK, label: `security group ${source.value}` }];
    }
    case SourceKind.SERVICE_TAG:
    case SourceKind.PREFIX_LIST:
      return [{ sourceClass: SourceClass.PLATFORM, label: source.value }];
    case SourceKind.UNRESOLVED:
      return [{ sourceClass: SourceClass.UNRESOLVED, label: source.value }];
    default:
      return [];
  }
}

// ---------------------------------------------------------------- AWS

function transportsOf(p: { transport: string }): ('tcp' | 'udp')[] {
  if (p.transport === 'all') return ['tcp', 'udp'];
  if (p.transport === 'tcp' || p.transport === 'udp') return [p.transport];
  return [];
}

/** The host's subnet (directly, or through its first network interface). */
export function awsSubnetOf(host: SynthResource, doc: PolicyDocument): SynthResource | undefined {
  const direct = doc.resolve(host.body.subnet_id, host);
  if (direct) return direct;
  for (const nic of safe(() => blocks(host.body.network_interface, 'network_interface'), [])) {
    const eni = doc.resolve(nic.network_interface_id, host);
    const subnet = eni ? doc.resolve(eni.body.subnet_id, eni) : undefined;
    if (subnet) return subnet;
  }
  return undefined;
}

function awsEntries(host: SynthResource, doc: PolicyDocument): ReachEntry[] {
  let groups = awsSecurityGroupsOf(host, doc);
  if (groups.length === 0) groups = doc.ofType('aws_default_security_group');
  if (groups.length === 0) {
    return (['tcp', 'udp'] as const).map((transport) => ({
      source: { kind: SourceKind.UNRESOLVED, value: 'the VPC default security group (not in this document)' },
      sourceClass: SourceClass.UNRESOLVED,
      label: 'the VPC default security group (not in this document)',
      transport,
      ports: [{ from: 0, to: 65535 }],
      via: 'no security group attached',
      through: ['no security group attached'],
    }));
  }
  const acl = awsNetworkAcl(host, doc);
  const out: ReachEntry[] = [];
  for (const g of groups) {
    for (const p of permissionsOfGroup(g, doc)) {
      for (const transport of transportsOf(p)) {
        for (const source of p.sources) {
          const ports = acl ? acl.filter(source, transport, p.ports) : p.ports;
          if (ports.length === 0) continue;
          for (const c of classify(source, doc)) {
            out.push({ source, sourceClass: c.sourceClass, label: c.label, transport, ports, via: describePermission(p), through: acl ? [describePermission(p), acl.name] : [describePermission(p)] });
          }
        }
      }
    }
  }
  return out;
}

interface AclRule {
  readonly number: number;
  readonly allow: boolean;
  readonly transport: string;
  readonly ports: PortRange;
  readonly source: Source;
}

/** The inbound rules of the network ACL of the host's subnet, when the document manages one. */
function awsNetworkAcl(host: SynthResource, doc: PolicyDocument): { name: string; filter: (s: Source, t: 'tcp' | 'udp', ports: readonly PortRange[]) => PortRange[] } | undefined {
  const subnet = awsSubnetOf(host, doc);
  if (!subnet) return undefined;
  const acls = [
    ...doc.ofType('aws_network_acl', 'aws_default_network_acl').filter((a) => safe(() => list(a.body.subnet_ids, 'subnet_ids'), [] as unknown[]).some((v) => doc.refersTo(v, subnet, a))),
    ...doc
      .ofType('aws_network_acl_association')
      .filter((a) => doc.refersTo(a.body.subnet_id, subnet, a))
      .map((a) => doc.resolve(a.body.network_acl_id, a))
      .filter((a): a is SynthResource => a !== undefined),
  ];
  const acl = acls[0];
  if (!acl) return undefined;
  const rules: AclRule[] = [];
  const protocolOf = (v: unknown): string => {
    const p = String(v ?? '').toLowerCase();
    return p === '-1' || p === 'all' ? 'all' : p === '6' ? 'tcp' : p === '17' ? 'udp' : p;
  };
  const portsOf = (b: Record<string, unknown>, transport: string): PortRange => {
    const from = num(b.from_port, 'from_port');
    const to = num(b.to_port, 'to_port');
    return transport === 'all' || from === undefined || (from === 0 && (to ?? 0) === 0) ? { from: 0, to: 65535 } : { from, to: to ?? from };
  };
  for (const b of blocks(acl.body.ingress, 'ingress')) {
    const transport = protocolOf(b.protocol);
    rules.push({ number: num(b.rule_no, 'rule_no') ?? 0, allow: String(b.action).toLowerCase() === 'allow', transport, ports: portsOf(b, transport), source: classifyCidr(String(b.cidr_block || b.ipv6_cidr_block || '')) });
  }
  for (const r of doc.ofType('aws_network_acl_rule').filter((r) => doc.refersTo(r.body.network_acl_id, acl, r) && bool(r.body.egress, 'egress') !== true)) {
    const transport = protocolOf(r.body.protocol);
    rules.push({
      number: num(r.body.rule_number, 'rule_number') ?? 0,
      allow: String(r.body.rule_action).toLowerCase() === 'allow',
      transport,
      ports: portsOf(r.body, transport),
      source: classifyCidr(String(r.body.cidr_block || r.body.ipv6_cidr_block || '')),
    });
  }
  rules.sort((a, b) => a.number - b.number);
  // A group's members sit inside the VPC: a NACL rule matches them when it names the world or a private range.
  // An entry is IPv4 or IPv6 and decides only traffic of its family: `::/0` is not the world of an IPv4 source.
  const matches = (rule: AclRule, source: Source): boolean =>
    rule.source.kind === SourceKind.WORLD
      ? source.family === undefined || rule.source.family === source.family
      : source.prefix !== undefined ? sourceCovers(rule.source, source) : rule.source.kind === SourceKind.PRIVATE;
  const allowed = (source: Source, transport: 'tcp' | 'udp', port: number): boolean => {
    const first = rules.find((r) => (r.transport === 'all' || r.transport === transport) && r.ports.from <= port && port <= r.ports.to && matches(r, source));
    return first?.allow ?? false;
  };
  const bounds = rules.flatMap((r) => [r.ports.from, r.ports.to + 1]);
  return {
    name: acl.address,
    filter: (source, transport, ports) => segments(ports, bounds).filter((seg) => allowed(source, transport, seg.from)),
  };
}

/** Splits ranges at the given boundaries (each a first port of a new segment) and merges nothing. */
function segments(ports: readonly PortRange[], bounds: readonly number[]): PortRange[] {
  const cuts = [...new Set(bounds)].sort((a, b) => a - b);
  const out: PortRange[] = [];
  for (const r of ports) {
    let start = r.from;
    for (const c of cuts) {
      if (c > start && c <= r.to) {
        out.push({ from: start, to: c - 1 });
        start = c;
      }
    }
    out.push({ from: start, to: r.to });
  }
  return out;
}

const SSM_SERVICES = ['ssm', 'ssmmessages', 'ec2messages'];

function awsManagement(host: SynthResource, doc: PolicyDocument): ManagementPath {
  const subnet = awsSubnetOf(host, doc);
  if (!subnet) {
    const noSubnet = host.body.subnet_id === undefined || host.body.subnet_id === null;
    return { state: 'unknown', via: [noSubnet ? 'no subnet_id: the instance lands in the default VPC' : 'its subnet is outside this document'], outside: !noSubnet };
  }
  const vpc = doc.resolve(subnet.body.vpc_id, subnet);
  const groups = awsSecurityGroupsOf(host, doc);
  const egress443 = (destination: (s: Source) => boolean): boolean =>
    groups.some((g) => egressOfGroup(g, doc).some((p) => p.access === 'allow' && egressCovers(p, 443, 'tcp') && p.destinations.some(destination)));
  const reasons: string[] = [];
  // 1. Interface endpoints for ssm, ssmmessages and ec2messages in the host's VPC, with private DNS.
  if (vpc) {
    const endpoints = doc.ofType('aws_vpc_endpoint').filter((e) => doc.refersTo(e.body.vpc_id, vpc, e) && String(e.body.vpc_endpoint_type ?? 'Gateway').toLowerCase() === 'interface');
    const found = SSM_SERVICES.map((svc) => endpoints.find((e) => typeof e.body.service_name === 'string' && e.body.service_name.endsWith(`.${svc}`)));
    const missing = SSM_SERVICES.filter((_, i) => !found[i]);
    if (missing.length === 0) {
      const problems: string[] = [];
      for (const e of found as SynthResource[]) {
        if (bool(e.body.private_dns_enabled, `${e.address}.private_dns_enabled`) !== true) problems.push(`${e.address} has no private DNS, so the agent resolves the public endpoint`);
        const endpointGroups = safe(() => doc.followAll(e.body.security_group_ids, 'security_group_ids', e, 'aws_security_group'), [] as SynthResource[]);
        const admits = endpointGroups.length === 0 || endpointGroups.some((g) => permissionsOfGroup(g, doc).some((p) => coversPort(p, 443, 'tcp') && p.sources.some((s) => admitsHost(s, subnet, groups, doc))));
        if (!admits) problems.push(`${e.address}'s security group does not admit HTTPS from the host`);
      }
      const endpointGroupRefs = new Set(
        (found as SynthResource[]).flatMap((e) => safe(() => doc.followAll(e.body.security_group_ids, 'security_group_ids', e, 'aws_security_group'), [] as SynthResource[]).map((g) => g.address)),
      );
      const egressOk =
        groups.length === 0 || egress443((d) => (ipv4(d) && (d.kind === SourceKind.WORLD || d.kind === SourceKind.PRIVATE)) || (d.kind === SourceKind.GROUP && endpointGroupRefs.has(doc.resolve(d.value)?.address ?? '')));
      if (!egressOk) problems.push('the host\'s security groups allow no HTTPS egress to the endpoints');
      if (problems.length === 0) return { state: 'yes', via: [`interface endpoints ${(found as SynthResource[]).map((e) => e.address).join(', ')}`] };
      reasons.push(...problems);
    } else {
      reasons.push(`no interface endpoint for ${missing.join(', ')} in ${vpc.address}`);
    }
  } else if (isUnresolved(subnet.body.vpc_id)) {
    return { state: 'unknown', via: [`${subnet.address}'s VPC is outside this document`], outside: true };
  }
  // 2. A default route to a NAT gateway, or to an internet gateway with a public address.
  const route = defaultRouteOf(subnet, vpc, doc);
  if (route.state === 'unknown') return { state: 'unknown', via: [...reasons, route.via] };
  const worldEgress = groups.length === 0 || egress443((d) => (d.kind === SourceKind.WORLD && ipv4(d)) || d.kind === SourceKind.PREFIX_LIST);
  if (route.state === 'nat' && worldEgress) return { state: 'yes', via: [`NAT route ${route.via}`] };
  if (route.state === 'igw') {
    const pub = publicAddressOf(host, doc);
    if (pub.state === 'yes' && worldEgress) return { state: 'yes', via: [`internet gateway route ${route.via} and a public address`] };
    if (pub.state === 'unknown') return { state: 'unknown', via: [...reasons, `internet route ${route.via}, public address unknown`] };
    reasons.push(`internet route ${route.via} but ${pub.state === 'no' ? 'no public address' : 'no HTTPS egress to the internet'}`);
  } else if (route.state === 'nat') {
    reasons.push(`NAT route ${route.via} but no HTTPS egress to the internet`);
  } else {
    reasons.push(`no default route to a NAT or internet gateway from ${subnet.address}`);
  }
  return { state: 'no', via: reasons };
}

function awsInternetRoute(host: SynthResource, doc: PolicyDocument): 'yes' | 'no' | 'unknown' {
  const subnet = awsSubnetOf(host, doc);
  if (!subnet) return 'unknown';
  const route = defaultRouteOf(subnet, doc.resolve(subnet.body.vpc_id, subnet), doc);
  return route.state === 'igw' ? 'yes' : route.state === 'unknown' ? 'unknown' : 'no';
}

/**
 * The Systems Manager agent reaches its endpoints over IPv4 (the host subnet's range): an IPv6 range, even
 * `::/0`, neither admits it nor lets it out, as in the NACL evaluation above.
 */
function ipv4(s: Source): boolean {
  return s.family !== 'ipv6';
}

function admitsHost(s: Source, subnet: SynthResource, hostGroups: readonly SynthResource[], doc: PolicyDocument): boolean {
  if (s.kind === SourceKind.WORLD) return ipv4(s);
  if (s.kind === SourceKind.GROUP) return hostGroups.some((g) => doc.resolve(s.value)?.address === g.address);
  if (s.prefix !== undefined) {
    const cidr = subnet.body.cidr_block;
    if (typeof cidr !== 'string' || isUnresolved(cidr)) return s.kind === SourceKind.PRIVATE;
    return cidrContains(s, classifyCidr(cidr));
  }
  return false;
}

/** The subnet's default route: `nat`, `igw`, `none`, or `unknown` when the route table is outside the document. */
function defaultRouteOf(subnet: SynthResource, vpc: SynthResource | undefined, doc: PolicyDocument): { state: 'nat' | 'igw' | 'none' | 'unknown'; via: string } {
  const association = doc.ofType('aws_route_table_association').find((a) => doc.refersTo(a.body.subnet_id, subnet, a));
  let table: SynthResource | undefined;
  if (association) {
    table = doc.resolve(association.body.route_table_id, association);
    if (!table) return { state: 'unknown', via: `${association.address}'s route table is outside this document` };
  } else if (vpc) {
    const main = doc.ofType('aws_main_route_table_association').find((m) => doc.refersTo(m.body.vpc_id, vpc, m));
    table = main ? doc.resolve(main.body.route_table_id, main) : doc.ofType('aws_default_route_table').find((d) => doc.refersTo(d.body.default_route_table_id, vpc, d));
    if (!table) return { state: 'none', via: `${vpc.address}'s main route table (local routes only)` };
  } else {
    return { state: 'unknown', via: `${subnet.address}'s route table is outside this document` };
  }
  const routes = [
    ...safe(() => blocks(table.body.route, 'route'), []),
    ...doc.ofType('aws_route').filter((r) => doc.refersTo(r.body.route_table_id, table, r)).map((r) => r.body),
  ].filter((r) => r.cidr_block === '0.0.0.0/0' || r.destination_cidr_block === '0.0.0.0/0');
  for (const r of routes) {
    if (r.nat_gateway_id) return { state: 'nat', via: `${table.address} → ${doc.resolve(r.nat_gateway_id, table)?.address ?? String(r.nat_gateway_id)}` };
    const gw = r.gateway_id ? doc.resolve(r.gateway_id, table) : undefined;
    if (gw?.type === 'aws_internet_gateway' || (typeof r.gateway_id === 'string' && r.gateway_id.startsWith('igw-'))) return { state: 'igw', via: `${table.address} → ${gw?.address ?? String(r.gateway_id)}` };
  }
  return { state: 'none', via: table.address };
}

function awsIpv6(host: SynthResource, doc: PolicyDocument): 'yes' | 'no' | 'unknown' {
  if ((num(host.body.ipv6_address_count, 'ipv6_address_count') ?? 0) > 0 || safe(() => list(host.body.ipv6_addresses, 'ipv6_addresses'), [] as unknown[]).length > 0) return 'yes';
  const subnet = awsSubnetOf(host, doc);
  if (!subnet) return 'unknown';
  if (subnet.body.ipv6_cidr_block || bool(subnet.body.assign_ipv6_address_on_creation, 'assign_ipv6_address_on_creation') === true) return 'yes';
  const vpc = doc.resolve(subnet.body.vpc_id, subnet);
  if (!vpc) return 'unknown';
  return vpc.body.ipv6_cidr_block || bool(vpc.body.assign_generated_ipv6_cidr_block, 'assign_generated_ipv6_cidr_block') === true ? 'unknown' : 'no';
}

// ---------------------------------------------------------------- Azure

/** One NSG layer's effective (source, via) pairs at a port, defaults included (evaluated by nsg.ts). */
function layerAt(permissions: readonly IngressPermission[], port: number, transport: 'tcp' | 'udp'): { source: Source; via: string }[] {
  return effectiveNsgSources(permissions, port, transport).map(({ source, via }) => ({ source, via }));
}

function azureEntries(host: SynthResource, doc: PolicyDocument): ReachEntry[] {
  const out: ReachEntry[] = [];
  for (const nic of azureNicsOf(host, doc)) {
    const layers = azureNsgLayersOf(nic, doc);
    const key = `azure-layers:${layers.subnet.map((n) => n.address).join(',')}|${layers.nic.map((n) => n.address).join(',')}`;
    const raw = memo(doc, key, () => azureLayerEntries(layers, doc));
    out.push(
      ...raw.map((e) => (e.via.endsWith('has no network security group') ? { ...e, via: `${nic.address} has no network security group`, through: [`${nic.address} has no network security group`] } : e)),
    );
  }
  return out;
}

function azureLayerEntries(layers: { subnet: SynthResource[]; nic: SynthResource[] }, doc: PolicyDocument): ReachEntry[] {
  const stacks = [layers.subnet, layers.nic].filter((l) => l.length > 0).map((nsgs) => nsgs.flatMap((n) => permissionsOfGroup(n, doc)));
  if (stacks.length === 0) {
    return (['tcp', 'udp'] as const).map((transport) => ({
      source: { kind: SourceKind.WORLD, value: '*' },
      sourceClass: SourceClass.WORLD,
      label: '* (everyone)',
      transport,
      ports: [{ from: 0, to: 65535 }],
      via: 'the NIC has no network security group',
      through: ['the NIC has no network security group'],
    }));
  }
  const bounds = new Set<number>([0]);
  for (const p of stacks.flat()) for (const r of p.ports) [r.from, r.to + 1].forEach((b) => b <= 65535 && bounds.add(b));
  const starts = [...bounds].sort((a, b) => a - b);
  const byKey = new Map<string, { source: Source; transport: 'tcp' | 'udp'; via: string; through: string[]; ports: PortRange[] }>();
  for (const transport of ['tcp', 'udp'] as const) {
    starts.forEach((start, i) => {
      const end = (starts[i + 1] ?? 65536) - 1;
      const [first, ...rest] = stacks.map((perms) => layerAt(perms, start, transport));
      for (const candidate of first) {
        const passes = rest.map((layer) => layer.find((o) => sourceCovers(o.source, candidate.source) || sourceCovers(candidate.source, o.source)));
        if (passes.some((p) => p === undefined)) continue;
        const through = [...new Set([candidate.via, ...passes.map((p) => p!.via)])];
        const k = `${transport}|${candidate.source.value}|${through.join('|')}`;
        const entry = byKey.get(k) ?? { source: candidate.source, transport, via: candidate.via, through, ports: [] };
        const last = entry.ports[entry.ports.length - 1];
        if (last && last.to + 1 === start) entry.ports[entry.ports.length - 1] = { from: last.from, to: end };
        else entry.ports.push({ from: start, to: end });
        byKey.set(k, entry);
      }
    });
  }
  return [...byKey.values()].flatMap((e) => classify(e.source, doc).map((c) => ({ ...e, sourceClass: c.sourceClass, label: c.label })));
}

function azureManagement(): ManagementPath {
  // Run commands and extensions are delivered by the VM agent over the platform's WireServer
  // (168.63.129.16), which NSGs do not filter and which needs no public address or outbound internet.
  return { state: 'yes', via: ['Azure VM agent (WireServer 168.63.129.16, platform path)'] };
}

function azureIpv6(host: SynthResource, doc: PolicyDocument): 'yes' | 'no' | 'unknown' {
  let sawUnknown = false;
  for (const nic of azureNicsOf(host, doc)) {
    for (const ipc of blocks(nic.body.ip_configuration, 'ip_configuration')) {
      if (String(ipc.private_ip_address_version ?? '').toLowerCase() === 'ipv6') return 'yes';
      const subnet = doc.resolve(ipc.subnet_id, nic);
      if (!subnet) sawUnknown = true;
      else if (literalCidrs(subnet.body.address_prefixes, 'address_prefixes').some((c) => c.includes(':'))) return 'unknown';
    }
  }
  return sawUnknown ? 'unknown' : 'no';
}

