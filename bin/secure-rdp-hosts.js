#!/usr/bin/env node
'use strict';
// CLI entry: `npx secure-rdp-hosts <check|probe> …`. Inside this repository it runs the TypeScript
// sources (transpile-only, never a stale build); an installed package runs its compiled dist/.
const fs = require('fs');
const path = require('path');
process.env.SECURE_RDP_HOSTS_CLI = '1';
const source = path.join(__dirname, '..', 'cli', 'main.ts');
if (fs.existsSync(source)) {
  require('./register-ts');
  require(source);
} else {
  require(path.join(__dirname, '..', 'dist', 'cli', 'main.js'));
}
