/**
 * `secure-rdp-hosts check [path…]`: reviews synthesized stacks or plan JSON against the RdpBaseline
 * pack and prints a report. Exit codes: 0 clean, 1 violations at or above the threshold, 2 bad
 * usage or unreadable input (always with a one-line reason, never a stack trace).
 */
import * as fs from 'fs';
import * as path from 'path';
import { BaselineError, DocumentKind, failing, InputError, loadDocuments, parseBaseline, RdpBaselinePack, renderJson, renderMarkdown, renderSarif, renderText, reviewDocuments, ReviewResult, Severity } from '../../policy';
import { parseCommandLine } from '../arguments';
import { UsageError } from '../usage-error';

/** Output formats. */
export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
/** One output format. */
export type Format = (typeof FORMATS)[number];

/** Parsed command line. */
export interface CheckOptions {
  /** Inputs; `cdktf.out` when none is given. */
  readonly paths: readonly string[];
  /** Output format. */
  readonly format: Format;
  /** Lowest severity that fails. */
  readonly severity: Severity;
  /** File to write the report to, instead of stdout. */
  readonly output?: string;
  /** Report only resources the plan creates, updates or replaces. */
  readonly changedOnly: boolean;
  /** A previous SARIF or JSON report: fail only on findings not in it. */
  readonly baseline?: string;
  /** Print usage and exit 0. */
  readonly help: boolean;
}


/** Usage text. */
export const USAGE = `usage: secure-rdp-hosts check [path…] [options]

Reviews synthesized Terraform JSON (a cdktf.out directory, a stack's cdk.tf.json) or
\`terraform show -json\` plan output against the ${RdpBaselinePack.name} policy pack.

arguments:
  path…                  cdktf.out directories, cdk.tf.json files or plan JSON files (default: cdktf.out)

options:
  -f, --format <format>  ${FORMATS.join(' | ')} (default: text)
  -s, --severity <level> lowest severity that fails: error | warning | info (default: error)
  -o, --output <file>    write the report to a file instead of standard output
      --changed-only     report only resources the plan creates, updates or replaces
                         (plan JSON only; unchanged resources still feed the exposure model)
      --baseline <file>  a previous report (--format sarif or json): fail only on new findings
                         (stable fingerprints: stack, rule, resource) and list the fixed ones
  -h, --help             show this help

exit codes: 0 no violation at or above the severity, 1 violations, 2 bad usage or unreadable input.
Rules: docs/RULES.md (in the package: node_modules/secure-rdp-hosts/docs/RULES.md).
Suppress with Policy.acknowledge(construct, { id, reason }) (docs/policy.md in the repository).
`;

/** Parses `check`'s arguments. */
export function parseArgs(argv: readonly string[]): CheckOptions {
  const { values, positionals } = parseCommandLine(argv, {
    help: { type: 'boolean', short: 'h' },
    format: { type: 'string', short: 'f' },
    severity: { type: 'string', short: 's' },
    output: { type: 'string', short: 'o' },
    'changed-only': { type: 'boolean' },
    baseline: { type: 'string' },
  });
  for (const name of ['format', 'severity', 'output', 'baseline'] as const) {
    if (values[name] === '') throw new UsageError(`option --${name} needs a value.`);
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}.`, '--format');
  const severity = values.severity ?? Severity.ERROR;
  if (!(Object.values(Severity) as string[]).includes(severity)) throw new UsageError(`must be one of ${Object.values(Severity).join(', ')}, got ${JSON.stringify(severity)}.`, '--severity');
  return {
    paths: positionals.length > 0 ? positionals : ['cdktf.out'],
    format: format as Format,
    severity: severity as Severity,
    output: values.output,
    changedOnly: values['changed-only'] ?? false,
    baseline: values.baseline,
    help: values.help ?? false,
  };
}

/** This package's version, for SARIF's tool version. */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'secure-rdp-hosts') return pkg.version ?? '0.0.0';
  }
  return '0.0.0';
}

/** Renders a review in one format. */
export function render(result: ReviewResult, format: Format): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, packageVersion());
    case 'markdown':
      return renderMarkdown(result);
    default:
      return renderText(result);
  }
}

/** Reads and parses a baseline file; unreadable files are input errors. */
function readBaseline(file: string) {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new BaselineError(`${file}: cannot read the baseline (no such file?). Pass a report written by \`check --format sarif\` or \`--format json\`.`);
  }
  return parseBaseline(text, file);
}

/** Writes to a stream and resolves once the data is handed to the OS, so `process.exit` cannot cut a report short. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

/** Runs `check` and returns its exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  let options: CheckOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    await write(process.stderr, `secure-rdp-hosts check: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    await write(process.stdout, USAGE);
    return 0;
  }
  try {
    const documents = loadDocuments(options.paths);
    if (options.changedOnly) {
      const configurations = documents.filter((d) => d.kind !== DocumentKind.PLAN);
      if (configurations.length > 0) {
        await write(process.stderr, `secure-rdp-hosts check: --changed-only needs plan JSON (\`terraform show -json PLAN\`), but ${configurations.map((d) => d.source).join(', ')} ${configurations.length === 1 ? 'is a configuration' : 'are configurations'} with no change information.\n`);
        return 2;
      }
    }
    const baseline = options.baseline ? readBaseline(options.baseline) : undefined;
    const result = reviewDocuments(documents, RdpBaselinePack, options.severity, { changedOnly: options.changedOnly, baseline });
    const text = render(result, options.format);
    if (options.output) fs.writeFileSync(options.output, text);
    else await write(process.stdout, text);
    const failed = failing(result).length;
    if (options.output) await write(process.stderr, `${failed === 0 ? 'PASS' : 'FAIL'}: ${failed}${baseline ? ' new' : ''} violation${failed === 1 ? '' : 's'} at or above ${options.severity}; report written to ${options.output}\n`);
    return failed === 0 ? 0 : 1;
  } catch (err) {
    const message = err instanceof InputError || err instanceof BaselineError ? err.message : `cannot complete the review: ${err instanceof Error ? err.message : String(err)}`;
    await write(process.stderr, `secure-rdp-hosts check: ${message}\n`);
    return 2;
  }
}
