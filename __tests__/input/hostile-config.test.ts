/**
 * Hostile input for the configuration loader, in-process through the main job (stacks/main-job.ts):
 * each case gives a file (or none) and an environment, and expects an exit code, every problem path,
 * no stack trace, the previous cdktf.out unchanged and no temporary folder left behind. The
 * subprocess suite (hostile-config-process.test.ts) runs a subset through `node bin/synth.js`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { MAX_LIST_LENGTH, MAX_NESTING_DEPTH, MAX_STRING_LENGTH } from '../../stacks/config/limits';
import { runSynth } from '../../stacks/main-job';
import { HOSTILE_CASES, HostileCase, problemPaths, STACK_TRACE } from './hostile-cases';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-hostile-'));
const outdir = path.join(dir, 'cdktf.out');
const MARKER = path.join(outdir, 'previous-run.txt');

beforeAll(() => {
  fs.mkdirSync(outdir);
  fs.writeFileSync(MARKER, 'the previous output');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the main job on a case; returns its exit code and messages. */
function run(c: HostileCase): { code: number; stderr: string } {
  const file = path.join(dir, `${c.name.replace(/[^a-z0-9]+/gi, '-')}.json`);
  const configPath = c.file === undefined ? undefined : typeof c.file === 'function' ? c.file(dir) : (fs.writeFileSync(file, c.file), file);
  let stderr = '';
  const code = runSynth({ CDKTF_OUTDIR: outdir, ...(configPath ? { RDP_HOSTS_CONFIG: configPath } : {}), ...c.env }, (t) => (stderr += t), () => undefined);
  return { code, stderr };
}

describe('hostile configuration input (in-process)', () => {
  test.each(HOSTILE_CASES.filter((c) => c.exit !== 0).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { code, stderr } = run(c);
    expect(code).toBe(c.exit);
    expect(problemPaths(stderr)).toEqual(expect.arrayContaining(c.paths));
    if (c.exactly) expect(problemPaths(stderr).sort()).toEqual([...c.paths].sort());
    for (const pattern of c.messages ?? []) expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).toMatch(/Nothing was written to /);
    // Each problem is printed once.
    const lines = stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(new Set(lines).size).toBe(lines.length);
    // The previous output is untouched, and no temporary folder is left.
    expect(fs.readdirSync(outdir)).toEqual(['previous-run.txt']);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  test.each(HOSTILE_CASES.filter((c) => c.exit === 0).map((c) => [c.name, c] as const))('accepted: %s', (_name, c) => {
    const { code, stderr } = run(c);
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // Restore the "previous output" for the next case.
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.mkdirSync(outdir);
    fs.writeFileSync(MARKER, 'the previous output');
  });

  test('echoed values are truncated: a huge value never fills the terminal', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    config.aws.hosts[0].rdpPort = 'x'.repeat(MAX_STRING_LENGTH + 1);
    const { stderr } = run({ name: 'long string', file: JSON.stringify(config), exit: 1, paths: [] });
    expect(stderr).toMatch(/`aws\.hosts\[0\]\.rdpPort` is 16385 characters long, more than the 16384 allowed, got "x{120}"… \(16385 characters\)/);
    expect(stderr.length).toBeLessThan(1000);
  });

  test('the limits are what the README documents', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Configuration limits'));
    expect(section).toMatch(/1 MiB/);
    expect(section).toMatch(new RegExp(`${MAX_NESTING_DEPTH} levels`));
    expect(section).toMatch(new RegExp(`${MAX_LIST_LENGTH.toLocaleString('en-US')} entries`));
    expect(section).toMatch(/16 KiB/);
  });
});
