/**
 * Errors raised when a construct prop or a configuration value is not acceptable.
 *
 * Every message follows one shape, so users (and tests) can rely on it:
 * "`<field>` <what is wrong>, got <value>. <what is allowed / how to fix>".
 */
import { RdpErrorCode } from './net';

export { RdpErrorCode };

const VALIDATION_ERROR_SYMBOL = Symbol.for('secure-rdp-hosts/RdpValidationError');

/**
 * A value given to a construct or found in a configuration file was rejected.
 *
 * Thrown eagerly, at synth time, before anything is written to `cdktf.out`.
 */
export class RdpValidationError extends Error {
  /** True when `x` is an {@link RdpValidationError}, even across duplicate package copies. */
  public static isRdpValidationError(x: unknown): x is RdpValidationError {
    return typeof x === 'object' && x !== null && VALIDATION_ERROR_SYMBOL in x;
  }

  /** Field path of the rejected value, e.g. `aws.hosts[0].allowlist[1]` or `rdpPort`. */
  public readonly field: string;
  /** The rejected value, as received. */
  public readonly value: unknown;
  /** What is wrong and what is allowed, without the field name. */
  public readonly problem: string;
  /** The kind of problem, for code that branches on it. @default - none (only some problems have a code) */
  public readonly code?: RdpErrorCode;

  constructor(field: string, value: unknown, problem: string, code?: RdpErrorCode) {
    super(`\`${field}\` ${problem}`);
    this.name = 'RdpValidationError';
    this.field = field;
    this.value = value;
    this.problem = problem;
    if (code !== undefined) this.code = code;
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
  }
}

/** Several validation errors found in one pass (for example over a configuration file). */
export class RdpValidationErrors extends Error {
  /** The individual errors, in the order they were found. */
  public readonly errors: readonly RdpValidationError[];

  constructor(errors: readonly RdpValidationError[], heading = 'Invalid configuration') {
    super(`${heading} (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
    this.name = 'RdpValidationErrors';
    this.errors = errors;
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
  }
}

// showValue lives in the lowest layer (net/), which every check uses; re-exported here where errors are made.
export { MAX_SHOWN_VALUE_LENGTH, showValue } from './net';

/** True when `x` is any error this library raises for bad input. */
export function isValidationFailure(x: unknown): x is RdpValidationError | RdpValidationErrors {
  return typeof x === 'object' && x !== null && VALIDATION_ERROR_SYMBOL in x;
}
