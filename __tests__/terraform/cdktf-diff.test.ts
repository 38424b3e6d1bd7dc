/**
 * `cdktf diff` of the AWS example stack, offline, through the same commands CI runs:
 * `npm run synth` (into a temporary CDKTF_OUTDIR), then `cdktf diff --skip-synth aws-rdp-hosts`.
 * Providers come from the local mirror (TF_CLI_CONFIG_FILE from the harness); the harness injects the
 * mock credentials and a local state file as `*_override.tf.json` files next to the stack, never into
 * the synthesized configuration. A missing terraform or mirror fails the test with instructions.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { injectMockCredentials, terraformSetup } from '../helpers/terraform';

jest.setTimeout(240_000);

const ROOT = path.join(__dirname, '..', '..');
const AWS = DEFAULT_CONFIG.aws!;
const STACK = AWS.stackName ?? 'aws-rdp-hosts';
const CDKTF_BIN = path.join(ROOT, 'node_modules', '.bin', 'cdktf');

// Terminal colour and cursor sequences from cdktf's progress display.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

interface Run {
  readonly status: number | null;
  readonly output: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 200_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.replace(ANSI, '') };
}

/** Resource instances in a synthesized stack (no `count`/`for_each` in our stacks: one block, one instance). */
function resourceAddresses(cdkTfJson: { resource?: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(cdkTfJson.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

describe('cdktf diff of the AWS example stack, offline (the CI path)', () => {
  let workDir: string;
  let stackDir: string;
  let diff: Run;
  let synthesized: { resource?: Record<string, Record<string, unknown>>; provider?: unknown };

  beforeAll(() => {
    const setup = terraformSetup();
    if (!setup.ok) throw new Error(`Offline Terraform is not available: ${setup.message}`);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-cdktf-diff-'));
    const outdir = path.join(workDir, 'cdktf.out');
    // The embedded default configuration, whatever the developer's shell has set.
    const env: NodeJS.ProcessEnv = { ...setup.env, CDKTF_OUTDIR: outdir, RDP_HOSTS_CONFIG: '' };

    const synth = run('npm', ['run', '--silent', 'synth'], env);
    if (synth.status !== 0) throw new Error(`npm run synth failed (exit ${synth.status}):\n${synth.output}`);
    stackDir = path.join(outdir, 'stacks', STACK);
    synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));

    injectMockCredentials(stackDir);
    // Whatever backend the stack declares, this run keeps its (empty) state in the temp folder.
    fs.writeFileSync(path.join(stackDir, 'zz_offline_backend_override.tf.json'), JSON.stringify({ terraform: { backend: { local: { path: path.join(workDir, 'offline.tfstate') } } } }));

    // --skip-provider-lock: cdktf would otherwise run `terraform providers lock`, which asks the registry.
    // --disable-plugin-cache-env: keep providers out of ~/.terraform.d/plugin-cache.
    diff = run(CDKTF_BIN, ['diff', STACK, '--skip-synth', '--output', outdir, '--skip-provider-lock', '--disable-plugin-cache-env', '--no-color'], env);
  });

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  test('exits 0 and plans every synthesized resource, changing and destroying nothing', () => {
    if (diff.status !== 0) throw new Error(`cdktf diff exited ${diff.status}:\n${diff.output.slice(-6000)}`);
    const expected = resourceAddresses(synthesized).length;
    expect(expected).toBeGreaterThan(10);
    expect(diff.output).toMatch(new RegExp(`Plan: ${expected} to add, 0 to change, 0 to destroy\\.`));
  });

  test('the plan lists each synthesized resource as created, including the host, its RDP rules and the flow logs', () => {
    const created = new Set([...diff.output.matchAll(/# (\S+) \(.*?\) will be created/g)].map((m) => m[1]));
    expect([...created].sort()).toEqual(resourceAddresses(synthesized).sort());
    for (const type of ['aws_instance', 'aws_vpc_security_group_ingress_rule', 'aws_flow_log', 'aws_default_security_group']) {
      expect([...created].some((address) => address.startsWith(`${type}.`))).toBe(true);
    }
  });

  test('the planned RDP listener port of each host is its custom one, never 3389', () => {
    for (const host of AWS.hosts) {
      expect(diff.output).toMatch(new RegExp(`\\+ ${host.name.replace(/-/g, '_')}_rdp_port\\s+= ${host.rdpPort ?? 43389}\\b`));
    }
    expect(diff.output).not.toMatch(/(from|to)_port\s+= 3389\b/);
  });

  test('the mock credentials stay in the harness: neither the synthesized stack nor the diff output shows them', () => {
    expect(JSON.stringify(synthesized.provider)).not.toMatch(/mock|access_key|secret_key|skip_/);
    expect(diff.output).not.toMatch(/mock-(access|secret)-key/);
  });
});
