/**
 * The RDP-relevant guest state a script leaves behind, derived from the evaluated facts
 * (evaluate-script.ts): listener port, security layer, NLA, SCHANNEL protocols, transport, guest
 * firewall, account lockout, session limits and device redirection. Each setting is `set` (with
 * the value and the script line), `unknown` (with the reason) or `unset` (the script does not
 * touch it, so Windows' default applies). Pure.
 */
import { evaluateScript, Fact, FirewallRuleFact, ScriptFacts } from './evaluate-script';
import { driftTaskFact } from './trusted-helpers';
import { asList, PsValue, showValue, toInt, toStr, Unknown } from './values';

/** One derived setting. */
export type Setting<T> = { readonly state: 'set'; readonly value: T; readonly line: number } | { readonly state: 'unknown'; readonly reason: string } | { readonly state: 'unset' };

/** Registry paths the RDP settings live under (lower case, `hklm:\…`). */
export const REGISTRY = {
  TS: 'hklm:\\system\\currentcontrolset\\control\\terminal server',
  WS: 'hklm:\\system\\currentcontrolset\\control\\terminal server\\winstations\\rdp-tcp',
  TSPOL: 'hklm:\\software\\policies\\microsoft\\windows nt\\terminal services',
  SCHANNEL: 'hklm:\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols',
} as const;

// The tables below are built on each call, not at module load (no "static" mutants; docs/testing.md, "Group guest").

/** SCHANNEL protocols, oldest first, with whether Windows Server 2016-2022 enables them when no value is set. */
export function schannelProtocols(): readonly { readonly name: string; readonly version: string; readonly defaultEnabled: boolean }[] {
  return [
    { name: 'SSL 2.0', version: 'SSL 2.0', defaultEnabled: false },
    { name: 'SSL 3.0', version: 'SSL 3.0', defaultEnabled: false },
    { name: 'TLS 1.0', version: '1.0', defaultEnabled: true },
    { name: 'TLS 1.1', version: '1.1', defaultEnabled: true },
    { name: 'TLS 1.2', version: '1.2', defaultEnabled: true },
  ];
}

/** Redirection policy values, the names the manifest uses, and the DWORD that forbids each (`1` for `fDisable*`, `0` for `fEnableSmartCard`). */
export function redirections(): readonly { readonly name: string; readonly value: string; readonly forbidden?: 0 }[] {
  return [
    { name: 'drive', value: 'fDisableCdm' },
    { name: 'clipboard', value: 'fDisableClip' },
    { name: 'printer', value: 'fDisableCpm' },
    { name: 'comPort', value: 'fDisableCcm' },
    { name: 'lptPort', value: 'fDisableLPT' },
    { name: 'pnpDevice', value: 'fDisablePNPRedir' },
    { name: 'location', value: 'fDisableLocationRedir' },
    { name: 'webAuthn', value: 'fDisableWebAuthn' },
    { name: 'audioCapture', value: 'fDisableAudioCapture' },
    { name: 'camera', value: 'fDisableCameraRedir' },
    { name: 'smartCard', value: 'fEnableSmartCard', forbidden: 0 },
  ];
}

/** A guest firewall rule admitting inbound traffic. */
export interface GuestFirewallAllow {
  readonly name: string;
  /** `tcp`, `udp` or `any`. */
  readonly protocol: string;
  /** Ports, or `any`. */
  readonly ports: readonly number[] | 'any';
  /** Remote addresses as written (`Any` for everyone). */
  readonly sources: readonly string[];
  readonly line: number;
}

/** What a script does to the guest, setting by setting. */
export interface GuestState {
  /** `WS\PortNumber`. */
  readonly port: Setting<number>;
  /** Effective `SecurityLayer` (policy wins over the listener): `rdp`, `negotiate`, `tls`, or the number. */
  readonly securityLayer: Setting<string>;
  /** Effective `UserAuthentication` = 1. */
  readonly nla: Setting<boolean>;
  /** Per SCHANNEL protocol (server side): enabled? */
  readonly protocols: ReadonlyMap<string, Setting<boolean>>;
  /** `SelectTransport` = 0 (UDP and TCP) → true; 1 → false. */
  readonly udp: Setting<boolean>;
  /** Inbound allow rules (enabled); `unknown` when the firewall cannot be told. */
  readonly firewall: Setting<readonly GuestFirewallAllow[]>;
  /** Effective `MinEncryptionLevel` (3 = High). */
  readonly minEncryptionLevel: Setting<number>;
  /** Whether the script turns the Windows Firewall profiles on (true) or off (false). */
  readonly firewallProfilesEnabled: Setting<boolean>;
  /** The pinned listener certificate thumbprint (upper case). */
  readonly listenerCertificateThumbprint: Setting<string>;
  /** Whether the built-in rules on 3389 are disabled. */
  readonly defaultRdpRulesDisabled: Setting<boolean>;
  readonly lockoutThreshold: Setting<number>;
  readonly lockoutDurationMinutes: Setting<number>;
  readonly lockoutResetMinutes: Setting<number>;
  readonly idleSessionLimitMinutes: Setting<number>;
  readonly disconnectedSessionLimitMinutes: Setting<number>;
  /** Per redirection name: allowed? */
  readonly redirections: ReadonlyMap<string, Setting<boolean>>;
  /** Interval in minutes of the local drift-correction task the script installs (the pinned `Install-DriftCorrectionTask`), on the path that completes. */
  readonly localDriftTaskMinutes: Setting<number>;
  /** True when the script touches any RDP setting (a hardening script, not an unrelated one). */
  readonly touchesRdp: boolean;
  /** False when every path of the script fails (or PowerShell cannot parse it). */
  readonly completes: boolean;
  /** Why PowerShell would not run the script at all (syntax errors); empty otherwise. */
  readonly syntaxErrors: readonly string[];
}

const cache = new Map<string, GuestState>();
const CACHE_LIMIT = 256;

/** Evaluates `text` and derives its guest state (memoized by text: fleets repeat one script). */
export function guestStateOf(text: string): GuestState {
  const hit = cache.get(text);
  if (hit) return hit;
  const state = deriveGuestState(evaluateScript(text));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, state);
  return state;
}

/** Derives the RDP settings from evaluated facts. */
export function deriveGuestState(facts: ScriptFacts): GuestState {
  const reg = (path: string, name: string): Setting<PsValue> => {
    if (facts.registryTaint.length > 0) return { state: 'unknown', reason: facts.registryTaint[0] };
    // `Remove-Item` of a key nulls the values recorded under it; a value not recorded reads as unset either way.
    return fromFact(facts.registry.get(`${path}\\${name.toLowerCase()}`));
  };
  const num = (s: Setting<PsValue>, what: string): Setting<number> => {
    if (s.state !== 'set') return s;
    if (s.value === null) return { state: 'unset' };
    const n = toInt(s.value);
    return n === undefined ? { state: 'unknown', reason: `${what} is set to ${showValue(s.value)}, not a number` } : { state: 'set', value: n, line: s.line };
  };
  /** Policy (TSPOL) wins over the listener (WS) when it is set. */
  const effective = (name: string): Setting<number> => {
    const policy = num(reg(REGISTRY.TSPOL, name), `TSPOL\\${name}`);
    if (policy.state !== 'unset') return policy;
    return num(reg(REGISTRY.WS, name), `WS\\${name}`);
  };
  const map = <A, B>(s: Setting<A>, f: (a: A) => B): Setting<B> => (s.state === 'set' ? { state: 'set', value: f(s.value), line: s.line } : s);

  const protocols = new Map<string, Setting<boolean>>();
  for (const p of schannelProtocols()) protocols.set(p.name, map(num(reg(`${REGISTRY.SCHANNEL}\\${p.name.toLowerCase()}\\server`, 'Enabled'), `SCHANNEL\\${p.name}\\Server\\Enabled`), (n) => n !== 0));
  const redirectionsAllowed = new Map<string, Setting<boolean>>();
  for (const r of redirections()) redirectionsAllowed.set(r.name, map(num(reg(REGISTRY.TSPOL, r.value), `TSPOL\\${r.value}`), (n) => n !== (r.forbidden ?? 1)));

  const lockout = (sw: string): Setting<number> => {
    if (facts.lockoutTaint.length > 0) return { state: 'unknown', reason: facts.lockoutTaint[0] };
    return num(fromFact(facts.lockout.get(sw)), `net accounts /${sw}`);
  };
  const minutes = (name: string) => map(num(reg(REGISTRY.TSPOL, name), `TSPOL\\${name}`), (ms) => ms / 60000);
  const touchesRdp = [...facts.registry.keys()].some((k) => k.startsWith(REGISTRY.TS) || k.startsWith(REGISTRY.TSPOL) || k.startsWith(REGISTRY.SCHANNEL)) || facts.lockout.size > 0 || facts.firewallRules.size > 0 || facts.registryTaint.length > 0;
  return {
    port: num(reg(REGISTRY.WS, 'PortNumber'), 'WS\\PortNumber'),
    securityLayer: map(effective('SecurityLayer'), (n) => ({ 0: 'rdp', 1: 'negotiate', 2: 'tls' })[n] ?? String(n)),
    nla: map(effective('UserAuthentication'), (n) => n === 1),
    protocols,
    udp: map(num(reg(REGISTRY.TSPOL, 'SelectTransport'), 'TSPOL\\SelectTransport'), (n) => n !== 1),
    firewall: firewallOf(facts),
    minEncryptionLevel: effective('MinEncryptionLevel'),
    firewallProfilesEnabled: facts.firewallTaint.length > 0 ? { state: 'unknown', reason: facts.firewallTaint[0] } : map(fromFact(facts.firewall.get('profilesEnabled')), (v) => v === true),
    listenerCertificateThumbprint: map(reg('wmi:win32_tsgeneralsetting', 'sslcertificatesha1hash'), (v) => String(toStr(v) ?? '').toUpperCase()),
    defaultRdpRulesDisabled: facts.firewallTaint.length > 0 ? { state: 'unknown', reason: facts.firewallTaint[0] } : map(fromFact(facts.firewall.get('default3389Disabled')), (v) => v === true),
    lockoutThreshold: lockout('lockoutthreshold'),
    lockoutDurationMinutes: lockout('lockoutduration'),
    lockoutResetMinutes: lockout('lockoutwindow'),
    idleSessionLimitMinutes: minutes('MaxIdleTime'),
    disconnectedSessionLimitMinutes: minutes('MaxDisconnectionTime'),
    redirections: redirectionsAllowed,
    // Arbitrary code (a registry taint) could as well remove the task.
    localDriftTaskMinutes: facts.registryTaint.length > 0 ? { state: 'unknown', reason: facts.registryTaint[0] } : num(fromFact(facts.registry.get(driftTaskFact())), 'the drift-correction task interval'),
    touchesRdp,
    completes: facts.completes,
    syntaxErrors: facts.syntaxErrors,
  };
}

function fromFact(fact: Fact | undefined): Setting<PsValue> {
  if (!fact) return { state: 'unset' };
  if (fact.value instanceof Unknown) return { state: 'unknown', reason: `line ${fact.line}: ${fact.value.why}` };
  return { state: 'set', value: fact.value, line: fact.line };
}

function firewallOf(facts: ScriptFacts): Setting<readonly GuestFirewallAllow[]> {
  if (facts.firewallTaint.length > 0) return { state: 'unknown', reason: facts.firewallTaint[0] };
  const allows: GuestFirewallAllow[] = [];
  for (const rule of facts.firewallRules.values()) {
    if (rule === null) continue;
    if (rule instanceof Unknown) return { state: 'unknown', reason: rule.why };
    const allow = readRule(rule);
    if (typeof allow === 'string') return { state: 'unknown', reason: `firewall rule ${rule.name} (line ${rule.line}): ${allow}` };
    if (allow) allows.push(allow);
  }
  return facts.firewallRules.size === 0 ? { state: 'unset' } : { state: 'set', value: allows, line: Math.max(...allows.map((a) => a.line), 0) };
}

/** An enabled inbound allow rule, `undefined` for any other rule, or a reason it cannot be read. */
function readRule(rule: FirewallRuleFact): GuestFirewallAllow | undefined | string {
  const text = (v: PsValue) => toStr(v);
  const enabled = text(rule.enabled);
  const direction = text(rule.direction);
  const action = text(rule.action);
  if (enabled === undefined || direction === undefined || action === undefined) return 'its direction, action or state is not known statically';
  if (!/^(true|1|yes)$/i.test(enabled) || !/^(inbound|in)$/i.test(direction) || !/^allow$/i.test(action)) return undefined;
  const protocol = text(rule.protocol);
  if (protocol === undefined) return 'its protocol is not known statically';
  const portValues = asList(rule.localPort).map(text);
  if (portValues.some((p) => p === undefined)) return 'its local port is not known statically';
  let ports: number[] | 'any' = [];
  for (const p of (portValues as string[]).flatMap((x) => x.split(','))) {
    if (/^any$/i.test(p.trim())) {
      ports = 'any';
      break;
    }
    const range = /^(\d+)(?:-(\d+))?$/.exec(p.trim());
    if (!range) return `its local port ${p} cannot be read`;
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (to - from > 70000) return 'its port range is too wide';
    for (let x = from; x <= to; x++) ports.push(x);
  }
  const sources = asList(rule.remoteAddress).map(text);
  if (sources.some((s) => s === undefined)) return 'its remote addresses are not known statically';
  return {
    name: rule.name,
    protocol: /^(tcp|6)$/i.test(protocol) ? 'tcp' : /^(udp|17)$/i.test(protocol) ? 'udp' : /^any$/i.test(protocol) ? 'any' : protocol.toLowerCase(),
    ports,
    sources: (sources as string[]).flatMap((s) => s.split(',')).map((s) => s.trim()),
    line: rule.line,
  };
}

/** True when the rule admits `port` over `transport`. */
export function admits(rule: GuestFirewallAllow, port: number, transport: 'tcp' | 'udp'): boolean {
  return (rule.protocol === 'any' || rule.protocol === transport) && (rule.ports === 'any' || rule.ports.includes(port));
}

/** True for a firewall source that means everyone. */
export function isWorldSource(source: string): boolean {
  return /^(any|\*|internet|0\.0\.0\.0\/0|::\/0|0\.0\.0\.0)$/i.test(source.trim());
}

/** Short text of a setting for findings. */
export function describeSetting<T>(s: Setting<T>, show: (v: T) => string = String): string {
  if (s.state === 'set') return `${show(s.value)} (line ${s.line})`;
  if (s.state === 'unknown') return `unknown: ${s.reason}`;
  return 'not set by the script';
}

/** The oldest SCHANNEL protocol the server accepts, or why it cannot be told. */
export function oldestAcceptedProtocol(state: GuestState): Setting<string> {
  for (const p of schannelProtocols()) {
    const s = state.protocols.get(p.name)!;
    if (s.state === 'unknown') return s;
    if (s.state === 'set' ? s.value : p.defaultEnabled) return { state: 'set', value: p.version, line: s.state === 'set' ? s.line : 0 };
  }
  return { state: 'set', value: '1.3', line: 0 };
}
