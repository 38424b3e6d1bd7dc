/**
 * What the rendered hardening script does, read back by the policy engine's guest evaluator
 * (`policy/guest`, which imports no construct) and by tree-sitter: every registry value with its full
 * path and data, the lockout policy, the guest firewall rules, the helpers defined, the failure paths
 * (exit 1), and hostile text inside PowerShell literals. The oracle is the evaluator's reading of the
 * script, never the renderer's own constants: expected values are written out here.
 *
 * Built for the mutation run of the `script` group (docs/testing.md): each test renders only the profile
 * it needs, inside the test (nothing at load, nothing cached), and the file loads the renderer's own
 * modules, not the constructs barrel. cdktf is replaced by an empty module: nothing on the renderer's path
 * calls it (the core barrel imports it for the Terraform-facing helpers), and loading it costs about a
 * second for every mutant.
 */
jest.mock('cdktf', () => ({}));

import fc from 'fast-check';
import { Peer, RdpPort } from '../../constructs/core';
import { HardeningSettings } from '../../constructs/windows/hardening-settings';
import { psBool, psString, psStringArray, SCRIPT_CHARACTERS } from '../../constructs/windows/powershell-literal';
import { RdpRedirection } from '../../constructs/windows/rdp-redirection';
import { RdpSecurityLayer } from '../../constructs/windows/rdp-security-layer';
import { compactHardeningScript, renderHardeningScript, RenderHardeningScriptOptions } from '../../constructs/windows/render-hardening-script';
import { TlsVersion } from '../../constructs/windows/tls-version';
import { WindowsServerVersion } from '../../constructs/windows/windows-server-version';
import { evaluateScript, ScriptFacts } from '../../policy/guest/evaluate-script';
import { deriveGuestState } from '../../policy/guest/guest-state';
import { Unknown } from '../../policy/guest/values';
import { FlowPath, scriptRoot, simulate, stepNames } from '../helpers/powershell-flow';
import { describeSyntaxProblems, powerShellSyntaxProblems } from '../helpers/powershell-parser';

const SOURCES = ['203.0.113.0/24', '192.0.2.0/24'];
const THUMBPRINT = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';

/** The default profile's settings (RDP_HARDENING_DEFAULTS written out), with `overrides`. */
function settings(overrides: Partial<HardeningSettings> = {}): HardeningSettings {
  return {
    port: RdpPort.of(43389),
    allowlist: SOURCES.map((c) => Peer.cidr(c)),
    windowsVersion: WindowsServerVersion.SERVER_2022,
    udp: false,
    securityLayer: RdpSecurityLayer.TLS,
    requireNla: true,
    minimumTlsVersion: TlsVersion.TLS_1_2,
    lockoutThreshold: 5,
    lockoutDurationMinutes: 15,
    lockoutResetMinutes: 15,
    idleSessionLimitMinutes: 15,
    disconnectedSessionLimitMinutes: 1,
    allowedRedirections: [],
    listenerCertificateThumbprint: undefined,
    rebootDelayMinutes: 5,
    acknowledgedRiskIds: [],
    ...overrides,
  };
}

const render = (overrides: Partial<HardeningSettings> = {}, options: RenderHardeningScriptOptions = {}): string => renderHardeningScript(settings(overrides), options);

/** A fact's value as plain data (`unknown: …` for a value the evaluator cannot tell). */
const plain = (v: unknown): unknown => (v instanceof Unknown ? `unknown: ${v.why}` : v);

/** Everything the evaluator says the script leaves behind, as plain data. */
function effect(script: string) {
  const f: ScriptFacts = evaluateScript(script);
  const values = <T extends { value: unknown }>(m: ReadonlyMap<string, T>) => Object.fromEntries([...m].map(([k, fact]) => [k, plain(fact.value)]));
  const rules = Object.fromEntries(
    [...f.firewallRules].map(([k, r]) => [k, r === null || r instanceof Unknown ? plain(r) : { direction: r.direction, action: r.action, protocol: r.protocol, localPort: r.localPort, remoteAddress: r.remoteAddress, enabled: r.enabled }]),
  );
  return { registry: values(f.registry), lockout: values(f.lockout), firewallRules: rules, firewall: values(f.firewall), taint: [...f.registryTaint, ...f.firewallTaint, ...f.lockoutTaint], completes: f.completes, syntaxErrors: f.syntaxErrors };
}

const TS = 'hklm:\\system\\currentcontrolset\\control\\terminal server';
const WS = `${TS}\\winstations\\rdp-tcp`;
const TSPOL = 'hklm:\\software\\policies\\microsoft\\windows nt\\terminal services';
const SCHANNEL = 'hklm:\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols';
const CREDSSP = 'hklm:\\software\\microsoft\\windows\\currentversion\\policies\\system\\credssp\\parameters';
const CREDDELEG = 'hklm:\\software\\policies\\microsoft\\windows\\credentialsdelegation';
const CERTIFICATE = 'wmi:win32_tsgeneralsetting\\sslcertificatesha1hash';

/** SCHANNEL values of `protocol` turned on or off, on the server and client sides. */
function schannel(protocol: string, on: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const side of ['server', 'client']) {
    out[`${SCHANNEL}\\${protocol}\\${side}\\enabled`] = on ? 1 : 0;
    out[`${SCHANNEL}\\${protocol}\\${side}\\disabledbydefault`] = on ? 0 : 1;
  }
  return out;
}

/** The listener, transport and SCHANNEL values of the default profile (the first-boot subset writes these). */
function firstBootRegistry(): Record<string, unknown> {
  return {
    [`${TS}\\fdenytsconnections`]: 0,
    [`${WS}\\portnumber`]: 43389,
    [`${TSPOL}\\securitylayer`]: 2,
    [`${TSPOL}\\userauthentication`]: 1,
    [`${TSPOL}\\minencryptionlevel`]: 3,
    [`${TSPOL}\\fencryptrpctraffic`]: 1,
    [`${TSPOL}\\fpromptforpassword`]: 1,
    [`${WS}\\securitylayer`]: 2,
    [`${WS}\\userauthentication`]: 1,
    [`${WS}\\minencryptionlevel`]: 3,
    [`${WS}\\fpromptforpassword`]: 1,
    [`${WS}\\fencryptrpctraffic`]: null,
    [`${TSPOL}\\selecttransport`]: 1,
    [`${TSPOL}\\disablepasswordsaving`]: 1,
    [`${TSPOL}\\fsinglesessionperuser`]: 1,
    [`${TSPOL}\\fallowunsolicited`]: 0,
    [`${TSPOL}\\fallowtogethelp`]: 0,
    ...schannel('ssl 2.0', false),
    ...schannel('ssl 3.0', false),
    ...schannel('tls 1.0', false),
    ...schannel('tls 1.1', false),
    ...schannel('tls 1.2', true),
    ...schannel('tls 1.3', true),
  };
}

const REDIRECTION_VALUES = ['fdisablecdm', 'fdisableclip', 'fdisablecpm', 'fdisableccm', 'fdisablelpt', 'fdisablepnpredir', 'fdisablelocationredir', 'fdisablewebauthn', 'fdisableaudiocapture', 'fdisablecameraredir'];

/** Every registry value the default profile's full script leaves behind. */
function defaultRegistry(): Record<string, unknown> {
  return {
    ...firstBootRegistry(),
    [`${TSPOL}\\maxidletime`]: 900000,
    [`${TSPOL}\\maxdisconnectiontime`]: 60000,
    [`${TSPOL}\\deletetempdirsonexit`]: 1,
    [`${TSPOL}\\persessiontempdir`]: 1,
    ...Object.fromEntries(REDIRECTION_VALUES.map((v) => [`${TSPOL}\\${v}`, 1])),
    [`${TSPOL}\\fenablesmartcard`]: 0,
    [`${TSPOL}\\enableuiaredirection`]: 0,
    [`${CREDSSP}\\allowencryptionoracle`]: 0,
    [`${CREDDELEG}\\allowprotectedcreds`]: 1,
  };
}

const tcpRule = (port = 43389, sources: unknown = SOURCES) => ({ direction: 'Inbound', action: 'Allow', protocol: 'TCP', localPort: port, remoteAddress: sources, enabled: 'True' });
const udpRule = (port = 43389, sources: unknown = SOURCES) => ({ ...tcpRule(port, sources), protocol: 'UDP' });
const FIREWALL_ON = { profilesEnabled: true, default3389Disabled: true };
const TCP_RULE_NAME = 'secure-rdp-hosts-rdp-tcp-in';
const UDP_RULE_NAME = 'secure-rdp-hosts-rdp-udp-in';

/** Top-level `$Name = value` assignments of the script (the header), by name. */
function assignments(script: string): Record<string, string> {
  return Object.fromEntries([...script.matchAll(/^\$(\w+) = (.*)$/gm)].map((m) => [m[1], m[2]]));
}

/** Names of the functions the script defines, in order. */
const definedFunctions = (script: string): string[] => [...script.matchAll(/^function ([A-Za-z-]+)/gm)].map((m) => m[1]);

/** Whole-line comments of the run (after the helper functions), indentation removed. */
const bodyComments = (script: string): string[] =>
  script
    .split('\n')
    .slice(script.split('\n').indexOf('$exitCode = 1'))
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));

/** The statements of the pass (inside the run's inner `try`), indentation removed. */
function pass(script: string): string[] {
  const lines = script.split('\n');
  const from = lines.indexOf('  try {', lines.indexOf('  $locked = Enter-HardeningLock $mutex'));
  const to = lines.indexOf('  } catch {', from);
  expect({ from: from > 0, to: to > from }).toEqual({ from: true, to: true });
  return lines.slice(from + 1, to).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

describe('the default profile, as the guest evaluator reads the script', () => {
  test('every registry value with its full path and data, the lockout policy, the guest firewall (the port from the allowlist over TCP, the UDP rule removed, profiles on, 3389 rules off), and nothing else', () => {
    const e = effect(render());
    expect({ syntaxErrors: e.syntaxErrors, taint: e.taint, completes: e.completes }).toEqual({ syntaxErrors: [], taint: [], completes: true });
    expect(e.registry).toEqual(defaultRegistry());
    expect(e.lockout).toEqual({ lockoutthreshold: 5, lockoutduration: 15, lockoutwindow: 15 });
    expect(e.firewallRules).toEqual({ [TCP_RULE_NAME]: tcpRule(), [UDP_RULE_NAME]: null });
    expect(e.firewall).toEqual(FIREWALL_ON);
  });

  test('tree-sitter-powershell parses it, with every option on, without an error', async () => {
    const script = render({ udp: true, listenerCertificateThumbprint: THUMBPRINT }, { localDriftTask: true });
    expect(describeSyntaxProblems(script, await powerShellSyntaxProblems(script))).toBe('');
  });
});

describe('each setting drives its values', () => {
  test('the port: PortNumber and the firewall rules (TCP and UDP) use it', () => {
    const e = effect(render({ port: RdpPort.of(50123), udp: true }));
    expect(e.registry[`${WS}\\portnumber`]).toBe(50123);
    expect(e.firewallRules).toEqual({ [TCP_RULE_NAME]: tcpRule(50123), [UDP_RULE_NAME]: udpRule(50123) });
    expect(e.registry[`${TSPOL}\\selecttransport`]).toBe(0);
  });

  test('the firewall sources are exactly the allowlist, in order', () => {
    const many = ['10.1.0.0/16', '172.16.0.0/16', '192.168.4.0/24'];
    expect(effect(render({ allowlist: many.map((c) => Peer.cidr(c)) }, { firstBootOnly: true })).firewallRules[TCP_RULE_NAME]).toEqual(tcpRule(43389, many));
  });

  test('Negotiate and NLA off are written to the policy and the listener key', () => {
    const r = effect(render({ securityLayer: RdpSecurityLayer.NEGOTIATE, requireNla: false }, { firstBootOnly: true })).registry;
    expect([r[`${TSPOL}\\securitylayer`], r[`${WS}\\securitylayer`], r[`${TSPOL}\\userauthentication`], r[`${WS}\\userauthentication`]]).toEqual([1, 1, 0, 0]);
  });

  test.each([
    ['1.0', WindowsServerVersion.SERVER_2019, { 'tls 1.0': true, 'tls 1.1': true, 'tls 1.2': true }],
    ['1.1', WindowsServerVersion.SERVER_2025, { 'tls 1.0': false, 'tls 1.1': true, 'tls 1.2': true, 'tls 1.3': true }],
    ['1.2', WindowsServerVersion.SERVER_2019, { 'tls 1.0': false, 'tls 1.1': false, 'tls 1.2': true }],
  ])('TLS floor %s on %s: SSL always off, TLS from the floor up on, TLS 1.3 only from Server 2022', (floor, version, expected) => {
    const minimumTlsVersion = TlsVersion.ALL.find((v) => v.version === floor)!;
    const r = effect(render({ minimumTlsVersion, windowsVersion: version }, { firstBootOnly: true })).registry;
    const protocols = Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => k.startsWith(SCHANNEL))
        .map(([k, v]) => [k.slice(SCHANNEL.length + 1), v]),
    );
    const want = { ...schannel('ssl 2.0', false), ...schannel('ssl 3.0', false), ...Object.assign({}, ...Object.entries(expected).map(([p, on]) => schannel(p, on))) } as Record<string, number>;
    expect(protocols).toEqual(Object.fromEntries(Object.entries(want).map(([k, v]) => [k.slice(SCHANNEL.length + 1), v])));
  });

  test.each([
    ['every other kind, smart card included', RdpRedirection.ALL.filter((_r, i) => i % 2 === 0)],
    ['the kinds the first case left out', RdpRedirection.ALL.filter((_r, i) => i % 2 === 1)],
  ])('redirections allowed: %s (fDisable* 0, fEnableSmartCard 1), every other kind forbidden', (_name, allowed) => {
    const r = effect(render({ allowedRedirections: allowed })).registry;
    const names = allowed.map((a) => a.name);
    const expected = Object.fromEntries([
      ...['drive', 'clipboard', 'printer', 'comPort', 'lptPort', 'pnpDevice', 'location', 'webAuthn', 'audioCapture', 'camera'].map((n, i) => [`${TSPOL}\\${REDIRECTION_VALUES[i]}`, names.includes(n) ? 0 : 1]),
      [`${TSPOL}\\fenablesmartcard`, names.includes('smartCard') ? 1 : 0],
    ]);
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, r[k]]))).toEqual(expected);
  });

  test('custom lockout (a reset window longer than the duration is shrunk first), session limits in milliseconds, reboot delay', () => {
    const script = render({ lockoutThreshold: 3, lockoutDurationMinutes: 30, lockoutResetMinutes: 20, idleSessionLimitMinutes: 7, disconnectedSessionLimitMinutes: 0, rebootDelayMinutes: 20 });
    const e = effect(script);
    expect(e.lockout).toEqual({ lockoutthreshold: 3, lockoutduration: 30, lockoutwindow: 20 });
    expect([e.registry[`${TSPOL}\\maxidletime`], e.registry[`${TSPOL}\\maxdisconnectiontime`]]).toEqual([420000, 0]);
    expect(assignments(script).RebootDelayMinutes).toBe('20');
    const body = pass(script);
    const from = body.indexOf('$lockout = Get-LockoutPolicy');
    expect(body.slice(from, from + 11)).toEqual([
      '$lockout = Get-LockoutPolicy',
      "Set-Lockout $lockout 'LockoutBadCount' 'lockoutthreshold' 3",
      '$lockout = Get-LockoutPolicy',
      "if ($lockout.ContainsKey('ResetLockoutCount') -and $lockout['ResetLockoutCount'] -gt 30) {",
      "Set-Lockout $lockout 'ResetLockoutCount' 'lockoutwindow' 20",
      "Set-Lockout $lockout 'LockoutDuration' 'lockoutduration' 30",
      '} else {',
      "Set-Lockout $lockout 'LockoutDuration' 'lockoutduration' 30",
      "Set-Lockout $lockout 'ResetLockoutCount' 'lockoutwindow' 20",
      '}',
      "Set-Dword 'TSPOL' 'MaxIdleTime' 420000",
    ]);
  });

  test('lockout off: only the threshold 0 is set', () => {
    expect(effect(render({ lockoutThreshold: 0 })).lockout).toEqual({ lockoutthreshold: 0 });
  });

});

describe('the listener certificate', () => {
  test('is checked and bound before any other change of the run (the default profile binds none: see its registry table)', () => {
    const script = render({ listenerCertificateThumbprint: THUMBPRINT });
    expect(effect(script).registry[CERTIFICATE]).toBe(THUMBPRINT);
    expect(pass(script).slice(2, 4)).toEqual([`Set-ListenerCertificate '${THUMBPRINT}'`, "Set-Dword 'TS' 'fDenyTSConnections' 0"]);
  });
});

describe('the helpers a script carries', () => {
  const ALWAYS = ['Write-Log', 'Add-Change', 'Write-Failure', 'Set-PendingMarker', 'Get-PendingMarker', 'Clear-PendingMarker', 'Enter-HardeningLock', 'Get-DwordValue', 'Set-Dword', 'Remove-Value', 'Set-Protocol'];
  const FIREWALL = ['ConvertTo-CanonicalAddress', 'Join-Addresses', 'Set-RdpFirewallRule', 'Disable-DefaultRdpRules', 'Enable-FirewallProfiles'];
  const PENDING = ['Get-ListeningPortOwners', 'Wait-ListeningPortOwners', 'Complete-PendingRestart', 'Register-RebootTask', 'Complete-PendingReboot'];
  const CERTIFICATE_HELPERS = ['Get-PrivateKeyFile', 'Grant-NetworkServiceKeyRead', 'Set-ListenerCertificate'];

  test.each([
    ['default (Server 2022)', {}, {}, [...ALWAYS, 'Assert-WindowsBuild', ...FIREWALL, 'Get-LockoutPolicy', 'Set-Lockout', ...PENDING, 'Write-Summary']],
    ['Server 2019', { windowsVersion: WindowsServerVersion.SERVER_2019 }, {}, [...ALWAYS, ...FIREWALL, 'Get-LockoutPolicy', 'Set-Lockout', ...PENDING, 'Write-Summary']],
    ['listener certificate, drift task', { listenerCertificateThumbprint: THUMBPRINT }, { localDriftTask: true }, [...ALWAYS, 'Assert-WindowsBuild', ...FIREWALL, 'Get-LockoutPolicy', 'Set-Lockout', ...CERTIFICATE_HELPERS, ...PENDING, 'Install-DriftCorrectionTask', 'Write-Summary']],
    ['first boot, listener certificate (not bound at first boot)', { listenerCertificateThumbprint: THUMBPRINT }, { firstBootOnly: true }, [...ALWAYS, 'Assert-WindowsBuild', ...FIREWALL, ...PENDING, 'Write-Summary']],
  ] as [string, Partial<HardeningSettings>, RenderHardeningScriptOptions, string[]][])('%s: exactly the helpers it calls', (_name, overrides, options, expected) => {
    const script = render(overrides, options);
    expect(definedFunctions(script)).toEqual(expected);
  });
});

describe('the first-boot subset', () => {
  test('writes the listener, transport and SCHANNEL values, opens the firewall to the allowlist, and leaves the rest to the full script', () => {
    const e = effect(render({ listenerCertificateThumbprint: THUMBPRINT }, { firstBootOnly: true }));
    expect(e.registry).toEqual(firstBootRegistry());
    expect(e.lockout).toEqual({});
    expect(e.firewallRules).toEqual({ [TCP_RULE_NAME]: tcpRule(), [UDP_RULE_NAME]: null });
    expect(e.firewall).toEqual(FIREWALL_ON);
    expect(e.completes).toBe(true);
  });

  test('cannot install the drift-correction task', () => {
    expect(() => render({}, { firstBootOnly: true, localDriftTask: true })).toThrow('internal error: the first-boot subset cannot install the drift-correction task');
  });
});

describe('the local drift-correction task (Azure)', () => {
  test('installed after the pending actions, every 30 minutes, from a copy under %ProgramData%\\secure-rdp-hosts', () => {
    const script = render({}, { localDriftTask: true });
    const g = deriveGuestState(evaluateScript(script));
    expect(g.localDriftTaskMinutes.state === 'set' ? g.localDriftTaskMinutes.value : g.localDriftTaskMinutes.state).toBe(30);
    const a = assignments(script);
    expect([a.DriftTaskName, a.DriftIntervalMinutes, a.DriftFolder, a.ScriptPath]).toEqual(["'secure-rdp-hosts-hardening-drift'", '30', "Join-Path $env:ProgramData 'secure-rdp-hosts'", '$PSCommandPath']);
    expect(JSON.parse(/^# secure-rdp-hosts:profile (.*)$/m.exec(script)![1]).localDriftTask).toEqual({ intervalMinutes: 30, atStartup: true });
    const plain = render();
    expect(assignments(plain).DriftTaskName).toBeUndefined();
    expect(JSON.parse(/^# secure-rdp-hosts:profile (.*)$/m.exec(plain)![1]).localDriftTask).toBeNull();
  });
});

describe('the header a run depends on', () => {
  test('port, sources, reboot task, mutex, event source, registry roots, pending markers and the summary that says "failed" until the end', () => {
    const script = render();
    const a = assignments(script);
    expect({
      RdpPort: a.RdpPort,
      AllowedSources: a.AllowedSources,
      RebootDelayMinutes: a.RebootDelayMinutes,
      RebootTaskName: a.RebootTaskName,
      MutexName: a.MutexName,
      EventSource: a.EventSource,
      RestartMarker: a.RestartMarker,
      RebootMarker: a.RebootMarker,
      PendingMarkerOf: a.PendingMarkerOf,
      Changes: a.Changes,
      Failures: a.Failures,
      exitCode: a.exitCode,
      failed: a.failed,
      mutex: a.mutex,
      locked: a.locked,
    }).toEqual({
      RdpPort: '43389',
      AllowedSources: "@('203.0.113.0/24', '192.0.2.0/24')",
      RebootDelayMinutes: '5',
      RebootTaskName: "'secure-rdp-hosts-schannel-reboot'",
      MutexName: "'Global\\secure-rdp-hosts-hardening'",
      EventSource: "'secure-rdp-hosts'",
      RestartMarker: "'RestartRequestedUtc'",
      RebootMarker: "'RebootRequestedUtc'",
      PendingMarkerOf: '@{ TS = $RestartMarker; WS = $RestartMarker; TSPOL = $RestartMarker; SCHANNEL = $RebootMarker }',
      Changes: "New-Object 'System.Collections.Generic.List[string]'",
      Failures: "New-Object 'System.Collections.Generic.List[string]'",
      exitCode: '1',
      failed: '$false',
      mutex: 'New-Object System.Threading.Mutex($false, $MutexName)',
      locked: '$false',
    });
    expect(a.Summary).toBe(
      "[ordered]@{ status = 'failed'; profileVersion = 1; port = $RdpPort; changedCount = 0; changed = @(); changedTruncated = $false; termServiceRestarted = $false; rebootScheduled = $false; restartPending = $false; rebootPending = $false; exitCode = 1; error = $null }",
    );
    expect(script).toContain("\n  STATE = 'HKLM:\\SOFTWARE\\secure-rdp-hosts'\n}\n");
    expect(script.split('\n').slice(0, 7)).toEqual([
      '# secure-rdp-hosts RDP hardening, generated from an RdpHardeningProfile: change the profile, not this text.',
      expect.stringMatching(/^# secure-rdp-hosts:profile \{"version":1,"port":43389,/),
      '# Idempotent (a rerun logs "unchanged"). Exit 0 = applied, 1 = failed. Last line: RDP-HARDENING-SUMMARY <json>. No secrets.',
      'Set-StrictMode -Version Latest',
      "$ErrorActionPreference = 'Stop'",
      "$ProgressPreference = 'SilentlyContinue'",
      '',
    ]);
  });

  test('the pass starts by logging the port and sources, then checks the Windows build (Server 2022 and later) before any change', () => {
    expect(pass(render()).slice(0, 2)).toEqual([
      `Write-Log ("applying the RDP hardening profile: port " + $RdpPort + ", allowed sources " + ($AllowedSources -join ', '))`,
      "Assert-WindowsBuild 20348 'Windows Server 2022 or later'",
    ]);
    expect(pass(render({ windowsVersion: WindowsServerVersion.SERVER_2019 }))[1]).toBe("Set-Dword 'TS' 'fDenyTSConnections' 0");
  });

  test('the section comments tell a reviewer the source of each group of settings and the profile\'s choices', () => {
    const comments = bodyComments(render({ udp: true, allowedRedirections: [RdpRedirection.CLIPBOARD, RdpRedirection.PRINTER], listenerCertificateThumbprint: THUMBPRINT }, { localDriftTask: true }));
    expect(comments).toEqual([
      '# Listener certificate first: checked (store, validity, Server Authentication EKU, private key), key readable by NETWORK SERVICE, then bound.',
      '# Listener on the custom port (MS change-listening-port).',
      '# TLS, NLA, High encryption, secure RPC, password prompt (CIS 18.10.57.3.9.1-5); policy (TSPOL) wins over listener (WS).',
      '# The listener copies keep local tools consistent. fEncryptRPCTraffic is a policy value only: a listener copy (older versions wrote one) is removed.',
      '# Transport: UDP and TCP.',
      '# No saved passwords, one session per user, no Remote Assistance (CIS 18.10.57.2.2, 18.10.57.3.2.1, 18.9.35.1-2).',
      '# Guest firewall: on; the port open to the allowlist only; 3389 rules off.',
      '# SCHANNEL protocols (MS tls-registry-settings), effective after a reboot.',
      '# Account lockout in the cloud-safe order: threshold (CIS 1.2.2), duration (1.2.1), reset window (1.2.4).',
      '# Setting a threshold can reset the other two, so read again. The window may not exceed the duration: shrink it first if needed.',
      '# Session limits in ms (CIS 18.10.57.3.10.1-2), temp folders (18.10.57.3.11.1-2).',
      '# Device redirection (CIS 18.10.57.3.3.x): fDisable* 1 = not allowed, fEnableSmartCard 0 = not allowed. Allowed: clipboard, printer.',
      '# CredSSP: force updated clients (CIS 18.9.4.1); non-exportable credentials (18.9.4.2).',
      '# After every pass, finished or failed: act on the pending markers, which were written before any value changed.',
      '# The drift-correction task is kept in place even after a failed pass, so the next run retries.',
    ]);
    const plain = bodyComments(render());
    expect(plain).toContain('# Transport: TCP only.');
    expect(plain).toContain('# Device redirection (CIS 18.10.57.3.3.x): fDisable* 1 = not allowed, fEnableSmartCard 0 = not allowed. Allowed: none.');
    expect(bodyComments(render({}, { firstBootOnly: true }))).toContain(
      '# First-boot subset of the profile: the scheduled re-application applies lockout, session, redirection, CredSSP and certificate settings.',
    );
  });
});

describe('failure: exit 1, pending actions still run, nothing reported as applied', () => {
  /** Whether the path took the run lock (the pass and the pending actions run only then). */
  const tookLock = (p: FlowPath) => p.events.some((e) => e.kind === 'condition' && e.text === '-not $locked' && !e.value) && p.failedStep !== 'Enter-HardeningLock';

  test('under every single failure of the smallest script (first boot, Server 2019): exit 0 exactly when nothing failed', async () => {
    const script = render({ windowsVersion: WindowsServerVersion.SERVER_2019 }, { firstBootOnly: true });
    const paths = simulate(await scriptRoot(script));
    expect(paths.filter((p) => (p.exitCode === 0) === p.raised).map((p) => ({ failed: p.failedStep, exitCode: p.exitCode, end: p.end.kind }))).toEqual([]);
    expect(paths.filter((p) => p.exitCode === 0).length).toBeGreaterThan(0);
    expect(paths.filter((p) => !p.raised && stepNames(p).includes('Write-Failure')).length).toBe(0);
    // A failed step of the pass: the run goes on to the pending actions, reports, releases the lock and exits 1.
    for (const failed of ['Set-Dword', 'Set-Protocol', 'Set-RdpFirewallRule', 'Complete-PendingRestart', 'Complete-PendingReboot']) {
      const hit = paths.filter((p) => p.failedStep === failed && tookLock(p));
      expect({ failed, paths: hit.length > 0 }).toEqual({ failed, paths: true });
      for (const p of hit) {
        const names = stepNames(p);
        expect({ failed, end: p.end, restart: names.includes('Complete-PendingRestart'), reboot: names.includes('Complete-PendingReboot'), summary: names.includes('Write-Summary'), released: names.includes('$mutex.ReleaseMutex()'), disposed: names.includes('$mutex.Dispose()') }).toEqual({
          failed,
          end: { kind: 'exit', code: 1 },
          restart: true,
          reboot: true,
          summary: true,
          released: true,
          disposed: true,
        });
        expect(names.filter((n) => n === 'Write-Failure').length).toBeGreaterThan(0);
      }
    }
    // The lock not taken: no pass, no pending action, exit 1; the mutex is still disposed.
    const noLock = paths.filter((p) => p.events.some((e) => e.kind === 'condition' && e.text === '-not $locked' && e.value));
    expect(noLock.length).toBeGreaterThan(0);
    for (const p of noLock) {
      expect({ exitCode: p.exitCode, pass: stepNames(p).includes('Set-Dword'), released: stepNames(p).includes('$mutex.ReleaseMutex()'), disposed: stepNames(p).includes('$mutex.Dispose()') }).toEqual({
        exitCode: 1,
        pass: false,
        released: false,
        disposed: true,
      });
      expect(stepNames(p)).toContain('Write-Failure');
    }
    // Only the end of a pass that did not fail marks the summary ok and sets the exit code 0.
    expect(script).toMatch(/^ {2}if \(-not \$failed\) \{\n {4}\$Summary\.status = 'ok'\n {4}\$exitCode = 0\n {2}\}\n\} catch \{$/m);
  });

  test.each([
    ['listener certificate, drift task (Server 2022)', { listenerCertificateThumbprint: THUMBPRINT }, { localDriftTask: true }],
    ['first boot (Server 2019)', { windowsVersion: WindowsServerVersion.SERVER_2019, listenerCertificateThumbprint: THUMBPRINT }, { firstBootOnly: true }],
  ] as [string, Partial<HardeningSettings>, RenderHardeningScriptOptions][])('%s: outside its functions only the header, the run and its end; the run calls only the script\'s own helpers', (_name, overrides, options) => {
    const script = render(overrides, options);
    const lines = script.split('\n');
    const outside: string[] = [];
    let depth = 0;
    for (const line of lines) {
      if (depth === 0 && !line.startsWith('function ')) outside.push(line);
      if (line.startsWith('function ') || depth > 0) depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    }
    const run = outside.slice(outside.indexOf('$exitCode = 1'));
    const header = outside.slice(0, outside.indexOf('$exitCode = 1'));
    expect(header.filter((l) => !/^(|#.*|Set-StrictMode -Version Latest|\$\w+ = .+|\$RegistryRoots = @\{|  \w+ = '[^']+'|\})$/.test(l))).toEqual([]);
    const statement = new RegExp(
      '^(\\$(exitCode|failed|locked) = .+|\\$mutex = New-Object .+|try \\{|\\} catch \\{|\\} finally \\{|\\}|if \\(-not \\$(locked|failed)\\) \\{.*|if \\(\\$locked\\) \\{ \\$mutex\\.ReleaseMutex\\(\\) \\}|\\$mutex\\.Dispose\\(\\)|' +
        "\\$Summary\\.status = 'ok'|Write-Failure \\$_|try \\{ (Complete-PendingRestart|Complete-PendingReboot|Install-DriftCorrectionTask) \\} catch \\{ \\$failed = \\$true; Write-Failure \\$_ \\}|Write-Summary \\$exitCode|exit \\$exitCode|" +
        'Write-Log \\(|Assert-WindowsBuild |Set-ListenerCertificate |Set-Dword |Remove-Value |Set-Protocol |Set-RdpFirewallRule |Enable-FirewallProfiles$|Disable-DefaultRdpRules$|\\$lockout = Get-LockoutPolicy$|Set-Lockout |if \\(\\$lockout\\.ContainsKey|\\} else \\{$)',
    );
    expect(run.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !statement.test(l))).toEqual([]);
    expect(script.endsWith('\nexit $exitCode\n')).toBe(true);
  });

  test('idempotent: each value is written by one line, and no value is written and then removed (a rerun changes nothing, so it marks no restart)', () => {
    const body = pass(render());
    const written = body.flatMap((l) => /^Set-Dword '([^']+)' '([^']+)' /.exec(l)?.slice(1, 3).join('\\') ?? []);
    const removed = body.flatMap((l) => /^Remove-Value '([^']+)' '([^']+)'$/.exec(l)?.slice(1, 3).join('\\') ?? []);
    expect(written.filter((k, i) => written.indexOf(k) !== i)).toEqual([]);
    expect(removed).toEqual(['WS\\fEncryptRPCTraffic']);
    expect(written.filter((k) => removed.includes(k))).toEqual([]);
  });

  test('a failed check stops the run before the first change (the build check, the certificate)', () => {
    const body = pass(render({ listenerCertificateThumbprint: THUMBPRINT }));
    expect(body.findIndex((l) => l.startsWith('Assert-WindowsBuild'))).toBeLessThan(body.findIndex((l) => l.startsWith('Set-ListenerCertificate')));
    expect(body.findIndex((l) => l.startsWith('Set-ListenerCertificate'))).toBeLessThan(body.findIndex((l) => /^(Set-Dword|Set-Protocol|Set-RdpFirewallRule|Enable-FirewallProfiles|Set-Lockout|Remove-Value)\b/.test(l)));
  });
});

describe('PowerShell literals: hostile text stays text', () => {
  /** Text with the characters that end or expand a PowerShell string, and characters outside printable ASCII. */
  const HOSTILE = ["'", '`', '$', '"', '(', ')', ';', '{', '}', '#', '@', ' ', 'a', '\t', '\u2018', '\u2019', '\u201a', '\u201b', '\u201c', '\u201d', '\u00e9', '\u0000'];
  const textOf = (chars: string[]) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
  const hostileText = fc.oneof({ arbitrary: textOf(HOSTILE.filter((c) => /^[\t\x20-\x7e]$/.test(c))), weight: 3 }, { arbitrary: textOf(HOSTILE), weight: 1 });
  const printable = (t: string) => /^[\t\x20-\x7e]*$/.test(t);

  test('a source entry carrying quotes, backticks, $ and statements is one firewall source, nothing else changes; text outside printable ASCII is refused', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (a, b) => {
        const peers = [a, b].map((cidr) => ({ cidr }) as never);
        if (!printable(a) || !printable(b)) {
          expect(() => render({ allowlist: peers }, { firstBootOnly: true })).toThrow('internal error: the rendered hardening script contains a character outside printable ASCII');
          return;
        }
        const e = effect(render({ allowlist: peers }, { firstBootOnly: true }));
        expect(e.firewallRules[TCP_RULE_NAME]).toEqual(tcpRule(43389, [a, b]));
        expect(e.registry).toEqual(firstBootRegistry());
      }),
      { numRuns: 10, examples: [["x'; Set-Dword 'TSPOL' 'SecurityLayer' 0; '", "$(Set-Dword 'TSPOL' 'UserAuthentication' 0)"], ["a'", "'b"], ['\u2019; exit 0; \u2019', 'ok']] },
    );
  });

  test('a thumbprint with a quote cannot end the literal early', () => {
    const thumbprint = "AB'; Set-Dword 'TSPOL' 'SecurityLayer' 0; '";
    const e = effect(render({ listenerCertificateThumbprint: thumbprint }));
    expect(e.registry[CERTIFICATE]).toBe(thumbprint);
    expect(e.registry[`${TSPOL}\\securitylayer`]).toBe(2);
  });

  test('psString, psStringArray and psBool: single quotes doubled, entries separated, booleans as $true / $false', () => {
    expect(psString("it's")).toBe("'it''s'");
    expect(psString("''")).toBe("''''''");
    expect(psString('$x `n "y"')).toBe("'$x `n \"y\"'");
    expect(psStringArray(["a'", 'b'])).toBe("@('a''', 'b')");
    expect(psStringArray([])).toBe('@()');
    expect([psBool(true), psBool(false)]).toEqual(['$true', '$false']);
  });

  test('SCRIPT_CHARACTERS: printable ASCII, tab and line feed only, anywhere in the text', () => {
    expect(['', 'a', '\t\n ~', 'x\ny'].map((t) => SCRIPT_CHARACTERS.test(t))).toEqual([true, true, true, true]);
    expect(['\u2019', '\u2019a', 'a\u2019', 'a\u2019b', '\r', '\u007f', '\ufeffa'].map((t) => SCRIPT_CHARACTERS.test(t))).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('the compact form (EC2 user data)', () => {
  test('keeps the three header lines verbatim, drops indentation, blank lines and comments, and has the same effect', () => {
    const full = render({ udp: true }, { firstBootOnly: true });
    const compact = compactHardeningScript(full);
    const lines = compact.split('\n');
    expect(lines.slice(0, 3)).toEqual(full.split('\n').slice(0, 3));
    expect(lines.slice(3, -1).filter((l) => l === '' || l.startsWith(' ') || l.startsWith('#'))).toEqual([]);
    expect(lines[3]).toBe('Set-StrictMode -Version Latest');
    expect(compact.endsWith("exit $exitCode\n")).toBe(true);
    expect(compact.length).toBeLessThan(full.length * 0.9);
    expect(effect(compact)).toEqual(effect(full));
  });
});
