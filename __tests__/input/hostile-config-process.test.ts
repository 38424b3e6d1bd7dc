/**
 * A subset of the hostile inputs (hostile-cases.ts, `process: true`) through the real entry point,
 * `node bin/synth.js`, in a temporary working directory that already holds a previous cdktf.out and a
 * temporary folder left by a killed run: exit code, problem paths, no stack trace, previous output
 * unchanged, no temporary folder left.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HOSTILE_CASES, HostileCase, problemPaths, STACK_TRACE } from './hostile-cases';

jest.setTimeout(120_000);

const SYNTH = path.join(__dirname, '..', '..', 'bin', 'synth.js');
/** A process ID no process has (above Linux's pid_max ceiling of 2^22). */
const DEAD_PID = 4_194_305;

function runSynth(cwd: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SYNTH], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** A working directory with a previous output and a killed run's temporary folder. */
function workdir(root: string, name: string): string {
  const cwd = path.join(root, name.replace(/[^a-z0-9]+/gi, '-'));
  fs.mkdirSync(path.join(cwd, 'cdktf.out'), { recursive: true });
  fs.writeFileSync(path.join(cwd, 'cdktf.out', 'previous-run.txt'), 'the previous output');
  fs.mkdirSync(path.join(cwd, `cdktf.out.tmp-${DEAD_PID}`));
  return cwd;
}

describe('hostile configuration input through `node bin/synth.js`', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-hostile-process-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const cases = HOSTILE_CASES.filter((c) => c.process);

  test('the subset covers failures and an accepted file', () => {
    expect(cases.filter((c) => c.exit !== 0).length).toBeGreaterThanOrEqual(5);
    expect(cases.some((c) => c.exit === 0)).toBe(true);
  });

  test('each case: exit code, every path, no stack trace, previous output unchanged, no temporary folder', async () => {
    // Two at a time (the CI machines have two cores).
    const results: { c: HostileCase; cwd: string; code: number | null; stderr: string }[] = [];
    for (let i = 0; i < cases.length; i += 2) {
      results.push(
        ...(await Promise.all(
          cases.slice(i, i + 2).map(async (c) => {
            const cwd = workdir(root, c.name);
            const file = typeof c.file === 'function' ? c.file(cwd) : c.file === undefined ? undefined : (fs.writeFileSync(path.join(cwd, 'config.json'), c.file), 'config.json');
            return { c, cwd, ...(await runSynth(cwd, { ...(file ? { RDP_HOSTS_CONFIG: file } : {}), ...c.env })) };
          }),
        )),
      );
    }
    for (const { c, cwd, code, stderr } of results) {
      expect({ name: c.name, code }).toEqual({ name: c.name, code: c.exit });
      expect(problemPaths(stderr)).toEqual(expect.arrayContaining([...c.paths]));
      expect(stderr).not.toMatch(STACK_TRACE);
      const left = fs.readdirSync(cwd).filter((f) => f.startsWith('cdktf.out'));
      expect({ name: c.name, left }).toEqual({ name: c.name, left: ['cdktf.out'] });
      if (c.exit === 0) {
        expect(fs.existsSync(path.join(cwd, 'cdktf.out', 'manifest.json'))).toBe(true);
      } else {
        expect(fs.readdirSync(path.join(cwd, 'cdktf.out'))).toEqual(['previous-run.txt']);
        expect(stderr).toMatch(/Nothing was written to cdktf\.out/);
      }
    }
  });
});
