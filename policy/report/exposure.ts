/**
 * The reviewer's exposure map: for each host of each stack, who can reach RDP, on which port,
 * from which sources, through which path (internet allowlist / VPN / none), and whether the
 * in-guest TLS policy matches. Built from the same network model the rules use.
 */
import { PolicyDocument } from '../document';
import { oldestAcceptedProtocol, Setting } from '../guest/guest-state';
import { guestHardeningOf } from '../guest/profile';
import { DEFAULT_RDP_PORT, hasUnreadableNetwork, isHost, openedPortsOf, PublicAddress, publicAddressOf, rdpPortsOf, Reach, reachOf } from '../network/hosts';
import { classify, ManagementPath, reachabilityOf, showRanges, SourceClass, withoutPorts } from '../network/reachability';
import { SourceKind } from '../network/sources';
import { bastionSubnets, SESSION_MANAGER_SOURCE } from '../network/zero-inbound';
import { AccessMode, SynthResource } from '../resource';
import { blocks, list, UnresolvedValueError } from '../values';

/** How RDP reaches a host. */
export enum ExposurePath {
  /** Everyone on the internet. */
  INTERNET_OPEN = 'internet (open to everyone)',
  /** Listed public CIDRs, through a public address. */
  INTERNET_ALLOWLIST = 'internet allowlist',
  /** Public CIDRs are admitted, but the host has no public address. */
  ALLOWLIST_WITHOUT_PUBLIC_IP = 'allowlist without a public IP',
  /** Private ranges, VPN security groups or the virtual network only. */
  VPN = 'VPN / private network',
  /** AWS Session Manager port forwarding only: no inbound rule, no public address. */
  SESSION_MANAGER = 'no inbound (Session Manager)',
  /** Azure Bastion only: the RDP port admits only the Bastion's subnet, no public address. */
  BASTION = 'Azure Bastion (tunnel)',
  /** No rule admits the RDP port. */
  NONE = 'none',
  /** The document cannot tell. */
  UNKNOWN = 'unknown',
}

/** One source that reaches a host's RDP port. */
export interface ExposureSource {
  /** What it is, for humans (`203.0.113.0/24`, `security group aws_security_group.vpn (Client VPN …)`). */
  readonly label: string;
  /** Its kind. */
  readonly kind: SourceKind;
  /** Its class in the reachability model (world, public range, VPN pool, …). */
  readonly sourceClass: SourceClass;
  /** Transports and ports it reaches, e.g. `tcp 43389, udp 43389`. */
  readonly transports: string;
  /** The rules that admit it. */
  readonly via: readonly string[];
}

/** The exposure of one host. */
export interface HostExposure {
  /** Terraform address. */
  readonly address: string;
  /** Construct path, when known. */
  readonly constructPath?: string;
  /** `AWS` or `Azure`. */
  readonly cloud: 'AWS' | 'Azure';
  /** Declared access mode, or `undeclared`. */
  readonly accessMode: string;
  /** RDP port(s) the guest listens on; without a hardening profile, 3389 plus the single ports the host's filters open. */
  readonly ports: readonly number[];
  /** True when a hardening profile states the port. */
  readonly portFromProfile: boolean;
  /** Whether the host has a public address. */
  readonly publicAddress: PublicAddress;
  /** Sources that reach the RDP port. */
  readonly sources: readonly ExposureSource[];
  /** The resulting path. */
  readonly path: ExposurePath;
  /** In-guest TLS policy summary, e.g. `TLS only, TLS ≥ 1.2, NLA; port 43389 matches`. */
  readonly guestTls: string;
  /** True when the guest policy is TLS-only with NLA, TLS ≥ 1.2, and its port is the one the network opens. */
  readonly guestTlsMatches: boolean;
  /** Ports other than RDP that the filters admit, per source class (from the reachability model). */
  readonly otherPorts: readonly OtherPortExposure[];
  /** Whether the host reaches its management plane (Systems Manager / the Azure VM agent), and how. */
  readonly management: ManagementPath;
  /** Values the map could not read. */
  readonly unknowns: readonly string[];
}

/** Non-RDP ports a source class reaches. */
export interface OtherPortExposure {
  /** Source, for humans. */
  readonly label: string;
  /** Its class (world, public range, VPN pool, on-premises, virtual network, peered, platform, …). */
  readonly sourceClass: SourceClass;
  /** Transports and ports, e.g. `tcp all ports` or `tcp 445, 5985-5986`. */
  readonly transports: string;
  /** The resources on the way. */
  readonly via: readonly string[];
}

/** The exposure map of one stack. */
export interface StackExposure {
  /** Stack name. */
  readonly stack: string;
  /** Its hosts. */
  readonly hosts: readonly HostExposure[];
}

/** Builds the exposure map of every document. */
export function exposureMap(documents: readonly PolicyDocument[]): StackExposure[] {
  return documents.map((doc) => ({ stack: doc.stack, hosts: doc.resources.filter(isHost).map((h) => hostExposure(h, doc)) }));
}

function attempt<T>(unknowns: string[], what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (err) {
    unknowns.push(err instanceof UnresolvedValueError ? `${what}: ${err.message}` : `${what}: ${err instanceof Error ? err.message : String(err)}`);
    return fallback;
  }
}

function hostExposure(host: SynthResource, doc: PolicyDocument): HostExposure {
  const unknowns: string[] = [];
  if (hasUnreadableNetwork(host, doc)) unknowns.push('its network attachments are expressions the document cannot follow');
  const profiled = attempt(unknowns, 'RDP port', () => guestHardeningOf(host, doc).profiles.length > 0, false);
  // Without a profile the guest listens on 3389; the ports the filters open are shown too, so a mismatch is visible.
  const ports = profiled
    ? attempt(unknowns, 'RDP port', () => rdpPortsOf(host, doc), [DEFAULT_RDP_PORT])
    : [...new Set([DEFAULT_RDP_PORT, ...attempt(unknowns, 'opened ports', () => openedPortsOf(host, doc), [])])].sort((a, b) => a - b);
  const publicAddress = attempt<PublicAddress>(unknowns, 'public address', () => publicAddressOf(host, doc), { state: 'unknown', via: [] });
  const reaches = ports.flatMap((port) => attempt<Reach[]>(unknowns, `sources of port ${port}`, () => reachOf(host, doc, port), []).map((r) => ({ ...r, port })));
  const sources = groupSources(reaches, doc);
  const path = zeroInboundPathOf(host, doc, reaches, publicAddress, unknowns) ?? pathOf(sources, publicAddress, unknowns);
  const tls = attempt(unknowns, 'guest TLS', () => guestTlsOf(host, doc), { summary: 'unknown', matches: false });
  const otherPorts = attempt<OtherPortExposure[]>(unknowns, 'other ports', () => otherPortsOf(host, doc, ports), []);
  const management = attempt<ManagementPath>(unknowns, 'management path', () => reachabilityOf(host, doc).management, { state: 'unknown', via: [] });
  return {
    address: host.address,
    constructPath: host.constructPath,
    cloud: host.type.startsWith('aws_') ? 'AWS' : 'Azure',
    accessMode: host.accessMode ?? 'undeclared',
    ports,
    portFromProfile: profiled,
    publicAddress,
    sources,
    path,
    guestTls: tls.summary,
    guestTlsMatches: tls.matches,
    otherPorts,
    management,
    unknowns,
  };
}

function groupSources(reaches: readonly (Reach & { port: number })[], doc: PolicyDocument): ExposureSource[] {
  const byLabel = new Map<string, { kind: SourceKind; sourceClass: SourceClass; transports: Set<string>; via: Set<string> }>();
  for (const reach of reaches) {
    const label = sourceLabel(reach, doc);
    const sourceClass = classify(reach.source, doc)[0]?.sourceClass ?? SourceClass.UNRESOLVED;
    const entry = byLabel.get(label) ?? { kind: reach.source.kind, sourceClass, transports: new Set<string>(), via: new Set<string>() };
    entry.transports.add(`${reach.transport} ${reach.port}`);
    entry.via.add(reach.via);
    byLabel.set(label, entry);
  }
  return [...byLabel.entries()].map(([label, e]) => ({ label, kind: e.kind, sourceClass: e.sourceClass, transports: [...e.transports].sort().join(', '), via: [...e.via] }));
}

/** Every non-RDP port the model admits, grouped by source label. */
function otherPortsOf(host: SynthResource, doc: PolicyDocument, rdpPorts: readonly number[]): OtherPortExposure[] {
  const byLabel = new Map<string, { sourceClass: SourceClass; transports: string[]; via: Set<string> }>();
  for (const e of reachabilityOf(host, doc).entries) {
    const rest = withoutPorts(e.ports, rdpPorts);
    if (rest.length === 0) continue;
    const entry = byLabel.get(e.label) ?? { sourceClass: e.sourceClass, transports: [], via: new Set<string>() };
    entry.transports.push(`${e.transport} ${showRanges(rest)}`);
    e.through.forEach((v) => entry.via.add(v));
    byLabel.set(e.label, entry);
  }
  return [...byLabel.entries()].map(([label, e]) => ({ label, sourceClass: e.sourceClass, transports: [...new Set(e.transports)].join(', '), via: [...e.via] }));
}

function sourceLabel(reach: Reach, doc: PolicyDocument): string {
  const { source } = reach;
  if (source.kind === SourceKind.GROUP) {
    const group = doc.resolve(source.value);
    if (!group) return source.value === 'self' ? 'members of the same security group' : `security group ${source.value}`;
    const endpoint = doc.ofType('aws_ec2_client_vpn_endpoint').find((e) => list(e.body.security_group_ids, 'security_group_ids').some((v) => doc.refersTo(v, group, e)));
    return endpoint ? `security group ${group.address} (Client VPN endpoint ${endpoint.address})` : `security group ${group.address}`;
  }
  if (source.kind === SourceKind.VIRTUAL_NETWORK) return 'VirtualNetwork (the VNet, peered VNets and VPN clients)';
  if (source.kind === SourceKind.PRIVATE) {
    const gateway = doc.ofType('azurerm_virtual_network_gateway').find((g) =>
      blocks(g.body.vpn_client_configuration, 'vpn_client_configuration').some((c) => list(c.address_space, 'address_space').includes(source.value)),
    );
    const clientVpn = doc.ofType('aws_ec2_client_vpn_endpoint').find((e) => e.body.client_cidr_block === source.value);
    if (gateway) return `${source.value} (point-to-site pool of ${gateway.address})`;
    if (clientVpn) return `${source.value} (client range of ${clientVpn.address})`;
    return `${source.value} (private)`;
  }
  if (source.kind === SourceKind.WORLD) return `${source.value} (everyone)`;
  return source.value;
}

/** The zero-inbound path, when the host's only RDP sources are its Session Manager tunnel or its Bastion's subnet. */
function zeroInboundPathOf(host: SynthResource, doc: PolicyDocument, reaches: readonly Reach[], publicAddress: PublicAddress, unknowns: readonly string[]): ExposurePath | undefined {
  if (publicAddress.state !== 'no' || unknowns.length > 0 || reaches.length === 0) return undefined;
  if (host.accessMode === AccessMode.SESSION_MANAGER && reaches.every((r) => r.source === SESSION_MANAGER_SOURCE)) return ExposurePath.SESSION_MANAGER;
  if (host.accessMode === AccessMode.BASTION) {
    const bastionRanges = bastionSubnets(doc).filter((b) => b.bastions.length > 0).flatMap((b) => b.prefixes);
    if (reaches.every((r) => r.source.kind === SourceKind.PRIVATE && bastionRanges.includes(r.source.value))) return ExposurePath.BASTION;
  }
  return undefined;
}

function pathOf(sources: readonly ExposureSource[], publicAddress: PublicAddress, unknowns: readonly string[]): ExposurePath {
  const explicit = sources.filter((s) => !s.via.every((v) => v.startsWith('AllowVnetInBound')));
  if (sources.some((s) => s.kind === SourceKind.WORLD)) return ExposurePath.INTERNET_OPEN;
  if (sources.some((s) => s.kind === SourceKind.PUBLIC)) return publicAddress.state === 'no' ? ExposurePath.ALLOWLIST_WITHOUT_PUBLIC_IP : ExposurePath.INTERNET_ALLOWLIST;
  if (sources.some((s) => s.kind === SourceKind.UNRESOLVED) || unknowns.length > 0) return ExposurePath.UNKNOWN;
  if (explicit.length > 0 || sources.length > 0) return ExposurePath.VPN;
  return ExposurePath.NONE;
}

function guestTlsOf(host: SynthResource, doc: PolicyDocument): { summary: string; matches: boolean } {
  const { profiles, unreadable } = guestHardeningOf(host, doc);
  if (profiles.length === 0) return { summary: unreadable.length > 0 ? 'unknown (script not readable)' : 'no hardening profile (Windows defaults)', matches: false };
  const parts: string[] = [];
  let matches = true;
  for (const p of profiles) {
    // The evaluated body, not the manifest's claims.
    const shown = <T>(v: Setting<T>): string => (v.state === 'set' ? String(v.value) : v.state === 'unknown' ? 'unknown' : 'not set');
    const layer = shown(p.guest.securityLayer);
    const minTls = shown(oldestAcceptedProtocol(p.guest));
    const nla = p.guest.nla.state === 'set' && p.guest.nla.value;
    const port = p.guest.port.state === 'set' ? p.guest.port.value : undefined;
    const opened = port !== undefined && reachOf(host, doc, port).some((r) => r.transport === 'tcp' && !r.via.startsWith('AllowVnetInBound') && !r.via.endsWith('has no network security group'));
    const ok = layer === 'tls' && /^1\.[23]$/.test(minTls) && nla && opened;
    matches = matches && ok;
    const nlaText = p.guest.nla.state === 'set' ? (nla ? 'NLA' : 'no NLA') : `NLA ${shown(p.guest.nla)}`;
    const portText = port === undefined ? `port ${shown(p.guest.port)} in the script` : `port ${port} ${opened ? 'matches the network' : 'is not opened by any rule'}`;
    parts.push(`${layer === 'tls' ? 'TLS only' : `security layer ${layer}`}, TLS ≥ ${minTls}, ${nlaText}; ${portText}`);
  }
  return { summary: [...new Set(parts)].join(' / '), matches };
}
