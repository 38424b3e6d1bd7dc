// Lint rules that guard the architecture, not just style:
//  - provider packages are imported by deep path only (the package root costs ~4 s and ~0.5 GB per process);
//  - constructs/ never imports stacks/ (the library must not depend on its examples);
//  - policy/ never imports cloud constructs or provider bindings (it reads synthesized JSON only).
const tseslint = require('typescript-eslint');

const providerRoots = {
  paths: [
    { name: '@cdktf/provider-aws', message: 'Deep-import the class instead, e.g. @cdktf/provider-aws/lib/instance (the root import costs ~4 s and ~0.5 GB).' },
    { name: '@cdktf/provider-azurerm', message: 'Deep-import the class instead, e.g. @cdktf/provider-azurerm/lib/windows-virtual-machine.' },
    { name: '@cdktf/provider-random', message: 'Deep-import the class instead, e.g. @cdktf/provider-random/lib/password.' },
  ],
};

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdktf.out/**', 'coverage/**', '**/*.d.ts', 'bench-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      'no-restricted-imports': ['error', providerRoots],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['constructs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...providerRoots, patterns: [{ group: ['**/stacks/**', '**/stacks'], message: 'constructs/ must not import stacks/.' }, { group: ['**/policy/**', '**/policy'], message: 'constructs/ must not import the policy engine.' }] }],
    },
  },
  {
    files: ['policy/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...providerRoots, patterns: [{ group: ['@cdktf/provider-*', '@cdktf/provider-*/**'], message: 'policy/ reads synthesized JSON; it must not import provider bindings.' }, { group: ['**/constructs/**', '**/constructs', '**/stacks/**'], message: 'policy/ must not import cloud constructs or stacks.' }] }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
  },
);
