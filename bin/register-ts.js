'use strict';
// Transpile-only TypeScript loader for the repository's own tooling (synth, CLI, scripts).
// Type checking happens once in `npm run lint` (tsc --noEmit); running the app never type-checks,
// which keeps `npm run synth` fast. Uses @swc/core, the same compiler jest uses (@swc/jest).
const fs = require('fs');
const { transformSync } = require('@swc/core');

const SWC_OPTIONS = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...SWC_OPTIONS, filename });
  module._compile(code, filename);
};
