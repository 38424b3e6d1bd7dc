/**
 * The probe against FreeRDP 2's shadow server on 127.0.0.1 (on a private Xvfb display).
 * `/sec:nla` requires CredSSP and serves TLS 1.2/1.3 only: the target profile, the one server that passes.
 * `/sec:tls` is TLS without NLA from a second implementation: it must fail nla-required only.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeTestCertificate } from './fixtures/certificates';
import { ShadowServer, startShadow, startXvfb, XvfbDisplay } from './fixtures/freerdp-shadow';
import { listeningAddresses, stopProcess } from './fixtures/processes';
import { describeWithCommands } from './fixtures/requirements';
import { checkStatuses, negotiationOutcomes, probeJson, runProbeCli, tlsStatuses } from './fixtures/run-probe';

jest.setTimeout(60000);

describeWithCommands('probe against the real FreeRDP shadow server', ['freerdp-shadow-cli', 'Xvfb', 'openssl'], () => {
  let dir: string;
  let xvfb: XvfbDisplay | undefined;
  const servers: ShadowServer[] = [];
  let nla: ShadowServer;
  let tlsOnly: ShadowServer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-shadow-'));
    const certificate = makeTestCertificate(path.join(dir, 'certs'), 'shadow.test');
    xvfb = await startXvfb(path.join(dir, 'xvfb'));
    // One after another: both use the same display, and each start may need retries.
    nla = await startShadow(dir, 'nla', { display: xvfb, sec: 'nla', certificate });
    servers.push(nla);
    tlsOnly = await startShadow(dir, 'tls', { display: xvfb, sec: 'tls', certificate });
    servers.push(tlsOnly);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopProcess(s.process)));
    if (xvfb) await stopProcess(xvfb.process);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('both servers listen on 127.0.0.1 only', () => {
    expect(servers.map((s) => listeningAddresses(s.port))).toEqual([['127.0.0.1'], ['127.0.0.1']]);
  });

  test('/sec:nla: NLA required, TLS 1.2+ only, valid certificate → PASS, exit 0', async () => {
    const { code, report } = await probeJson(nla.port);
    expect(negotiationOutcomes(report)).toEqual({
      'ssl+hybrid+hybrid_ex': { kind: 'selected', selectedProtocol: 2, flags: 3 },
      'ssl': { kind: 'refused', failureCode: 5 },
      'hybrid': { kind: 'selected', selectedProtocol: 2, flags: 3 },
      'rdp': { kind: 'refused', failureCode: 5 },
      'legacy': { kind: 'refused', failureCode: 5 },
    });
    expect(tlsStatuses(report)).toEqual({ 'TLSv1': 'refused', 'TLSv1.1': 'refused', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' });
    expect(report.probe.certificate).toMatchObject({ subject: 'CN=shadow.test', selfSigned: true, keyType: 'RSA', keyBits: 2048 });
    expect(checkStatuses(report)).toEqual({
      'standard-rdp-refused': 'pass',
      'nla-required': 'pass',
      'tls-available': 'pass',
      'tls-minimum-version': 'pass',
      'certificate-valid': 'pass',
      'certificate-key': 'pass',
      'certificate-not-self-signed': 'skipped',
    });
    expect(report.probe.connections).toBe(7);
    expect(code).toBe(0);
  });

  test('/sec:nla in text format ends with Result: PASS', async () => {
    const run = await runProbeCli([`127.0.0.1:${nla.port}`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nResult: PASS \(6 of 6 checks passed\)\n$/);
    expect(run.stderr).toBe('');
  });

  test('/sec:tls: TLS without NLA → nla-required fails, the rest passes, exit 1', async () => {
    const { code, report } = await probeJson(tlsOnly.port);
    expect(code).toBe(1);
    expect(negotiationOutcomes(report)).toMatchObject({ ssl: { kind: 'selected', selectedProtocol: 1 }, rdp: { kind: 'refused', failureCode: 1 } });
    expect(checkStatuses(report)).toMatchObject({ 'standard-rdp-refused': 'pass', 'nla-required': 'fail', 'tls-available': 'pass', 'tls-minimum-version': 'pass' });
  });
});
