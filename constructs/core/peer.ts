import { RdpValidationError } from './errors';
import * as ipaddr from 'ipaddr.js';
import { checkRdpSourceCidr, isPrivateCidr, ParsedCidr } from '../private/cidr';

/**
 * A source that may be allowed to reach a host's RDP port. Cloud constructs turn each peer into
 * their own rule resources (a security-group rule, an NSG rule, a guest firewall address).
 */
export interface IRdpPeer {
  /** Stable, construct-ID-safe key: the same peer always yields the same rule IDs. */
  readonly uniqueId: string;
  /** Human label used in rule descriptions, e.g. `203.0.113.0/24`. */
  readonly label: string;
}

/**
 * Factories for RDP peers. Every factory validates its input: world ranges (`0.0.0.0/0`, `::/0`,
 * `*`, `Internet`, …), malformed CIDRs, CIDRs with host bits set and overly broad prefixes are
 * rejected with an error that names the field and suggests the fix.
 */
export class Peer {
  /**
   * An IPv4 CIDR, e.g. `Peer.cidr('198.51.100.0/24')`. A bare address is refused (write `/32`), so a
   * forgotten mask is never guessed. IPv6 ranges are refused: the hosts' networks are IPv4-only on both
   * clouds, so an IPv6 rule could never match any traffic.
   * @param cidr the CIDR in network form (errors name it `peer`)
   */
  public static cidr(cidr: string): CidrPeer {
    return cidrPeerAt(cidr, 'peer');
  }

  /**
   * An AWS security group: admits traffic from the network interfaces that carry it, such as a Client
   * VPN endpoint's. AWS only.
   * @param securityGroupId the group's ID (or a reference to it)
   * @param label a human label for rule descriptions, e.g. `client VPN`
   * @param sourceCidrs the ranges the group's traffic comes from as the guest sees it (e.g. the subnets
   *   of a Client VPN endpoint's network interfaces); the guest firewall admits these @default - none
   */
  public static awsSecurityGroup(securityGroupId: string, label: string, sourceCidrs: readonly CidrPeer[] = []): AwsSecurityGroupPeer {
    return new AwsSecurityGroupPeer(securityGroupId, label, sourceCidrs);
  }

  /**
   * The host's own loopback addresses, `127.0.0.1/32` and `::1/128`: the only sources of a host reached
   * through a local agent (AWS Session Manager port forwarding connects to the host's loopback). Only for
   * the guest firewall; never a network rule.
   */
  public static loopback(): CidrPeer[] {
    return [
      new CidrPeer({ family: 'ipv4', cidr: '127.0.0.1/32', prefix: 32, network: ipaddr.IPv4.parse('127.0.0.1') }),
      new CidrPeer({ family: 'ipv6', cidr: '::1/128', prefix: 128, network: ipaddr.IPv6.parse('::1') }),
    ];
  }

  /** True when the peer is a CIDR peer. */
  public static isCidr(peer: IRdpPeer): peer is CidrPeer {
    return peer instanceof CidrPeer;
  }

  /** True when the peer is an AWS security group peer. */
  public static isAwsSecurityGroup(peer: IRdpPeer): peer is AwsSecurityGroupPeer {
    return peer instanceof AwsSecurityGroupPeer;
  }

  protected constructor() {}
}

/** A peer given by an AWS security group. Created by {@link Peer.awsSecurityGroup}. */
export class AwsSecurityGroupPeer extends Peer implements IRdpPeer {
  /** The security group ID. */
  public readonly securityGroupId: string;
  /** The ranges this group's traffic arrives from inside the guest (what the guest firewall admits). */
  public readonly sourceCidrs: readonly CidrPeer[];
  /** @inheritdoc */
  public readonly uniqueId: string;
  /** @inheritdoc */
  public readonly label: string;

  /** @internal */
  constructor(securityGroupId: string, label: string, sourceCidrs: readonly CidrPeer[]) {
    super();
    this.securityGroupId = securityGroupId;
    this.sourceCidrs = sourceCidrs;
    this.label = label;
    this.uniqueId = `sg-${label.replace(/[^A-Za-z0-9]+/g, '-')}`;
  }
}

/** A peer given by an IPv4 CIDR. Created by {@link Peer.cidr}. */
export class CidrPeer extends Peer implements IRdpPeer {
  /** Canonical CIDR text (network address, lower-case, compressed IPv6). */
  public readonly cidr: string;
  /** `ipv4` or `ipv6`. */
  public readonly family: 'ipv4' | 'ipv6';
  /** True when the range is private (RFC 1918, RFC 6598 or IPv6 unique-local), i.e. reachable only through a private path. */
  public readonly isPrivate: boolean;
  /** True for the host's own loopback ({@link Peer.loopback}). */
  public readonly isLoopback: boolean;
  /** @inheritdoc */
  public readonly uniqueId: string;
  /** @inheritdoc */
  public readonly label: string;
  /** @internal */
  public readonly parsed: ParsedCidr;

  /** @internal */
  constructor(parsed: ParsedCidr) {
    super();
    this.parsed = parsed;
    this.cidr = parsed.cidr;
    this.family = parsed.family;
    this.isPrivate = isPrivateCidr(parsed);
    this.isLoopback = parsed.network.range() === 'loopback';
    this.label = parsed.cidr;
    this.uniqueId = parsed.cidr.replace(/[:.]/g, '-').replace('/', '_');
  }
}

/** {@link Peer.cidr} for the library's own props: errors name `field` (e.g. `associatedSubnets[0].cidr`). */
export function cidrPeerAt(cidr: string, field: string): CidrPeer {
  const checked = checkRdpSourceCidr(cidr);
  if (!checked.ok) throw new RdpValidationError(field, cidr, checked.problem);
  return new CidrPeer(checked.value);
}
