/**
 * Retry safety of the hardening script, proven on its parsed AST with a single-fault control-flow
 * simulator (__tests__/helpers/powershell-flow.ts): every step of every path is made to fail once, and
 * the properties below must hold on every resulting path. What a cmdlet does inside Windows is not
 * simulated; see docs/hardening.md ("Not verified on a real host").
 */
// cdktf is never called here (the core barrel imports it for the Terraform-facing helpers): an empty module saves loading it.
jest.mock('cdktf', () => ({}));

import { Acknowledge, RdpAllowlist, RdpPort } from '../../constructs/core';
import { compactHardeningScript, PENDING_MARKER_OF_ROOT, PENDING_MARKERS, RdpGuestRisk, RdpHardeningProfile, RdpHardeningProfileProps, WindowsServerVersion } from '../../constructs/windows';
import { dwordWrites } from '../helpers/hardening-script';
import { FlowPath, functionBody, scriptRoot, simulate, stepNames } from '../helpers/powershell-flow';

const THUMBPRINT = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';

function profile(overrides: Partial<RdpHardeningProfileProps> = {}): RdpHardeningProfile {
  return new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24']), ...overrides });
}

/** The scripts checked, each rendered when its tests start (nothing renders at module load). */
const VARIANTS: [string, () => string][] = [
  ['default', () => profile().script],
  ['first boot subset', () => profile().firstBootScript],
  ['listener certificate', () => profile({ listenerCertificateThumbprint: THUMBPRINT }).script],
  ['Azure: with the local drift-correction task', () => profile().driftCorrectingScript],
  ['default, compacted for user data', () => compactHardeningScript(profile().script)],
  ['first boot subset, compacted', () => compactHardeningScript(profile().firstBootScript)],
  ['Server 2019, lockout off', () => profile({ windowsVersion: WindowsServerVersion.SERVER_2019, lockoutThreshold: 0, acknowledgements: [Acknowledge.risk(RdpGuestRisk.LOCKOUT, 'Accepted for the test matrix')] }).script],
];

/** Steps that change the host (the body of the run). */
const CHANGE_STEP = /^(Set-|Remove-Value|Enable-FirewallProfiles|Disable-DefaultRdpRules|Assert-WindowsBuild|Get-LockoutPolicy)/;
/** Steps after the run's own try, which may end the script with an escaping error (exit code 1). */
const FINAL_STEPS = ['Write-Summary', '$mutex.ReleaseMutex()', '$mutex.Dispose()'];

function tookLock(path: FlowPath): boolean {
  const names = stepNames(path);
  return names.includes('Enter-HardeningLock') && path.failedStep !== 'Enter-HardeningLock' && path.events.some((e) => e.kind === 'condition' && e.text === '-not $locked' && !e.value);
}

async function mainPaths(script: string): Promise<FlowPath[]> {
  return simulate(await scriptRoot(script));
}

describe.each(VARIANTS)('main flow under single faults: %s', (_name, renderScript) => {
  // The simulation is the costly part, so it runs once for the five tests below (this file is not in the mutation run's scope).
  let script: string;
  let paths: FlowPath[];
  beforeAll(async () => {
    script = renderScript();
    paths = await mainPaths(script);
  });

  test('every step is made to fail once, including the body and both pending actions', () => {
    const failed = new Set(paths.map((p) => p.failedStep).filter((s) => s !== undefined));
    for (const step of ['Enter-HardeningLock', 'Set-Dword', 'Set-Protocol', 'Set-RdpFirewallRule', 'Complete-PendingRestart', 'Complete-PendingReboot', 'Write-Summary']) {
      expect({ step, failedSomewhere: failed.has(step) }).toEqual({ step, failedSomewhere: true });
    }
    expect(paths.length).toBeGreaterThan(stepNames(paths[0]).length);
  });

  test('exit code 0 exactly on the paths where nothing failed or threw', () => {
    const wrong = paths.filter((p) => (p.exitCode === 0) === p.raised).map((p) => ({ failed: p.failedStep, exitCode: p.exitCode }));
    expect(wrong).toEqual([]);
    expect(paths.some((p) => p.exitCode === 0)).toBe(true);
  });

  test('every path ends with `exit`, except a failure in the prologue, the final cleanup or the failure report itself (then exit code 1)', () => {
    const notExited = paths.filter((p) => p.end.kind !== 'exit');
    const inPrologue = (p: FlowPath) => !stepNames(p).includes('Enter-HardeningLock');
    const unexplained = notExited.filter((p) => !inPrologue(p) && !FINAL_STEPS.includes(p.failedStep ?? '') && p.failedStep !== 'Write-Failure');
    expect(unexplained.map((p) => p.failedStep)).toEqual([]);
    expect(notExited.every((p) => p.exitCode === 1)).toBe(true);
    // once the run is under way, no single failing step can take the `exit` away
    expect(paths.filter((p) => !inPrologue(p) && p.end.kind === 'exit').length).toBeGreaterThan(paths.length / 2);
  });

  test('once the lock is held, both pending actions run on every path, after every change, whatever failed', () => {
    const locked = paths.filter(tookLock);
    expect(locked.length).toBeGreaterThan(0);
    const driftTask = script.includes('Install-DriftCorrectionTask');
    for (const path of locked) {
      const names = stepNames(path);
      const restart = names.indexOf('Complete-PendingRestart');
      const reboot = names.indexOf('Complete-PendingReboot');
      const task = names.indexOf('Install-DriftCorrectionTask');
      const lastChange = names.reduce((last, n, i) => (CHANGE_STEP.test(n) ? i : last), -1);
      expect({ failed: path.failedStep, restart: restart > lastChange, reboot: reboot > restart, task: driftTask ? task > reboot : task === -1 }).toEqual({
        failed: path.failedStep,
        restart: true,
        reboot: true,
        task: true,
      });
    }
  });

  test('the lock is released on every path that took it, and the mutex disposed on every path that created it', () => {
    for (const path of paths.filter(tookLock)) {
      expect({ failed: path.failedStep, released: stepNames(path).includes('$mutex.ReleaseMutex()') }).toEqual({ failed: path.failedStep, released: true });
    }
    const createdMutex = (p: FlowPath) => p.events.some((e) => e.kind === 'step' && !e.failed && e.text.includes('System.Threading.Mutex'));
    for (const path of paths.filter((p) => createdMutex(p) && p.failedStep !== '$mutex.ReleaseMutex()')) {
      expect({ failed: path.failedStep, disposed: stepNames(path).includes('$mutex.Dispose()') }).toEqual({ failed: path.failedStep, disposed: true });
    }
  });
});

describe('the simulator catches the defects it guards against', () => {
  test('pending actions only after a successful pass (the old behaviour) violate the retry property', async () => {
    const script = profile().script;
    const broken = script.replace(
      /  \} catch \{\n    \$failed = \$true\n    Write-Failure \$_\n  \} finally \{\n(    #.*\n)?(    try \{ Complete-PendingRestart \}.*\n    try \{ Complete-PendingReboot \}.*\n)  \}\n/,
      (_m, _comment, pending: string) => `${pending}  } catch {\n    $failed = $true\n    Write-Failure $_\n  }\n`,
    );
    expect(broken).not.toBe(script);
    const paths = await mainPaths(broken);
    const skipped = paths.filter(tookLock).filter((p) => !stepNames(p).includes('Complete-PendingRestart'));
    expect(skipped.map((p) => p.failedStep)).toContain('Set-Dword');
  });

  test('an unconditional success exit code violates the exit property', async () => {
    const script = profile().script;
    const broken = script.replace('  if (-not $failed) {\n    $Summary.status = \'ok\'\n    $exitCode = 0\n  }', "  $Summary.status = 'ok'\n  $exitCode = 0");
    expect(broken).not.toBe(script);
    const paths = await mainPaths(broken);
    expect(paths.some((p) => p.raised && p.exitCode === 0)).toBe(true);
  });
});

describe('markers are written before the values they make pending', () => {
  test('Set-Dword: on every path that writes, the marker decision comes first, and a failed marker write stops the value write', async () => {
    const paths = simulate(await functionBody(profile().script, 'Set-Dword'));
    const writing = paths.filter((p) => stepNames(p).includes('New-ItemProperty'));
    expect(writing.length).toBeGreaterThan(0);
    for (const path of writing) {
      const write = path.events.findIndex((e) => e.kind === 'step' && e.name === 'New-ItemProperty');
      const decision = path.events.findIndex((e) => e.kind === 'condition' && e.text === '$null -ne $marker');
      expect(decision).toBeGreaterThanOrEqual(0);
      expect(decision).toBeLessThan(write);
      const decided = path.events[decision];
      if (decided.kind === 'condition' && decided.value) {
        const marker = path.events.findIndex((e) => e.kind === 'step' && e.name === 'Set-PendingMarker' && !e.failed);
        expect(marker).toBeGreaterThan(decision);
        expect(marker).toBeLessThan(write);
      }
    }
    const markerFailed = paths.filter((p) => p.failedStep === 'Set-PendingMarker');
    expect(markerFailed.length).toBeGreaterThan(0);
    expect(markerFailed.filter((p) => stepNames(p).includes('New-ItemProperty'))).toEqual([]);
  });

  test('every RDP value written needs a restart marker, every SCHANNEL value a reboot marker, and the script maps them so', () => {
    const script = profile().script;
    expect(script).toContain("$PendingMarkerOf = @{ TS = $RestartMarker; WS = $RestartMarker; TSPOL = $RestartMarker; SCHANNEL = $RebootMarker }");
    expect(script).toContain(`$RestartMarker = '${PENDING_MARKERS.restart}'`);
    expect(script).toContain(`$RebootMarker = '${PENDING_MARKERS.reboot}'`);
    for (const key of dwordWrites(script).keys()) {
      const root = key.split('\\')[0];
      if (['TS', 'WS', 'TSPOL'].includes(root)) expect({ key, marker: PENDING_MARKER_OF_ROOT[root] }).toEqual({ key, marker: PENDING_MARKERS.restart });
    }
    expect(script).toContain("Set-Dword \"SCHANNEL\\$Protocol\\$side\" 'Enabled' ([int]$Enabled)");
    expect(PENDING_MARKER_OF_ROOT.SCHANNEL).toBe(PENDING_MARKERS.reboot);
  });

  test('the marker key is HKLM:\\SOFTWARE\\secure-rdp-hosts', () => {
    expect(profile().script).toContain("STATE = 'HKLM:\\SOFTWARE\\secure-rdp-hosts'");
  });
});

describe('pending actions clear their marker only when done', () => {
  test('Complete-PendingRestart: restarts when a restart is pending or nothing listens on PortNumber; clears only after the port listens again', async () => {
    const script = profile().script;
    expect(script).toContain("$port = Get-DwordValue $RegistryRoots['WS'] 'PortNumber'");
    expect(script).toContain('Get-NetTCPConnection -State Listen -LocalPort $Port');
    const paths = simulate(await functionBody(script, 'Complete-PendingRestart'));
    const skip = '$null -eq $requested -and $owners.Count -gt 0';
    for (const path of paths) {
      const names = stepNames(path);
      const skipped = path.events.some((e) => e.kind === 'condition' && e.text === skip && e.value);
      expect({ skipped, restarted: names.includes('Restart-Service') && path.failedStep !== 'Get-ListeningPortOwners' }).not.toEqual({ skipped: true, restarted: true });
      const cleared = names.indexOf('Clear-PendingMarker');
      if (cleared < 0) continue;
      const notListening = path.events.find((e) => e.kind === 'condition' && e.text === '$owners.Count -eq 0');
      expect(names.indexOf('Restart-Service')).toBeGreaterThanOrEqual(0);
      expect(names.indexOf('Wait-ListeningPortOwners')).toBeLessThan(cleared);
      expect(notListening?.kind === 'condition' && notListening.value).toBe(false);
      expect(path.failedStep === undefined || path.failedStep === 'Clear-PendingMarker' || path.failedStep === 'Write-Log').toBe(true);
    }
    const stillDeaf = paths.filter((p) => p.events.some((e) => e.kind === 'condition' && e.text === '$owners.Count -eq 0' && e.value));
    expect(stillDeaf.length).toBeGreaterThan(0);
    expect(stillDeaf.every((p) => p.end.kind === 'uncaught' && !stepNames(p).includes('Clear-PendingMarker'))).toBe(true);
    expect(paths.filter((p) => p.failedStep === 'Restart-Service').every((p) => p.end.kind === 'uncaught' && !stepNames(p).includes('Clear-PendingMarker'))).toBe(true);
  });

  test('Complete-PendingReboot: clears only once the host booted after the request; otherwise keeps or re-registers the reboot task', async () => {
    const paths = simulate(await functionBody(profile().script, 'Complete-PendingReboot'));
    const booted = (p: FlowPath) => p.events.some((e) => e.kind === 'condition' && e.text.startsWith('$boot -gt') && e.value);
    for (const path of paths) {
      const names = stepNames(path);
      if (names.includes('Clear-PendingMarker')) expect(booted(path)).toBe(true);
      const pendingSeen = path.events.some((e) => e.kind === 'condition' && e.text === '$null -eq $requested' && !e.value);
      const bootChecked = path.events.some((e) => e.kind === 'condition' && e.text.startsWith('$boot -gt'));
      if (pendingSeen && bootChecked && !booted(path) && path.failedStep === undefined) {
        const taskScheduled = path.events.some((e) => e.kind === 'condition' && e.text.includes("[string]$task.State -eq 'Running'") && e.value);
        expect({ taskScheduled, registers: names.includes('Register-RebootTask') }).not.toEqual({ taskScheduled: false, registers: false });
      }
    }
  });

  test('the reboot itself is a scheduled task after rebootDelayMinutes that first waits for the hardening mutex; the script never exits 3010/3011', () => {
    const script = profile({ rebootDelayMinutes: 20 }).script;
    expect(script).toMatch(/^\$RebootDelayMinutes = 20$/m);
    expect(script).toContain('New-ScheduledTaskTrigger -Once -At $at');
    expect(script).toMatch(/WaitOne\(600000\).*shutdown\.exe \/r \/t 0/);
    expect(script).not.toMatch(/exit 30(10|11)|Restart-Computer/);
  });
});

describe('listener certificate (defect 6)', () => {
  const pinned = () => profile({ listenerCertificateThumbprint: THUMBPRINT }).script;

  test('checked and granted before the first change of the run', async () => {
    const script = pinned();
    const paths = await mainPaths(script);
    const ok = paths.find((p) => p.failedStep === undefined && p.exitCode === 0)!;
    const names = stepNames(ok);
    expect(names.indexOf('Set-ListenerCertificate')).toBeLessThan(names.indexOf('Set-Dword'));
    const certFailed = paths.filter((p) => p.failedStep === 'Set-ListenerCertificate' && tookLock(p));
    expect(certFailed.length).toBeGreaterThan(0);
    expect(certFailed.every((p) => !stepNames(p).includes('Set-Dword') && p.exitCode === 1)).toBe(true);
  });

  test('the binding changes only on paths that passed every check and granted NETWORK SERVICE read on the key', async () => {
    const script = pinned();
    const paths = simulate(await functionBody(script, 'Set-ListenerCertificate'));
    const checks = [/Test-Path -LiteralPath \$path/, /NotBefore/, /NotAfter/, /-notcontains '1\.3\.6\.1\.5\.5\.7\.3\.1'/, /HasPrivateKey/];
    const binding = paths.filter((p) => stepNames(p).includes('Set-CimInstance'));
    expect(binding.length).toBeGreaterThan(0);
    for (const path of binding) {
      const names = stepNames(path);
      const bind = names.indexOf('Set-CimInstance');
      for (const check of checks) {
        expect({ check: check.source, passed: path.events.some((e) => e.kind === 'condition' && check.test(e.text) && !e.value) }).toEqual({ check: check.source, passed: true });
      }
      expect(names.indexOf('Get-PrivateKeyFile')).toBeLessThan(bind);
      expect(names.indexOf('Grant-NetworkServiceKeyRead')).toBeLessThan(bind);
      expect(names.lastIndexOf('Set-PendingMarker')).toBeLessThan(bind);
    }
    const refused = paths.filter((p) => p.events.some((e) => e.kind === 'condition' && checks.some((c) => c.test(e.text)) && e.value));
    expect(refused.length).toBeGreaterThanOrEqual(checks.length);
    for (const path of refused) {
      expect(stepNames(path)).not.toContain('Set-CimInstance');
      expect(stepNames(path)).not.toContain('Grant-NetworkServiceKeyRead');
      const thrown = path.events.find((e) => e.kind === 'throw');
      expect(thrown?.text).toMatch(/\$unchanged/);
    }
    expect(paths.filter((p) => p.failedStep === 'Get-PrivateKeyFile' || p.failedStep === 'Grant-NetworkServiceKeyRead').some((p) => stepNames(p).includes('Set-CimInstance'))).toBe(false);
  });

  test('the key file is found under Crypto\\Keys (CNG) or Crypto\\RSA\\MachineKeys (CSP) and NETWORK SERVICE is named by its SID', () => {
    const script = pinned();
    expect(script).toContain("foreach ($folder in @('Microsoft\\Crypto\\Keys', 'Microsoft\\Crypto\\RSA\\MachineKeys'))");
    expect(script).toContain('Join-Path $env:ALLUSERSPROFILE $folder');
    expect(script).toContain("New-Object System.Security.Principal.SecurityIdentifier('S-1-5-20')");
    expect(script).toContain('Set-Acl -LiteralPath $KeyFile -AclObject $acl');
    expect(profile().script).not.toContain('Grant-NetworkServiceKeyRead');
  });
});

describe('local drift-correction task (Azure)', () => {
  test('the folder is limited to SYSTEM and Administrators before the copy is written, and the task runs that copy', async () => {
    const script = profile().driftCorrectingScript;
    const paths = simulate(await functionBody(script, 'Install-DriftCorrectionTask'));
    const writing = paths.filter((p) => stepNames(p).includes('[System.IO.File]::WriteAllText()'));
    expect(writing.length).toBeGreaterThan(0);
    for (const path of writing) {
      const write = path.events.findIndex((e) => e.kind === 'step' && e.name === '[System.IO.File]::WriteAllText()');
      const protectedBefore = path.events.slice(0, write).some((e) => (e.kind === 'step' && e.name === 'Set-Acl' && !e.failed) || (e.kind === 'condition' && e.text.includes('GetSecurityDescriptorSddlForm') && e.value));
      expect(protectedBefore).toBe(true);
    }
    expect(paths.filter((p) => p.failedStep === 'Set-Acl').some((p) => stepNames(p).includes('[System.IO.File]::WriteAllText()'))).toBe(false);
    const registering = paths.filter((p) => stepNames(p).includes('Register-ScheduledTask'));
    expect(registering.length).toBeGreaterThan(0);
    expect(script).toContain(`$arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "' + $copy + '"'`);
    expect(script).toContain("$copy = Join-Path $DriftFolder 'hardening.ps1'");
  });

  test('only the Azure delivery installs it; the plain and first-boot scripts do not', () => {
    expect(profile().script).not.toContain('Install-DriftCorrectionTask');
    expect(profile().firstBootScript).not.toContain('Install-DriftCorrectionTask');
    expect(profile().driftCorrectingScript).toMatch(/^ {4}try \{ Install-DriftCorrectionTask \}/m);
  });
});
