/**
 * Command-line arguments of `secure-rdp-hosts probe`. Bad input is a `UsageError` naming the
 * argument, showing the value and saying what is allowed (exit code 2).
 */
import * as net from 'net';
import { parseCommandLine } from '../arguments';
import { showArgument, UsageError } from '../usage-error';
import { DEFAULT_PROBE_OPTIONS, ProbeOptions } from './probe';
import { REPORT_FORMATS, ReportFormat } from './report-types';
import { ProbeTarget } from './transport';

/** The hard ceiling of `--max-connections`: a probe never opens more than this many connections. */
export const MAX_CONNECTIONS_CEILING = 8;

const TIMEOUT_RANGE_MS: [number, number] = [100, 60000];

/** Usage text of the command. */
export const PROBE_USAGE = `usage: secure-rdp-hosts probe <host>:<port> [options]

Connects to an RDP listener and reports what it really accepts: which security protocols
(Standard RDP Security, TLS, CredSSP/NLA), which TLS versions (1.0 to 1.3), and its certificate.
Then judges it against a policy (by default the TLS-only profile the stacks deploy).

options:
  --expect-policy default|FILE  policy to judge against (default: Standard RDP refused, NLA required,
                                nothing below TLS 1.2, certificate not expired, RSA keys 2048+ bits)
  --format text|json|junit      report on stdout (default: text)
  --connect-timeout MS          TCP connect timeout per connection (default: ${DEFAULT_PROBE_OPTIONS.connectTimeoutMs})
  --read-timeout MS             timeout per reply and per TLS handshake (default: ${DEFAULT_PROBE_OPTIONS.readTimeoutMs})
  --max-connections N           connection cap, 1 to ${MAX_CONNECTIONS_CEILING} (default: ${DEFAULT_PROBE_OPTIONS.maxConnections})
  -h, --help                    this text

exit codes: 0 policy passed, 1 policy failed (or a check could not be decided),
            2 unreachable, not RDP, or bad usage.
`;

/** Everything the command needs to run. */
export interface ProbeCommandOptions {
  /** The endpoint. */
  readonly target: ProbeTarget;
  /** Report format. @default 'text' */
  readonly format: ReportFormat;
  /** Policy file; `undefined` means the default TLS-only profile. */
  readonly policyFile?: string;
  /** Probe bounds. */
  readonly probe: ProbeOptions;
}

/** What the command line asks for. */
export type ParsedProbeArguments = { readonly kind: 'help' } | { readonly kind: 'probe'; readonly options: ProbeCommandOptions };

const PROBE_OPTIONS = {
  'expect-policy': { type: 'string' },
  format: { type: 'string' },
  'connect-timeout': { type: 'string' },
  'read-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const TARGET_ALLOWED = 'Allowed: HOST:PORT with a port from 1 to 65535, e.g. 10.0.1.4:43389 or [fd00::4]:43389.';

/**
 * Parses `host:port` (IPv6 in brackets).
 * @throws UsageError naming `<host>:<port>`
 */
export function parseTarget(text: string): ProbeTarget {
  const fail = (problem: string) => new UsageError(`${problem}, got ${showArgument(text)}. ${TARGET_ALLOWED}`, '<host>:<port>', text);
  // A DNS name has at most 253 characters; an IPv6 literal in brackets far fewer.
  if (text.length > 261) throw fail('is too long for a host and port');
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
  if (!match) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw fail('must be a plain host and port, not a URL');
    throw fail(/:\d*$/.test(text) || net.isIPv6(text) ? 'must be HOST:PORT (IPv6 addresses in brackets)' : 'must include the port (the probe never assumes 3389)');
  }
  const [, host, portText] = match;
  if (/\s|\//.test(host)) throw fail('has an invalid host');
  if (text.startsWith('[') && !net.isIPv6(host)) throw fail('has brackets around something that is not an IPv6 address');
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw fail(`has port ${portText}, outside 1 to 65535`);
  return { host, port };
}

function integerOption(name: string, raw: string | undefined, range: [number, number], fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < range[0] || value > range[1]) {
    throw new UsageError(`must be an integer from ${range[0]} to ${range[1]}, got ${showArgument(raw)}.`, name, raw);
  }
  return value;
}

/**
 * Parses the arguments after `probe`.
 * @throws UsageError for unknown options, a missing or malformed target, or out-of-range values
 */
export function parseProbeArguments(argv: readonly string[]): ParsedProbeArguments {
  const { values, positionals } = parseCommandLine(argv, PROBE_OPTIONS, (problem) =>
    new UsageError(`${problem.text.replace(/^[A-Z]/, (c) => c.toLowerCase())}. Run \`secure-rdp-hosts probe --help\`.`, 'probe', argv.join(' ')),
  );
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 1) {
    throw new UsageError(`must be given exactly once, got ${positionals.length === 0 ? 'none' : showArgument(positionals)}. ${TARGET_ALLOWED}`, '<host>:<port>', positionals);
  }
  const target = parseTarget(positionals[0]);
  const format = values.format ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`must be one of ${REPORT_FORMATS.join(', ')}, got ${showArgument(format)}.`, '--format', format);
  }
  const policy = values['expect-policy'];
  if (policy !== undefined && policy.trim() === '') {
    throw new UsageError('must be `default` or the path of a JSON policy file, got an empty value.', '--expect-policy', policy);
  }
  return {
    kind: 'probe',
    options: {
      target,
      format: format as ReportFormat,
      ...(policy !== undefined && policy !== 'default' ? { policyFile: policy } : {}),
      probe: {
        connectTimeoutMs: integerOption('--connect-timeout', values['connect-timeout'], TIMEOUT_RANGE_MS, DEFAULT_PROBE_OPTIONS.connectTimeoutMs),
        readTimeoutMs: integerOption('--read-timeout', values['read-timeout'], TIMEOUT_RANGE_MS, DEFAULT_PROBE_OPTIONS.readTimeoutMs),
        maxConnections: integerOption('--max-connections', values['max-connections'], [1, MAX_CONNECTIONS_CEILING], DEFAULT_PROBE_OPTIONS.maxConnections),
      },
    },
  };
}

