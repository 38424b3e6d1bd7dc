/**
 * `npm run test:mutation` (issue #20, docs/testing.md "Mutation testing"): one Stryker run per group of
 * stryker.scopes.cjs, each with only its group's tests, then one merged report and one summary.
 *
 *   npm run test:mutation                                  every group but `focus`, one after the other
 *   STRYKER_SCOPE=core npm run test:mutation               one group (or several: core,config)
 *   npm run test:mutation -- --concurrency 1               arguments after `--` go to every Stryker run
 *   MUTATION_JOBS=2 npm run test:mutation -- --concurrency 1   two groups at a time, one worker each
 *   npm run test:mutation -- --merge-only                  merge and summarize the groups' last reports, run nothing
 *
 * Writes reports/mutation/mutation-<group>.json (Stryker's own), the merged reports/mutation/mutation.json and
 * reports/mutation/scores.md (the per-module table of docs/testing.md),
 * and prints per module, per group and total scores, the counts, the wall time and every survivor, marked NOT
 * LISTED when docs/testing.md's tables of equivalent survivors do not list it. Exits non-zero only when a run
 * fails or leaves no report (infrastructure), never because of a score.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { formatDuration, formatMarkdown, formatSummary, GroupReport, listedEquivalents, markListed, mergeReports, MutationReport, summarize } from './mutation-report';

const ROOT = path.join(__dirname, '..');
const scopes = require('../stryker.scopes.cjs') as { selectedNames(scope?: string): string[]; reportFile(scope?: string): string; MERGED_REPORT: string };
const STRYKER = path.join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
/** The per-module scores as a Markdown table (docs/testing.md "Scores"). */
const SCORES_TABLE = 'reports/mutation/scores.md';

interface RunResult {
  group: string;
  report?: MutationReport;
  failure?: string;
  ms: number;
}

function readReport(group: string, started: number): RunResult {
  const reportFile = path.join(ROOT, scopes.reportFile(group));
  const ms = Date.now() - started;
  try {
    return { group, report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as MutationReport, ms };
  } catch (e) {
    return { group, failure: `${group}: no readable report at ${path.relative(ROOT, reportFile)} (${(e as Error).message})`, ms };
  }
}

function runGroup(group: string, args: readonly string[], logFile: string | undefined): Promise<RunResult> {
  const started = Date.now();
  fs.rmSync(path.join(ROOT, scopes.reportFile(group)), { force: true });
  // The clear-text reporter's table is replaced by the merged summary; the JSON report is what is merged.
  const argv = [STRYKER, 'run', 'stryker.config.mjs', '--reporters', logFile ? 'json' : 'progress,json', ...args];
  return new Promise((resolve) => {
    const out = logFile ? fs.openSync(logFile, 'w') : undefined;
    const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, STRYKER_SCOPE: group }, stdio: out === undefined ? 'inherit' : ['ignore', out, out] });
    const done = (failure: string | undefined): void => {
      if (out !== undefined) fs.closeSync(out);
      resolve(failure ? { group, failure, ms: Date.now() - started } : readReport(group, started));
    };
    child.on('error', (e) => done(`${group}: ${e.message}`));
    child.on('exit', (code, signal) => done(code === 0 ? undefined : `${group}: Stryker exited with ${signal ?? `code ${code}`}${logFile ? ` (log: ${path.relative(ROOT, logFile)})` : ''}`));
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  let groups: string[];
  try {
    groups = scopes.selectedNames(process.env.STRYKER_SCOPE);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const jobs = Math.max(1, Number(process.env.MUTATION_JOBS ?? '1') || 1);
  const mergeOnly = process.argv.includes('--merge-only');
  const args = process.argv.slice(2).filter((a) => a !== '--merge-only');
  fs.mkdirSync(path.join(ROOT, 'reports', 'mutation'), { recursive: true });
  process.stdout.write(`Mutation testing: ${groups.length} group${groups.length === 1 ? '' : 's'} (${groups.join(', ')}), ${mergeOnly ? 'merging their last reports' : `${jobs} at a time`}.\n`);

  const results = new Map<string, RunResult>();
  const queue = [...groups];
  const worker = async (): Promise<void> => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      const log = jobs > 1 ? path.join(ROOT, 'reports', 'mutation', `${group}.log`) : undefined;
      if (log) process.stdout.write(`${group}: started (log: ${path.relative(ROOT, log)})\n`);
      const result = mergeOnly ? readReport(group, Date.now()) : await runGroup(group, args, log);
      results.set(group, result);
      process.stdout.write(`${group}: ${result.failure ? 'FAILED' : 'done'} in ${formatDuration(result.ms)}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, groups.length) }, worker));

  const ordered = groups.map((g) => results.get(g)).filter((r): r is RunResult => r !== undefined);
  const reports: GroupReport[] = ordered.flatMap((r) => (r.report ? [{ group: r.group, report: r.report }] : []));
  const failures = ordered.flatMap((r) => (r.failure ? [r.failure] : []));
  if (reports.length > 0) {
    try {
      const merged = mergeReports(reports);
      fs.writeFileSync(path.join(ROOT, scopes.MERGED_REPORT), JSON.stringify(merged));
      const summary = markListed(summarize(reports), listedEquivalents(fs.readFileSync(path.join(ROOT, 'docs', 'testing.md'), 'utf8')));
      process.stdout.write(formatSummary(summary, mergeOnly ? undefined : Date.now() - started, failures));
      const groupMs = mergeOnly ? {} : Object.fromEntries(ordered.map((r) => [r.group, r.ms]));
      fs.writeFileSync(path.join(ROOT, SCORES_TABLE), formatMarkdown(summary, groupMs));
      process.stdout.write(`Report: ${scopes.MERGED_REPORT} (per group: ${groups.map((g) => scopes.reportFile(g)).join(', ')}); the scores as a Markdown table for docs/testing.md: ${SCORES_TABLE}.\n`);
    } catch (e) {
      failures.push(`merge: ${(e as Error).message}`);
      process.stderr.write(`${(e as Error).message}\n`);
    }
  }
  if (failures.length > 0) {
    process.stderr.write(`Mutation testing infrastructure failed: ${failures.join('; ')}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
