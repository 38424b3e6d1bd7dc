import { PolicyDocument } from '../../document';
import { manifestValue } from '../../guest/profile';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** Idle sessions end within 15 minutes and disconnected sessions within 1 minute (CIS 18.10.57.3.10.1/.2). */
export default function GuestSessionLimits(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    const idle = manifestValue(p.manifest, 'idleSessionLimitMinutes', 'sessionLimits.idleMinutes');
    const disconnected = manifestValue(p.manifest, 'disconnectedSessionLimitMinutes', 'sessionLimits.disconnectedMinutes');
    if (typeof idle !== 'number' || typeof disconnected !== 'number') return { unknown: 'the manifest states no `idleSessionLimitMinutes` / `disconnectedSessionLimitMinutes`' };
    if (idle === 0 || idle > 15) return idle === 0 ? 'idle sessions never end' : `idle sessions last ${idle} minutes (CIS: 15 or fewer)`;
    if (disconnected === 0 || disconnected > 1) return disconnected === 0 ? 'disconnected sessions are kept forever' : `disconnected sessions are kept ${disconnected} minutes (CIS: 1)`;
    return undefined;
  });
}
