import { CidrPeer, RdpPort } from '../core';
import { RdpRedirection } from './rdp-redirection';
import { RdpSecurityLayer } from './rdp-security-layer';
import { TlsVersion } from './tls-version';
import { WindowsServerVersion } from './windows-server-version';

/**
 * The fully resolved, validated settings of a hardening profile: every default applied. The renderer
 * and the manifest read only this shape, so they never see unvalidated input.
 */
export interface HardeningSettings {
  /** The RDP listener port. */
  readonly port: RdpPort;
  /** The sources the guest firewall admits, in the order given. */
  readonly allowlist: readonly CidrPeer[];
  /** The targeted Windows Server release. */
  readonly windowsVersion: WindowsServerVersion;
  /** Whether RDP over UDP is accepted. */
  readonly udp: boolean;
  /** The RDP security layer. */
  readonly securityLayer: RdpSecurityLayer;
  /** Whether Network Level Authentication is required. */
  readonly requireNla: boolean;
  /** The oldest TLS version SCHANNEL accepts. */
  readonly minimumTlsVersion: TlsVersion;
  /** Failed logons before lockout; 0 means lockout is off. */
  readonly lockoutThreshold: number;
  /** Lockout duration in minutes. */
  readonly lockoutDurationMinutes: number;
  /** Failed-logon counter reset window in minutes. */
  readonly lockoutResetMinutes: number;
  /** Idle session limit in minutes; 0 means never. */
  readonly idleSessionLimitMinutes: number;
  /** Disconnected session limit in minutes; 0 means never. */
  readonly disconnectedSessionLimitMinutes: number;
  /** Redirections that are allowed (all others are forbidden). */
  readonly allowedRedirections: readonly RdpRedirection[];
  /** Upper-case SHA-1 thumbprint of the listener certificate, if one is pinned. */
  readonly listenerCertificateThumbprint: string | undefined;
  /** Minutes between an SCHANNEL change and the scheduled reboot. */
  readonly rebootDelayMinutes: number;
  /** IDs of the acknowledged weakenings, sorted. */
  readonly acknowledgedRiskIds: readonly string[];
}
