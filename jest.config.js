// Test tiers (see README "Tests"):
//   unit        — pure TypeScript + synth, no external tools: fast, the bulk of the suite.
//   process     — whole processes of our own: `node bin/synth.js` / the CLI spawned end to end, and the
//                 TypeScript compiler over every doc snippet (each file costs seconds per spawn or program).
//   terraform   — real Terraform (validate / plan / cdktf diff) against the local provider mirror.
//   integration — real external servers on loopback (e.g. the RDP probe against xrdp / FreeRDP).
//   package     — `npm pack` + a consumer project that installs the tarball offline (builds dist/, ~30 s).
// `npm test` runs every tier; `npm run test:unit` only the first, `npm run test:process` the second.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };
/** Test files whose cost is spawning processes or running the compiler: the `process` tier (state-backend spawns `node bin/synth.js`). */
const processTests = ['__tests__/stacks/main.test.ts', '__tests__/input/hostile-config-process.test.ts', '__tests__/cli/main.test.ts', '__tests__/docs/snippets.test.ts', '__tests__/stacks/state-backend.test.ts'];
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/cdktf.out/', '<rootDir>/.stryker-tmp/'],
  // No token creation stack traces, as in the main job (a quarter of the CPU of building a stack).
  setupFiles: ['<rootDir>/__tests__/helpers/jest-setup.ts'],
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
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/terraform/', '<rootDir>/__tests__/integration/', '<rootDir>/__tests__/package/', ...processTests.map((f) => `<rootDir>/${f}`)],
    },
    {
      ...common,
      displayName: 'process',
      testMatch: processTests.map((f) => `<rootDir>/${f}`),
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
