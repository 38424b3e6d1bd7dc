'use strict';
// The fast path of bin/synth.js: main.ts and everything it loads (cdktf, the provider classes, zod, the
// policy engine) bundled by esbuild into one file, run with a V8 code cache made after a first run, so
// Node neither resolves some 700 modules nor compiles them again. Loading the code was most of a default
// synth (docs/performance.md). Same sources, same output: only how they are loaded differs.
//
// Both files live in node_modules/.cache/secure-rdp-hosts-synth/ and are rebuilt when any input changed
// (size or modification time of every file esbuild read, esbuild's version, the options below). When
// the bundle cannot be built or loaded (no esbuild, a read-only tree, RDP_HOSTS_SYNTH_BUNDLE=0) or
// under RDP_HOSTS_DEBUG=1 (readable stack traces), `runBundled` returns false and bin/synth.js loads
// the sources as before.
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const ROOT = path.join(__dirname, '..');
const ENTRY = 'main.ts';
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'secure-rdp-hosts-synth');
const BUNDLE = path.join(CACHE_DIR, 'main.js');
const INPUTS = path.join(CACHE_DIR, 'inputs.json');
const CODE_CACHE = path.join(CACHE_DIR, 'main.js.v8-cache');
/** Part of the freshness key: a change here rebuilds the bundle. */
const OPTIONS = { entryPoints: [ENTRY], bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent', legalComments: 'none', keepNames: true };

/** Writes through a temporary file and a rename, so a concurrent run never reads half a file. */
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

function stamp(file) {
  const stat = fs.statSync(path.resolve(ROOT, file));
  return `${stat.size}:${stat.mtimeMs}`;
}

/** The key of the current build settings: Node version (the code cache is V8's), esbuild's version, the options. */
function settingsKey(esbuildVersion) {
  return crypto.createHash('sha256').update(JSON.stringify([process.version, esbuildVersion, OPTIONS])).digest('hex');
}

/** True when the bundle exists and none of its inputs changed since it was built. */
function isFresh() {
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(INPUTS, 'utf8'));
    fs.accessSync(BUNDLE);
  } catch {
    return false;
  }
  let esbuildVersion;
  try {
    esbuildVersion = require('esbuild/package.json').version;
  } catch {
    esbuildVersion = undefined;
  }
  // Without esbuild, a bundle built earlier is still used while its inputs are unchanged.
  if (esbuildVersion !== undefined && recorded.settings !== settingsKey(esbuildVersion)) return false;
  try {
    return Object.entries(recorded.inputs).every(([file, expected]) => stamp(file) === expected);
  } catch {
    return false;
  }
}

function build() {
  const esbuild = require('esbuild');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = `${BUNDLE}.${process.pid}.tmp.js`;
  try {
    const result = esbuild.buildSync({ ...OPTIONS, absWorkingDir: ROOT, outfile: temporary, metafile: true, write: true });
    const inputs = {};
    for (const file of Object.keys(result.metafile.inputs)) inputs[file] = stamp(file);
    fs.rmSync(CODE_CACHE, { force: true });
    fs.renameSync(temporary, BUNDLE);
    writeAtomically(INPUTS, JSON.stringify({ settings: settingsKey(esbuild.version), inputs }));
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Runs main.ts from the bundle. Returns false, having run nothing, when the bundle is switched off or
 * cannot be built or compiled; once the bundle runs, its outcome is the synth's (no second attempt).
 */
function runBundled(env = process.env) {
  if (env.RDP_HOSTS_SYNTH_BUNDLE === '0' || env.RDP_HOSTS_DEBUG === '1') return false;
  let script;
  let cachedData;
  try {
    if (!isFresh()) build();
    const source = fs.readFileSync(BUNDLE, 'utf8');
    try {
      cachedData = fs.readFileSync(CODE_CACHE);
    } catch {
      cachedData = undefined;
    }
    script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  } catch {
    // Rebuilt on the next run (a damaged bundle), if esbuild is there.
    fs.rmSync(INPUTS, { force: true });
    return false;
  }
  const bundleModule = new Module(BUNDLE, module);
  bundleModule.filename = BUNDLE;
  bundleModule.paths = Module._nodeModulePaths(CACHE_DIR);
  const bundleRequire = Module.createRequire(BUNDLE);
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, BUNDLE, CACHE_DIR);
  // After the run, the cache holds every function the synth compiled, not only the top level.
  if (cachedData === undefined || script.cachedDataRejected) {
    try {
      writeAtomically(CODE_CACHE, script.createCachedData());
    } catch {
      // a read-only tree still works, only slower
    }
  }
  return true;
}

module.exports = { runBundled, BUNDLE, CACHE_DIR };
