/**
 * The build phase of the configuration validation (stacks/app.ts buildStacks): construct errors are
 * re-pathed under the configuration, unexpected errors become one clear sentence on the host or section,
 * and a failing host does not hide the next one's problems.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { z } from 'zod';
import { isValidationFailure, RdpValidationError, RdpValidationErrors, WindowsAmi } from '../../constructs';
import { buildStacks } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { addHostIssue } from '../../stacks/config/fields';
import { closestName, validateConfig } from '../../stacks/config/load-config';
import { RdpHostsConfig } from '../../stacks/config/schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-build-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The problems buildStacks reports, as `field: message`. */
function buildProblems(config: RdpHostsConfig): { field: string; message: string }[] {
  try {
    buildStacks(new App({ outdir: fs.mkdtempSync(path.join(dir, 'out-')) }), config);
    return [];
  } catch (e) {
    if (!isValidationFailure(e)) throw e;
    return (e as RdpValidationErrors).errors.map((err) => ({ field: err.field, message: err.message }));
  }
}

function withAwsHosts(hosts: Record<string, unknown>[]): RdpHostsConfig {
  const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
  config.aws.hosts = hosts.map((h, i) => ({ name: `h-${i}`, amiId: 'ami-0123456789abcdef0', ...h }));
  return validateConfig(config, {});
}

describe('build phase of the configuration validation', () => {
  test('an unexpected error in a constructor is one sentence on the host, and the other hosts are still checked', () => {
    const config = withAwsHosts([{}, { hardening: { lockoutThreshold: 100000 } }]);
    // The first host's image lookup fails the way a library bug would (not an RdpValidationError).
    const original = WindowsAmi.fromId;
    const spy = jest.spyOn(WindowsAmi, 'fromId').mockImplementationOnce(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere (file.ts:1:1)");
    });
    try {
      const problems = buildProblems(config);
      expect(problems).toEqual([
        { field: 'aws.hosts[0]', message: "`aws.hosts[0]` cannot be built: Cannot read properties of undefined (reading 'x')." },
        expect.objectContaining({ field: 'aws.hosts[1].hardening.lockoutThreshold' }),
      ]);
      expect(problems.map((p) => p.message).join('\n')).not.toMatch(/\n\s+at /);
    } finally {
      spy.mockRestore();
      expect(WindowsAmi.fromId).toBe(original);
    }
  });

  test('every host of every group is checked in one run, with file indices', () => {
    const problems = buildProblems(
      withAwsHosts([
        { group: 'grp', hardening: { requireNla: false } },
        { group: 'grp', hardening: { requireNla: false } },
        { passwordDataInState: { id: 'RDP-AWS-PASSWORD-DATA', reason: 'Lab account, key in the team vault' } },
        { hardening: { idleSessionLimitMinutes: 0 } },
      ]),
    );
    const fields = problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['aws.hosts[0].hardening.requireNla', 'aws.hosts[2].passwordDataInState', 'aws.hosts[3].hardening.idleSessionLimitMinutes']));
    // Each problem once.
    expect(new Set(problems.map((p) => p.message)).size).toBe(problems.length);
  });

  test('a valid configuration builds without problems and leaves no scratch folder', () => {
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('rdp-hosts-check-')).length;
    expect(buildProblems(validateConfig(DEFAULT_CONFIG, {}))).toEqual([]);
    expect(buildProblems(withAwsHosts([{ passwordDataInState: { id: 'RDP-AWS-PASSWORD-DATA', reason: 'Lab account, key in the team vault' } }, {}]))).toHaveLength(1);
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('rdp-hosts-check-')).length).toBe(before);
  });
});

describe('addHostIssue', () => {
  test('several errors at once, and errors outside the host, never crash: each is an issue, outside ones on the host', () => {
    const issues: { path: PropertyKey[]; message: string }[] = [];
    const ctx = { addIssue: (i: { path: PropertyKey[]; message: string }) => issues.push(i) } as unknown as z.RefinementCtx;
    addHostIssue(ctx, ['hosts', 0], 'aws.hosts[0]', new RdpValidationErrors([new RdpValidationError('aws.hosts[0].allowlist[1]', 'x', 'is bad.'), new RdpValidationError('peer', 'y', 'is odd.')]));
    expect(issues).toEqual([
      { code: 'custom', path: ['hosts', 0, 'allowlist', 1], message: 'is bad.' },
      { code: 'custom', path: ['hosts', 0], message: '`peer` is odd.' },
    ]);
  });
});

describe('did you mean', () => {
  test.each([
    ['rdpPrt', ['rdpPort', 'udp'], 'rdpPort'],
    ['allowList', ['allowlist', 'access'], 'allowlist'],
    ['hardenning', ['hardening', 'hosts'], 'hardening'],
    ['zzzzzz', ['rdpPort', 'udp'], undefined],
  ])('%s among %j → %s', (key, known, expected) => {
    expect(closestName(key, known)).toBe(expected);
  });
});
