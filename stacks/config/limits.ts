/**
 * Limits of the configuration file, checked before anything else so hostile input costs bounded work
 * (documented in the README, "Configuration limits"). Each is far above any real configuration.
 */
import { checkNoTokenSyntax, RdpValidationError, showValue } from '../../constructs/core';

/** Largest configuration file: 1 MiB (a 1,000-host file is about 110 KiB, 170 KiB indented). */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** Deepest nesting of objects and lists (the deepest real field is 9 levels down). */
export const MAX_NESTING_DEPTH = 16;
/**
 * Longest list, e.g. `hosts` or `allowlist`. For allowlists this is also the cloud bound: an Azure
 * network security group holds at most 1,000 rules, and an AWS security group at most 1,000 inbound
 * rules even with a raised quota (default 60).
 */
export const MAX_LIST_LENGTH = 1000;
/** Most keys in one object (e.g. `tags`, `environments`). */
export const MAX_OBJECT_KEYS = 1000;
/** Longest string: 16 KiB (room for a base64 root certificate). */
export const MAX_STRING_LENGTH = 16 * 1024;
/** Most problems listed in one run; the rest are counted. */
export const MAX_REPORTED_PROBLEMS = 100;
/** Keys that would change an object's prototype or shadow its machinery in JavaScript. */
const FORBIDDEN_KEYS = new Set(['__proto__']);

/** Renders a path as users see it: `aws.hosts[0].allowlist[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** A value for an error message: {@link showValue} (cut to 120 characters), long lists summarized. */
export function shortValue(value: unknown): string {
  return Array.isArray(value) && value.length > 10 ? `a list of ${value.length} entries` : showValue(value);
}

/** What the first pass found: `limits` stop validation (the input is too large to look at further); `problems` join the others. */
export interface InputInspection {
  readonly limits: RdpValidationError[];
  readonly problems: RdpValidationError[];
}

/**
 * Walks the parsed input once, iteratively (no recursion, so no stack overflow), and reports sizes
 * beyond the limits, `__proto__` keys, numbers JSON cannot carry (1e400 parses as Infinity) and cdktf
 * token syntax in strings.
 */
export function inspectInput(root: unknown): InputInspection {
  const limits: RdpValidationError[] = [];
  const problems: RdpValidationError[] = [];
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: root, path: [] }];
  const at = (path: PropertyKey[]) => formatPath(path) || '(file)';
  while (stack.length > 0 && limits.length + problems.length < MAX_REPORTED_PROBLEMS) {
    const { node, path } = stack.pop()!;
    if (typeof node === 'string') {
      if (node.length > MAX_STRING_LENGTH) limits.push(new RdpValidationError(at(path), shortValue(node), `is ${node.length} characters long, more than the ${MAX_STRING_LENGTH} allowed, got ${shortValue(node)}.`));
      else {
        try {
          checkNoTokenSyntax(node, at(path));
        } catch (e) {
          problems.push(e as RdpValidationError);
        }
      }
      continue;
    }
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) problems.push(new RdpValidationError(at(path), String(node), 'is a number too large to represent (beyond ±1.8e308, e.g. 1e400). Write the value it should have.'));
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= MAX_NESTING_DEPTH) {
      limits.push(new RdpValidationError(at(path), undefined, `nests deeper than the ${MAX_NESTING_DEPTH} levels a configuration may have. No setting is that deep: check the brackets.`));
      continue;
    }
    if (Array.isArray(node)) {
      if (node.length > MAX_LIST_LENGTH) {
        limits.push(new RdpValidationError(at(path), node.length, `lists ${node.length} entries, more than the ${MAX_LIST_LENGTH} allowed.`));
        continue;
      }
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(node);
    if (keys.length > MAX_OBJECT_KEYS) {
      limits.push(new RdpValidationError(at(path), keys.length, `has ${keys.length} keys, more than the ${MAX_OBJECT_KEYS} allowed.`));
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push(new RdpValidationError(formatPath([...path, key]), key, 'is not allowed as a key: `__proto__` is reserved in JavaScript and would be dropped silently. Remove it.'));
        continue;
      }
      if (key.length > MAX_STRING_LENGTH) {
        limits.push(new RdpValidationError(at(path), shortValue(key), `has a key ${key.length} characters long, more than the ${MAX_STRING_LENGTH} allowed.`));
        continue;
      }
      stack.push({ node: (node as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return { limits, problems };
}
