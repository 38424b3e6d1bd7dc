import { PolicyDocument } from '../../document';
import { isHost } from '../../network/hosts';
import { reachabilityOf } from '../../network/reachability';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/**
 * A host reaches its management plane: on AWS, interface endpoints for `ssm`, `ssmmessages` and
 * `ec2messages` in its VPC (private DNS, HTTPS admitted both ways), or a default route to a NAT
 * gateway, or an internet gateway plus a public address; on Azure, the VM agent's platform path.
 * Not applicable to hosts whose subnet is outside the document (an existing network).
 */
export default function HostHasManagementPath(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource)) return Compliance.NOT_APPLICABLE;
  const { management } = reachabilityOf(resource, doc);
  if (management.state === 'yes') return Compliance.COMPLIANT;
  // A subnet outside the document (an existing network) is the network owner's to prove; the exposure map shows it as unknown.
  if (management.outside) return Compliance.NOT_APPLICABLE;
  if (management.state === 'unknown') return { unknown: management.via.map((v) => `management path cannot be verified: ${v}`) };
  return [`the host cannot reach Systems Manager, so the hardening association never runs and later port or allowlist changes never reach the guest: ${management.via.join('; ')}`];
}
