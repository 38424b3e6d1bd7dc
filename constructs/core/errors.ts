/**
 * Errors raised when a construct prop or a configuration value is not acceptable.
 *
 * Every message follows one shape, so users (and tests) can rely on it:
 * "`<field>` <what is wrong>, got <value>. <what is allowed / how to fix>".
 */

/**
 * Stable machine codes of validation errors, for callers that branch on the kind of problem (the
 * configuration layer, tests, your own tooling) instead of on the message wording, which may change.
 * Only the problems someone branches on have a code; any other error has none.
 */
export const RdpErrorCode = {
  /** A range lies (partly) outside the range that must contain it: a subnet outside its VPC or address space. */
  CIDR_OUTSIDE_RANGE: 'cidr-outside-range',
  /** A range overlaps a range it must stay apart from: a VPN client pool or on-premises range and the VPC. */
  CIDR_OVERLAP: 'cidr-overlap',
  /** A range is too small for what it holds: AzureBastionSubnet narrower than /26, GatewaySubnet narrower than /27. */
  CIDR_TOO_SMALL: 'cidr-too-small',
} as const;

/** One of the {@link RdpErrorCode} values. */
export type RdpErrorCode = (typeof RdpErrorCode)[keyof typeof RdpErrorCode];

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

/** Longest rendering of a value in an error message; longer values are cut (a message never echoes megabytes). */
export const MAX_SHOWN_VALUE_LENGTH = 120;

/** Renders a value for an error message: strings quoted, everything else as JSON, cut to {@link MAX_SHOWN_VALUE_LENGTH} characters. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'string') {
    return value.length > MAX_SHOWN_VALUE_LENGTH ? `${JSON.stringify(value.slice(0, MAX_SHOWN_VALUE_LENGTH))}… (${value.length} characters)` : JSON.stringify(value);
  }
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return shown.length > MAX_SHOWN_VALUE_LENGTH ? `${shown.slice(0, MAX_SHOWN_VALUE_LENGTH)}…` : shown;
}

/** True when `x` is any error this library raises for bad input. */
export function isValidationFailure(x: unknown): x is RdpValidationError | RdpValidationErrors {
  return typeof x === 'object' && x !== null && VALIDATION_ERROR_SYMBOL in x;
}
