import { HardeningSettings } from './hardening-settings';
import { buildHardeningManifest, hardeningManifestLine, MIN_ENCRYPTION_LEVEL_HIGH } from './hardening-manifest';
import { hardeningScriptFunctions, OptionalScriptFunction } from './hardening-script-functions';
import { psBool, psString, psStringArray, SCRIPT_CHARACTERS } from './powershell-literal';
import { RdpRedirection } from './rdp-redirection';
import { TlsVersion } from './tls-version';
import { WindowsServerVersion } from './windows-server-version';

/** First word of the summary line, the last line the script prints. */
export const HARDENING_SUMMARY_PREFIX = 'RDP-HARDENING-SUMMARY ';

/** Name of the scheduled task that reboots the host after an SCHANNEL change. */
export const SCHANNEL_REBOOT_TASK_NAME = 'secure-rdp-hosts-schannel-reboot';

/** Registry values under `HKLM:\SOFTWARE\secure-rdp-hosts` that record a pending TermService restart and SCHANNEL reboot (UTC request time). */
export const PENDING_MARKERS = { restart: 'RestartRequestedUtc', reboot: 'RebootRequestedUtc' } as const;

/**
 * Which pending action a value written under a registry alias needs: RDP values (`TS`, `WS`, `TSPOL`)
 * take effect after a TermService restart, SCHANNEL values after a reboot. Others need neither.
 */
export const PENDING_MARKER_OF_ROOT: Readonly<Record<string, string>> = {
  TS: PENDING_MARKERS.restart,
  WS: PENDING_MARKERS.restart,
  TSPOL: PENDING_MARKERS.restart,
  SCHANNEL: PENDING_MARKERS.reboot,
};

/** Name of the local scheduled task that re-applies the script for drift correction (Azure). */
export const DRIFT_TASK_NAME = 'secure-rdp-hosts-hardening-drift';

/** Minutes between drift-correction runs of the local task; the same as the AWS association's default rate. */
export const DRIFT_INTERVAL_MINUTES = 30;

/** Source of the script's summary events in the Application event log (IDs 1000 unchanged, 1001 changed, 1002 failed). */
export const HARDENING_EVENT_SOURCE = 'secure-rdp-hosts';

/** Name of the system-wide mutex that serializes hardening runs (user data, SSM, run command) and the reboot task. */
export const HARDENING_MUTEX_NAME = 'Global\\secure-rdp-hosts-hardening';

/** Registry roots the script's `Set-Dword` lines name by alias (first argument). */
export const HARDENING_REGISTRY_ROOTS: Readonly<Record<string, string>> = {
  TS: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
  WS: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp',
  TSPOL: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services',
  SCHANNEL: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols',
  CREDSSP: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters',
  CREDDELEG: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation',
  STATE: 'HKLM:\\SOFTWARE\\secure-rdp-hosts',
};

/** Options of {@link renderHardeningScript}. */
export interface RenderHardeningScriptOptions {
  /**
   * Render only what must hold from the first boot: listener port, TLS security layer and NLA, guest
   * firewall, SCHANNEL. For user data that would not fit otherwise; a scheduled re-application
   * (e.g. the AWS SSM association) must apply the full script.
   * @default false
   */
  readonly firstBootOnly?: boolean;
  /**
   * Also install the local drift-correction task: a protected copy of this script in
   * `%ProgramData%\secure-rdp-hosts` that a SYSTEM scheduled task re-runs every
   * {@link DRIFT_INTERVAL_MINUTES} minutes and at start-up. For deliveries that run the script only
   * once per change (the Azure run command). Recorded in the manifest (`localDriftTask`).
   * @default false
   */
  readonly localDriftTask?: boolean;
}

/**
 * Renders the idempotent PowerShell hardening script of a profile. Pure and deterministic: the same
 * settings always give the same text. The script sets each value only when it differs. Before it changes
 * an RDP value it records a pending TermService restart, before an SCHANNEL value a pending reboot
 * (registry markers, {@link PENDING_MARKERS}). After every pass, finished or failed, it acts on the
 * markers: restarts TermService (also when nothing listens on `PortNumber`) and schedules the reboot
 * (a scheduled task, outside this run), and clears a marker only once its action is done. It exits 1
 * when anything failed, including a pending action, and ends with one `RDP-HARDENING-SUMMARY {json}` line.
 */
export function renderHardeningScript(s: HardeningSettings, options: RenderHardeningScriptOptions = {}): string {
  const firstBootOnly = options.firstBootOnly ?? false;
  const driftTask = options.localDriftTask ?? false;
  if (firstBootOnly && driftTask) throw new Error('internal error: the first-boot subset cannot install the drift-correction task');
  const body = [
    ...(firstBootOnly ? [] : certificateSection(s)),
    ...listenerSection(s),
    ...firewallSection(s),
    ...schannelSection(s),
    ...(firstBootOnly
      ? ['', '# First-boot subset of the profile: the scheduled re-application applies lockout, session, redirection, CredSSP and certificate settings.']
      : [...lockoutSection(s), ...sessionSection(s), ...redirectionSection(s), ...credentialSection()]),
  ];
  const script = [
    ...header(s, driftTask),
    hardeningScriptFunctions(usedOptionalFunctions(s, firstBootOnly, driftTask)),
    '',
    ...main(s, body, driftTask),
  ].join('\n') + '\n';
  if (!SCRIPT_CHARACTERS.test(script)) {
    throw new Error('internal error: the rendered hardening script contains a character outside printable ASCII');
  }
  return script;
}

/** Lines at the top of every script that are kept verbatim by {@link compactHardeningScript} (the title, the manifest, the contract). */
const HEADER_LINES = 3;

/**
 * The same script with the indentation, blank lines and whole-line comments removed (the three header
 * lines, including the manifest, are kept). For EC2 user data, whose 16 KB limit the readable form
 * would exceed. Safe because the rendered script has no multi-line strings and no here-strings; the
 * tests parse and simulate the compact form too.
 * @param script a script returned by {@link renderHardeningScript}
 */
export function compactHardeningScript(script: string): string {
  const lines = script.replace(/\n$/, '').split('\n');
  const body = lines
    .slice(HEADER_LINES)
    .map((l) => l.trimStart())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return [...lines.slice(0, HEADER_LINES), ...body].join('\n') + '\n';
}

function usedOptionalFunctions(s: HardeningSettings, firstBootOnly: boolean, driftTask: boolean): Set<OptionalScriptFunction> {
  const used = new Set<OptionalScriptFunction>();
  if (driftTask) used.add('Install-DriftCorrectionTask');
  if (s.windowsVersion.supportsTls13) used.add('Assert-WindowsBuild');
  if (firstBootOnly) return used;
  used.add('Get-LockoutPolicy');
  used.add('Set-Lockout');
  if (s.listenerCertificateThumbprint !== undefined) {
    used.add('Get-PrivateKeyFile');
    used.add('Grant-NetworkServiceKeyRead');
    used.add('Set-ListenerCertificate');
  }
  return used;
}

function header(s: HardeningSettings, driftTask: boolean): string[] {
  const roots = Object.entries(HARDENING_REGISTRY_ROOTS).map(([alias, path]) => `  ${alias} = ${psString(path)}`);
  const drift = driftTask
    ? [
        `$DriftTaskName = ${psString(DRIFT_TASK_NAME)}`,
        `$DriftIntervalMinutes = ${DRIFT_INTERVAL_MINUTES}`,
        "$DriftFolder = Join-Path $env:ProgramData 'secure-rdp-hosts'",
        '$ScriptPath = $PSCommandPath',
      ]
    : [];
  return [
    '# secure-rdp-hosts RDP hardening, generated from an RdpHardeningProfile: change the profile, not this text.',
    hardeningManifestLine(buildHardeningManifest(s, driftTask ? DRIFT_INTERVAL_MINUTES : undefined)),
    `# Idempotent (a rerun logs "unchanged"). Exit 0 = applied, 1 = failed. Last line: ${HARDENING_SUMMARY_PREFIX.trim()} <json>. No secrets.`,
    'Set-StrictMode -Version Latest',
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    '',
    `$RdpPort = ${s.port.number}`,
    `$AllowedSources = ${psStringArray(s.allowlist.map((p) => p.cidr))}`,
    `$RebootDelayMinutes = ${s.rebootDelayMinutes}`,
    `$RebootTaskName = ${psString(SCHANNEL_REBOOT_TASK_NAME)}`,
    `$MutexName = ${psString(HARDENING_MUTEX_NAME)}`,
    `$EventSource = ${psString(HARDENING_EVENT_SOURCE)}`,
    ...drift,
    '$RegistryRoots = @{',
    ...roots,
    '}',
    `$RestartMarker = ${psString(PENDING_MARKERS.restart)}`,
    `$RebootMarker = ${psString(PENDING_MARKERS.reboot)}`,
    `$PendingMarkerOf = @{ ${Object.entries(PENDING_MARKER_OF_ROOT).map(([alias, marker]) => `${alias} = ${marker === PENDING_MARKERS.restart ? '$RestartMarker' : '$RebootMarker'}`).join('; ')} }`,
    "$Changes = New-Object 'System.Collections.Generic.List[string]'",
    "$Failures = New-Object 'System.Collections.Generic.List[string]'",
    "$Summary = [ordered]@{ status = 'failed'; profileVersion = 1; port = $RdpPort; changedCount = 0; changed = @(); changedTruncated = $false; " +
      'termServiceRestarted = $false; rebootScheduled = $false; restartPending = $false; rebootPending = $false; exitCode = 1; error = $null }',
  ];
}

function main(s: HardeningSettings, body: string[], driftTask: boolean): string[] {
  const buildCheck = s.windowsVersion.supportsTls13
    ? [`Assert-WindowsBuild ${WindowsServerVersion.SERVER_2022.build} ${psString(WindowsServerVersion.SERVER_2022.toString() + ' or later')}`]
    : [];
  return [
    '$exitCode = 1',
    '$failed = $false',
    '$mutex = New-Object System.Threading.Mutex($false, $MutexName)',
    '$locked = $false',
    'try {',
    '  $locked = Enter-HardeningLock $mutex',
    "  if (-not $locked) { throw 'another hardening run has held the lock for 10 minutes' }",
    '  try {',
    '    Write-Log ("applying the RDP hardening profile: port " + $RdpPort + ", allowed sources " + ($AllowedSources -join \', \'))',
    ...buildCheck.map((l) => `    ${l}`),
    ...body.map((l) => (l === '' ? '' : `    ${l}`)),
    '  } catch {',
    '    $failed = $true',
    '    Write-Failure $_',
    '  } finally {',
    '    # After every pass, finished or failed: act on the pending markers, which were written before any value changed.',
    '    try { Complete-PendingRestart } catch { $failed = $true; Write-Failure $_ }',
    '    try { Complete-PendingReboot } catch { $failed = $true; Write-Failure $_ }',
    ...(driftTask ? ['    # The drift-correction task is kept in place even after a failed pass, so the next run retries.', '    try { Install-DriftCorrectionTask } catch { $failed = $true; Write-Failure $_ }'] : []),
    '  }',
    '  if (-not $failed) {',
    "    $Summary.status = 'ok'",
    '    $exitCode = 0',
    '  }',
    '} catch {',
    '  $failed = $true',
    '  Write-Failure $_',
    '} finally {',
    '  if ($locked) { $mutex.ReleaseMutex() }',
    '  $mutex.Dispose()',
    '}',
    'Write-Summary $exitCode',
    'exit $exitCode',
  ];
}

function dword(root: string, name: string, value: number): string {
  return `Set-Dword ${psString(root)} ${psString(name)} ${value}`;
}

function listenerSection(s: HardeningSettings): string[] {
  const security: Array<[string, number]> = [
    ['SecurityLayer', s.securityLayer.registryValue],
    ['UserAuthentication', s.requireNla ? 1 : 0],
    ['MinEncryptionLevel', MIN_ENCRYPTION_LEVEL_HIGH],
    ['fEncryptRPCTraffic', 1],
    ['fPromptForPassword', 1],
  ];
  return [
    '',
    '# Listener on the custom port (MS change-listening-port).',
    dword('TS', 'fDenyTSConnections', 0),
    dword('WS', 'PortNumber', s.port.number),
    '# TLS, NLA, High encryption, secure RPC, password prompt (CIS 18.10.57.3.9.1-5); policy (TSPOL) wins over listener (WS).',
    ...security.map(([name, value]) => dword('TSPOL', name, value)),
    '# The listener copies keep local tools consistent. fEncryptRPCTraffic is a policy value only: a listener copy (older versions wrote one) is removed.',
    ...security.filter(([name]) => name !== 'fEncryptRPCTraffic').map(([name, value]) => dword('WS', name, value)),
    "Remove-Value 'WS' 'fEncryptRPCTraffic'",
    `# Transport: ${s.udp ? 'UDP and TCP' : 'TCP only'}.`,
    dword('TSPOL', 'SelectTransport', s.udp ? 0 : 1),
    '# No saved passwords, one session per user, no Remote Assistance (CIS 18.10.57.2.2, 18.10.57.3.2.1, 18.9.35.1-2).',
    dword('TSPOL', 'DisablePasswordSaving', 1),
    dword('TSPOL', 'fSingleSessionPerUser', 1),
    dword('TSPOL', 'fAllowUnsolicited', 0),
    dword('TSPOL', 'fAllowToGetHelp', 0),
  ];
}

function firewallSection(s: HardeningSettings): string[] {
  return [
    '',
    '# Guest firewall: on; the port open to the allowlist only; 3389 rules off.',
    'Enable-FirewallProfiles',
    `Set-RdpFirewallRule 'TCP' $true`,
    `Set-RdpFirewallRule 'UDP' ${psBool(s.udp)}`,
    'Disable-DefaultRdpRules',
  ];
}

function schannelSection(s: HardeningSettings): string[] {
  const floor = TlsVersion.ALL.indexOf(s.minimumTlsVersion);
  const tls = TlsVersion.ALL.map((v, i) => `Set-Protocol ${psString(v.schannelName)} ${psBool(i >= floor)}`);
  return [
    '',
    `# SCHANNEL protocols (MS tls-registry-settings), effective after a reboot.`,
    "Set-Protocol 'SSL 2.0' $false",
    "Set-Protocol 'SSL 3.0' $false",
    ...tls,
    ...(s.windowsVersion.supportsTls13 ? ["Set-Protocol 'TLS 1.3' $true"] : []),
  ];
}

function lockoutSection(s: HardeningSettings): string[] {
  const lines = ['', '# Account lockout in the cloud-safe order: threshold (CIS 1.2.2), duration (1.2.1), reset window (1.2.4).'];
  lines.push('$lockout = Get-LockoutPolicy');
  lines.push(`Set-Lockout $lockout 'LockoutBadCount' 'lockoutthreshold' ${s.lockoutThreshold}`);
  if (s.lockoutThreshold === 0) return lines;
  const duration = `Set-Lockout $lockout 'LockoutDuration' 'lockoutduration' ${s.lockoutDurationMinutes}`;
  const window = `Set-Lockout $lockout 'ResetLockoutCount' 'lockoutwindow' ${s.lockoutResetMinutes}`;
  return [
    ...lines,
    '# Setting a threshold can reset the other two, so read again. The window may not exceed the duration: shrink it first if needed.',
    '$lockout = Get-LockoutPolicy',
    `if ($lockout.ContainsKey('ResetLockoutCount') -and $lockout['ResetLockoutCount'] -gt ${s.lockoutDurationMinutes}) {`,
    `  ${window}`,
    `  ${duration}`,
    '} else {',
    `  ${duration}`,
    `  ${window}`,
    '}',
  ];
}

function sessionSection(s: HardeningSettings): string[] {
  return [
    '',
    '# Session limits in ms (CIS 18.10.57.3.10.1-2), temp folders (18.10.57.3.11.1-2).',
    dword('TSPOL', 'MaxIdleTime', s.idleSessionLimitMinutes * 60000),
    dword('TSPOL', 'MaxDisconnectionTime', s.disconnectedSessionLimitMinutes * 60000),
    dword('TSPOL', 'DeleteTempDirsOnExit', 1),
    dword('TSPOL', 'PerSessionTempDir', 1),
  ];
}

function redirectionSection(s: HardeningSettings): string[] {
  const allowed = (r: RdpRedirection) => s.allowedRedirections.includes(r);
  return [
    '',
    `# Device redirection (CIS 18.10.57.3.3.x): fDisable* 1 = not allowed, fEnableSmartCard 0 = not allowed. Allowed: ${s.allowedRedirections.map((r) => r.name).join(', ') || 'none'}.`,
    ...RdpRedirection.ALL.map((r) => dword('TSPOL', r.policyValueName, allowed(r) ? r.allowedValue : r.forbiddenValue)),
    dword('TSPOL', 'EnableUiaRedirection', 0),
  ];
}

function credentialSection(): string[] {
  return [
    '',
    '# CredSSP: force updated clients (CIS 18.9.4.1); non-exportable credentials (18.9.4.2).',
    dword('CREDSSP', 'AllowEncryptionOracle', 0),
    dword('CREDDELEG', 'AllowProtectedCreds', 1),
  ];
}

function certificateSection(s: HardeningSettings): string[] {
  if (s.listenerCertificateThumbprint === undefined) return [];
  return [
    '',
    '# Listener certificate first: checked (store, validity, Server Authentication EKU, private key), key readable by NETWORK SERVICE, then bound.',
    `Set-ListenerCertificate ${psString(s.listenerCertificateThumbprint)}`,
  ];
}
