import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandIo, run } from '../../cli/probe/command';
import { makeTestCertificate, TestCertificate } from '../integration/fixtures/certificates';
import { FakeRdpServer, shadowNla, startFakeRdpServer, xrdpTls } from './fake-rdp-server';
import { parseJunit } from './junit-xml';

let dir: string;
let cert: TestCertificate;
let nla: FakeRdpServer;
let tlsOnly: FakeRdpServer;
let closedPort: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-command-'));
  cert = makeTestCertificate(dir, 'command.test', { keyType: 'ec' });
  const tlsSettings = { cert: cert.cert, key: cert.key, minVersion: 'TLSv1.2' as const, maxVersion: 'TLSv1.3' as const };
  nla = await startFakeRdpServer(shadowNla, tlsSettings);
  tlsOnly = await startFakeRdpServer(xrdpTls, tlsSettings);
  const closed = await startFakeRdpServer(shadowNla);
  closedPort = closed.port;
  await closed.close();
});

afterAll(async () => {
  await Promise.all([nla.close(), tlsOnly.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function runCaptured(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, now: () => new Date() };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

describe('secure-rdp-hosts probe: exit codes and output', () => {
  test('0 when the endpoint meets the default policy', async () => {
    const { code, stdout, stderr } = await runCaptured([`127.0.0.1:${nla.port}`]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Result: PASS \(6 of 6 checks passed\)\n$/);
    expect(stderr).toBe('');
  });

  test('1 when it does not, with the failed check named', async () => {
    const { code, stdout } = await runCaptured([`127.0.0.1:${tlsOnly.port}`]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL {2}Network Level Authentication \(CredSSP\) is required/);
  });

  test('--expect-policy FILE changes the verdict: a TLS-without-NLA policy passes the same server', async () => {
    const file = path.join(dir, 'no-nla.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'lab without NLA', nla: false }));
    const { code, stdout, stderr } = await runCaptured([`127.0.0.1:${tlsOnly.port}`, '--expect-policy', file, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ verdict: 'pass', exitCode: 0, policy: { name: 'lab without NLA', nla: false } });
    expect(stderr).toBe(`secure-rdp-hosts probe: 127.0.0.1:${tlsOnly.port}: PASS\n`);
  });

  test('--format junit writes valid JUnit XML and keeps the exit code', async () => {
    const { code, stdout, stderr } = await runCaptured([`127.0.0.1:${tlsOnly.port}`, '--format', 'junit']);
    expect(code).toBe(1);
    const { cases } = parseJunit(stdout);
    expect(cases.filter((c) => c.result === 'failure').map((c) => c.name.split(':')[0])).toEqual(['nla-required']);
    expect(stderr).toMatch(/FAIL \(nla-required\)/);
  });

  test('2 for a closed port, with one clear message and no stack trace', async () => {
    const { code, stdout, stderr } = await runCaptured([`127.0.0.1:${closedPort}`]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^secure-rdp-hosts probe: connection refused by 127\.0\.0\.1:\d+: nothing listens on that port/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('2 for a closed port in json and junit formats, still machine-readable', async () => {
    const json = await runCaptured([`127.0.0.1:${closedPort}`, '--format', 'json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ verdict: 'error', exitCode: 2, error: { problem: 'unreachable' } });
    const junit = await runCaptured([`127.0.0.1:${closedPort}`, '--format', 'junit']);
    expect(parseJunit(junit.stdout).cases).toEqual([expect.objectContaining({ result: 'error' })]);
  });

  test('2 for bad usage and for a bad policy file, naming the argument', async () => {
    expect(await runCaptured(['127.0.0.1'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/`<host>:<port>` must include the port/) });
    expect(await runCaptured(['127.0.0.1:1', '--format', 'xml'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/`--format` must be one of text, json, junit/) });
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ minTls: '1.4' }));
    expect(await runCaptured(['127.0.0.1:1', '--expect-policy', file])).toMatchObject({ code: 2, stderr: expect.stringMatching(/`minTls` must be one of/) });
  });

  test('--help prints usage and exits 0', async () => {
    const { code, stdout } = await runCaptured(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: secure-rdp-hosts probe <host>:<port>/);
    expect(stdout).toMatch(/exit codes: 0 policy passed, 1 policy failed/);
  });
});

describe('npx secure-rdp-hosts probe (the real entry point)', () => {
  const bin = path.join(__dirname, '..', '..', 'bin', 'secure-rdp-hosts.js');
  const exec = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 20000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: unknown }).code) : 0, stdout, stderr });
    });
  });

  test('passes the exit code through: 0 for a compliant endpoint, 2 for a closed port', async () => {
    const ok = await exec(['probe', `127.0.0.1:${nla.port}`, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).verdict).toBe('pass');
    const closed = await exec(['probe', `127.0.0.1:${closedPort}`]);
    expect(closed.code).toBe(2);
    expect(closed.stderr.trim().split('\n')).toHaveLength(1);
  }, 30000);
});
