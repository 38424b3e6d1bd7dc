#!/usr/bin/env node
'use strict';
// The GitHub Actions job matrix for `cdktf diff` and `cdktf deploy`: one entry per synthesized stack,
// read from cdktf.out/manifest.json and each stack's cdk.tf.json.
//
//   node .github/scripts/stack-matrix.js [cdktf.out]
//
// Each entry: { stack, cloud: 'aws' | 'azure', environment, backend }. The GitHub environment is named
// after the stack, so each stack has its own reviewers, variables and deploy identity. Stacks that depend
// on others come after them, and then `max-parallel` is 1 so deploys run in that order.
// In GitHub Actions (GITHUB_OUTPUT set) it writes the `matrix` and `max-parallel` step outputs.
const fs = require('fs');
const path = require('path');

/** Providers that decide which cloud credentials a stack needs. */
const CLOUD_OF_PROVIDER = { aws: 'aws', azurerm: 'azure' };
/** Stack names end up in environment names, concurrency groups and commands: keep them plain. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function fail(message) {
  throw new Error(`stack-matrix: ${message}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`cannot read ${file}: ${e.message}. Run \`npm run synth\` first.`);
  }
}

/** The cloud whose credentials the stack needs, from its provider blocks. */
function cloudOf(stack, config) {
  const clouds = [...new Set(Object.keys(config.provider || {}).map((p) => CLOUD_OF_PROVIDER[p]).filter(Boolean))];
  if (clouds.length !== 1) {
    fail(`stack "${stack}" configures ${clouds.length === 0 ? 'no aws or azurerm provider' : `providers for ${clouds.join(' and ')}`}; each stack must target exactly one cloud so its job gets one set of OIDC credentials.`);
  }
  return clouds[0];
}

/** The state backend type (`local` when none is declared: Terraform's default). */
function backendOf(config) {
  const terraform = config.terraform || {};
  if (terraform.cloud) return 'cloud';
  return Object.keys(terraform.backend || {})[0] || 'local';
}

/** Stacks ordered so that each comes after the stacks it depends on. */
function inDependencyOrder(stacks) {
  const ordered = [];
  const state = new Map();
  const visit = (name, trail) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') fail(`stack dependency cycle: ${[...trail, name].join(' -> ')}`);
    if (!stacks[name]) fail(`stack "${trail[trail.length - 1]}" depends on "${name}", which is not in the manifest`);
    state.set(name, 'visiting');
    for (const dependency of stacks[name].dependencies || []) visit(dependency, [...trail, name]);
    state.set(name, 'done');
    ordered.push(name);
  };
  for (const name of Object.keys(stacks).sort()) visit(name, []);
  return ordered;
}

/** The matrix for the synthesized app in `outdir`. */
function stackMatrix(outdir) {
  const manifest = readJson(path.join(outdir, 'manifest.json'));
  const stacks = manifest.stacks || {};
  const names = inDependencyOrder(stacks);
  if (names.length === 0) fail(`${outdir}/manifest.json lists no stacks.`);
  const include = names.map((stack) => {
    if (!SAFE_NAME.test(stack)) fail(`stack name ${JSON.stringify(stack)} must match ${SAFE_NAME} (it names a GitHub environment).`);
    const config = readJson(path.join(outdir, stacks[stack].synthesizedStackPath));
    return { stack, cloud: cloudOf(stack, config), environment: stack, backend: backendOf(config) };
  });
  const sequential = names.some((name) => (stacks[name].dependencies || []).length > 0);
  return { matrix: { include }, maxParallel: sequential ? 1 : include.length };
}

module.exports = { stackMatrix };

if (require.main === module) {
  try {
    const { matrix, maxParallel } = stackMatrix(process.argv[2] || 'cdktf.out');
    for (const entry of matrix.include) process.stdout.write(`${entry.stack}: ${entry.cloud}, environment ${entry.environment}, ${entry.backend} state\n`);
    if (process.env.GITHUB_OUTPUT) {
      fs.appendFileSync(process.env.GITHUB_OUTPUT, `matrix=${JSON.stringify(matrix)}\nmax-parallel=${maxParallel}\n`);
    }
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
