import { PolicyDocument } from '../../document';
import { admits, isWorldSource } from '../../guest/guest-state';
import { combine, judgeSetting } from '../../guest/verdict';
import { reachOf } from '../../network/hosts';
import { cidrCoveredBy, classifyCidr, isPublicSource } from '../../network/sources';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeHostProfiles } from '../support';

/**
 * The guest firewall the script body builds and the cloud network agree: the guest admits no one
 * from everywhere, every public source the network admits to the RDP port is admitted by a guest
 * rule, and the network does not open UDP when the guest has RDP over UDP off.
 */
export default function GuestFirewallMatchesNetwork(resource: SynthResource, doc: PolicyDocument): RuleResult {
  return judgeHostProfiles(resource, doc, (p) => {
    if (p.guest.port.state !== 'set') return p.guest.port.state === 'unknown' ? { unknown: `PortNumber cannot be proven from the script body: ${p.guest.port.reason}` } : undefined;
    const port = p.guest.port.value;
    const firewall = judgeSetting(p.guest.firewall, 'the guest firewall', (rules) => {
      const problems: string[] = [];
      for (const rule of rules) {
        const world = rule.sources.filter(isWorldSource);
        if (world.length > 0 && (admits(rule, port, 'tcp') || admits(rule, port, 'udp') || admits(rule, 3389, 'tcp'))) {
          problems.push(`the guest firewall rule ${rule.name} (line ${rule.line}) admits ${world.join(', ')} on ${rule.ports === 'any' ? 'every port' : rule.ports.join(', ')}`);
        }
      }
      const guestSources = rules.filter((r) => admits(r, port, 'tcp')).flatMap((r) => r.sources).map((s) => classifyCidr(s));
      if (guestSources.length > 0) {
        for (const r of reachOf(resource, doc, port).filter((x) => isPublicSource(x.source))) {
          if (!cidrCoveredBy(r.source, guestSources)) problems.push(`the network admits ${r.source.value} (${r.via}) but the guest firewall does not`);
        }
      }
      return problems.length > 0 ? [...new Set(problems)].join('; ') : undefined;
    });
    const udp = judgeSetting(p.guest.udp, 'SelectTransport', (on, line) =>
      !on && reachOf(resource, doc, port).some((r) => r.transport === 'udp') ? `the network admits udp ${port} but the guest has RDP over UDP off (line ${line})` : undefined,
    );
    return combine([firewall, udp]);
  });
}
