import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool, isUnresolved } from '../../values';

/**
 * An Azure Bastion has shareable links off: a shareable link lets anyone holding the URL open an RDP
 * session in a browser without an Azure role on the VM (they still need the VM's credentials).
 */
export default function BastionNoShareableLinks(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_bastion_host') return Compliance.NOT_APPLICABLE;
  const value = resource.body.shareable_link_enabled;
  if (isUnresolved(value)) return { unknown: ['shareable_link_enabled is an expression'] };
  return bool(value, 'shareable_link_enabled') === true ? ['shareable_link_enabled = true: anyone with a link can open a session'] : Compliance.COMPLIANT;
}
