import { parsePolicy, TLS_ONLY_PROFILE } from '../../cli/probe/policy';
import { CHECK_IDS, judge, verdictExitCode } from '../../cli/probe/verdict';
import { GOOD_CERTIFICATE, MODERN_TLS, NEGOTIATE_SERVER, NLA_SERVER, NOW, probeResult, RDP_SERVER, TLS_SERVER } from './probe-results';

function check(result: ReturnType<typeof probeResult>, id: string, policy = TLS_ONLY_PROFILE) {
  const found = judge(result, policy, NOW).checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe('judge against the TLS-only profile', () => {
  test('an NLA server with TLS 1.2+ and a valid certificate passes: exit code 0', () => {
    const verdict = judge(probeResult(NLA_SERVER), TLS_ONLY_PROFILE, NOW);
    expect(verdict.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(verdict.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}`)).toEqual(['certificate-not-self-signed:skipped']);
    expect(verdict.passed).toBe(true);
    expect(verdictExitCode(verdict)).toBe(0);
  });

  test('HYBRID_EX selected (Windows answering a modern client) counts as NLA', () => {
    const result = probeResult({ ...NLA_SERVER, 'ssl+hybrid+hybrid_ex': { kind: 'selected', selectedProtocol: 8, flags: 0x1f } });
    expect(check(result, 'nla-required').status).toBe('pass');
  });

  test('fails nla-required when TLS without CredSSP is accepted, and says which request', () => {
    const c = check(probeResult(TLS_SERVER), 'nla-required');
    expect(c.status).toBe('fail');
    expect(c.detail).toMatch(/ssl → selected SSL \(TLS without NLA\)/);
    expect(check(probeResult(TLS_SERVER), 'standard-rdp-refused').status).toBe('pass');
    expect(verdictExitCode(judge(probeResult(TLS_SERVER), TLS_ONLY_PROFILE, NOW))).toBe(1);
  });

  test('fails nla-required when the server never selects CredSSP, even if it refuses everything else', () => {
    const result = probeResult({ ...NLA_SERVER, 'ssl+hybrid+hybrid_ex': { kind: 'refused', failureCode: 2 }, 'hybrid': { kind: 'refused', failureCode: 2 } }, {});
    expect(check(result, 'nla-required')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/never selected CredSSP/) });
  });

  test('fails standard-rdp-refused on RSP 0 to any request (RDP is legal for any request) and on a legacy confirm kept open', () => {
    const c = check(probeResult(NEGOTIATE_SERVER), 'standard-rdp-refused');
    expect(c.status).toBe('fail');
    expect(c.detail).toMatch(/hybrid → selected RDP/);
    expect(c.detail).toMatch(/rdp → selected RDP/);
    expect(c.detail).toMatch(/legacy → no negotiation data, connection kept open/);
    const legacyOnly = probeResult({ ...NLA_SERVER, legacy: { kind: 'no-negotiation', keptOpen: true } });
    expect(check(legacyOnly, 'standard-rdp-refused').status).toBe('fail');
  });

  test('a legacy confirm followed by a close counts as refused', () => {
    expect(check(probeResult(TLS_SERVER), 'standard-rdp-refused').detail).toMatch(/legacy → .*closed the connection \(refused\)/);
  });

  test('a Standard-RDP-only server fails standard RDP, NLA and TLS availability; certificate checks are undecided', () => {
    const verdict = judge(probeResult(RDP_SERVER, { 'TLSv1': 'not-applicable', 'TLSv1.1': 'not-applicable', 'TLSv1.2': 'not-applicable', 'TLSv1.3': 'not-applicable' }, null), TLS_ONLY_PROFILE, NOW);
    expect(Object.fromEntries(verdict.checks.map((c) => [c.id, c.status]))).toEqual({
      'standard-rdp-refused': 'fail',
      'nla-required': 'fail',
      'tls-available': 'fail',
      'tls-minimum-version': 'pass',
      'certificate-valid': 'unknown',
      'certificate-key': 'unknown',
      'certificate-not-self-signed': 'skipped',
    });
  });

  test('fails tls-minimum-version when TLS 1.0 or 1.1 is accepted', () => {
    const c = check(probeResult(NLA_SERVER, { ...MODERN_TLS, 'TLSv1.1': 'accepted' }), 'tls-minimum-version');
    expect(c.status).toBe('fail');
    expect(c.detail).toBe('accepted: TLS 1.1 accepted (ECDHE-RSA-AES256-GCM-SHA384)');
  });

  test('an old version the client could not try is undecided, never a pass', () => {
    const verdict = judge(probeResult(NLA_SERVER, { ...MODERN_TLS, TLSv1: 'unknown' }), TLS_ONLY_PROFILE, NOW);
    expect(verdict.checks.find((c) => c.id === 'tls-minimum-version')?.status).toBe('unknown');
    expect(verdict.passed).toBe(false);
  });

  test('fails tls-available when only old versions work', () => {
    const c = check(probeResult(NLA_SERVER, { TLSv1: 'accepted' }), 'tls-available');
    expect(c).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^no TLS 1\.2\+ handshake completed/) });
  });

  test('certificate: expired, not yet valid, too short-lived, weak key', () => {
    const expired = probeResult(NLA_SERVER, MODERN_TLS, { ...GOOD_CERTIFICATE, validTo: '2026-06-01T00:00:00.000Z' });
    expect(check(expired, 'certificate-valid')).toMatchObject({ status: 'fail', detail: 'expired on 2026-06-01T00:00:00.000Z (14 days ago)' });
    const future = probeResult(NLA_SERVER, MODERN_TLS, { ...GOOD_CERTIFICATE, validFrom: '2026-07-01T00:00:00.000Z' });
    expect(check(future, 'certificate-valid').status).toBe('fail');
    const policy = parsePolicy({ certificate: { minValidDays: 365 } }, 'test');
    expect(check(probeResult(NLA_SERVER), 'certificate-valid', policy)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/in 200 days; the policy wants at least 365/) });
    const weak = probeResult(NLA_SERVER, MODERN_TLS, { ...GOOD_CERTIFICATE, keyBits: 1024, signatureAlgorithm: 'sha1WithRSAEncryption' });
    expect(check(weak, 'certificate-key')).toMatchObject({ status: 'fail', detail: 'RSA 1024 bits, signed sha1WithRSAEncryption' });
    const ec = probeResult(NLA_SERVER, MODERN_TLS, { ...GOOD_CERTIFICATE, keyType: 'EC', keyBits: 256, curve: 'prime256v1' });
    expect(check(ec, 'certificate-key').status).toBe('pass');
  });
});

describe('judge against a policy file', () => {
  test('securityLayer negotiate and nla false skip those checks but still report what the server does', () => {
    const policy = parsePolicy({ securityLayer: 'negotiate', nla: false }, 'relaxed.json');
    const verdict = judge(probeResult(NEGOTIATE_SERVER), policy, NOW);
    expect(verdict.passed).toBe(true);
    expect(verdict.checks.find((c) => c.id === 'standard-rdp-refused')).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/the server: accepted: .*rdp → selected RDP/) });
    expect(verdict.checks.find((c) => c.id === 'nla-required')).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/NLA not supported, also accepts clients without it/) });
  });

  test('minTls 1.3 fails a server that still accepts 1.2; allowSelfSigned false fails a self-signed certificate', () => {
    const policy = parsePolicy({ minTls: '1.3', certificate: { allowSelfSigned: false } }, 'strict.json');
    const verdict = judge(probeResult(NLA_SERVER), policy, NOW);
    expect(verdict.checks.find((c) => c.id === 'tls-minimum-version')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/TLS 1\.2 accepted/) });
    expect(verdict.checks.find((c) => c.id === 'certificate-not-self-signed')).toMatchObject({ status: 'fail', detail: 'self-signed (CN=rdp-host-1)' });
    const caIssued = probeResult(NLA_SERVER, { 'TLSv1.3': 'accepted' }, { ...GOOD_CERTIFICATE, selfSigned: false, issuer: 'CN=Corp CA' });
    expect(judge(caIssued, policy, NOW).passed).toBe(true);
  });
});
