/**
 * The probe against real xrdp 0.9 servers on 127.0.0.1, one per weaker configuration. Each must fail
 * for its own reason (xrdp cannot do NLA, so every xrdp server also fails nla-required).
 * Servers: private config and certificate per server, free ports, started and stopped by PID.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseJunit } from '../probe/junit-xml';
import { makeTestCertificate } from './fixtures/certificates';
import { listeningAddresses, stopProcess } from './fixtures/processes';
import { describeWithCommands } from './fixtures/requirements';
import { checkStatuses, negotiationOutcomes, probeJson, runProbeCli, tlsStatuses } from './fixtures/run-probe';
import { startXrdp, XrdpServer } from './fixtures/xrdp';

jest.setTimeout(60000);

describeWithCommands('probe against real xrdp servers', ['xrdp', 'openssl'], () => {
  let dir: string;
  const servers: Record<string, XrdpServer> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-xrdp-'));
    const certs = path.join(dir, 'certs');
    const ca = makeTestCertificate(certs, 'Probe Test CA', { isCa: true });
    const caIssued = makeTestCertificate(certs, 'xrdp-tls.test', { issuer: ca });
    const selfSigned = makeTestCertificate(certs, 'xrdp.test');
    const expired = makeTestCertificate(certs, 'expired.test', { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2020-02-01T00:00:00Z') });
    const smallKey = makeTestCertificate(certs, 'small-key.test', { rsaBits: 1024 });
    const started = await Promise.allSettled([
      startXrdp(dir, 'rdp', { securityLayer: 'rdp', certificate: selfSigned }),
      startXrdp(dir, 'negotiate', { securityLayer: 'negotiate', certificate: selfSigned }),
      startXrdp(dir, 'tls', { securityLayer: 'tls', certificate: caIssued }),
      startXrdp(dir, 'weak-tls', { securityLayer: 'tls', sslProtocols: 'TLSv1, TLSv1.1, TLSv1.2, TLSv1.3', tlsCiphers: 'DEFAULT:@SECLEVEL=0', certificate: selfSigned }),
      startXrdp(dir, 'expired', { securityLayer: 'tls', certificate: expired }),
      // OpenSSL 3 refuses to serve an RSA-1024 key at its default security level.
      startXrdp(dir, 'small-key', { securityLayer: 'tls', tlsCiphers: 'DEFAULT:@SECLEVEL=0', certificate: smallKey }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') servers[s.value.name] = s.value;
    const failed = started.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed.length) throw new Error(failed.map((f) => String(f.reason)).join('\n'));
  });

  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => stopProcess(s.process)));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every test server listens on 127.0.0.1 only', () => {
    for (const server of Object.values(servers)) {
      expect({ server: server.name, addresses: listeningAddresses(server.port) }).toEqual({ server: server.name, addresses: ['127.0.0.1'] });
    }
  });

  test('security_layer=rdp: Standard RDP accepted, no TLS at all → exit 1', async () => {
    const { code, report } = await probeJson(servers.rdp.port);
    expect(code).toBe(1);
    expect(negotiationOutcomes(report).ssl).toMatchObject({ kind: 'selected', selectedProtocol: 0 });
    expect(negotiationOutcomes(report).legacy).toEqual({ kind: 'no-negotiation', keptOpen: true });
    expect(Object.values(tlsStatuses(report))).toEqual(['not-applicable', 'not-applicable', 'not-applicable', 'not-applicable']);
    expect(checkStatuses(report)).toMatchObject({ 'standard-rdp-refused': 'fail', 'nla-required': 'fail', 'tls-available': 'fail' });
  });

  test('security_layer=negotiate: falls back to Standard RDP (RSP 0) → standard-rdp-refused fails', async () => {
    const { code, report } = await probeJson(servers.negotiate.port);
    expect(code).toBe(1);
    expect(negotiationOutcomes(report)).toMatchObject({
      'ssl+hybrid+hybrid_ex': { kind: 'selected', selectedProtocol: 1 },
      'hybrid': { kind: 'selected', selectedProtocol: 0 },
      'rdp': { kind: 'selected', selectedProtocol: 0 },
      'legacy': { kind: 'no-negotiation', keptOpen: true },
    });
    expect(checkStatuses(report)).toMatchObject({ 'standard-rdp-refused': 'fail', 'nla-required': 'fail', 'tls-available': 'pass', 'tls-minimum-version': 'pass' });
  });

  test('security_layer=tls, TLS 1.2+1.3, CA-issued certificate: everything but NLA passes', async () => {
    const { code, report } = await probeJson(servers.tls.port);
    expect(code).toBe(1);
    expect(negotiationOutcomes(report)).toEqual({
      'ssl+hybrid+hybrid_ex': { kind: 'selected', selectedProtocol: 1, flags: 1 },
      'ssl': { kind: 'selected', selectedProtocol: 1, flags: 1 },
      'hybrid': { kind: 'refused', failureCode: 1 },
      'rdp': { kind: 'refused', failureCode: 1 },
      'legacy': { kind: 'no-negotiation', keptOpen: false },
    });
    expect(tlsStatuses(report)).toEqual({ 'TLSv1': 'refused', 'TLSv1.1': 'refused', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' });
    expect(report.probe.tlsVersions[0].detail).toBe('alert protocol_version');
    expect(report.probe.certificate).toMatchObject({ subject: 'CN=xrdp-tls.test', issuer: 'CN=Probe Test CA', selfSigned: false, keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption' });
    expect(checkStatuses(report)).toEqual({
      'standard-rdp-refused': 'pass',
      'nla-required': 'fail',
      'tls-available': 'pass',
      'tls-minimum-version': 'pass',
      'certificate-valid': 'pass',
      'certificate-key': 'pass',
      'certificate-not-self-signed': 'skipped',
    });
    expect(report.probe.connections).toBeLessThanOrEqual(8);
  });

  test('the same server passes a policy file without NLA that demands a CA-issued certificate → exit 0', async () => {
    const policy = path.join(dir, 'tls-no-nla.json');
    fs.writeFileSync(policy, JSON.stringify({ name: 'TLS without NLA, CA certificate', nla: false, certificate: { allowSelfSigned: false } }));
    const { code, report } = await probeJson(servers.tls.port, ['--expect-policy', policy]);
    expect(code).toBe(0);
    expect(report.verdict).toBe('pass');
    expect(checkStatuses(report)['certificate-not-self-signed']).toBe('pass');
  });

  test('TLS 1.0 and 1.1 enabled (ssl_protocols + @SECLEVEL=0) → tls-minimum-version fails; JUnit output is valid', async () => {
    const { code, report } = await probeJson(servers['weak-tls'].port);
    expect(code).toBe(1);
    expect(tlsStatuses(report)).toEqual({ 'TLSv1': 'accepted', 'TLSv1.1': 'accepted', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' });
    expect(checkStatuses(report)).toMatchObject({ 'standard-rdp-refused': 'pass', 'tls-minimum-version': 'fail', 'tls-available': 'pass' });
    const junit = await runProbeCli([`127.0.0.1:${servers['weak-tls'].port}`, '--format', 'junit']);
    expect(junit.code).toBe(1);
    const failures = parseJunit(junit.stdout).cases.filter((c) => c.result === 'failure').map((c) => c.name.split(':')[0]);
    expect(failures).toEqual(['nla-required', 'tls-minimum-version']);
  });

  test('an expired certificate → certificate-valid fails', async () => {
    const { code, report } = await probeJson(servers.expired.port);
    expect(code).toBe(1);
    expect(report.probe.certificate).toMatchObject({ subject: 'CN=expired.test', selfSigned: true, validTo: '2020-02-01T00:00:00.000Z' });
    expect(report.checks.find((c) => c.id === 'certificate-valid')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^expired on 2020-02-01/) });
    expect(checkStatuses(report)).toMatchObject({ 'tls-minimum-version': 'pass', 'certificate-key': 'pass' });
  });

  test('an RSA-1024 certificate → certificate-key fails', async () => {
    const { code, report } = await probeJson(servers['small-key'].port);
    expect(code).toBe(1);
    expect(report.checks.find((c) => c.id === 'certificate-key')).toMatchObject({ status: 'fail', detail: 'RSA 1024 bits, signed sha256WithRSAEncryption' });
    expect(checkStatuses(report)).toMatchObject({ 'certificate-valid': 'pass', 'tls-minimum-version': 'pass' });
  });

  test('text output names the failure; a stopped server then gives exit 2 (connection refused)', async () => {
    const text = await runProbeCli([`127.0.0.1:${servers.negotiate.port}`]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/FAIL {2}Standard RDP Security \(no TLS\) is refused\n {8}accepted: .*rdp → selected RDP/);
    await stopProcess(servers.rdp.process);
    const gone = await runProbeCli([`127.0.0.1:${servers.rdp.port}`]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/^secure-rdp-hosts probe: connection refused by 127\.0\.0\.1:\d+/);
  });
});
