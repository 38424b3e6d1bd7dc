import { FORMATTERS } from '../../cli/probe/report';
import { escapeXml } from '../../cli/probe/report-junit';
import { TLS_ONLY_PROFILE } from '../../cli/probe/policy';
import { judge } from '../../cli/probe/verdict';
import { parseJunit } from './junit-xml';
import { MODERN_TLS, NLA_SERVER, NOW, probeResult, TLS_SERVER } from './probe-results';

const passing = () => {
  const result = probeResult(NLA_SERVER);
  return { result, verdict: judge(result, TLS_ONLY_PROFILE, NOW) };
};
const failing = () => {
  const result = probeResult(TLS_SERVER, { ...MODERN_TLS, TLSv1: 'accepted', 'TLSv1.1': 'unknown' });
  return { result, verdict: judge(result, TLS_ONLY_PROFILE, NOW) };
};
const unreachable = { target: { host: '10.0.1.4', port: 43389 }, problem: 'unreachable' as const, message: 'connection refused by 10.0.1.4:43389 <&> "quoted"' };

describe('text report', () => {
  test('shows every request, every TLS version, the certificate, each check and the result', () => {
    const text = FORMATTERS.text.report(passing());
    expect(text).toMatch(/^RDP security probe of 10\.0\.1\.4:43389 \(7 connections, 1\.2 s\)/);
    expect(text).toContain('  SSL|HYBRID|HYBRID_EX   selected HYBRID (NLA)');
    expect(text).toContain('  none (legacy)          refused: HYBRID_REQUIRED_BY_SERVER (5)');
    expect(text).toContain('  TLS 1.0  refused        alert protocol_version');
    expect(text).toContain('  TLS 1.3  accepted       ECDHE-RSA-AES256-GCM-SHA384');
    expect(text).toContain('  issuer      CN=rdp-host-1 (self-signed)');
    expect(text).toContain('  PASS  Network Level Authentication (CredSSP) is required');
    expect(text).toContain('  SKIP  The certificate is issued by a CA (not self-signed)');
    expect(text.trimEnd().split('\n').pop()).toBe('Result: PASS (6 of 6 checks passed)');
  });

  test('names the failed and undecided checks in the result line', () => {
    expect(FORMATTERS.text.report(failing()).trimEnd().split('\n').pop()).toBe('Result: FAIL (2 of 6 checks failed or undecided: nla-required, tls-minimum-version)');
  });

  test('prints nothing on stdout for an endpoint failure (the message goes to stderr)', () => {
    expect(FORMATTERS.text.failure(unreachable)).toBeUndefined();
  });
});

describe('json report', () => {
  test('carries verdict, exit code, policy, checks and raw observations', () => {
    const json = JSON.parse(FORMATTERS.json.report(failing()));
    expect(json).toMatchObject({ schemaVersion: 1, target: '10.0.1.4:43389', verdict: 'fail', exitCode: 1, policy: { name: 'TLS-only profile (default)', minTls: '1.2' } });
    expect(json.checks.find((c: { id: string }) => c.id === 'tls-minimum-version')).toMatchObject({ status: 'fail' });
    expect(json.probe.negotiations[1]).toEqual({
      request: 'ssl',
      requestedProtocols: 1,
      requestedProtocolNames: 'SSL',
      outcome: { kind: 'selected', selectedProtocol: 1, flags: 1 },
      selectedProtocolNames: 'SSL',
      summary: 'selected SSL (TLS without NLA)',
    });
    expect(json.probe.negotiations[4]).toMatchObject({ request: 'legacy', requestedProtocols: null });
    expect(json.probe.tlsVersions[0]).toMatchObject({ version: 'TLSv1', versionNumber: '1.0', status: 'accepted' });
    expect(json.probe.certificate).toMatchObject({ subject: 'CN=rdp-host-1', keyBits: 2048 });
  });

  test('an endpoint failure is still one JSON object with exit code 2', () => {
    expect(JSON.parse(FORMATTERS.json.failure(unreachable) ?? '')).toEqual({
      schemaVersion: 1, target: '10.0.1.4:43389', verdict: 'error', exitCode: 2, error: { problem: 'unreachable', message: unreachable.message },
    });
  });
});

describe('junit report', () => {
  test('is valid JUnit XML with one testcase per check: failure for fail, error for unknown, skipped for skipped', () => {
    const { suite, cases } = parseJunit(FORMATTERS.junit.report(failing()));
    expect(suite.getAttribute('name')).toBe('rdp-probe 10.0.1.4:43389');
    expect(cases.map((c) => `${c.name.split(':')[0]}=${c.result}`)).toEqual([
      'standard-rdp-refused=passed',
      'nla-required=failure',
      'tls-available=passed',
      'tls-minimum-version=failure',
      'certificate-valid=passed',
      'certificate-key=passed',
      'certificate-not-self-signed=skipped',
    ]);
    expect(cases[1].message).toMatch(/clients without CredSSP are accepted/);
    expect(cases.every((c) => c.classname === 'rdp-probe.10.0.1.4:43389')).toBe(true);
  });

  test('an undecided check is an <error>', () => {
    const result = probeResult(NLA_SERVER, { ...MODERN_TLS, TLSv1: 'unknown' });
    const { cases } = parseJunit(FORMATTERS.junit.report({ result, verdict: judge(result, TLS_ONLY_PROFILE, NOW) }));
    expect(cases.find((c) => c.name.startsWith('tls-minimum-version'))).toMatchObject({ result: 'error', message: expect.stringMatching(/^could not decide: /) });
  });

  test('an endpoint failure is one errored testcase, with markup escaped', () => {
    const xml = FORMATTERS.junit.failure(unreachable) ?? '';
    const { cases } = parseJunit(xml);
    expect(cases).toEqual([{ name: 'endpoint-reachable: 10.0.1.4:43389 answers as an RDP listener', classname: 'rdp-probe.10.0.1.4:43389', result: 'error', message: unreachable.message }]);
  });

  test('escapeXml escapes markup and drops characters XML 1.0 forbids', () => {
    expect(escapeXml(`a<b>&"c'\u0000\u0007d`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;d');
  });
});
