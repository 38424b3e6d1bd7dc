'use strict';
// The pure part of the `jest-covering-files` test runner (bin/mutation-test-runner.mjs): which test files a
// mutant run loads. Tested in __tests__/mutation/test-files.test.ts.

/**
 * The test files of a dry run's tests, by test id (Stryker's id is the test's full name; two files may hold
 * tests of the same name).
 * @param {ReadonlyArray<{ id: string, fileName?: string }>} tests
 * @returns {Record<string, string[]>}
 */
function testFilesById(tests) {
  const byId = {};
  for (const t of tests) {
    const files = (byId[t.id] ??= []);
    if (t.fileName !== undefined && !files.includes(t.fileName)) files.push(t.fileName);
  }
  return byId;
}

/**
 * The files to load for a mutant run: those holding a test of `testFilter`, sorted; undefined means every
 * file of the run (a static mutant has no filter; a test the map does not know, or does not place, cannot
 * be narrowed).
 * @param {Readonly<Record<string, readonly string[]>>} byId
 * @param {readonly string[] | undefined} testFilter
 * @returns {string[] | undefined}
 */
function filesFor(byId, testFilter) {
  if (!testFilter || testFilter.length === 0) return undefined;
  const files = new Set();
  for (const id of testFilter) {
    const of = Object.prototype.hasOwnProperty.call(byId, id) ? byId[id] : undefined;
    if (!of || of.length === 0) return undefined;
    for (const f of of) files.add(f);
  }
  return [...files].sort();
}

/** A jest `testRegex` that matches exactly these absolute paths, whatever characters they hold. */
function exactPathsRegex(files) {
  return files.map((f) => `^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

module.exports = { testFilesById, filesFor, exactPathsRegex };
