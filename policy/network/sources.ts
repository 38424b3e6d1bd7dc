/**
 * Classifies the source of an ingress rule: the whole internet, a public range, a private range,
 * a cloud tag or group, or something that cannot be read. Pure; built on ipaddr.js.
 *
 * This is a reader of plans, not an input validator: the constructs validate allowlists with
 * constructs/core/net/cidr.ts at synth time, while this classifies whatever a plan contains
 * (including hand-written stacks) so rules can decide what is exposed.
 */
import * as ipaddr from 'ipaddr.js';
import { isUnresolved } from '../values';

/** What kind of peer a rule source is. */
export enum SourceKind {
  /** Everyone: `0.0.0.0/0`, `::/0`, `*`, `Any`, `Internet`. */
  WORLD = 'world',
  /** A public CIDR (or a public cloud tag such as `AzureCloud`). */
  PUBLIC = 'public',
  /** A private CIDR (RFC 1918, RFC 6598, IPv6 ULA): reachable through a VPN or peering only. */
  PRIVATE = 'private',
  /** Azure `VirtualNetwork`: the VNet, peered VNets and VPN-connected ranges. */
  VIRTUAL_NETWORK = 'virtual-network',
  /** A security group (AWS) or application security group (Azure). */
  GROUP = 'group',
  /** An AWS managed prefix list. */
  PREFIX_LIST = 'prefix-list',
  /** Another Azure service tag (`AzureLoadBalancer`, …). */
  SERVICE_TAG = 'service-tag',
  /** A value known only after apply, or an expression the document cannot resolve. */
  UNRESOLVED = 'unresolved',
  /** Text that is not a CIDR, tag or reference. */
  INVALID = 'invalid',
}

/** One classified source. */
export interface Source {
  /** Its kind. */
  readonly kind: SourceKind;
  /** The text as written (a CIDR, tag or reference). */
  readonly value: string;
  /** Prefix length for CIDRs. */
  readonly prefix?: number;
  /** Address family for CIDRs. */
  readonly family?: 'ipv4' | 'ipv6';
}

/** Words meaning "everyone" in Azure NSG rules (compared case-insensitively). */
const AZURE_WORLD = new Set(['*', 'any', 'internet', '0.0.0.0/0', '::/0', '0/0']);

const PRIVATE_BLOCKS: readonly (readonly [ipaddr.IPv4 | ipaddr.IPv6, number])[] = [
  ipaddr.parseCIDR('10.0.0.0/8'),
  ipaddr.parseCIDR('172.16.0.0/12'),
  ipaddr.parseCIDR('192.168.0.0/16'),
  ipaddr.parseCIDR('100.64.0.0/10'),
  ipaddr.parseCIDR('fc00::/7'),
];

/** Classifications by text: a fleet's rules repeat a few CIDRs thousands of times. Bounded; results are never mutated. */
const classified = new Map<string, Source>();

/** Classifies an IPv4/IPv6 CIDR (or bare address, read as /32 or /128). */
export function classifyCidr(value: string): Source {
  let source = classified.get(value);
  if (source === undefined) {
    source = classifyCidrText(value);
    if (classified.size >= 10_000) classified.clear();
    classified.set(value, source);
  }
  return source;
}

function classifyCidrText(value: string): Source {
  if (isUnresolved(value)) return { kind: SourceKind.UNRESOLVED, value };
  const text = value.trim();
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = text.includes('/') ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), text.includes(':') ? 128 : 32];
  } catch {
    return { kind: SourceKind.INVALID, value };
  }
  const [address, prefix] = parsed;
  const family = address.kind();
  if (prefix === 0) return { kind: SourceKind.WORLD, value, prefix, family };
  const isPrivate = PRIVATE_BLOCKS.some(([block, blockPrefix]) => block.kind() === family && prefix >= blockPrefix && address.match(block, blockPrefix));
  return { kind: isPrivate ? SourceKind.PRIVATE : SourceKind.PUBLIC, value, prefix, family };
}

/** Classifies an Azure `source_address_prefix` value: `*`, `Internet`, service tags, CIDRs. */
export function classifyAzurePrefix(value: string): Source {
  if (isUnresolved(value)) return { kind: SourceKind.UNRESOLVED, value };
  const lower = value.trim().toLowerCase();
  if (AZURE_WORLD.has(lower)) return { kind: SourceKind.WORLD, value };
  if (lower === 'virtualnetwork') return { kind: SourceKind.VIRTUAL_NETWORK, value };
  if (/^[a-z][a-z0-9]*(\.[a-z0-9]+)*$/i.test(value.trim()) && !/^[0-9.]+$/.test(value.trim())) {
    // AzureCloud (every Azure customer's address space) is as good as public.
    return { kind: lower.startsWith('azurecloud') ? SourceKind.PUBLIC : SourceKind.SERVICE_TAG, value };
  }
  return classifyCidr(value);
}

/** True when `outer` contains every address of `inner` (both CIDR sources). */
export function cidrContains(outer: Source, inner: Source): boolean {
  if (outer.prefix === undefined || inner.prefix === undefined || outer.family !== inner.family) return false;
  if (outer.prefix > inner.prefix) return false;
  try {
    const [o] = ipaddr.parseCIDR(outer.value.includes('/') ? outer.value : `${outer.value}/${outer.prefix}`);
    const [i] = ipaddr.parseCIDR(inner.value.includes('/') ? inner.value : `${inner.value}/${inner.prefix}`);
    return i.match(o, outer.prefix);
  } catch {
    return false;
  }
}

/**
 * True when the union of `outers` holds every address of `inner` (CIDR sources): one of them contains it, or it
 * splits into two halves each held by the union (a /24 held by two /25s). Only a range that holds a smaller outer is
 * split, so the walk is bounded by the outers and their depth.
 */
export function cidrCoveredBy(inner: Source, outers: readonly Source[]): boolean {
  if (outers.some((o) => cidrContains(o, inner))) return true;
  // Past the line above, an outer inside `inner` is strictly smaller, so each split gets closer to it.
  if (!outers.some((o) => cidrContains(inner, o))) return false;
  return halves(inner).every((half) => cidrCoveredBy(half, outers));
}

/**
 * The two halves of a CIDR source (one bit longer): `10.0.0.0/24` → `10.0.0.0/25`, `10.0.0.128/25`. Only a range that
 * holds a smaller one is split, so never a bare address (a /32 or /128), and its text is one `cidrContains` parsed.
 */
function halves(source: Source): Source[] {
  const [address, prefix] = ipaddr.parseCIDR(source.value);
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`) : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  const low = network.toByteArray();
  const high = [...low];
  high[prefix >> 3] |= 0x80 >> (prefix & 7);
  return [low, high].map((bytes) => classifyCidr(`${ipaddr.fromByteArray(bytes).toString()}/${prefix + 1}`));
}

/** True for sources that reach the host from outside any private network. */
export function isPublicSource(source: Source): boolean {
  return source.kind === SourceKind.WORLD || source.kind === SourceKind.PUBLIC;
}
