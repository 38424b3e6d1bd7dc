/**
 * The trusted helpers of the guest-script evaluator (policy/guest/trusted-helpers.ts) on small scripts
 * made of the renderer's helper text (constructs/windows/hardening-script-functions.ts, a module of
 * string constants: no synth, no profile) and hand-written calls in the renderer's forms (issue #20,
 * mutation testing). A helper is trusted only with its pinned text; a redefined helper is walked like
 * any other function, so `function Set-Dword { }` writes nothing and can never make a setting "on".
 */
import { hardeningScriptFunctions, OPTIONAL_SCRIPT_FUNCTIONS } from '../../constructs/windows/hardening-script-functions';
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { deriveGuestState, GuestState, Setting } from '../../policy/guest/guest-state';
import { parseScript } from '../../policy/guest/powershell-syntax';
import { helperFingerprint, trustedHelpers } from '../../policy/guest/trusted-helpers';

/** Every helper the renderer can produce, readable form. */
const helpers = (): string => hardeningScriptFunctions(new Set(OPTIONAL_SCRIPT_FUNCTIONS));

/** The renderer's compact form (EC2 user data): indentation, blank and comment lines removed. */
const compact = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trimStart())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .join('\n');

/** The variables the rendered body defines before calling the helpers. */
const PRELUDE = [
  '$RdpPort = 43389',
  "$AllowedSources = @('203.0.113.0/24')",
  '$DriftIntervalMinutes = 30',
  '$RegistryRoots = @{',
  "  TS = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server'",
  "  WS = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp'",
  "  TSPOL = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'",
  "  SCHANNEL = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols'",
  '}',
];

/** The guest state of the helpers, the prelude and `lines`; `fns` replaces the helper text. */
function run(lines: string[], fns: string = helpers()): GuestState {
  return deriveGuestState(evaluateScript([fns, ...PRELUDE, ...lines].join('\n')));
}

/** The 1-based line of the `i`-th body line (0-based) after the helpers and the prelude. */
const lineOf = (i: number, fns: string = helpers()): number => fns.split('\n').length + PRELUDE.length + i + 1;

function show<T>(s: Setting<T>): string {
  if (s.state === 'set') return `set ${JSON.stringify(s.value)} @${s.line}`;
  if (s.state === 'unknown') return `unknown: ${s.reason}`;
  return s.state === 'unset' && Object.keys(s).length === 1 ? 'unset' : `not a setting: ${JSON.stringify(s)}`;
}

describe('the pinned texts', () => {
  test('the fingerprint is the first 24 hex digits of the SHA-256 of the text', () => {
    expect(helperFingerprint('abc')).toBe('ba7816bf8f01cfea414140de');
  });

  // The drift task is rendered only in the readable (drift-correcting) form, so only that form is pinned.
  test.each<[string, (t: string) => string, string[]]>([
    ['readable', (t) => t, [...OPTIONAL_SCRIPT_FUNCTIONS]],
    ['compact', compact, OPTIONAL_SCRIPT_FUNCTIONS.filter((f) => f !== 'Install-DriftCorrectionTask')],
  ])('every helper the renderer writes (%s form) is pinned under its name', (_label, form, optional) => {
    const text = form(hardeningScriptFunctions(new Set(optional as (typeof OPTIONAL_SCRIPT_FUNCTIONS)[number][])));
    const defs = parseScript(text).filter((s): s is Extract<typeof s, { t: 'function' }> => s.t === 'function');
    const unpinned = defs.filter((d) => d.name !== 'Set-Protocol' && !trustedHelpers().find((h) => h.name === d.name)?.fingerprints.includes(helperFingerprint(d.text)));
    expect(unpinned.map((d) => d.name)).toEqual([]);
    expect(defs.length).toBe(trustedHelpers().length + 1 - (OPTIONAL_SCRIPT_FUNCTIONS.length - optional.length));
  });

  test('the pinned helpers, by name (Set-Protocol is not pinned: it is walked and calls Set-Dword)', () => {
    expect(trustedHelpers().map((h) => h.name)).toEqual([
      'Set-Dword', 'Remove-Value', 'Set-RdpFirewallRule', 'Disable-DefaultRdpRules', 'Enable-FirewallProfiles', 'Set-Lockout', 'Set-ListenerCertificate', 'Install-DriftCorrectionTask',
      'Write-Log', 'Add-Change', 'Write-Failure', 'Set-PendingMarker', 'Get-PendingMarker', 'Clear-PendingMarker', 'Enter-HardeningLock', 'Get-DwordValue', 'Assert-WindowsBuild',
      'ConvertTo-CanonicalAddress', 'Join-Addresses', 'Get-LockoutPolicy', 'Get-PrivateKeyFile', 'Grant-NetworkServiceKeyRead', 'Get-ListeningPortOwners', 'Wait-ListeningPortOwners',
      'Complete-PendingRestart', 'Register-RebootTask', 'Complete-PendingReboot', 'Write-Summary',
    ]);
  });
});

describe('Set-Dword and Remove-Value', () => {
  test('Set-Dword writes $RegistryRoots[alias]\\Name with the value cast to int', () => {
    const g = run(["Set-Dword 'TSPOL' 'UserAuthentication' 1", "Set-Dword 'TSPOL' 'SecurityLayer' '2'"]);
    expect([show(g.nla), show(g.securityLayer)]).toEqual([`set true @${lineOf(0)}`, `set "tls" @${lineOf(1)}`]);
  });

  test('in the compact form too', () => {
    const fns = compact(helpers());
    expect(show(run(["Set-Dword 'TSPOL' 'UserAuthentication' 0"], fns).nla)).toBe(`set false @${lineOf(0, fns)}`);
  });

  test('Set-Dword with a sub-key (SCHANNEL\\<protocol>\\Server), and through the walked Set-Protocol', () => {
    const g = run(["Set-Dword 'SCHANNEL\\TLS 1.0\\Server' 'Enabled' 0", "Set-Protocol 'TLS 1.1' $true"]);
    expect([show(g.protocols.get('TLS 1.0')!), show(g.protocols.get('TLS 1.1')!)]).toEqual([`set false @${lineOf(0)}`, expect.stringMatching(/^set true @\d+$/)]);
  });

  test('an alias $RegistryRoots does not have, or no $RegistryRoots, makes the registry unknown', () => {
    expect(show(run(["Set-Dword 'NOPE' 'UserAuthentication' 1"]).nla)).toBe(`unknown: line ${lineOf(0)}: \`Set-Dword\` writes a registry value whose path is not known statically`);
    const without = deriveGuestState(evaluateScript([helpers(), "Set-Dword 'TSPOL' 'UserAuthentication' 1"].join('\n')));
    expect(show(without.nla)).toMatch(/^unknown: line \d+: `Set-Dword` writes a registry value whose path is not known statically$/);
    expect(show(run(["Set-Dword $k 'UserAuthentication' 1"]).nla)).toMatch(/^unknown: line \d+: `Set-Dword` writes a registry value whose path is not known statically$/);
  });

  test('an alias $RegistryRoots does not have, with a sub-key, is unknown too (never a path made of "undefined")', () => {
    expect(show(run(["Set-Dword 'NOPE\\Sub' 'UserAuthentication' 1"]).nla)).toBe(`unknown: line ${lineOf(0)}: \`Set-Dword\` writes a registry value whose path is not known statically`);
  });

  test("a key that starts with a backslash is the root '' plus the sub-key, as PowerShell's -split reads it", () => {
    const g = run(["$RegistryRoots[''] = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT'", "Set-Dword '\\Terminal Services' 'UserAuthentication' 0"]);
    expect(show(g.nla)).toBe(`set false @${lineOf(1)}`);
  });

  test('a computed value is unknown', () => {
    expect(show(run(["Set-Dword 'TSPOL' 'UserAuthentication' (Get-Random)"]).nla)).toBe(`unknown: line ${lineOf(0)}: the output of Get-Random`);
  });

  test('Remove-Value deletes the value (no sub-key)', () => {
    const g = run(["Set-Dword 'TSPOL' 'UserAuthentication' 1", "Remove-Value 'TSPOL' 'UserAuthentication'"]);
    expect(show(g.nla)).toBe('unset');
    expect(show(run(["Set-Dword 'TSPOL' 'UserAuthentication' 1", "Remove-Value 'TSPOL\\x' 'UserAuthentication'"]).nla)).toMatch(/^unknown: line \d+: `Remove-Value` writes a registry value whose path/);
  });
});

describe('a helper with another text is walked, never trusted', () => {
  test('an empty Set-Dword writes nothing (NLA is not "on")', () => {
    const fns = helpers().replace(/function Set-Dword\(\[string\]\$Key, \[string\]\$Name, \[int\]\$Value\) \{[\s\S]*?\n\}/, 'function Set-Dword([string]$Key, [string]$Name, [int]$Value) {\n}');
    expect(fns).not.toBe(helpers());
    expect(show(run(["Set-Dword 'TSPOL' 'UserAuthentication' 1"], fns).nla)).toBe('unset');
  });

  test('a Set-Dword that writes 0 whatever it is asked is read as writing 0', () => {
    const fns = `${helpers()}\nfunction Set-Dword([string]$Key, [string]$Name, [int]$Value) { Set-ItemProperty -Path $RegistryRoots[$Key] -Name $Name -Value 0 }`;
    expect(show(run(["Set-Dword 'TSPOL' 'UserAuthentication' 1"], fns).nla)).toBe(`set false @${fns.split('\n').length}`);
  });

  test('a pinned helper whose dependency is redefined is not trusted', () => {
    const tspol = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
    const fns = `${helpers()}\nfunction Write-Log([string]$Message) { Set-ItemProperty -Path '${tspol}' -Name UserAuthentication -Value 0 }`;
    expect(show(run(["Set-Dword 'TSPOL' 'UserAuthentication' 1"], fns).nla)).not.toMatch(/^set true/);
    const g = run(["Remove-Value 'TSPOL' 'UserAuthentication'"], fns);
    expect(show(g.nla)).not.toBe('unset');
  });

  test('a helper with the pinned text under another name is not trusted', () => {
    const fns = `${helpers()}\n${/function Set-Dword[\s\S]*?\n\}/.exec(helpers())![0].replace('function Set-Dword', 'function Set-Dword2')}`;
    expect(show(run(["Set-Dword2 'TSPOL' 'UserAuthentication' 1"], fns).nla)).not.toMatch(/^set true/);
  });
});

describe('firewall helpers', () => {
  test("Set-RdpFirewallRule 'TCP' $true: inbound allow TCP $RdpPort from $AllowedSources", () => {
    const g = run(["Set-RdpFirewallRule 'TCP' $true", "Set-RdpFirewallRule 'UDP' $false"]);
    expect(show(g.firewall)).toBe(`set [{"name":"secure-rdp-hosts-RDP-TCP-In","protocol":"tcp","ports":[43389],"sources":["203.0.113.0/24"],"line":${lineOf(0)}}] @${lineOf(0)}`);
  });

  test("Set-RdpFirewallRule 'UDP' $false removes a rule created before (removed, not just disabled)", () => {
    const g = run(["Set-RdpFirewallRule 'UDP' $true", "Set-RdpFirewallRule 'UDP' $false"]);
    expect(show(g.firewall)).toBe('set [] @0');
    const facts = evaluateScript([helpers(), ...PRELUDE, "Set-RdpFirewallRule 'UDP' $true", "Set-RdpFirewallRule 'UDP' $false"].join('\n'));
    expect([...facts.firewallRules]).toEqual([['secure-rdp-hosts-rdp-udp-in', null]]);
  });

  test('a computed $Wanted or protocol is unknown', () => {
    expect(show(run(["Set-RdpFirewallRule 'TCP' $w"]).firewall)).toMatch(/^unknown: firewall rule secure-rdp-hosts-RDP-TCP-In \(line \d+\): its direction, action or state is not known statically$/);
    expect(show(run(['Set-RdpFirewallRule $p $true']).firewall)).toMatch(/^unknown: firewall rule secure-rdp-hosts-RDP-\?-In \(line \d+\): its protocol is not known statically$/);
  });

  test('Disable-DefaultRdpRules disables the allow rules on 3389 created before it, and records it', () => {
    const g = run(['New-NetFirewallRule -Name d -LocalPort 3389 -Protocol TCP', 'New-NetFirewallRule -Name e -LocalPort 3390 -Protocol TCP', 'Disable-DefaultRdpRules']);
    expect(show(g.firewall)).toBe(`set [{"name":"e","protocol":"tcp","ports":[3390],"sources":["Any"],"line":${lineOf(1)}}] @${lineOf(1)}`);
    expect(show(g.defaultRdpRulesDisabled)).toBe(`set true @${lineOf(2)}`);
    expect(show(run([]).defaultRdpRulesDisabled)).toBe('unset');
  });

  test('Enable-FirewallProfiles turns every profile on', () => {
    expect(show(run(['Enable-FirewallProfiles']).firewallProfilesEnabled)).toBe(`set true @${lineOf(0)}`);
  });
});

describe('lockout, certificate and drift task helpers', () => {
  test('Set-Lockout sets the switch to the value', () => {
    const g = run(['$lockout = Get-LockoutPolicy', "Set-Lockout $lockout 'LockoutBadCount' 'lockoutthreshold' 5", "Set-Lockout $lockout 'LockoutDuration' 'LockoutDuration' '15'"]);
    expect([show(g.lockoutThreshold), show(g.lockoutDurationMinutes), show(g.lockoutResetMinutes)]).toEqual([`set 5 @${lineOf(1)}`, `set 15 @${lineOf(2)}`, 'unset']);
  });

  test('a computed switch makes the lockout unknown; a computed value is unknown', () => {
    expect(show(run(["Set-Lockout @{} 'X' $sw 5"]).lockoutThreshold)).toBe(`unknown: line ${lineOf(0)}: Set-Lockout sets a lockout setting chosen at run time`);
    expect(show(run(["Set-Lockout @{} 'X' 'lockoutthreshold' $v"]).lockoutThreshold)).toBe(`unknown: line ${lineOf(0)}: Set-Lockout unknown ($v is not assigned in the script)`);
  });

  test('Set-ListenerCertificate records the thumbprint (upper case)', () => {
    expect(show(run(["Set-ListenerCertificate 'ab12'"]).listenerCertificateThumbprint)).toBe(`set "AB12" @${lineOf(0)}`);
  });

  test('Install-DriftCorrectionTask records $DriftIntervalMinutes', () => {
    expect(show(run(['Install-DriftCorrectionTask']).localDriftTaskMinutes)).toBe(`set 30 @${lineOf(0)}`);
    expect(show(run([]).localDriftTaskMinutes)).toBe('unset');
    expect(show(run(["$DriftIntervalMinutes = 'often'", 'Install-DriftCorrectionTask']).localDriftTaskMinutes)).toBe("unknown: the drift-correction task interval is set to 'often', not a number");
  });

  test('the helpers without an effect change nothing', () => {
    const calls = ["Write-Log 'x'", "Add-Change 'a' 'b'", 'Write-Failure $_', "Set-PendingMarker 'm'", "Get-PendingMarker 'm'", "Clear-PendingMarker 'm'", 'Enter-HardeningLock $m', "Get-DwordValue 'p' 'n'", "Assert-WindowsBuild 20348 '2022'", "ConvertTo-CanonicalAddress '1.2.3.4'", 'Join-Addresses @()', 'Get-LockoutPolicy', 'Get-PrivateKeyFile $c', "Grant-NetworkServiceKeyRead 't' 'f'", 'Get-ListeningPortOwners 1', 'Wait-ListeningPortOwners 1 2', 'Complete-PendingRestart', 'Register-RebootTask', 'Complete-PendingReboot', 'Write-Summary 0'];
    const g = run(["Set-Dword 'TSPOL' 'UserAuthentication' 1", ...calls, 'New-NetFirewallRule -Name k -LocalPort 1', 'net accounts /lockoutthreshold:3']);
    expect([show(g.nla), show(g.firewall), show(g.lockoutThreshold), show(g.firewallProfilesEnabled), show(g.localDriftTaskMinutes), show(g.listenerCertificateThumbprint)]).toEqual([
      `set true @${lineOf(0)}`,
      `set [{"name":"k","protocol":"any","ports":[1],"sources":["Any"],"line":${lineOf(calls.length + 1)}}] @${lineOf(calls.length + 1)}`,
      `set 3 @${lineOf(calls.length + 2)}`,
      'unset',
      'unset',
      'unset',
    ]);
  });
});
