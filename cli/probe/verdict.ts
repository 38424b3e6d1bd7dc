/**
 * Judges a probe result against a policy: one check per property, each with the evidence that decided it.
 * Unknown is never a pass: a check the probe could not decide fails the run (exit 1) with status `unknown`.
 */
import { CertificateInfo } from './certificate';
import { acceptsStandardRdp, describeOutcome, isDefinite, NegotiationOutcome, selectsNla } from './negotiation';
import { ProbePolicy } from './policy';
import { NegotiationResult, ProbeResult, TlsVersionResult } from './probe';
import { TLS_VERSIONS, tlsVersionNumber } from './tls-versions';

/** Result of one check. `skipped`: the policy does not ask for it. */
export type CheckStatus = 'pass' | 'fail' | 'unknown' | 'skipped';

/** One policy check. */
export interface CheckResult {
  /** Stable ID, e.g. `nla-required`. */
  readonly id: string;
  /** What the check asserts, as a sentence. */
  readonly title: string;
  /** The result. */
  readonly status: CheckStatus;
  /** The evidence, e.g. `ssl → refused: HYBRID_REQUIRED_BY_SERVER (5)`. */
  readonly detail: string;
}

/** The checks and the overall result. */
export interface Verdict {
  /** The policy judged against. */
  readonly policy: ProbePolicy;
  /** Every check, in a fixed order. */
  readonly checks: readonly CheckResult[];
  /** True when no check failed or stayed unknown. */
  readonly passed: boolean;
}

/** IDs of every check, in report order. */
export const CHECK_IDS = [
  'standard-rdp-refused',
  'nla-required',
  'tls-available',
  'tls-minimum-version',
  'certificate-valid',
  'certificate-key',
  'certificate-not-self-signed',
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

function evidence(results: readonly NegotiationResult[]): string {
  return results.map((n) => `${n.request.id} → ${describeOutcome(n.outcome)}`).join('; ');
}

function undecided(result: ProbeResult, ids: readonly string[]): NegotiationResult[] {
  return result.negotiations.filter((n) => ids.includes(n.request.id) && !isDefinite(n.outcome));
}

function checkStandardRdp(result: ProbeResult, policy: ProbePolicy): CheckResult {
  const base = { id: 'standard-rdp-refused', title: 'Standard RDP Security (no TLS) is refused' };
  const accepting = result.negotiations.filter((n) => acceptsStandardRdp(n.outcome));
  if (policy.securityLayer !== 'tls') {
    const seen = accepting.length ? `accepted: ${evidence(accepting)}` : 'refused';
    return { ...base, status: 'skipped', detail: `the policy allows it (securityLayer "${policy.securityLayer}"); the server: ${seen}` };
  }
  if (accepting.length) return { ...base, status: 'fail', detail: `accepted: ${evidence(accepting)}` };
  const missing = undecided(result, ['rdp', 'legacy']);
  if (missing.length) return { ...base, status: 'unknown', detail: `could not decide: ${evidence(missing)}` };
  return { ...base, status: 'pass', detail: evidence(result.negotiations.filter((n) => ['rdp', 'legacy'].includes(n.request.id))) };
}

/** True when the server let a client in without CredSSP (selected SSL or RDP, or a bare confirm kept open). */
function acceptsWithoutNla(outcome: NegotiationOutcome): boolean {
  return (outcome.kind === 'selected' && !selectsNla(outcome)) || (outcome.kind === 'no-negotiation' && outcome.keptOpen);
}

function checkNla(result: ProbeResult, policy: ProbePolicy): CheckResult {
  const base = { id: 'nla-required', title: 'Network Level Authentication (CredSSP) is required' };
  const withoutNla = result.negotiations.filter((n) => acceptsWithoutNla(n.outcome));
  const withNla = result.negotiations.filter((n) => selectsNla(n.outcome));
  if (!policy.nla) {
    const seen = withNla.length ? 'supported' : 'not supported';
    return { ...base, status: 'skipped', detail: `the policy does not require NLA; the server: NLA ${seen}${withoutNla.length ? `, also accepts clients without it (${evidence(withoutNla)})` : ''}` };
  }
  if (withoutNla.length) return { ...base, status: 'fail', detail: `clients without CredSSP are accepted: ${evidence(withoutNla)}` };
  const missing = undecided(result, ['ssl', 'rdp', 'legacy']);
  if (missing.length) return { ...base, status: 'unknown', detail: `could not decide: ${evidence(missing)}` };
  if (!withNla.length) {
    if (undecided(result, ['ssl+hybrid+hybrid_ex', 'hybrid']).length) return { ...base, status: 'unknown', detail: `could not decide: ${evidence(undecided(result, ['ssl+hybrid+hybrid_ex', 'hybrid']))}` };
    return { ...base, status: 'fail', detail: `the server never selected CredSSP (HYBRID): ${evidence(result.negotiations)}` };
  }
  const ssl = result.negotiations.filter((n) => n.request.id === 'ssl');
  return { ...base, status: 'pass', detail: `${evidence(withNla)}; ${evidence(ssl)}` };
}

function versionList(results: readonly TlsVersionResult[]): string {
  return results.map((r) => `TLS ${tlsVersionNumber(r.version)} ${r.status}${r.detail ? ` (${r.detail})` : ''}`).join('; ');
}

function splitVersions(result: ProbeResult, policy: ProbePolicy): { below: TlsVersionResult[]; atLeast: TlsVersionResult[] } {
  const minIndex = TLS_VERSIONS.findIndex((v) => tlsVersionNumber(v) === policy.minTls);
  return {
    below: result.tlsVersions.filter((r) => TLS_VERSIONS.indexOf(r.version) < minIndex),
    atLeast: result.tlsVersions.filter((r) => TLS_VERSIONS.indexOf(r.version) >= minIndex),
  };
}

function checkTlsAvailable(result: ProbeResult, policy: ProbePolicy): CheckResult {
  const base = { id: 'tls-available', title: `TLS ${policy.minTls} or later is accepted` };
  const { atLeast } = splitVersions(result, policy);
  const accepted = atLeast.filter((r) => r.status === 'accepted');
  if (accepted.length) return { ...base, status: 'pass', detail: versionList(accepted) };
  if (atLeast.some((r) => r.status === 'unknown')) return { ...base, status: 'unknown', detail: versionList(atLeast) };
  return { ...base, status: 'fail', detail: `no TLS ${policy.minTls}+ handshake completed: ${versionList(atLeast)}` };
}

function checkTlsMinimum(result: ProbeResult, policy: ProbePolicy): CheckResult {
  const base = { id: 'tls-minimum-version', title: `Nothing below TLS ${policy.minTls} is accepted` };
  const { below } = splitVersions(result, policy);
  if (!below.length) return { ...base, status: 'pass', detail: `the policy allows every TLS version from ${policy.minTls}` };
  const accepted = below.filter((r) => r.status === 'accepted');
  if (accepted.length) return { ...base, status: 'fail', detail: `accepted: ${versionList(accepted)}` };
  const unknown = below.filter((r) => r.status === 'unknown');
  if (unknown.length) return { ...base, status: 'unknown', detail: versionList(unknown) };
  return { ...base, status: 'pass', detail: versionList(below) };
}

function noCertificate(result: ProbeResult): string {
  return result.tlsVersions.some((r) => r.status === 'accepted') ? 'no certificate was read' : 'no certificate: no TLS handshake completed';
}

function checkCertificateValidity(cert: CertificateInfo | undefined, result: ProbeResult, policy: ProbePolicy, now: Date): CheckResult {
  const wanted = policy.certificate.minValidDays;
  const base = { id: 'certificate-valid', title: wanted > 0 ? `The certificate is valid for at least ${days(wanted)} more` : 'The certificate is valid (not expired)' };
  if (!cert) return { ...base, status: 'unknown', detail: noCertificate(result) };
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const daysLeft = Math.floor((to.getTime() - now.getTime()) / DAY_MS);
  if (now < from) return { ...base, status: 'fail', detail: `not valid before ${cert.validFrom}` };
  if (now > to) return { ...base, status: 'fail', detail: `expired on ${cert.validTo} (${days(Math.ceil((now.getTime() - to.getTime()) / DAY_MS))} ago)` };
  if (daysLeft < wanted) return { ...base, status: 'fail', detail: `expires on ${cert.validTo}, in ${days(daysLeft)}; the policy wants at least ${wanted}` };
  return { ...base, status: 'pass', detail: `valid ${cert.validFrom} to ${cert.validTo} (${days(daysLeft)} left)` };
}

function checkCertificateKey(cert: CertificateInfo | undefined, result: ProbeResult, policy: ProbePolicy): CheckResult {
  const minRsa = policy.certificate.minRsaBits;
  const base = { id: 'certificate-key', title: `The certificate key is strong enough (RSA ${minRsa}+ bits, EC 256+ bits)` };
  if (!cert) return { ...base, status: 'unknown', detail: noCertificate(result) };
  const key = `${cert.keyType}${cert.keyBits ? ` ${cert.keyBits} bits` : ''}${cert.curve ? ` (${cert.curve})` : ''}, signed ${cert.signatureAlgorithm}`;
  const bits = cert.keyBits ?? 0;
  const strong = cert.keyType === 'RSA' || cert.keyType === 'RSA-PSS' ? bits >= minRsa : cert.keyType === 'EC' ? bits >= 256 : cert.keyType === 'Ed25519' || cert.keyType === 'Ed448';
  return { ...base, status: strong ? 'pass' : 'fail', detail: key };
}

function checkSelfSigned(cert: CertificateInfo | undefined, result: ProbeResult, policy: ProbePolicy): CheckResult {
  const base = { id: 'certificate-not-self-signed', title: 'The certificate is issued by a CA (not self-signed)' };
  const seen = cert ? (cert.selfSigned ? `self-signed (${cert.subject})` : `issued by ${cert.issuer}`) : noCertificate(result);
  if (policy.certificate.allowSelfSigned) return { ...base, status: 'skipped', detail: `the policy allows self-signed certificates; the certificate: ${seen}` };
  if (!cert) return { ...base, status: 'unknown', detail: seen };
  return { ...base, status: cert.selfSigned ? 'fail' : 'pass', detail: seen };
}

/**
 * Judges `result` against `policy` at time `now`.
 * @param now the reference time for certificate validity @default the current time
 */
export function judge(result: ProbeResult, policy: ProbePolicy, now: Date = new Date()): Verdict {
  const cert = result.certificate;
  const checks = [
    checkStandardRdp(result, policy),
    checkNla(result, policy),
    checkTlsAvailable(result, policy),
    checkTlsMinimum(result, policy),
    checkCertificateValidity(cert, result, policy, now),
    checkCertificateKey(cert, result, policy),
    checkSelfSigned(cert, result, policy),
  ];
  return { policy, checks, passed: checks.every((c) => c.status === 'pass' || c.status === 'skipped') };
}

/** Exit code for a verdict: 0 pass, 1 policy failure (including checks the probe could not decide). */
export function verdictExitCode(verdict: Verdict): 0 | 1 {
  return verdict.passed ? 0 : 1;
}
