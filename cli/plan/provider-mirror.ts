/**
 * The offline Terraform setup of `secure-rdp-hosts plan` (the repository's terraform test tier reuses it):
 * find a local provider mirror and write a Terraform CLI configuration that installs
 * providers from it (`provider_installation { filesystem_mirror { … } }`), so `terraform init`,
 * `cdktf diff` and `cdktf deploy` work where the Terraform registry is unreachable.
 *
 * Location order: the `RDP_TF_PROVIDER_MIRROR` environment variable, then well-known folders.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Environment variable naming the mirror root (the folder that contains `registry.terraform.io/`). */
export const MIRROR_ENV_VAR = 'RDP_TF_PROVIDER_MIRROR';

/** Folders searched when the variable is unset, in order. */
export const MIRROR_CANDIDATES: readonly string[] = [
  '/opt/tf-plugins',
  path.join(os.homedir(), '.terraform.d', 'plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
  path.join(os.homedir(), '.local', 'share', 'terraform', 'plugins'),
];

/** True when `root` holds hashicorp/aws in the filesystem-mirror layout. */
export function isProviderMirror(root: string, provider = 'hashicorp/aws'): boolean {
  return fs.existsSync(path.join(root, 'registry.terraform.io', provider));
}

/** Where the mirror was found, or why not. */
export type MirrorLookup = { readonly found: true; readonly root: string; readonly source: string } | { readonly found: false; readonly reason: string };

/** Finds the provider mirror: the environment variable first, then the well-known folders. */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): MirrorLookup {
  const configured = env[MIRROR_ENV_VAR];
  if (configured) {
    return isProviderMirror(configured)
      ? { found: true, root: configured, source: MIRROR_ENV_VAR }
      : { found: false, reason: `${MIRROR_ENV_VAR}=${configured} does not contain registry.terraform.io/hashicorp/aws/<version>/<os_arch>/.` };
  }
  const root = MIRROR_CANDIDATES.find((candidate) => isProviderMirror(candidate));
  if (root) return { found: true, root, source: 'discovered' };
  return {
    found: false,
    reason:
      `no Terraform provider mirror found. Set ${MIRROR_ENV_VAR} to a folder laid out as ` +
      'registry.terraform.io/hashicorp/aws/5.100.0/<os_arch>/terraform-provider-aws_v5.100.0_x5 ' +
      `(e.g. made with \`terraform providers mirror <dir>\` on a connected machine), or place it in one of: ${MIRROR_CANDIDATES.join(', ')}.`,
  };
}

/** The Terraform CLI configuration text that installs providers only from `mirrorRoot`. */
export function cliConfigFor(mirrorRoot: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirrorRoot)}`,
    '    include = ["registry.terraform.io/*/*"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Writes the CLI configuration to `file` and returns the file path. */
export function writeCliConfig(mirrorRoot: string, file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, cliConfigFor(mirrorRoot));
  return file;
}

/**
 * The environment for an offline Terraform run: the mirror-only CLI config written to `cliConfigFile`,
 * no prompts or update checks, and no real AWS credentials, profile or instance metadata that could
 * reach the run.
 */
export function offlineTerraformEnv(mirrorRoot: string, cliConfigFile: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    TF_CLI_CONFIG_FILE: writeCliConfig(mirrorRoot, cliConfigFile),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
  };
}
