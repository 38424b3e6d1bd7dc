import * as fs from 'fs';
import { z } from 'zod';
import { DEFAULT_CONFIG } from './default-config';
import { RdpHostsConfig, rdpHostsConfig } from './schema';
import { RdpValidationError, RdpValidationErrors, showValue } from '../../constructs';

/** Environment variable naming the configuration file. */
export const CONFIG_ENV_VAR = 'RDP_HOSTS_CONFIG';

const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Renders a zod path as the field path users see: `aws.hosts[0].allowlist[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), root);
}

function issueToError(issue: z.core.$ZodIssue, input: unknown): RdpValidationError {
  const path = formatPath(issue.path) || '(file)';
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return new RdpValidationError(path, value, value === undefined ? `is required (${issue.expected}).` : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, got ${showValue(value)}.`);
    case 'unrecognized_keys':
      return new RdpValidationError(
        issue.keys.length === 1 ? formatPath([...issue.path, issue.keys[0]]) : path,
        issue.keys,
        `is not a known setting${issue.keys.length === 1 ? '' : `s (${issue.keys.join(', ')})`}. Check the spelling against rdp-hosts.schema.json.`,
      );
    case 'custom':
      return new RdpValidationError(path, value, issue.message);
    default:
      return new RdpValidationError(path, value, `${issue.message.replace(/^Invalid input: /, '').replace(/^[A-Z]/, (c) => c.toLowerCase())}, got ${showValue(value)}.`);
  }
}

/** Replaces `${env:NAME}` in every string of the parsed file; a missing variable is an error naming the field. */
function substituteEnvironment(node: unknown, path: PropertyKey[], env: NodeJS.ProcessEnv, errors: RdpValidationError[]): unknown {
  if (typeof node === 'string') {
    return node.replace(ENV_REFERENCE, (whole, name: string) => {
      const value = env[name];
      if (value === undefined || value === '') {
        errors.push(new RdpValidationError(formatPath(path), node, `refers to the environment variable ${name}, which is not set. Set ${name}, or write the value into the file.`));
        return whole;
      }
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((item, i) => substituteEnvironment(item, [...path, i], env, errors));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substituteEnvironment(v, [...path, k], env, errors)]));
  }
  return node;
}

/**
 * Validates a configuration object: structure first, then every value with the library's validators.
 * Reports every problem at once, each with its field path.
 * @throws RdpValidationErrors
 */
export function validateConfig(input: unknown, env: NodeJS.ProcessEnv = process.env, source = 'configuration'): RdpHostsConfig {
  const envErrors: RdpValidationError[] = [];
  const substituted = substituteEnvironment(input, [], env, envErrors);
  if (envErrors.length > 0) throw new RdpValidationErrors(envErrors, `Invalid ${source}`);
  const result = rdpHostsConfig.safeParse(substituted);
  if (!result.success) {
    throw new RdpValidationErrors(result.error.issues.map((issue) => issueToError(issue, substituted)), `Invalid ${source}`);
  }
  return result.data;
}

/**
 * Loads the configuration: the JSON file named by `RDP_HOSTS_CONFIG`, or the embedded default when the
 * variable is unset.
 * @throws RdpValidationErrors when the file is missing, not JSON, or invalid
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): { config: RdpHostsConfig; source: string } {
  const file = env[CONFIG_ENV_VAR];
  if (file === undefined || file === '') return { config: validateConfig(DEFAULT_CONFIG, env, 'embedded default configuration'), source: 'embedded default configuration' };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RdpValidationErrors([new RdpValidationError(CONFIG_ENV_VAR, file, `names a file that cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}). Point it at a JSON configuration file, or unset it to use the embedded default.`)], 'Cannot load configuration');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new RdpValidationErrors([new RdpValidationError(CONFIG_ENV_VAR, file, `names a file that is not valid JSON: ${(e as Error).message}.`)], 'Cannot load configuration');
  }
  return { config: validateConfig(parsed, env, `configuration ${file}`), source: file };
}
