import { RdpValidationError } from './errors';
import { CidrPeer } from './peer';
import { RdpAllowlist } from './rdp-allowlist';

/** How RDP reaches a host: the value recorded in the plan as `"//".rdp_access_mode`. */
export enum RdpAccessMode {
  /** Only through a VPN (plus explicitly allowlisted private ranges); never a public IP. */
  VPN_ONLY = 'vpn-only',
  /** From an allowlist of CIDRs, which may include public ranges (then the host gets a public IP). */
  ALLOWLIST = 'allowlist',
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
   * @param privateSources extra private sources @default - none: only connected VPNs
   * @param field the name reported in errors @default 'allowlist'
   */
  public static vpnOnly(privateSources?: RdpAllowlist, field = 'allowlist'): RdpAccess {
    privateSources?.peers.forEach((peer, index) => {
      if (!peer.isPrivate) {
        throw new RdpValidationError(
          `${field}[${index}]`,
          peer.cidr,
          `is a public range, got "${peer.cidr}", but the host is VPN-only. Allowed: private ranges reached through the VPN ` +
            '(RFC 1918, 100.64.0.0/10, IPv6 unique-local fc00::/7). Remove it, or use allowlist access instead of VPN-only.',
        );
      }
    });
    return new RdpAccess(RdpAccessMode.VPN_ONLY, privateSources?.peers ?? []);
  }

  /**
   * RDP from an allowlist of CIDRs. Public sources give the host a public IP.
   * @param allowlist the sources
   */
  public static allowlist(allowlist: RdpAllowlist): RdpAccess {
    return new RdpAccess(RdpAccessMode.ALLOWLIST, allowlist.peers);
  }

  /** The access mode. */
  public readonly mode: RdpAccessMode;
  /** CIDR sources admitted directly (besides connected VPNs). */
  public readonly sources: readonly CidrPeer[];

  private constructor(mode: RdpAccessMode, sources: readonly CidrPeer[]) {
    this.mode = mode;
    this.sources = sources;
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
