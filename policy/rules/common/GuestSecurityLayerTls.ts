import { PolicyDocument } from '../../document';
import { manifestValue } from '../../guest/profile';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** The guest's RDP security layer is TLS (`SecurityLayer` = 2), so the server is authenticated and clients cannot fall back. */
export default function GuestSecurityLayerTls(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    const layer = manifestValue(p.manifest, 'securityLayer');
    if (typeof layer !== 'string') return { unknown: 'the manifest states no `securityLayer`' };
    return layer.toLowerCase() === 'tls' ? undefined : `security layer is ${JSON.stringify(layer)}, not "tls"`;
  });
}
