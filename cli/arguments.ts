/**
 * The one command-line parser of the commands: `util.parseArgs` (strict: unknown options and missing
 * values are errors), with its errors turned into a {@link UsageError} whose wording each command
 * keeps (`describe`).
 */
import { parseArgs, ParseArgsConfig } from 'util';
import { UsageError } from './usage-error';

/** The options a command accepts, as `util.parseArgs` takes them. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The parse of a command line: `values` by option name, `positionals` in order. */
export type ParsedCommandLine<T extends OptionSpecs> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** What went wrong while parsing, before a command words it. */
export interface ArgumentProblem {
  /** `unknown-option`, `missing-value` (also an option value that looks like an option) or `unexpected-value` (a flag given `=value`). */
  readonly kind: 'unknown-option' | 'missing-value' | 'unexpected-value';
  /** The option as named in the problem: `--verbose`, `-q`, `--format`. */
  readonly option: string;
  /** Node's own sentence, without its advice and without a final period. */
  readonly text: string;
}

/** The default wording: `unknown option "--x".`, `option --format needs a value.`, `` `--changed-only` takes no value. `` */
export function describeProblem(problem: ArgumentProblem): UsageError {
  if (problem.kind === 'unknown-option') return new UsageError(`unknown option ${JSON.stringify(problem.option)}.`);
  if (problem.kind === 'missing-value') return new UsageError(`option ${problem.option} needs a value.`);
  return new UsageError('takes no value.', problem.option);
}

/** Reads node's parseArgs error into a problem; undefined for anything else. */
function problemOf(error: unknown): ArgumentProblem | undefined {
  const code = (error as { code?: string } | null)?.code;
  // Not `instanceof Error`: node's errors come from another realm under test runners.
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  const text = message.replace(/\. To specify a positional argument.*$/s, '').replace(/\n.*$/s, '').replace(/\.$/, '');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { kind: 'unknown-option', option: /'([^']+)'/.exec(message)?.[1] ?? '', text };
  if (code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return undefined;
  const named = /Option '(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1] ?? '';
  return { kind: /does not take an argument/.test(message) ? 'unexpected-value' : 'missing-value', option: named, text };
}

/**
 * Parses a command's arguments: options as given in `options`, the rest as positionals.
 * @param describe words a parse problem for this command @default describeProblem
 * @throws UsageError for an unknown option, a missing value, or a value given to a flag
 */
export function parseCommandLine<T extends OptionSpecs>(argv: readonly string[], options: T, describe: (problem: ArgumentProblem) => UsageError = describeProblem): ParsedCommandLine<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    const problem = problemOf(e);
    if (problem) throw describe(problem);
    throw e;
  }
}
