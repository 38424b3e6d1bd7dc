import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { str } from '../../values';

/** Every VPC has a flow log that records all traffic, accepted and rejected (CIS AWS 3.7). */
export default function VpcFlowLogs(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_vpc') return Compliance.NOT_APPLICABLE;
  const logs = doc.referrers(resource, 'aws_flow_log', 'vpc_id');
  if (logs.length === 0) return ['no `aws_flow_log` records this VPC'];
  const all = logs.some((l) => str(l.body.traffic_type, 'traffic_type')?.toUpperCase() === 'ALL');
  return all ? Compliance.COMPLIANT : [`flow logs record only ${logs.map((l) => String(l.body.traffic_type ?? '(unset)')).join(', ')} traffic; rejected RDP attempts need ALL`];
}
