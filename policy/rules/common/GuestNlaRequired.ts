import { PolicyDocument } from '../../document';
import { manifestValue } from '../../guest/profile';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** The guest requires Network Level Authentication (`UserAuthentication` = 1). */
export default function GuestNlaRequired(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    const nla = manifestValue(p.manifest, 'nla', 'requireNla');
    if (typeof nla !== 'boolean') return { unknown: 'the manifest states no `nla`' };
    return nla ? undefined : 'Network Level Authentication is off: the logon screen is served before authentication';
  });
}
