/**
 * One TLS handshake at exactly one protocol version, run on a connection whose RDP negotiation selected
 * a TLS-based protocol. The client is configured so that it never refuses an old version itself:
 * Node's OpenSSL 3 would otherwise reject TLS 1.0/1.1 (security level 1+ forbids their SHA-1/MD5
 * signatures), and a weak server would look compliant.
 */
import { constants as cryptoConstants, X509Certificate } from 'crypto';
import * as net from 'net';
import * as tls from 'tls';

/** A TLS protocol version as Node names it. */
export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** Every version the probe tries, oldest first (report order). */
export const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * The order of attempts: the versions a compliant server accepts come first, so the certificate is
 * read on the first connection that can give it.
 */
export const TLS_ATTEMPT_ORDER: readonly TlsVersion[] = ['TLSv1.2', 'TLSv1.3', 'TLSv1.1', 'TLSv1'];

/** `TLSv1` → `1.0`, `TLSv1.2` → `1.2`. */
export function tlsVersionNumber(version: TlsVersion): string {
  return version === 'TLSv1' ? '1.0' : version.slice(4);
}

/**
 * Client options that make OpenSSL offer the one version asked for, with every cipher and signature
 * algorithm it still has (security level 0), and talk to servers without RFC 5746 renegotiation.
 * The certificate is inspected, not trusted, so verification is off.
 */
export function permissiveClientOptions(version: TlsVersion): tls.ConnectionOptions {
  return {
    minVersion: version,
    maxVersion: version,
    ciphers: 'DEFAULT:@SECLEVEL=0',
    secureOptions: cryptoConstants.SSL_OP_LEGACY_SERVER_CONNECT,
    rejectUnauthorized: false,
  };
}

/**
 * OpenSSL errors raised when *our* client turns down what the server sent. The server did accept the
 * version in these cases, so they must never be read as "refused by the server".
 */
const CLIENT_SIDE_REFUSALS = new Set([
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
  'ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED',
  'ERR_SSL_NO_SUITABLE_SIGNATURE_ALGORITHM',
  'ERR_SSL_DH_KEY_TOO_SMALL',
  'ERR_SSL_EE_KEY_TOO_SMALL',
  'ERR_SSL_CA_KEY_TOO_SMALL',
  'ERR_SSL_CA_MD_TOO_WEAK',
  'ERR_SSL_UNSAFE_LEGACY_RENEGOTIATION_DISABLED',
]);

/** Result of one handshake attempt. */
export interface TlsHandshakeOutcome {
  /** `accepted`: the handshake completed; `refused`: the server turned it down; `unknown`: our client gave up or an error hid the answer. */
  readonly status: 'accepted' | 'refused' | 'unknown';
  /** Evidence: cipher on success, the alert or error otherwise. */
  readonly detail: string;
  /** The negotiated cipher suite, when accepted. */
  readonly cipher?: string;
  /** The server's leaf certificate, when accepted. */
  readonly certificate?: X509Certificate;
}

/** Turns an OpenSSL error code into a short reason, e.g. `ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION` → `alert protocol_version`. */
export function tlsErrorReason(err: NodeJS.ErrnoException): string {
  const code = err.code ?? '';
  const alert = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_ALERT_(.+)$/.exec(code);
  if (alert) return `alert ${alert[1].toLowerCase()}`;
  if (code === 'ECONNRESET') return 'connection closed by the server during the handshake';
  if (code.startsWith('ERR_SSL_')) return code.slice('ERR_SSL_'.length).toLowerCase().replace(/_/g, ' ');
  return code || err.message;
}

/** Classifies a handshake error: the server's refusal, or our client's own (`unknown`). */
export function classifyTlsError(err: NodeJS.ErrnoException, version: TlsVersion): TlsHandshakeOutcome {
  const reason = tlsErrorReason(err);
  if (err.code && CLIENT_SIDE_REFUSALS.has(err.code)) {
    return { status: 'unknown', detail: `the probe's own TLS client could not complete TLS ${tlsVersionNumber(version)} (${reason}); the server may accept it` };
  }
  return { status: 'refused', detail: reason };
}

/**
 * Runs one TLS handshake at exactly `version` over `socket` and closes it.
 * @param servername the SNI host name; omitted for IP addresses
 */
export function tryTlsHandshake(socket: net.Socket, version: TlsVersion, timeoutMs: number, servername?: string): Promise<TlsHandshakeOutcome> {
  return new Promise((resolve) => {
    const tlsSocket = tls.connect({ ...permissiveClientOptions(version), socket, ...(servername ? { servername } : {}) });
    let settled = false;
    const finish = (outcome: TlsHandshakeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tlsSocket.on('error', () => undefined);
      tlsSocket.destroy();
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ status: 'refused', detail: `no handshake answer within ${timeoutMs} ms` }), timeoutMs);
    tlsSocket.once('secureConnect', () => {
      const negotiated = tlsSocket.getProtocol();
      if (negotiated !== version) {
        finish({ status: 'unknown', detail: `asked for ${version}, the handshake completed with ${negotiated}` });
        return;
      }
      finish({ status: 'accepted', detail: tlsSocket.getCipher().name, cipher: tlsSocket.getCipher().name, certificate: tlsSocket.getPeerX509Certificate() });
    });
    tlsSocket.once('error', (err: NodeJS.ErrnoException) => finish(classifyTlsError(err, version)));
    tlsSocket.once('close', () => finish({ status: 'refused', detail: 'connection closed by the server during the handshake' }));
  });
}
