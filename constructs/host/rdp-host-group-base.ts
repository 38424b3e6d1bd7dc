import { Construct } from 'constructs';
import { HostHardeningBinding } from './hardening-binding';
import { checkHostTags } from './host-tags';
import { IRdpTarget } from './rdp-target';
import { CidrPeer, IRdpPeer, Peer, RdpAccess, RdpAccessMode, RdpPort, RdpValidationError, showValue, terraformLiteral } from '../core';
import { RdpHardeningProfile, RdpHostHardeningOptions, WindowsServerVersion } from '../windows';

/** The clouds the host model runs on. */
export type RdpCloud = 'aws' | 'azure';

/** Longest rule description both clouds accept (Azure NSG rules: 140; AWS security group rules: 255). */
export const MAX_RULE_DESCRIPTION_LENGTH = 140;

/** What a host group is on every cloud: the props both clouds' groups (and hosts without a group) share. */
export interface RdpHostGroupBaseProps {
  /**
   * How RDP reaches the group's hosts. `RdpAccess.vpnOnly()` (recommended): no public IP, RDP only from
   * VPNs connected with `vpn.allowRdpTo(host)` and from private ranges you name. `RdpAccess.allowlist(…)`:
   * RDP from the listed CIDRs; public sources (acknowledged) give the hosts a public IP. Zero inbound:
   * `RdpAccess.sessionManager()` on AWS, `RdpAccess.bastion(bastion)` on Azure.
   * @default RdpAccess.vpnOnly()
   */
  readonly access?: RdpAccess;
  /**
   * The RDP listener port of every host in the group, and its transport: drives the network rules and
   * the in-guest configuration. `RdpPort.of(n, { udp: true })` admits UDP as well as TCP.
   * @default RdpPort.default() (43389, TCP only)
   */
  readonly rdpPort?: RdpPort;
  /**
   * Also admit RDP's UDP transport on the port (network rules and guest firewall alike). The same as a
   * port that carries UDP; a port that carries UDP with `udp: false` is refused as a contradiction.
   * @default - the port's transport (TCP only for RdpPort.default())
   */
  readonly udp?: boolean;
  /**
   * The Windows Server release of the group's images (decides TLS 1.3 in the guest); every host's image must match.
   * @default WindowsServerVersion.SERVER_2022
   */
  readonly windowsVersion?: WindowsServerVersion;
  /**
   * In-guest RDP hardening options (TLS floor, NLA, lockout, session limits, redirection, listener
   * certificate, acknowledgements for weaker values). The port, the guest firewall sources and UDP
   * always come from the group's network rules, so guest and network agree by construction.
   * @default - the secure defaults of RdpHardeningProfile
   */
  readonly hardening?: RdpHostHardeningOptions;
  /**
   * Tags of every resource the group creates (checked against what both clouds accept).
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** The props a member host must not set because its group owns them. */
export const GROUP_OWNED_PROPS = ['access', 'rdpPort', 'udp', 'hardening'] as const;

/** The zero-inbound access mode of each cloud, and the one the other cloud's hosts cannot use. */
const ZERO_INBOUND: Record<RdpCloud, { mode: RdpAccessMode; factory: string; name: string }> = {
  aws: { mode: RdpAccessMode.SESSION_MANAGER, factory: 'RdpAccess.sessionManager()', name: 'AWS' },
  azure: { mode: RdpAccessMode.BASTION, factory: 'RdpAccess.bastion(bastion)', name: 'Azure' },
};

const ZERO_INBOUND_PATH: Partial<Record<RdpAccessMode, string>> = {
  [RdpAccessMode.SESSION_MANAGER]: 'a Session Manager port-forwarding session (no inbound rule at all)',
  [RdpAccessMode.BASTION]: 'its Azure Bastion (RDP only from AzureBastionSubnet)',
};

/**
 * What a host group *is*, on both clouds: its access model, port and transport, Windows release,
 * hardening binding and tags; which sources it may admit (the same checks and errors on AWS and Azure);
 * what its guest firewall admits; and the check that a VPN-only group is reachable at all. The cloud
 * subclasses (`AwsRdpHostGroup`, `AzureRdpHostGroup`) add only their resources: they render admitted
 * peers as rules ({@link admit}) and report them ({@link admittedPeers}).
 *
 * @typeParam P the peers the cloud's network rules can render
 */
export abstract class RdpHostGroupBase<P extends IRdpPeer = IRdpPeer> extends Construct implements IRdpTarget {
  /** How RDP reaches the group's hosts. */
  public readonly access: RdpAccess;
  /** The RDP listener port of the group's hosts; it carries the transport (`rdpPort.udp`). */
  public readonly rdpPort: RdpPort;
  /** Whether RDP's UDP transport is admitted (network rules and guest firewall); the same as `rdpPort.udp`. */
  public readonly udp: boolean;
  /** The Windows Server release of the group's images. */
  public readonly windowsVersion: WindowsServerVersion;
  /** The checked tags of the group's resources. */
  public readonly tags?: Record<string, string>;
  private readonly hardeningBinding: HostHardeningBinding;

  protected constructor(scope: Construct, id: string, props: RdpHostGroupBaseProps, cloud: RdpCloud) {
    super(scope, id);
    this.access = props.access ?? RdpAccess.vpnOnly();
    const port = props.rdpPort ?? RdpPort.default();
    if (props.udp === false && port.udp) {
      throw new RdpValidationError('udp', props.udp, `contradicts \`rdpPort\`, which carries UDP (RdpPort.of(${port.number}, { udp: true })). Set one of them.`);
    }
    this.udp = props.udp ?? port.udp;
    this.rdpPort = this.udp && !port.udp ? port.withUdp() : port;
    this.windowsVersion = props.windowsVersion ?? WindowsServerVersion.SERVER_2022;
    this.tags = checkHostTags(props.tags);
    const other = ZERO_INBOUND[cloud === 'aws' ? 'azure' : 'aws'];
    if (this.access.mode === other.mode) {
      const own = ZERO_INBOUND[cloud];
      throw new RdpValidationError('access', this.access.mode, `is ${other.name} ${this.access.mode} access, which ${own.name} hosts cannot use. Use ${own.factory} for zero-inbound access on ${own.name}.`);
    }
    this.hardeningBinding = new HostHardeningBinding(this.node.path, props.hardening ?? {}, this.windowsVersion, () => ({
      port: this.rdpPort,
      udp: this.udp,
      sources: this.guestFirewallSources,
    }), () => (this.admittedPeers.length === 0 ? this.unreachableProblem() : 'its sources carry no range the guest firewall could admit (a security-group peer given no source ranges). Give the peer the ranges its traffic comes from.'));
    if (this.access.isVpnOnly) {
      this.node.addValidation({ validate: () => (this.admittedPeers.length > 0 ? [] : [this.unreachableProblem()]) });
    }
  }

  /** Why a VPN-only group that nothing was connected to cannot work (one sentence, for the validation and the resolution error). */
  private unreachableProblem(): string {
    return (
      `${this.node.path} is VPN-only, but no VPN was connected to it and no private source admitted, so nobody can reach RDP. ` +
      'Connect a VPN with `vpn.allowRdpTo(host)`, admit a private range with `host.allowRdpFrom(Peer.cidr(…))`, or list private sources in RdpAccess.vpnOnly(…).'
    );
  }

  /** The group itself (so VPNs accept a host or a group alike: `vpn.allowRdpTo(hostOrGroup)`). */
  public get group(): this {
    return this;
  }

  /** True when the group's hosts get a public IP (allowlist access with an acknowledged public source). */
  public get needsPublicIp(): boolean {
    return this.access.needsPublicIp;
  }

  /** The sources the group's network rules admit so far, in the order they were added. */
  public abstract get admittedPeers(): readonly P[];

  /**
   * The sources the guest firewall admits: what each admitted peer's traffic comes from inside the
   * guest (a range itself; a security group's source ranges). Session Manager's agent connects to the
   * host's loopback, so a session-manager group's guest admits only the loopback (docs/zero-inbound.md).
   */
  public get guestFirewallSources(): CidrPeer[] {
    if (this.access.isSessionManager) return Peer.loopback();
    const sources = new Map<string, CidrPeer>();
    for (const peer of this.admittedPeers) for (const cidr of peer.guestSources) sources.set(cidr.cidr, cidr);
    return [...sources.values()];
  }

  /**
   * Admits RDP from one more source, for every host of the group. Refused, with the same error on both
   * clouds: any source on a zero-inbound group (session-manager, bastion); a public range on a VPN-only
   * group; a public range on a group whose hosts have no public IP (a dead rule: only a public source in
   * the access allowlist gives them one).
   * @param peer e.g. `Peer.cidr('10.9.0.0/16')`
   * @param description shown on the rules (at most 140 characters, taken literally) @default 'RDP (<protocol> <port>) from <source>'
   */
  public allowRdpFrom(peer: P, description?: string): void {
    const path = ZERO_INBOUND_PATH[this.access.mode];
    if (path) {
      throw new RdpValidationError('peer', peer.label, `cannot be admitted: ${this.node.path} uses ${this.access.mode} access, so RDP reaches it only through ${path}. Reach it that way, or put the hosts in a group with vpn-only or allowlist access.`);
    }
    if (peer.isPublic && this.access.isVpnOnly) {
      throw new RdpValidationError('peer', peer.label, `is a public range, got ${showValue(peer.label)}, but ${this.node.path} is VPN-only. Allowed: a VPN (vpn.allowRdpTo(host)) or a private range.`);
    }
    if (peer.isPublic && !this.access.needsPublicIp) {
      throw new RdpValidationError(
        'peer',
        peer.label,
        `is a public range, got ${showValue(peer.label)}, but the hosts of ${this.node.path} have no public IP, so it could never reach them (a dead rule). ` +
          'Allowed: a VPN or a private range; or give the group a public source in its access allowlist (acknowledged), which gives its hosts a public IP.',
      );
    }
    if (description !== undefined && (typeof description !== 'string' || description.length > MAX_RULE_DESCRIPTION_LENGTH)) {
      throw new RdpValidationError('description', description, `must be text of at most ${MAX_RULE_DESCRIPTION_LENGTH} characters (what both clouds accept on a rule), got ${showValue(description)}.`);
    }
    this.admit(peer, terraformLiteral(description));
  }

  /**
   * The hardening profile as it stands now: the group's port, UDP setting and guest firewall sources with
   * the configured options. Rendered once for all members, at synthesis, after every grant.
   */
  public hardeningProfile(): RdpHardeningProfile {
    return this.hardeningBinding.profile();
  }

  /** Renders the cloud's rules for one admitted source (the checks of {@link allowRdpFrom} have passed). */
  protected abstract admit(peer: P, description: string | undefined): void;
}
