/**
 * Memoization for derived facts of an immutable document or resource. Rules ask the same questions
 * for every host (which groups guard it, which scripts reach it); caching the answers keeps a review
 * linear in the number of resources. A computation that throws (an unresolved reference) is cached
 * as the same throw, so every rule still reports UNKNOWN exactly as without the cache.
 */
type Outcome<T> = { readonly value: T } | { readonly error: unknown };

const caches = new WeakMap<object, Map<string, Outcome<unknown>>>();

/** The value of `compute()` for `owner` and `key`, computed once. */
export function memo<T>(owner: object, key: string, compute: () => T): T {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new Map();
    caches.set(owner, cache);
  }
  let outcome = cache.get(key) as Outcome<T> | undefined;
  if (!outcome) {
    try {
      outcome = { value: compute() };
    } catch (error) {
      outcome = { error };
    }
    cache.set(key, outcome);
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
