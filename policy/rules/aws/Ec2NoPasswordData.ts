import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool } from '../../values';

/** Instances do not fetch the EC2-generated Windows password (`get_password_data`), which lands in state. */
export default function Ec2NoPasswordData(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_instance') return Compliance.NOT_APPLICABLE;
  return bool(resource.body.get_password_data, 'get_password_data') === true ? ['`get_password_data = true` puts the encrypted administrator password into Terraform state'] : Compliance.COMPLIANT;
}
