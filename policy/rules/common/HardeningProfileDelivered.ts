import { PolicyDocument } from '../../document';
import { GuestState, schannelProtocols, Setting } from '../../guest/guest-state';
import { guestHardeningOf } from '../../guest/profile';
import { isHost } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** The settings some script delivered to a host must set (else Windows' weaker default applies). */
function requiredSettings(): readonly { readonly what: string; readonly pick: (g: GuestState) => Setting<unknown> }[] {
  return [
    { what: 'the listener port (PortNumber)', pick: (g) => g.port },
    { what: 'the security layer (SecurityLayer)', pick: (g) => g.securityLayer },
    { what: 'Network Level Authentication (UserAuthentication)', pick: (g) => g.nla },
    ...schannelProtocols().filter((p) => p.defaultEnabled && p.version < '1.2').map((p) => ({ what: `SCHANNEL ${p.name} (enabled by default)`, pick: (g: GuestState) => g.protocols.get(p.name)! })),
    { what: 'the guest firewall rule for RDP', pick: (g) => g.firewall },
    { what: 'the Windows Firewall profiles (on)', pick: (g) => g.firewallProfilesEnabled },
    { what: 'account lockout (net accounts /lockoutthreshold)', pick: (g) => g.lockoutThreshold },
    { what: 'the idle session limit (MaxIdleTime)', pick: (g) => g.idleSessionLimitMinutes },
    { what: 'the disconnected session limit (MaxDisconnectionTime)', pick: (g) => g.disconnectedSessionLimitMinutes },
    { what: 'drive redirection (fDisableCdm)', pick: (g) => g.redirections.get('drive')! },
    { what: 'clipboard redirection (fDisableClip)', pick: (g) => g.redirections.get('clipboard')! },
  ];
}


/**
 * Every RDP host receives the hardening: the scripts delivered to it (user data, SSM associations,
 * run commands, Custom Script extensions), evaluated together, set each required setting. A
 * setting no script sets keeps Windows' default (3389, negotiable security layer, TLS 1.0 on, no
 * lockout, endless sessions, redirection on). A delivered script that cannot be read makes the
 * host's settings UNKNOWN, even when the readable ones set everything: it may undo them.
 */
export default function HardeningProfileDelivered(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource)) return Compliance.NOT_APPLICABLE;
  const hardening = guestHardeningOf(resource, doc);
  if (hardening.malformed.length > 0) return hardening.malformed.map((m) => `the profile manifest is not a JSON object: ${m.slice(0, 200)}`);
  const unreadable = hardening.unreadable.map((u) => `${u.via}: the script text cannot be read from the document`);
  if (hardening.profiles.length === 0) {
    if (unreadable.length > 0) return { unknown: unreadable };
    return ['no hardening script reaches the host (user data, SSM association, run command or Custom Script extension)'];
  }
  const missing: string[] = [];
  const unknown: string[] = [];
  for (const required of requiredSettings()) {
    const settings = hardening.profiles.map((p) => required.pick(p.guest));
    if (settings.some((s) => s.state === 'set')) continue;
    const why = settings.find((s): s is { state: 'unknown'; reason: string } => s.state === 'unknown');
    if (why) unknown.push(`${required.what} cannot be proven from the script body: ${why.reason}`);
    else missing.push(required.what);
  }
  const failing = hardening.profiles
    .filter((p) => !p.guest.completes)
    .map((p) => (p.guest.syntaxErrors.length > 0 ? `${p.via}: PowerShell cannot parse the script (${p.guest.syntaxErrors.slice(0, 3).join('; ')}), so none of it runs` : `${p.via}: every path of the script ends in \`throw\` or a non-zero \`exit\`, so it never completes`));
  if (failing.length > 0) return failing;
  if (missing.length > 0 && unreadable.length === 0) return [`no script delivered to the host sets ${missing.join(', ')}`];
  if (missing.length > 0 || unknown.length > 0) return { unknown: [...unreadable, ...unknown, ...(missing.length > 0 ? [`not set by a readable script: ${missing.join(', ')}`] : [])] };
  // A script that cannot be read runs on the host too and may undo what the readable ones set.
  if (unreadable.length > 0) return { unknown: [...unreadable, 'the readable scripts set every required setting, but a script that cannot be read may also run on the host and change them'] };
  return Compliance.COMPLIANT;
}
