/**
 * The helper functions of the rendered hardening script whose effect the evaluator knows without
 * walking their bodies (their bodies compare before they write, which a static reader cannot
 * follow). A helper is trusted only when the script defines it with exactly one of the texts pinned
 * here (fingerprint of its tokens, comments and spacing ignored) and every script function its body
 * names is trusted as well; a helper with any other body is evaluated statement by statement like
 * the rest of the script (so `function Set-Dword { }` writes nothing).
 *
 * When the renderer (constructs/windows/hardening-script-functions.ts) changes a helper's text,
 * __tests__/policy/guest-trusted-helpers.test.ts fails and prints the new fingerprints to pin here.
 */
import { createHash } from 'crypto';
import type { FirewallRuleFact } from './evaluate-script';
import { PsHash, PsValue, toStr, Unknown } from './values';

/** What a trusted helper can do to the evaluated state. */
export interface HelperEffects {
  /** Reads a script variable at call time (e.g. `$RegistryRoots`, `$RdpPort`). */
  read(name: string): PsValue;
  /** Writes a registry value (`path` a full `HKLM:\…` path). */
  setRegistry(path: PsValue, name: PsValue, value: PsValue): void;
  /** Creates, replaces or removes a firewall rule. */
  setFirewallRule(rule: Omit<FirewallRuleFact, 'line'> & { readonly remove?: boolean }): void;
  /** Sets a firewall fact (`profilesEnabled`). */
  setFirewall(key: string, value: PsValue): void;
  /** Disables every inbound allow rule on 3389 created so far, and Windows' built-in Remote Desktop rules. */
  disableDefaultRdpRules(): void;
  /** Sets a lockout value by its `net accounts` switch. */
  setLockout(switchName: PsValue, value: PsValue): void;
  /** Records another fact under `key` (e.g. the listener certificate). */
  setOther(key: string, value: PsValue): void;
}

/** A helper whose effect is known when its text matches. */
export interface TrustedHelper {
  /** Function name. */
  readonly name: string;
  /** Fingerprints of the texts the renderer produces ({@link helperFingerprint}). */
  readonly fingerprints: readonly string[];
  /** Applies the helper's effect, given its bound (and type-cast) parameters by lower-case name. */
  readonly apply: (params: ReadonlyMap<string, PsValue>, fx: HelperEffects) => void;
}

/** Fingerprint of a function's text as the parser records it (tokens after the name, single-spaced). */
export function helperFingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

const param = (p: ReadonlyMap<string, PsValue>, name: string): PsValue => p.get(name) ?? null;

/** Name of the fact that records the listener certificate thumbprint. */
export const LISTENER_CERTIFICATE_FACT = 'wmi:win32_tsgeneralsetting\\sslcertificatesha1hash';

const noEffect = (name: string, fingerprints: readonly string[]): TrustedHelper => ({ name, fingerprints, apply: () => undefined });

/** The pinned helpers. */
export const TRUSTED_HELPERS: readonly TrustedHelper[] = [
  {
    // Set-Dword 'ROOT[\sub]' 'Name' value: writes $RegistryRoots[ROOT][\sub]\Name = [int]value.
    name: 'Set-Dword',
    fingerprints: ['ad6b509ef3c4a53986cfafa5'],
    apply: (p, fx) => {
      const key = toStr(param(p, 'key'));
      const roots = fx.read('RegistryRoots');
      if (key === undefined || !(roots instanceof PsHash)) {
        fx.setRegistry(new Unknown('Set-Dword with a key or $RegistryRoots not known statically'), param(p, 'name'), param(p, 'value'));
        return;
      }
      const [alias, sub] = splitOnce(key, '\\');
      const root = roots.get(alias);
      const rootPath = root === undefined ? undefined : toStr(root);
      const path = rootPath === undefined ? new Unknown(`$RegistryRoots has no root ${alias}`) : sub === undefined ? rootPath : `${rootPath}\\${sub}`;
      fx.setRegistry(path, param(p, 'name'), param(p, 'value'));
    },
  },
  {
    // Set-RdpFirewallRule 'TCP'|'UDP' $wanted: rule secure-rdp-hosts-RDP-<P>-In, inbound allow <P> $RdpPort from $AllowedSources, or removed.
    name: 'Set-RdpFirewallRule',
    fingerprints: ['9d94373622d30204626c82f5'],
    apply: (p, fx) => {
      const protocol = param(p, 'protocol');
      const wanted = param(p, 'wanted');
      const proto = toStr(protocol);
      const name = proto === undefined ? 'secure-rdp-hosts-RDP-?-In' : `secure-rdp-hosts-RDP-${proto}-In`;
      const rule = { name, direction: 'Inbound', action: 'Allow', protocol, localPort: fx.read('RdpPort'), remoteAddress: fx.read('AllowedSources') };
      if (wanted === false) fx.setFirewallRule({ ...rule, enabled: 'False', remove: true });
      else fx.setFirewallRule({ ...rule, enabled: wanted === true ? 'True' : new Unknown('Set-RdpFirewallRule with a computed $Wanted') });
    },
  },
  { name: 'Disable-DefaultRdpRules', fingerprints: ['da5bd04a4c33720213abdff7'], apply: (_p, fx) => fx.disableDefaultRdpRules() },
  { name: 'Enable-FirewallProfiles', fingerprints: ['21974bb566af60a42f5157a1'], apply: (_p, fx) => fx.setFirewall('profilesEnabled', true) },
  {
    // Set-Lockout $policy 'Setting' 'switch' value: net accounts /switch:value.
    name: 'Set-Lockout',
    fingerprints: ['df02644e6ca658fc56b2e715'],
    apply: (p, fx) => fx.setLockout(param(p, 'switch'), param(p, 'value')),
  },
  { name: 'Set-ListenerCertificate', fingerprints: ['17bc8c32461e5f5b1949bad7'], apply: (p, fx) => fx.setOther(LISTENER_CERTIFICATE_FACT, param(p, 'thumbprint')) },
  noEffect('Write-Log', ['04d3bd701773e2e5ab4694cd']),
  noEffect('Add-Change', ['c4bf5e643d08973a2a3e43ae']),
  noEffect('Get-DwordValue', ['7df7fb77022ade1ec7b899dd']),
  noEffect('Assert-WindowsBuild', ['9bf90cdd9b6f0331848092dc']),
  noEffect('ConvertTo-CanonicalAddress', ['f8ce85d748eb48b86d11cadb']),
  noEffect('Join-Addresses', ['4fb043846eaf2153216c2784']),
  noEffect('Get-LockoutPolicy', ['763b7b88ef1f9a8945112d06']),
  noEffect('Restart-RdpService', ['fde81d61010ba6a690739fa7']),
  noEffect('Update-SchannelReboot', ['8ceb45e40ffa67e5e32cc1ff']),
  noEffect('Write-Summary', ['50f3587cd3f904986bbd9d5c']),
];

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
