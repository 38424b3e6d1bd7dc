/**
 * The risk IDs the constructs accept in an acknowledgement. Each is also the ID of the policy rule
 * that reports the risk (or names it in `acknowledgedBy`), so the acknowledgement suppresses exactly that
 * finding, with its reason, in the plan review.
 */

/** Acknowledgement ID (and policy rule ID) for a host with a public IP. */
export const INTERNET_EXPOSURE_RISK_ID = 'RDP-NET-PUBLIC-IP';

/**
 * Acknowledgement ID for hosts that may send HTTPS/HTTP to the whole internet (Windows Update,
 * downloads); it covers the policy rule `RDP-NET-WORLD-EGRESS`. Without it, hosts egress only to the
 * cloud's management endpoints.
 */
export const INTERNET_EGRESS_RISK_ID = 'RDP-NET-INTERNET-EGRESS';

/** Acknowledgement ID (and policy rule ID) for keeping the encrypted Administrator password data in Terraform state (AWS). */
export const PASSWORD_DATA_RISK_ID = 'RDP-AWS-PASSWORD-DATA';

/** Acknowledgement ID (and policy rule ID) for leaving an Azure host subnet without the hosts' network security group. */
export const SUBNET_NSG_RISK_ID = 'RDP-AZ-SUBNET-NSG';

/**
 * Acknowledgement IDs for weakening the in-guest RDP hardening. Each is also the policy engine's rule ID
 * for the matching check on the rendered script (see docs/hardening.md), so an acknowledgement given
 * to `RdpHardeningProfile` suppresses exactly that finding, with its reason, in the plan review.
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

/** Every risk ID the constructs can record; the pack test checks each has a policy rule. */
export const RISK_IDS: readonly string[] = [INTERNET_EXPOSURE_RISK_ID, INTERNET_EGRESS_RISK_ID, PASSWORD_DATA_RISK_ID, SUBNET_NSG_RISK_ID, ...Object.values(RdpGuestRisk)];
