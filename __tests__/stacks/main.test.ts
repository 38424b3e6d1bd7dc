import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Runs the real main job (`npm run synth` = node bin/synth.js) with the given environment. */
function runSynth(env: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'synth.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('the main job (synth)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-main-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('synthesizes every example stack from the embedded default', () => {
    const outdir = path.join(dir, 'ok.out');
    const { status, stderr, stdout } = runSynth({ CDKTF_OUTDIR: outdir });
    // The result line on stdout (the cdktf CLI labels stderr [ERROR]); the policy warnings on stderr.
    expect(stdout).toBe(`Synthesized embedded default configuration into ${outdir}\n`);
    expect(stderr).toMatch(/^1 warning \(synth continued; see docs\/policy\.md\):\n {2}- \[azure-rdp-hosts\/[^\]]+\] \[RDP-AZ-FLOW-LOGS\] /);
    expect(status).toBe(0);
    // Under the cdktf CLI, which prints the manifest's warnings itself, they are not printed twice.
    const underCli = runSynth({ CDKTF_OUTDIR: path.join(dir, 'cli.out'), CDKTF_CONTEXT_JSON: '{}' });
    expect([underCli.status, underCli.stderr]).toEqual([0, '']);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    for (const stack of Object.values(manifest.stacks) as { synthesizedStackPath: string }[]) {
      expect(fs.existsSync(path.join(outdir, stack.synthesizedStackPath))).toBe(true);
    }
    expect(Object.keys(manifest.stacks)).toContain('aws-rdp-hosts');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  test('the example files synthesize and pass the policy gate', () => {
    const env = {
      RDP_WINDOWS_AMI_ID: 'ami-0fedcba9876543210',
      RDP_VPN_SERVER_CERT_ARN: 'arn:aws:acm:eu-central-1:123456789012:certificate/00000000-0000-4000-8000-000000000003',
    };
    for (const [file, stacks] of [['rdp-hosts.example.json', ['aws-rdp-prod']], ['fleet.example.json', ['aws-rdp-fleet', 'azure-rdp-fleet']]] as const) {
      const outdir = path.join(dir, `${file}.out`);
      const { status, stderr } = runSynth({ ...env, CDKTF_OUTDIR: outdir, RDP_HOSTS_CONFIG: path.join(ROOT, 'examples', file) });
      expect(stderr).not.toMatch(/policy review found violations/);
      expect(status).toBe(0);
      expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([...stacks]);
    }
  });

  test('bad configuration: exit 1, every problem named by its path, nothing written', () => {
    const outdir = path.join(dir, 'bad.out');
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ aws: { region: 'eu-west-1', hosts: [{ name: 'h', amiId: 'ami-0123456789abcdef0', rdpPort: 3389, allowlist: ['0.0.0.0/0'] }] } }));
    const { status, stderr } = runSynth({ CDKTF_OUTDIR: outdir, RDP_HOSTS_CONFIG: file });
    expect(status).toBe(1);
    expect(stderr).toMatch(/`aws\.hosts\[0\]\.rdpPort` must not be 3389/);
    expect(stderr).toMatch(/`aws\.hosts\[0\]\.allowlist\[0\]` must not mean the whole internet, got "0\.0\.0\.0\/0"/);
    expect(stderr).toMatch(/Nothing was written/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a failed run leaves the previous output untouched', () => {
    const outdir = path.join(dir, 'kept.out');
    expect(runSynth({ CDKTF_OUTDIR: outdir }).status).toBe(0);
    const before = fs.readFileSync(path.join(outdir, 'stacks', 'aws-rdp-hosts', 'cdk.tf.json'), 'utf8');
    const { status } = runSynth({ CDKTF_OUTDIR: outdir, RDP_HOSTS_CONFIG: path.join(dir, 'does-not-exist.json') });
    expect(status).toBe(1);
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'aws-rdp-hosts', 'cdk.tf.json'), 'utf8')).toBe(before);
  });

  test('the bundled synth (bin/synth-bundle.js) writes byte for byte what the synth from the sources writes', () => {
    const config = { RDP_HOSTS_CONFIG: path.join(ROOT, 'examples', 'fleet.example.json') };
    const bundled = path.join(dir, 'bundled.out');
    const sources = path.join(dir, 'sources.out');
    expect(runSynth({ ...config, CDKTF_OUTDIR: bundled }).status).toBe(0);
    // The fast path ran: its bundle is in the cache (built by this run if it was missing or stale).
    expect(fs.existsSync(path.join(ROOT, 'node_modules', '.cache', 'secure-rdp-hosts-synth', 'main.js'))).toBe(true);
    expect(runSynth({ ...config, CDKTF_OUTDIR: sources, RDP_HOSTS_SYNTH_BUNDLE: '0' }).status).toBe(0);
    const stacks = fs.readdirSync(path.join(sources, 'stacks')).sort();
    expect(stacks).toEqual(['aws-rdp-fleet', 'azure-rdp-fleet']);
    expect(fs.readdirSync(path.join(bundled, 'stacks')).sort()).toEqual(stacks);
    for (const stack of stacks) {
      const file = (out: string) => fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8');
      expect(file(bundled)).toBe(file(sources));
    }
  });
});
