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

function param(p: ReadonlyMap<string, PsValue>, name: string): PsValue {
  return p.get(name) ?? null;
}

/** Name of the fact that records the listener certificate thumbprint. */
export function listenerCertificateFact(): string {
  return 'wmi:win32_tsgeneralsetting\\sslcertificatesha1hash';
}

function noEffect(name: string, fingerprints: readonly string[]): TrustedHelper {
  return { name, fingerprints, apply: () => undefined };
}

/** Name of the fact that records the local drift-correction task's interval in minutes (Install-DriftCorrectionTask). */
export function driftTaskFact(): string {
  return 'task:secure-rdp-hosts-hardening-drift\\intervalminutes';
}

/**
 * The registry path of `$RegistryRoots[alias]` plus an optional sub-key, or `Unknown` when the alias or
 * `$RegistryRoots` is not known statically.
 */
function rootPath(fx: HelperEffects, alias: string | undefined, sub: string | undefined, via: string): PsValue {
  const roots = fx.read('RegistryRoots');
  if (alias === undefined || !(roots instanceof PsHash)) return new Unknown(`${via} with a key or $RegistryRoots not known statically`);
  const root = roots.get(alias);
  const path = root === undefined ? undefined : toStr(root);
  if (path === undefined) return new Unknown(`$RegistryRoots has no root ${alias}`);
  return sub === undefined ? path : `${path}\\${sub}`;
}

/**
 * The pinned helpers (built on each call, not at module load, so that their texts are no "static" mutants that
 * rerun every test of the mutation group; docs/testing.md, "Group guest"). A helper may throw (a failed check, a failed write); the script catches that in
 * its main `try`, marks the run failed and exits 1, so only the success path (the effect below) counts.
 * Writes of the pending markers (`Set-PendingMarker`, under `$RegistryRoots['STATE']`), ACL grants,
 * scheduled tasks and event-log entries are not tracked settings: those helpers have no effect here.
 */
export function trustedHelpers(): readonly TrustedHelper[] {
  return [
    {
      // Set-Dword 'ROOT[\sub]' 'Name' value: (pending marker of ROOT first, untracked) then $RegistryRoots[ROOT][\sub]\Name = [int]value
      // when it differs; either way the value afterwards is [int]value. A failed write throws (failed run).
      name: 'Set-Dword',
      fingerprints: ['e4c5ee771c72a650ce418194', /* compact */ '37c32a466018d383ffbbf48f'],
      apply: (p, fx) => {
        const key = toStr(param(p, 'key'));
        const [alias, sub] = key === undefined ? [undefined, undefined] : splitOnce(key, '\\');
        fx.setRegistry(rootPath(fx, alias, sub, 'Set-Dword'), param(p, 'name'), param(p, 'value'));
      },
    },
    {
      // Remove-Value 'ROOT' 'Name': deletes $RegistryRoots[ROOT]\Name when present (no sub-key: the alias is looked up whole).
      name: 'Remove-Value',
      fingerprints: ['38e7ddfdaa49f570218eaa59'],
      apply: (p, fx) => fx.setRegistry(rootPath(fx, toStr(param(p, 'key')), undefined, 'Remove-Value'), param(p, 'name'), null),
    },
    {
      // Set-RdpFirewallRule 'TCP'|'UDP' $wanted: rule secure-rdp-hosts-RDP-<P>-In, inbound allow <P> $RdpPort from $AllowedSources, or removed.
      name: 'Set-RdpFirewallRule',
      fingerprints: ['9200a44945af03d1defa8860'],
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
    // Disables every enabled inbound allow rule on local port 3389.
    { name: 'Disable-DefaultRdpRules', fingerprints: ['ceda07ba90ede7c880ef794c'], apply: (_p, fx) => fx.disableDefaultRdpRules() },
    // Turns on every firewall profile that is off.
    { name: 'Enable-FirewallProfiles', fingerprints: ['407a6a2f8cf47183bfdbbb03'], apply: (_p, fx) => fx.setFirewall('profilesEnabled', true) },
    {
      // Set-Lockout $policy 'Setting' 'switch' value: net accounts /switch:value (when it differs; a non-zero exit throws).
      name: 'Set-Lockout',
      fingerprints: ['c76e4cf6fe228c84f2d48fec'],
      apply: (p, fx) => fx.setLockout(param(p, 'switch'), param(p, 'value')),
    },
    {
      // Set-ListenerCertificate 'THUMBPRINT': checks the certificate (in LocalMachine\My, valid now, Server Authentication EKU,
      // private key that opens), grants NETWORK SERVICE read on the key file, then binds it (Set-CimInstance on
      // Win32_TSGeneralSetting RDP-Tcp) when it is not bound already. Every check throws before the binding, so the
      // thumbprint is bound exactly on the path that does not throw; a throw fails the run.
      name: 'Set-ListenerCertificate',
      fingerprints: ['c5164b43d7f65481fc949ab9', /* compact */ 'baf6166a934c4053e9a9e924'],
      apply: (p, fx) => fx.setOther(listenerCertificateFact(), param(p, 'thumbprint')),
    },
    {
      // Install-DriftCorrectionTask: copies the running script to $DriftFolder (SYSTEM and Administrators only) and
      // registers task $DriftTaskName running that copy as SYSTEM at start-up and every $DriftIntervalMinutes minutes.
      name: 'Install-DriftCorrectionTask',
      fingerprints: ['2dff6f41e842292ab1c87c44'],
      apply: (_p, fx) => fx.setOther(driftTaskFact(), fx.read('DriftIntervalMinutes')),
    },
    noEffect('Write-Log', ['04d3bd701773e2e5ab4694cd']),
    noEffect('Add-Change', ['e73ab950fbedbe01d9b6e5b5']),
    noEffect('Write-Failure', ['61277998fa9a17193feeb186']),
    // The pending markers live under $RegistryRoots['STATE'], which holds no tracked setting.
    noEffect('Set-PendingMarker', ['d06573e59a60001ee6973c03']),
    noEffect('Get-PendingMarker', ['07b1e0c42cebe41fc1be3cd3']),
    noEffect('Clear-PendingMarker', ['1861600d52740997ae0b9894']),
    // Waits for the run mutex; the main body throws when it is not acquired.
    noEffect('Enter-HardeningLock', ['94b0f6c4e384d5d9731dc165']),
    noEffect('Get-DwordValue', ['7df7fb77022ade1ec7b899dd']),
    noEffect('Assert-WindowsBuild', ['9bf90cdd9b6f0331848092dc']),
    noEffect('ConvertTo-CanonicalAddress', ['f8ce85d748eb48b86d11cadb']),
    noEffect('Join-Addresses', ['4fb043846eaf2153216c2784']),
    noEffect('Get-LockoutPolicy', ['763b7b88ef1f9a8945112d06']),
    // Certificate checks: open the private key (throws when it cannot), grant NETWORK SERVICE read on the key file (an ACL, not a tracked setting).
    noEffect('Get-PrivateKeyFile', ['7ab4c086ed70bb2b57b89bd8', /* compact */ 'ae27afcb703d68f24213d16a']),
    noEffect('Grant-NetworkServiceKeyRead', ['52078767d08d2445002f173a']),
    noEffect('Get-ListeningPortOwners', ['cadefcfd2685e4fc492a8a2b']),
    noEffect('Wait-ListeningPortOwners', ['b510ba18df0099af509477dd']),
    // Pending actions, run in the finally block after every pass: restart TermService, schedule the SCHANNEL reboot (a task).
    noEffect('Complete-PendingRestart', ['7504693c2294107520d126bc', /* compact */ 'a7f7e61074464aa0559c07b2']),
    noEffect('Register-RebootTask', ['de5ccd5d939ab297960748cb', /* compact */ '864f7e0d9f2bd7d0af63a52b']),
    noEffect('Complete-PendingReboot', ['6e343f243f4b7f6aa178f908']),
    // The summary line and the Application event-log entry (source secure-rdp-hosts, IDs 1000/1001/1002).
    noEffect('Write-Summary', ['af0683f88299ca51a849f5b9', /* compact */ '496cfbcb7fa5e632f45cd0fb']),
  ];
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
