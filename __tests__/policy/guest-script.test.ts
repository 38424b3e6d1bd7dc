/**
 * The guest-script evaluator: the policy engine derives the guest's RDP state from the hardening
 * script's body (the real renderer's output, mutated), never from its manifest line.
 */
import fc from 'fast-check';
import { Acknowledge, RdpAllowlist, RdpPort } from '../../constructs/core';
import { RdpHardeningProfile, RdpRedirection, RdpSecurityLayer, TlsVersion, WindowsServerVersion } from '../../constructs/windows';
import { findWeakenings } from '../../constructs/windows/rdp-hardening-weakenings';
import { review, violations } from '../../policy/engine';
import { deriveGuestState, GuestState, guestStateOf, oldestAcceptedProtocol, Setting } from '../../policy/guest/guest-state';
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { guestHardeningOf, profilesCarriedBy } from '../../policy/guest/profile';
import { parseScript } from '../../policy/guest/powershell-syntax';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { Compliance } from '../../policy/types';
import { powerShellSyntaxProblems } from '../helpers/powershell-parser';
import { load, patch } from './fixtures/builders';
import { atEndOfPass, BODY_VARIANTS, CARRIERS, END_OF_PASS, mutate, renderedScript, UNKNOWN_VARIANTS } from './fixtures/guest-script-variants';

/** The default rendered script, rendered by each test that uses it (no render at module load: no static mutants). */
const base = (): string => renderedScript();
const value = <T>(s: Setting<T>): T | string => (s.state === 'set' ? s.value : s.state);
const state = (script: string): GuestState => deriveGuestState(evaluateScript(script));

/** The settings a reviewer cares about, as plain values (`unknown` / `unset` when not set). */
function summary(g: GuestState) {
  const firewall = g.firewall.state === 'set' ? g.firewall.value.map((r) => `${r.protocol} ${r.ports === 'any' ? 'any' : r.ports.join(',')} from ${r.sources.join(',')}`).sort() : g.firewall.state;
  return {
    port: value(g.port),
    securityLayer: value(g.securityLayer),
    nla: value(g.nla),
    minTls: value(oldestAcceptedProtocol(g)),
    udp: value(g.udp),
    firewall,
    lockout: [value(g.lockoutThreshold), value(g.lockoutDurationMinutes), value(g.lockoutResetMinutes)],
    sessions: [value(g.idleSessionLimitMinutes), value(g.disconnectedSessionLimitMinutes)],
    redirections: [...g.redirections].filter(([, s]) => s.state !== 'set' || s.value).map(([n, s]) => (s.state === 'set' ? n : `${n}: ${s.state}`)),
  };
}

describe('the rendered default script', () => {
  test('evaluates to the secure profile, setting by setting', () => {
    expect(summary(state(base()))).toEqual({
      port: 43389,
      securityLayer: 'tls',
      nla: true,
      minTls: '1.2',
      udp: false,
      firewall: ['tcp 43389 from 203.0.113.0/24'],
      lockout: [5, 15, 15],
      sessions: [15, 1],
      redirections: [],
    });
  });

  test('the lockout if/else writes the same values on both branches, so they stay known', () => {
    expect(base()).toMatch(/if \(\$lockout\.ContainsKey\('ResetLockoutCount'\)/);
    expect(value(state(base()).lockoutDurationMinutes)).toBe(15);
  });

  test('the reader leaves nothing of it unparsed, and tree-sitter-powershell finds the same functions and no syntax error', async () => {
    const statements = parseScript(base());
    expect(statements.filter((s) => s.t === 'opaque')).toEqual([]);
    expect(await powerShellSyntaxProblems(base())).toEqual([]);
    const ours = statements.filter((s) => s.t === 'function').map((s) => (s as { name: string }).name);
    expect(ours.length).toBe((base().match(/^function /gm) ?? []).length);
  });

  test('every carrier yields the same state', () => {
    const expected = summary(state(base()));
    for (const [name, carrier] of Object.entries(CARRIERS)) {
      const doc = load(carrier.json(base()));
      const { profiles, unreadable } = profilesCarriedBy(doc.at(carrier.subject)!);
      expect({ name, unreadable, states: profiles.map((p) => summary(p.guest)) }).toEqual({ name, unreadable: [], states: [expected] });
    }
  });
});

describe('Session Manager documents', () => {
  const session = (sessionType: string, properties: Record<string, unknown>) =>
    load({ resource: { aws_ssm_document: { D: { name: 'd', document_type: 'Session', content: JSON.stringify({ schemaVersion: '1.0', sessionType, inputs: {}, properties }) } } } }).at('aws_ssm_document.D')!;

  test('a Port session (port forwarding to the RDP port) runs no script: it is no carrier', () => {
    const port = session('Port', { portNumber: '43389', type: 'LocalPortForwarding' });
    expect(profilesCarriedBy(port)).toEqual({ profiles: [], unreadable: [], malformed: [] });
  });

  test('an interactive command session runs its commands: a weakening there is read', () => {
    const commands = session('InteractiveCommands', { windows: { commands: "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -Name SecurityLayer -Value 0", runAsElevated: true } });
    const { profiles } = profilesCarriedBy(commands);
    expect(profiles.map((p) => summary(p.guest).securityLayer)).toEqual(['rdp']);
  });

  test('a non-interactive command session with a list of commands is read line by line; the document text itself is not run', () => {
    const lines = ["$k = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'", 'Set-ItemProperty -Path $k -Name SecurityLayer -Value 0'];
    const { profiles, unreadable } = profilesCarriedBy(session('NonInteractiveCommands', { windows: { commands: lines, runAsElevated: true } }));
    expect({ unreadable, layers: profiles.map((p) => summary(p.guest).securityLayer) }).toEqual({ unreadable: [], layers: ['rdp'] });
  });

  test('a command session whose commands cannot be read is unreadable, never empty', () => {
    const { profiles, unreadable } = profilesCarriedBy(session('InteractiveCommands', { windows: { commands: { 'Fn::Join': ['x'] } } }));
    expect({ profiles: profiles.length, unreadable: unreadable.map((u) => u.via) }).toEqual({ profiles: 0, unreadable: ['content'] });
  });
});

describe('an association whose document name is already known (plan JSON)', () => {
  test('runs the stack\'s document of that name; a name no document has stays unreadable', () => {
    const content = JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runPowerShellScript', name: 'harden', inputs: { runCommand: base().split('\n') } }] });
    const json = (name: string) => ({
      resource: {
        aws_instance: { H: { ami: 'ami-0123456789abcdef0', instance_type: 't3.large' } },
        aws_ssm_document: { D: { name: 'secure-rdp-hosts-hardening', document_type: 'Command', content } },
        aws_ssm_association: { A: { name, targets: [{ key: 'InstanceIds', values: ['${aws_instance.H.id}'] }] } },
      },
    });
    const known = load(json('secure-rdp-hosts-hardening'));
    const found = guestHardeningOf(known.at('aws_instance.H')!, known);
    expect(found.profiles.map((p) => p.carrier.address)).toEqual(['aws_ssm_document.D']);
    const elsewhere = load(json('someone-elses-document'));
    expect(guestHardeningOf(elsewhere.at('aws_instance.H')!, elsewhere).unreadable.map((u) => u.via)).toEqual(['aws_ssm_association.A (document outside this stack)']);
  });
});

describe('body-only weakenings (manifest untouched)', () => {
  const cases: [string, Partial<ReturnType<typeof summary>>][] = [
    ['SecurityLayer 0', { securityLayer: 'rdp' }],
    ['NLA off', { nla: false }],
    ['TLS 1.0 enabled', { minTls: '1.0' }],
    ["$AllowedSources = @('Any')", { firewall: ['tcp 43389 from Any'] }],
    ['an extra firewall rule on LocalPort 3389 from Any', { firewall: ['tcp 3389 from Any', 'tcp 43389 from 203.0.113.0/24'] }],
    ['the SecurityLayer writes inside if ($false) {}', { securityLayer: 'unset' }],
    ['a later write overrides SecurityLayer with 1', { securityLayer: 'negotiate' }],
    ['a direct Set-ItemProperty turns NLA off', { nla: false }],
    // fEnableSmartCard is the inverted one: 0 forbids, 1 allows.
    ['smart-card redirection allowed (fEnableSmartCard 1)', { redirections: ['smartCard'] }],
    ['camera redirection allowed (fDisableCameraRedir 0)', { redirections: ['camera'] }],
  ];
  test('MinEncryptionLevel, firewall profiles and the listener certificate are evaluated too', () => {
    expect(value(state(base()).minEncryptionLevel)).toBe(3);
    expect(value(state(BODY_VARIANTS['MinEncryptionLevel 1 (Low) on both keys'](base())).minEncryptionLevel)).toBe(1);
    expect(value(state(base()).firewallProfilesEnabled)).toBe(true);
    expect(value(state(BODY_VARIANTS['the firewall profiles turned off at the end'](base())).firewallProfilesEnabled)).toBe(false);
    expect(value(state(renderedScript({ listenerCertificateThumbprint: 'ab'.repeat(20) })).listenerCertificateThumbprint)).toBe('AB'.repeat(20));
  });
  test.each(cases)('%s', (label, expected) => {
    const mutated = BODY_VARIANTS[label](base());
    expect(mutated.split('\n')[1]).toBe(base().split('\n')[1]); // the manifest line is unchanged
    expect(summary(state(mutated))).toMatchObject(expected);
  });

  test('every variant is valid PowerShell for tree-sitter-powershell (the fixtures are realistic edits)', async () => {
    for (const [label, mutation] of [...Object.entries(BODY_VARIANTS), ...Object.entries(UNKNOWN_VARIANTS)]) {
      expect({ label, problems: await powerShellSyntaxProblems(mutation(base())) }).toEqual({ label, problems: [] });
    }
  });

  test('a redefined Set-Dword (doing nothing) is not trusted: no registry value is set', () => {
    const g = state(BODY_VARIANTS['Set-Dword redefined to do nothing'](base()));
    expect([value(g.port), value(g.securityLayer), value(g.nla), value(g.idleSessionLimitMinutes)]).toEqual(['unset', 'unset', 'unset', 'unset']);
  });

  test('the engine fails every variant, and passes the untouched script', () => {
    const carrier = CARRIERS['AWS user data'];
    expect(violations(review([load(carrier.json(base()))], RdpBaselinePack))).toEqual([]);
    for (const [label, mutation] of Object.entries(BODY_VARIANTS)) {
      const found = violations(review([load(carrier.json(mutation(base())))], RdpBaselinePack)).map((o) => o.ruleId);
      expect({ label, caught: found.length > 0 }).toEqual({ label, caught: true });
    }
  });
});

describe('what stays unknown', () => {
  test.each(Object.keys(UNKNOWN_VARIANTS))('%s', (label) => {
    const g = state(UNKNOWN_VARIANTS[label](base()));
    expect(g.securityLayer.state).toBe('unknown');
  });

  test.each([
    ['a value from a command', "Set-Dword 'TSPOL' 'UserAuthentication' (Get-ItemPropertyValue -Path HKLM:\\X -Name Y)"],
    ['a helper the script depends on is redefined before the writes', "function Get-DwordValue([string]$Path, [string]$Name) { return 1 }"],
    ['a cmdlet the helpers call is shadowed before the writes', 'function New-ItemProperty { }'],
    ['a write in a loop over values not known statically', "foreach ($v in (Get-ChildItem C:\\)) { Set-Dword 'TSPOL' 'UserAuthentication' 0 }"],
    ['a while loop', "while ($true) { Set-Dword 'TSPOL' 'UserAuthentication' 0; break }"],
    ['a registry write through .NET', "[Microsoft.Win32.Registry]::SetValue('HKEY_LOCAL_MACHINE\\X', 'UserAuthentication', 0)"],
    ['a path built at run time', "Set-ItemProperty -Path (Get-Location) -Name UserAuthentication -Value 0"],
    ['a program run by path', "& 'C:\\tools\\rdp-tweak.exe' /nla:off"],
  ])('%s', (label, line) => {
    const g = state(label.endsWith('before the writes') ? mutate(base(), '$exitCode = 1\n', `${line}\n$exitCode = 1\n`) : atEndOfPass(base(), line));
    // A redefined Get-DwordValue that claims the value is already 1 makes Set-Dword (now walked, not trusted) skip the write: unset, never "set".
    expect(g.nla.state).toBe(label.startsWith('a helper the script depends on') ? 'unset' : 'unknown');
  });

  test('a write under if ($true) happens, under if ($false) not, and the last write wins', () => {
    const pol = "'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'";
    expect(value(state(`if ($true) { Set-ItemProperty -Path ${pol} -Name SecurityLayer -Value 0 }`).securityLayer)).toBe('rdp');
    expect(value(state(`if ($false) { Set-ItemProperty -Path ${pol} -Name SecurityLayer -Value 0 }`).securityLayer)).toBe('unset');
    expect(value(state(`New-ItemProperty -Path ${pol} -Name SecurityLayer -Value 2\nNew-ItemProperty -Path ${pol} -Name SecurityLayer -Value 1`).securityLayer)).toBe('negotiate');
    expect(value(state(`$x = 2\nif ($x -eq 2) { Set-ItemProperty ${pol} SecurityLayer 0 } else { Set-ItemProperty ${pol} SecurityLayer 2 }`).securityLayer)).toBe('rdp');
    expect(value(state(`$x = if ($true) { Set-ItemProperty ${pol} SecurityLayer 0 }`).securityLayer)).toBe('rdp');
    expect(value(state(`$y = & { Set-ItemProperty ${pol} SecurityLayer 0 }`).securityLayer)).toBe('unknown');
  });

  test('a failing path does not count: a throw guarded by a run-time condition leaves the later write known', () => {
    const pol = "'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'";
    expect(value(state(`if (-not (Test-Path C:\\x)) { throw 'missing' }\nSet-ItemProperty ${pol} SecurityLayer 2`).securityLayer)).toBe('tls');
    expect(value(state(`if (Test-Path C:\\x) { exit 0 }\nSet-ItemProperty ${pol} SecurityLayer 2`).securityLayer)).toBe('unknown');
  });

  test('an exit or a script-level break on a run-time path makes later writes unknown; a helper that always throws stops the run', () => {
    const pol = "'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'";
    expect(value(state(`if (Test-Path C:\\x) { break }\nSet-ItemProperty ${pol} SecurityLayer 2`).securityLayer)).toBe('unknown');
    expect(value(state(`function Stop-Early { if (Test-Path C:\\x) { exit 0 } }\nStop-Early\nSet-ItemProperty ${pol} SecurityLayer 2`).securityLayer)).toBe('unknown');
    expect(value(state(`function Stop-Now { exit 0 }\nSet-ItemProperty ${pol} SecurityLayer 0\nStop-Now\nSet-ItemProperty ${pol} SecurityLayer 2`).securityLayer)).toBe('rdp');
    const failing = state(mutate(base(), '$exitCode = 1\n', "function Write-Log([string]$Message) { throw 'no log' }\n$exitCode = 1\n"));
    expect(failing.completes).toBe(false);
  });

  test('try/catch/finally: the try body is the pass; a catch that writes a setting makes it unprovable (a failed run leaves it behind); the finally block runs on the pass', () => {
    const pol = "'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'";
    const run = (tryBody: string, catchBody: string, finallyBody = '') =>
      value(state(`$failed = $false\ntry {\n${tryBody}\n} catch {\n$failed = $true\n${catchBody}\n} finally {\n${finallyBody}\n}\n$code = 1\nif (-not $failed) { $code = 0 }\nexit $code`).securityLayer);
    expect(run(`Set-ItemProperty ${pol} SecurityLayer 2`, `Set-ItemProperty ${pol} SecurityLayer 0`)).toBe('unknown');
    expect(run(`Set-ItemProperty ${pol} SecurityLayer 2`, `Set-ItemProperty ${pol} SecurityLayer 0\nexit 1`)).toBe('unknown');
    expect(run(`Set-ItemProperty ${pol} SecurityLayer 2`, `Set-ItemProperty ${pol} SecurityLayer 0\nthrow 'x'`)).toBe('unknown');
    // A catch that only records the failure leaves the pass as it is.
    expect(run(`Set-ItemProperty ${pol} SecurityLayer 2`, `Write-Host 'failed'`)).toBe('tls');
    expect(run(`Set-ItemProperty ${pol} SecurityLayer 2`, '', `Set-ItemProperty ${pol} SecurityLayer 0`)).toBe('rdp');
    // A catch that swallows the failure (the run goes on and exits 0): writes of the try may have been skipped.
    expect(value(state(`try { Set-ItemProperty ${pol} SecurityLayer 2 } catch { Write-Host 'ignored' }`).securityLayer)).toBe('unknown');
    expect(value(state(`try { Set-ItemProperty ${pol} SecurityLayer 2 } catch { Set-ItemProperty ${pol} SecurityLayer 0 }`).securityLayer)).toBe('unknown');
    // In the rendered script: a weakening in the main catch block cannot be proven away (it is what a failed run
    // leaves on the host); in the finally block it counts.
    expect(value(state(mutate(base(), END_OF_PASS, `${END_OF_PASS}    Set-Dword 'TSPOL' 'SecurityLayer' 0\n`)).securityLayer)).toBe('unknown');
    expect(value(state(mutate(base(), '    try { Complete-PendingRestart }', "    Set-Dword 'TSPOL' 'SecurityLayer' 0\n    try { Complete-PendingRestart }")).securityLayer)).toBe('rdp');
    // The exit code is computed: a script whose catch path exits 0 keeps that path (the write in the catch makes the value unknown).
    expect(value(state(mutate(mutate(base(), END_OF_PASS, `${END_OF_PASS}    Set-Dword 'TSPOL' 'SecurityLayer' 0\n`), 'exit $exitCode', 'exit 0')).securityLayer)).toBe('unknown');
  });

  test('net accounts, reg.exe add and secedit /configure', () => {
    expect(value(state('net accounts /lockoutthreshold:0').lockoutThreshold)).toBe(0);
    expect(value(state("reg add 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' /v PortNumber /t REG_DWORD /d 50000 /f").port)).toBe(50000);
    expect(state('secedit /configure /db x.sdb /cfg x.inf').lockoutThreshold.state).toBe('unknown');
    expect(value(state("& 'reg.exe' add 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' /v SecurityLayer /t REG_DWORD /d 1 /f").securityLayer)).toBe('negotiate');
    expect(value(state("Set-ItemProperty 'HKLM:SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' SecurityLayer 0").securityLayer)).toBe('rdp');
  });
});

describe('the evaluated state follows the profile (property)', () => {
  test('for any valid profile, the body evaluates to its settings', () => {
    const redirections = RdpRedirection.ALL;
    fc.assert(
      fc.property(
        fc.record({
          port: fc.integer({ min: 1024, max: 65535 }).filter((p) => p !== 3389),
          udp: fc.boolean(),
          negotiate: fc.boolean(),
          requireNla: fc.boolean(),
          tls: fc.constantFrom(...TlsVersion.ALL),
          lockoutThreshold: fc.integer({ min: 0, max: 10 }),
          lockoutDurationMinutes: fc.integer({ min: 15, max: 60 }),
          idleSessionLimitMinutes: fc.integer({ min: 0, max: 60 }),
          disconnectedSessionLimitMinutes: fc.integer({ min: 0, max: 5 }),
          allowed: fc.subarray([...redirections]),
          firstBootOnly: fc.boolean(),
        }),
        (p) => {
          const settings = {
            port: RdpPort.of(p.port),
            allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24', '198.51.100.7/32']),
            udp: p.udp,
            windowsVersion: WindowsServerVersion.SERVER_2022,
            securityLayer: p.negotiate ? RdpSecurityLayer.NEGOTIATE : RdpSecurityLayer.TLS,
            requireNla: p.requireNla,
            minimumTlsVersion: p.tls,
            lockoutThreshold: p.lockoutThreshold,
            ...(p.lockoutThreshold === 0 ? {} : { lockoutDurationMinutes: p.lockoutDurationMinutes, lockoutResetMinutes: p.lockoutDurationMinutes }),
            idleSessionLimitMinutes: p.idleSessionLimitMinutes,
            disconnectedSessionLimitMinutes: p.disconnectedSessionLimitMinutes,
            allowedRedirections: p.allowed,
          };
          const risks = findWeakenings({ ...settings, lockoutDurationMinutes: p.lockoutDurationMinutes, lockoutResetMinutes: p.lockoutDurationMinutes, allowlist: settings.allowlist.peers, listenerCertificateThumbprint: undefined, rebootDelayMinutes: 5 } as never).map((w) => w.riskId);
          const profile = new RdpHardeningProfile({ ...settings, acknowledgements: [...new Set(risks)].map((id) => Acknowledge.risk(id, 'property test of the evaluator')) });
          const g = guestStateOf(p.firstBootOnly ? profile.firstBootScript : profile.script);
          const s = summary(g);
          expect(s.port).toBe(p.port);
          expect(s.securityLayer).toBe(p.negotiate ? 'negotiate' : 'tls');
          expect(s.nla).toBe(p.requireNla);
          expect(s.minTls).toBe(p.tls.version);
          expect(s.udp).toBe(p.udp);
          expect(s.firewall).toEqual([`tcp ${p.port} from 203.0.113.0/24,198.51.100.7/32`, ...(p.udp ? [`udp ${p.port} from 203.0.113.0/24,198.51.100.7/32`] : [])]);
          if (p.firstBootOnly) {
            expect(s.lockout).toEqual(['unset', 'unset', 'unset']);
            return;
          }
          expect(s.lockout).toEqual(p.lockoutThreshold === 0 ? [0, 'unset', 'unset'] : [p.lockoutThreshold, p.lockoutDurationMinutes, p.lockoutDurationMinutes]);
          expect(s.sessions).toEqual([p.idleSessionLimitMinutes, p.disconnectedSessionLimitMinutes]);
          expect(s.redirections.sort()).toEqual(p.allowed.map((r) => r.name).sort());
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('a weakening inserted anywhere in the pass after the real write (property)', () => {
  test('is never evaluated as TLS: the last write wins, and a write inside a run-time branch is unknown', () => {
    const lines = base().split('\n');
    const from = lines.findIndex((l) => l.includes("Set-Dword 'TSPOL' 'SecurityLayer' 2")) + 1;
    // The pass ends where its catch block starts (the line before `$failed = $true`).
    const to = lines.findIndex((l, i) => `${l}\n${lines[i + 1]}\n` === END_OF_PASS);
    expect(to).toBeGreaterThan(from);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to - 1 }), fc.constantFrom("Set-Dword 'TSPOL' 'SecurityLayer' 0", "Set-ItemProperty -Path $RegistryRoots['TSPOL'] -Name SecurityLayer -Value 0"), (at, line) => {
        const mutated = [...lines.slice(0, at), `  ${line}`, ...lines.slice(at)].join('\n');
        expect(['rdp', 'unknown']).toContain(value(state(mutated).securityLayer));
      }),
      { numRuns: 60 },
    );
  });
});

describe('acknowledged weakenings', () => {
  test('a profile with an acknowledged Negotiate layer: the finding comes from the body and the acknowledgement suppresses it; the manifest agrees', () => {
    const weak = renderedScript({ securityLayer: RdpSecurityLayer.NEGOTIATE, acknowledgements: [Acknowledge.risk('RDP-GUEST-SECURITY-LAYER', 'legacy thin clients until Q3')] });
    const json = CARRIERS['AWS user data'].json(weak);
    const host = json.resource.aws_instance.host;
    const acked = patch(json, 'aws_instance', 'host', { '//': { rdp_acknowledgements: [{ id: 'RDP-GUEST-SECURITY-LAYER', reason: 'legacy thin clients until Q3' }] }, user_data: host.user_data });
    const report = review([load(acked)], RdpBaselinePack);
    const layer = report.outcomes.find((o) => o.ruleId === 'RDP-GUEST-SECURITY-LAYER' && o.address === 'aws_instance.host');
    expect(layer).toMatchObject({ compliance: Compliance.NON_COMPLIANT, suppression: { id: 'RDP-GUEST-SECURITY-LAYER' } });
    expect(layer?.findings.join()).toMatch(/"negotiate"/);
    expect(report.outcomes.find((o) => o.ruleId === 'RDP-GUEST-MANIFEST-MISMATCH' && o.address === 'aws_instance.host')?.compliance).toBe(Compliance.COMPLIANT);
    expect(violations(report)).toEqual([]);
  });

  test('the acknowledgement covers the weakening it names, not a body edit of another setting', () => {
    const weak = BODY_VARIANTS['NLA off'](renderedScript({ securityLayer: RdpSecurityLayer.NEGOTIATE, acknowledgements: [Acknowledge.risk('RDP-GUEST-SECURITY-LAYER', 'legacy thin clients until Q3')] }));
    const json = patch(CARRIERS['AWS user data'].json(weak), 'aws_instance', 'host', { '//': { rdp_acknowledgements: [{ id: 'RDP-GUEST-SECURITY-LAYER', reason: 'legacy thin clients until Q3' }] } });
    expect(violations(review([load(json)], RdpBaselinePack)).map((o) => o.ruleId).sort()).toEqual(['RDP-GUEST-MANIFEST-MISMATCH', 'RDP-GUEST-NLA-OFF']);
  });
});
