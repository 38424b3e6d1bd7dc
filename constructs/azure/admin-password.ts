import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { Password } from '@cdktf/provider-random/lib/password';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { checkIntegerInRange } from './integer-range';
import { IAzureRdpKeyVault } from './rdp-key-vault';
import { RdpValidationError, showValue, terraformLiteralTags } from '../core';
import { requireProviderConstructs } from '../compat';

/** Length of a generated admin password (Azure accepts 12–123 characters). */
export const ADMIN_PASSWORD_LENGTH = 32;
/**
 * Special characters a generated password may contain: none that needs quoting in PowerShell, cmd,
 * JSON or XML (no `$`, backtick, quotes, `\`, `&`, `<`, `>`, `@`, `^`).
 */
export const ADMIN_PASSWORD_SPECIALS = '!#%*()-_=+[]{}:,.?';

/** Properties of {@link AzureAdminPassword}. */
export interface AzureAdminPasswordProps {
  /** The vault that stores the password. */
  readonly keyVault: IAzureRdpKeyVault;
  /** Name of the Key Vault secret (1–127 letters, digits and hyphens). */
  readonly secretName: string;
  /**
   * Days from the first apply until the secret's expiry date, a reminder to rotate (1–365). Key Vault
   * still returns an expired secret, so access never breaks; Azure Policy and Defender report it.
   * @default 90
   */
  readonly validityDays?: number;
  /**
   * Tags of the secret (never put the password in one).
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * A generated administrator password (`random_password`, 32 characters, all four character classes)
 * stored as a Key Vault secret with a content type and an expiry date. The value never appears in the
 * synthesized JSON: the VM and the secret receive a reference to `random_password.<name>.result`.
 * Like every Terraform-managed credential, the value is in Terraform state, so protect the state.
 *
 * Expiry: `timeadd(plantimestamp(), "<validityDays × 24>h")`, set when the secret is created and then
 * left alone (`ignore_changes`), so synthesis is deterministic and plans don't drift every day.
 */
export class AzureAdminPassword extends Construct {
  /** The secret's versionless ID (`https://<vault>.vault.azure.net/secrets/<name>`): where admins read the password. Not itself secret. */
  public readonly secretId: string;
  /** The secret (escape hatch). */
  public readonly secret: KeyVaultSecret;
  /** The generator (escape hatch). Its `result` is the password: pass it only to sensitive arguments. */
  public readonly password: Password;

  constructor(scope: Construct, id: string, props: AzureAdminPasswordProps) {
    super(scope, id);
    requireProviderConstructs(this);
    const validityDays = checkIntegerInRange(props.validityDays ?? 90, 1, 365, 'validityDays', 'days until the secret expires');
    if (typeof props.secretName !== 'string' || !/^[a-zA-Z0-9-]{1,127}$/.test(props.secretName)) {
      throw new RdpValidationError('secretName', props.secretName, `must be a Key Vault secret name, got ${showValue(props.secretName)}. Allowed: 1–127 letters, digits and hyphens.`);
    }
    this.password = new Password(this, 'Resource', {
      length: ADMIN_PASSWORD_LENGTH,
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 2,
      overrideSpecial: ADMIN_PASSWORD_SPECIALS,
    });
    this.secret = new KeyVaultSecret(this, 'Secret', {
      name: props.secretName,
      keyVaultId: props.keyVault.keyVaultId,
      value: this.password.result,
      contentType: 'password',
      expirationDate: Fn.timeadd(Fn.plantimestamp(), `${validityDays * 24}h`),
      lifecycle: { ignoreChanges: ['expiration_date'] },
      dependsOn: [...props.keyVault.secretWriteDependencies],
      tags: props.tags && terraformLiteralTags(props.tags),
    });
    this.secretId = this.secret.versionlessId;
  }

  /** The password, as a reference for a sensitive argument such as `admin_password`. @internal */
  public get value(): string {
    return this.password.result;
  }
}
