// Stryker test runner `jest-covering-files` (stryker.config.mjs, docs/testing.md "Mutation testing"): Stryker's
// jest runner, except that a mutant run loads only the test FILES holding the tests that cover the mutant.
//
// Why: with `coverageAnalysis: "perTest"` Stryker 9's jest runner narrows a mutant run by test NAME only
// (`--testNamePattern`); jest still loads every test file of the config, with all its imports (cdktf alone is
// ~0.3 s of CPU per file), and skips the tests whose names do not match. A mutant covered by one test in one
// file paid for loading every file of the run. Here the dry run records which file each test lives in, and a
// mutant run restricts jest's `testRegex` to the files of the covering tests. The test selection is unchanged
// (same names, same tests); only files with no covering test are no longer loaded.
//
// Static mutants (no test filter: they run while test files load) still run every test file of the run.
// The dry run happens in one worker process; the others read the map from a file in the sandbox.
import fs from 'node:fs';
import path from 'node:path';
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { strykerPlugins as jestPlugins } from '@stryker-mutator/jest-runner';
import testFiles from './mutation-test-files.js';

const { exactPathsRegex, filesFor, testFilesById } = testFiles;

const jestFactory = jestPlugins.find((p) => p.kind === PluginKind.TestRunner && p.name === 'jest').factory;

/** Where the dry run leaves the test → file map for the other workers (inside the sandbox, removed with it). */
const mapFile = () => path.join(process.cwd(), '.stryker-test-files.json');

class CoveringFilesTestRunner {
  /** @param {any} inner Stryker's JestTestRunner */
  constructor(inner, log) {
    this.inner = inner;
    this.log = log;
    /** @type {Record<string, string[]> | undefined} test id → the files holding a test of that id */
    this.filesByTest = undefined;
  }
  init() {
    return this.inner.init?.();
  }
  dispose() {
    return this.inner.dispose?.();
  }
  capabilities() {
    return this.inner.capabilities();
  }
  async dryRun(options) {
    const result = await this.inner.dryRun(options);
    if (result.status === 'complete') {
      this.filesByTest = testFilesById(result.tests);
      fs.writeFileSync(mapFile(), JSON.stringify(this.filesByTest));
    }
    return result;
  }
  async mutantRun(options) {
    if (!this.filesByTest) {
      this.filesByTest = readMap();
      this.log.debug(this.filesByTest ? `Read the test files of ${Object.keys(this.filesByTest).length} tests from ${mapFile()}.` : `No ${mapFile()} yet: every test file runs.`);
    }
    const files = this.filesByTest && filesFor(this.filesByTest, options.testFilter);
    if (this.log.isTraceEnabled()) this.log.trace(`Mutant ${options.activeMutant.id}: ${files ? files.length : 'every'} test file(s).`);
    if (!files) return this.inner.mutantRun(options);
    const base = this.inner.jestConfig;
    // testRegex instead of testMatch: exact paths, whatever characters they hold.
    this.inner.jestConfig = { ...base, testMatch: undefined, testRegex: exactPathsRegex(files) };
    try {
      return await this.inner.mutantRun(options);
    } finally {
      this.inner.jestConfig = base;
    }
  }
}

function readMap() {
  try {
    return JSON.parse(fs.readFileSync(mapFile(), 'utf8'));
  } catch {
    return undefined; // no dry run yet in this sandbox: run every file, as Stryker's jest runner does
  }
}

function coveringFilesTestRunnerFactory(injector, log) {
  return new CoveringFilesTestRunner(injector.injectFunction(jestFactory), log);
}
coveringFilesTestRunnerFactory.inject = tokens(commonTokens.injector, commonTokens.logger);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'jest-covering-files', coveringFilesTestRunnerFactory)];
