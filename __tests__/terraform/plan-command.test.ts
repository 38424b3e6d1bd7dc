/**
 * `secure-rdp-hosts plan aws-rdp-hosts`, as a user runs it: synth into a temporary CDKTF_OUTDIR,
 * `terraform init` from the local mirror, plan with mock credentials, plan JSON for `check`. The
 * command finds the mirror itself (RDP_TF_PROVIDER_MIRROR or a well-known folder); a missing terraform
 * or mirror fails the test with instructions.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OVERRIDE_FILE } from '../../cli/plan/command';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { terraformSetup } from '../helpers/terraform';

jest.setTimeout(240_000);

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'secure-rdp-hosts.js');
const STACK = DEFAULT_CONFIG.aws!.stackName ?? 'aws-rdp-hosts';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 220_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

describe('secure-rdp-hosts plan <stack>, offline', () => {
  let workDir: string;
  let outdir: string;
  let env: NodeJS.ProcessEnv;
  let planned: Run;
  let stateBefore: string[];

  beforeAll(() => {
    const setup = terraformSetup();
    if (!setup.ok) throw new Error(`Offline Terraform is not available: ${setup.message}`);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-plan-command-'));
    outdir = path.join(workDir, 'cdktf.out');
    // The user's environment: no TF_CLI_CONFIG_FILE from the harness (the command writes its own), the embedded default config.
    env = { ...process.env, TF_CLI_CONFIG_FILE: '', RDP_HOSTS_CONFIG: '', CDKTF_OUTDIR: outdir, NO_COLOR: '1' };
    stateBefore = fs.readdirSync(ROOT).filter((f) => f.endsWith('.tfstate'));
    planned = cli(['plan', STACK], env);
  });

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  test('exits 0 with one result line on stdout, and progress lines on stderr in order', () => {
    if (planned.status !== 0) throw new Error(`plan exited ${planned.status}:\n${planned.stdout}\n${planned.stderr.slice(-6000)}`);
    const progress = planned.stderr.split('\n').filter((l) => l.startsWith('plan: '));
    expect(progress.map((l) => /^plan: (\S+(?: \S+)?)/.exec(l)?.[1])).toEqual(['synthesizing (node', 'terraform init', 'terraform plan', 'terraform show']);
    expect(planned.stdout.trim().split('\n')).toHaveLength(1);
  });

  test('plans every synthesized resource as a creation, and writes the plan JSON next to cdk.tf.json', () => {
    const stackDir = path.join(outdir, 'stacks', STACK);
    const synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, unknown>> };
    const expected = Object.values(synthesized.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(expected).toBeGreaterThan(10);
    expect(planned.stdout).toContain(`${STACK}: Plan: ${expected} to add, 0 to change, 0 to destroy.`);
    const plan = JSON.parse(fs.readFileSync(path.join(stackDir, 'plan.json'), 'utf8')) as { resource_changes: { address: string; mode: string; change: { actions: string[] } }[] };
    const managed = plan.resource_changes.filter((c) => c.mode === 'managed');
    expect(managed).toHaveLength(expected);
    expect(managed.filter((c) => c.change.actions.join() !== 'create')).toEqual([]);
    expect(managed.map((c) => c.address)).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_instance\./), expect.stringMatching(/^aws_vpc_security_group_ingress_rule\./)]));
  });

  test('leaves no mock credentials behind, and touches no state in the project', () => {
    expect(fs.existsSync(path.join(outdir, 'stacks', STACK, OVERRIDE_FILE))).toBe(false);
    expect(fs.readFileSync(path.join(outdir, 'stacks', STACK, 'cdk.tf.json'), 'utf8')).not.toMatch(/mock-(access|secret)-key/);
    expect(fs.readdirSync(ROOT).filter((f) => f.endsWith('.tfstate'))).toEqual(stateBefore);
  });

  test('`check` reviews the plan JSON: the default stack passes', () => {
    const check = cli(['check', path.join(outdir, 'stacks', STACK, 'plan.json')], env);
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^PASS: 0 violations/m);
    expect(check.status).toBe(0);
  });

  test('an unknown stack exits 2 naming the stacks there are', () => {
    const wrong = cli(['plan', 'no-such-stack', '--skip-synth'], env);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('no stack "no-such-stack"');
    expect(wrong.stderr).toContain(STACK);
  });
});
