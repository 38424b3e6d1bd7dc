import { RdpValidationError } from '../core';
import { compactHardeningScript, RdpHardeningProfile } from '../windows';

/** EC2's user-data limit: 16 KB of raw text, before base64 encoding. */
export const EC2_USER_DATA_LIMIT_BYTES = 16 * 1024;

/**
 * The EC2 user data that applies a hardening profile at first boot: the profile's script, compacted
 * (no indentation or comments; {@link compactHardeningScript}), inside a `<powershell>` block (run once by
 * EC2Launch as LocalSystem). It carries no secrets.
 *
 * When the full script does not fit in 16 KB (a long allowlist), the profile's first-boot subset is used
 * instead (port, TLS/NLA, guest firewall, SCHANNEL); pair it with {@link AwsRdpHardeningAssociation},
 * which applies the full script minutes later and keeps it applied.
 *
 * @param profile the host's hardening profile
 * @throws RdpValidationError naming `allowlist` when even the first-boot subset exceeds 16 KB
 */
export function rdpHardeningUserData(profile: RdpHardeningProfile): string {
  const full = fullUserData(profile);
  if (byteLength(full) <= EC2_USER_DATA_LIMIT_BYTES) return full;
  const firstBoot = wrapPowerShell(compactHardeningScript(profile.firstBootScript));
  if (byteLength(firstBoot) <= EC2_USER_DATA_LIMIT_BYTES) return firstBoot;
  throw new RdpValidationError(
    'allowlist',
    profile.allowlist.map((p) => p.cidr),
    `makes the first-boot hardening script ${byteLength(firstBoot)} bytes, over EC2's ${EC2_USER_DATA_LIMIT_BYTES}-byte user-data limit, got ${profile.allowlist.length} CIDRs. ` +
      'Merge adjacent ranges into fewer CIDRs, or reach the host through a VPN whose client range is one CIDR.',
  );
}

/** True when {@link rdpHardeningUserData} carries the profile's full script (not the first-boot subset). */
export function rdpHardeningUserDataIsFull(profile: RdpHardeningProfile): boolean {
  return byteLength(fullUserData(profile)) <= EC2_USER_DATA_LIMIT_BYTES;
}

/** The full script's user data, per profile: a group's members share one profile, and every resolution asks again. */
const fullUserDataOf = new WeakMap<RdpHardeningProfile, string>();

function fullUserData(profile: RdpHardeningProfile): string {
  let userData = fullUserDataOf.get(profile);
  if (userData === undefined) {
    userData = wrapPowerShell(compactHardeningScript(profile.script));
    fullUserDataOf.set(profile, userData);
  }
  return userData;
}

function wrapPowerShell(script: string): string {
  return `<powershell>\n${script}</powershell>\n`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
