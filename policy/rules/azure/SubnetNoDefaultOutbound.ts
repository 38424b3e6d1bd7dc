import { PolicyDocument } from '../../document';
import { isHost } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool, blocks, list } from '../../values';

/**
 * A subnet that holds an RDP host turns Azure's implicit default outbound access off
 * (`default_outbound_access_enabled = false`; azurerm defaults it to true), unless a NAT gateway
 * gives it an explicit egress path. Azure's counterpart of "no egress to the world without opt-in".
 */
export default function SubnetNoDefaultOutbound(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_subnet') return Compliance.NOT_APPLICABLE;
  const nics = doc.ofType('azurerm_network_interface').filter((nic) => blocks(nic.body.ip_configuration, 'ip_configuration').some((ipc) => doc.refersTo(ipc.subnet_id, resource, nic)));
  const holdsHost = doc.resources.some((r) => isHost(r) && list(r.body.network_interface_ids, 'network_interface_ids').some((v) => nics.some((nic) => doc.refersTo(v, nic, r))));
  if (!holdsHost) return Compliance.NOT_APPLICABLE;
  if (bool(resource.body.default_outbound_access_enabled, 'default_outbound_access_enabled') === false) return Compliance.COMPLIANT;
  if (doc.ofType('azurerm_subnet_nat_gateway_association').some((a) => doc.refersTo(a.body.subnet_id, resource, a))) return Compliance.COMPLIANT;
  return ['default outbound access is on (azurerm\'s default when `default_outbound_access_enabled` is not false): the hosts reach the internet through an implicit, shared address nobody opted into'];
}
