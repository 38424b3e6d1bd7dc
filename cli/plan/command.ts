/**
 * `secure-rdp-hosts plan <stack>`: an offline Terraform plan of one synthesized stack, for review.
 *
 * 1. synthesize (the `app` command of ./cdktf.json, with CDKTF_OUTDIR), unless `--skip-synth`;
 * 2. `terraform init` with providers from a local filesystem mirror only (RDP_TF_PROVIDER_MIRROR or a
 *    well-known folder), never the registry;
 * 3. `terraform plan` with mock AWS credentials and a throwaway local state, both in one
 *    `*_override.tf.json` file in the stack folder that is removed afterwards, whatever happens;
 * 4. `terraform show -json` into plan.json next to cdk.tf.json, for `secure-rdp-hosts check`.
 *
 * Progress goes to stderr, the result line to stdout. Exit codes: 0 planned, 1 Terraform failed,
 * 2 bad usage or missing input (no stack, no terraform, no mirror).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseCommandLine } from '../arguments';
import { UsageError } from '../usage-error';
import { findProviderMirror, MIRROR_ENV_VAR, offlineTerraformEnv } from './provider-mirror';

/** The override file the command writes into the stack folder, and removes. */
export const OVERRIDE_FILE = 'zz_secure_rdp_hosts_offline_plan_override.tf.json';

/** Usage text. */
export const USAGE = `usage: secure-rdp-hosts plan <stack> [options]

Plans one stack offline: synthesizes it, runs \`terraform init\` with providers from a local mirror
(${MIRROR_ENV_VAR}, or a well-known folder), \`terraform plan\` with mock AWS credentials against an
empty, throwaway state, and writes \`terraform show -json\` for \`secure-rdp-hosts check\`.
Proves that Terraform and the provider accept the configuration; proves nothing about your account
(no API is called: quotas, existing resources, permissions, AMIs and certificates are not checked).

options:
  --outdir <dir>      the cdktf output folder (default: $CDKTF_OUTDIR or cdktf.out)
  --skip-synth        plan what is already in <dir>/stacks/<stack>/
  -o, --output <file> where to write the plan JSON (default: <dir>/stacks/<stack>/plan.json)
  -h, --help          show this help

exit codes: 0 planned, 1 terraform init or plan failed, 2 bad usage or missing input
(no such stack, no terraform on PATH, no provider mirror).
`;

/** Parsed command line. */
export interface PlanOptions {
  readonly stack: string;
  readonly outdir: string;
  readonly skipSynth: boolean;
  readonly output?: string;
}

/** Mock credentials and skip flags: enough for `terraform plan` without any AWS API call. */
export const MOCK_AWS_SETTINGS = {
  access_key: 'mock-access-key-for-offline-plan',
  secret_key: 'mock-secret-key-for-offline-plan',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};

/** Parses `plan`'s arguments; `undefined` for `--help`. */
export function parsePlanArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): PlanOptions | undefined {
  const parsed = parseCommandLine(
    argv,
    { outdir: { type: 'string' }, 'skip-synth': { type: 'boolean' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    (problem) => new UsageError(`${problem.text}. Run \`secure-rdp-hosts plan --help\`.`),
  );
  if (parsed.values.help) return undefined;
  if (parsed.positionals.length !== 1) throw new UsageError(`expected one stack name, got ${parsed.positionals.length}. Run \`secure-rdp-hosts plan --help\`.`);
  return { stack: parsed.positionals[0], outdir: parsed.values.outdir ?? env.CDKTF_OUTDIR ?? 'cdktf.out', skipSynth: parsed.values['skip-synth'] ?? false, output: parsed.values.output };
}

/**
 * The override that makes a stack plannable offline: mock credentials on every `aws` provider block
 * (aliases included) and a local backend in `stateFile`, so no real state is read or written.
 */
export function offlineOverride(cdkTfJson: { provider?: Record<string, unknown> }, stateFile: string): Record<string, unknown> {
  const aws = cdkTfJson.provider?.aws;
  const blocks = (Array.isArray(aws) ? aws : aws ? [aws] : []) as { alias?: string }[];
  const override: Record<string, unknown> = { terraform: { backend: { local: { path: stateFile } } } };
  if (blocks.length > 0) override.provider = { aws: blocks.map((b) => (b.alias ? { alias: b.alias, ...MOCK_AWS_SETTINGS } : { ...MOCK_AWS_SETTINGS })) };
  return override;
}

function progress(message: string): void {
  process.stderr.write(`plan: ${message}\n`);
}

/** Runs a command to completion; returns its status, its standard output, and all of its output. */
function exec(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, shell = false): { status: number | null; stdout: string; output: string } {
  const result = spawnSync(command, [...args], { cwd, env, encoding: 'utf8', shell, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.error ? null : result.status, stdout: result.stdout ?? '', output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** Synthesizes with the `app` command of ./cdktf.json into `outdir`. */
function synthesize(outdir: string): void {
  let app: string | undefined;
  try {
    app = (JSON.parse(fs.readFileSync('cdktf.json', 'utf8')) as { app?: string }).app;
  } catch {
    throw new UsageError('cannot read ./cdktf.json (its "app" command synthesizes the stacks). Run from the project root, or synthesize first and pass --skip-synth.');
  }
  if (!app) throw new UsageError('./cdktf.json has no "app" command. Synthesize first and pass --skip-synth.');
  progress(`synthesizing (${app}) into ${outdir}…`);
  const synth = exec(app, [], process.cwd(), { ...process.env, CDKTF_OUTDIR: outdir }, true);
  if (synth.status !== 0) throw new UsageError(`synthesis failed (exit ${synth.status}):\n${synth.output.trim()}`);
}

/** Runs `plan` and returns its exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  let options: PlanOptions | undefined;
  try {
    options = parsePlanArgs(argv);
    if (!options) {
      process.stdout.write(USAGE);
      return 0;
    }
    return plan(options);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`secure-rdp-hosts plan: ${e.message}\n`);
    return 2;
  }
}

function plan(options: PlanOptions): number {
  const terraformVersion = exec('terraform', ['version'], process.cwd(), process.env);
  if (terraformVersion.status !== 0) throw new UsageError('terraform is not on PATH. Install Terraform ≥ 1.10 (tested with 1.11).');
  const mirror = findProviderMirror();
  if (!mirror.found) throw new UsageError(mirror.reason);

  if (!options.skipSynth) synthesize(options.outdir);
  const stackDir = path.resolve(options.outdir, 'stacks', options.stack);
  const stackFile = path.join(stackDir, 'cdk.tf.json');
  if (!fs.existsSync(stackFile)) {
    const stacksDir = path.resolve(options.outdir, 'stacks');
    const known = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : [];
    throw new UsageError(`no stack ${JSON.stringify(options.stack)} in ${options.outdir} (${known.length > 0 ? `stacks: ${known.join(', ')}` : 'no stacks; synthesize first'}).`);
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-rdp-hosts-plan-'));
  const overrideFile = path.join(stackDir, OVERRIDE_FILE);
  const env = offlineTerraformEnv(mirror.root, path.join(work, 'terraform.rc'));

  try {
    const cdkTfJson = JSON.parse(fs.readFileSync(stackFile, 'utf8')) as { provider?: Record<string, unknown> };
    fs.writeFileSync(overrideFile, JSON.stringify(offlineOverride(cdkTfJson, path.join(work, 'offline.tfstate')), null, 2));
    progress(`terraform init (providers from ${mirror.root}, ${mirror.source})…`);
    const init = exec('terraform', ['init', '-input=false', '-no-color', '-reconfigure'], stackDir, env);
    if (init.status !== 0) {
      process.stderr.write(`${init.output.trim()}\n\nterraform init failed in ${stackDir}. The mirror must hold every provider the stack uses (the Azure stacks need hashicorp/azurerm and hashicorp/random).\n`);
      return 1;
    }
    progress('terraform plan (mock AWS credentials, empty throwaway state)…');
    const planFile = path.join(work, 'offline.tfplan');
    const planned = exec('terraform', ['plan', '-input=false', '-lock=false', '-no-color', `-out=${planFile}`], stackDir, env);
    if (planned.status !== 0) {
      process.stderr.write(`${planned.output.trim()}\n\nterraform plan failed in ${stackDir}.\n`);
      return 1;
    }
    progress('terraform show -json…');
    const shown = exec('terraform', ['show', '-json', planFile], stackDir, env);
    if (shown.status !== 0) {
      process.stderr.write(`${shown.output.trim()}\n\nterraform show failed.\n`);
      return 1;
    }
    const output = options.output ?? path.join(options.outdir, 'stacks', options.stack, 'plan.json');
    fs.writeFileSync(output, shown.stdout.trim() + '\n');
    const summary = /Plan: .*\./.exec(planned.output)?.[0] ?? 'No changes.';
    process.stdout.write(`${options.stack}: ${summary} Plan JSON: ${output}. Review it with \`secure-rdp-hosts check ${output}\`.\n`);
    return 0;
  } finally {
    fs.rmSync(overrideFile, { force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}
