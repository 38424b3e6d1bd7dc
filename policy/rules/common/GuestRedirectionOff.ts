import { PolicyDocument } from '../../document';
import { manifestValue } from '../../guest/profile';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** No device redirection (drives, clipboard, printers, ports, …) is allowed into the session. */
export default function GuestRedirectionOff(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    const allowed = manifestValue(p.manifest, 'allowedRedirections', 'redirection.allowed');
    if (!Array.isArray(allowed)) return { unknown: 'the manifest states no `allowedRedirections`' };
    return allowed.length === 0 ? undefined : `redirection allowed for ${allowed.map(String).join(', ')}`;
  });
}
