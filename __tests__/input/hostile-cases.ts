/**
 * The table of hostile configuration inputs shared by the in-process and the subprocess suites.
 * Each case: the file's text (or a function that prepares a path), extra environment, the expected
 * exit code and every problem path the output must name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';

/** One hostile input. */
export interface HostileCase {
  readonly name: string;
  /** The configuration file's text, or a function returning the path to use (in `dir`). Undefined: no file (embedded default). */
  readonly file?: string | ((dir: string) => string);
  readonly env?: Record<string, string>;
  readonly exit: number;
  /** Every problem path the output must name (`aws.hosts[0].rdpPort`). */
  readonly paths: readonly string[];
  /** The output names exactly these paths, no others. */
  readonly exactly?: boolean;
  /** Further patterns the output must match. */
  readonly messages?: readonly RegExp[];
  /** Also run through `node bin/synth.js`. */
  readonly process?: boolean;
}

/** A line of a JavaScript stack trace. */
export const STACK_TRACE = /\n\s+at \S+.*(\(|:\d+:\d+)/;

/** The problem paths named in the main job's output (`  - \`path\` …`). */
export function problemPaths(output: string): string[] {
  return [...output.matchAll(/^ {2}- `([^`]+)`/gm)].map((m) => m[1]);
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The default configuration with `change` applied to a copy. */
function config(change: (c: Json) => void): string {
  const c = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as Json;
  change(c);
  return JSON.stringify(c);
}

/** The first AWS host in allowlist mode with `allowlist`. */
function awsAllowlist(allowlist: unknown): string {
  return config((c) => Object.assign(c.aws.hosts[0], { access: 'allowlist', allowlist, internetExposure: { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support from a fixed office range' } }));
}

const ACK_NLA = { id: 'RDP-GUEST-NLA-OFF', reason: 'A legacy thin client that cannot do CredSSP' };
const H = 'aws.hosts[0]';

function nested(depth: number, open: string, close: string, inner: string): string {
  return `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  // 1. Several bad allowlist entries (used to crash in addHostIssue).
  { name: 'two halves of the internet', file: awsAllowlist(['0.0.0.0/1', '128.0.0.0/1']), exit: 1, paths: [`${H}.allowlist[0]`, `${H}.allowlist[1]`], exactly: true, process: true },
  { name: 'both world ranges', file: awsAllowlist(['0.0.0.0/0', '::/0']), exit: 1, paths: [`${H}.allowlist[0]`, `${H}.allowlist[1]`], exactly: true, messages: [/whole internet/] },
  { name: 'one entry three times', file: awsAllowlist(['198.51.100.0/24', '198.51.100.0/24', '198.51.100.0/24']), exit: 1, paths: [`${H}.allowlist[1]`, `${H}.allowlist[2]`], exactly: true, messages: [/repeats entry 0/] },
  { name: 'Azure: several bad entries', file: config((c) => Object.assign(c.azure.hosts[0], { allowlist: ['0.0.0.0/0', '10.0.0.0/8', 'x'] })), exit: 1, paths: ['azure.hosts[0].allowlist[0]', 'azure.hosts[0].allowlist[1]', 'azure.hosts[0].allowlist[2]'], exactly: true },
  // 2. Construct checks, reported with their configuration path before anything is written.
  { name: 'requireNla false without acknowledgement', file: config((c) => (c.aws.hosts[0].hardening = { requireNla: false })), exit: 1, paths: [`${H}.hardening.requireNla`], exactly: true, messages: [/RDP-GUEST-NLA-OFF/] },
  { name: 'TLS 1.0 without acknowledgement (Azure)', file: config((c) => (c.azure.hosts[0].hardening = { minimumTlsVersion: '1.0' })), exit: 1, paths: ['azure.hosts[0].hardening.minimumTlsVersion'], exactly: true, messages: [/RDP-GUEST-TLS-LEGACY/] },
  { name: 'lockoutThreshold 100000', file: config((c) => (c.aws.hosts[0].hardening = { lockoutThreshold: 100000 })), exit: 1, paths: [`${H}.hardening.lockoutThreshold`], exactly: true },
  { name: 'idleSessionLimitMinutes 0', file: config((c) => (c.aws.hosts[0].hardening = { idleSessionLimitMinutes: 0 })), exit: 1, paths: [`${H}.hardening.idleSessionLimitMinutes`], exactly: true },
  { name: 'malformed listener certificate thumbprint', file: config((c) => (c.aws.hosts[0].hardening = { listenerCertificateThumbprint: 'not-a-thumbprint' })), exit: 1, paths: [`${H}.hardening.listenerCertificateThumbprint`], exactly: true },
  { name: 'repeated acknowledgement', file: config((c) => (c.aws.hosts[0].hardening = { requireNla: false, acknowledgements: [ACK_NLA, ACK_NLA] })), exit: 1, paths: [`${H}.hardening.acknowledgements[1]`], exactly: true },
  { name: 'unneeded acknowledgement', file: config((c) => (c.aws.hosts[0].hardening = { acknowledgements: [ACK_NLA] })), exit: 1, paths: [`${H}.hardening.acknowledgements[0]`], exactly: true },
  { name: 'passwordDataInState without keyPairName', file: config((c) => (c.aws.hosts[0].passwordDataInState = { id: 'RDP-AWS-PASSWORD-DATA', reason: 'Lab account, key kept in the team vault' })), exit: 1, paths: [`${H}.passwordDataInState`], exactly: true },
  { name: 'duplicate onPremisesCidrs', file: config((c) => (c.aws.siteToSiteVpn = { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['192.168.10.0/24', '192.168.10.0/24'] })), exit: 1, paths: ['aws.siteToSiteVpn.onPremisesCidrs[1]'], exactly: true },
  {
    name: 'problems of several hosts and both clouds, all in one run',
    file: config((c) => {
      c.aws.hosts.push({ name: 'h2', amiId: 'ami-0123456789abcdef0', passwordDataInState: { id: 'RDP-AWS-PASSWORD-DATA', reason: 'Lab account, key kept in the team vault' } });
      c.aws.hosts.push({ name: 'h3', amiId: 'ami-0123456789abcdef0', hardening: { lockoutThreshold: 100000 } });
      c.azure.hosts[0].hardening = { idleSessionLimitMinutes: 0 };
    }),
    exit: 1,
    paths: ['aws.hosts[1].passwordDataInState', 'aws.hosts[2].hardening.lockoutThreshold', 'azure.hosts[0].hardening.idleSessionLimitMinutes'],
    exactly: true,
    process: true,
  },
  {
    name: 'a construct problem inside an environment',
    file: config((c) => {
      c.environments = { prod: { aws: c.aws } };
      c.environments.prod.aws.hosts[0].hardening = { requireNla: false };
      delete c.aws;
      delete c.azure;
    }),
    exit: 1,
    paths: ['environments.prod.aws.hosts[0].hardening.requireNla'],
    exactly: true,
  },
  // 4. Bounded work.
  { name: 'a tag nested 5,000 arrays deep', file: config((c) => (c.aws.tags = { deep: '@DEEP@' })).replace('"@DEEP@"', nested(5000, '[', ']', '1')), exit: 1, paths: [`aws.tags.deep${'[0]'.repeat(13)}`], messages: [/nests deeper than the 16 levels/], process: true },
  { name: 'an object 20,000 deep', file: nested(20000, '{"a":', '}', '1'), exit: 1, paths: [`a${'.a'.repeat(15)}`], messages: [/nests deeper/] },
  { name: 'a list of 1,001 hosts', file: config((c) => (c.aws.hosts = Array.from({ length: 1001 }, (_, i) => ({ name: `h-${i}`, amiId: 'ami-0123456789abcdef0' })))), exit: 1, paths: ['aws.hosts'], exactly: true, messages: [/lists 1001 entries, more than the 1000 allowed/] },
  {
    name: 'a file over 1 MiB (80,000 /32 sources)',
    file: awsAllowlist(Array.from({ length: 80000 }, (_, i) => `10.${i >> 8}.${i & 255}.1/32`)),
    exit: 1,
    paths: ['RDP_HOSTS_CONFIG'],
    exactly: true,
    messages: [/larger than the 1 MiB allowed/],
  },
  // 6. Smaller things.
  { name: '1e400', file: config((c) => (c.aws.hosts[0].rdpPort = 1)).replace('"rdpPort":1', '"rdpPort":1e400'), exit: 1, paths: [`${H}.rdpPort`], exactly: true, messages: [/too large to represent/] },
  { name: 'a __proto__ key', file: config((c) => (c.aws.hosts[0].rdpPort = 1)).replace('"rdpPort":1', '"rdpPort":43389,"__proto__":{"rdpPort":3389}'), exit: 1, paths: [`${H}.__proto__`], exactly: true },
  { name: 'a constructor key in a host', file: config((c) => (c.aws.hosts[0].constructor = 1)), exit: 1, paths: [`${H}.constructor`], exactly: true, messages: [/is not a known setting/] },
  { name: 'a constructor key in tags', file: config((c) => (c.aws.tags = { constructor: 'x' })), exit: 1, paths: ['aws.tags.constructor'], exactly: true, messages: [/JavaScript property name/] },
  { name: 'a prototype key at the top', file: config((c) => (c.prototype = {})), exit: 1, paths: ['prototype'], exactly: true },
  { name: 'unset variables together with other problems', file: config((c) => Object.assign(c.aws.hosts[0], { amiId: '${env:RDP_TEST_UNSET_AMI}', rdpPort: 3389 })), exit: 1, paths: [`${H}.amiId`, `${H}.rdpPort`], exactly: true, messages: [/RDP_TEST_UNSET_AMI, which is not set/], process: true },
  {
    name: 'an environment that does not exist',
    file: config((c) => {
      c.environments = { dev: { aws: c.aws } };
      delete c.aws;
      delete c.azure;
    }),
    env: { RDP_HOSTS_ENVIRONMENT: 'prod' },
    exit: 1,
    paths: ['RDP_HOSTS_ENVIRONMENT'],
    exactly: true,
    messages: [/Allowed: dev/],
  },
  { name: 'raw validator text replaced: an empty host list', file: config((c) => (c.aws.hosts = [])), exit: 1, paths: ['aws.hosts'], exactly: true, messages: [/must list at least 1 entry, got \[\]/] },
  { name: 'unknown field with a close name', file: config((c) => (c.aws.hosts[0].rdpPrt = 43389)), exit: 1, paths: [`${H}.rdpPrt`], exactly: true, messages: [/Did you mean "rdpPort"\?/] },
  { name: 'a wrong enum value', file: config((c) => (c.aws.hosts[0].access = 'vpn')), exit: 1, paths: [`${H}.access`], exactly: true, messages: [/must be one of "vpn-only", "allowlist" or "session-manager", got "vpn"/] },
  { name: 'cdktf token syntax in a tag', file: config((c) => (c.aws.tags = { note: '${TfToken[TOKEN.1]}' })), exit: 1, paths: ['aws.tags.note'], exactly: true, messages: [/token syntax/] },
  { name: 'a missing file', file: (dir) => path.join(dir, 'no-such-file.json'), exit: 1, paths: ['RDP_HOSTS_CONFIG'], exactly: true, messages: [/names \S+no-such-file\.json, which does not exist\./], process: true },
  { name: 'a directory', file: (dir) => dir, exit: 1, paths: ['RDP_HOSTS_CONFIG'], exactly: true, messages: [/is a directory, not a file/] },
  ...(fs.existsSync('/dev/zero') ? [{ name: '/dev/zero', file: () => '/dev/zero', exit: 1, paths: ['RDP_HOSTS_CONFIG'], exactly: true, messages: [/is not a regular file/] }] : []),
  { name: 'invalid JSON', file: '{ "aws": ', exit: 1, paths: ['RDP_HOSTS_CONFIG'], exactly: true, messages: [/not valid JSON/] },
  { name: 'not UTF-8', file: (dir) => (fs.writeFileSync(path.join(dir, 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d])), path.join(dir, 'latin1.json')), exit: 1, paths: ['RDP_HOSTS_CONFIG'], exactly: true, messages: [/is not UTF-8 text/] },
  { name: 'null', file: 'null', exit: 1, paths: ['(file)'], exactly: true, messages: [/must be an object/] },
  { name: 'a list at the top', file: '[]', exit: 1, paths: ['(file)'], exactly: true },
  // Accepted.
  { name: 'a UTF-8 byte order mark', file: `\uFEFF${JSON.stringify(DEFAULT_CONFIG)}`, exit: 0, paths: [], process: true },
  {
    name: 'RDP_HOSTS_ENVIRONMENT=prod does not need the variables of dev',
    file: config((c) => {
      c.environments = { dev: { aws: JSON.parse(JSON.stringify(c.aws)) }, prod: { aws: c.aws } };
      c.environments.dev.aws.hosts[0].amiId = '${env:RDP_TEST_DEV_ONLY_AMI}';
      delete c.aws;
      delete c.azure;
    }),
    env: { RDP_HOSTS_ENVIRONMENT: 'prod' },
    exit: 0,
    paths: [],
  },
  {
    name: 'a VPN-only host whose only VPN is site-to-site',
    file: config((c) => {
      delete c.aws.clientVpn;
      c.aws.siteToSiteVpn = { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['192.168.10.0/24'] };
      delete c.azure;
    }),
    exit: 0,
    paths: [],
  },
  { name: 'an acknowledged requireNla false on both clouds', file: config((c) => (c.aws.hosts[0].hardening = c.azure.hosts[0].hardening = { requireNla: false, acknowledgements: [ACK_NLA] })), exit: 0, paths: [] },
];
