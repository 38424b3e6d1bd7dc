import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool } from '../../values';

/** Traffic through every NSG is flow-logged: an enabled flow log on the NSG, or a VNet flow log in the stack. */
export default function NsgFlowLogs(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_network_security_group') return Compliance.NOT_APPLICABLE;
  const enabled = doc.ofType('azurerm_network_watcher_flow_log').filter((l) => bool(l.body.enabled, 'enabled') !== false);
  const covered = enabled.some(
    (l) => doc.refersTo(l.body.network_security_group_id, resource, l) || doc.refersTo(l.body.target_resource_id, resource, l) || doc.resolve(l.body.target_resource_id, l)?.type === 'azurerm_virtual_network',
  );
  return covered ? Compliance.COMPLIANT : ['no enabled `azurerm_network_watcher_flow_log` covers this NSG or a virtual network of the stack'];
}
