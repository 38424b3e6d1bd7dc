/**
 * The bytes of the RDP connection-initiation exchange ([MS-RDPBCGR] 2.2.1.1 and 2.2.1.2):
 * the client X.224 Connection Request (optionally carrying an RDP_NEG_REQ) and the server
 * X.224 Connection Confirm (optionally carrying an RDP_NEG_RSP or RDP_NEG_FAILURE).
 *
 * Pure functions over Buffers; no I/O. Every PDU travels inside a TPKT header (RFC 1006):
 * `03 00 LL LL`, LL = total length, big-endian.
 */

/** Bits of `requestedProtocols` / `selectedProtocol` ([MS-RDPBCGR] 2.2.1.1.1). */
export const Protocol = {
  /** Standard RDP Security (RC4, no TLS). The value 0: "no extra bit". */
  RDP: 0x0,
  /** TLS 1.0 or later ("SSL" in the spec). */
  SSL: 0x1,
  /** CredSSP over TLS: Network Level Authentication. */
  HYBRID: 0x2,
  /** RDSTLS (Remote Credential Guard / redirection). */
  RDSTLS: 0x4,
  /** CredSSP with the Early User Authorization Result PDU. */
  HYBRID_EX: 0x8,
} as const;

/** Names of the RDP_NEG_FAILURE codes ([MS-RDPBCGR] 2.2.1.2.2). */
export const FAILURE_CODE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'SSL_REQUIRED_BY_SERVER'],
  [2, 'SSL_NOT_ALLOWED_BY_SERVER'],
  [3, 'SSL_CERT_NOT_ON_SERVER'],
  [4, 'INCONSISTENT_FLAGS'],
  [5, 'HYBRID_REQUIRED_BY_SERVER'],
  [6, 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER'],
]);

/** The cookie sent in every request (`Cookie: mstshash=<name>`), as real clients do. */
export const DEFAULT_COOKIE = 'probe';

const TPKT_VERSION = 0x03;
const TPKT_HEADER_LENGTH = 4;
const X224_CONNECTION_REQUEST = 0xe0;
const X224_CONNECTION_CONFIRM = 0xd0;
const X224_FIXED_LENGTH = 7; // LI, code, DST-REF (2), SRC-REF (2), class
const NEG_DATA_LENGTH = 8;
const TYPE_NEG_REQ = 0x01;
const TYPE_NEG_RSP = 0x02;
const TYPE_NEG_FAILURE = 0x03;

/** The largest TPKT the probe accepts as a Connection Confirm; real ones are 11 or 19 bytes. */
export const MAX_CONFIRM_LENGTH = 64;

/** Renders protocol bits as `SSL|HYBRID`; 0 is `RDP`; unknown bits are shown in hex. */
export function protocolNames(bits: number): string {
  if (bits === Protocol.RDP) return 'RDP';
  const names = Object.entries(Protocol)
    .filter(([, bit]) => bit !== 0 && (bits & bit) === bit)
    .map(([name]) => name);
  const known = names.reduce((acc, name) => acc | Protocol[name as keyof typeof Protocol], 0);
  const rest = bits & ~known;
  if (rest) names.push(`0x${rest.toString(16)}`);
  return names.join('|');
}

/** Renders a failure code as `HYBRID_REQUIRED_BY_SERVER (5)`. */
export function failureCodeName(code: number): string {
  return `${FAILURE_CODE_NAMES.get(code) ?? 'UNKNOWN_FAILURE'} (${code})`;
}

/**
 * Builds a TPKT + X.224 Connection Request.
 * @param requestedProtocols the RDP_NEG_REQ protocol bits; `undefined` sends no RDP_NEG_REQ (a legacy client)
 * @param cookie the `mstshash` routing cookie @default 'probe'
 */
export function encodeConnectionRequest(requestedProtocols: number | undefined, cookie = DEFAULT_COOKIE): Buffer {
  const cookieBytes = Buffer.from(`Cookie: mstshash=${cookie}\r\n`, 'ascii');
  const negReq = Buffer.alloc(requestedProtocols === undefined ? 0 : NEG_DATA_LENGTH);
  if (requestedProtocols !== undefined) {
    negReq.writeUInt8(TYPE_NEG_REQ, 0);
    negReq.writeUInt8(0, 1); // flags
    negReq.writeUInt16LE(NEG_DATA_LENGTH, 2);
    negReq.writeUInt32LE(requestedProtocols >>> 0, 4);
  }
  const x224 = Buffer.alloc(X224_FIXED_LENGTH);
  x224.writeUInt8(X224_FIXED_LENGTH - 1 + cookieBytes.length + negReq.length, 0); // LI: bytes after itself
  x224.writeUInt8(X224_CONNECTION_REQUEST, 1);
  // DST-REF, SRC-REF and class 0 stay zero.
  const total = TPKT_HEADER_LENGTH + x224.length + cookieBytes.length + negReq.length;
  const tpkt = Buffer.from([TPKT_VERSION, 0, total >> 8, total & 0xff]);
  return Buffer.concat([tpkt, x224, cookieBytes, negReq]);
}

/** What the server's Connection Confirm says about the negotiation. */
export type ConnectionConfirm =
  /** RDP_NEG_RSP: the server selected `selectedProtocol` (0 = Standard RDP Security). */
  | { readonly kind: 'selected'; readonly selectedProtocol: number; readonly flags: number }
  /** RDP_NEG_FAILURE: the server refused the request with `failureCode`. */
  | { readonly kind: 'failure'; readonly failureCode: number }
  /** A bare Connection Confirm without negotiation data (a server that does not negotiate). */
  | { readonly kind: 'bare' };

/** A reply that is not a well-formed RDP Connection Confirm. The message says what was seen instead. */
export class NotRdpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotRdpError';
  }
}

/**
 * Reads the TPKT length from the first 4 bytes of a reply.
 * @throws NotRdpError when the bytes are not a TPKT header or the length is implausible for a Connection Confirm
 */
export function tpktLength(header: Buffer): number {
  if (header.length < TPKT_HEADER_LENGTH || header[0] !== TPKT_VERSION || header[1] !== 0) {
    throw new NotRdpError(`it answered ${describeNonRdpBytes(header)}, not an RDP (TPKT) reply`);
  }
  const length = header.readUInt16BE(2);
  if (length < TPKT_HEADER_LENGTH + X224_FIXED_LENGTH || length > MAX_CONFIRM_LENGTH) {
    throw new NotRdpError(`it answered a TPKT of ${length} bytes, not an X.224 Connection Confirm (11 to ${MAX_CONFIRM_LENGTH} bytes)`);
  }
  return length;
}

/**
 * Decodes a complete TPKT holding an X.224 Connection Confirm.
 * SRC-REF is not checked: servers differ (xrdp sends 0x1234, FreeRDP 0x0000).
 * @throws NotRdpError when the PDU is not a Connection Confirm or its negotiation data is malformed
 */
export function decodeConnectionConfirm(pdu: Buffer): ConnectionConfirm {
  const length = tpktLength(pdu);
  if (pdu.length !== length) throw new NotRdpError(`the TPKT header says ${length} bytes, got ${pdu.length}`);
  const li = pdu[4];
  const code = pdu[5] & 0xf0;
  if (code !== X224_CONNECTION_CONFIRM) {
    throw new NotRdpError(`it answered X.224 TPDU code 0x${pdu[5].toString(16).padStart(2, '0')}, not a Connection Confirm (0xd0)`);
  }
  if (li + 5 !== length) throw new NotRdpError(`the X.224 length indicator ${li} does not match the TPKT length ${length}`);
  const negStart = TPKT_HEADER_LENGTH + X224_FIXED_LENGTH;
  if (length < negStart + NEG_DATA_LENGTH) return { kind: 'bare' };
  const type = pdu[negStart];
  const flags = pdu[negStart + 1];
  const negLength = pdu.readUInt16LE(negStart + 2);
  const value = pdu.readUInt32LE(negStart + 4);
  if (negLength !== NEG_DATA_LENGTH) throw new NotRdpError(`negotiation data length ${negLength}, expected 8`);
  if (type === TYPE_NEG_RSP) return { kind: 'selected', selectedProtocol: value, flags };
  if (type === TYPE_NEG_FAILURE) return { kind: 'failure', failureCode: value };
  throw new NotRdpError(`unknown negotiation data type 0x${type.toString(16).padStart(2, '0')} (expected RDP_NEG_RSP 0x02 or RDP_NEG_FAILURE 0x03)`);
}

/** Describes bytes that are not RDP, naming well-known protocols (HTTP, SSH, TLS) when recognisable. */
export function describeNonRdpBytes(bytes: Buffer): string {
  const text = bytes.subarray(0, 64).toString('latin1');
  const firstLine = text.split(/\r?\n/)[0].replace(/[^\x20-\x7e]/g, '.');
  if (/^HTTP\/\d/.test(text)) return `an HTTP response (${JSON.stringify(firstLine)})`;
  if (text.startsWith('SSH-')) return `an SSH banner (${JSON.stringify(firstLine)})`;
  if (bytes[0] >= 0x14 && bytes[0] <= 0x17 && bytes[1] === 0x03) return 'a TLS record (a TLS service, not RDP)';
  if (/^[\x20-\x7e]{4}/.test(text)) return `text ${JSON.stringify(firstLine)}`;
  return `bytes ${bytes.subarray(0, 16).toString('hex').replace(/(..)(?!$)/g, '$1 ')}${bytes.length > 16 ? ' …' : ''}`;
}
