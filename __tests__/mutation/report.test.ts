/**
 * The merge and summary of `npm run test:mutation` (bin/mutation-report.ts) over small fake reports: the
 * merged report is valid against mutation-testing-report-schema, ids stay unique and consistent, counts and
 * scores follow mutation-testing-metrics' definitions, survivors are listed by file and line.
 */
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { countMutants, formatDuration, formatMarkdown, formatScore, formatSummary, listedEquivalents, markListed, GroupReport, mergeReports, MutantResult, MutantStatus, MutationReport, shortReplacement, summarize } from '../../bin/mutation-report';

const at = (line: number, column = 1): MutantResult['location'] => ({ start: { line, column }, end: { line, column: column + 1 } });

let next = 0;
function mutant(status: MutantStatus, extra: Partial<MutantResult> = {}): MutantResult {
  return { id: String(next++), mutatorName: 'ConditionalExpression', replacement: 'false', location: at(1), status, ...extra };
}

function report(files: Record<string, MutantResult[]>, testFiles?: MutationReport['testFiles']): MutationReport {
  return {
    schemaVersion: '1.0',
    thresholds: { high: 95, low: 90, break: null },
    projectRoot: '/repo',
    files: Object.fromEntries(Object.entries(files).map(([name, mutants]) => [name, { language: 'typescript', source: 'const a = 1;\n', mutants }])),
    ...(testFiles ? { testFiles } : {}),
    performance: { setup: 100, initialRun: 200, mutation: 300 },
    framework: { name: 'StrykerJS', version: '9.6.1' },
  };
}

/** Two runs as Stryker writes them: both number mutants and tests from 0, and share a test file. */
function twoGroups(): GroupReport[] {
  next = 0;
  const core = report(
    {
      'constructs/core/rdp-port.ts': [mutant('Killed', { coveredBy: ['0', '1'], killedBy: ['1'] }), mutant('Survived', { location: at(12, 5), replacement: '""', mutatorName: 'StringLiteral', coveredBy: ['0'] })],
      'constructs/core/peer.ts': [mutant('Timeout', { static: true }), mutant('NoCoverage', { location: at(3) })],
    },
    { '__tests__/core/shared.test.ts': { tests: [{ id: '0', name: 'a' }, { id: '1', name: 'b' }] } },
  );
  next = 0;
  const network = report(
    { 'policy/network/nsg.ts': [mutant('Killed', { coveredBy: ['0'], killedBy: ['0'] }), mutant('Ignored'), mutant('RuntimeError'), mutant('CompileError')] },
    { '__tests__/core/shared.test.ts': { tests: [{ id: '0', name: 'c' }] } },
  );
  return [
    { group: 'core', report: core },
    { group: 'network', report: network },
  ];
}

describe('mergeReports', () => {
  test('joins the files of every group, with group-prefixed ids that stay consistent', () => {
    const merged = mergeReports(twoGroups());
    expect(Object.keys(merged.files).sort()).toEqual(['constructs/core/peer.ts', 'constructs/core/rdp-port.ts', 'policy/network/nsg.ts']);
    const ids = Object.values(merged.files).flatMap((f) => f.mutants.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(merged.files['constructs/core/rdp-port.ts'].mutants[0]).toMatchObject({ id: 'core:0', coveredBy: ['core:0', 'core:1'], killedBy: ['core:1'], status: 'Killed' });
    expect(merged.files['policy/network/nsg.ts'].mutants[0]).toMatchObject({ id: 'network:0', killedBy: ['network:0'] });
    // A test file in two groups keeps every test, each id naming its run.
    expect(merged.testFiles?.['__tests__/core/shared.test.ts'].tests.map((t) => `${t.id} ${t.name}`)).toEqual(['core:0 a', 'core:1 b', 'network:0 c']);
    const testIds = new Set(Object.values(merged.testFiles ?? {}).flatMap((f) => f.tests.map((t) => t.id)));
    for (const m of Object.values(merged.files).flatMap((f) => f.mutants)) {
      for (const t of [...(m.coveredBy ?? []), ...(m.killedBy ?? [])]) expect(testIds).toContain(t);
    }
  });

  test('keeps schema version and thresholds, sums the time spent, keeps each run config', () => {
    const [a, b] = twoGroups();
    a.report.config = { mutate: ['constructs/core/*.ts'] };
    const merged = mergeReports([a, b]);
    expect(merged.schemaVersion).toBe('1.0');
    expect(merged.thresholds).toEqual({ high: 95, low: 90, break: null });
    expect(merged.performance).toEqual({ setup: 200, initialRun: 400, mutation: 600 });
    expect(merged.config).toEqual({ groups: { core: { mutate: ['constructs/core/*.ts'] } } });
  });

  test('the merged report is valid against mutation-testing-report-schema', () => {
    // The schema Stryker's JSON reporter writes to (a dev dependency; the package is ESM, its JSON file is read directly).
    const schemaFile = path.join(__dirname, '..', '..', 'node_modules', 'mutation-testing-report-schema', 'dist', 'src', 'mutation-testing-report-schema.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const merged = mergeReports(twoGroups());
    expect(validate(merged) ? [] : validate.errors).toEqual([]);
    // and the check itself can fail
    expect(validate({ ...merged, files: { x: { language: 'typescript', source: '', mutants: [{ id: 'x' }] } } })).toBe(false);
  });

  test('a module in two reports is an error (it would count twice), naming both groups', () => {
    const [a] = twoGroups();
    expect(() => mergeReports([a, { group: 'focus', report: a.report }])).toThrow(/constructs\/core\/rdp-port\.ts was mutated by the core and the focus runs/);
  });

  test('no report, or another major schema version, is an error', () => {
    expect(() => mergeReports([])).toThrow(/No mutation report/);
    const [a, b] = twoGroups();
    b.report.schemaVersion = '2.0';
    expect(() => mergeReports([a, b])).toThrow(/schema version 2\.0/);
  });
});

describe('countMutants', () => {
  test('score = (killed + timeout) ÷ (killed + timeout + survived + no coverage); ignored and errors count in neither', () => {
    const c = countMutants([mutant('Killed'), mutant('Timeout'), mutant('Survived'), mutant('NoCoverage'), mutant('Ignored'), mutant('CompileError'), mutant('RuntimeError', { static: true }), mutant('Killed', { static: true })]);
    expect(c).toEqual({ total: 8, killed: 2, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, errors: 2, static: 2, score: 60 });
  });

  test('without valid mutants there is no score', () => {
    expect(countMutants([]).score).toBeUndefined();
    expect(countMutants([mutant('Ignored')]).score).toBeUndefined();
    expect(countMutants([mutant('Survived')]).score).toBe(0);
  });
});

describe('summarize', () => {
  test('per module, per group and in total; survivors by file and line with their status', () => {
    const s = summarize(twoGroups());
    expect(s.groups.map((g) => [g.group, g.modules.map((m) => m.file), g.counts.score])).toEqual([
      ['core', ['constructs/core/peer.ts', 'constructs/core/rdp-port.ts'], 50],
      ['network', ['policy/network/nsg.ts'], 100],
    ]);
    expect(s.groups[0].modules[0].counts).toMatchObject({ timeout: 1, noCoverage: 1, static: 1, score: 50 });
    expect(s.total).toMatchObject({ total: 8, killed: 2, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, errors: 2, static: 1, score: 60 });
    expect(s.survivors).toEqual([
      { group: 'core', file: 'constructs/core/peer.ts', line: 3, column: 1, mutator: 'ConditionalExpression', replacement: 'false', status: 'NoCoverage', static: false },
      { group: 'core', file: 'constructs/core/rdp-port.ts', line: 12, column: 5, mutator: 'StringLiteral', replacement: '""', status: 'Survived', static: false },
    ]);
  });
});

describe('survivors listed as equivalent in docs/testing.md', () => {
  const docs = [
    '| mutant | mutator | replacement | why it is equivalent |',
    '|---|---|---|---|',
    '| `constructs/core/rdp-port.ts:12:5` | StringLiteral | `""` | the text is never shown |',
    '| `constructs/core/peer.ts:3:1` | EqualityOperator | `<=` | another mutator at the same place |',
    'In prose, `constructs/core/peer.ts:3:1` ConditionalExpression is not a table row.',
  ].join('\n');

  test('reads the table rows: place in backticks, then the mutator', () => {
    expect([...listedEquivalents(docs)]).toEqual(['constructs/core/rdp-port.ts:12:5 StringLiteral', 'constructs/core/peer.ts:3:1 EqualityOperator']);
  });

  test('the summary marks each survivor, counts the unlisted and names them NOT LISTED', () => {
    const text = formatSummary(markListed(summarize(twoGroups()), listedEquivalents(docs)));
    expect(text).toContain('Survivors (2; 1 listed as equivalent in docs/testing.md, 1 NOT LISTED (kill them or list them with the reason))');
    expect(text).toContain('  constructs/core/peer.ts:3:1 ConditionalExpression "false" (no coverage, NOT LISTED)\n');
    expect(text).toContain('  constructs/core/rdp-port.ts:12:5 StringLiteral "\\"\\""\n');
  });
});

describe('formatMarkdown', () => {
  test('the docs table: a row per module, a bold row per group with its wall time, the total', () => {
    const text = formatMarkdown(summarize(twoGroups()), { core: 95_000 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('| module | score | killed | timeout | survived | no coverage | errors | mutants |');
    expect(lines).toContain('| `constructs/core/rdp-port.ts` | 50.0 % | 1 | 0 | 1 | 0 | 0 | 2 |');
    expect(lines).toContain('| **core group**, 1 min 35 s | **50.0 %** | 1 | 1 | 1 | 1 | 0 | 4 |');
    expect(lines.some((l) => l.startsWith('| **network group** |'))).toBe(true);
    expect(lines[lines.length - 1]).toBe('| **total** | **60.0 %** | 2 | 1 | 1 | 1 | 2 | 8 |');
  });
});

describe('formatSummary', () => {
  test('a row per module and group, the total, the wall time, every survivor as file:line:column', () => {
    const text = formatSummary(summarize(twoGroups()), 247_000);
    const lines = text.split('\n');
    expect(lines.find((l) => l.startsWith('  constructs/core/rdp-port.ts'))?.split(/\s{2,}/)).toEqual(['', 'constructs/core/rdp-port.ts', '50.0 %', '1', '0', '1', '0', '0', '0', '0', '2']);
    expect(lines.find((l) => l.startsWith('core (group)'))?.split(/\s{2,}/).slice(1)).toEqual(['50.0 %', '1', '1', '1', '1', '1', '0', '0', '4']);
    expect(lines.find((l) => l.startsWith('total'))?.split(/\s{2,}/).slice(1)).toEqual(['60.0 %', '2', '1', '1', '1', '1', '1', '2', '8']);
    expect(text).toContain('Total score 60.0 % over 8 mutants (core, network), wall time 4 min 07 s.');
    expect(text).toContain('Survivors (2)');
    expect(text).toContain('  constructs/core/peer.ts:3:1 ConditionalExpression "false" (no coverage)\n');
    expect(text).toContain('  constructs/core/rdp-port.ts:12:5 StringLiteral "\\"\\""\n');
    expect(text).not.toContain('failed');
  });

  test('names the runs that failed', () => {
    expect(formatSummary(summarize(twoGroups()), undefined, ['rules: Stryker exited with code 1'])).toContain('Runs that failed (infrastructure, not score): rules: Stryker exited with code 1');
  });

  test('scores are rounded down, so 89.96 % never reads as 90.0 %', () => {
    expect(formatScore(89.96)).toBe('89.9 %');
    expect(formatScore(100)).toBe('100.0 %');
    expect(formatScore(undefined)).toBe('n/a');
  });

  test('durations and replacements', () => {
    expect(formatDuration(59_400)).toBe('59 s');
    expect(formatDuration(60_000)).toBe('1 min 00 s');
    expect(shortReplacement('{\n  return 1;\n}')).toBe('{ return 1; }');
    expect(shortReplacement('x'.repeat(70), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
