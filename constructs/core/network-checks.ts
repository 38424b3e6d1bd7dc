/**
 * Network checks that throw an {@link RdpValidationError} under a field name, on top of the pure checks
 * of `net/`: private network ranges (VPC, subnets, VPN pools), and the inputs both clouds' site-to-site
 * VPNs share (the on-premises device address and the on-premises ranges whose administrators may reach RDP).
 */
import * as ipaddr from 'ipaddr.js';
import { RdpErrorCode, RdpValidationError, showValue } from './errors';
import { CidrPeer, cidrPeerAt } from './peer';
import { cidrsOverlap, networkCidrCheck, parseCidr, ParsedCidr } from './net';

/**
 * Checks a private IPv4 network range such as a VPC or subnet CIDR, and optionally that it lies
 * inside `parent`. Throws an {@link RdpValidationError} naming `field`.
 */
export function checkNetworkCidr(value: string, field: string, parent?: ParsedCidr): ParsedCidr {
  const checked = networkCidrCheck(value, parent);
  if (!checked.ok) throw new RdpValidationError(field, value, checked.problem, checked.code);
  return checked.value;
}

const NOT_PUBLIC_RANGES = new Set(['unspecified', 'broadcast', 'multicast', 'linkLocal', 'loopback', 'carrierGradeNat', 'private']);

/** Checks that the on-premises VPN device address is a public IPv4 address. */
export function checkCustomerGatewayIp(value: string): void {
  const valid = typeof value === 'string' && ipaddr.IPv4.isValidFourPartDecimal(value);
  if (!valid || NOT_PUBLIC_RANGES.has(ipaddr.IPv4.parse(value).range())) {
    throw new RdpValidationError('customerGatewayIp', value, `must be the public IPv4 address of the on-premises VPN device, got ${showValue(value)}.`);
  }
}

/** Checks on-premises ranges: private IPv4, /16 or narrower, not overlapping the VPC; returns them as peers. */
export function checkOnPremisesCidrs(cidrs: readonly string[], vpcCidr: string | undefined): CidrPeer[] {
  if (!Array.isArray(cidrs) || cidrs.length === 0) {
    throw new RdpValidationError('onPremisesCidrs', cidrs, 'must list at least one private on-premises range.');
  }
  const vpc = vpcCidr === undefined ? undefined : parseCidr(vpcCidr, '');
  return cidrs.map((cidr, index) => {
    const field = `onPremisesCidrs[${index}]`;
    const peer = cidrPeerAt(cidr, field);
    if (!peer.isPrivate || peer.family !== 'ipv4') {
      throw new RdpValidationError(field, cidr, `must be a private IPv4 range (RFC 1918 or 100.64.0.0/10), got ${showValue(cidr)}.`);
    }
    const first = cidrs.findIndex((other, i) => i < index && cidrPeerAt(other, field).cidr === peer.cidr);
    if (first >= 0) {
      throw new RdpValidationError(field, cidr, `repeats onPremisesCidrs[${first}], got ${showValue(cidr)}. List each on-premises range once.`);
    }
    if (vpc?.ok && cidrsOverlap(peer.parsed, vpc.value)) {
      throw new RdpValidationError(field, cidr, `overlaps the VPC range ${vpcCidr}, got ${showValue(cidr)}. On-premises and VPC ranges must be distinct.`, RdpErrorCode.CIDR_OVERLAP);
    }
    return peer;
  });
}
