'use strict';
// Transpile-only TypeScript loader for the repository's own tooling (synth, CLI, scripts).
// Type checking happens once in `npm run lint` (tsc --noEmit); running the app never type-checks,
// which keeps `npm run synth` fast. Uses @swc/core, the same compiler jest uses (@swc/jest).
// Transpiled output is cached by content hash under node_modules/.cache, so repeated runs skip swc.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const SWC_OPTIONS = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'secure-rdp-hosts-ts');
let swc;

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  } catch {
    // a read-only tree still works, only slower
  }
  return code;
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
