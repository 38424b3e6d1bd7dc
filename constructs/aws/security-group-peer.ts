import { CidrPeer, IRdpPeer } from '../core';

/**
 * A peer given by an AWS security group: admits traffic from the network interfaces that carry it, such
 * as a Client VPN endpoint's. Only AWS security groups can render it.
 */
export class AwsSecurityGroupPeer implements IRdpPeer {
  /**
   * An AWS security group peer.
   * @param securityGroupId the group's ID (or a reference to it)
   * @param label a human label for rule descriptions, e.g. `client VPN`
   * @param sourceCidrs the ranges the group's traffic comes from as the guest sees it (e.g. the subnets
   *   of a Client VPN endpoint's network interfaces); the guest firewall admits these @default - none
   */
  public static of(securityGroupId: string, label: string, sourceCidrs: readonly CidrPeer[] = []): AwsSecurityGroupPeer {
    return new AwsSecurityGroupPeer(securityGroupId, label, sourceCidrs);
  }

  /** The security group ID. */
  public readonly securityGroupId: string;
  /** @inheritdoc */
  public readonly uniqueId: string;
  /** @inheritdoc */
  public readonly label: string;
  /** A security group is not an address range: never public. */
  public readonly isPublic = false;
  /** The ranges this group's traffic arrives from inside the guest (what the guest firewall admits). */
  public readonly guestSources: readonly CidrPeer[];

  private constructor(securityGroupId: string, label: string, sourceCidrs: readonly CidrPeer[]) {
    this.securityGroupId = securityGroupId;
    this.guestSources = sourceCidrs;
    this.label = label;
    this.uniqueId = `sg-${label.replace(/[^A-Za-z0-9]+/g, '-')}`;
  }
}

/** The peers an AWS security group rule can render: an address range or a security group. */
export type AwsRdpPeer = CidrPeer | AwsSecurityGroupPeer;
