import { PolicyDocument } from '../../document';
import { judgeSetting } from '../../guest/verdict';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** The script body requires Network Level Authentication (`UserAuthentication` = 1; the policy key wins over the listener's). */
export default function GuestNlaRequired(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) =>
    judgeSetting(p.guest.nla, 'UserAuthentication', (nla, line) => (nla ? undefined : `Network Level Authentication is off (line ${line}): the logon screen is served before authentication`)),
  );
}
