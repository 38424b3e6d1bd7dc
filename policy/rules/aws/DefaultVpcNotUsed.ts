import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** Types that land in the default VPC when they name no subnet. */
function isLaunched(type: string): boolean {
  return ['aws_instance'].includes(type);
}

/**
 * Nothing uses the default VPC: no `aws_default_vpc` / `aws_default_subnet` is managed, and no
 * instance omits `subnet_id` (which launches it into the default VPC, whose subnets map public IPs).
 */
export default function DefaultVpcNotUsed(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type === 'aws_default_vpc' || resource.type === 'aws_default_subnet') return [`${resource.address} manages the account's default VPC (public subnets, an internet gateway, a permissive default security group)`];
  if (!isLaunched(resource.type)) return Compliance.NOT_APPLICABLE;
  const hasSubnet = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
  const nics = resource.body.network_interface;
  if (hasSubnet(resource.body.subnet_id) || (Array.isArray(nics) ? nics.length > 0 : nics !== undefined && nics !== null) || resource.body.launch_template !== undefined) return Compliance.COMPLIANT;
  return ['no `subnet_id`: the instance is launched into the default VPC'];
}
