import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeCertificate, isSelfSigned, signatureAlgorithmOf } from '../../cli/probe/certificate';
import { makeTestCertificate, TestCertificate } from '../integration/fixtures/certificates';

let dir: string;
let ca: TestCertificate;
let leaf: TestCertificate;
let expiredWeak: TestCertificate;
let ec: TestCertificate;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-cert-'));
  ca = makeTestCertificate(dir, 'Probe Test CA', { isCa: true, keyType: 'ec' });
  leaf = makeTestCertificate(dir, 'leaf.test', { issuer: ca, rsaBits: 1024 });
  expiredWeak = makeTestCertificate(dir, 'expired.test', { rsaBits: 1024, digest: 'sha1', notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2020-02-01T00:00:00Z') });
  ec = makeTestCertificate(dir, 'ec.test', { keyType: 'ec' });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('describeCertificate', () => {
  test('a CA-issued RSA leaf: subject, issuer, key, signature, not self-signed', () => {
    const info = describeCertificate(new X509Certificate(leaf.cert));
    expect(info).toMatchObject({
      subject: 'CN=leaf.test',
      issuer: 'CN=Probe Test CA',
      selfSigned: false,
      keyType: 'RSA',
      keyBits: 1024,
      signatureAlgorithm: 'ecdsa-with-SHA256',
      subjectAltName: 'DNS:leaf.test',
    });
    expect(info.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  test('an expired self-signed certificate with a SHA-1 signature: exact validity dates', () => {
    expect(describeCertificate(new X509Certificate(expiredWeak.cert))).toMatchObject({
      subject: 'CN=expired.test',
      selfSigned: true,
      validFrom: '2020-01-01T00:00:00.000Z',
      validTo: '2020-02-01T00:00:00.000Z',
      keyBits: 1024,
      signatureAlgorithm: 'sha1WithRSAEncryption',
    });
  });

  test('an EC P-256 key reports its curve and size', () => {
    expect(describeCertificate(new X509Certificate(ec.cert))).toMatchObject({ keyType: 'EC', keyBits: 256, curve: 'prime256v1', signatureAlgorithm: 'ecdsa-with-SHA256' });
  });
});

describe('isSelfSigned', () => {
  test('true for a self-signed server certificate whose keyUsage lacks keyCertSign (as Windows RDP certificates)', () => {
    // checkIssued() alone says false here; the probe must not call such a certificate CA-issued.
    const cert = new X509Certificate(ec.cert);
    expect(cert.checkIssued(cert)).toBe(false);
    expect(isSelfSigned(cert)).toBe(true);
  });

  test('false for a leaf issued by a CA, true for the CA itself', () => {
    expect(isSelfSigned(new X509Certificate(leaf.cert))).toBe(false);
    expect(isSelfSigned(new X509Certificate(ca.cert))).toBe(true);
  });
});

describe('signatureAlgorithmOf', () => {
  test('reads the outer AlgorithmIdentifier from DER', () => {
    expect(signatureAlgorithmOf(new X509Certificate(expiredWeak.cert).raw)).toBe('sha1WithRSAEncryption');
  });

  test('returns the dotted OID for an unknown algorithm and fails on non-certificates', () => {
    // SEQUENCE { SEQUENCE {}, SEQUENCE { OID 1.2.3.4 }, BIT STRING }
    const der = Buffer.from('300c3000300506032a0304030100', 'hex');
    expect(signatureAlgorithmOf(der)).toBe('1.2.3.4');
    expect(() => signatureAlgorithmOf(Buffer.from('020101', 'hex'))).toThrow();
  });
});
