import { PolicyDocument } from '../../document';
import { manifestValue } from '../../guest/profile';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** Account lockout meets CIS (threshold 1-5, duration and reset window of at least 15 minutes). */
export default function GuestAccountLockout(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    const threshold = manifestValue(p.manifest, 'lockoutThreshold', 'lockout.threshold');
    const duration = manifestValue(p.manifest, 'lockoutDurationMinutes', 'lockout.durationMinutes');
    const reset = manifestValue(p.manifest, 'lockoutResetMinutes', 'lockout.resetMinutes');
    if (typeof threshold !== 'number') return { unknown: 'the manifest states no `lockoutThreshold`' };
    if (threshold === 0) return 'account lockout is off: passwords can be guessed without limit';
    if (threshold > 5) return `lockout after ${threshold} failed logons (CIS: 5 or fewer)`;
    if (typeof duration !== 'number' || typeof reset !== 'number') return { unknown: 'the manifest states no `lockoutDurationMinutes` / `lockoutResetMinutes`' };
    if (duration < 15) return `accounts unlock after ${duration} minutes (CIS: 15 or more)`;
    if (reset < 15) return `the failed-logon counter resets after ${reset} minutes (CIS: 15 or more)`;
    return undefined;
  });
}
