/**
 * Test harness for real Terraform runs against synthesized stacks, offline: providers come from the
 * local mirror, and mock AWS credentials are injected here, in a `*_override.tf.json` file written
 * into the temporary stack folder — never into the shipped provider configuration.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MOCK_AWS_SETTINGS } from '../../cli/plan/command';
import { findProviderMirror, offlineTerraformEnv } from '../../cli/plan/provider-mirror';

/** The `plan` command's mock credentials and skip flags as a provider override: `terraform plan` without any AWS API call. */
export const MOCK_AWS_PROVIDER_OVERRIDE = { provider: { aws: MOCK_AWS_SETTINGS } };

/** The terraform binary and CLI config to use, or a message that says how to provide them. */
export function terraformSetup(): { ok: true; env: NodeJS.ProcessEnv } | { ok: false; message: string } {
  const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    return { ok: false, message: 'terraform is not on PATH. Install Terraform ≥ 1.10 (this project is tested with 1.11) and re-run.' };
  }
  const mirror = findProviderMirror();
  if (!mirror.found) return { ok: false, message: mirror.reason };
  return { ok: true, env: offlineTerraformEnv(mirror.root, path.join(os.tmpdir(), `rdp-terraform-${process.pid}`, 'terraform.rc')) };
}

/** Runs terraform in `dir`; throws with its output when it fails. */
export function terraform(dir: string, env: NodeJS.ProcessEnv, args: string[]): string {
  const result = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`terraform ${args.join(' ')} failed in ${dir} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Adds the mock-credential override next to a synthesized stack. */
export function injectMockCredentials(stackDir: string): void {
  fs.writeFileSync(path.join(stackDir, 'zz_offline_test_override.tf.json'), JSON.stringify(MOCK_AWS_PROVIDER_OVERRIDE, null, 2));
}

/** A planned resource from `terraform show -json`. */
export interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
}

/** init → validate → plan → show -json on a synthesized stack folder; returns the plan JSON and its resources. */
export function planOffline(stackDir: string, env: NodeJS.ProcessEnv): { plan: Record<string, unknown>; resources: PlannedResource[] } {
  injectMockCredentials(stackDir);
  terraform(stackDir, env, ['init', '-input=false', '-no-color']);
  const validation = JSON.parse(terraform(stackDir, env, ['validate', '-json', '-no-color']));
  if (!validation.valid) throw new Error(`terraform validate: ${JSON.stringify(validation.diagnostics, null, 2)}`);
  terraform(stackDir, env, ['plan', '-input=false', '-lock=false', '-no-color', '-out=offline.tfplan']);
  const plan = JSON.parse(terraform(stackDir, env, ['show', '-json', 'offline.tfplan'])) as Record<string, unknown>;
  const collect = (module: { resources?: PlannedResource[]; child_modules?: unknown[] } | undefined): PlannedResource[] =>
    module ? [...(module.resources ?? []), ...((module.child_modules ?? []) as (typeof module)[]).flatMap(collect)] : [];
  const root = (plan.planned_values as { root_module?: { resources?: PlannedResource[] } } | undefined)?.root_module;
  return { plan, resources: collect(root) };
}
