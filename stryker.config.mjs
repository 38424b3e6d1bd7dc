// Mutation testing of the security-critical modules (issue #20). Run: `npm run test:mutation`, or one group of
// stryker.scopes.cjs: `STRYKER_SCOPE=core npm run test:mutation`. See docs/testing.md for scores and survivors.
import scopes from './stryker.scopes.cjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The group's jest tests run inside the Stryker worker, only the covering ones per mutant (bin/mutation-in-process-runner.mjs).
  // STRYKER_TEST_RUNNER=jest-covering-files: a jest run per mutant, loading only the covering tests' files (bin/mutation-test-runner.mjs).
  testRunner: process.env.STRYKER_TEST_RUNNER || 'in-process',
  plugins: ['@stryker-mutator/*', './bin/mutation-test-runner.mjs', './bin/mutation-in-process-runner.mjs'],
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  mutate: [...new Set(scopes.selected().flatMap((s) => s.mutate))],
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json'],
  // A sub-run writes its own file, so runs of different groups never overwrite each other.
  jsonReporter: { fileName: scopes.reportFile() },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: '.stryker-tmp',
  // Not copied into the sandbox: build and run outputs (git ignores them too).
  ignorePatterns: ['/cdktf.out*', '/dist', '/coverage', '/.terraform', '/reports', '/bench-results', '/docs/api', '*.tgz'],
  cleanTempDir: 'always',
  dryRunTimeoutMinutes: 10,
};
