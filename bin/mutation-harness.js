'use strict';
// The test harness of the in-process Stryker runner (bin/mutation-in-process-runner.mjs, docs/testing.md
// "Mutation testing"): runs jest-style test files inside the Stryker worker process, without jest.
//
// Why: Stryker's jest runner starts a jest run per mutant (config, file crawl, a VM context per test file,
// transforms read from the disk cache, reporters): about 250 ms of CPU per mutant before the first test runs.
// Here a worker compiles each file once (swc, the unit tier's settings) and keeps the compiled function; a
// mutant run only re-executes module bodies in a fresh registry and runs the covering tests.
//
// Jest semantics kept: one module registry per test file (module state never leaks between files);
// `describe` bodies run at load; `beforeAll`/`afterAll` around the tests of their block, `beforeEach`/
// `afterEach` from the outside in / inside out; `.each` through jest's own jest-each (same titles);
// `.only`/`.skip`/`.todo`; `jest.mock(module, factory)` (hoisted by swc as in the unit tier); `expect` is
// jest's `expect` package (no snapshot matchers: a test calling one fails, which fails the dry run loudly).
// jest's globals reach the modules as parameters of their module functions; `globalThis` is never touched.
// Anything else on the `jest` object throws "not supported", so a test needing it fails the dry run loudly
// instead of passing silently.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

const EXTENSIONS = ['.ts', '.js', '.cjs', '.json'];
/** jest's globals, passed to module functions as parameters (the harness never touches `globalThis`). */
const JEST_GLOBALS = ['describe', 'test', 'it', 'xit', 'xtest', 'fit', 'xdescribe', 'fdescribe', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'expect'];
const MODULE_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', 'jest', ...JEST_GLOBALS];
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Loads CommonJS and TypeScript modules of `root` (outside node_modules) in registries of its own; node_modules
 * and builtins come from Node's require, shared by every registry.
 */
class ModuleLoader {
  /**
   * @param {object} options
   * @param {(source: string, file: string) => string} options.compile TypeScript → CommonJS
   * @param {string[]} [options.setupFiles] run first in every registry (jest's `setupFiles`)
   */
  constructor({ compile, setupFiles = [] }) {
    this.compileSource = compile;
    this.setupFiles = setupFiles;
    /** @type {Map<string, Function>} file → its compiled module function (kept for the worker's life) */
    this.compiled = new Map();
    /** @type {Map<string, string>} `${dir}\0${specifier}` → resolved file, or `node:` + specifier */
    this.resolved = new Map();
  }

  /**
   * A fresh module registry (jest's per-test-file registry): `load(file)` runs the setup files first.
   * @param {Record<string, unknown>} globals jest's globals (`describe`, `test`, `expect`, …), handed to every module
   *   of the registry as parameters of its module function, as jest makes them globals of the test file's context
   */
  registry(globals) {
    return new Registry(this, globals);
  }

  /** @returns {string} an absolute file to load ourselves, or `node:<specifier>` for Node's require */
  resolve(specifier, fromFile) {
    const dir = path.dirname(fromFile);
    const key = `${dir}\0${specifier}`;
    let found = this.resolved.get(key);
    if (found === undefined) {
      found = this.resolveUncached(specifier, dir, fromFile);
      this.resolved.set(key, found);
    }
    return found;
  }

  resolveUncached(specifier, dir, fromFile) {
    if (!specifier.startsWith('.') && !path.isAbsolute(specifier)) return `node:${specifier}`;
    const base = path.resolve(dir, specifier);
    const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
    const file = candidates.find((c) => isFile(c));
    if (file === undefined) throw new Error(`Cannot find module '${specifier}' from '${fromFile}'`);
    return file.split(path.sep).includes('node_modules') ? `node:${file}` : file;
  }

  /** The compiled module function of `file` (compiled once per worker). */
  functionOf(file) {
    let fn = this.compiled.get(file);
    if (fn === undefined) {
      const source = fs.readFileSync(file, 'utf8');
      const code = file.endsWith('.ts') ? this.compileSource(source, file) : source;
      fn = vm.compileFunction(code, MODULE_PARAMETERS, { filename: file });
      this.compiled.set(file, fn);
    }
    return fn;
  }
}

class Registry {
  constructor(loader, globals) {
    this.loader = loader;
    this.globals = globals;
    /** @type {Map<string, { exports: any }>} */
    this.modules = new Map();
    /** @type {Map<string, () => unknown>} resolved key → mock factory (`jest.mock`) */
    this.mocks = new Map();
    /** @type {Map<string, unknown>} */
    this.mockValues = new Map();
    this.setupDone = false;
  }

  /** Loads `file` (absolute) in this registry, after the setup files. */
  load(file) {
    if (!this.setupDone) {
      this.setupDone = true;
      for (const setup of this.loader.setupFiles) this.requireFile(setup);
    }
    return this.requireFile(file);
  }

  mock(specifier, factory, fromFile) {
    if (typeof factory !== 'function') throw new Error(`jest.mock('${specifier}') without a factory is not supported by the in-process runner.`);
    this.mocks.set(this.loader.resolve(specifier, fromFile), factory);
  }

  require(specifier, fromFile) {
    const target = this.loader.resolve(specifier, fromFile);
    if (this.mocks.has(target)) {
      if (!this.mockValues.has(target)) this.mockValues.set(target, this.mocks.get(target)());
      return this.mockValues.get(target);
    }
    if (target.startsWith('node:')) return Module.createRequire(fromFile)(target.slice(5));
    return this.requireFile(target);
  }

  requireFile(file) {
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    if (file.endsWith('.json')) {
      const json = { exports: JSON.parse(fs.readFileSync(file, 'utf8')) };
      this.modules.set(file, json);
      return json.exports;
    }
    const module = { exports: {}, id: file, filename: file, loaded: false };
    this.modules.set(file, module);
    const localRequire = (specifier) => this.require(specifier, file);
    localRequire.resolve = (specifier) => {
      const target = this.loader.resolve(specifier, file);
      return target.startsWith('node:') ? Module.createRequire(file).resolve(target.slice(5)) : target;
    };
    const jest = jestObjectFor(this, file);
    try {
      this.loader.functionOf(file).call(module.exports, module.exports, localRequire, module, file, path.dirname(file), jest, ...JEST_GLOBALS.map((g) => this.globals[g]));
    } catch (e) {
      this.modules.delete(file);
      throw e;
    }
    module.loaded = true;
    return module.exports;
  }
}

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Test collection and execution

/**
 * @typedef {{ kind: 'suite', name: string, parent?: Suite, children: Array<Suite | Test>, mode?: 'skip' | 'only',
 *   beforeAll: Function[], afterAll: Function[], beforeEach: Function[], afterEach: Function[] }} Suite
 * @typedef {{ kind: 'test', id: string, name: string, title: string, file: string, parent: Suite, fn?: Function,
 *   mode?: 'skip' | 'only' | 'todo' }} Test
 * @typedef {{ id: string, name: string, file: string, status: 'success' | 'failed' | 'skipped', failureMessage?: string,
 *   timeSpentMs: number }} TestOutcome
 */

function newSuite(name, parent, mode) {
  return { kind: 'suite', name, parent, children: [], mode, beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
}

/** The jest globals of one test file, collecting into `root`. */
function globalsFor(root, file, idOf) {
  const { bind } = require('jest-each');
  let current = root;
  const addTest = (mode) => (title, fn) => {
    if (typeof title !== 'string') title = String(title?.name ?? title);
    const names = [];
    for (let s = current; s && s.parent; s = s.parent) names.unshift(s.name);
    const name = [...names, title].join(' ');
    current.children.push({ kind: 'test', id: idOf(name), name, title, file, parent: current, fn, mode });
  };
  const addSuite = (mode) => (title, fn) => {
    if (typeof title !== 'string') title = String(title?.name ?? title);
    const suite = newSuite(title, current, mode);
    current.children.push(suite);
    const outer = current;
    current = suite;
    try {
      const result = fn();
      if (result && typeof result.then === 'function') throw new Error(`describe "${title}" returned a promise: describe bodies must be synchronous.`);
    } finally {
      current = outer;
    }
  };
  const test = addTest(undefined);
  test.only = addTest('only');
  test.skip = addTest('skip');
  test.todo = (title) => addTest('todo')(title, undefined);
  test.each = bind(test);
  test.only.each = bind(test.only);
  test.skip.each = bind(test.skip);
  const describe = addSuite(undefined);
  describe.only = addSuite('only');
  describe.skip = addSuite('skip');
  describe.each = bind(describe, false);
  describe.only.each = bind(describe.only, false);
  describe.skip.each = bind(describe.skip, false);
  const hook = (kind) => (fn) => current[kind].push(fn);
  return {
    describe,
    test,
    it: test,
    xit: test.skip,
    xtest: test.skip,
    fit: test.only,
    xdescribe: describe.skip,
    fdescribe: describe.only,
    beforeAll: hook('beforeAll'),
    afterAll: hook('afterAll'),
    beforeEach: hook('beforeEach'),
    afterEach: hook('afterEach'),
  };
}

/** A `jest` object with only what the harness supports: `mock(module, factory)`. */
function jestObjectFor(registry, file) {
  return new Proxy(
    { mock: (specifier, factory) => registry.mock(specifier, factory, file) },
    {
      get(target, prop) {
        if (prop in target) return target[prop];
        if (typeof prop === 'symbol' || prop === 'then') return undefined;
        throw new Error(`jest.${String(prop)} is not supported by the in-process mutation runner (bin/mutation-harness.js).`);
      },
    },
  );
}

/**
 * Loads test `file` in a fresh registry and collects its tests (runs the `describe` bodies).
 * @param {ModuleLoader} loader
 * @param {string} file absolute
 * @param {(file: string, name: string) => string} idFor a test's id from its file and full name
 * @returns {{ root: Suite, tests: Test[] }}
 */
function collectFile(loader, file, idFor) {
  const root = newSuite('', undefined, undefined);
  const seen = new Map();
  const idOf = (name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return idFor(file, n === 1 ? name : `${name} [${n}]`);
  };
  const globals = { ...globalsFor(root, file, idOf), expect: require('expect').expect };
  loader.registry(globals).load(file);
  const tests = [];
  const walk = (s) => s.children.forEach((c) => (c.kind === 'suite' ? walk(c) : tests.push(c)));
  walk(root);
  applyOnly(root, tests);
  return { root, tests };
}

/** jest: when a file has `.only` tests or suites, its other tests are skipped. */
function applyOnly(root, tests) {
  const inOnly = (t) => {
    if (t.mode === 'only') return true;
    for (let s = t.parent; s; s = s.parent) if (s.mode === 'only') return true;
    return false;
  };
  if (!tests.some(inOnly)) return;
  for (const t of tests) if (!inOnly(t) && t.mode === undefined) t.mode = 'skip';
}

function skipped(t) {
  if (t.mode === 'skip' || t.mode === 'todo' || t.fn === undefined) return true;
  for (let s = t.parent; s; s = s.parent) if (s.mode === 'skip') return true;
  return false;
}

async function call(fn) {
  if (fn.length > 0) {
    await new Promise((resolve, reject) => {
      const done = (err) => (err ? reject(err) : resolve());
      done.fail = (err) => reject(err ?? new Error('done.fail()'));
      fn(done);
    });
  } else {
    await fn();
  }
}

/** A failure's message without colours (duck-typed: an error of another realm is no `instanceof Error` here). */
function messageOf(e) {
  const isError = e !== null && typeof e === 'object' && typeof e.message === 'string';
  const text = isError ? `${typeof e.name === 'string' && e.name !== 'Error' && !e.message.startsWith(e.name) ? `${e.name}: ` : ''}${e.message}` : String(e);
  return text.replace(ANSI, '');
}

/**
 * Runs `tests` (collected by `collectFile`, from one file or several) in the order given, each inside its
 * blocks' hooks: a block's `beforeAll` runs before its first test of the run (a failure fails the block's
 * tests), its `afterAll` once the run is over, inner blocks first; `beforeEach`/`afterEach` around each test.
 * A mutant run orders its tests cheapest first (bin/mutation-in-process.js), so it may interleave files and
 * blocks: the group's tests do not depend on each other's order (the unit tier's do not either; the dry run
 * passes each file's tests in jest's order). `onTestStart`/`onTestEnd` frame a test's own hooks and body (what
 * the dry run records as the test's coverage; a `beforeAll` counts as loading, as under jest).
 * @param {Test[]} tests
 * @param {{ bail: boolean, onTestStart?: (t: Test) => void, onTestEnd?: (t: Test) => void }} options
 * @returns {Promise<{ outcomes: TestOutcome[], bailed: boolean }>}
 */
async function runTests(tests, options) {
  const { expect } = require('expect');
  const outcomes = [];
  const entered = [];
  const setupErrors = new Map();
  let bailed = false;
  for (const t of tests) {
    if (skipped(t)) {
      outcomes.push({ id: t.id, name: t.name, file: t.file, status: 'skipped', timeSpentMs: 0 });
      continue;
    }
    const started = process.hrtime.bigint();
    const chain = [];
    for (let s = t.parent; s; s = s.parent) chain.unshift(s);
    let error;
    for (const s of chain) {
      if (!entered.includes(s)) {
        entered.push(s);
        for (const h of s.beforeAll) {
          try {
            await call(h);
          } catch (e) {
            setupErrors.set(s, e);
            break;
          }
        }
      }
      if (setupErrors.has(s)) {
        error = setupErrors.get(s);
        break;
      }
    }
    options.onTestStart?.(t);
    if (error === undefined) {
      expect.setState({ assertionCalls: 0, expectedAssertionsNumber: null, isExpectingAssertions: false, suppressedErrors: [], currentTestName: t.name, testPath: t.file });
      try {
        for (const h of chain.flatMap((s) => s.beforeEach)) await call(h);
        await call(t.fn);
        const [assertionError] = expect.extractExpectedAssertionsErrors().map((x) => x.error);
        if (assertionError) throw assertionError;
      } catch (e) {
        error = e;
      }
      for (const h of chain.flatMap((s) => s.afterEach).reverse()) {
        try {
          await call(h);
        } catch (e) {
          error ??= e;
        }
      }
    }
    options.onTestEnd?.(t);
    const timeSpentMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (error === undefined) outcomes.push({ id: t.id, name: t.name, file: t.file, status: 'success', timeSpentMs });
    else {
      outcomes.push({ id: t.id, name: t.name, file: t.file, status: 'failed', failureMessage: messageOf(error), timeSpentMs });
      if (options.bail) {
        bailed = true;
        break;
      }
    }
  }
  for (const s of entered.reverse()) {
    if (setupErrors.has(s)) continue;
    for (const h of s.afterAll) {
      try {
        await call(h);
      } catch {
        // jest reports an afterAll failure apart from the tests; a run only needs the tests' verdicts
      }
    }
  }
  return { outcomes, bailed };
}

/**
 * The unit tier's TypeScript transform (jest.config.js: @swc/jest, es2022, CommonJS, jest.mock hoisted).
 * @returns {(source: string, file: string) => string}
 */
function swcCompiler() {
  const swc = require('@swc/core');
  return (source, file) =>
    swc.transformSync(source, {
      filename: file,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022', transform: { hidden: { jest: true } } },
      module: { type: 'commonjs' },
      sourceMaps: false,
      swcrc: false,
      configFile: false,
    }).code;
}

module.exports = { ModuleLoader, collectFile, runTests, swcCompiler, messageOf };
