// Mutation testing of the security-critical modules (issue #20). Run: `npm run test:mutation`, or one group of
// stryker.scopes.cjs: `STRYKER_SCOPE=core npm run test:mutation`. See docs/testing.md for scores and survivors.
import scopes from './stryker.scopes.cjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // Stryker's jest runner, loading only the test files of the covering tests per mutant (bin/mutation-test-runner.mjs).
  testRunner: 'jest-covering-files',
  plugins: ['@stryker-mutator/*', './bin/mutation-test-runner.mjs'],
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
