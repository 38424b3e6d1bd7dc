// Test tiers (see README "Tests"):
//   unit        — pure TypeScript + synth, no external tools: fast, the bulk of the suite.
//   terraform   — real Terraform (validate / plan / cdktf diff) against the local provider mirror.
//   integration — real external servers on loopback (e.g. the RDP probe against xrdp / FreeRDP).
//   package     — `npm pack` + a consumer project that installs the tarball offline (builds dist/, ~30 s).
// `npm test` runs every tier; `npm run test:unit` only the first.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/cdktf.out/'],
};

module.exports = {
  // Jest's default is one worker per core minus one, i.e. a single worker on the 2-core CI machines;
  // two workers keep both cores busy (measured: unit tier 36 s → 28 s).
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/terraform/', '<rootDir>/__tests__/integration/', '<rootDir>/__tests__/package/'],
    },
    {
      ...common,
      displayName: 'terraform',
      testMatch: ['<rootDir>/__tests__/terraform/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'package',
      testMatch: ['<rootDir>/__tests__/package/**/*.test.ts'],
    },
  ],
};
