import { HARDENING_MANIFEST_PREFIX, HARDENING_MANIFEST_VERSION } from '../../contract';
import { HardeningSettings } from './hardening-settings';

export { HARDENING_MANIFEST_PREFIX, HARDENING_MANIFEST_VERSION } from '../../contract';

/**
 * The machine-readable summary of a profile, embedded near the top of the script. The policy engine
 * reads it from user data, SSM document content and run command scripts (contract in the team brief).
 */
export interface HardeningManifest {
  /** Shape version ({@link HARDENING_MANIFEST_VERSION}). */
  readonly version: number;
  /** RDP listener port. */
  readonly port: number;
  /** Whether RDP over UDP is admitted. */
  readonly udp: boolean;
  /** Canonical CIDRs admitted by the guest firewall, in the order given. */
  readonly allowlist: readonly string[];
  /** `tls` or `negotiate`. */
  readonly securityLayer: string;
  /** Whether Network Level Authentication is required. */
  readonly nla: boolean;
  /** Oldest TLS version enabled, e.g. `1.2`. */
  readonly minTls: string;
  /** Whether TLS 1.3 is enabled (Windows Server 2022 and later). */
  readonly tls13: boolean;
  /** Targeted Windows Server release, e.g. `2022`. */
  readonly windowsVersion: string;
  /** `MinEncryptionLevel` written (always 3, High). */
  readonly minEncryptionLevel: number;
  /** Failed logons before lockout (0 = off). */
  readonly lockoutThreshold: number;
  /** Lockout duration in minutes. */
  readonly lockoutDurationMinutes: number;
  /** Failed-logon counter reset window in minutes. */
  readonly lockoutResetMinutes: number;
  /** Idle session limit in minutes (0 = never). */
  readonly idleSessionLimitMinutes: number;
  /** Disconnected session limit in minutes (0 = never). */
  readonly disconnectedSessionLimitMinutes: number;
  /** Redirections allowed (names); every other kind is forbidden. */
  readonly allowedRedirections: readonly string[];
  /** Thumbprint of the pinned listener certificate, or null. */
  readonly listenerCertificateThumbprint: string | null;
  /** IDs of the acknowledged weakenings, sorted. */
  readonly acknowledged: readonly string[];
  /**
   * The drift-correction task the script installs itself (Azure run command), or null when the delivery
   * re-runs the script on its own schedule (the AWS State Manager association) or the script is the first-boot copy.
   */
  readonly localDriftTask: { readonly intervalMinutes: number; readonly atStartup: boolean } | null;
}

/**
 * Builds the manifest of a profile. Pure; key order is fixed so the line is deterministic.
 * @param localDriftTaskMinutes the interval of the local drift-correction task the script installs @default - none
 */
export function buildHardeningManifest(s: HardeningSettings, localDriftTaskMinutes?: number): HardeningManifest {
  return {
    version: HARDENING_MANIFEST_VERSION,
    port: s.port.number,
    udp: s.udp,
    allowlist: s.allowlist.map((p) => p.cidr),
    securityLayer: s.securityLayer.name,
    nla: s.requireNla,
    minTls: s.minimumTlsVersion.version,
    tls13: s.windowsVersion.supportsTls13,
    windowsVersion: s.windowsVersion.name,
    minEncryptionLevel: MIN_ENCRYPTION_LEVEL_HIGH,
    lockoutThreshold: s.lockoutThreshold,
    lockoutDurationMinutes: s.lockoutDurationMinutes,
    lockoutResetMinutes: s.lockoutResetMinutes,
    idleSessionLimitMinutes: s.idleSessionLimitMinutes,
    disconnectedSessionLimitMinutes: s.disconnectedSessionLimitMinutes,
    allowedRedirections: s.allowedRedirections.map((r) => r.name),
    listenerCertificateThumbprint: s.listenerCertificateThumbprint ?? null,
    acknowledged: [...s.acknowledgedRiskIds],
    localDriftTask: localDriftTaskMinutes === undefined ? null : { intervalMinutes: localDriftTaskMinutes, atStartup: true },
  };
}

/** The manifest comment line: the prefix followed by single-line JSON. */
export function hardeningManifestLine(manifest: HardeningManifest): string {
  return `${HARDENING_MANIFEST_PREFIX}${JSON.stringify(manifest)}`;
}

/** `MinEncryptionLevel` = 3 (High), CIS 18.10.57.3.9.5. Not configurable. */
export const MIN_ENCRYPTION_LEVEL_HIGH = 3;
