import * as ipaddr from 'ipaddr.js';
import { RdpErrorCode } from './error-codes';
import { CidrCheck, cidrsOverlap, isPrivateCidr, parseCidr, ParsedCidr } from './cidr';

/** What a private IPv4 network range (VPC, subnet) may be. */
export const NETWORK_CIDR_ALLOWED = 'Allowed: a private IPv4 CIDR (RFC 1918 or 100.64.0.0/10) in network form with a prefix of /16 to /28, e.g. "10.42.0.0/16".';

/**
 * Checks a private IPv4 network range such as a VPC or subnet CIDR, and optionally that it lies
 * inside `parent`. Returns the range, or what is wrong (`checkNetworkCidr` in core throws it under a field name).
 */
export function networkCidrCheck(value: string, parent?: ParsedCidr): CidrCheck {
  const parsed = parseCidr(value, NETWORK_CIDR_ALLOWED);
  if (!parsed.ok) return parsed;
  const cidr = parsed.value;
  if (cidr.family !== 'ipv4' || cidr.prefix < 16 || cidr.prefix > 28 || !isPrivateCidr(cidr)) {
    return { ok: false, problem: `is not a usable network range, got "${value}". ${NETWORK_CIDR_ALLOWED}` };
  }
  if (parent && !(cidr.prefix >= parent.prefix && cidrsOverlap(cidr, parent))) {
    return { ok: false, problem: `must lie inside ${parent.cidr}, got "${value}".`, code: RdpErrorCode.CIDR_OUTSIDE_RANGE };
  }
  return parsed;
}

/**
 * The block of the same size right after `subnet` (or, when that leaves `vpc`, right before it): the
 * default range of a second subnet next to the first. Undefined when neither fits in the VPC.
 */
export function adjacentSubnet(subnet: ParsedCidr, vpc: ParsedCidr): string | undefined {
  const bytes = (subnet.network as ipaddr.IPv4).toByteArray();
  const start = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const size = 2 ** (32 - subnet.prefix);
  for (const candidate of [start + size, start - size]) {
    if (candidate < 0 || candidate > 0xffffffff) continue;
    const address = ipaddr.IPv4.parse([24, 16, 8, 0].map((shift) => (candidate >>> shift) & 0xff).join('.'));
    if (address.match(vpc.network as ipaddr.IPv4, vpc.prefix)) return `${address.toString()}/${subnet.prefix}`;
  }
  return undefined;
}
