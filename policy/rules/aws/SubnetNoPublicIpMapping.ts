import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool } from '../../values';

/** Subnets do not give every instance a public IP (`map_public_ip_on_launch`, `assign_ipv6_address_on_creation` aside). */
export default function SubnetNoPublicIpMapping(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_subnet' && resource.type !== 'aws_default_subnet') return Compliance.NOT_APPLICABLE;
  const mapped = resource.type === 'aws_default_subnet' ? bool(resource.body.map_public_ip_on_launch, 'map_public_ip_on_launch') !== false : bool(resource.body.map_public_ip_on_launch, 'map_public_ip_on_launch') === true;
  return mapped ? ['`map_public_ip_on_launch` gives every instance launched here a public IP, whatever its own settings say'] : Compliance.COMPLIANT;
}
