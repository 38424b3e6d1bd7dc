import { PolicyDocument } from '../../document';
import { manifestValue } from '../../guest/profile';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** Oldest TLS version accepted for RDP. */
export const MIN_TLS = '1.2';

/** The guest's SCHANNEL accepts nothing older than TLS 1.2 (manifest `minTls`). */
export default function GuestTlsFloor(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    const minTls = manifestValue(p.manifest, 'minTls', 'minimumTlsVersion');
    if (typeof minTls !== 'string' || !/^\d+\.\d+$/.test(minTls)) return { unknown: 'the manifest states no `minTls`' };
    const [major, minor] = minTls.split('.').map(Number);
    const [floorMajor, floorMinor] = MIN_TLS.split('.').map(Number);
    return major < floorMajor || (major === floorMajor && minor < floorMinor) ? `TLS ${minTls} is still accepted (floor ${MIN_TLS})` : undefined;
  });
}
