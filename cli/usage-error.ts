/**
 * The commands' own error for bad input (exit code 2): a wrong argument, or a file the command reads
 * (a probe policy) that it cannot accept. Messages keep the library's shape,
 * "`<field>` <what is wrong>, got <value>. <what is allowed>", without importing the constructs.
 */

/** Longest rendering of a value in a message; longer values are cut. */
const MAX_SHOWN_LENGTH = 120;

/** Renders a value for a message: strings quoted, everything else as JSON, cut to 120 characters. */
export function showArgument(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    return value.length > MAX_SHOWN_LENGTH ? `${JSON.stringify(value.slice(0, MAX_SHOWN_LENGTH))}… (${value.length} characters)` : JSON.stringify(value);
  }
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return shown.length > MAX_SHOWN_LENGTH ? `${shown.slice(0, MAX_SHOWN_LENGTH)}…` : shown;
}

/** A command-line or input mistake; the message says what is allowed. */
export class UsageError extends Error {
  /** The argument or setting at fault (`--format`, `<host>:<port>`, `certificate.maxDays`), when there is one. */
  public readonly field?: string;
  /** The rejected value, as received. */
  public readonly value?: unknown;

  /**
   * @param message the whole message, or with `field` the problem after "`<field>` "
   * @param field the argument or setting at fault @default - none: `message` stands alone
   * @param value the rejected value @default - none
   */
  constructor(message: string, field?: string, value?: unknown) {
    super(field === undefined ? message : `\`${field}\` ${message}`);
    this.name = 'UsageError';
    this.field = field;
    this.value = value;
  }
}

/** Several problems found in one pass (e.g. over a probe policy file), listed under a heading. */
export class UsageErrors extends Error {
  /** The individual problems, in the order they were found. */
  public readonly errors: readonly UsageError[];

  constructor(errors: readonly UsageError[], heading: string) {
    super(`${heading} (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
    this.name = 'UsageErrors';
    this.errors = errors;
  }
}

/** True for the errors a command reports as bad usage or input (exit code 2). */
export function isUsageFailure(x: unknown): x is UsageError | UsageErrors {
  return x instanceof UsageError || x instanceof UsageErrors;
}
