/**
 * What the probe reports about the listener certificate. Read from Node's `X509Certificate`, plus
 * the signature algorithm, which Node 20 does not expose (read from the DER here).
 */
import { X509Certificate } from 'crypto';

/** The listener certificate, as plain JSON-friendly data. */
export interface CertificateInfo {
  /** Subject DN, one `key=value` per RDN joined with `, `, e.g. `CN=host.example`. */
  readonly subject: string;
  /** Issuer DN, same format. */
  readonly issuer: string;
  /** Serial number in hex. */
  readonly serialNumber: string;
  /** Start of validity, ISO 8601. */
  readonly validFrom: string;
  /** End of validity, ISO 8601. */
  readonly validTo: string;
  /** True when the certificate signs itself (issuer = subject and its own key verifies it). */
  readonly selfSigned: boolean;
  /** Public key type: `RSA`, `RSA-PSS`, `EC`, `Ed25519`, `Ed448`, or Node's name for others. */
  readonly keyType: string;
  /** Key size in bits (RSA modulus, EC curve size); undefined when unknown. */
  readonly keyBits?: number;
  /** EC curve name, e.g. `prime256v1`. */
  readonly curve?: string;
  /** Signature algorithm name, e.g. `sha256WithRSAEncryption`, or its OID when not known. */
  readonly signatureAlgorithm: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  readonly sha256Fingerprint: string;
  /** Subject alternative names, as Node prints them (e.g. `DNS:host, IP Address:10.0.0.4`). */
  readonly subjectAltName?: string;
}

const SIGNATURE_ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.1.1.4', 'md5WithRSAEncryption'],
  ['1.2.840.113549.1.1.5', 'sha1WithRSAEncryption'],
  ['1.2.840.113549.1.1.10', 'rsassaPss'],
  ['1.2.840.113549.1.1.11', 'sha256WithRSAEncryption'],
  ['1.2.840.113549.1.1.12', 'sha384WithRSAEncryption'],
  ['1.2.840.113549.1.1.13', 'sha512WithRSAEncryption'],
  ['1.2.840.10045.4.1', 'ecdsa-with-SHA1'],
  ['1.2.840.10045.4.3.2', 'ecdsa-with-SHA256'],
  ['1.2.840.10045.4.3.3', 'ecdsa-with-SHA384'],
  ['1.2.840.10045.4.3.4', 'ecdsa-with-SHA512'],
  ['1.3.101.112', 'Ed25519'],
  ['1.3.101.113', 'Ed448'],
]);

const CURVE_BITS: ReadonlyMap<string, number> = new Map([
  ['prime256v1', 256],
  ['secp256k1', 256],
  ['secp384r1', 384],
  ['secp521r1', 521],
]);

const KEY_TYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ['rsa', 'RSA'],
  ['rsa-pss', 'RSA-PSS'],
  ['ec', 'EC'],
  ['ed25519', 'Ed25519'],
  ['ed448', 'Ed448'],
  ['dsa', 'DSA'],
]);

/** Reads a DER tag-length header at `offset`; returns where the content starts and how long it is. */
function derHeader(der: Buffer, offset: number): { tag: number; start: number; length: number } {
  const tag = der[offset];
  const first = der[offset + 1];
  if (tag === undefined || first === undefined) throw new Error('truncated DER');
  if (first < 0x80) return { tag, start: offset + 2, length: first };
  const count = first & 0x7f;
  if (count === 0 || count > 4) throw new Error('unsupported DER length');
  let length = 0;
  for (let i = 0; i < count; i += 1) length = length * 256 + der[offset + 2 + i];
  return { tag, start: offset + 2 + count, length };
}

/** Decodes the content bytes of a DER OBJECT IDENTIFIER. */
function decodeOid(content: Buffer): string {
  const parts = [Math.floor(content[0] / 40), content[0] % 40];
  let value = 0;
  for (const byte of content.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const OBJECT_IDENTIFIER = 0x06;

/**
 * The certificate's outer `signatureAlgorithm` (Certificate ::= SEQUENCE { tbsCertificate,
 * signatureAlgorithm AlgorithmIdentifier, signatureValue }), by name when known, else the OID.
 */
export function signatureAlgorithmOf(der: Buffer): string {
  const certificate = derHeader(der, 0);
  const tbs = derHeader(der, certificate.start);
  const algorithm = derHeader(der, tbs.start + tbs.length);
  const oid = derHeader(der, algorithm.start);
  if (certificate.tag !== SEQUENCE || tbs.tag !== SEQUENCE || algorithm.tag !== SEQUENCE || oid.tag !== OBJECT_IDENTIFIER) {
    throw new Error('not an X.509 certificate');
  }
  const dotted = decodeOid(der.subarray(oid.start, oid.start + oid.length));
  return SIGNATURE_ALGORITHMS.get(dotted) ?? dotted;
}

function readableSignatureAlgorithm(der: Buffer): string {
  try {
    return signatureAlgorithmOf(der);
  } catch (e) {
    return `unknown (${(e as Error).message})`;
  }
}

function formatName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

/**
 * True when the certificate names itself as issuer and its own public key verifies its signature.
 * (`checkIssued` is not used: OpenSSL also demands keyCertSign there, which self-signed server
 * certificates such as Windows' own RDP certificate do not carry.)
 */
export function isSelfSigned(cert: X509Certificate): boolean {
  try {
    return cert.issuer === cert.subject && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

/** Describes a certificate for reports and policy checks. */
export function describeCertificate(cert: X509Certificate): CertificateInfo {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const curve = details.namedCurve;
  const keyBits = details.modulusLength ?? (curve ? CURVE_BITS.get(curve) : undefined) ?? (keyType === 'ed25519' ? 256 : keyType === 'ed448' ? 456 : undefined);
  return {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    serialNumber: cert.serialNumber,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    selfSigned: isSelfSigned(cert),
    keyType: KEY_TYPE_NAMES.get(keyType) ?? keyType,
    ...(keyBits !== undefined ? { keyBits } : {}),
    ...(curve ? { curve } : {}),
    signatureAlgorithm: readableSignatureAlgorithm(cert.raw),
    sha256Fingerprint: cert.fingerprint256,
    ...(cert.subjectAltName ? { subjectAltName: cert.subjectAltName } : {}),
  };
}
