import { AzurermBackend, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_STATE_KEY_PREFIX, StateConfig } from './config/state-config';

/** Which cloud a stack belongs to; decides which remote state applies. */
export type StackCloud = 'aws' | 'azure';

/** The state key of a stack: `<prefix>/<environment>/<stack>.tfstate`, unique per stack and environment. */
export function stateKey(prefix: string | undefined, environment: string | undefined, stackId: string): string {
  return `${prefix ?? DEFAULT_STATE_KEY_PREFIX}/${environment ?? 'default'}/${stackId}.tfstate`;
}

/** The project root: the nearest folder with a cdktf.json, from `cwd` upwards; `cwd` itself when there is none. */
export function projectRoot(cwd: string = process.cwd()): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'cdktf.json'))) return dir;
    if (dir === path.dirname(dir)) return path.resolve(cwd);
  }
}

/**
 * The local state file of a stack, `<project root>/terraform.<stack>.tfstate`, as a path relative to the
 * folder Terraform runs in (`<outdir>/stacks/<stack>/`), so it stays in the project root wherever the
 * output goes (`CDKTF_OUTDIR`).
 * @param outdir the cdktf output folder @default $CDKTF_OUTDIR, else cdktf.out
 */
export function localStatePath(stackId: string, outdir: string = process.env.CDKTF_OUTDIR || 'cdktf.out', root: string = projectRoot()): string {
  const stackDir = path.resolve(root, outdir, 'stacks', stackId);
  return path.relative(stackDir, path.join(root, `terraform.${stackId}.tfstate`)).split(path.sep).join('/');
}

/**
 * Gives a stack its backend: S3 (encrypted, Terraform's native S3 lock file, no DynamoDB) for AWS
 * stacks and Azure Blob Storage with Entra ID authentication for Azure stacks when configured;
 * otherwise a local state file in the project root (outside cdktf.out, so re-synthesis never loses it).
 */
export function configureStateBackend(stack: TerraformStack, cloud: StackCloud, state: StateConfig | undefined, environment: string | undefined): void {
  const id = stack.node.id;
  if (cloud === 'aws' && state?.s3) {
    new S3Backend(stack, { bucket: state.s3.bucket, region: state.s3.region, key: stateKey(state.s3.keyPrefix, environment, id), encrypt: true, kmsKeyId: state.s3.kmsKeyId });
    // Terraform >= 1.10 locks S3 state with a lock object next to it; cdktf 0.21's S3Backend predates the option.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
    return;
  }
  if (cloud === 'azure' && state?.azurerm) {
    new AzurermBackend(stack, {
      storageAccountName: state.azurerm.storageAccountName,
      containerName: state.azurerm.containerName,
      resourceGroupName: state.azurerm.resourceGroupName,
      key: stateKey(state.azurerm.keyPrefix, environment, id),
      useAzureadAuth: true,
    });
    return;
  }
  new LocalBackend(stack, { path: localStatePath(id) });
}
