import { ACKNOWLEDGEMENT_ID_PATTERN as RISK_ID_PATTERN, isIsoDate, MIN_REASON_LENGTH } from '../../contract';
import { RdpValidationError, showValue } from './errors';

export { MIN_REASON_LENGTH } from '../../contract';

/** Optional details of an acknowledgement. */
export interface AcknowledgeOptions {
  /** The last day (ISO `YYYY-MM-DD`, UTC) the acknowledgement covers the risk; after it the policy gate fails again, naming the expiry. @default no expiry */
  readonly expires?: string;
  /** Who owns the accepted risk (a team or a person), shown with the reason in every report. @default none */
  readonly owner?: string;
  /** The name reported in errors. @default 'acknowledgement' */
  readonly field?: string;
}

/**
 * An explicit, reasoned acceptance of a weaker-than-default setting.
 *
 * Secure defaults are only weakened through one of these: a boolean would hide the decision, an
 * acknowledgement carries an ID and a reason that end up in the synthesized plan for reviewers.
 *
 * @example Acknowledge.risk('RDP-AWS-PASSWORD-DATA', 'Lab account without AD; key kept in the team vault')
 */
export class Acknowledge {
  /**
   * Accepts a named risk.
   * @param id an upper-case identifier such as `RDP-AWS-PASSWORD-DATA` (the policy rule ID where one exists)
   * @param reason why the risk is acceptable here; at least 10 characters
   * @param options the field name reported in errors (a string, as before), or `{ expires, owner, field }`
   * @example Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support window, closed by the Q3 migration', { expires: '2026-09-30', owner: 'network-team' })
   */
  public static risk(id: string, reason: string, options: string | AcknowledgeOptions = {}): Acknowledge {
    const { field = 'acknowledgement', expires, owner } = typeof options === 'string' ? { field: options } : options;
    if (typeof id !== 'string' || !RISK_ID_PATTERN.test(id)) {
      throw new RdpValidationError(`${field}.id`, id, `must be an upper-case ID such as "RDP-AWS-PASSWORD-DATA", got ${showValue(id)}.`);
    }
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
      throw new RdpValidationError(
        `${field}.reason`,
        reason,
        `must explain the decision in at least ${MIN_REASON_LENGTH} characters, got ${showValue(reason)}. ` +
          'Say why the weaker setting is acceptable here; reviewers read it in the plan.',
      );
    }
    if (expires !== undefined && (typeof expires !== 'string' || !isIsoDate(expires))) {
      throw new RdpValidationError(`${field}.expires`, expires, `must be an ISO date YYYY-MM-DD (the last day the acknowledgement covers the risk), got ${showValue(expires)}.`);
    }
    if (owner !== undefined && (typeof owner !== 'string' || owner.trim() === '')) {
      throw new RdpValidationError(`${field}.owner`, owner, `must name the team or person who owns the risk, got ${showValue(owner)}.`);
    }
    return new Acknowledge(id, reason.trim(), expires, owner?.trim());
  }

  /** The risk's ID. */
  public readonly id: string;
  /** Why the risk is accepted. */
  public readonly reason: string;
  /** Last day the acknowledgement covers the risk, if it expires. */
  public readonly expires?: string;
  /** Who owns the risk, if named. */
  public readonly owner?: string;

  private constructor(id: string, reason: string, expires?: string, owner?: string) {
    this.id = id;
    this.reason = reason;
    this.expires = expires;
    this.owner = owner;
  }

  /** Plain-object form, as recorded in the synthesized JSON (`expires` and `owner` only when set). */
  public toJSON(): { id: string; reason: string; expires?: string; owner?: string } {
    return { id: this.id, reason: this.reason, ...(this.expires ? { expires: this.expires } : {}), ...(this.owner ? { owner: this.owner } : {}) };
  }
}
