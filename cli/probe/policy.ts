/**
 * The policy a probed endpoint is judged against: by default the TLS-only profile the stacks deploy
 * (Standard RDP Security refused, NLA required, nothing below TLS 1.2, certificate not expired), or a
 * JSON file given with `--expect-policy FILE`. The file's keys follow the hardening-script manifest
 * (`securityLayer`, `nla`, `minTls`), so a profile and its expectation read the same.
 */
import { showArgument, UsageError, UsageErrors } from '../usage-error';
import { InputFileError, readInputFile } from '../input-file';

/** A TLS version as policies write it. */
export type PolicyTlsVersion = '1.0' | '1.1' | '1.2' | '1.3';

/** Expectations about the listener certificate. */
export interface CertificatePolicy {
  /** Days the certificate must still be valid for, counted from the probe time. @default 0 (not expired) */
  readonly minValidDays: number;
  /** Smallest acceptable RSA modulus in bits (EC keys need at least 256 bits). @default 2048 */
  readonly minRsaBits: number;
  /** Whether a self-signed certificate passes. Windows' own RDP certificate is self-signed. @default true */
  readonly allowSelfSigned: boolean;
}

/** What the endpoint must (not) accept. */
export interface ProbePolicy {
  /** Name shown in reports. @default 'TLS-only profile (default)' or the file name */
  readonly name: string;
  /**
   * `tls`: Standard RDP Security must be refused (Windows SecurityLayer 2). `negotiate`: it may be
   * accepted (SecurityLayer 1). TLS must work in both cases. @default 'tls'
   */
  readonly securityLayer: 'tls' | 'negotiate';
  /** Whether Network Level Authentication (CredSSP) must be required. @default true */
  readonly nla: boolean;
  /** Lowest TLS version the server may accept. @default '1.2' */
  readonly minTls: PolicyTlsVersion;
  /** Certificate expectations. */
  readonly certificate: CertificatePolicy;
}

/** The TLS-only profile the stacks deploy; the default expectation. */
export const TLS_ONLY_PROFILE: ProbePolicy = {
  name: 'TLS-only profile (default)',
  securityLayer: 'tls',
  nla: true,
  minTls: '1.2',
  certificate: { minValidDays: 0, minRsaBits: 2048, allowSelfSigned: true },
};

const TLS_VERSIONS: readonly PolicyTlsVersion[] = ['1.0', '1.1', '1.2', '1.3'];
const TOP_LEVEL_KEYS = ['name', 'description', 'securityLayer', 'nla', 'minTls', 'certificate'];
const CERTIFICATE_KEYS = ['minValidDays', 'minRsaBits', 'allowSelfSigned'];

type Reader = { errors: UsageError[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(reader: Reader, object: Record<string, unknown>, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      reader.errors.push(new UsageError(`is not a known setting. Allowed: ${known.join(', ')}.`, `${prefix}${key}`, object[key]));
    }
  }
}

function oneOf<T extends string>(reader: Reader, object: Record<string, unknown>, key: string, allowed: readonly T[], fallback: T, prefix = ''): T {
  const value = object[key];
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  reader.errors.push(new UsageError(`must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${showArgument(value)}.`, `${prefix}${key}`, value));
  return fallback;
}

function flag(reader: Reader, object: Record<string, unknown>, key: string, fallback: boolean, prefix = ''): boolean {
  const value = object[key];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  reader.errors.push(new UsageError(`must be true or false, got ${showArgument(value)}.`, `${prefix}${key}`, value));
  return fallback;
}

function integer(reader: Reader, object: Record<string, unknown>, key: string, range: [number, number], fallback: number, prefix = ''): number {
  const value = object[key];
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= range[0] && value <= range[1]) return value;
  reader.errors.push(new UsageError(`must be an integer from ${range[0]} to ${range[1]}, got ${showArgument(value)}.`, `${prefix}${key}`, value));
  return fallback;
}

/**
 * Validates a parsed policy document. Missing keys take the TLS-only profile's values; unknown keys
 * are errors (a typo must not silently weaken the policy).
 * @throws UsageErrors listing every problem
 */
export function parsePolicy(input: unknown, source: string): ProbePolicy {
  const reader: Reader = { errors: [] };
  if (!isObject(input)) {
    throw new UsageErrors([new UsageError('must be a JSON object such as {"securityLayer":"tls","nla":true,"minTls":"1.2"}.', '(file)', input)], `Invalid probe policy ${source}`);
  }
  checkKeys(reader, input, TOP_LEVEL_KEYS, '');
  const defaults = TLS_ONLY_PROFILE;
  const name = input.name === undefined ? `policy ${source}` : typeof input.name === 'string' && input.name.trim() ? input.name : undefined;
  if (name === undefined) reader.errors.push(new UsageError(`must be a non-empty string, got ${showArgument(input.name)}.`, 'name', input.name));
  if (input.description !== undefined && typeof input.description !== 'string') {
    reader.errors.push(new UsageError(`must be a string, got ${showArgument(input.description)}.`, 'description', input.description));
  }
  let certificateInput: Record<string, unknown> = {};
  if (isObject(input.certificate)) {
    certificateInput = input.certificate;
    checkKeys(reader, certificateInput, CERTIFICATE_KEYS, 'certificate.');
  } else if (input.certificate !== undefined) {
    reader.errors.push(new UsageError(`must be an object with ${CERTIFICATE_KEYS.join(', ')}, got ${showArgument(input.certificate)}.`, 'certificate', input.certificate));
  }
  const policy: ProbePolicy = {
    name: name ?? defaults.name,
    securityLayer: oneOf(reader, input, 'securityLayer', ['tls', 'negotiate'] as const, defaults.securityLayer),
    nla: flag(reader, input, 'nla', defaults.nla),
    minTls: oneOf(reader, input, 'minTls', TLS_VERSIONS, defaults.minTls),
    certificate: {
      minValidDays: integer(reader, certificateInput, 'minValidDays', [0, 3650], defaults.certificate.minValidDays, 'certificate.'),
      minRsaBits: integer(reader, certificateInput, 'minRsaBits', [1024, 16384], defaults.certificate.minRsaBits, 'certificate.'),
      allowSelfSigned: flag(reader, certificateInput, 'allowSelfSigned', defaults.certificate.allowSelfSigned, 'certificate.'),
    },
  };
  if (reader.errors.length > 0) throw new UsageErrors(reader.errors, `Invalid probe policy ${source}`);
  return policy;
}

/**
 * Reads and validates a policy file.
 * @throws UsageErrors when the file is missing, not JSON, or invalid
 */
export function loadPolicy(file: string): ProbePolicy {
  let text: string;
  try {
    // A policy is a few hundred bytes: 64 KiB bounds the work on a wrong path (a log, /dev/zero).
    text = readInputFile(file, 64 * 1024);
  } catch (e) {
    const reason = e instanceof InputFileError ? `${e.file}, which ${e.reason}` : `a file that cannot be read (${(e as Error).message})`;
    throw new UsageErrors([new UsageError(`names ${reason}. Give the path of a JSON policy file, or \`default\`.`, '--expect-policy', file)], 'Invalid probe policy');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageErrors([new UsageError(`is not valid JSON (${(e as Error).message.slice(0, 200)}).`, '--expect-policy', file)], 'Invalid probe policy');
  }
  return parsePolicy(parsed, file);
}

/** One line summarising what the policy requires. */
export function describePolicy(policy: ProbePolicy): string {
  const parts = [
    policy.securityLayer === 'tls' ? 'Standard RDP Security refused' : 'Standard RDP Security allowed',
    policy.nla ? 'NLA required' : 'NLA optional',
    `TLS ${policy.minTls} or later only`,
    policy.certificate.minValidDays > 0 ? `certificate valid for ${policy.certificate.minValidDays}+ days` : 'certificate not expired',
    `RSA keys ${policy.certificate.minRsaBits}+ bits`,
    policy.certificate.allowSelfSigned ? 'self-signed allowed' : 'self-signed refused',
  ];
  return parts.join(', ');
}
