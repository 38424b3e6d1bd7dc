import { PolicyDocument } from '../../document';
import { isHost, reachOf, rdpPortsOf } from '../../network/hosts';
import { isPublicSource, SourceKind } from '../../network/sources';
import { AccessMode, SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** A VPN-only host's RDP port is reachable only from private ranges, VPN security groups or the virtual network. */
export default function VpnOnlyHostPrivateSources(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource) || resource.accessMode !== AccessMode.VPN_ONLY) return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const unknown: string[] = [];
  for (const port of rdpPortsOf(resource, doc)) {
    for (const reach of reachOf(resource, doc, port)) {
      const line = `${reach.transport} ${port} reachable from ${reach.source.value} through ${reach.via}`;
      if (isPublicSource(reach.source)) findings.push(line);
      else if (reach.source.kind === SourceKind.UNRESOLVED) unknown.push(line);
    }
  }
  if (findings.length > 0) return findings;
  return unknown.length > 0 ? { unknown } : Compliance.COMPLIANT;
}
