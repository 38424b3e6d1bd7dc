import { PolicyDocument } from '../../document';
import { azureNicsOf } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { blocks } from '../../values';

/**
 * An NSG on an RDP host's network interface is also on the host's subnet: every subnet a host NIC
 * sits in (a subnet of the document or an existing subnet ID) has an
 * `azurerm_subnet_network_security_group_association`. Judged on the NIC association, where the
 * constructs record the `skipSubnetNsgAssociation` acknowledgement. A host with no NSG at all is
 * RDP-NET-HOST-FILTERED's finding.
 */
export default function HostSubnetHasNsg(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_network_interface_security_group_association') return Compliance.NOT_APPLICABLE;
  const nic = doc.follow(resource.body.network_interface_id, 'network_interface_id', resource, 'azurerm_network_interface');
  if (!nic || !doc.ofType('azurerm_windows_virtual_machine').some((vm) => azureNicsOf(vm, doc).includes(nic))) return Compliance.NOT_APPLICABLE;
  const associations = doc.ofType('azurerm_subnet_network_security_group_association');
  const findings: string[] = [];
  for (const ipc of blocks(nic.body.ip_configuration, 'ip_configuration')) {
    // The same text (an existing subnet's ID, a data source) names the same subnet; Azure IDs ignore case.
    const sameText = associations.some((a) => typeof a.body.subnet_id === 'string' && typeof ipc.subnet_id === 'string' && a.body.subnet_id.toLowerCase() === ipc.subnet_id.toLowerCase());
    if (sameText) continue;
    const subnet = doc.follow(ipc.subnet_id, 'ip_configuration.subnet_id', nic, 'azurerm_subnet');
    if (!subnet || !associations.some((a) => doc.refersTo(a.body.subnet_id, subnet, a))) findings.push(`${nic.address} sits in ${subnet?.address ?? `subnet ${String(ipc.subnet_id)}`}, which has no network security group: other NICs placed there are unfiltered, and only this NIC's NSG guards the host`);
  }
  return findings;
}
