import { CidrPeer, RdpPort, RdpValidationError } from '../core';
import { RdpHardeningProfile, RdpHostHardeningOptions, WindowsServerVersion } from '../windows';

/** What a host tells its hardening binding when the profile is rendered. */
export interface HostNetworkFacts {
  /** The RDP port the network rules admit. */
  readonly port: RdpPort;
  /** Whether the network rules admit UDP. */
  readonly udp: boolean;
  /** The sources the network rules admit, as the guest sees them. */
  readonly sources: readonly CidrPeer[];
}

/**
 * Binds a host's hardening options to its network rules. The profile is built when first asked for
 * at synthesis, from the port, UDP setting and sources the network rules have at that moment, so grants
 * made after the host was created (`vpn.allowRdpTo(host)`) reach the guest firewall too. Both clouds'
 * hosts use it, so guest and network agree by construction.
 */
export class HostHardeningBinding {
  private cached?: { key: string; profile: RdpHardeningProfile };

  constructor(
    private readonly hostPath: string,
    private readonly options: RdpHostHardeningOptions,
    private readonly windowsVersion: WindowsServerVersion,
    private readonly facts: () => HostNetworkFacts,
    /** Why no source reached the guest firewall (the host's own explanation), shown after "leaves <host> with no source that may reach RDP". */
    private readonly whyNoSource: () => string = () => 'its guest firewall would admit nobody. Connect a VPN with `vpn.allowRdpTo(host)`, or add sources.',
  ) {}

  /** The profile for the host's current network rules. */
  public profile(): RdpHardeningProfile {
    const { port, udp, sources } = this.facts();
    if (sources.length === 0) {
      // cdktf resolves the stack (and so renders this profile) before it runs validations: in a real
      // `app.synth()` this error comes first, so it carries the host's own explanation.
      throw new RdpValidationError('access', this.hostPath, `leaves ${this.hostPath} with no source that may reach RDP: ${this.whyNoSource()}`);
    }
    const key = `${port.number}|${udp}|${sources.map((p) => p.cidr).join(',')}`;
    if (this.cached?.key !== key) {
      const profile = new RdpHardeningProfile({ ...this.options, port, allowlist: [...sources], udp, windowsVersion: this.windowsVersion }, 'hardening');
      this.cached = { key, profile };
    }
    return this.cached.profile;
  }
}

/** A profile, or a function that builds it at synthesis (as hosts pass it to delivery constructs). */
export function resolveProfile(profile: RdpHardeningProfile | (() => RdpHardeningProfile)): RdpHardeningProfile {
  return typeof profile === 'function' ? profile() : profile;
}
