import { WindowsServerVersion } from '../windows';

/** What the host model needs from a cloud's Windows image: the release the guest hardening targets. */
export interface IRdpHostImage {
  /** The image's Windows Server release; decides whether TLS 1.3 is configured in the guest. */
  readonly windowsVersion: WindowsServerVersion;
}

/**
 * Something a VPN can be connected to: a host or a host group. Both resolve to the group, which owns
 * the network rules, so connecting a host admits the VPN to every member of its group.
 */
export interface IRdpTarget<G = unknown> {
  /** The group that owns the rules (a group returns itself). */
  readonly group: G;
}

/** A VPN that admits its users to hosts: `vpn.allowRdpTo(hostOrGroup)`. */
export interface IRdpVpn<G = unknown> {
  /** Lets the VPN's users reach the target's RDP port (every member of its group). */
  allowRdpTo(target: IRdpTarget<G>): void;
}
