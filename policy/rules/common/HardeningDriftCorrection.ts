import { PolicyDocument } from '../../document';
import { associationsRunning, DeliveredProfile } from '../../guest/profile';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { isRecord, isUnresolved } from '../../values';
import { hostProfiles } from '../support';

/** The longest interval between two re-applications of the profile that counts as drift correction. */
export const MAX_DRIFT_INTERVAL_MINUTES = 30;

/** `rate(<n> <unit>)`: the interval and unit of a schedule expression, or null. */
function parseRate(schedule: string): RegExpExecArray | null {
  return /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(schedule);
}

/**
 * Something re-applies the host's hardening profile at least every 30 minutes, so a setting changed by
 * hand inside Windows is corrected: an SSM State Manager association that runs the profile on this host
 * with a schedule (one running the document that carries it, or `AWS-RunPowerShellScript` with it as its
 * commands; an association that targets other instances does not count) (AWS), or a script whose body installs the local drift-correction
 * task (the pinned `Install-DriftCorrectionTask` helper, called on the path that completes, with its
 * `$DriftIntervalMinutes`; what the Azure run command delivers). The manifest's `localDriftTask` is only a
 * claim and is not trusted. Hosts without a readable profile are left to RDP-GUEST-PROFILE-MISSING.
 */
export default function HardeningDriftCorrection(resource: SynthResource, doc: PolicyDocument): RuleResult {
  const profiles = hostProfiles(resource, doc);
  if (!Array.isArray(profiles)) return profiles;
  const findings: string[] = [];
  const unknown: string[] = [];
  for (const profile of profiles) {
    const verdict = [localTask(profile), ...associationSchedules(profile, resource, doc)];
    if (verdict.some((v) => v === 'ok')) return Compliance.COMPLIANT;
    for (const v of verdict) {
      if (v === undefined) continue;
      if (typeof v === 'string') findings.push(v);
      else unknown.push(v.unknown);
    }
  }
  if (unknown.length > 0) return { unknown };
  return [
    ...findings,
    `nothing re-applies the hardening profile on a schedule (${profiles.map((p) => p.via).join(', ')}): a setting changed inside Windows stays changed. ` +
      `Run it from an SSM association with rate(${MAX_DRIFT_INTERVAL_MINUTES} minutes) (AWS) or deliver the script with its local drift-correction task (Azure run command)`,
  ];
}

type Verdict = 'ok' | string | { unknown: string } | undefined;

function localTask(profile: DeliveredProfile): Verdict {
  // The body, not the manifest's `localDriftTask` claim: the pinned Install-DriftCorrectionTask helper called on the path that completes.
  const task = profile.guest.localDriftTaskMinutes;
  if (task.state === 'unknown') return { unknown: `${profile.via}: whether the script installs its local drift-correction task cannot be told (${task.reason})` };
  if (task.state === 'unset') {
    return isRecord(profile.manifest.localDriftTask) ? `${profile.via}: the manifest claims a local drift-correction task, but the script body does not install one` : undefined;
  }
  return task.value <= MAX_DRIFT_INTERVAL_MINUTES ? 'ok' : `${profile.via}: the local drift-correction task runs every ${task.value} minutes, more than ${MAX_DRIFT_INTERVAL_MINUTES}`;
}

/** The schedules of the SSM associations that run the profile's carrier on `host` (not those that run it on other instances). */
function associationSchedules(profile: DeliveredProfile, host: SynthResource, doc: PolicyDocument): Verdict[] {
  return associationsRunning(host, profile.carrier, doc).map((a) => {
    const schedule = a.body.schedule_expression;
    if (schedule === undefined || schedule === null || schedule === '') return `${a.address} has no schedule_expression, so it runs the profile once`;
    if (typeof schedule !== 'string' || isUnresolved(schedule)) return { unknown: `${a.address}: schedule_expression cannot be read` };
    const rate = parseRate(schedule);
    if (!rate) return { unknown: `${a.address}: the interval of ${schedule} is not judged (use rate(...))` };
    const minutes = Number(rate[1]) * (rate[2].startsWith('hour') ? 60 : rate[2].startsWith('day') ? 1440 : 1);
    return minutes <= MAX_DRIFT_INTERVAL_MINUTES ? 'ok' : `${a.address} re-applies the profile every ${minutes} minutes, more than ${MAX_DRIFT_INTERVAL_MINUTES}`;
  });
}
