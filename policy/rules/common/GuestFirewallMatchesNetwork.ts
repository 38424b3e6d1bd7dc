import { PolicyDocument } from '../../document';
import { reachOf } from '../../network/hosts';
import { classifyCidr, cidrContains, isPublicSource } from '../../network/sources';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeHostProfiles } from '../support';

/**
 * The guest firewall and the cloud network agree: every public source the network admits to the
 * RDP port is in the guest allowlist, and the network does not open UDP when the guest has it off.
 */
export default function GuestFirewallMatchesNetwork(resource: SynthResource, doc: PolicyDocument): RuleResult {
  return judgeHostProfiles(resource, doc, (p) => {
    const port = p.manifest.port;
    if (typeof port !== 'number') return { unknown: 'the manifest states no integer `port`' };
    const allowlist = Array.isArray(p.manifest.allowlist) ? p.manifest.allowlist.map((c) => classifyCidr(String(c))) : [];
    const reach = reachOf(resource, doc, port).filter((r) => !r.via.startsWith('AllowVnetInBound'));
    const problems: string[] = [];
    if (allowlist.length > 0) {
      for (const r of reach.filter((x) => isPublicSource(x.source))) {
        if (!allowlist.some((a) => cidrContains(a, r.source))) problems.push(`the network admits ${r.source.value} (${r.via}) but the guest allowlist does not`);
      }
    }
    if (p.manifest.udp === false && reach.some((r) => r.transport === 'udp')) problems.push(`the network admits udp ${port} but the guest has RDP over UDP off`);
    return problems.length > 0 ? [...new Set(problems)].join('; ') : undefined;
  });
}
