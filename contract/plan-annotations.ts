/**
 * What the constructs write into a synthesized plan for reviewers and the policy engine, and what the
 * engine reads back: the keys of a resource's `"//"` block (Terraform ignores `"//"` keys), the
 * shape of an acknowledgement, the access modes and the hardening manifest line. Both sides import
 * these values from here, so neither can drift from the other.
 */

/** Key under a resource's `"//"` block where acknowledged risks are recorded (`[{ id, reason, expires?, owner? }]`). */
export const ACKNOWLEDGEMENTS_KEY = 'rdp_acknowledgements';

/** Key under a host resource's `"//"` block that records how RDP reaches it (an {@link AccessMode} value). */
export const ACCESS_MODE_KEY = 'rdp_access_mode';

/** Tag that declares the access mode where `"//"` comments cannot travel (hand-written stacks, plan JSON). */
export const ACCESS_MODE_TAG = 'rdp-access-mode';

/**
 * Where a Terraform resource object keeps the acknowledgements already recorded on it during synthesis,
 * so the constructs' `recordAcknowledgements` and the policy engine's `Policy.acknowledge` merge
 * rather than overwrite each other (`Symbol.for`, so two copies of the package share it).
 */
export const RECORDED_ACKNOWLEDGEMENTS = Symbol.for('secure-rdp-hosts/recorded-acknowledgements');

/** How RDP reaches a host: the value recorded in the plan as `"//".rdp_access_mode`. */
export enum AccessMode {
  /** Only through a VPN (plus explicitly allowlisted private ranges); never a public IP. */
  VPN_ONLY = 'vpn-only',
  /** From an allowlist of CIDRs, which may include public ranges (then the host gets a public IP). */
  ALLOWLIST = 'allowlist',
  /** AWS only: no inbound rule at all; RDP through a Session Manager port-forwarding tunnel to the host's loopback. */
  SESSION_MANAGER = 'session-manager',
  /** Azure only: RDP only from an Azure Bastion's subnet (native-client tunnel); no public IP. */
  BASTION = 'bastion',
}

/** The access mode `value` names, or undefined when it names none. */
export function parseAccessMode(value: unknown): AccessMode | undefined {
  return (Object.values(AccessMode) as unknown[]).includes(value) ? (value as AccessMode) : undefined;
}

/** The shape of an acknowledgement (and policy rule) ID: upper-case words joined by dashes, e.g. `RDP-NET-PUBLIC-IP`. */
export const ACKNOWLEDGEMENT_ID_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

/** Shortest reason (after trimming) accepted for an acknowledged risk or a policy suppression (cdk-nag's rule). */
export const MIN_REASON_LENGTH = 10;

/** True for an ISO calendar date `YYYY-MM-DD` that exists: the form of an acknowledgement's `expires`. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** An acknowledgement as recorded under {@link ACKNOWLEDGEMENTS_KEY}. */
export interface RecordedAcknowledgement {
  /** The risk's ID, which is the policy rule ID it suppresses. */
  readonly id: string;
  /** Why the risk is accepted (at least {@link MIN_REASON_LENGTH} characters). */
  readonly reason: string;
  /** Last day (ISO `YYYY-MM-DD`, UTC) the acknowledgement covers the risk. */
  readonly expires?: string;
  /** Who owns the accepted risk (a team or a person). */
  readonly owner?: string;
}

/**
 * Prefix of the hardening manifest comment line in a guest script; the single-line JSON of the
 * profile's manifest follows it (`# secure-rdp-hosts:profile {"version":1,...}`).
 */
export const HARDENING_MANIFEST_PREFIX = '# secure-rdp-hosts:profile ';

/** Version of the manifest's shape; bumped when a field changes meaning. */
export const HARDENING_MANIFEST_VERSION = 1;
