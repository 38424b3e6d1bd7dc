// cdktf is never called on the renderer's path (the core barrel imports it for the Terraform-facing helpers);
// an empty module saves loading it, about a second per test file and per mutant of a mutation run.
jest.mock('cdktf', () => ({}));

import { Acknowledge, RdpAllowlist, RdpPort } from '../../constructs/core';
import {
  HARDENING_SUMMARY_PREFIX,
  RdpGuestRisk,
  RdpHardeningProfile,
  RdpHardeningProfileProps,
  RdpRedirection,
  RdpSecurityLayer,
  TlsVersion,
  WindowsServerVersion,
} from '../../constructs/windows';
import fc from 'fast-check';
import { functionBody, simulate } from '../helpers/powershell-flow';
import { dwordWrites, firewallPort, firewallSources, manifestOf, protocolSettings } from '../helpers/hardening-script';

const REASON = 'Accepted for the migration window, ticket SEC-1234';
const CIDRS = ['203.0.113.0/24', '192.0.2.0/24'];

function render(overrides: Partial<RdpHardeningProfileProps> = {}): string {
  return new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(CIDRS), ...overrides }).script;
}

/** Asserts that `key` is written exactly once, with `value`. */
function expectDword(script: string, key: string, value: number): void {
  expect({ key, writes: dwordWrites(script).get(key) }).toEqual({ key, writes: [value] });
}

describe('renderHardeningScript: every setting of the default profile, with its value', () => {
  // Rendered per test (not at describe level), so a mutation run sees which test checks which line.
  let script = '';
  beforeEach(() => {
    script = render();
  });

  test.each([
    ['TS\\fDenyTSConnections', 0],
    ['WS\\PortNumber', 43389],
    ['TSPOL\\SecurityLayer', 2],
    ['TSPOL\\UserAuthentication', 1],
    ['TSPOL\\MinEncryptionLevel', 3],
    ['TSPOL\\fEncryptRPCTraffic', 1],
    ['TSPOL\\fPromptForPassword', 1],
    ['WS\\SecurityLayer', 2],
    ['WS\\UserAuthentication', 1],
    ['WS\\MinEncryptionLevel', 3],
    ['WS\\fPromptForPassword', 1],
    ['TSPOL\\SelectTransport', 1],
    ['TSPOL\\DisablePasswordSaving', 1],
    ['TSPOL\\fSingleSessionPerUser', 1],
    ['TSPOL\\fAllowUnsolicited', 0],
    ['TSPOL\\fAllowToGetHelp', 0],
    ['TSPOL\\MaxIdleTime', 900000],
    ['TSPOL\\MaxDisconnectionTime', 60000],
    ['TSPOL\\DeleteTempDirsOnExit', 1],
    ['TSPOL\\PerSessionTempDir', 1],
    ['TSPOL\\fDisableCdm', 1],
    ['TSPOL\\fDisableClip', 1],
    ['TSPOL\\fDisableCpm', 1],
    ['TSPOL\\fDisableCcm', 1],
    ['TSPOL\\fDisableLPT', 1],
    ['TSPOL\\fDisablePNPRedir', 1],
    ['TSPOL\\fDisableLocationRedir', 1],
    ['TSPOL\\fDisableWebAuthn', 1],
    ['TSPOL\\fDisableAudioCapture', 1],
    ['TSPOL\\fDisableCameraRedir', 1],
    ['TSPOL\\fEnableSmartCard', 0],
    ['TSPOL\\EnableUiaRedirection', 0],
    ['CREDSSP\\AllowEncryptionOracle', 0],
    ['CREDDELEG\\AllowProtectedCreds', 1],
  ])('%s = %i', (key, value) => {
    expectDword(script, key, value);
  });

  test('the registry aliases point at the documented keys', () => {
    expect(script).toContain("WS = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp'");
    expect(script).toContain("TSPOL = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'");
    expect(script).toContain("SCHANNEL = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols'");
    expect(script).toContain("CREDSSP = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters'");
  });

  test('SCHANNEL: SSL 2.0/3.0 and TLS 1.0/1.1 off, TLS 1.2 and 1.3 on (Server 2022), both sides with DisabledByDefault', () => {
    expect(Object.fromEntries(protocolSettings(script))).toEqual({ 'SSL 2.0': false, 'SSL 3.0': false, 'TLS 1.0': false, 'TLS 1.1': false, 'TLS 1.2': true, 'TLS 1.3': true });
    expect(script).toMatch(/foreach \(\$side in @\('Server', 'Client'\)\)/);
    expect(script).toContain("Set-Dword \"SCHANNEL\\$Protocol\\$side\" 'Enabled' ([int]$Enabled)");
    expect(script).toContain("Set-Dword \"SCHANNEL\\$Protocol\\$side\" 'DisabledByDefault' ([int](-not $Enabled))");
  });

  test('guest firewall: the custom port from the allowlist over TCP only, firewall on, 3389 rules disabled', () => {
    expect(firewallPort(script)).toBe(43389);
    expect(firewallSources(script)).toEqual(CIDRS);
    expect(script).toMatch(/^ {4}Set-RdpFirewallRule 'TCP' \$true$/m);
    expect(script).toMatch(/^ {4}Set-RdpFirewallRule 'UDP' \$false$/m);
    expect(script).toMatch(/^ {4}Enable-FirewallProfiles$/m);
    expect(script).toMatch(/^ {4}Disable-DefaultRdpRules$/m);
    expect(script).toContain('-LocalPort $RdpPort -RemoteAddress $AllowedSources');
    expect(script).toContain("@($_.LocalPort) -contains '3389'");
  });

  test('account lockout: threshold first, then duration and reset window, re-reading the policy in between', () => {
    const lockoutLines = script.split('\n').filter((l) => /Set-Lockout \$lockout|Get-LockoutPolicy$/.test(l)).map((l) => l.trim());
    expect(lockoutLines).toEqual([
      '$lockout = Get-LockoutPolicy',
      "Set-Lockout $lockout 'LockoutBadCount' 'lockoutthreshold' 5",
      '$lockout = Get-LockoutPolicy',
      "Set-Lockout $lockout 'ResetLockoutCount' 'lockoutwindow' 15",
      "Set-Lockout $lockout 'LockoutDuration' 'lockoutduration' 15",
      "Set-Lockout $lockout 'LockoutDuration' 'lockoutduration' 15",
      "Set-Lockout $lockout 'ResetLockoutCount' 'lockoutwindow' 15",
    ]);
    expect(script).toContain("if ($lockout.ContainsKey('ResetLockoutCount') -and $lockout['ResetLockoutCount'] -gt 15) {");
  });

  test('fails safe: strict mode, stop on errors, non-zero exit on failure, summary as the last output', () => {
    expect(script).toMatch(/^Set-StrictMode -Version Latest$/m);
    expect(script).toMatch(/^\$ErrorActionPreference = 'Stop'$/m);
    expect(script).toMatch(/^\$exitCode = 1$/m);
    expect(script).toMatch(/^ {2}if \(-not \$failed\) \{\n {4}\$Summary\.status = 'ok'\n {4}\$exitCode = 0\n {2}\}\n\} catch \{/m);
    expect(script.trimEnd().split('\n').slice(-2)).toEqual(['Write-Summary $exitCode', 'exit $exitCode']);
    expect(script).toContain(`$line = '${HARDENING_SUMMARY_PREFIX}' + (ConvertTo-Json -InputObject $Summary -Compress -Depth 3)`);
    expect(script).toMatch(/^ {2}Write-Host \$line$/m);
  });

  test('idempotent by construction: every write is guarded by a comparison that logs "unchanged"', () => {
    for (const fn of ['Set-Dword', 'Set-RdpFirewallRule', 'Set-Lockout', 'Enable-FirewallProfiles', 'Disable-DefaultRdpRules', 'Remove-Value', 'Complete-PendingRestart', 'Complete-PendingReboot']) {
      const body = new RegExp(`^function ${fn}\\b[\\s\\S]*?^\\}$`, 'm').exec(script)?.[0] ?? '';
      expect({ fn, logsUnchanged: body.includes("unchanged") }).toEqual({ fn, logsUnchanged: true });
    }
  });

  test('fEncryptRPCTraffic is written under the policy key only, and a listener copy left by older versions is removed', () => {
    expect(dwordWrites(script).has('WS\\fEncryptRPCTraffic')).toBe(false);
    expectDword(script, 'TSPOL\\fEncryptRPCTraffic', 1);
    expect(script).toMatch(/^ {4}Remove-Value 'WS' 'fEncryptRPCTraffic'$/m);
  });

  test('TermService restarts and SCHANNEL reboots are driven by pending markers and the live listener, never by a reboot inside the run', () => {
    expect(script).toContain("Restart-Service -Name 'TermService' -Force");
    expect(script).toContain('Register-ScheduledTask -TaskName $RebootTaskName');
    expect(script).not.toMatch(/Restart-Computer|ChangedAreas/);
    // the reboot task first takes the same mutex as the script, so it never cuts a running hardening pass short
    expect(script).toMatch(/^\$MutexName = 'Global\\secure-rdp-hosts-hardening'$/m);
    expect(script).toContain('$mutex = New-Object System.Threading.Mutex($false, $MutexName)');
    expect(script).toMatch(/New-ScheduledTaskAction -Execute 'powershell\.exe' -Argument .*System\.Threading\.Mutex\(\$false, ''' \+ \$MutexName \+ '''\).*WaitOne.*shutdown\.exe \/r \/t 0/);
    expect(script).toMatch(/^\$RebootDelayMinutes = 5$/m);
    expect(script).toMatch(/^ {4}try \{ Complete-PendingRestart \} catch \{ \$failed = \$true; Write-Failure \$_ \}$/m);
    expect(script).toMatch(/^ {4}try \{ Complete-PendingReboot \} catch \{ \$failed = \$true; Write-Failure \$_ \}$/m);
  });

  test('the summary also goes to the Application event log (1000 unchanged, 1001 changed, 1002 failed), without ever failing the run', async () => {
    expect(script).toMatch(/^\$EventSource = 'secure-rdp-hosts'$/m);
    expect(script).toContain('New-EventLog -LogName Application -Source $EventSource');
    expect(script).toContain('Write-EventLog -LogName Application -Source $EventSource -EventId $eventId -EntryType $entryType -Message $line');
    const paths = simulate(await functionBody(script, 'Write-Summary'));
    expect(paths.filter((p) => p.end.kind === 'uncaught').map((p) => p.failedStep).filter((s) => /EventLog/.test(s ?? ''))).toEqual([]);
    const ids = [...script.matchAll(/\$eventId = (\d+)\n\s*\$entryType = '(\w+)'/g)].map((m) => [Number(m[1]), m[2]]);
    expect(ids).toEqual([[1000, 'Information'], [1002, 'Error'], [1001, 'Warning']]);
  });

  test('list results are wrapped in @() where they are assigned, since strict mode refuses .Count on an unrolled scalar', () => {
    const driftScript = new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(CIDRS) }).driftCorrectingScript;
    const assignments = [...driftScript.matchAll(/\$\w+ = (@\()?(Get-ListeningPortOwners|Wait-ListeningPortOwners)\b/g)];
    expect(assignments.length).toBeGreaterThanOrEqual(5);
    expect(assignments.filter((m) => m[1] === undefined).map((m) => m[0])).toEqual([]);
  });

  test('holds no secrets and only printable ASCII (no smart quotes)', () => {
    expect(script).toMatch(/^[\t\n\x20-\x7e]*$/);
    expect(script).not.toMatch(/password\s*=|-Password\b|ConvertTo-SecureString|AccessKey|SecretString/i);
  });

  test('the manifest line sits near the top and matches the profile', () => {
    expect(script.split('\n').findIndex((l) => l.startsWith('# secure-rdp-hosts:profile '))).toBe(1);
    expect(manifestOf(script)).toMatchObject({ version: 1, port: 43389, udp: false, allowlist: CIDRS, securityLayer: 'tls', nla: true, minTls: '1.2', tls13: true });
  });
});

describe('renderHardeningScript: options change exactly the lines they should', () => {
  test('the port drives PortNumber, the firewall rules and the manifest', () => {
    const script = render({ port: RdpPort.of(50123) });
    expectDword(script, 'WS\\PortNumber', 50123);
    expect(firewallPort(script)).toBe(50123);
    expect(manifestOf(script).port).toBe(50123);
  });

  test('UDP adds the UDP firewall rule and lets the server use both transports', () => {
    const script = render({ udp: true });
    expect(script).toMatch(/^ {4}Set-RdpFirewallRule 'UDP' \$true$/m);
    expectDword(script, 'TSPOL\\SelectTransport', 0);
    expect(manifestOf(script).udp).toBe(true);
  });

  test('Windows Server 2019: no TLS 1.3 keys and no build check', () => {
    const script = render({ windowsVersion: WindowsServerVersion.SERVER_2019 });
    expect(protocolSettings(script).has('TLS 1.3')).toBe(false);
    expect(script).not.toContain('TLS 1.3');
    expect(script).not.toContain('Assert-WindowsBuild');
    expect(manifestOf(script)).toMatchObject({ tls13: false, windowsVersion: '2019' });
  });

  test.each([WindowsServerVersion.SERVER_2022, WindowsServerVersion.SERVER_2025])('%s: TLS 1.3 on, after checking the host build is 20348 or later', (version) => {
    const script = render({ windowsVersion: version });
    expect(protocolSettings(script).get('TLS 1.3')).toBe(true);
    expect(script).toMatch(/^ {4}Assert-WindowsBuild 20348 'Windows Server 2022 or later'$/m);
  });

  test('a TLS 1.1 floor leaves TLS 1.1 on but keeps SSL and TLS 1.0 off', () => {
    const script = render({ minimumTlsVersion: TlsVersion.TLS_1_1, acknowledgements: [Acknowledge.risk(RdpGuestRisk.TLS_LEGACY, REASON)] });
    expect(Object.fromEntries(protocolSettings(script))).toMatchObject({ 'SSL 2.0': false, 'SSL 3.0': false, 'TLS 1.0': false, 'TLS 1.1': true, 'TLS 1.2': true });
    expect(manifestOf(script)).toMatchObject({ minTls: '1.1', acknowledged: [RdpGuestRisk.TLS_LEGACY] });
  });

  test('NLA off and Negotiate are written to both keys and recorded in the manifest', () => {
    const script = render({
      requireNla: false,
      securityLayer: RdpSecurityLayer.NEGOTIATE,
      acknowledgements: [Acknowledge.risk(RdpGuestRisk.NLA_OFF, REASON), Acknowledge.risk(RdpGuestRisk.SECURITY_LAYER, REASON)],
    });
    for (const root of ['TSPOL', 'WS']) {
      expectDword(script, `${root}\\UserAuthentication`, 0);
      expectDword(script, `${root}\\SecurityLayer`, 1);
    }
    expect(manifestOf(script)).toMatchObject({ nla: false, securityLayer: 'negotiate', acknowledged: [RdpGuestRisk.NLA_OFF, RdpGuestRisk.SECURITY_LAYER] });
  });

  test('allowed redirections are 0, every other kind stays 1', () => {
    const script = render({ allowedRedirections: [RdpRedirection.PRINTER, RdpRedirection.CLIPBOARD], acknowledgements: [Acknowledge.risk(RdpGuestRisk.REDIRECTION, REASON)] });
    expectDword(script, 'TSPOL\\fDisableClip', 0);
    expectDword(script, 'TSPOL\\fDisableCpm', 0);
    expectDword(script, 'TSPOL\\fDisableCdm', 1);
    expectDword(script, 'TSPOL\\fDisableWebAuthn', 1);
    expect(manifestOf(script).allowedRedirections).toEqual(['clipboard', 'printer']);
  });

  test('smart card redirection has the inverted polarity: fEnableSmartCard 1 allows it, 0 forbids it', () => {
    const ack = [Acknowledge.risk(RdpGuestRisk.REDIRECTION, REASON)];
    expectDword(render({ allowedRedirections: [RdpRedirection.SMART_CARD], acknowledgements: ack }), 'TSPOL\\fEnableSmartCard', 1);
    expectDword(render({ allowedRedirections: [RdpRedirection.CAMERA, RdpRedirection.AUDIO_CAPTURE], acknowledgements: ack }), 'TSPOL\\fEnableSmartCard', 0);
    const both = render({ allowedRedirections: [RdpRedirection.CAMERA, RdpRedirection.AUDIO_CAPTURE], acknowledgements: ack });
    expectDword(both, 'TSPOL\\fDisableCameraRedir', 0);
    expectDword(both, 'TSPOL\\fDisableAudioCapture', 0);
    expect(manifestOf(both).allowedRedirections).toEqual(['audioCapture', 'camera']);
  });

  test('the redirection values and their polarity, as the ADMX templates define them (docs/hardening.md cites each)', () => {
    expect(RdpRedirection.ALL.map((r) => [r.name, r.policyValueName, r.forbiddenValue])).toEqual([
      ['drive', 'fDisableCdm', 1],
      ['clipboard', 'fDisableClip', 1],
      ['printer', 'fDisableCpm', 1],
      ['comPort', 'fDisableCcm', 1],
      ['lptPort', 'fDisableLPT', 1],
      ['pnpDevice', 'fDisablePNPRedir', 1],
      ['location', 'fDisableLocationRedir', 1],
      ['webAuthn', 'fDisableWebAuthn', 1],
      ['audioCapture', 'fDisableAudioCapture', 1],
      ['camera', 'fDisableCameraRedir', 1],
      ['smartCard', 'fEnableSmartCard', 0],
    ]);
  });

  test('every redirection kind is written exactly once, forbidden by default and allowed only when listed', () => {
    fc.assert(
      fc.property(fc.subarray([...RdpRedirection.ALL]), (allowedRedirections) => {
        const acknowledgements = allowedRedirections.length > 0 ? [Acknowledge.risk(RdpGuestRisk.REDIRECTION, REASON)] : [];
        const writes = dwordWrites(render({ allowedRedirections, acknowledgements }));
        for (const r of RdpRedirection.ALL) {
          expect(writes.get(`TSPOL\\${r.policyValueName}`)).toEqual([allowedRedirections.includes(r) ? r.allowedValue : r.forbiddenValue]);
        }
      }),
      { numRuns: 40 },
    );
  });

  test('custom lockout and session limits', () => {
    const script = render({ lockoutThreshold: 3, lockoutDurationMinutes: 30, lockoutResetMinutes: 20, idleSessionLimitMinutes: 10 });
    expect(script).toContain("Set-Lockout $lockout 'LockoutBadCount' 'lockoutthreshold' 3");
    expect(script).toContain("Set-Lockout $lockout 'LockoutDuration' 'lockoutduration' 30");
    expect(script).toContain("Set-Lockout $lockout 'ResetLockoutCount' 'lockoutwindow' 20");
    expect(script).toContain("$lockout['ResetLockoutCount'] -gt 30) {");
    expectDword(script, 'TSPOL\\MaxIdleTime', 600000);
  });

  test('lockout off sets only the threshold', () => {
    const script = render({ lockoutThreshold: 0, acknowledgements: [Acknowledge.risk(RdpGuestRisk.LOCKOUT, REASON)] });
    expect(script).toContain("Set-Lockout $lockout 'LockoutBadCount' 'lockoutthreshold' 0");
    expect(script).not.toContain("'lockoutduration'");
    expect(script).not.toContain("'lockoutwindow'");
  });

  test('a listener certificate is pinned only when given', () => {
    const thumbprint = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';
    const script = render({ listenerCertificateThumbprint: thumbprint });
    expect(script).toMatch(new RegExp(`^ {4}Set-ListenerCertificate '${thumbprint}'$`, 'm'));
    expect(script).toContain("SSLCertificateSHA1Hash = $Thumbprint");
    expect(script).toContain('Grant-NetworkServiceKeyRead $Thumbprint $keyFile');
    expect(manifestOf(script).listenerCertificateThumbprint).toBe(thumbprint);
    expect(render()).not.toContain('Set-ListenerCertificate');
  });

  test('the reboot delay is rendered', () => {
    expect(render({ rebootDelayMinutes: 20 })).toMatch(/^\$RebootDelayMinutes = 20$/m);
  });
});

describe('renderHardeningScript: deterministic', () => {
  test('identical input gives an identical script', () => {
    expect(render()).toBe(render());
    const props = { udp: true, allowedRedirections: [RdpRedirection.DRIVE], acknowledgements: [Acknowledge.risk(RdpGuestRisk.REDIRECTION, REASON)] };
    expect(render(props)).toBe(render(props));
  });

  test('the order of allowed redirections given does not change the script', () => {
    const ack = [Acknowledge.risk(RdpGuestRisk.REDIRECTION, REASON)];
    expect(render({ allowedRedirections: [RdpRedirection.DRIVE, RdpRedirection.CLIPBOARD], acknowledgements: ack })).toBe(
      render({ allowedRedirections: [RdpRedirection.CLIPBOARD, RdpRedirection.DRIVE], acknowledgements: ack }),
    );
  });

  test('a different input gives a different script', () => {
    expect(render({ port: RdpPort.of(43390) })).not.toBe(render());
  });
});

describe('first-boot subset', () => {
  let profile: RdpHardeningProfile;
  beforeEach(() => {
    profile = new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(CIDRS) });
  });

  test('keeps the port, TLS/NLA keys, firewall and SCHANNEL, and the same manifest', () => {
    const script = profile.firstBootScript;
    expectDword(script, 'WS\\PortNumber', 43389);
    expectDword(script, 'TSPOL\\SecurityLayer', 2);
    expectDword(script, 'TSPOL\\UserAuthentication', 1);
    expect(firewallSources(script)).toEqual(CIDRS);
    expect(protocolSettings(script).get('TLS 1.0')).toBe(false);
    expect(manifestOf(script)).toEqual(manifestOf(profile.script));
  });

  test('leaves lockout, session, redirection and CredSSP to the full script, and is smaller', () => {
    const script = profile.firstBootScript;
    expect(script).not.toContain('Set-Lockout');
    expect(dwordWrites(script).has('TSPOL\\MaxIdleTime')).toBe(false);
    expect(dwordWrites(script).has('TSPOL\\fDisableClip')).toBe(false);
    expect(script.length).toBeLessThan(profile.script.length);
  });
});
