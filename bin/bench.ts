/**
 * `npm run bench`: wall time, CPU time and peak memory of the main job and of the test tiers, measured on
 * this machine. Numbers are reported, never asserted (speed is not a test).
 *
 *   npm run bench                      default synth ×5, unit tests ×1
 *   npm run bench -- --fleet 1,10,100  also synth fleets of N hosts across both clouds (stacks/fleet-config.ts)
 *   npm run bench -- --roles 10,4      roles (host groups per cloud) of each fleet, one row per count: 10 is
 *                                      the shape, 4 the example fleet of earlier figures (default 10,4)
 *   npm run bench -- --cli             also time `npx cdktf synth` (what `cdktf deploy` runs first) ×3
 *   npm run bench -- --tiers           also time the process, terraform and integration tiers
 *   npm run bench -- --no-tests        skip the test tiers
 *   npm run bench -- --json FILE       also write the results as JSON
 *
 * Every synth run is paired with a run of the floor, `node -r cdktf -e 0` (Node plus the cdktf core), in
 * the same round, and reported as a ratio to it: on a shared 2-core machine wall times swing with the
 * other load, so compare CPU time (user + system of the whole process tree) and the paired ratios.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fleetConfig } from '../stacks/fleet-config';

const ROOT = path.join(__dirname, '..');

interface Measurement {
  readonly wallSeconds: number;
  /** User + system CPU time of the command and every child it waited for. */
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  readonly exitCode: number | null;
}

function childrenOf(pid: number): number[] {
  const result: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) result.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return result;
}

function rssKiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Seconds from the shell's `times` output (`1m2.345s`). */
function shellSeconds(text: string): number {
  const match = /(\d+)m([\d.]+)s/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
}

/**
 * Runs a command and samples the resident memory of its whole process tree every 25 ms. The command runs
 * under `sh`, whose `times` then reports the CPU time of everything it waited for.
 */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measurement> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const script = '"$0" "$@"; status=$?; times >&3; exit $status';
    const child = spawn('/bin/sh', ['-c', script, command, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let times = '';
    child.stdio[3]!.on('data', (chunk: Buffer) => (times += chunk.toString()));
    let peak = 0;
    const sample = () => {
      const tree = [child.pid!];
      for (let i = 0; i < tree.length; i++) tree.push(...childrenOf(tree[i]));
      peak = Math.max(peak, tree.reduce((sum, pid) => sum + rssKiB(pid), 0));
    };
    const timer = setInterval(sample, 25);
    child.on('close', (code) => {
      clearInterval(timer);
      // Second line of `times`: user and system time of the shell's children.
      const [user, system] = (times.trim().split('\n')[1] ?? '').split(/\s+/);
      resolve({ wallSeconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: shellSeconds(user ?? '') + shellSeconds(system ?? ''), peakRssMiB: peak / 1024, exitCode: code });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The floor every synth is compared with: Node plus the cdktf core, nothing else. */
const FLOOR: readonly [string, string[]] = [process.execPath, ['-r', 'cdktf', '-e', '0']];

/** `runs` rounds of (floor, command), reported as medians and as paired ratios to the floor. */
async function pairedRuns(label: string, runs: number, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const results: Measurement[] = [];
  const floors: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(await measure(...FLOOR));
    results.push(await measure(command, args, env));
  }
  if (results.some((r) => r.exitCode !== 0)) throw new Error(`${label}: failed`);
  const ratio = (key: 'wallSeconds' | 'cpuSeconds') => +median(results.map((r, i) => r[key] / floors[i][key])).toFixed(2);
  return {
    label,
    runs,
    wallSecondsMedian: +median(results.map((r) => r.wallSeconds)).toFixed(3),
    wallSecondsMax: +Math.max(...results.map((r) => r.wallSeconds)).toFixed(3),
    cpuSecondsMedian: +median(results.map((r) => r.cpuSeconds)).toFixed(3),
    floorCpuSecondsMedian: +median(floors.map((r) => r.cpuSeconds)).toFixed(3),
    cpuRatioToFloor: ratio('cpuSeconds'),
    wallRatioToFloor: ratio('wallSeconds'),
    peakRssMiB: +Math.max(...results.map((r) => r.peakRssMiB)).toFixed(1),
  };
}

async function synthRuns(label: string, runs: number, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-bench-'));
  try {
    return await pairedRuns(label, runs, process.execPath, ['bin/synth.js'], { ...env, CDKTF_OUTDIR: path.join(outdir, 'cdktf.out') });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const fleetArg = argv.includes('--fleet') ? argv[argv.indexOf('--fleet') + 1] : undefined;
  const roleCounts = (argv.includes('--roles') ? argv[argv.indexOf('--roles') + 1] : '10,4').split(',').filter(Boolean).map(Number);
  const jsonFile = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : undefined;
  const rows: Record<string, unknown>[] = [];
  const print = (row: Record<string, unknown>) => {
    rows.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  };

  process.stdout.write(`# secure-rdp-hosts bench on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  // One run that is not measured: it builds the synth bundle and its code cache when they are missing or stale (bin/synth-bundle.js).
  await synthRuns('warm-up', 1, {});
  print(await synthRuns('synth: default stacks (npm run synth)', 5, {}));

  for (const n of (fleetArg ?? '').split(',').filter(Boolean).map(Number)) {
    for (const roles of roleCounts) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-fleet-'));
      const file = path.join(dir, 'fleet.json');
      fs.writeFileSync(file, JSON.stringify(fleetConfig(n, roles)));
      print({ ...(await synthRuns(`synth: fleet of ${n} hosts (AWS + Azure, ${roles} roles)`, 3, { RDP_HOSTS_CONFIG: file })), hosts: n, roles });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  if (argv.includes('--cli')) {
    // What `cdktf deploy` runs first; it writes into cdktf.out like the CLI always does.
    print(await pairedRuns('npx cdktf synth (cdktf.json app: node bin/synth.js)', 3, 'npx', ['cdktf', 'synth'], {}));
  }

  const tiers = argv.includes('--no-tests') ? [] : argv.includes('--tiers') ? ['unit', 'process', 'terraform', 'integration'] : ['unit'];
  for (const tier of tiers) {
    const run = await measure(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', tier]);
    print({ label: `tests: ${tier} tier`, wallSeconds: +run.wallSeconds.toFixed(2), cpuSeconds: +run.cpuSeconds.toFixed(2), peakRssMiB: +run.peakRssMiB.toFixed(1), exitCode: run.exitCode });
  }
  process.stdout.write(`# load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  if (jsonFile) fs.writeFileSync(jsonFile, `${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
