import { z } from 'zod';
import { DEFAULT_CONFIG } from './default-config';
import { formatPath, inspectInput, MAX_CONFIG_FILE_BYTES, MAX_REPORTED_PROBLEMS, shortValue } from './limits';
import { RdpHostsConfig, rdpHostsConfig } from './schema';
import { InputFileError, readInputFile } from '../../cli/input-file';
import { RdpValidationError, RdpValidationErrors } from '../../constructs/core';

export { formatPath } from './limits';

/** Environment variable naming the configuration file. */
export const CONFIG_ENV_VAR = 'RDP_HOSTS_CONFIG';
/** Environment variable that limits synthesis to one environment of the configuration. */
export const ENVIRONMENT_ENV_VAR = 'RDP_HOSTS_ENVIRONMENT';

const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Options of {@link validateConfig}. */
export interface ValidateOptions {
  /**
   * The one environment to synthesize (`RDP_HOSTS_ENVIRONMENT`): `${env:…}` references of the other
   * environments need not be set. @default - every environment
   */
  readonly environment?: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The schema that validates the value at `path` of the input (through optionals, lists and maps). */
export function schemaAt(path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let schema: z.core.$ZodType | undefined = rdpHostsConfig;
  for (const key of [...path, undefined]) {
    for (let unwrap = 0; schema && unwrap < 10; unwrap++) {
      const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') schema = def.innerType as z.core.$ZodType;
      else if (def.type === 'pipe') schema = def.in as z.core.$ZodType;
      else break;
    }
    if (key === undefined || !schema) return schema;
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') schema = (def.shape as Record<string, z.core.$ZodType>)[String(key)];
    else if (def.type === 'array') schema = def.element as z.core.$ZodType;
    else if (def.type === 'record') schema = def.valueType as z.core.$ZodType;
    else return undefined;
  }
  return schema;
}

/** The setting names an object at `path` accepts. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(path);
  const def = schema?._zod.def as { type?: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[t.length];
}

/** The known name closest to `key`, when it is close enough to be a likely typo. */
export function closestName(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.name : undefined;
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'an object ({ … })',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  record: 'an object of names and values',
};

function quoted(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function plural(n: number | bigint, one: string, many: string): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

/** One zod issue as sentences with the field path (an unknown-keys issue becomes one error per key). */
function issueToErrors(issue: z.core.$ZodIssue, input: unknown): RdpValidationError[] {
  const path = formatPath(issue.path) || '(file)';
  const value = valueAt(input, issue.path);
  const got = `got ${shortValue(value)}`;
  const error = (problem: string) => [new RdpValidationError(path, value, problem)];
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'record' && value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'constructor')) {
        // The validator cannot tell such a map from a class instance: name the key, not the whole map.
        return [new RdpValidationError(formatPath([...issue.path, 'constructor']), 'constructor', 'cannot be used as a name here: `constructor` is a JavaScript property name. Rename the key (tag keys are case-sensitive, e.g. "Constructor").')];
      }
      if (value === undefined) return error(`is required (${TYPE_NAMES[issue.expected] ?? issue.expected}).`);
      return error(`must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, ${got}.`);
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = closestName(key, knownKeysAt(issue.path));
        const known = knownKeysAt(issue.path);
        const hint = suggestion ? `Did you mean "${suggestion}"?` : known.length > 0 ? `Known settings here: ${known.join(', ')}.` : 'Check the spelling against rdp-hosts.schema.json.';
        return new RdpValidationError(formatPath([...issue.path, key]), key, `is not a known setting. ${hint}`);
      });
    case 'too_small': {
      const at = issue.inclusive === false ? 'more than' : 'at least';
      if (issue.origin === 'array') return error(`must list ${at} ${plural(issue.minimum, 'entry', 'entries')}, ${got}.`);
      if (issue.origin === 'string') return error(`must be ${at} ${plural(issue.minimum, 'character', 'characters')} long, ${got}.`);
      return error(`must be ${at} ${issue.minimum}, ${got}.`);
    }
    case 'too_big': {
      const at = issue.inclusive === false ? 'fewer than' : 'at most';
      if (issue.origin === 'array') return error(`must list ${at} ${plural(issue.maximum, 'entry', 'entries')}, ${got}.`);
      if (issue.origin === 'string') return error(`must be ${at} ${plural(issue.maximum, 'character', 'characters')} long, ${got}.`);
      return error(`must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}, ${got}.`);
    }
    case 'invalid_value':
      return error(`must be ${issue.values.length === 1 ? '' : 'one of '}${quoted(issue.values)}, ${got}.`);
    case 'invalid_format':
      return error(/^must /.test(issue.message) ? `${issue.message}, ${got}.` : `must match the pattern ${'pattern' in issue && issue.pattern ? String(issue.pattern) : issue.format}, ${got}.`);
    case 'invalid_key': {
      const key = issue.path[issue.path.length - 1];
      const inner = issue.issues[0]?.message;
      return [new RdpValidationError(path, key, `is not an allowed name: ${inner && /^must /.test(inner) ? inner : 'the name does not have the required form'}, got ${shortValue(key)}.`)];
    }
    case 'custom':
      return error(issue.message);
    default:
      return error(`${issue.message.replace(/^Invalid input: /, '').replace(/^[A-Z]/, (c) => c.toLowerCase())}, ${got}.`);
  }
}

/** True when `path` lies under an environment other than the selected one. */
function inOtherEnvironment(path: readonly PropertyKey[], selected: string | undefined): boolean {
  return selected !== undefined && path[0] === 'environments' && path.length > 1 && path[1] !== selected;
}

/**
 * Replaces `${env:NAME}` in every string of the parsed input (depth is bounded by {@link inspectInput}
 * first); a missing variable is an error naming the field, unless the field belongs to an environment
 * that is not being synthesized. Drops `__proto__` keys (reported by the inspection).
 */
function substituteEnvironment(node: unknown, path: PropertyKey[], env: NodeJS.ProcessEnv, errors: RdpValidationError[], unresolved: Set<string>, selected: string | undefined): unknown {
  if (typeof node === 'string') {
    return node.replace(ENV_REFERENCE, (whole, name: string) => {
      const value = env[name];
      if (value === undefined || value === '') {
        unresolved.add(formatPath(path));
        if (!inOtherEnvironment(path, selected)) {
          errors.push(new RdpValidationError(formatPath(path), node, `refers to the environment variable ${name}, which is not set. Set ${name}, or write the value into the file.`));
        }
        return whole;
      }
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((item, i) => substituteEnvironment(item, [...path, i], env, errors, unresolved, selected));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '__proto__') continue;
      Object.defineProperty(out, k, { value: substituteEnvironment(v, [...path, k], env, errors, unresolved, selected), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return node;
}

/** True when `path` is `covered` or lies below it. */
function isUnder(path: string, covered: string): boolean {
  return path === covered || path.startsWith(`${covered}.`) || path.startsWith(`${covered}[`);
}

/** Throws the problems, each once, at most {@link MAX_REPORTED_PROBLEMS} of them. */
function fail(errors: readonly RdpValidationError[], heading: string): never {
  const seen = new Set<string>();
  const unique = errors.filter((e) => !seen.has(e.message) && seen.add(e.message));
  const shown = unique.slice(0, MAX_REPORTED_PROBLEMS);
  const more = unique.length - shown.length;
  throw new RdpValidationErrors(shown, more > 0 ? `${heading} (showing the first ${shown.length}; ${more} more not shown)` : heading);
}

/**
 * Validates a configuration object: limits first, then structure, then every value with the library's
 * validators. Reports every problem at once, each with its field path.
 * @throws RdpValidationErrors
 */
export function validateConfig(input: unknown, env: NodeJS.ProcessEnv = process.env, source = 'configuration', options: ValidateOptions = {}): RdpHostsConfig {
  const heading = `Invalid ${source}`;
  const inspection = inspectInput(input);
  if (inspection.limits.length > 0) fail([...inspection.limits, ...inspection.problems], heading);
  const errors: RdpValidationError[] = [...inspection.problems];
  const unresolved = new Set<string>();
  const substituted = substituteEnvironment(input, [], env, errors, unresolved, options.environment);
  let result: ReturnType<typeof rdpHostsConfig.safeParse>;
  try {
    result = rdpHostsConfig.safeParse(substituted);
  } catch (e) {
    // A check that failed unexpectedly: still one clear sentence, never a stack trace.
    fail([...errors, new RdpValidationError('(file)', undefined, `could not be validated: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}.`)], heading);
  }
  const covered = errors.map((e) => e.field);
  if (!result.success) {
    for (const issue of result.error.issues) {
      // A field already reported (an unset variable, a token, a huge number), or one of another
      // environment that still holds its unset ${env:…} reference, is not reported again.
      if (inOtherEnvironment(issue.path, options.environment) && [...unresolved].some((u) => isUnder(u, formatPath(issue.path)) || isUnder(formatPath(issue.path), u))) continue;
      for (const error of issueToErrors(issue, substituted)) {
        if (!covered.some((c) => isUnder(error.field, c))) errors.push(error);
      }
    }
  }
  const selected = options.environment;
  const parsedEnvironments = result.success ? result.data.environments : (substituted as { environments?: unknown } | null)?.environments;
  if (selected !== undefined && !(parsedEnvironments !== null && typeof parsedEnvironments === 'object' && Object.prototype.hasOwnProperty.call(parsedEnvironments, selected))) {
    const names = parsedEnvironments !== null && typeof parsedEnvironments === 'object' ? Object.keys(parsedEnvironments) : [];
    errors.push(new RdpValidationError(ENVIRONMENT_ENV_VAR, selected, names.length > 0 ? `names no environment of the configuration, got ${shortValue(selected)}. Allowed: ${names.join(', ')}.` : 'is set, but the configuration defines no environments. Unset it.'));
  }
  if (errors.length > 0) fail(errors, heading);
  if (!result.success) {
    // Only other environments' unset ${env:…} fields failed: the selected environment alone is the configuration.
    const environments = (substituted as { environments: Record<string, unknown> }).environments;
    const pruned = rdpHostsConfig.safeParse({ ...(substituted as object), environments: { [selected!]: environments[selected!] } });
    if (!pruned.success) fail(pruned.error.issues.flatMap((issue) => issueToErrors(issue, substituted)), heading);
    return pruned.data;
  }
  return result.data;
}

/**
 * Loads the configuration: the JSON file named by `RDP_HOSTS_CONFIG`, or the embedded default when the
 * variable is unset. `RDP_HOSTS_ENVIRONMENT` selects one environment.
 * @throws RdpValidationErrors when the file is missing, too large, not JSON, or invalid
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): { config: RdpHostsConfig; source: string } {
  const file = env[CONFIG_ENV_VAR];
  const options: ValidateOptions = { environment: env[ENVIRONMENT_ENV_VAR] || undefined };
  if (file === undefined || file === '') return { config: validateConfig(DEFAULT_CONFIG, env, 'embedded default configuration', options), source: 'embedded default configuration' };
  const cannotLoad = (problem: string): never => {
    throw new RdpValidationErrors([new RdpValidationError(CONFIG_ENV_VAR, file, problem)], 'Cannot load configuration');
  };
  let text = '';
  try {
    text = readInputFile(file, MAX_CONFIG_FILE_BYTES);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    cannotLoad(`names ${e.file}, which ${e.reason}. Point it at a JSON configuration file, or unset it to use the embedded default.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    cannotLoad(`names a file that is not valid JSON: ${(e as Error).message.slice(0, 200)}.`);
  }
  return { config: validateConfig(parsed, env, `configuration ${file}`, options), source: file };
}
