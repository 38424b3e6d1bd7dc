// Jest config for the mutation run (`npm run test:mutation`, see docs/testing.md): the unit tier's settings,
// restricted to the tests of the selected scope groups (stryker.scopes.cjs). Not used by `npm test`.
const unit = require('./jest.config.js').projects.find((p) => p.displayName === 'unit');
const { selected } = require('./stryker.scopes.cjs');

const tests = [...new Set(selected().flatMap((s) => s.tests))];

module.exports = {
  ...unit,
  displayName: undefined,
  rootDir: __dirname,
  modulePathIgnorePatterns: [...unit.modulePathIgnorePatterns, '<rootDir>/.stryker-tmp/'],
  testMatch: tests.map((t) => `<rootDir>/__tests__/${t}.test.ts`),
};
