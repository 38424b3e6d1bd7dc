import { PolicyDocument } from '../../document';
import { combine, judgeSetting } from '../../guest/verdict';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** The script body ends idle sessions within 15 minutes and disconnected ones within 1 minute (`MaxIdleTime`, `MaxDisconnectionTime`; CIS 18.10.57.3.10.1/.2). */
export default function GuestSessionLimits(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) =>
    combine([
      judgeSetting(p.guest.idleSessionLimitMinutes, 'MaxIdleTime', (idle, line) => (idle === 0 ? `idle sessions never end (line ${line})` : idle > 15 ? `idle sessions last ${idle} minutes (line ${line}; CIS: 15 or fewer)` : undefined)),
      judgeSetting(p.guest.disconnectedSessionLimitMinutes, 'MaxDisconnectionTime', (d, line) =>
        d === 0 ? `disconnected sessions are kept forever (line ${line})` : d > 1 ? `disconnected sessions are kept ${d} minutes (line ${line}; CIS: 1)` : undefined,
      ),
    ]),
  );
}
