import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { list } from '../../values';

/** Every VPC's default security group is managed and has no rules (CIS AWS 5.4). */
export default function DefaultSecurityGroupClosed(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type === 'aws_vpc') {
    const managed = doc.referrers(resource, 'aws_default_security_group', 'vpc_id');
    return managed.length > 0 ? Compliance.COMPLIANT : ['the default security group is not managed, so it keeps its allow-all rules for members'];
  }
  if (resource.type !== 'aws_default_security_group') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  if (list(resource.body.ingress, 'ingress').length > 0) findings.push('the default security group has ingress rules');
  if (list(resource.body.egress, 'egress').length > 0) findings.push('the default security group has egress rules');
  return findings;
}
