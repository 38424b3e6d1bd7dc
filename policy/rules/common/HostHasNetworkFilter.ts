import { PolicyDocument } from '../../document';
import { awsSecurityGroupsOf, azureNicsOf, azureNsgLayersOf, isHost } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** Every RDP host sits behind a security group / NSG of its own, never the VPC default group or no NSG at all. */
export default function HostHasNetworkFilter(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource)) return Compliance.NOT_APPLICABLE;
  if (resource.type === 'aws_instance') {
    const groups = awsSecurityGroupsOf(resource, doc);
    if (groups.length > 0) return Compliance.COMPLIANT;
    const listed = [resource.body.vpc_security_group_ids, resource.body.security_groups].some((v) => Array.isArray(v) && v.length > 0);
    return listed ? { unknown: ['its security groups are outside this document'] } : ['no security group attached: the VPC default security group applies'];
  }
  const nics = azureNicsOf(resource, doc);
  if (nics.length === 0) return { unknown: ['its network interfaces are outside this document'] };
  const unfiltered = nics.filter((nic) => {
    const layers = azureNsgLayersOf(nic, doc);
    return layers.subnet.length === 0 && layers.nic.length === 0;
  });
  return unfiltered.map((nic) => `${nic.address} has no network security group on the NIC or its subnet: all inbound traffic reaches the VM`);
}
