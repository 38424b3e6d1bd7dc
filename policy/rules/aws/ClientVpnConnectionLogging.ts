import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, bool } from '../../values';

/** Client VPN endpoints log every connection to CloudWatch (`connection_log_options`). */
export default function ClientVpnConnectionLogging(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_ec2_client_vpn_endpoint') return Compliance.NOT_APPLICABLE;
  const options = block(resource.body.connection_log_options, 'connection_log_options');
  if (!options || bool(options.enabled, 'connection_log_options.enabled') !== true) return ['connection logging is off'];
  const group = options.cloudwatch_log_group;
  return group === undefined || group === null || group === '' ? ['connection logging has no `cloudwatch_log_group`'] : Compliance.COMPLIANT;
}
