'use strict';
// Jest `resolver` of the mutation run (jest.mutation.config.js): jest's default resolution, remembered for the
// life of the process. Stryker calls jest once per mutant in the same worker process, and each call starts
// with a fresh resolver, which resolves again every module the test files and jest itself (expect,
// jest-snapshot, …) require: measured, a large share of a mutant's cost. Within a mutation run no file is
// added, moved or removed (mutants are switched on by an environment variable in code instrumented once), so
// the answer to "request R from directory D" cannot change. Failures are remembered too.
const cache = new Map();

module.exports = function cachedResolver(request, options) {
  const key = `${options.basedir}\0${request}\0${(options.conditions ?? []).join(',')}\0${(options.extensions ?? []).join(',')}`;
  let entry = cache.get(key);
  if (entry === undefined) {
    try {
      entry = { path: options.defaultResolver(request, options) };
    } catch (error) {
      entry = { error };
    }
    cache.set(key, entry);
  }
  if (entry.error) throw entry.error;
  return entry.path;
};
