// Jest config for the mutation run (`npm run test:mutation`, see docs/testing.md): the unit tier's settings,
// restricted to the tests of the selected scope groups (stryker.scopes.cjs). Not used by `npm test`.
const unit = require('./jest.config.js').projects.find((p) => p.displayName === 'unit');
const { selected } = require('./stryker.scopes.cjs');

const tests = [...new Set(selected().flatMap((s) => s.tests))];

// Stryker calls jest once per mutant: whatever jest does per call counts thousands of times.
const { globalSetup, globalTeardown, ...perFile } = unit; // eslint-disable-line @typescript-eslint/no-unused-vars
module.exports = {
  ...perFile,
  displayName: undefined,
  rootDir: __dirname,
  // The folders the tests and the code they import live in: jest's file crawl skips docs, reports, etc.
  roots: ['__tests__', 'cli', 'constructs', 'contract', 'examples', 'flavours', 'policy', 'stacks'].map((d) => `<rootDir>/${d}/`),
  // No `find` child process per call (measured: ~15 ms CPU and more wall time less per mutant under load).
  watchman: false,
  // Module resolution remembered across the jest calls of one worker process (measured: ~17 % of a mutant's CPU).
  resolver: '<rootDir>/bin/mutation-jest-resolver.js',
  haste: { forceNodeFilesystemAPI: true },
  modulePathIgnorePatterns: [...unit.modulePathIgnorePatterns, '<rootDir>/.stryker-tmp/'],
  testMatch: tests.map((t) => `<rootDir>/__tests__/${t}.test.ts`),
};
