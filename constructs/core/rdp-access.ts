import { AccessMode as RdpAccessMode, INTERNET_EGRESS_RISK_ID, INTERNET_EXPOSURE_RISK_ID } from '../../contract';
import { Acknowledge } from './acknowledge';
import { RdpValidationError, showValue } from './errors';

/** How RDP reaches a host: the value recorded in the plan as `"//".rdp_access_mode` (the plan-annotation contract's `AccessMode`). */
export { AccessMode as RdpAccessMode, INTERNET_EGRESS_RISK_ID, INTERNET_EXPOSURE_RISK_ID } from '../../contract';

/** Checks an internet-egress acknowledgement's ID; returns it (or undefined when none is given). */
export function checkInternetEgress(acknowledgement: Acknowledge | undefined, field = 'internetEgress'): Acknowledge | undefined {
  if (acknowledgement && acknowledgement.id !== INTERNET_EGRESS_RISK_ID) {
    throw new RdpValidationError(`${field}.id`, acknowledgement.id, `must be "${INTERNET_EGRESS_RISK_ID}", the risk it accepts, got ${showValue(acknowledgement.id)}.`);
  }
  return acknowledgement;
}
import { CidrPeer } from './peer';
import { RdpAllowlist } from './rdp-allowlist';

/**
 * A tunnel service in the host's network that relays RDP to it (an Azure Bastion), as the access model
 * sees it. Implemented by `AzureRdpBastion`.
 */
export interface IRdpTunnelService {
  /** The range the service's connections to the host come from (its subnet): the only RDP source. */
  readonly sourcePeer: CidrPeer;
  /** Human label for rule descriptions, e.g. `Azure Bastion`. */
  readonly label: string;
}

/**
 * The access model of a host, shared by both clouds. {@link RdpAccess.vpnOnly} is the recommended
 * mode: the host has no public IP and admits RDP only from the VPN it is connected to (`vpn.allowRdpTo(host)`)
 * and from private ranges you name.
 */
export class RdpAccess {
  /**
   * RDP only through a VPN. Private ranges (e.g. an on-premises network behind a site-to-site VPN) may
   * be added; public ranges are refused.
   * @param privateSources extra private sources (errors name them `allowlist[i]`) @default - none: only connected VPNs
   */
  public static vpnOnly(privateSources?: RdpAllowlist): RdpAccess {
    privateSources?.peers.forEach((peer, index) => {
      if (!peer.isPrivate) {
        throw new RdpValidationError(
          `allowlist[${index}]`,
          peer.cidr,
          `is a public range, got "${peer.cidr}", but the host is VPN-only. Allowed: private ranges reached through the VPN ` +
            '(RFC 1918, 100.64.0.0/10). Remove it, or use allowlist access instead of VPN-only.',
        );
      }
    });
    return new RdpAccess(RdpAccessMode.VPN_ONLY, privateSources?.peers ?? []);
  }

  /**
   * RDP from an allowlist of CIDRs. Public sources give the host a public IP, which puts its RDP port on
   * the internet (for the listed ranges only): that takes an explicit acknowledgement with ID
   * `RDP-NET-PUBLIC-IP` and a reason, recorded on the host for the plan review.
   * @param allowlist the sources
   * @param internetExposure the acknowledgement; required when, and only when, a source is public
   * @param hostField path of the host in errors, e.g. `aws.hosts[0]` @default - fields are named `allowlist`, `internetExposure`
   */
  public static allowlist(allowlist: RdpAllowlist, internetExposure?: Acknowledge, hostField?: string): RdpAccess {
    const field = hostField ? `${hostField}.allowlist` : 'allowlist';
    const ackField = hostField ? `${hostField}.internetExposure` : 'internetExposure';
    const publicSources = allowlist.peers.filter((p) => !p.isPrivate).map((p) => p.cidr);
    if (publicSources.length > 0 && !internetExposure) {
      throw new RdpValidationError(
        field,
        publicSources,
        `has public sources (${publicSources.join(', ')}), which give the host a public IP and put its RDP port on the internet for those ranges. ` +
          `Accept it explicitly with \`${ackField}\` = Acknowledge.risk('${INTERNET_EXPOSURE_RISK_ID}', '<why>'), or reach the host through a VPN (RdpAccess.vpnOnly()).`,
      );
    }
    if (internetExposure && internetExposure.id !== INTERNET_EXPOSURE_RISK_ID) {
      throw new RdpValidationError(`${ackField}.id`, internetExposure.id, `must be "${INTERNET_EXPOSURE_RISK_ID}", the risk it accepts, got ${showValue(internetExposure.id)}.`);
    }
    if (internetExposure && publicSources.length === 0) {
      throw new RdpValidationError(ackField, internetExposure.id, `is not needed: \`${field}\` has no public source, so the host gets no public IP. Remove the acknowledgement, so the plan never claims a risk that is not taken.`);
    }
    return new RdpAccess(RdpAccessMode.ALLOWLIST, allowlist.peers, internetExposure);
  }

  /**
   * AWS only. Zero inbound: the host's security group has no inbound rule and the host no public IP;
   * operators open a Session Manager port-forwarding session (a document pinned to the RDP port, an
   * operator IAM policy scoped to it and to the hosts, logged sessions) and the SSM agent connects to
   * the host's loopback, so the guest firewall admits only 127.0.0.1 and ::1. Needs the network's
   * management path (Systems Manager endpoints or NAT). See docs/zero-inbound.md.
   */
  public static sessionManager(): RdpAccess {
    return new RdpAccess(RdpAccessMode.SESSION_MANAGER, []);
  }

  /**
   * Azure only. RDP only from an Azure Bastion's subnet (Standard or Premium, native-client tunneling
   * for the custom port); no public IP. One Bastion serves every host and group of its virtual network.
   * @param bastion the Bastion, e.g. an `AzureRdpBastion`
   */
  public static bastion(bastion: IRdpTunnelService): RdpAccess {
    if (!bastion || !(bastion.sourcePeer instanceof CidrPeer)) {
      throw new RdpValidationError('bastion', bastion, `must be an Azure Bastion (AzureRdpBastion), got ${showValue(bastion)}.`);
    }
    return new RdpAccess(RdpAccessMode.BASTION, [bastion.sourcePeer], undefined, bastion);
  }

  /** The access mode. */
  public readonly mode: RdpAccessMode;
  /** The tunnel service in bastion mode. */
  public readonly tunnel?: IRdpTunnelService;
  /** CIDR sources admitted directly (besides connected VPNs). */
  public readonly sources: readonly CidrPeer[];
  /** The acknowledgement of the public IP, in allowlist mode with public sources. */
  public readonly internetExposure?: Acknowledge;

  private constructor(mode: RdpAccessMode, sources: readonly CidrPeer[], internetExposure?: Acknowledge, tunnel?: IRdpTunnelService) {
    this.mode = mode;
    this.sources = sources;
    this.internetExposure = internetExposure;
    this.tunnel = tunnel;
  }

  /** True in session-manager mode (no inbound rule at all). */
  public get isSessionManager(): boolean {
    return this.mode === RdpAccessMode.SESSION_MANAGER;
  }

  /** True in bastion mode. */
  public get isBastion(): boolean {
    return this.mode === RdpAccessMode.BASTION;
  }

  /** True when only the mode's own path may reach RDP: no VPN, no other source may be added. */
  public get isZeroInbound(): boolean {
    return this.isSessionManager || this.isBastion;
  }

  /** True in VPN-only mode. */
  public get isVpnOnly(): boolean {
    return this.mode === RdpAccessMode.VPN_ONLY;
  }

  /** True when the host needs a public IP: allowlist mode with at least one public source. */
  public get needsPublicIp(): boolean {
    return this.mode === RdpAccessMode.ALLOWLIST && this.sources.some((p) => !p.isPrivate);
  }
}
