/**
 * The pure half of `npm run test:mutation` (bin/mutation.ts): merges the JSON reports of the per-group Stryker
 * runs into one report (mutation-testing-report-schema 1.x) and summarizes it per module, per group and in
 * total. Scores follow mutation-testing-metrics: detected (killed + timeout) ÷ valid (detected + survived +
 * no coverage); ignored mutants and compile or runtime errors count in neither.
 */

/** The parts of a mutation-testing-report-schema report this script reads or writes. */
export interface MutationReport {
  schemaVersion: string;
  thresholds: { high: number; low: number; break?: number | null };
  files: Record<string, FileResult>;
  testFiles?: Record<string, TestFile>;
  projectRoot?: string;
  config?: Record<string, unknown>;
  framework?: Record<string, unknown>;
  system?: Record<string, unknown>;
  performance?: { setup: number; initialRun: number; mutation: number };
}

export interface FileResult {
  language: string;
  source: string;
  mutants: MutantResult[];
}

export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Timeout' | 'Ignored' | 'Pending';

export interface MutantResult {
  id: string;
  mutatorName: string;
  replacement?: string;
  location: { start: Position; end: Position };
  status: MutantStatus;
  static?: boolean;
  coveredBy?: string[];
  killedBy?: string[];
  [key: string]: unknown;
}

export interface Position {
  line: number;
  column: number;
}

export interface TestFile {
  source?: string;
  tests: Array<{ id: string; name: string; [key: string]: unknown }>;
}

/** The report of one group's Stryker run. */
export interface GroupReport {
  group: string;
  report: MutationReport;
}

/**
 * One report of every group's: the `files` maps joined (a module belongs to one group; a module in two
 * reports is an error, it would be counted twice), the `testFiles` maps joined. Mutant and test ids are
 * prefixed with the group (`core:12`) since every run numbers them from 0. schemaVersion, thresholds,
 * projectRoot, framework and system come from the first report; `config` keeps each group's; `performance`
 * is the sum.
 */
export function mergeReports(groups: readonly GroupReport[]): MutationReport {
  if (groups.length === 0) throw new Error('No mutation report to merge.');
  const [first] = groups;
  const files: Record<string, FileResult> = {};
  const testFiles: Record<string, TestFile> = {};
  const owner = new Map<string, string>();
  const config: Record<string, unknown> = {};
  let performance: MutationReport['performance'];
  for (const { group, report } of groups) {
    if (report.schemaVersion.split('.')[0] !== first.report.schemaVersion.split('.')[0]) {
      throw new Error(`The ${group} report has schema version ${report.schemaVersion}, the ${first.group} report ${first.report.schemaVersion}.`);
    }
    const id = (x: string): string => `${group}:${x}`;
    for (const [name, file] of Object.entries(report.files)) {
      const other = owner.get(name);
      if (other !== undefined) throw new Error(`${name} was mutated by the ${other} and the ${group} runs: a module belongs to one group (stryker.scopes.cjs).`);
      owner.set(name, group);
      files[name] = {
        ...file,
        mutants: file.mutants.map((m) => ({
          ...m,
          id: id(m.id),
          ...(m.coveredBy ? { coveredBy: m.coveredBy.map(id) } : {}),
          ...(m.killedBy ? { killedBy: m.killedBy.map(id) } : {}),
        })),
      };
    }
    for (const [name, file] of Object.entries(report.testFiles ?? {})) {
      const tests = file.tests.map((t) => ({ ...t, id: id(t.id) }));
      const known = testFiles[name];
      testFiles[name] = known ? { ...known, tests: [...known.tests, ...tests] } : { ...file, tests };
    }
    if (report.config) config[group] = report.config;
    if (report.performance) {
      performance = {
        setup: (performance?.setup ?? 0) + report.performance.setup,
        initialRun: (performance?.initialRun ?? 0) + report.performance.initialRun,
        mutation: (performance?.mutation ?? 0) + report.performance.mutation,
      };
    }
  }
  const merged: MutationReport = { schemaVersion: first.report.schemaVersion, thresholds: first.report.thresholds, files };
  if (groups.some((g) => g.report.testFiles)) merged.testFiles = testFiles;
  if (first.report.projectRoot !== undefined) merged.projectRoot = first.report.projectRoot;
  merged.config = { groups: config };
  if (first.report.framework) merged.framework = first.report.framework;
  if (first.report.system) merged.system = first.report.system;
  if (performance) merged.performance = performance;
  return merged;
}

/** Mutant counts and the score of a module, a group or the whole run. */
export interface Counts {
  total: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
  /** Mutants that run while test files load: each ran every test file of its group. */
  static: number;
  /** Percent, or undefined when no mutant is valid. */
  score: number | undefined;
}

/** A mutant no test noticed (survived or without coverage). */
export interface Survivor {
  group: string;
  file: string;
  line: number;
  column: number;
  mutator: string;
  replacement: string;
  status: 'Survived' | 'NoCoverage';
  static: boolean;
  /** Listed in docs/testing.md's table of equivalent survivors (set by `markListed`). */
  listed?: boolean;
}

export interface Summary {
  groups: Array<{ group: string; counts: Counts; modules: Array<{ file: string; counts: Counts }> }>;
  total: Counts;
  survivors: Survivor[];
}

export function countMutants(mutants: readonly MutantResult[]): Counts {
  const c: Counts = { total: mutants.length, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0, static: 0, score: undefined };
  for (const m of mutants) {
    if (m.static === true) c.static += 1;
    switch (m.status) {
      case 'Killed':
        c.killed += 1;
        break;
      case 'Timeout':
        c.timeout += 1;
        break;
      case 'Survived':
        c.survived += 1;
        break;
      case 'NoCoverage':
        c.noCoverage += 1;
        break;
      case 'CompileError':
      case 'RuntimeError':
        c.errors += 1;
        break;
      default: // Ignored, Pending
        c.ignored += 1;
    }
  }
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage;
  c.score = valid === 0 ? undefined : (100 * detected) / valid;
  return c;
}

/**
 * Per module, per group and total counts, and the survivors by file and line. `groups` names the group
 * of each run; a file is attributed to the group whose report held it.
 */
export function summarize(groups: readonly GroupReport[]): Summary {
  const all: MutantResult[] = [];
  const survivors: Survivor[] = [];
  const result: Summary['groups'] = [];
  for (const { group, report } of groups) {
    const modules = Object.keys(report.files)
      .sort()
      .map((file) => ({ file, counts: countMutants(report.files[file].mutants) }));
    const mutants = Object.values(report.files).flatMap((f) => f.mutants);
    all.push(...mutants);
    result.push({ group, counts: countMutants(mutants), modules });
    for (const [file, { mutants: ms }] of Object.entries(report.files)) {
      for (const m of ms) {
        if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
        survivors.push({ group, file, line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName, replacement: m.replacement ?? '', status: m.status, static: m.static === true });
      }
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.mutator.localeCompare(b.mutator));
  return { groups: result, total: countMutants(all), survivors };
}

/** `96.1 %`, or `n/a` without valid mutants. */
export function formatScore(score: number | undefined): string {
  return score === undefined ? 'n/a' : `${(Math.floor(score * 10) / 10).toFixed(1)} %`;
}

/** `4 min 07 s` */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** The replacement on one line, at most `max` characters. */
export function shortReplacement(text: string, max = 60): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

const COLUMNS = ['score', 'killed', 'timeout', 'survived', 'no cov', 'static', 'ignored', 'errors', 'total'] as const;

function row(name: string, c: Counts): string[] {
  return [name, formatScore(c.score), ...[c.killed, c.timeout, c.survived, c.noCoverage, c.static, c.ignored, c.errors, c.total].map(String)];
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());
}

/** The terminal summary: a table per group and module, the total, the wall time and the survivors. */
export function formatSummary(summary: Summary, wallMs?: number, failures: readonly string[] = []): string {
  const rows: string[][] = [['module', ...COLUMNS]];
  for (const g of summary.groups) {
    for (const m of g.modules) rows.push(row(`  ${m.file}`, m.counts));
    rows.push(row(`${g.group} (group)`, g.counts));
  }
  rows.push(row('total', summary.total));
  const lines = ['', 'Mutation score = (killed + timeout) ÷ (killed + timeout + survived + no coverage).', '', ...table(rows), ''];
  const groups = summary.groups.map((g) => g.group).join(', ');
  lines.push(`Total score ${formatScore(summary.total.score)} over ${summary.total.total} mutants (${groups})${wallMs === undefined ? '' : `, wall time ${formatDuration(wallMs)}`}.`);
  if (summary.survivors.length > 0) {
    const marked = summary.survivors.some((s) => s.listed !== undefined);
    const unlisted = summary.survivors.filter((s) => s.listed === false).length;
    const listing = marked ? `; ${summary.survivors.length - unlisted} listed as equivalent in docs/testing.md, ${unlisted} NOT LISTED (kill them or list them with the reason)` : '';
    lines.push('', `Survivors (${summary.survivors.length}${listing}): file:line:column mutator replacement`);
    for (const s of summary.survivors) {
      const notes = [s.status === 'NoCoverage' ? 'no coverage' : '', s.static ? 'static' : '', s.listed === false ? 'NOT LISTED' : ''].filter((n) => n !== '');
      lines.push(`  ${s.file}:${s.line}:${s.column} ${s.mutator} ${JSON.stringify(shortReplacement(s.replacement))}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`);
    }
  }
  if (failures.length > 0) lines.push('', `Runs that failed (infrastructure, not score): ${failures.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The per-module table of docs/testing.md ("Scores"), in Markdown: one row per module, one per group (bold,
 * with its wall time when known) and the total.
 */
export function formatMarkdown(summary: Summary, groupMs: Readonly<Record<string, number>> = {}): string {
  const cells = (c: Counts): string => [c.killed, c.timeout, c.survived, c.noCoverage, c.errors, c.total].join(' | ');
  const lines = ['| module | score | killed | timeout | survived | no coverage | errors | mutants |', '|---|---:|---:|---:|---:|---:|---:|---:|'];
  for (const g of summary.groups) {
    for (const m of g.modules) lines.push(`| \`${m.file}\` | ${formatScore(m.counts.score)} | ${cells(m.counts)} |`);
    const time = groupMs[g.group] === undefined ? '' : `, ${formatDuration(groupMs[g.group])}`;
    lines.push(`| **${g.group} group**${time} | **${formatScore(g.counts.score)}** | ${cells(g.counts)} |`);
  }
  lines.push(`| **total** | **${formatScore(summary.total.score)}** | ${cells(summary.total)} |`);
  return `${lines.join('\n')}\n`;
}

/** The key of a mutant in docs/testing.md's tables of equivalent survivors: `path:line:column Mutator`. */
export function survivorKey(s: Pick<Survivor, 'file' | 'line' | 'column' | 'mutator'>): string {
  return `${s.file}:${s.line}:${s.column} ${s.mutator}`;
}

/**
 * The survivors docs/testing.md lists as equivalent: every table row that starts with a mutant's place in
 * backticks and its mutator, `| \`policy/network/sources.ts:102:7\` | ConditionalExpression | …`.
 */
export function listedEquivalents(markdown: string): Set<string> {
  const keys = new Set<string>();
  for (const m of markdown.matchAll(/^\|\s*`([^`\s]+):(\d+):(\d+)`\s*\|\s*(\w+)\s*\|/gm)) keys.add(survivorKey({ file: m[1], line: Number(m[2]), column: Number(m[3]), mutator: m[4] }));
  return keys;
}

/** The summary with each survivor marked as listed in `listed` (keys of `listedEquivalents`) or not. */
export function markListed(summary: Summary, listed: ReadonlySet<string>): Summary {
  return { ...summary, survivors: summary.survivors.map((s) => ({ ...s, listed: listed.has(survivorKey(s)) })) };
}
