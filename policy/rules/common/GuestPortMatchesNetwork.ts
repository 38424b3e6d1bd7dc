import { PolicyDocument } from '../../document';
import { DEFAULT_RDP_PORT, reachOf } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { hostProfiles, isAzureDefaultRule } from '../support';

/**
 * The guest listens where the network lets clients in: the scripts delivered to the host write one
 * value to `PortNumber`, it is not 3389, and a security rule of the host admits TCP on it (an Azure
 * NSG's default rules and a NIC without an NSG are no such rule).
 */
export default function GuestPortMatchesNetwork(resource: SynthResource, doc: PolicyDocument): RuleResult {
  const profiles = hostProfiles(resource, doc);
  if (profiles === Compliance.NOT_APPLICABLE) return profiles;
  const unknown = profiles.flatMap((p) => (p.guest.port.state === 'unknown' ? [`${p.via}: PortNumber cannot be proven from the script body: ${p.guest.port.reason}`] : []));
  const written = profiles.flatMap((p) => (p.guest.port.state === 'set' ? [{ via: p.via, port: p.guest.port.value, line: p.guest.port.line }] : []));
  const ports = [...new Set(written.map((w) => w.port))];
  if (ports.length > 1) return [`the scripts delivered to the host write different ports to PortNumber (${written.map((w) => `${w.via}: ${w.port}`).join(', ')})`];
  if (ports.length === 0) {
    if (unknown.length > 0) return { unknown };
    return [`no script delivered to the host writes PortNumber: the guest listens on the default port ${DEFAULT_RDP_PORT}`];
  }
  const [port] = ports;
  if (port === DEFAULT_RDP_PORT) return [`the guest listens on the default port ${DEFAULT_RDP_PORT} (${written[0].via} line ${written[0].line})`];
  if (unknown.length > 0) return { unknown };
  const admitted = reachOf(resource, doc, port).filter((r) => r.transport === 'tcp' && !isAzureDefaultRule(r.via) && !r.via.endsWith('has no network security group'));
  if (admitted.length === 0) return [`the guest listens on ${port} but no security rule of the host admits tcp ${port}`];
  return Compliance.COMPLIANT;
}
