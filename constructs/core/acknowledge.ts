import { RdpValidationError, showValue } from './errors';

/** Shortest reason accepted for an acknowledged risk or a policy suppression. */
export const MIN_REASON_LENGTH = 10;

const RISK_ID_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

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
   * @param field the name reported in errors @default 'acknowledgement'
   */
  public static risk(id: string, reason: string, field = 'acknowledgement'): Acknowledge {
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
    return new Acknowledge(id, reason.trim());
  }

  /** The risk's ID. */
  public readonly id: string;
  /** Why the risk is accepted. */
  public readonly reason: string;

  private constructor(id: string, reason: string) {
    this.id = id;
    this.reason = reason;
  }

  /** Plain-object form, as recorded in the synthesized JSON. */
  public toJSON(): { id: string; reason: string } {
    return { id: this.id, reason: this.reason };
  }
}
