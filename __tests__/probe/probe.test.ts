import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { NegotiationResult, probeEndpoint, ProbeOptions, ProbeResult } from '../../cli/probe/probe';
import { TLS_ONLY_PROFILE } from '../../cli/probe/policy';
import { permissiveClientOptions } from '../../cli/probe/tls-versions';
import { EndpointError } from '../../cli/probe/transport';
import { judge } from '../../cli/probe/verdict';
import { makeTestCertificate, TestCertificate } from '../integration/fixtures/certificates';
import { FakeRdpServer, FakeTlsSettings, Responder, shadowNla, startFakeRdpServer, xrdpNegotiate, xrdpRdp, xrdpTls } from './fake-rdp-server';

// Unit tier: a fake server on 127.0.0.1 replaying recorded bytes; short timeouts keep it fast.
const FAST: ProbeOptions = { connectTimeoutMs: 1000, readTimeoutMs: 1000, maxConnections: 8, closeWaitMs: 150 };

let dir: string;
let cert: TestCertificate;
const servers: FakeRdpServer[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-unit-'));
  cert = makeTestCertificate(dir, 'fake-rdp.test', { keyType: 'ec' });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function tlsRange(minVersion: tls.SecureVersion, maxVersion: tls.SecureVersion): FakeTlsSettings {
  return { cert: cert.cert, key: cert.key, minVersion, maxVersion };
}

async function fake(respond: Responder, tlsSettings: FakeTlsSettings = tlsRange('TLSv1.2', 'TLSv1.3')): Promise<FakeRdpServer> {
  const server = await startFakeRdpServer(respond, tlsSettings);
  servers.push(server);
  return server;
}

function outcomes(result: ProbeResult): Record<string, NegotiationResult['outcome']> {
  return Object.fromEntries(result.negotiations.map((n) => [n.request.id, n.outcome]));
}

function tlsStatuses(result: ProbeResult): Record<string, string> {
  return Object.fromEntries(result.tlsVersions.map((t) => [t.version, t.status]));
}

function statuses(result: ProbeResult): Record<string, string> {
  return Object.fromEntries(judge(result, TLS_ONLY_PROFILE).checks.map((c) => [c.id, c.status]));
}

describe('probeEndpoint against a fake server replaying recorded bytes', () => {
  test('an NLA-only server with TLS 1.2+ (FreeRDP shadow /sec:nla) passes every check', async () => {
    // GIVEN
    const server = await fake(shadowNla);
    // WHEN
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, FAST);
    // THEN
    expect(outcomes(result)).toEqual({
      'ssl+hybrid+hybrid_ex': { kind: 'selected', selectedProtocol: 2, flags: 3 },
      'ssl': { kind: 'refused', failureCode: 5 },
      'hybrid': { kind: 'selected', selectedProtocol: 2, flags: 3 },
      'rdp': { kind: 'refused', failureCode: 5 },
      'legacy': { kind: 'refused', failureCode: 5 },
    });
    expect(tlsStatuses(result)).toEqual({ 'TLSv1': 'refused', 'TLSv1.1': 'refused', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' });
    expect(result.certificate).toMatchObject({ subject: 'CN=fake-rdp.test', selfSigned: true, keyType: 'EC', keyBits: 256 });
    expect(statuses(result)).toEqual({
      'standard-rdp-refused': 'pass',
      'nla-required': 'pass',
      'tls-available': 'pass',
      'tls-minimum-version': 'pass',
      'certificate-valid': 'pass',
      'certificate-key': 'pass',
      'certificate-not-self-signed': 'skipped',
    });
    expect(judge(result, TLS_ONLY_PROFILE).passed).toBe(true);
  });

  test('sends the exact Connection Requests, one per request set, and stays within 8 connections', async () => {
    const server = await fake(shadowNla);
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, FAST);
    const sent = server.requests.map((r) => r.toString('hex'));
    // The first five are the request sets in order: 11, 1, 2, 0, legacy (bytes from [MS-RDPBCGR] 2.2.1.1).
    expect(sent.slice(0, 5)).toEqual([
      '0300002b26e00000000000436f6f6b69653a206d737473686173683d70726f62650d0a010008000b000000',
      '0300002b26e00000000000436f6f6b69653a206d737473686173683d70726f62650d0a0100080001000000',
      '0300002b26e00000000000436f6f6b69653a206d737473686173683d70726f62650d0a0100080002000000',
      '0300002b26e00000000000436f6f6b69653a206d737473686173683d70726f62650d0a0100080000000000',
      '030000231ee00000000000436f6f6b69653a206d737473686173683d70726f62650d0a',
    ]);
    // Two negotiations selected HYBRID and carried TLS 1.2 and 1.3; TLS 1.1 and 1.0 needed two more connections.
    expect(result.connections).toBe(7);
    expect(server.connections()).toBe(7);
    expect(server.completedTls).toContain('TLSv1.2');
  });

  test('TLS without NLA (xrdp security_layer=tls) fails only nla-required', async () => {
    const server = await fake(xrdpTls);
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, FAST);
    expect(outcomes(result).legacy).toEqual({ kind: 'no-negotiation', keptOpen: false });
    expect(outcomes(result).ssl).toEqual({ kind: 'selected', selectedProtocol: 1, flags: 1 });
    expect(statuses(result)).toEqual({
      'standard-rdp-refused': 'pass',
      'nla-required': 'fail',
      'tls-available': 'pass',
      'tls-minimum-version': 'pass',
      'certificate-valid': 'pass',
      'certificate-key': 'pass',
      'certificate-not-self-signed': 'skipped',
    });
  });

  test('a negotiate server (xrdp security_layer=negotiate) fails standard-rdp-refused: RSP 0 and a legacy confirm kept open', async () => {
    const server = await fake(xrdpNegotiate);
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, FAST);
    expect(outcomes(result).rdp).toEqual({ kind: 'selected', selectedProtocol: 0, flags: 1 });
    expect(outcomes(result).hybrid).toEqual({ kind: 'selected', selectedProtocol: 0, flags: 1 });
    expect(outcomes(result).legacy).toEqual({ kind: 'no-negotiation', keptOpen: true });
    const verdict = judge(result, TLS_ONLY_PROFILE);
    const standard = verdict.checks.find((c) => c.id === 'standard-rdp-refused');
    expect(standard?.status).toBe('fail');
    expect(standard?.detail).toMatch(/rdp → selected RDP/);
    expect(standard?.detail).toMatch(/legacy → .*kept open/);
  });

  test('a Standard-RDP-only server (xrdp security_layer=rdp) gets no TLS attempt and fails tls-available', async () => {
    const server = await fake(xrdpRdp);
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, FAST);
    expect(result.tlsVersions.every((t) => t.status === 'not-applicable')).toBe(true);
    expect(result.certificate).toBeUndefined();
    expect(result.connections).toBe(5);
    expect(statuses(result)).toMatchObject({ 'standard-rdp-refused': 'fail', 'nla-required': 'fail', 'tls-available': 'fail', 'tls-minimum-version': 'pass', 'certificate-valid': 'unknown' });
  });

  test('a server that accepts TLS 1.0 and 1.1 is caught: the client really offers old versions', async () => {
    const server = await fake(shadowNla, tlsRange('TLSv1', 'TLSv1.3'));
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, FAST);
    expect(tlsStatuses(result)).toEqual({ 'TLSv1': 'accepted', 'TLSv1.1': 'accepted', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' });
    // The server side saw the old handshakes complete too (TLS 1.3 may finish client-side first).
    expect(server.completedTls).toEqual(expect.arrayContaining(['TLSv1', 'TLSv1.1', 'TLSv1.2']));
    const check = judge(result, TLS_ONLY_PROFILE).checks.find((c) => c.id === 'tls-minimum-version');
    expect(check?.status).toBe('fail');
    expect(check?.detail).toMatch(/TLS 1\.0 accepted.*TLS 1\.1 accepted/);
  });

  test('a TLS-1.3-only server: 1.2 refused, 1.3 accepted, still passes', async () => {
    const server = await fake(shadowNla, tlsRange('TLSv1.3', 'TLSv1.3'));
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, FAST);
    expect(tlsStatuses(result)).toEqual({ 'TLSv1': 'refused', 'TLSv1.1': 'refused', 'TLSv1.2': 'refused', 'TLSv1.3': 'accepted' });
    expect(result.certificate?.subject).toBe('CN=fake-rdp.test');
    expect(judge(result, TLS_ONLY_PROFILE).passed).toBe(true);
  });

  test('why the client options matter: Node defaults refuse a TLS 1.0 server on the client side', async () => {
    // A plain TLS 1.0 server; Node's defaults fail on our side, the probe's options complete the handshake.
    const server = tls.createServer({ cert: cert.cert, key: cert.key, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const attempt = (options: tls.ConnectionOptions) => new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ...options }, () => {
        resolve(socket.getProtocol() ?? '');
        socket.destroy();
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    try {
      expect(await attempt({ minVersion: 'TLSv1', maxVersion: 'TLSv1', rejectUnauthorized: false })).toMatch(/^ERR_SSL_/);
      expect(await attempt(permissiveClientOptions('TLSv1'))).toBe('TLSv1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('the connection cap is a hard limit: later steps are skipped and the verdict is undecided', async () => {
    const server = await fake(shadowNla);
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, { ...FAST, maxConnections: 3 });
    expect(server.connections()).toBe(3);
    expect(result.connections).toBe(3);
    expect(outcomes(result).rdp).toEqual({ kind: 'skipped', reason: 'connection cap of 3 reached' });
    expect(tlsStatuses(result)).toMatchObject({ 'TLSv1': 'unknown', 'TLSv1.1': 'unknown' });
    const verdict = judge(result, TLS_ONLY_PROFILE);
    expect(verdict.passed).toBe(false);
    expect(verdict.checks.find((c) => c.id === 'standard-rdp-refused')?.status).toBe('unknown');
  });

  test('a server that stops answering mid-probe yields errors and an undecided verdict, not a crash', async () => {
    const server = await fake((requested, connection) => (connection === 1 ? shadowNla(requested, connection) : { silent: true }));
    const result = await probeEndpoint({ host: '127.0.0.1', port: server.port }, { ...FAST, readTimeoutMs: 100 });
    expect(outcomes(result).ssl).toEqual({ kind: 'error', reason: 'no answer to the RDP Connection Request within 100 ms' });
    expect(judge(result, TLS_ONLY_PROFILE).checks.find((c) => c.id === 'nla-required')?.status).toBe('unknown');
  });
});

describe('probeEndpoint: endpoints that cannot be probed (exit code 2)', () => {
  async function endpointError(port: number, options: ProbeOptions = FAST): Promise<EndpointError> {
    const error = await probeEndpoint({ host: '127.0.0.1', port }, options).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    return error as EndpointError;
  }

  test('a closed port: connection refused', async () => {
    const server = await fake(shadowNla);
    const port = server.port;
    await servers.splice(0)[0].close();
    const error = await endpointError(port);
    expect(error.problem).toBe('unreachable');
    expect(error.message).toMatch(/connection refused by 127\.0\.0\.1:\d+/);
  });

  test('an HTTP server: not RDP, and says what answered', async () => {
    const server = await fake(() => ({ raw: Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n') }));
    const error = await endpointError(server.port);
    expect(error.problem).toBe('not-rdp');
    expect(error.message).toMatch(/an HTTP response \("HTTP\/1\.1 400 Bad Request"\)/);
    expect(server.connections()).toBe(1);
  });

  test('an SSH server (banner first): not RDP', async () => {
    const banner = net.createServer((s) => {
      s.on('error', () => undefined);
      s.resume();
      s.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
    });
    await new Promise<void>((resolve) => banner.listen(0, '127.0.0.1', resolve));
    try {
      const error = await endpointError((banner.address() as net.AddressInfo).port);
      expect(error.problem).toBe('not-rdp');
      expect(error.message).toMatch(/an SSH banner/);
    } finally {
      await new Promise((resolve) => banner.close(resolve));
    }
  });

  test('a silent service: no answer within the read timeout', async () => {
    const server = await fake(() => ({ silent: true }));
    const started = Date.now();
    const error = await endpointError(server.port, { ...FAST, readTimeoutMs: 200 });
    expect(error.problem).toBe('no-answer');
    expect(error.message).toBe('no answer to the RDP Connection Request within 200 ms');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('a service that closes without answering: not RDP', async () => {
    const server = await fake(() => ({ raw: Buffer.alloc(0) }));
    const error = await endpointError(server.port);
    expect(error.problem).toBe('not-rdp');
    expect(error.message).toMatch(/closed the connection without answering/);
  });
});
