import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, bool, str } from '../../values';

/** Key Vaults are not open to every network: public access off, or `network_acls.default_action = "Deny"`. */
export default function KeyVaultNetworkRestricted(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_key_vault') return Compliance.NOT_APPLICABLE;
  if (bool(resource.body.public_network_access_enabled, 'public_network_access_enabled') === false) return Compliance.COMPLIANT;
  const acls = block(resource.body.network_acls, 'network_acls');
  return str(acls?.default_action, 'network_acls.default_action')?.toLowerCase() === 'deny' ? Compliance.COMPLIANT : ['the vault accepts requests from every network (no `network_acls` with `default_action = "Deny"`)'];
}
