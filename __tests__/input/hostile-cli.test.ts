/**
 * `check` and `probe` on hostile input: a clear one-line reason, exit code 2, no stack trace, bounded
 * reading (no hang on a device or pipe, no echo of huge values).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run as runCheck } from '../../cli/check/command';
import { InputFileError, readInputFile } from '../../cli/input-file';
import { run as runProbe } from '../../cli/probe/command';
import { STACK_TRACE } from './hostile-cases';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-hostile-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function check(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const capture = (sink: (s: string) => void) => (chunk: string | Uint8Array, cb?: unknown) => {
    sink(String(chunk));
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture(() => undefined) as typeof process.stdout.write);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)) as typeof process.stderr.write);
  try {
    return { code: await runCheck(argv), stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

async function probe(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runProbe(argv, { stdout: () => undefined, stderr: (t) => (stderr += t), now: () => new Date() });
  return { code, stderr };
}

const fifo = (() => {
  try {
    const p = path.join(dir, 'fifo');
    execFileSync('mkfifo', [p]);
    return p;
  } catch {
    return undefined;
  }
})();

describe('check on hostile input', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing path', () => path.join(dir, 'nope'), /no such file or directory/],
    ['a device', () => '/dev/zero', /not a file or directory/],
    ...(fifo ? [['a named pipe', () => fifo, /not a file or directory/] as [string, () => string, RegExp]] : []),
    ['invalid JSON', () => file('bad.json', '{"resource": '), /is not valid JSON/],
    ['JSON that is not Terraform', () => file('other.json', '[[[[1]]]]'), /is neither Terraform JSON/],
    ['an unknown option', () => '--bogus', /unknown option "--bogus"/],
  ];
  test.each(cases)('%s: exit 2, one reason, no stack trace', async (_label, arg, message) => {
    const { code, stderr } = await check(arg());
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(STACK_TRACE);
  });

  test('a UTF-8 byte order mark is accepted', async () => {
    const { code, stderr } = await check(file('bom.json', `\uFEFF${JSON.stringify({ resource: {} })}`));
    expect(stderr).not.toMatch(/not valid JSON/);
    expect(code).toBe(0);
  });
});

describe('probe on hostile input', () => {
  test.each([
    ['a 100,000-character target', ['a'.repeat(100000) + ':43389'], /`<host>:<port>` is too long for a host and port, got "a{120}"… \(100006 characters\)/],
    ['a huge port', ['10.0.0.1:99999999999999999999'], /outside 1 to 65535/],
    ['a non-numeric timeout', ['10.0.0.1:43389', '--connect-timeout', '1e400'], /`--connect-timeout` must be an integer/],
    ['a policy that is a device', ['10.0.0.1:43389', '--expect-policy', '/dev/zero'], /names \/dev\/zero, which is not a regular file/],
    ['a missing policy file', ['10.0.0.1:43389', '--expect-policy', path.join(dir, 'none.json')], /names \S+none\.json, which does not exist/],
    ['a policy file over 64 KiB', ['10.0.0.1:43389', '--expect-policy', file('big-policy.json', `{"nla": true, "x": "${'y'.repeat(70000)}"}`)], /larger than the 64 KiB allowed/],
    ['a policy file that is not JSON', ['10.0.0.1:43389', '--expect-policy', file('policy.txt', 'nla = true')], /is not valid JSON/],
  ])('%s: exit 2, one reason, no stack trace, nothing echoed at length', async (_label, argv, message) => {
    const { code, stderr } = await probe(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr.length).toBeLessThan(2000);
  });
});

describe('readInputFile', () => {
  test('drops a byte order mark, refuses non-UTF-8 text and oversized files with a plain reason', () => {
    expect(readInputFile(file('bom.txt', '\uFEFFhello'))).toBe('hello');
    expect(() => readInputFile(file('latin1.txt', Buffer.from([0xe9])))).toThrow(/is not UTF-8 text/);
    expect(() => readInputFile(file('big.txt', 'x'.repeat(2048)), 1024)).toThrow(/is 2 KiB, larger than the 1 KiB allowed/);
    expect(() => readInputFile(dir)).toThrow(InputFileError);
    expect(() => readInputFile(dir)).toThrow(/is a directory, not a file/);
  });
});
