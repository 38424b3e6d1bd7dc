/**
 * Acknowledgement IDs for weakening the in-guest RDP hardening. Each is also the policy engine's rule ID
 * for the matching check on the rendered script (see docs/hardening.md), so an acknowledgement given
 * to {@link RdpHardeningProfile} suppresses exactly that finding, with its reason, in the plan review.
 */
export const RdpGuestRisk = {
  /** A TLS floor below 1.2 (TLS 1.0 / 1.1 left enabled in SCHANNEL). */
  TLS_LEGACY: 'RDP-GUEST-TLS-LEGACY',
  /** Network Level Authentication not required (`UserAuthentication` = 0). */
  NLA_OFF: 'RDP-GUEST-NLA-OFF',
  /** A security layer other than TLS (`SecurityLayer` = 1, Negotiate). */
  SECURITY_LAYER: 'RDP-GUEST-SECURITY-LAYER',
  /** Account lockout weaker than CIS (threshold 0 or above 5, duration or reset window under 15 minutes). */
  LOCKOUT: 'RDP-GUEST-LOCKOUT',
  /** Idle or disconnected session limits longer than CIS (or none). */
  SESSION_LIMITS: 'RDP-GUEST-SESSION-LIMITS',
  /** Any device redirection allowed (drive, clipboard, printer, ...). */
  REDIRECTION: 'RDP-GUEST-REDIRECTION',
} as const;

/** One of the {@link RdpGuestRisk} IDs. */
export type RdpGuestRiskId = (typeof RdpGuestRisk)[keyof typeof RdpGuestRisk];
