import { PolicyDocument } from '../../document';
import { isHost } from '../../network/hosts';
import { PRIVATE_CLASSES, reachabilityOf, showRanges, withoutPorts } from '../../network/reachability';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/**
 * No port other than RDP is reachable from a VPN pool, on-premises ranges, the virtual network /
 * VPC or peered networks. On Azure this catches NSGs without a deny-all above `AllowVnetInBound`
 * (65000), on either layer; on AWS, group or range rules that open more than the RDP port.
 */
export default function PrivateSourcesReachOnlyRdp(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource)) return Compliance.NOT_APPLICABLE;
  const model = reachabilityOf(resource, doc);
  const findings = new Set<string>();
  for (const e of model.entries) {
    if (!PRIVATE_CLASSES.includes(e.sourceClass)) continue;
    const rest = withoutPorts(e.ports, model.rdpPorts);
    if (rest.length > 0) findings.add(`${e.transport} ${showRanges(rest)} reachable from ${e.label} [${e.sourceClass}] through ${e.through.join(' + ')}`);
  }
  return [...findings];
}
