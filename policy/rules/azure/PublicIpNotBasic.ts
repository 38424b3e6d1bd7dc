import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { str } from '../../values';

/** Public IPs use the Standard SKU: Basic is retired (30 September 2025) and is open by default, not secure by default. */
export default function PublicIpNotBasic(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_public_ip' && resource.type !== 'azurerm_public_ip_prefix') return Compliance.NOT_APPLICABLE;
  // No SKU is Standard (azurerm's default).
  return str(resource.body.sku, 'sku')?.toLowerCase() === 'basic' ? ['uses the retired Basic SKU, which is open to inbound traffic unless an NSG closes it'] : Compliance.COMPLIANT;
}
