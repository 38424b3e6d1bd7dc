import { PolicyDocument } from '../../document';
import { describeEgress, egressOf, egressOfGroup } from '../../network/egress';
import { SourceKind } from '../../network/sources';
import { isBastionSubnetNsg, isOnlyPort } from '../../network/zero-inbound';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** Groups whose egress (inline and standalone) is judged on the group itself. */
function isGroup(type: string): boolean {
  return ['aws_security_group', 'azurerm_network_security_group'].includes(type);
}
/** Standalone egress rules, judged on their own when their group is not in the document. */
function isStandalone(type: string): boolean {
  return ['aws_vpc_security_group_egress_rule', 'aws_security_group_rule', 'azurerm_network_security_rule'].includes(type);
}

/**
 * No security group or NSG allows outbound traffic to the whole internet (`0.0.0.0/0`, `::/0`, `*`,
 * `Internet`) without an acknowledged opt-in. Judged on the group, so one acknowledgement on the
 * group covers its standalone rules. Exempt: port 80 on the NSG of an `AzureBastionSubnet` holding a
 * Bastion (Microsoft requires it).
 */
export default function NoWorldEgress(resource: SynthResource, doc: PolicyDocument): RuleResult {
  let permissions;
  if (isGroup(resource.type)) permissions = egressOfGroup(resource, doc);
  else if (isStandalone(resource.type)) permissions = egressOf(resource, doc).filter((p) => p.group === undefined);
  else return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  for (const p of permissions) {
    if (p.access !== 'allow') continue;
    // An Azure Bastion must reach Internet on 80 (Microsoft's required AzureBastionSubnet rule).
    if (isOnlyPort(p.ports, 80) && isBastionSubnetNsg(p.group, doc)) continue;
    for (const d of p.destinations) {
      if (d.kind === SourceKind.WORLD) findings.push(`${describeEgress(p)} allows ${p.transport === 'all' ? 'all protocols' : p.transport} on ${p.ports.map((r) => (r.from <= 0 && r.to >= 65535 ? 'all ports' : r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ')} to ${d.value}`);
    }
  }
  return findings;
}
