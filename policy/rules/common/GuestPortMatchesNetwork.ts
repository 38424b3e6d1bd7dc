import { PolicyDocument } from '../../document';
import { DEFAULT_RDP_PORT, reachOf } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { hostProfiles, judgeHostProfiles } from '../support';

/**
 * The guest listens where the network lets clients in: the manifest's port is the one the script
 * writes to `PortNumber`, every profile delivered to the host agrees, it is not 3389, and a
 * security rule of the host admits TCP on it.
 */
export default function GuestPortMatchesNetwork(resource: SynthResource, doc: PolicyDocument): RuleResult {
  const profiles = hostProfiles(resource, doc);
  const declared = Array.isArray(profiles) ? new Set(profiles.map((p) => p.manifest.port)) : new Set();
  return judgeHostProfiles(resource, doc, (profile) => {
    const port = profile.manifest.port;
    if (typeof port !== 'number' || !Number.isInteger(port)) return { unknown: 'the manifest states no integer `port`' };
    if (declared.size > 1) return `profiles delivered to the host disagree on the port (${[...declared].join(', ')})`;
    if (port === DEFAULT_RDP_PORT) return `the guest listens on the default port ${DEFAULT_RDP_PORT}`;
    const written = profile.portNumbersInScript;
    if (!written.includes(port)) return `the manifest says port ${port} but the script ${written.length ? `writes PortNumber = ${written.join(', ')}` : 'never writes PortNumber'}`;
    if (written.length > 1) return `the script writes several values to PortNumber (${written.join(', ')})`;
    const admitted = reachOf(resource, doc, port).filter((r) => r.transport === 'tcp' && !r.via.startsWith('AllowVnetInBound') && !r.via.endsWith('has no network security group'));
    if (admitted.length === 0) return `the guest listens on ${port} but no security rule of the host admits tcp ${port}`;
    return undefined;
  });
}
