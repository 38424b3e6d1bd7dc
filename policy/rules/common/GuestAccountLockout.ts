import { PolicyDocument } from '../../document';
import { combine, judgeSetting } from '../../guest/verdict';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** The script body's account lockout (`net accounts`) meets CIS: threshold 1-5, duration and reset window of at least 15 minutes. */
export default function GuestAccountLockout(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    const threshold = judgeSetting(p.guest.lockoutThreshold, 'the lockout threshold', (t, line) =>
      t === 0 ? `account lockout is off (line ${line}): passwords can be guessed without limit` : t > 5 ? `lockout after ${t} failed logons (line ${line}; CIS: 5 or fewer)` : undefined,
    );
    if (p.guest.lockoutThreshold.state === 'set' && p.guest.lockoutThreshold.value === 0) return threshold;
    return combine([
      threshold,
      judgeSetting(p.guest.lockoutDurationMinutes, 'the lockout duration', (d, line) => (d < 15 ? `accounts unlock after ${d} minutes (line ${line}; CIS: 15 or more)` : undefined)),
      judgeSetting(p.guest.lockoutResetMinutes, 'the lockout reset window', (r, line) => (r < 15 ? `the failed-logon counter resets after ${r} minutes (line ${line}; CIS: 15 or more)` : undefined)),
    ]);
  });
}
