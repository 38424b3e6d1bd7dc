/**
 * Range checks of an Azure VPN gateway: the point-to-site client pool, the `GatewaySubnet`, and that
 * VPN ranges stay apart from the virtual network and from each other. Used by the constructs and by
 * the configuration file, so both refuse the same values with the same words.
 */
import * as ipaddr from 'ipaddr.js';
import { checkNetworkCidr, cidrsOverlap, isPrivateCidr, parseCidr, ParsedCidr, RdpErrorCode, RdpValidationError, showValue } from '../core';

/** Narrowest point-to-site pool Azure accepts on an active-standby gateway (point-to-site-entra-gateway). */
export const MAX_P2S_POOL_PREFIX = 29;
/** Broadest point-to-site pool accepted: the broadest range an NSG rule of this library admits. */
export const MIN_P2S_POOL_PREFIX = 16;
/** Narrowest `GatewaySubnet` accepted: Microsoft recommends /27 or larger. */
export const MAX_GATEWAY_SUBNET_PREFIX = 27;

const P2S_POOL_ALLOWED = `Allowed: a private IPv4 CIDR from /${MIN_P2S_POOL_PREFIX} to /${MAX_P2S_POOL_PREFIX} (Azure needs at least a /29) that overlaps neither the virtual network nor on-premises ranges, e.g. "10.250.0.0/24".`;
const GATEWAY_SUBNET_ALLOWED = `Allowed: a private IPv4 CIDR of /${MAX_GATEWAY_SUBNET_PREFIX} or larger inside the virtual network's address space, not overlapping another subnet, e.g. "10.52.255.224/27".`;

/** A range that VPN ranges must stay apart from, with a label for error messages. */
export interface AzureNamedRange {
  /** What the range is, e.g. `the virtual network address space`. */
  readonly label: string;
  /** The range. */
  readonly cidr: string;
}

/**
 * Checks a point-to-site client address pool: private IPv4, /16 to /29. Clients keep these addresses
 * inside the virtual network (no source NAT), so the hosts' NSG rules and guest firewalls admit the pool.
 * @returns the pool, normalized
 */
export function checkP2sAddressPool(value: string, field = 'p2sAddressPool'): ParsedCidr {
  const parsed = parseCidr(value, P2S_POOL_ALLOWED);
  if (!parsed.ok) throw new RdpValidationError(field, value, parsed.problem);
  const pool = parsed.value;
  if (pool.family !== 'ipv4' || !isPrivateCidr(pool)) {
    throw new RdpValidationError(field, value, `must be a private IPv4 range, got ${showValue(value)}. ${P2S_POOL_ALLOWED}`);
  }
  if (pool.prefix > MAX_P2S_POOL_PREFIX || pool.prefix < MIN_P2S_POOL_PREFIX) {
    const size = pool.prefix > MAX_P2S_POOL_PREFIX ? `too small (a /${pool.prefix})` : `too large (a /${pool.prefix})`;
    throw new RdpValidationError(field, value, `is ${size}, got ${showValue(value)}. ${P2S_POOL_ALLOWED}`);
  }
  return pool;
}

/**
 * Checks a `GatewaySubnet` range: a private IPv4 CIDR of /27 or larger inside `addressSpace`.
 * @returns the range, normalized
 */
export function checkGatewaySubnetCidr(value: string, addressSpace: ParsedCidr, field = 'gatewaySubnetCidr'): ParsedCidr {
  const range = checkNetworkCidr(value, field, addressSpace);
  if (range.prefix > MAX_GATEWAY_SUBNET_PREFIX) {
    throw new RdpValidationError(field, value, `is too small for a VPN gateway (a /${range.prefix}), got ${showValue(value)}. ${GATEWAY_SUBNET_ALLOWED}`, RdpErrorCode.CIDR_TOO_SMALL);
  }
  return range;
}

/** The last /27 of an IPv4 address space, e.g. `10.52.255.224/27` for `10.52.0.0/16`: the default `GatewaySubnet`. */
export function defaultGatewaySubnetCidr(addressSpace: ParsedCidr, field = 'gatewaySubnetCidr'): string {
  if (addressSpace.family !== 'ipv4' || addressSpace.prefix > MAX_GATEWAY_SUBNET_PREFIX) {
    throw new RdpValidationError(field, undefined, `cannot be chosen inside ${addressSpace.cidr}, which is smaller than a /${MAX_GATEWAY_SUBNET_PREFIX}. Give the virtual network a larger address space.`);
  }
  const bytes = (addressSpace.network as ipaddr.IPv4).toByteArray();
  const start = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const last = start + 2 ** (32 - addressSpace.prefix) - 2 ** (32 - MAX_GATEWAY_SUBNET_PREFIX);
  return `${ipaddr.fromByteArray([last >>> 24, (last >>> 16) & 255, (last >>> 8) & 255, last & 255]).toString()}/${MAX_GATEWAY_SUBNET_PREFIX}`;
}

const DISTINCT_ADVICE = 'VPN client pools, on-premises ranges and the virtual network must not share addresses, or traffic is routed the wrong way.';

/**
 * Throws when `value` overlaps one of `others`, naming `field` and the range it collides with.
 * Ranges that do not parse are skipped (they are reported on their own fields).
 * @param advice how to fix it @default - VPN ranges and the virtual network must not share addresses
 */
export function checkDistinctRange(field: string, value: string, others: readonly AzureNamedRange[], advice = DISTINCT_ADVICE): void {
  const range = parseCidr(value, '');
  if (!range.ok) return;
  for (const other of others) {
    const parsed = parseCidr(other.cidr, '');
    if (parsed.ok && cidrsOverlap(range.value, parsed.value)) {
      throw new RdpValidationError(field, value, `overlaps ${other.label} (${other.cidr}), got ${showValue(value)}. ${advice}`, RdpErrorCode.CIDR_OVERLAP);
    }
  }
}
