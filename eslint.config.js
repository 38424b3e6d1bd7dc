// Lint rules that guard the architecture, not just style:
//  - provider packages are imported by deep path only (the package root costs ~4 s and ~0.5 GB per process);
//  - the layers (docs/architecture.md): each folder imports only the folders below it:
//      contract/                      imports nothing of ours (the plan-annotation contract)
//      constructs/core/net            imports nothing of ours (pure CIDR and range checks: the lowest layer)
//      constructs/core                imports its net/ (and contract/); no sibling folder
//      constructs/windows             imports core
//      constructs/compat              imports nothing of ours (provider-major differences, provider presence)
//      constructs/host                imports windows, core (the cloud-neutral host model)
//      constructs/aws, constructs/azure  import host, compat, windows, core; never each other
//      stacks/                        imports constructs; constructs/ never imports stacks/
//      policy/, cli/                  import no construct (policy/ reads synthesized JSON; both may import contract/)
//  - a folder's public surface is its index.ts: from outside a folder, import the folder
//    (`../core`, `../../constructs`), never a file inside it (`../core/errors`). Inside a folder, files
//    import each other directly. Tests are exempt: they test files, internals included.
//  "No folder cycles" cannot be said with an import pattern: __tests__/lint/layers.test.ts builds the
//  folder import graph from the sources and fails on a cycle, and on an import the table above forbids.
const tseslint = require('typescript-eslint');

const providerRoots = {
  paths: [
    { name: '@cdktf/provider-aws', message: 'Deep-import the class instead, e.g. @cdktf/provider-aws/lib/instance (the root import costs ~4 s and ~0.5 GB).' },
    { name: '@cdktf/provider-azurerm', message: 'Deep-import the class instead, e.g. @cdktf/provider-azurerm/lib/windows-virtual-machine.' },
    { name: '@cdktf/provider-random', message: 'Deep-import the class instead, e.g. @cdktf/provider-random/lib/password.' },
  ],
};


/** The folders of constructs/, each with the sibling folders it may import (the layers, lowest first). */
const CONSTRUCT_LAYERS = {
  core: [],
  windows: ['core'],
  compat: [],
  host: ['windows', 'core'],
  aws: ['host', 'compat', 'windows', 'core'],
  azure: ['host', 'compat', 'windows', 'core'],
};


/** A pattern refusing imports of files inside `folder` from outside it (import the folder's index instead). */
function internalsOf(folder) {
  return { group: [`**/${folder}/*/**`, `**/${folder}/*.ts`, `**/${folder}/*/*`], message: `Import ${folder}/ through its index (the folder itself), not a file inside it: a folder's public surface is its index.ts.` };
}

/** A pattern refusing imports of any file inside `folder` (policy/ has files at its top level too). */
function anyFileOf(folder) {
  return { group: [`**/${folder}/*`, `**/${folder}/**`], message: `Import ${folder}/ through its index (\`../${folder}\`), not a file inside it: a folder's public surface is its index.ts.` };
}

/** One block per constructs/ folder: the folders it may not import, and no sibling's internals. */
function constructLayerBlocks() {
  return Object.entries(CONSTRUCT_LAYERS).map(([folder, allowed]) => {
    const siblings = Object.keys(CONSTRUCT_LAYERS).filter((f) => f !== folder);
    const forbidden = siblings.filter((f) => !allowed.includes(f));
    const patterns = [
      { group: ['**/stacks/**', '**/stacks'], message: 'constructs/ must not import stacks/.' },
      { group: ['**/policy/**', '**/policy'], message: 'constructs/ must not import the policy engine.' },
      { group: ['**/cli/**', '**/cli'], message: 'constructs/ must not import cli/.' },
      ...(forbidden.length ? [{ group: forbidden.flatMap((f) => [`../${f}`, `../${f}/**`]), message: allowed.length ? `constructs/${folder} may import only ${allowed.join(', ')} (the layers: docs/architecture.md).` : `constructs/${folder} imports no other folder of constructs/ (the layers: docs/architecture.md).` }] : []),
      { group: siblings.map((f) => `../${f}/**`), message: "Import a sibling folder through its index (`../core`), not a file inside it: a folder's public surface is its index.ts." },
    ];
    return { files: [`constructs/${folder}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { ...providerRoots, patterns }] } };
  });
}

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
  ...constructLayerBlocks(),
  {
    // core/net is the lowest layer: pure CIDR and range checks; nothing outside its own folder.
    files: ['constructs/core/net/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...providerRoots, patterns: [{ group: ['../*', '../**'], message: 'constructs/core/net is the lowest layer: it imports nothing else of ours.' }] }] },
  },
  {
    files: ['bin/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...providerRoots, patterns: [internalsOf('constructs')] }] },
  },
  {
    // The app and the commands use the policy engine through its index, as a user of the package does
    // (bin/ holds repository tools, which may read internals, e.g. the rules-doc generator).
    files: ['stacks/**/*.ts', 'main.ts'],
    rules: { 'no-restricted-imports': ['error', { ...providerRoots, patterns: [internalsOf('constructs'), anyFileOf('policy')] }] },
  },
  {
    files: ['policy/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...providerRoots, patterns: [{ group: ['@cdktf/provider-*', '@cdktf/provider-*/**'], message: 'policy/ reads synthesized JSON; it must not import provider bindings.' }, { group: ['**/constructs/**', '**/constructs', '**/stacks/**', '**/cli/**', '**/cli'], message: 'policy/ must not import cloud constructs or stacks.' }] }],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...providerRoots, patterns: [{ group: ['**/constructs/**', '**/constructs', '**/stacks/**', '**/stacks'], message: 'cli/ must not import constructs or stacks (it works on synthesized plans and live hosts).' }, anyFileOf('policy')] }] },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
  },
);
