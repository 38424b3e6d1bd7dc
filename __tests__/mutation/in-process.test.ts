/**
 * The in-process mutation runner (bin/mutation-in-process.js, bin/mutation-harness.js): it must run jest-style
 * test files with jest's semantics (a test that fails under jest fails here, one that passes passes), keep
 * module state per test file and per mutant run, and turn Stryker's mutant activation into the right verdicts.
 * Each test writes a small sandbox of its own (a "source" module written as Stryker instruments one, and test
 * files) into a temporary directory.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const harness = require('../../bin/mutation-harness.js');
const { InProcessTestRunner, testFilesOf, testId, fileOfTestId, withSwitchableCoverage } = require('../../bin/mutation-in-process.js');

/** Stryker's API values (an ES module jest cannot load; the plugin file passes the real ones). */
const api = {
  namespace: '__stryker_in_process_test__',
  DryRunStatus: { Complete: 'complete', Error: 'error', Timeout: 'timeout' },
  MutantRunStatus: { Killed: 'killed', Survived: 'survived', Timeout: 'timeout', Error: 'error' },
  TestStatus: { Success: 0, Failed: 1, Skipped: 2 },
  determineHitLimitReached: (hitCount: number | undefined, hitLimit: number | undefined) =>
    hitCount !== undefined && hitLimit !== undefined && hitCount > hitLimit ? { status: 'timeout', reason: `Hit limit reached (${hitCount}/${hitLimit})` } : undefined,
};

function sandbox(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'in-process-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

interface Outcome {
  name: string;
  status: string;
  failureMessage?: string;
}

/** Collects and runs one test file of `files` (all its tests, or `only`), returning names, statuses and the log. */
async function runFile(files: Record<string, string>, file: string, options: { only?: string[]; bail?: boolean } = {}) {
  const dir = sandbox(files);
  dirs.push(dir);
  const loader = new harness.ModuleLoader({ compile: harness.swcCompiler() });
  const { tests } = harness.collectFile(loader, path.join(dir, file), (_f: string, name: string) => name);
  const selected = options.only ? tests.filter((t: { id: string }) => options.only?.includes(t.id)) : tests;
  const { outcomes, bailed } = await harness.runTests(selected, { bail: options.bail ?? false });
  return { names: tests.map((t: { id: string }) => t.id) as string[], outcomes: outcomes.map((o: Outcome) => ({ name: o.name, status: o.status, failureMessage: o.failureMessage })) as Outcome[], bailed: bailed as boolean, dir };
}

const LOG = `const log = (globalThis.__harnessLog ??= []);\n`;

describe('harness: collecting tests', () => {
  test('nested describes, test.each (arrays, objects, templates) with jest titles, todo, and repeated names made unique', async () => {
    const { names, outcomes } = await runFile(
      {
        'a.test.js': `
          describe('outer', () => {
            describe('inner', () => {
              test('plain', () => {});
              test.each([[1, 2], [3, 4]])('adds %i and %i', (a, b) => expect(a + 1).toBe(b));
              test.each([{ port: 22 }])('object $port', ({ port }) => expect(port).toBe(22));
              test.each\`
                a    | b
                \${1} | \${'x'}
              \`('template $a $b', ({ a, b }) => expect([a, b]).toEqual([1, 'x']));
            });
            it('plain', () => {});
            it('plain', () => {});
            test.todo('later');
          });`,
      },
      'a.test.js',
    );
    expect(names).toEqual([
      'outer inner plain',
      'outer inner adds 1 and 2',
      'outer inner adds 3 and 4',
      'outer inner object 22',
      'outer inner template 1 x',
      'outer plain',
      'outer plain [2]',
      'outer later',
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['success', 'success', 'success', 'success', 'success', 'success', 'success', 'skipped']);
  });

  test('.only skips the rest of the file, .skip skips a test or a block', async () => {
    const { outcomes } = await runFile(
      {
        'a.test.js': `
          test('one', () => {});
          test.only('two', () => {});
          describe.only('block', () => { test('three', () => {}); });
          describe.skip('skipped block', () => { test.only('four', () => { throw new Error('ran'); }); });
          test.skip('five', () => { throw new Error('ran'); });`,
      },
      'a.test.js',
    );
    expect(outcomes.map((o) => `${o.name}: ${o.status}`)).toEqual(['one: skipped', 'two: success', 'block three: success', 'skipped block four: skipped', 'five: skipped']);
  });

  test('TypeScript compiles as in the unit tier, and jest.mock (hoisted above the imports) replaces a module', async () => {
    const { outcomes } = await runFile(
      {
        'dep.ts': `export const real = true;`,
        'a.test.ts': `
          import { real } from './dep';
          import * as os from 'os';
          jest.mock('./dep', () => ({ real: false }));
          const n: number = 1;
          test('mocked', () => { expect(real).toBe(false); expect(typeof os.tmpdir).toBe('function'); expect(n).toBe(1); });`,
      },
      'a.test.ts',
    );
    expect(outcomes).toEqual([{ name: 'mocked', status: 'success', failureMessage: undefined }]);
  });

  // (Snapshot matchers fail too in a Stryker worker; not checked here: under jest, `expect` has jest's own.)
  test('what the harness does not support fails loudly instead of passing', async () => {
    const { outcomes } = await runFile({ 'a.test.js': `test('spy', () => { jest.fn(); });` }, 'a.test.js');
    expect(outcomes[0].status).toBe('failed');
    expect(outcomes[0].failureMessage).toContain('jest.fn is not supported by the in-process mutation runner');
  });
});

describe('harness: running tests', () => {
  test('a failed expectation, a thrown error, a rejected promise and a failing done callback fail; messages have no colours', async () => {
    const { outcomes } = await runFile(
      {
        'a.test.js': `
          test('expect', () => { expect(1 + 1).toBe(3); });
          test('throw', () => { throw new TypeError('boom'); });
          test('async', async () => { await Promise.resolve(); throw new Error('later'); });
          test('done', (done) => { setTimeout(() => done(new Error('via done')), 1); });
          test('expect.assertions', () => { expect.assertions(2); expect(1).toBe(1); });
          test('passes', async () => { await new Promise((r) => setTimeout(r, 1)); expect([1]).toEqual([1]); });`,
      },
      'a.test.js',
    );
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'success']);
    expect(outcomes[0].failureMessage).toContain('Expected: 3');
    expect(outcomes[0].failureMessage).not.toMatch(/\u001b/);
    expect(outcomes[1].failureMessage).toBe('TypeError: boom');
    expect(outcomes[2].failureMessage).toBe('later');
    expect(outcomes[3].failureMessage).toBe('via done');
    expect(outcomes[4].failureMessage).toContain('Expected two assertions to be called but received one assertion call');
  });

  test('hooks run in jest order, beforeAll only for blocks holding a selected test', async () => {
    const files = {
      'a.test.js': `${LOG}
        beforeAll(() => log.push('beforeAll'));
        afterAll(() => log.push('afterAll'));
        beforeEach(() => log.push('beforeEach'));
        afterEach(() => log.push('afterEach'));
        describe('b', () => {
          beforeAll(() => log.push('b.beforeAll'));
          beforeEach(() => log.push('b.beforeEach'));
          afterEach(() => log.push('b.afterEach'));
          afterAll(() => log.push('b.afterAll'));
          test('t1', () => log.push('t1'));
        });
        describe('c', () => {
          beforeAll(() => log.push('c.beforeAll'));
          test('t2', () => log.push('t2'));
        });
        test('check', () => {});`,
    };
    const g = globalThis as { __harnessLog?: string[] };
    // The fixture's globalThis is the main realm's (module functions are compiled there), not jest's.
    const realm = require('vm').runInThisContext('globalThis');
    realm.__harnessLog = [];
    await runFile(files, 'a.test.js', { only: ['b t1'] });
    expect(realm.__harnessLog).toEqual(['beforeAll', 'b.beforeAll', 'beforeEach', 'b.beforeEach', 't1', 'b.afterEach', 'afterEach', 'b.afterAll', 'afterAll']);
    expect(g.__harnessLog).toBeUndefined();
    delete realm.__harnessLog;
  });

  test('tests run in any order across files and blocks: each block set up once before its first test, torn down at the end', async () => {
    const realm = require('vm').runInThisContext('globalThis');
    realm.__harnessLog = [];
    const dir = sandbox({
      'a.test.js': `${LOG} describe('A', () => { beforeAll(() => log.push('A.beforeAll')); afterAll(() => log.push('A.afterAll')); beforeEach(() => log.push('A.beforeEach'));
        test('a1', () => log.push('a1')); test('a2', () => log.push('a2')); });`,
      'b.test.js': `${LOG} beforeAll(() => log.push('b.beforeAll')); afterAll(() => log.push('b.afterAll')); test('b1', () => log.push('b1'));`,
    });
    dirs.push(dir);
    const loader = new harness.ModuleLoader({ compile: harness.swcCompiler() });
    const a = harness.collectFile(loader, path.join(dir, 'a.test.js'), (_: string, n: string) => n).tests;
    const b = harness.collectFile(loader, path.join(dir, 'b.test.js'), (_: string, n: string) => n).tests;
    const { outcomes } = await harness.runTests([a[1], b[0], a[0]], { bail: false });
    expect(outcomes.map((o: Outcome) => `${o.name}: ${o.status}`)).toEqual(['A a2: success', 'b1: success', 'A a1: success']);
    expect(realm.__harnessLog).toEqual(['A.beforeAll', 'A.beforeEach', 'a2', 'b.beforeAll', 'b1', 'A.beforeEach', 'a1', 'b.afterAll', 'A.afterAll']);
    delete realm.__harnessLog;
  });

  test('a failing beforeAll fails the tests of its block; bail stops at the first failure', async () => {
    const { outcomes } = await runFile(
      { 'a.test.js': `describe('b', () => { beforeAll(() => { throw new Error('setup'); }); test('t1', () => {}); test('t2', () => {}); }); test('t3', () => {});` },
      'a.test.js',
    );
    expect(outcomes.map((o) => `${o.name}: ${o.status} ${o.failureMessage ?? ''}`.trim())).toEqual(['b t1: failed setup', 'b t2: failed setup', 't3: success']);
    const bailed = await runFile({ 'a.test.js': `test('t1', () => { throw new Error('x'); }); test('t2', () => {});` }, 'a.test.js', { bail: true });
    expect(bailed.outcomes.map((o) => o.name)).toEqual(['t1']);
    expect(bailed.bailed).toBe(true);
  });

  test('each test file gets its own module registry: module state is not shared, and a reload starts afresh', async () => {
    const files = {
      'counter.js': `let n = 0; exports.next = () => ++n;`,
      'a.test.js': `const { next } = require('./counter'); test('a', () => { expect(next()).toBe(1); expect(next()).toBe(2); });`,
      'b.test.js': `const { next } = require('./counter'); test('b', () => { expect(next()).toBe(1); });`,
    };
    const dir = sandbox(files);
    dirs.push(dir);
    const loader = new harness.ModuleLoader({ compile: harness.swcCompiler() });
    for (const f of ['a.test.js', 'b.test.js', 'a.test.js']) {
      const { tests } = harness.collectFile(loader, path.join(dir, f), (_: string, n: string) => n);
      const { outcomes } = await harness.runTests(tests, { bail: false });
      expect(outcomes.map((o: Outcome) => o.status)).toEqual(['success']);
    }
  });
});

describe('the runner', () => {
  /**
   * A source module written as Stryker instruments one: mutant "1" turns `+` into `-` (runtime), mutant "2"
   * changes a module-level constant (static), mutant "3" is never reached by a test, mutant "4" loops forever.
   */
  const SOURCE = `
    const ns = () => globalThis.${api.namespace};
    function active(id) {
      const s = ns();
      if (s.activeMutant !== id) return false;
      if (s.hitCount !== undefined && ++s.hitCount > s.hitLimit) throw new Error('Stryker: Hit count limit reached');
      return true;
    }
    function cover(id) {
      const s = ns();
      if (!s.mutantCoverage) return;
      const c = s.currentTestId ? (s.mutantCoverage.perTest[s.currentTestId] ??= {}) : s.mutantCoverage.static;
      c[id] = (c[id] ?? 0) + 1;
    }
    cover('2');
    const OFFSET = active('2') ? 1 : 0;
    exports.add = (a, b) => { cover('1'); return (active('1') ? a - b : a + b) + OFFSET; };
    exports.unused = () => { cover('3'); return active('3') ? 1 : 0; };
    exports.loop = () => { cover('4'); let i = 0; while (active('4') || i < 1) i++; return i; };`;

  function runner() {
    const dir = sandbox({
      'src/calc.js': SOURCE,
      '__tests__/calc.test.js': `const { add } = require('../src/calc'); test('adds', () => expect(add(2, 3)).toBe(5)); test('zero', () => expect(add(0, 0)).toBe(0));`,
      '__tests__/loop.test.js': `const { loop } = require('../src/calc'); test('loops once', () => expect(loop()).toBe(1));`,
      '__tests__/other.test.js': `test('unrelated', () => expect(true).toBe(true));`,
      'setup.js': `globalThis.__setupRuns = (globalThis.__setupRuns ?? 0) + 1;`,
      'jest.mutation.config.js': `module.exports = { testMatch: ['<rootDir>/__tests__/*.test.js'], setupFiles: ['<rootDir>/setup.js'] };`,
    });
    dirs.push(dir);
    const r = new InProcessTestRunner({ api, rootDir: dir });
    r.init();
    return { r, dir };
  }
  const mutant = (id: string) => ({ id, fileName: 'src/calc.js', mutatorName: 'x', replacement: 'x', location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } });

  test('the dry run reports every test with its file, and coverage per test and static', async () => {
    const { r, dir } = runner();
    const result = await r.dryRun({ coverageAnalysis: 'perTest', timeout: 10_000, disableBail: false });
    expect(result.status).toBe('complete');
    expect(result.tests.map((t: { id: string; status: number; fileName: string }) => [t.id, t.status, path.relative(dir, t.fileName)])).toEqual([
      ['__tests__/calc.test.js#adds', 0, '__tests__/calc.test.js'],
      ['__tests__/calc.test.js#zero', 0, '__tests__/calc.test.js'],
      ['__tests__/loop.test.js#loops once', 0, '__tests__/loop.test.js'],
      ['__tests__/other.test.js#unrelated', 0, '__tests__/other.test.js'],
    ]);
    expect(result.mutantCoverage.perTest).toEqual({ '__tests__/calc.test.js#adds': { 1: 1 }, '__tests__/calc.test.js#zero': { 1: 1 }, '__tests__/loop.test.js#loops once': { 4: 1 } });
    expect(result.mutantCoverage.static).toEqual({ 2: 2 }); // loaded by two test files, each in its own registry
  });

  test('a runtime mutant is killed by its covering test, and the verdict names it', async () => {
    const { r } = runner();
    const result = await r.mutantRun({ activeMutant: mutant('1'), testFilter: ['__tests__/calc.test.js#adds', '__tests__/calc.test.js#zero'], mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
    expect(result).toEqual({ status: 'killed', killedBy: ['__tests__/calc.test.js#adds'], failureMessage: expect.stringContaining('Expected: 5'), nrOfTests: 1 });
  });

  test('a mutant its tests do not notice survives, after running only the covering tests', async () => {
    const { r } = runner();
    const result = await r.mutantRun({ activeMutant: mutant('1'), testFilter: ['__tests__/calc.test.js#zero'], mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
    expect(result).toEqual({ status: 'survived', nrOfTests: 1 });
  });

  test('a static mutant is active while the files load and runs every test file', async () => {
    const { r } = runner();
    const killed = await r.mutantRun({ activeMutant: mutant('2'), testFilter: undefined, mutantActivation: 'static', reloadEnvironment: true, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: true });
    expect(killed).toEqual({ status: 'killed', killedBy: ['__tests__/calc.test.js#adds', '__tests__/calc.test.js#zero'], failureMessage: expect.stringContaining('Expected: 5'), nrOfTests: 4 });
    // Activated only at run time, the same mutant changes nothing: the constant was computed while loading.
    const runtime = await r.mutantRun({ activeMutant: mutant('2'), testFilter: ['__tests__/calc.test.js#adds'], mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
    expect(runtime).toEqual({ status: 'survived', nrOfTests: 1 });
  });

  test('a mutant past its hit limit is a timeout, and the next run starts clean', async () => {
    const { r } = runner();
    const result = await r.mutantRun({ activeMutant: mutant('4'), testFilter: ['__tests__/loop.test.js#loops once'], hitLimit: 100, mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
    expect(result).toEqual({ status: 'timeout', reason: 'Hit limit reached (101/100)' });
    const next = await r.mutantRun({ activeMutant: mutant('3'), testFilter: ['__tests__/loop.test.js#loops once'], mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
    expect(next).toEqual({ status: 'survived', nrOfTests: 1 });
  });

  test("after the dry run, each test has its own hit limit: 100 times its own dry-run hits (at least 100,000), within Stryker's limit", async () => {
    const { r } = runner();
    await r.dryRun({ coverageAnalysis: 'perTest', timeout: 10_000, disableBail: false });
    const loop = (hitLimit: number) => r.mutantRun({ activeMutant: mutant('4'), testFilter: ['__tests__/loop.test.js#loops once'], hitLimit, mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
    // The loop's test passed mutant 4 once in the dry run: its limit is the floor, far below Stryker's 10^9.
    expect(await loop(1e9)).toEqual({ status: 'timeout', reason: 'Hit limit reached (100001/100000) in __tests__/loop.test.js#loops once' });
    expect(await loop(500)).toEqual({ status: 'timeout', reason: 'Hit limit reached (501/500) in __tests__/loop.test.js#loops once' });
    // Within its limits a mutant keeps its verdict, and Stryker's limit still counts the hits of every test.
    const add = (hitLimit: number) => r.mutantRun({ activeMutant: mutant('1'), testFilter: ['__tests__/calc.test.js#adds', '__tests__/calc.test.js#zero'], hitLimit, mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: true });
    expect(await add(1e9)).toEqual({ status: 'killed', killedBy: ['__tests__/calc.test.js#adds'], failureMessage: expect.stringContaining('Expected: 5'), nrOfTests: 2 });
    // (the two tests run cheapest first, in either order: the second one is past the limit)
    expect(await add(1)).toEqual({ status: 'timeout', reason: expect.stringMatching(/^Hit limit reached \(1\/0\) in __tests__\/calc\.test\.js#(adds|zero)$/) });
  });

  test('after the dry run, a mutant runs its covering tests cheapest first, so a kill costs the cheapest failing test', async () => {
    const dir = sandbox({
      'src/calc.js': SOURCE,
      '__tests__/order.test.js': `const { add } = require('../src/calc');
        test('slow', () => { const end = Date.now() + 40; while (Date.now() < end); expect(add(1, 1)).toBe(2); });
        test('fast', () => expect(add(2, 2)).toBe(4));`,
      'jest.mutation.config.js': `module.exports = { testMatch: ['<rootDir>/__tests__/*.test.js'] };`,
    });
    dirs.push(dir);
    const r = new InProcessTestRunner({ api, rootDir: dir });
    r.init();
    const ids = ['__tests__/order.test.js#slow', '__tests__/order.test.js#fast'];
    const before = await r.mutantRun({ activeMutant: mutant('1'), testFilter: ids, mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
    expect(before.killedBy).toEqual(['__tests__/order.test.js#slow']); // no dry run yet: the files' order
    await r.dryRun({ coverageAnalysis: 'perTest', timeout: 10_000, disableBail: false });
    const other = new InProcessTestRunner({ api, rootDir: dir }); // another worker reads the dry run's times from the sandbox
    other.init();
    for (const runner of [r, other]) {
      const after = await runner.mutantRun({ activeMutant: mutant('1'), testFilter: ids, mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
      expect(after).toEqual({ status: 'killed', killedBy: ['__tests__/order.test.js#fast'], failureMessage: expect.stringContaining('Expected: 4'), nrOfTests: 1 });
    }
  });

  test('a covering test the files no longer hold is an error, not a survivor', async () => {
    const { r } = runner();
    const result = await r.mutantRun({ activeMutant: mutant('1'), testFilter: ['__tests__/calc.test.js#gone'], mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.js', timeout: 10_000, disableBail: false });
    expect(result.status).toBe('error');
    expect(result.errorMessage).toBe('1 of the 1 covering tests were not found; the test files changed since the dry run?');
  });

  test('fast-check runs with a fixed seed, so every mutant meets the inputs the dry run passed with', async () => {
    const dir = sandbox({
      '__tests__/seed.test.js': `const fc = require('fast-check'); test('seed', () => expect(fc.readConfigureGlobal().seed).toBe(20261130));`,
      'jest.mutation.config.js': `module.exports = { testMatch: ['<rootDir>/__tests__/*.test.js'] };`,
      'package.json': '{}',
    });
    dirs.push(dir);
    fs.symlinkSync(path.join(__dirname, '..', '..', 'node_modules'), path.join(dir, 'node_modules'));
    const r = new InProcessTestRunner({ api, rootDir: dir });
    r.init();
    const result = await r.dryRun({ coverageAnalysis: 'off', timeout: 10_000, disableBail: false });
    expect(result.tests.map((t: { status: number }) => t.status)).toEqual([0]);
  });

  test('a test file that fails to load under a static mutant is a runtime error, as under jest', async () => {
    const dir = sandbox({
      'src/m.js': `if (globalThis.${api.namespace}.activeMutant === '9') throw new Error('bad table'); exports.x = 1;`,
      '__tests__/m.test.js': `const { x } = require('../src/m'); test('x', () => expect(x).toBe(1));`,
      'jest.mutation.config.js': `module.exports = { testMatch: ['<rootDir>/__tests__/*.test.js'] };`,
    });
    dirs.push(dir);
    const r = new InProcessTestRunner({ api, rootDir: dir });
    r.init();
    const result = await r.mutantRun({ activeMutant: mutant('9'), testFilter: undefined, mutantActivation: 'static', reloadEnvironment: true, sandboxFileName: 'src/m.js', timeout: 10_000, disableBail: false });
    expect(result).toEqual({ status: 'error', errorMessage: '__tests__/m.test.js failed to load: bad table' });
  });

  test("with Stryker's own instrumentation: coverage is counted in the dry run only, and the verdicts stay the same", async () => {
    // Instrumented by @stryker-mutator/instrumenter itself (an ES module, so in a child process): the header whose
    // coverage counter the runner switches off in mutant runs, exactly as Stryker writes it.
    const script = `
      import { createInjector } from 'typed-inject';
      import { commonTokens } from '@stryker-mutator/api/plugin';
      import { createInstrumenter } from '@stryker-mutator/instrumenter';
      const quiet = () => false, none = () => {};
      const logger = { isDebugEnabled: quiet, isTraceEnabled: quiet, isInfoEnabled: quiet, debug: none, trace: none, info: none, warn: none, error: none, fatal: none };
      const result = await createInstrumenter(createInjector().provideValue(commonTokens.logger, logger))
        .instrument([{ name: 'calc.ts', content: 'export const add = (a: number, b: number): number => a + b;\\n', mutate: true }], { plugins: null, excludedMutations: [], ignorers: [] });
      process.stdout.write(JSON.stringify({ code: result.files[0].content, mutants: result.mutants.map((m) => [m.id, m.replacement]) }));`;
    const out = require('child_process').execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
    const { code, mutants } = JSON.parse(out) as { code: string; mutants: [string, string][] };
    const minus = mutants.find(([, replacement]) => replacement === 'a - b')?.[0];
    expect(minus).toBeDefined();
    const switched = withSwitchableCoverage(code);
    expect(switched).not.toBe(code); // the header has the form the runner expects
    expect(switched.split('\n').length).toBe(code.split('\n').length); // positions unchanged
    const dir = sandbox({
      'src/calc.ts': code.split('__stryker__').join(api.namespace),
      '__tests__/calc.test.ts': `import { add } from '../src/calc'; test('adds', () => expect(add(2, 3)).toBe(5));`,
      'jest.mutation.config.js': `module.exports = { testMatch: ['<rootDir>/__tests__/*.test.ts'] };`,
    });
    dirs.push(dir);
    const r = new InProcessTestRunner({ api, rootDir: dir });
    r.init();
    const dry = await r.dryRun({ coverageAnalysis: 'perTest', timeout: 10_000, disableBail: false });
    expect(dry.mutantCoverage.perTest['__tests__/calc.test.ts#adds']).toEqual({ [minus as string]: 1 });
    const run = (id: string) => r.mutantRun({ activeMutant: { ...mutant(id), fileName: 'src/calc.ts' }, testFilter: ['__tests__/calc.test.ts#adds'], mutantActivation: 'runtime', reloadEnvironment: false, sandboxFileName: 'src/calc.ts', timeout: 10_000, disableBail: false });
    expect(await run(minus as string)).toEqual({ status: 'killed', killedBy: ['__tests__/calc.test.ts#adds'], failureMessage: expect.stringContaining('Expected: 5'), nrOfTests: 1 });
    expect(await run('no such mutant')).toEqual({ status: 'survived', nrOfTests: 1 });
    expect(r.ns.mutantCoverage).toBeUndefined(); // nothing counted in the mutant runs (the runner's namespace, of the main realm)
    const again = await r.dryRun({ coverageAnalysis: 'perTest', timeout: 10_000, disableBail: false });
    expect(again.mutantCoverage.perTest['__tests__/calc.test.ts#adds']).toEqual({ [minus as string]: 1 }); // fresh module instances count again
  });
});

describe('test files and ids', () => {
  test('testMatch patterns with a wildcard in the file name, sorted, each file once', () => {
    const dir = sandbox({ 'a/x-1.test.ts': '', 'a/x-2.test.ts': '', 'a/y.test.ts': '', 'a/x-1.test.ts.bak': '' });
    dirs.push(dir);
    expect(testFilesOf(['<rootDir>/a/x-*.test.ts', '<rootDir>/a/x-1.test.ts', '<rootDir>/missing/*.test.ts'], dir).map((f: string) => path.relative(dir, f))).toEqual(['a/x-1.test.ts', 'a/x-2.test.ts']);
    expect(() => testFilesOf(['<rootDir>/*/x.test.ts'], dir)).toThrow('a wildcard is supported in the file name only');
  });

  test('a test id holds its file, whatever characters the name has', () => {
    const id = testId('/s', '/s/__tests__/a.test.ts', 'name # with $ and / marks');
    expect(id).toBe('__tests__/a.test.ts#name # with $ and / marks');
    expect(fileOfTestId('/s', id)).toBe('/s/__tests__/a.test.ts');
    expect(() => fileOfTestId('/s', 'no hash')).toThrow('Not a test id');
  });
});
