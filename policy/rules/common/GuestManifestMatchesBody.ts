import { PolicyDocument } from '../../document';
import { admits, GuestState, oldestAcceptedProtocol, redirections, Setting } from '../../guest/guest-state';
import { manifestValue } from '../../guest/profile';
import { DEFAULT_RDP_PORT } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** A manifest field compared with the body. `core` fields are written by every hardening script (the first-boot subset included). */
interface Check {
  readonly field: string;
  readonly core: boolean;
  readonly claimed: (m: Readonly<Record<string, unknown>>) => unknown;
  readonly actual: (g: GuestState) => Setting<unknown>;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
function sortedStrings(v: unknown): unknown {
  return Array.isArray(v) ? v.map((x) => String(x).trim().toLowerCase()).sort() : v;
}
function map<A, B>(s: Setting<A>, f: (a: A) => B): Setting<B> {
  return s.state === 'set' ? { state: 'set', value: f(s.value), line: s.line } : s;
}

/** The manifest fields compared with the body (built per call, like every table of the rule modules: see docs/testing.md). */
function checks(): readonly Check[] {
  return [
    { field: 'port', core: true, claimed: (m) => m.port, actual: (g) => g.port },
    { field: 'securityLayer', core: true, claimed: (m) => manifestValue(m, 'securityLayer'), actual: (g) => g.securityLayer },
    { field: 'nla', core: true, claimed: (m) => manifestValue(m, 'nla', 'requireNla'), actual: (g) => g.nla },
    { field: 'minTls', core: true, claimed: (m) => manifestValue(m, 'minTls', 'minimumTlsVersion'), actual: (g) => oldestAcceptedProtocol(g) },
    { field: 'udp', core: true, claimed: (m) => m.udp, actual: (g) => g.udp },
    { field: 'minEncryptionLevel', core: true, claimed: (m) => m.minEncryptionLevel, actual: (g) => g.minEncryptionLevel },
    { field: 'listenerCertificateThumbprint', core: false, claimed: (m) => (typeof m.listenerCertificateThumbprint === 'string' ? m.listenerCertificateThumbprint.toUpperCase() : undefined), actual: (g) => g.listenerCertificateThumbprint },
    {
      field: 'allowlist',
      core: true,
      claimed: (m) => sortedStrings(m.allowlist),
      // The sources of the rules admitting TCP on the port the body writes (an unset or unknown port: that).
      actual: (g) => (g.port.state !== 'set' ? g.port : map(g.firewall, (rules) => sortedStrings([...new Set(rules.filter((r) => admits(r, (g.port as { value: number }).value, 'tcp')).flatMap((r) => r.sources))]))),
    },
    { field: 'lockoutThreshold', core: false, claimed: (m) => manifestValue(m, 'lockoutThreshold', 'lockout.threshold'), actual: (g) => g.lockoutThreshold },
    { field: 'lockoutDurationMinutes', core: false, claimed: (m) => (manifestValue(m, 'lockoutThreshold') === 0 ? undefined : manifestValue(m, 'lockoutDurationMinutes', 'lockout.durationMinutes')), actual: (g) => g.lockoutDurationMinutes },
    { field: 'lockoutResetMinutes', core: false, claimed: (m) => (manifestValue(m, 'lockoutThreshold') === 0 ? undefined : manifestValue(m, 'lockoutResetMinutes', 'lockout.resetMinutes')), actual: (g) => g.lockoutResetMinutes },
    { field: 'idleSessionLimitMinutes', core: false, claimed: (m) => manifestValue(m, 'idleSessionLimitMinutes', 'sessionLimits.idleMinutes'), actual: (g) => g.idleSessionLimitMinutes },
    { field: 'disconnectedSessionLimitMinutes', core: false, claimed: (m) => manifestValue(m, 'disconnectedSessionLimitMinutes', 'sessionLimits.disconnectedMinutes'), actual: (g) => g.disconnectedSessionLimitMinutes },
    {
      field: 'allowedRedirections',
      core: false,
      // Only the redirections the evaluator knows (redirections()); a newer one in the manifest is not compared.
      claimed: (m) => {
        const allowed = manifestValue(m, 'allowedRedirections', 'redirection.allowed');
        return Array.isArray(allowed) ? sortedStrings(allowed.filter((n) => redirections().some((r) => r.name === n))) : undefined;
      },
      actual: (g) => {
        const all = [...g.redirections];
        const unknown = all.find(([, s]) => s.state === 'unknown');
        if (unknown) return unknown[1];
        if (all.every(([, s]) => s.state === 'unset')) return { state: 'unset' };
        return { state: 'set', value: sortedStrings(all.filter(([, s]) => s.state === 'set' && s.value).map(([n]) => n)), line: 0 };
      },
    },
  ];
}

/**
 * The manifest line (`# secure-rdp-hosts:profile {…}`) says what the script body does: every field
 * it states agrees with the setting the evaluated body leaves behind. A reviewer (or a tool) that
 * reads only the manifest is otherwise told a weaker host is hardened.
 */
export default function GuestManifestMatchesBody(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    if (!p.hasManifest) return undefined;
    const findings: string[] = [];
    const unknown: string[] = [];
    for (const check of checks()) {
      const claimed = check.claimed(p.manifest);
      if (claimed === undefined) continue;
      const actual = check.actual(p.guest);
      if (actual.state === 'unknown') unknown.push(`${check.field}: the body's value cannot be proven (${actual.reason})`);
      else if (actual.state === 'unset') {
        if (check.core) findings.push(`the manifest says ${check.field} = ${JSON.stringify(claimed)} but the body never sets it`);
      } else if (!same(claimed, actual.value)) {
        findings.push(`the manifest says ${check.field} = ${JSON.stringify(claimed)} but the body sets ${JSON.stringify(actual.value)}${actual.line ? ` (line ${actual.line})` : ''}`);
      }
    }
    // The renderer turns every firewall profile on, opens only the listener port and disables every rule on 3389.
    if (p.guest.firewallProfilesEnabled.state === 'set' && !p.guest.firewallProfilesEnabled.value) findings.push(`the body turns the Windows Firewall profiles off (line ${p.guest.firewallProfilesEnabled.line}), so the guest allowlist is not enforced`);
    if (p.guest.firewall.state === 'set' && p.guest.port.state === 'set' && p.guest.port.value !== DEFAULT_RDP_PORT) {
      for (const rule of p.guest.firewall.value.filter((r) => admits(r, DEFAULT_RDP_PORT, 'tcp') || admits(r, DEFAULT_RDP_PORT, 'udp'))) {
        findings.push(`the manifest says port ${JSON.stringify(p.manifest.port)} but the body leaves the firewall rule ${rule.name} (line ${rule.line}) admitting port ${DEFAULT_RDP_PORT} from ${rule.sources.join(', ')}`);
      }
    }
    if (findings.length > 0) return findings.join('; ');
    return unknown.length > 0 ? { unknown: unknown.join('; ') } : undefined;
  });
}
