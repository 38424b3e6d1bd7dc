'use strict';
// Stryker test runner `in-process` (plugin: bin/mutation-in-process-runner.mjs; docs/testing.md "Mutation
// testing"): runs the group's jest test files inside the Stryker worker with bin/mutation-harness.js instead
// of a jest run per mutant.
//
// Per mutant: the covering tests' files are loaded in fresh module registries (compiled code is kept for the
// worker's life, so a reload only re-executes module bodies) and only the covering tests run, stopping at the
// first failure. Module state (memo caches, counters) never survives from one mutant to the next, as under
// jest. Static mutants (`mutantActivation: 'static'`) are active while the files load; runtime ones only
// while the tests run. The test files and setup files are jest.mutation.config.js's, so `npm run
// test:mutation` and jest agree on what the group's tests are. Tested in __tests__/mutation/in-process.test.ts.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');
const harness = require('./mutation-harness.js');

/** The test files of a jest `testMatch` list: `<rootDir>` replaced, `*` allowed in the file name only. */
function testFilesOf(testMatch, rootDir) {
  const files = new Set();
  for (const pattern of testMatch) {
    const absolute = pattern.replace('<rootDir>', rootDir);
    const dir = path.dirname(absolute);
    if (dir.includes('*')) throw new Error(`testMatch "${pattern}": a wildcard is supported in the file name only.`);
    const name = new RegExp(`^${path.basename(absolute).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
    let entries = [];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const e of entries) if (name.test(e)) files.add(path.join(dir, e));
  }
  return [...files].sort();
}

/** A test's id: its file (relative to the sandbox) and its full name. */
function testId(rootDir, file, name) {
  return `${path.relative(rootDir, file).split(path.sep).join('/')}#${name}`;
}

/** The file of a test id (absolute). */
function fileOfTestId(rootDir, id) {
  const hash = id.indexOf('#');
  if (hash < 0) throw new Error(`Not a test id of the in-process runner: "${id}".`);
  return path.join(rootDir, id.slice(0, hash));
}

/** Where the dry run leaves each test's time for the other workers (in the sandbox, removed with it). */
function timesFile(rootDir) {
  return path.join(rootDir, '.stryker-in-process-times.json');
}

/**
 * Per-test hit limits. Stryker gives a mutant run one hit limit, 100 times the mutant's hits over all its covering
 * tests in the dry run, and a run past it is a timeout (an infinite loop). In the reader's hot loops that total is
 * large (every test's script passes through them), so a mutant that makes a loop endless ran millions of turns,
 * seconds each time, before the limit stopped it. The dry run keeps each test's own hits per mutant, and a mutant
 * run gives each test the same factor over its own count: `HIT_LIMIT_FACTOR × max(hits in that test,
 * MIN_TEST_HITS)`, and never more than what is left of Stryker's limit. A test that passes the mutant 100 times
 * more often than it did in the dry run (and at least 100,000 times) is looping, as Stryker judges it.
 */
const HIT_LIMIT_FACTOR = 100;
const MIN_TEST_HITS = 1000;

function hitsFile(rootDir) {
  return path.join(rootDir, '.stryker-in-process-hits.json');
}

/** The dry run's per-test coverage, by mutant: `{ tests: [test ids], hits: { [mutant id]: [test index, hits, …] } }`. */
function hitsByMutant(perTest) {
  const tests = Object.keys(perTest);
  const hits = {};
  tests.forEach((id, index) => {
    for (const [mutant, n] of Object.entries(perTest[id])) (hits[mutant] ??= []).push(index, n);
  });
  return { tests, hits };
}

/** `hitsByMutant`'s result read back, or undefined (no dry run with per-test coverage). */
function readHits(rootDir) {
  try {
    return JSON.parse(fs.readFileSync(hitsFile(rootDir), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The hit limit of each test of a run of `mutant` (by test id): `HIT_LIMIT_FACTOR × max(its dry-run hits,
 * MIN_TEST_HITS)`; undefined without the dry run's per-test hits.
 */
function testHitLimits(recorded, mutant) {
  if (recorded === undefined) return undefined;
  const flat = recorded.hits[mutant] ?? [];
  const own = new Map();
  for (let i = 0; i < flat.length; i += 2) own.set(recorded.tests[flat[i]], flat[i + 1]);
  return (testId) => HIT_LIMIT_FACTOR * Math.max(own.get(testId) ?? 0, MIN_TEST_HITS);
}

/** The dry run's time per test id, or undefined before the dry run (tests then run in their files' order). */
function readTimes(rootDir) {
  try {
    return JSON.parse(fs.readFileSync(timesFile(rootDir), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * fast-check's seed, fixed for mutation runs (`MUTATION_SEED` to change it): every mutant meets the inputs the dry
 * run passed with, so a property test kills the same mutants on every run and the survivors list is stable. (The
 * unit tier keeps fast-check's random seed, so it keeps exploring.) A test that passes its own `seed` keeps it.
 */
const DEFAULT_SEED = 20261130;

function fixPropertySeed(rootDir) {
  let fc;
  try {
    fc = Module.createRequire(path.join(rootDir, 'package.json'))('fast-check');
  } catch {
    return; // a project without fast-check
  }
  const seed = Number(process.env.MUTATION_SEED ?? DEFAULT_SEED);
  if (!Number.isInteger(seed)) throw new Error(`MUTATION_SEED must be an integer, got "${process.env.MUTATION_SEED}".`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}

/**
 * Coverage off in mutant runs. Stryker's instrumented code counts coverage at every mutated expression
 * (`stryCov_9fa48`, in the header of each instrumented file), and only the dry run reads the counts: in a mutant
 * run the counting is pure cost, about half of the interpreter's test time. `withSwitchableCoverage` puts one
 * check at the start of the counter, on the same line (positions unchanged): while the runner's namespace has
 * `COVERAGE_OFF` set, the counter's first call in a module instance replaces it with a function that does
 * nothing. Each mutant run loads fresh module instances, so a dry run never meets a switched-off counter. A file
 * without the header (not instrumented, or another Stryker's) is left as it is: its coverage is counted, slower,
 * with the same verdicts.
 */
const COVER_HELPER = 'function stryCov_9fa48() {';
const COVERAGE_OFF = 'inProcessCoverageOff';

function withSwitchableCoverage(source) {
  const at = source.indexOf(COVER_HELPER);
  if (at < 0) return source;
  const end = at + COVER_HELPER.length;
  return `${source.slice(0, end)} if (stryNS_9fa48().${COVERAGE_OFF}) { stryCov_9fa48 = function () {}; return; }${source.slice(end)}`;
}

/**
 * The runner. `api` holds the enums and helper of `@stryker-mutator/api` (an ES module, so the plugin file
 * passes them in); `rootDir` is the sandbox (Stryker starts the worker there).
 */
class InProcessTestRunner {
  constructor({ api, rootDir = process.cwd(), configFile = 'jest.mutation.config.js' }) {
    this.api = api;
    this.rootDir = rootDir;
    this.configFile = configFile;
  }

  init() {
    const config = require(path.join(this.rootDir, this.configFile));
    this.harness = harness;
    this.files = testFilesOf(config.testMatch, this.rootDir);
    if (this.files.length === 0) throw new Error(`jest.mutation.config.js matches no test file under ${this.rootDir}.`);
    const setupFiles = (config.setupFiles ?? []).map((f) => f.replace('<rootDir>', this.rootDir));
    const compile = harness.swcCompiler();
    this.loader = new harness.ModuleLoader({ compile: (source, file) => compile(withSwitchableCoverage(source), file), setupFiles });
    // The instrumenter's namespace lives on the global of the realm the module functions are compiled in (the
    // main one: the same as `globalThis` in a Stryker worker, not under jest, where this file is tested).
    const realm = vm.runInThisContext('globalThis');
    this.ns = realm[this.api.namespace] ??= {};
    fixPropertySeed(this.rootDir);
  }

  capabilities() {
    return { reloadEnvironment: true };
  }

  collect(file) {
    return this.harness.collectFile(this.loader, file, (f, name) => testId(this.rootDir, f, name));
  }

  async dryRun(options) {
    const perTest = options.coverageAnalysis === 'perTest';
    const all = options.coverageAnalysis !== 'off';
    this.ns.activeMutant = undefined;
    this.ns.currentTestId = undefined;
    this.ns[COVERAGE_OFF] = false;
    this.ns.mutantCoverage = all ? { static: {}, perTest: {} } : undefined;
    const tests = [];
    try {
      for (const file of this.files) {
        const { tests: inFile } = this.collect(file);
        const { outcomes } = await this.harness.runTests(inFile, {
          bail: false,
          onTestStart: (t) => {
            if (perTest) this.ns.currentTestId = t.id;
          },
          onTestEnd: () => {
            this.ns.currentTestId = undefined;
          },
        });
        tests.push(...outcomes.map((o) => toTestResult(o, this.api.TestStatus)));
      }
    } catch (e) {
      return { status: this.api.DryRunStatus.Error, errorMessage: `Loading the tests failed: ${this.harness.messageOf(e)}\n${e?.stack ?? ''}` };
    } finally {
      this.ns.currentTestId = undefined;
    }
    this.times = Object.fromEntries(tests.map((t) => [t.id, t.timeSpentMs]));
    fs.writeFileSync(timesFile(this.rootDir), JSON.stringify(this.times));
    if (perTest) {
      this.hits = hitsByMutant(this.ns.mutantCoverage.perTest);
      fs.writeFileSync(hitsFile(this.rootDir), JSON.stringify(this.hits));
    }
    const mutantCoverage = this.ns.mutantCoverage;
    this.ns.mutantCoverage = undefined;
    return { status: this.api.DryRunStatus.Complete, tests, mutantCoverage };
  }

  async mutantRun(options) {
    const { activeMutant, testFilter, hitLimit, disableBail, mutantActivation } = options;
    this.times ??= readTimes(this.rootDir);
    this.ns.mutantCoverage = undefined;
    this.ns[COVERAGE_OFF] = true;
    this.ns.hitLimit = hitLimit;
    this.ns.hitCount = hitLimit === undefined ? undefined : 0;
    // A static mutant is active while the files load (module-level code); a runtime one only in the tests.
    const loadActive = mutantActivation === 'static' ? activeMutant.id : undefined;
    /** @type {Map<string, Map<string, object>>} file → its tests by id, loaded in a fresh registry for this run */
    const loaded = new Map();
    const testsOf = (file) => {
      let byId = loaded.get(file);
      if (byId === undefined) {
        this.ns.activeMutant = loadActive;
        try {
          byId = new Map(this.collect(file).tests.map((t) => [t.id, t]));
        } catch (e) {
          throw new Error(`${path.relative(this.rootDir, file)} failed to load: ${this.harness.messageOf(e)}`);
        } finally {
          this.ns.activeMutant = activeMutant.id;
        }
        loaded.set(file, byId);
      }
      return byId;
    };
    let result;
    /** @type {string | undefined} the first test past its hit limit */
    let overrun;
    try {
      let tests;
      try {
        if (testFilter) {
          tests = this.cheapestFirst(testFilter).map((id) => testsOf(fileOfTestId(this.rootDir, id)).get(id));
          const missing = tests.filter((t) => t === undefined).length;
          if (missing > 0) return { status: this.api.MutantRunStatus.Error, errorMessage: `${missing} of the ${testFilter.length} covering tests were not found; the test files changed since the dry run?` };
        } else {
          const all = this.files.flatMap((f) => [...testsOf(f).values()]);
          const byId = new Map(all.map((t) => [t.id, t]));
          tests = this.cheapestFirst(all.map((t) => t.id)).map((id) => byId.get(id));
        }
      } catch (e) {
        // As Stryker's jest runner: a test file that cannot load is an error of the run, not a kill (the mutant
        // counts as a runtime error, outside the score).
        return { status: this.api.MutantRunStatus.Error, errorMessage: e.message };
      }
      this.ns.activeMutant = activeMutant.id;
      // A runtime mutant's hits are counted per test (see HIT_LIMIT_FACTOR), within Stryker's limit for the run;
      // hits outside a test (beforeAll, afterAll) count against what is left of Stryker's limit.
      const limitOf = hitLimit !== undefined && mutantActivation !== 'static' ? testHitLimits((this.hits ??= readHits(this.rootDir)), activeMutant.id) : undefined;
      let used = 0;
      const settle = (where) => {
        used += this.ns.hitCount;
        if (this.ns.hitCount > this.ns.hitLimit) overrun ??= `Hit limit reached (${this.ns.hitCount}/${this.ns.hitLimit}) ${where}`;
        this.ns.hitCount = 0;
      };
      result = await this.harness.runTests(tests, {
        bail: !disableBail,
        onTestStart: (t) => {
          if (limitOf === undefined) return;
          settle(`before ${t.id}`);
          this.ns.hitLimit = Math.min(limitOf(t.id), hitLimit - used);
        },
        onTestEnd: (t) => {
          if (limitOf === undefined) return;
          settle(`in ${t.id}`);
          this.ns.hitLimit = hitLimit - used;
        },
      });
    } finally {
      this.ns.activeMutant = undefined;
    }
    const hitLimitReached = overrun === undefined ? this.api.determineHitLimitReached(this.ns.hitCount, this.ns.hitLimit)?.reason : overrun;
    this.ns.hitCount = undefined;
    this.ns.hitLimit = undefined;
    if (hitLimitReached) return { status: this.api.MutantRunStatus.Timeout, reason: hitLimitReached };
    const failed = result.outcomes.filter((o) => o.status === 'failed');
    const nrOfTests = result.outcomes.filter((o) => o.status !== 'skipped').length;
    if (failed.length > 0) return { status: this.api.MutantRunStatus.Killed, killedBy: failed.map((o) => o.id), failureMessage: failed[0].failureMessage, nrOfTests };
    return { status: this.api.MutantRunStatus.Survived, nrOfTests };
  }

  /**
   * `ids` ordered by the dry run's time per test, cheapest first (ties and tests without a time keep their
   * order): a killed mutant stops at its first failing test, so the cheap tests that may kill it run before
   * the expensive ones. A survivor runs them all either way.
   */
  cheapestFirst(ids) {
    const times = this.times;
    if (!times) return [...ids];
    return ids.map((id, i) => ({ id, i, t: times[id] ?? 0 })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.id);
  }

}

function toTestResult(o, TestStatus) {
  const base = { id: o.id, name: o.name, timeSpentMs: o.timeSpentMs, fileName: o.file };
  if (o.status === 'failed') return { ...base, status: TestStatus.Failed, failureMessage: o.failureMessage };
  return { ...base, status: o.status === 'skipped' ? TestStatus.Skipped : TestStatus.Success };
}

module.exports = { InProcessTestRunner, testFilesOf, testId, fileOfTestId, withSwitchableCoverage };
