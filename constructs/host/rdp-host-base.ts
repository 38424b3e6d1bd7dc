import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { GROUP_OWNED_PROPS, RdpHostGroupBase, RdpHostGroupBaseProps } from './rdp-host-group-base';
import { IRdpHostImage, IRdpTarget } from './rdp-target';
import { Acknowledge, ACCESS_MODE_KEY, CidrPeer, IRdpPeer, RdpAccess, RdpPort, RdpValidationError, recordAcknowledgements } from '../core';
import { RdpHardeningProfile, WindowsServerVersion } from '../windows';

/**
 * Checks that a member host sets none of the props its group owns (the shared ones, plus the cloud's own).
 * @throws RdpValidationError naming the first conflicting prop
 */
export function checkMemberProps(props: object, group: Construct, cloudOwned: readonly string[]): void {
  const conflicting = [...GROUP_OWNED_PROPS, ...cloudOwned].filter((name) => (props as Record<string, unknown>)[name] !== undefined);
  if (conflicting.length > 0) {
    throw new RdpValidationError(conflicting[0], conflicting, `comes from the host group ${group.node.path}; do not set it on a member host (set: ${conflicting.join(', ')}). Configure it on the group.`);
  }
}

/**
 * Checks that a host was given an image (JavaScript callers and configuration code can omit it).
 * @param example how to make one on this cloud, e.g. `WindowsAmi.fromId('ami-…')`
 * @throws RdpValidationError on field `image`
 */
export function requireImage<I extends IRdpHostImage>(image: I | undefined, example: string): I {
  if (image === undefined || image === null || !(image.windowsVersion instanceof WindowsServerVersion)) {
    throw new RdpValidationError('image', image, `is required: the Windows Server image decides the release the guest hardening targets. Pass ${example}.`);
  }
  return image;
}

/**
 * Checks that a host's image is the Windows release its group is hardened for.
 * @throws RdpValidationError on field `image`
 */
export function checkImageRelease(image: IRdpHostImage, group: RdpHostGroupBase): void {
  if (image.windowsVersion !== group.windowsVersion) {
    throw new RdpValidationError('image', image.windowsVersion.name, `is Windows Server ${image.windowsVersion.name}, but the group ${group.node.path} is hardened for ${group.windowsVersion.name}. Put hosts of different Windows releases in different groups.`);
  }
}

/**
 * Records on a host's compute resource what the plan review reads: `"//".rdp_access_mode`, and the
 * acknowledgements the host carries (or a function that yields them at synthesis).
 */
export function annotateHostResource(resource: TerraformResource, access: RdpAccess, acknowledgements: readonly (Acknowledge | undefined)[] | (() => readonly Acknowledge[])): void {
  recordAcknowledgements(resource, acknowledgements);
  resource.addOverride(`//.${ACCESS_MODE_KEY}`, access.mode);
}

/**
 * What a host *is*, on both clouds: a member of a host group, which owns its access model, port and
 * transport, Windows release, hardening and rules. The same accessors on AWS and Azure; the cloud
 * subclasses (`AwsRdpHost`, `AzureRdpHost`) add their compute and network resources.
 *
 * @typeParam G the cloud's host group
 * @typeParam P the peers the cloud's network rules can render
 */
export abstract class RdpHostBase<G extends RdpHostGroupBase<P>, P extends IRdpPeer = IRdpPeer> extends Construct implements IRdpTarget<G> {
  /** The group the host belongs to (its own, unless one was given). */
  public abstract readonly group: G;

  /** The RDP listener port (the group's). */
  public get rdpPort(): RdpPort {
    return this.group.rdpPort;
  }

  /** Whether RDP's UDP transport is admitted (the group's setting). */
  public get udp(): boolean {
    return this.group.udp;
  }

  /** How RDP reaches the host (the group's access model). */
  public get access(): RdpAccess {
    return this.group.access;
  }

  /** The Windows Server release the host is hardened for (the group's). */
  public get windowsVersion(): WindowsServerVersion {
    return this.group.windowsVersion;
  }

  /** The sources the group's network rules admit so far. */
  public get admittedPeers(): readonly P[] {
    return this.group.admittedPeers;
  }

  /** The sources the guest firewall admits (the group's). */
  public get guestFirewallSources(): CidrPeer[] {
    return this.group.guestFirewallSources;
  }

  /**
   * Admits RDP from one more source, for every member of the host's group (see {@link RdpHostGroupBase.allowRdpFrom}).
   * @param peer e.g. `Peer.cidr('10.9.0.0/16')`
   * @param description @default 'RDP (<protocol> <port>) from <source>'
   */
  public allowRdpFrom(peer: P, description?: string): void {
    this.group.allowRdpFrom(peer, description);
  }

  /** The hardening profile as it stands now (the group's). */
  public hardeningProfile(): RdpHardeningProfile {
    return this.group.hardeningProfile();
  }
}

/**
 * What a host is given on every cloud: its image and group, or (without a group) the props of the group
 * of its own. Tags apply to the host's own resources (and to its own group's).
 * @typeParam G the cloud's host group
 * @typeParam I the cloud's image type
 */
export interface RdpHostBaseProps<G, I extends IRdpHostImage> extends Omit<RdpHostGroupBaseProps, 'windowsVersion'> {
  /** The Windows Server image; its release must be the one the group is hardened for. */
  readonly image: I;
  /**
   * The host group to join: its network rules, access model, port, UDP setting and hardening are shared
   * by every member. When given, `access`, `rdpPort`, `udp` and `hardening` (and the cloud's group-owned
   * props) come from the group and must not be set here.
   * @default - a group of its own, built from this host's props
   */
  readonly group?: G;
}
