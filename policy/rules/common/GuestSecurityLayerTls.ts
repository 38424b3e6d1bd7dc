import { PolicyDocument } from '../../document';
import { judgeSetting } from '../../guest/verdict';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** The script body sets the RDP security layer to TLS (`SecurityLayer` = 2; the policy key wins over the listener's). */
export default function GuestSecurityLayerTls(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) =>
    judgeSetting(p.guest.securityLayer, 'SecurityLayer', (layer, line) => (layer === 'tls' ? undefined : `security layer is ${JSON.stringify(layer)} (line ${line}), not "tls"`)),
  );
}
