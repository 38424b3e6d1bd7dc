/**
 * Hand-built probe results for verdict and report tests: each mirrors a real server's answers
 * (RDP-PROBE.md results table), so verdict rules are tested without any network.
 */
import { CertificateInfo } from '../../cli/probe/certificate';
import { NegotiationOutcome, REQUEST_SETS } from '../../cli/probe/negotiation';
import { ProbeResult, TlsVersionResult } from '../../cli/probe/probe';
import { TLS_VERSIONS, TlsVersion } from '../../cli/probe/tls-versions';

/** Outcome per request set ID. */
export type Outcomes = Record<'ssl+hybrid+hybrid_ex' | 'ssl' | 'hybrid' | 'rdp' | 'legacy', NegotiationOutcome>;

/** A valid self-signed RSA-2048 certificate, like Windows' own RDP certificate. */
export const GOOD_CERTIFICATE: CertificateInfo = {
  subject: 'CN=rdp-host-1',
  issuer: 'CN=rdp-host-1',
  serialNumber: '1A2B',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
  selfSigned: true,
  keyType: 'RSA',
  keyBits: 2048,
  signatureAlgorithm: 'sha256WithRSAEncryption',
  sha256Fingerprint: 'AA:BB',
};

/** The time the verdict tests judge at: inside GOOD_CERTIFICATE's validity, 200 days before it ends. */
export const NOW = new Date('2026-06-15T00:00:00.000Z');

const selected = (selectedProtocol: number): NegotiationOutcome => ({ kind: 'selected', selectedProtocol, flags: 1 });
const refused = (failureCode: number): NegotiationOutcome => ({ kind: 'refused', failureCode });

/** FreeRDP shadow /sec:nla (and Windows with NLA): HYBRID selected when offered, code 5 otherwise. */
export const NLA_SERVER: Outcomes = { 'ssl+hybrid+hybrid_ex': selected(2), 'ssl': refused(5), 'hybrid': selected(2), 'rdp': refused(5), 'legacy': refused(5) };
/** xrdp security_layer=tls. */
export const TLS_SERVER: Outcomes = { 'ssl+hybrid+hybrid_ex': selected(1), 'ssl': selected(1), 'hybrid': refused(1), 'rdp': refused(1), 'legacy': { kind: 'no-negotiation', keptOpen: false } };
/** xrdp security_layer=negotiate. */
export const NEGOTIATE_SERVER: Outcomes = { 'ssl+hybrid+hybrid_ex': selected(1), 'ssl': selected(1), 'hybrid': selected(0), 'rdp': selected(0), 'legacy': { kind: 'no-negotiation', keptOpen: true } };
/** xrdp security_layer=rdp. */
export const RDP_SERVER: Outcomes = { 'ssl+hybrid+hybrid_ex': selected(0), 'ssl': selected(0), 'hybrid': selected(0), 'rdp': selected(0), 'legacy': { kind: 'no-negotiation', keptOpen: true } };

/** TLS status per version; versions not listed are refused. */
export type TlsStatuses = Partial<Record<TlsVersion, TlsVersionResult['status']>>;

/** TLS 1.2 and 1.3 only. */
export const MODERN_TLS: TlsStatuses = { 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' };

/** Builds a probe result. */
export function probeResult(outcomes: Outcomes, tlsStatuses: TlsStatuses = MODERN_TLS, certificate: CertificateInfo | null = GOOD_CERTIFICATE): ProbeResult {
  return {
    target: { host: '10.0.1.4', port: 43389 },
    startedAt: '2026-06-15T00:00:00.000Z',
    durationMs: 1234,
    connections: 7,
    maxConnections: 8,
    negotiations: REQUEST_SETS.map((request) => ({ request, outcome: outcomes[request.id as keyof Outcomes] })),
    tlsVersions: TLS_VERSIONS.map((version) => {
      const status = tlsStatuses[version] ?? 'refused';
      return { version, status, detail: status === 'accepted' ? 'ECDHE-RSA-AES256-GCM-SHA384' : status === 'refused' ? 'alert protocol_version' : 'not tried' };
    }),
    ...(certificate ? { certificate } : {}),
  };
}
