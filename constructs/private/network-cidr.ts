import { RdpValidationError } from '../core/errors';
import { cidrsOverlap, isPrivateCidr, parseCidr, ParsedCidr } from './cidr';

/** What a private IPv4 network range (VPC, subnet) may be. */
export const NETWORK_CIDR_ALLOWED = 'Allowed: a private IPv4 CIDR (RFC 1918 or 100.64.0.0/10) in network form with a prefix of /16 to /28, e.g. "10.42.0.0/16".';

/**
 * Checks a private IPv4 network range such as a VPC or subnet CIDR, and optionally that it lies
 * inside `parent`. Throws an {@link RdpValidationError} naming `field`.
 */
export function checkNetworkCidr(value: string, field: string, parent?: ParsedCidr): ParsedCidr {
  const parsed = parseCidr(value, NETWORK_CIDR_ALLOWED);
  if (!parsed.ok) throw new RdpValidationError(field, value, parsed.problem);
  const cidr = parsed.value;
  if (cidr.family !== 'ipv4' || cidr.prefix < 16 || cidr.prefix > 28 || !isPrivateCidr(cidr)) {
    throw new RdpValidationError(field, value, `is not a usable network range, got "${value}". ${NETWORK_CIDR_ALLOWED}`);
  }
  if (parent && !(cidr.prefix >= parent.prefix && cidrsOverlap(cidr, parent))) {
    throw new RdpValidationError(field, value, `must lie inside ${parent.cidr}, got "${value}".`);
  }
  return cidr;
}
