/**
 * Turns evaluated guest settings into rule verdicts: a finding, an unknown, or nothing. Settings a
 * script leaves unset are not judged per script (another script may set them);
 * RDP-GUEST-PROFILE-MISSING judges what no delivered script sets. Pure.
 */
import { Setting } from './guest-state';

/** What a guest check returns for one script: a finding, an unknown reason, or nothing. */
export type GuestVerdict = string | { readonly unknown: string } | undefined;

/**
 * Judges one setting: `bad(value)` returns a finding for a set value; an unknown setting gives an
 * unknown verdict naming `what`; an unset one gives nothing.
 */
export function judgeSetting<T>(setting: Setting<T>, what: string, bad: (value: T, line: number) => string | undefined): GuestVerdict {
  if (setting.state === 'unknown') return { unknown: `${what} cannot be proven from the script body: ${setting.reason}` };
  if (setting.state === 'unset') return undefined;
  return bad(setting.value, setting.line);
}

/** Combines verdicts: findings first (joined), else the first unknown, else nothing. */
export function combine(verdicts: readonly GuestVerdict[]): GuestVerdict {
  const findings = verdicts.filter((v): v is string => typeof v === 'string');
  if (findings.length > 0) return findings.join('; ');
  return verdicts.find((v): v is { unknown: string } => typeof v === 'object');
}
