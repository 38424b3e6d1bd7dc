import { RdpGuestRisk, RdpGuestRiskId } from './rdp-guest-risk';
import { RdpSecurityLayer } from './rdp-security-layer';
import { HardeningSettings } from './hardening-settings';

/** One setting that is weaker than the secure default, with the acknowledgement it needs. */
export interface HardeningWeakening {
  /** The prop that weakens the profile, e.g. `requireNla`. */
  readonly field: string;
  /** The value given. */
  readonly value: unknown;
  /** The acknowledgement ID that accepts it. */
  readonly riskId: RdpGuestRiskId;
  /** What the weaker value does, as a sentence fragment. */
  readonly effect: string;
}

type Resolved = Omit<HardeningSettings, 'acknowledgedRiskIds'>;

/** Lists every setting of `s` that is weaker than the secure default. Pure. */
export function findWeakenings(s: Resolved): HardeningWeakening[] {
  const found: HardeningWeakening[] = [];
  const add = (field: string, value: unknown, riskId: RdpGuestRiskId, effect: string) => found.push({ field, value, riskId, effect });

  if (s.minimumTlsVersion.isLegacy) {
    add('minimumTlsVersion', s.minimumTlsVersion.toString(), RdpGuestRisk.TLS_LEGACY, `leaves deprecated ${s.minimumTlsVersion} enabled in SCHANNEL`);
  }
  if (!s.requireNla) {
    add('requireNla', false, RdpGuestRisk.NLA_OFF, 'lets anyone who reaches the port open a logon screen before authenticating (Network Level Authentication off)');
  }
  if (s.securityLayer !== RdpSecurityLayer.TLS) {
    add('securityLayer', s.securityLayer.name, RdpGuestRisk.SECURITY_LAYER, 'lets clients fall back to native RDP encryption, where the server is not authenticated');
  }
  if (s.lockoutThreshold === 0 || s.lockoutThreshold > 5) {
    add('lockoutThreshold', s.lockoutThreshold, RdpGuestRisk.LOCKOUT, s.lockoutThreshold === 0 ? 'turns account lockout off, so passwords can be guessed without limit' : 'allows more than 5 password guesses per window (CIS 1.2.2)');
  }
  if (s.lockoutThreshold !== 0 && s.lockoutDurationMinutes < 15) {
    add('lockoutDurationMinutes', s.lockoutDurationMinutes, RdpGuestRisk.LOCKOUT, 'unlocks accounts after less than 15 minutes (CIS 1.2.1)');
  }
  if (s.lockoutThreshold !== 0 && s.lockoutResetMinutes < 15) {
    add('lockoutResetMinutes', s.lockoutResetMinutes, RdpGuestRisk.LOCKOUT, 'resets the failed-logon counter after less than 15 minutes (CIS 1.2.4)');
  }
  if (s.idleSessionLimitMinutes === 0 || s.idleSessionLimitMinutes > 15) {
    add('idleSessionLimitMinutes', s.idleSessionLimitMinutes, RdpGuestRisk.SESSION_LIMITS, 'keeps idle sessions open longer than 15 minutes (CIS 18.10.57.3.10.1)');
  }
  if (s.disconnectedSessionLimitMinutes !== 1) {
    add('disconnectedSessionLimitMinutes', s.disconnectedSessionLimitMinutes, RdpGuestRisk.SESSION_LIMITS, 'keeps disconnected sessions longer than 1 minute (CIS 18.10.57.3.10.2)');
  }
  if (s.allowedRedirections.length > 0) {
    add('allowedRedirections', s.allowedRedirections.map((r) => r.name), RdpGuestRisk.REDIRECTION, 'lets data move between the client and the host through redirected devices');
  }
  return found;
}
