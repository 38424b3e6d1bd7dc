import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** Key Vault secrets carry an expiration date, so stale credentials surface. */
export default function KeyVaultSecretExpiry(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_key_vault_secret') return Compliance.NOT_APPLICABLE;
  const expiry = resource.body.expiration_date;
  return expiry === undefined || expiry === null || expiry === '' ? ['no `expiration_date`'] : Compliance.COMPLIANT;
}
