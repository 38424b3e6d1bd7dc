#!/usr/bin/env node
'use strict';
// Runs a TypeScript entry point without a build step: `node bin/run-ts.js path/to/file.ts [args…]`.
const path = require('path');
require('./register-ts');
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node bin/run-ts.js <file.ts> [args…]\n');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
require(path.resolve(entry));
