import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** Instances have an IAM instance profile, so Systems Manager can keep the hardening applied. */
export default function Ec2InstanceProfile(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_instance') return Compliance.NOT_APPLICABLE;
  const profile = resource.body.iam_instance_profile;
  return profile === undefined || profile === null || profile === '' ? ['no `iam_instance_profile`: SSM cannot manage or re-apply the hardening'] : Compliance.COMPLIANT;
}
