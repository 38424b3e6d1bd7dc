/**
 * CIDR parsing for allowlists, on top of ipaddr.js (no hand-rolled address parsing).
 * Pure functions; problems are returned as sentences so that construct props and the
 * configuration file report them the same way, each under its own field name.
 */
import { RdpErrorCode } from './error-codes';
import * as ipaddr from 'ipaddr.js';
import { showValue } from './show-value';

/** Broadest IPv4 prefix an allowlist entry may have (at most 65,536 addresses). */
export const MIN_IPV4_PREFIX = 16;
/** Broadest IPv6 prefix {@link checkAllowlistCidr} accepts (one site allocation); RDP sources refuse IPv6 altogether. */
export const MIN_IPV6_PREFIX = 48;

/** A parsed, normalized CIDR. */
export interface ParsedCidr {
  /** `ipv4` or `ipv6`. */
  readonly family: 'ipv4' | 'ipv6';
  /** Canonical text: network address (lower-case, compressed for IPv6) and prefix length. */
  readonly cidr: string;
  /** Prefix length. */
  readonly prefix: number;
  /** The network address. */
  readonly network: ipaddr.IPv4 | ipaddr.IPv6;
}

/** Words that people write to mean "everyone"; none of them is ever an acceptable source. */
const WORLD_WORDS = new Set(['*', 'any', 'all', 'internet', 'world', 'anywhere', '0/0']);

const SPECIAL_RANGES_REFUSED: Record<string, string> = {
  unspecified: 'the unspecified range, which some platforms read as "any address"',
  broadcast: 'the broadcast address',
  loopback: 'a loopback range, which never reaches the host over the network',
  linkLocal: 'a link-local range (it includes the cloud metadata service)',
  multicast: 'a multicast range',
  ipv4Mapped: 'an IPv4-mapped IPv6 range; write the IPv4 CIDR itself',
  rfc6145: 'an IPv4-translated IPv6 range; write the IPv4 CIDR itself',
  rfc6052: 'the NAT64 range, which maps the whole IPv4 internet',
};

/** What an allowlist entry may be; appended to every CIDR problem. */
export const CIDR_ALLOWED = `Allowed: an IPv4 CIDR with a prefix of /${MIN_IPV4_PREFIX} to /32 in network form (e.g. "203.0.113.0/24").`;

/**
 * Why IPv6 sources are refused. The networks and hosts this library builds on both clouds are IPv4-only
 * (no IPv6 range on the VPC, subnet or instance; none on the virtual network, subnet or NIC), so an IPv6
 * rule in a security group, NSG or guest firewall could never match any traffic: a dead rule that
 * suggests access that does not exist.
 */
export const IPV6_SOURCE_REFUSED =
  'The hosts have IPv4 addresses only (the networks built on AWS and Azure are IPv4-only), so a rule for an IPv6 source could never match any traffic (a dead rule). ' +
  'List the IPv4 ranges those administrators connect from, or reach the host through a VPN.';

/** The result of checking one allowlist entry. */
export type CidrCheck = { readonly ok: true; readonly value: ParsedCidr } | { readonly ok: false; readonly problem: string; readonly code?: RdpErrorCode };

function fail(problem: string): CidrCheck {
  return { ok: false, problem };
}

/**
 * Parses a CIDR in network form, with no policy about which ranges are acceptable: strict syntax
 * (four-part decimal IPv4, no zone IDs), a prefix length, no host bits set. Used by the allowlist
 * check and by network-range checks (VPC, subnets, VPN pools).
 */
export function parseCidr(value: unknown, allowed: string): CidrCheck {
  if (typeof value !== 'string') {
    return fail(`must be a CIDR string, got ${showValue(value)}. ${allowed}`);
  }
  const text = value.trim();
  if (text !== value) {
    return fail(`must not have surrounding white space, got ${showValue(value)}. Did you mean ${showValue(text)}?`);
  }
  const slash = text.indexOf('/');
  if (slash < 0) {
    if (ipaddr.isValid(text)) {
      const suggestion = `${text}/${text.includes(':') ? 128 : 32}`;
      return fail(`must be a CIDR with a prefix length, got ${showValue(value)}. Did you mean ${showValue(suggestion)}? ${allowed}`);
    }
    return fail(`is not a valid CIDR, got ${showValue(value)}. ${allowed}`);
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const isIpv6 = addressText.includes(':');
  if (!/^\d{1,3}$/.test(prefixText)) {
    return fail(`has an invalid prefix length, got ${showValue(value)}. ${allowed}`);
  }
  const valid = isIpv6
    ? ipaddr.IPv6.isValidCIDR(text) && !addressText.includes('%')
    : ipaddr.IPv4.isValidFourPartDecimal(addressText) && ipaddr.IPv4.isValidCIDR(text);
  if (!valid) {
    return fail(`is not a valid ${isIpv6 ? 'IPv6' : 'IPv4'} CIDR, got ${showValue(value)}. ${allowed}`);
  }
  const [address, prefix] = ipaddr.parseCIDR(text);
  const network = isIpv6 ? ipaddr.IPv6.networkAddressFromCIDR(text) : ipaddr.IPv4.networkAddressFromCIDR(text);
  const canonical = `${network.toString()}/${prefix}`;
  if (prefix > 0 && network.toString() !== address.toString()) {
    return fail(`has host bits set, got ${showValue(value)}. Did you mean ${showValue(canonical)} (the network that contains it)?`);
  }
  return { ok: true, value: { family: isIpv6 ? 'ipv6' : 'ipv4', cidr: canonical, prefix, network } };
}

/**
 * Checks one allowlist entry. Returns the normalized CIDR, or a sentence that says what is wrong
 * (with the value) and what is allowed.
 */
export function checkAllowlistCidr(value: unknown): CidrCheck {
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === '') {
      return fail(`must not be empty: an empty source means "any address" on some platforms, got ${showValue(value)}. ${CIDR_ALLOWED}`);
    }
    if (WORLD_WORDS.has(word)) {
      return fail(`must not mean the whole internet, got ${showValue(value)}. ${CIDR_ALLOWED}`);
    }
  }
  const parsed = parseCidr(value, CIDR_ALLOWED);
  if (!parsed.ok) return parsed;
  const { family, prefix, network } = parsed.value;
  if (prefix === 0) {
    return fail(`must not mean the whole internet, got ${showValue(value)}. ${CIDR_ALLOWED}`);
  }
  const limit = family === 'ipv6' ? MIN_IPV6_PREFIX : MIN_IPV4_PREFIX;
  if (prefix < limit) {
    return fail(`is broader than /${limit}, got ${showValue(value)}. Split it into narrower ranges or list the addresses that need RDP. ${CIDR_ALLOWED}`);
  }
  const refusedBecause = SPECIAL_RANGES_REFUSED[network.range()];
  if (refusedBecause) {
    return fail(`is ${refusedBecause}, got ${showValue(value)}. ${CIDR_ALLOWED}`);
  }
  return parsed;
}

/**
 * Checks one RDP source (an allowlist entry, a `Peer.cidr`): {@link checkAllowlistCidr}, and IPv4 only,
 * because the hosts' networks are IPv4-only on both clouds ({@link IPV6_SOURCE_REFUSED}).
 */
export function checkRdpSourceCidr(value: unknown): CidrCheck {
  if (typeof value === 'string') {
    const [address, prefix] = value.split('/');
    // Any IPv6 address or range (not the world, which gets its own message), before mask details.
    if (ipaddr.IPv6.isValid(address) && !address.includes('%') && (prefix === undefined || /^\d{1,3}$/.test(prefix)) && prefix !== '0') {
      return fail(`must be an IPv4 range, got ${showValue(value)}. ${IPV6_SOURCE_REFUSED} ${CIDR_ALLOWED}`);
    }
  }
  return checkAllowlistCidr(value);
}

/** True when the CIDR lies wholly inside a private range (RFC 1918, RFC 6598; for IPv6 network ranges, unique-local RFC 4193). */
export function isPrivateCidr(cidr: ParsedCidr): boolean {
  const range = cidr.network.range();
  if (cidr.family === 'ipv4') {
    return range === 'private' || range === 'carrierGradeNat';
  }
  return range === 'uniqueLocal';
}

/** True when the two CIDRs share at least one address. */
export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.family !== b.family) return false;
  const [wide, narrow] = a.prefix <= b.prefix ? [a, b] : [b, a];
  return narrow.network.match(wide.network, wide.prefix);
}
