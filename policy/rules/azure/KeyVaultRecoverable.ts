import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool } from '../../values';

/** Key Vaults are recoverable: purge protection on (soft delete is always on in azurerm 4.x). */
export default function KeyVaultRecoverable(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_key_vault') return Compliance.NOT_APPLICABLE;
  return bool(resource.body.purge_protection_enabled, 'purge_protection_enabled') === true ? Compliance.COMPLIANT : ['`purge_protection_enabled` is not true: a deleted vault and its secrets can be purged at once'];
}
