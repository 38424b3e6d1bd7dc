/**
 * A fake RDP listener on 127.0.0.1 for unit tests: it answers each X.224 Connection Request with bytes
 * recorded from real servers (xrdp 0.9.21.1 and FreeRDP 2.11.7 shadow, /work/shared/docs/RDP-PROBE.md),
 * then closes, stays open, or runs a real Node TLS server handshake with the versions it is told to allow.
 */
import * as net from 'net';
import * as tls from 'tls';

/** Replies recorded from real servers (hex of the full TPKT). */
export const RECORDED = {
  /** xrdp: RDP_NEG_RSP, flags 0x01, selected SSL. */
  xrdpSelectedSsl: '030000130ed000001234000201080001000000',
  /** xrdp: RDP_NEG_RSP, flags 0x01, selected RDP (Standard RDP Security). */
  xrdpSelectedRdp: '030000130ed000001234000201080000000000',
  /** xrdp: RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER. */
  xrdpSslRequired: '030000130ed000001234000300080001000000',
  /** xrdp: Connection Confirm without negotiation data (11 bytes). */
  xrdpBareConfirm: '0300000b06d00000123400',
  /** FreeRDP shadow /sec:nla: RDP_NEG_RSP, flags 0x03, selected HYBRID. */
  shadowSelectedHybrid: '030000130ed000000000000203080002000000',
  /** FreeRDP shadow /sec:nla: RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER (note SRC-REF 0). */
  shadowHybridRequired: '030000130ed000000000000300080005000000',
} as const;

/** What the fake does after writing its reply. */
export type AfterReply = 'close' | 'keep-open' | 'tls';

/** The fake's answer to one Connection Request. */
export type FakeReply =
  | { readonly hex: string; readonly then: AfterReply }
  /** Raw bytes (e.g. an HTTP response), then close. */
  | { readonly raw: Buffer }
  /** Never answer. */
  | { readonly silent: true };

/** TLS settings of the fake (used when a reply says `then: 'tls'`). */
export interface FakeTlsSettings {
  readonly cert: string;
  readonly key: string;
  readonly minVersion: tls.SecureVersion;
  readonly maxVersion: tls.SecureVersion;
}

/** Chooses a reply from the request's `requestedProtocols` (`undefined`: no RDP_NEG_REQ) and the connection number (1-based). */
export type Responder = (requested: number | undefined, connection: number) => FakeReply;

/** A running fake. */
export interface FakeRdpServer {
  /** The port on 127.0.0.1. */
  readonly port: number;
  /** Raw Connection Requests received, in order. */
  readonly requests: Buffer[];
  /** TLS versions of the handshakes the fake completed. */
  readonly completedTls: string[];
  /** TCP connections accepted so far. */
  connections(): number;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

/** Reads `requestedProtocols` from a Connection Request, or `undefined` when it carries no RDP_NEG_REQ. */
export function requestedProtocolsOf(request: Buffer): number | undefined {
  const at = request.length - 8;
  if (at > 11 && request[at] === 0x01 && request.readUInt16LE(at + 2) === 8) return request.readUInt32LE(at + 4);
  return undefined;
}

/** Starts a fake RDP listener on an ephemeral port of 127.0.0.1. */
export function startFakeRdpServer(respond: Responder, tlsSettings?: FakeTlsSettings): Promise<FakeRdpServer> {
  const requests: Buffer[] = [];
  const completedTls: string[] = [];
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((socket) => {
    count += 1;
    const connection = count;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < received.readUInt16BE(2)) return;
      socket.off('data', onData);
      socket.pause();
      const request = received.subarray(0, received.readUInt16BE(2));
      requests.push(request);
      answer(socket, respond(requestedProtocolsOf(request), connection));
    };
    socket.on('data', onData);
  });
  const answer = (socket: net.Socket, reply: FakeReply) => {
    if ('silent' in reply) return;
    if ('raw' in reply) {
      socket.resume();
      socket.end(reply.raw);
      return;
    }
    socket.write(Buffer.from(reply.hex, 'hex'));
    if (reply.then === 'close') socket.end();
    if (reply.then === 'tls') {
      if (!tlsSettings) throw new Error('fake RDP server: a reply asks for TLS but no TLS settings were given');
      const secure = new tls.TLSSocket(socket, { isServer: true, ...tlsSettings, ciphers: 'DEFAULT:@SECLEVEL=0' });
      secure.on('error', () => socket.destroy());
      secure.on('secure', () => completedTls.push(secure.getProtocol() ?? 'unknown'));
    }
  };
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        requests,
        completedTls,
        connections: () => count,
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}

const SSL = 0x1;
const HYBRID = 0x2;

/** FreeRDP shadow `/sec:nla`: HYBRID required; selects HYBRID whenever offered, code 5 otherwise (even without RDP_NEG_REQ). */
export const shadowNla: Responder = (requested) =>
  requested !== undefined && (requested & HYBRID) !== 0 ? { hex: RECORDED.shadowSelectedHybrid, then: 'tls' } : { hex: RECORDED.shadowHybridRequired, then: 'close' };

/** xrdp `security_layer=tls`: TLS without NLA; SSL_REQUIRED when SSL is not offered; bare CC then close for legacy clients. */
export const xrdpTls: Responder = (requested) => {
  if (requested === undefined) return { hex: RECORDED.xrdpBareConfirm, then: 'close' };
  return (requested & SSL) !== 0 ? { hex: RECORDED.xrdpSelectedSsl, then: 'tls' } : { hex: RECORDED.xrdpSslRequired, then: 'close' };
};

/** xrdp `security_layer=negotiate`: SSL when offered, otherwise Standard RDP Security (RSP 0); bare CC kept open for legacy clients. */
export const xrdpNegotiate: Responder = (requested) => {
  if (requested === undefined) return { hex: RECORDED.xrdpBareConfirm, then: 'keep-open' };
  return (requested & SSL) !== 0 ? { hex: RECORDED.xrdpSelectedSsl, then: 'tls' } : { hex: RECORDED.xrdpSelectedRdp, then: 'keep-open' };
};

/** xrdp `security_layer=rdp`: Standard RDP Security for everything. */
export const xrdpRdp: Responder = (requested) =>
  requested === undefined ? { hex: RECORDED.xrdpBareConfirm, then: 'keep-open' } : { hex: RECORDED.xrdpSelectedRdp, then: 'keep-open' };
