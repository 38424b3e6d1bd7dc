// cdktf is never called here (the core barrel imports it for the Terraform-facing helpers): an empty module saves loading it.
jest.mock('cdktf', () => ({}));

import { Acknowledge, Peer, RdpAllowlist, RdpPort } from '../../constructs/core';
import {
  compactHardeningScript,
  RdpGuestRisk,
  RdpHardeningProfile,
  RdpHardeningProfileProps,
  RdpRedirection,
  RdpSecurityLayer,
  TlsVersion,
  WindowsServerVersion,
} from '../../constructs/windows';
import { describeSyntaxProblems, powerShellSyntaxProblems } from '../helpers/powershell-parser';

const REASON = 'Accepted for the migration window, ticket SEC-1234';
const ack = (id: string) => [Acknowledge.risk(id, REASON)];

/** One profile per option that changes the rendered text, plus combinations. */
const VARIANTS: Record<string, Partial<RdpHardeningProfileProps>> = {
  default: {},
  'Server 2019': { windowsVersion: WindowsServerVersion.SERVER_2019 },
  'Server 2025': { windowsVersion: WindowsServerVersion.SERVER_2025 },
  udp: { udp: true },
  'IPv4 /32 only': { allowlist: [Peer.cidr('198.51.100.7/32')] },
  'many sources': { allowlist: RdpAllowlist.fromCidrs(Array.from({ length: 40 }, (_, i) => `10.${i}.0.0/16`)) },
  'TLS 1.0 floor': { minimumTlsVersion: TlsVersion.TLS_1_0, acknowledgements: ack(RdpGuestRisk.TLS_LEGACY) },
  'NLA off, Negotiate': {
    requireNla: false,
    securityLayer: RdpSecurityLayer.NEGOTIATE,
    acknowledgements: [...ack(RdpGuestRisk.NLA_OFF), ...ack(RdpGuestRisk.SECURITY_LAYER)],
  },
  'lockout off': { lockoutThreshold: 0, acknowledgements: ack(RdpGuestRisk.LOCKOUT) },
  'custom lockout': { lockoutThreshold: 3, lockoutDurationMinutes: 60, lockoutResetMinutes: 30 },
  'no session limits': { idleSessionLimitMinutes: 0, disconnectedSessionLimitMinutes: 0, acknowledgements: ack(RdpGuestRisk.SESSION_LIMITS) },
  'all redirections': { allowedRedirections: RdpRedirection.ALL, acknowledgements: ack(RdpGuestRisk.REDIRECTION) },
  'listener certificate': { listenerCertificateThumbprint: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' },
  'everything at once': {
    windowsVersion: WindowsServerVersion.SERVER_2019,
    udp: true,
    minimumTlsVersion: TlsVersion.TLS_1_1,
    requireNla: false,
    lockoutThreshold: 0,
    allowedRedirections: [RdpRedirection.CLIPBOARD],
    listenerCertificateThumbprint: '0123456789abcdef0123456789abcdef01234567',
    rebootDelayMinutes: 60,
    acknowledgements: [...ack(RdpGuestRisk.TLS_LEGACY), ...ack(RdpGuestRisk.NLA_OFF), ...ack(RdpGuestRisk.LOCKOUT), ...ack(RdpGuestRisk.REDIRECTION)],
  },
};

/** The script forms checked for each variant, rendered when a test asks (see {@link scriptOf}). */
const FORMS = ['full', 'first boot', 'compact', 'with the drift task', 'first boot, compact'] as const;
type Form = (typeof FORMS)[number];
const SCRIPTS: [string, string, Form][] = Object.keys(VARIANTS).flatMap((name) => FORMS.map((form) => [`${name} (${form})`, name, form] as [string, string, Form]));

/**
 * The rendered script of a variant in one form, rendered inside the test that asks (not at module load, and
 * not cached: each test's coverage then shows what it checks, which a mutation run relies on).
 */
function scriptOf(variant: string, form: Form): string {
  const profile = new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24', '192.0.2.0/24']), ...VARIANTS[variant] });
  switch (form) {
    case 'full':
      return profile.script;
    case 'first boot':
      return profile.firstBootScript;
    case 'compact':
      return compactHardeningScript(profile.script);
    case 'with the drift task':
      return profile.driftCorrectingScript;
    case 'first boot, compact':
      return compactHardeningScript(profile.firstBootScript);
  }
}

describe('rendered scripts parse under the tree-sitter PowerShell grammar', () => {
  test.each(SCRIPTS)('%s: no ERROR or MISSING node', async (_name, variant, form) => {
    const script = scriptOf(variant, form);
    const problems = await powerShellSyntaxProblems(script);
    expect(describeSyntaxProblems(script, problems)).toBe('');
  });

  test('the check catches broken PowerShell, with the position and text of the problem', async () => {
    const valid = scriptOf('default', 'full');
    const broken = valid.replace("Set-Dword 'WS' 'PortNumber' 43389", "Set-Dword 'WS' 'PortNumber' 43389)");
    const problems = await powerShellSyntaxProblems(broken);
    const line = broken.split('\n').findIndex((l) => l.includes("'PortNumber' 43389)")) + 1;
    expect(problems.some((p) => p.kind === 'ERROR' && p.line <= line && p.endLine >= line)).toBe(true);
    expect(describeSyntaxProblems(broken, problems)).toMatch(/^ERROR \(ERROR\) at line \d+, column \d+ \(to line \d+\): "/);
  });

  test.each([
    ['an unclosed block', 'if ($x) {\n  Write-Host "a"\n', 'MISSING'],
    ['an unterminated string', "Write-Host 'abc\n", 'ERROR'],
    ['a parameter list without its parenthesis', 'function F([string]$a { }\n', 'MISSING'],
  ])('reports %s', async (_name, script, kind) => {
    const problems = await powerShellSyntaxProblems(script);
    expect(problems.map((p) => p.kind)).toContain(kind);
  });
});
