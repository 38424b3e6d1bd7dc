/**
 * The normalized resource every rule sees, whatever the input was (cdktf's cdk.tf.json, a
 * hand-written Terraform JSON file, or `terraform show -json` plan output).
 */
import { isRecord } from './values';

/** Key under a resource's `"//"` block that carries acknowledged risks (the constructs' contract). */
export const ACKNOWLEDGEMENTS_KEY = 'rdp_acknowledgements';
/** Key under a host resource's `"//"` block that declares how RDP is reached (`vpn-only` or `allowlist`). */
export const ACCESS_MODE_KEY = 'rdp_access_mode';
/** Tag that declares the access mode where `"//"` comments cannot travel (hand-written stacks, plan JSON). */
export const ACCESS_MODE_TAG = 'rdp-access-mode';

/** An acknowledged risk: suppresses rule `id` on a resource; the reason is shown in every report. */
export interface Suppression {
  /** The rule ID suppressed. */
  readonly id: string;
  /** Why the risk is accepted (at least 10 characters). */
  readonly reason: string;
  /** Last day (ISO `YYYY-MM-DD`, UTC) the acknowledgement covers the risk; after it, the finding is back. */
  readonly expires?: string;
  /** Who owns the accepted risk (a team or person), shown with the reason. */
  readonly owner?: string;
}

/** True for an ISO calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** True when the acknowledgement has expired on `today` (`YYYY-MM-DD`): it covers its risk through its `expires` day. */
export function isExpired(s: Suppression, today: string): boolean {
  return s.expires !== undefined && s.expires < today;
}

/** How a host's RDP port is meant to be reached. */
export enum AccessMode {
  /** Only through a VPN (or another private path): no public IP, no public sources. */
  VPN_ONLY = 'vpn-only',
  /** From an allowlist of public CIDRs. */
  ALLOWLIST = 'allowlist',
  /** AWS: no inbound rule at all; RDP through a Session Manager port-forwarding tunnel to the loopback. */
  SESSION_MANAGER = 'session-manager',
  /** Azure: RDP only from an Azure Bastion's subnet. */
  BASTION = 'bastion',
}

/** One Terraform resource (or output), normalized for rules. */
export interface SynthResource {
  /** Terraform type, e.g. `aws_instance`; `output` for outputs. */
  readonly type: string;
  /** Logical name inside its module. */
  readonly name: string;
  /** Terraform address, e.g. `aws_instance.host` or `module.net.aws_vpc.main`. */
  readonly address: string;
  /** Module prefix of the address (`''` at the root), e.g. `module.net.`. */
  readonly modulePrefix: string;
  /** cdktf construct path when known (`stack/Host/Resource`). */
  readonly constructPath?: string;
  /** The resource's arguments as Terraform sees them (snake_case), without the `"//"` block. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Acknowledged risks recorded on the resource. */
  readonly suppressions: readonly Suppression[];
  /** Malformed acknowledgement entries (reported, never applied). */
  readonly invalidSuppressions: readonly string[];
  /** Declared RDP access mode, for host resources. */
  readonly accessMode?: AccessMode;
  /** 1-based line of the resource in its source file, when known (for SARIF). */
  readonly line?: number;
  /** Plans only: whether the plan creates, updates or replaces the resource (`false` for no-op and read). */
  readonly changed?: boolean;
}

/** Shortest acceptable suppression reason (cdk-nag's rule). */
export const MIN_SUPPRESSION_REASON = 10;

/** Reads `rdp_acknowledgements` from a `"//"` block, separating valid entries from malformed ones. */
export function readSuppressions(comment: unknown): { valid: Suppression[]; invalid: string[] } {
  const valid: Suppression[] = [];
  const invalid: string[] = [];
  const raw = isRecord(comment) ? comment[ACKNOWLEDGEMENTS_KEY] : undefined;
  if (raw === undefined) return { valid, invalid };
  if (!Array.isArray(raw)) return { valid, invalid: [`${ACKNOWLEDGEMENTS_KEY} must be a list of { id, reason }, got ${JSON.stringify(raw)}`] };
  for (const entry of raw) {
    const id = isRecord(entry) ? entry.id : undefined;
    const reason = isRecord(entry) ? entry.reason : undefined;
    if (typeof id !== 'string' || id.trim() === '') {
      invalid.push(`acknowledgement without an id: ${JSON.stringify(entry)}`);
    } else if (typeof reason !== 'string' || reason.trim().length < MIN_SUPPRESSION_REASON) {
      invalid.push(`acknowledgement of ${id} needs a reason of at least ${MIN_SUPPRESSION_REASON} characters, got ${JSON.stringify(reason ?? null)}`);
    } else if (isRecord(entry) && entry.expires !== undefined && !isIsoDate(entry.expires)) {
      invalid.push(`acknowledgement of ${id} has an invalid \`expires\`: use an ISO date YYYY-MM-DD, got ${JSON.stringify(entry.expires)}`);
    } else if (isRecord(entry) && entry.owner !== undefined && (typeof entry.owner !== 'string' || entry.owner.trim() === '')) {
      invalid.push(`acknowledgement of ${id} has an empty or non-text \`owner\`, got ${JSON.stringify(entry.owner)}`);
    } else {
      const extra = isRecord(entry) ? { ...(typeof entry.expires === 'string' ? { expires: entry.expires } : {}), ...(typeof entry.owner === 'string' ? { owner: entry.owner.trim() } : {}) } : {};
      valid.push({ id, reason: reason.trim(), ...extra });
    }
  }
  return { valid, invalid };
}

/** Reads the declared access mode from a `"//"` block or, failing that, from the `rdp-access-mode` tag. */
export function readAccessMode(comment: unknown, body: Record<string, unknown>): AccessMode | undefined {
  const declared = isRecord(comment) ? comment[ACCESS_MODE_KEY] : undefined;
  const tags = isRecord(body.tags) ? body.tags : undefined;
  const value = declared ?? tags?.[ACCESS_MODE_TAG];
  if (value === AccessMode.VPN_ONLY) return AccessMode.VPN_ONLY;
  if (value === AccessMode.ALLOWLIST) return AccessMode.ALLOWLIST;
  if (value === AccessMode.SESSION_MANAGER) return AccessMode.SESSION_MANAGER;
  if (value === AccessMode.BASTION) return AccessMode.BASTION;
  return undefined;
}
