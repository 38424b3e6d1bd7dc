import { Acknowledge, CidrPeer, RdpAllowlist, RdpPort } from '../core';
import { RdpRedirection } from './rdp-redirection';
import { RdpSecurityLayer } from './rdp-security-layer';
import { TlsVersion } from './tls-version';
import { WindowsServerVersion } from './windows-server-version';

/**
 * Inputs of {@link RdpHardeningProfile}. Everything but the port and the allowlist has a secure default;
 * a weaker value is refused unless `acknowledgements` holds the matching `RDP-GUEST-*` acknowledgement.
 */
export interface RdpHardeningProfileProps {
  /** The RDP listener port; pass the same object the security group / NSG uses. */
  readonly port: RdpPort;
  /** The sources the guest firewall admits; pass the same object the security group / NSG uses. */
  readonly allowlist: RdpAllowlist | readonly CidrPeer[];
  /**
   * The Windows Server release of the image; decides whether TLS 1.3 is configured.
   * @default WindowsServerVersion.SERVER_2022
   */
  readonly windowsVersion?: WindowsServerVersion;
  /**
   * Also accept RDP over UDP on the port (guest firewall rule; `SelectTransport` = 0). When false the
   * server is told to use TCP only (`SelectTransport` = 1). Open UDP in the network rules to match.
   * @default false
   */
  readonly udp?: boolean;
  /**
   * The RDP security layer. Anything but TLS needs `RDP-GUEST-SECURITY-LAYER`.
   * @default RdpSecurityLayer.TLS
   */
  readonly securityLayer?: RdpSecurityLayer;
  /**
   * Require Network Level Authentication. `false` needs `RDP-GUEST-NLA-OFF`.
   * @default true
   */
  readonly requireNla?: boolean;
  /**
   * The oldest TLS version SCHANNEL accepts. Below 1.2 needs `RDP-GUEST-TLS-LEGACY`.
   * @default TlsVersion.TLS_1_2
   */
  readonly minimumTlsVersion?: TlsVersion;
  /**
   * Failed logons before an account locks (CIS 1.2.2: 1 to 5). 0 (never) or above 5 needs `RDP-GUEST-LOCKOUT`.
   * @default 5
   */
  readonly lockoutThreshold?: number;
  /**
   * Minutes an account stays locked (CIS 1.2.1: 15 or more). Below 15 needs `RDP-GUEST-LOCKOUT`.
   * @default 15
   */
  readonly lockoutDurationMinutes?: number;
  /**
   * Minutes after which the failed-logon counter resets (CIS 1.2.4: 15 or more, at most the duration).
   * Below 15 needs `RDP-GUEST-LOCKOUT`.
   * @default 15
   */
  readonly lockoutResetMinutes?: number;
  /**
   * Minutes an idle session may stay connected (CIS 18.10.57.3.10.1: 1 to 15). 0 (never) or above 15
   * needs `RDP-GUEST-SESSION-LIMITS`.
   * @default 15
   */
  readonly idleSessionLimitMinutes?: number;
  /**
   * Minutes a disconnected session is kept (CIS 18.10.57.3.10.2: 1). 0 (never) or above 1 needs
   * `RDP-GUEST-SESSION-LIMITS`.
   * @default 1
   */
  readonly disconnectedSessionLimitMinutes?: number;
  /**
   * Device redirections to allow; every other kind is forbidden. Any entry needs `RDP-GUEST-REDIRECTION`.
   * @default - none: drive, clipboard, printer, COM, LPT, PnP (and USB), location, WebAuthn, audio capture, camera and smart card redirection are off
   */
  readonly allowedRedirections?: readonly RdpRedirection[];
  /**
   * SHA-1 thumbprint (40 hex digits) of a certificate in `Cert:\LocalMachine\My` to bind to the RDP
   * listener instead of the self-signed one. The script fails when the certificate is missing.
   * @default - the listener keeps its current (self-signed) certificate
   */
  readonly listenerCertificateThumbprint?: string;
  /**
   * Minutes between a run that changed SCHANNEL and the reboot it schedules (a scheduled task, outside
   * the delivery mechanism's own run, so the run can report success first).
   * @default 5
   */
  readonly rebootDelayMinutes?: number;
  /**
   * Acknowledgements for each weakened setting (`Acknowledge.risk('RDP-GUEST-NLA-OFF', '<why>')`).
   * Each must match a weakening in these props; an unused one is refused so the plan never claims a risk that is not taken.
   * @default - none
   */
  readonly acknowledgements?: readonly Acknowledge[];
}

/** The secure defaults of {@link RdpHardeningProfileProps}. */
export const RDP_HARDENING_DEFAULTS = {
  windowsVersion: WindowsServerVersion.SERVER_2022,
  udp: false,
  securityLayer: RdpSecurityLayer.TLS,
  requireNla: true,
  minimumTlsVersion: TlsVersion.TLS_1_2,
  lockoutThreshold: 5,
  lockoutDurationMinutes: 15,
  lockoutResetMinutes: 15,
  idleSessionLimitMinutes: 15,
  disconnectedSessionLimitMinutes: 1,
  rebootDelayMinutes: 5,
} as const;

/**
 * Hardening options a host accepts: everything but what the host itself decides (port, guest firewall
 * sources, UDP, Windows release), which come from its network rules and image.
 */
export type RdpHostHardeningOptions = Omit<RdpHardeningProfileProps, 'port' | 'allowlist' | 'udp' | 'windowsVersion'>;
