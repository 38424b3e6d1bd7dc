/**
 * The human-readable report: what each request and TLS version got, the certificate, then one line
 * per policy check and the result.
 */
import { protocolNames } from './codec';
import { describeOutcome } from './negotiation';
import { describePolicy } from './policy';
import type { ProbeFailure, ProbeReport } from './report-types';
import { tlsVersionNumber } from './tls-versions';
import { formatTarget } from './transport';
import { CheckStatus } from './verdict';

const STATUS_LABELS: Readonly<Record<CheckStatus, string>> = { pass: 'PASS', fail: 'FAIL', unknown: '????', skipped: 'SKIP' };

function requestLabel(protocols: number | undefined): string {
  return protocols === undefined ? 'none (legacy)' : protocolNames(protocols);
}

/** Renders a finished probe as text. */
export function formatTextReport({ result, verdict }: ProbeReport): string {
  const lines: string[] = [];
  lines.push(`RDP security probe of ${formatTarget(result.target)} (${result.connections} connections, ${(result.durationMs / 1000).toFixed(1)} s)`);
  lines.push('', 'Negotiation (X.224 Connection Request, RDP_NEG_REQ requestedProtocols):');
  for (const n of result.negotiations) {
    lines.push(`  ${requestLabel(n.request.protocols).padEnd(22)} ${describeOutcome(n.outcome)}`);
  }
  lines.push('', 'TLS versions (one handshake each, only that version offered):');
  for (const t of result.tlsVersions) {
    lines.push(`  TLS ${tlsVersionNumber(t.version)}  ${t.status.padEnd(14)} ${t.detail}`);
  }
  lines.push('', 'Certificate:');
  const c = result.certificate;
  if (c) {
    lines.push(`  subject     ${c.subject}`);
    lines.push(`  issuer      ${c.issuer}${c.selfSigned ? ' (self-signed)' : ''}`);
    lines.push(`  valid       ${c.validFrom} to ${c.validTo}`);
    lines.push(`  key         ${c.keyType}${c.keyBits ? ` ${c.keyBits} bits` : ''}${c.curve ? ` (${c.curve})` : ''}`);
    lines.push(`  signature   ${c.signatureAlgorithm}`);
    lines.push(`  sha256      ${c.sha256Fingerprint}`);
    if (c.subjectAltName) lines.push(`  alt names   ${c.subjectAltName}`);
  } else {
    lines.push('  none read (no TLS handshake completed)');
  }
  lines.push('', `Policy: ${verdict.policy.name}: ${describePolicy(verdict.policy)}`);
  for (const check of verdict.checks) {
    lines.push(`  ${STATUS_LABELS[check.status]}  ${check.title}`);
    lines.push(`        ${check.detail}`);
  }
  const failed = verdict.checks.filter((c) => c.status === 'fail' || c.status === 'unknown');
  const judged = verdict.checks.filter((c) => c.status !== 'skipped');
  lines.push('');
  lines.push(verdict.passed
    ? `Result: PASS (${judged.length} of ${judged.length} checks passed)`
    : `Result: FAIL (${failed.length} of ${judged.length} checks failed or undecided: ${failed.map((c) => c.id).join(', ')})`);
  return `${lines.join('\n')}\n`;
}

/** Text mode prints endpoint failures on stderr only. */
export function formatTextFailure(_failure: ProbeFailure): undefined {
  return undefined;
}
