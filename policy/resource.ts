/**
 * The normalized resource every rule sees, whatever the input was (cdktf's cdk.tf.json, a
 * hand-written Terraform JSON file, or `terraform show -json` plan output).
 */
import { ACCESS_MODE_KEY, ACCESS_MODE_TAG, ACKNOWLEDGEMENTS_KEY, AccessMode, isIsoDate, MIN_REASON_LENGTH, parseAccessMode, RecordedAcknowledgement } from '../contract';
import { isRecord } from './values';

// The plan-annotation contract, as the engine's public API has always named it.
export { ACCESS_MODE_KEY, ACCESS_MODE_TAG, ACKNOWLEDGEMENTS_KEY, AccessMode, isIsoDate } from '../contract';

/** An acknowledged risk: suppresses rule `id` (or a rule that names `id` in `acknowledgedBy`) on a resource; the reason is shown in every report. */
export type Suppression = RecordedAcknowledgement;

/** True when the acknowledgement has expired on `today` (`YYYY-MM-DD`): it covers its risk through its `expires` day. */
export function isExpired(s: Suppression, today: string): boolean {
  return s.expires !== undefined && s.expires < today;
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

/** Shortest acceptable suppression reason (cdk-nag's rule): the contract's `MIN_REASON_LENGTH`. */
export const MIN_SUPPRESSION_REASON = MIN_REASON_LENGTH;

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
  return parseAccessMode(declared ?? tags?.[ACCESS_MODE_TAG]);
}
