import { RdpValidationError } from './errors';
import * as ipaddr from 'ipaddr.js';
import { checkRdpSourceCidr, isPrivateCidr, ParsedCidr } from './net';

/**
 * A source that may be allowed to reach a host's RDP port, as the cloud-neutral host model sees it:
 * whether it is a public range (which only a host with a public IP can be reached from) and which
 * address ranges its traffic arrives from inside the guest (what the guest firewall admits). The host
 * model never asks what kind of peer it is.
 *
 * Which peers a cloud's network rules can render is declared by that cloud, as a union type: AWS
 * security groups render {@link CidrPeer} and `AwsSecurityGroupPeer` (`AwsRdpPeer`); Azure network
 * security groups render {@link CidrPeer} only (`AzureRdpPeer`).
 */
export interface IRdpPeer {
  /** Stable, construct-ID-safe key: the same peer always yields the same rule IDs. */
  readonly uniqueId: string;
  /** Human label used in rule descriptions, e.g. `203.0.113.0/24`. */
  readonly label: string;
  /** True when the peer is a public address range (reaches a host only through a public IP). */
  readonly isPublic: boolean;
  /** The IPv4/IPv6 ranges its traffic comes from as the guest sees it: what the guest firewall admits. */
  readonly guestSources: readonly CidrPeer[];
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

  protected constructor() {}
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
  public readonly isPublic: boolean;
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
    this.isPublic = !this.isPrivate;
    this.label = parsed.cidr;
    this.uniqueId = parsed.cidr.replace(/[:.]/g, '-').replace('/', '_');
  }

  /** The range itself. */
  public get guestSources(): readonly CidrPeer[] {
    return [this];
  }
}

/** {@link Peer.cidr} for the library's own props: errors name `field` (e.g. `associatedSubnets[0].cidr`). */
export function cidrPeerAt(cidr: string, field: string): CidrPeer {
  const checked = checkRdpSourceCidr(cidr);
  if (!checked.ok) throw new RdpValidationError(field, cidr, checked.problem);
  return new CidrPeer(checked.value);
}
