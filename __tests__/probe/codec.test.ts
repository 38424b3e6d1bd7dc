import {
  decodeConnectionConfirm,
  describeNonRdpBytes,
  encodeConnectionRequest,
  failureCodeName,
  NotRdpError,
  Protocol,
  protocolNames,
  tpktLength,
} from '../../cli/probe/codec';
import { RECORDED } from './fake-rdp-server';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('encodeConnectionRequest ([MS-RDPBCGR] 2.2.1.1)', () => {
  test('TPKT + X.224 CR + cookie + RDP_NEG_REQ(SSL): the 43 bytes recorded against real servers', () => {
    expect(encodeConnectionRequest(Protocol.SSL)).toEqual(
      hex('03 00 00 2b 26 e0 00 00 00 00 00 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 70 72 6f 62 65 0d 0a 01 00 08 00 01 00 00 00'),
    );
  });

  test('a legacy request has no RDP_NEG_REQ (35 bytes)', () => {
    expect(encodeConnectionRequest(undefined).toString('hex')).toBe('030000231ee00000000000436f6f6b69653a206d737473686173683d70726f62650d0a');
  });

  test('requestedProtocols is little-endian and RDP (0) is still sent as a NEG_REQ', () => {
    expect(encodeConnectionRequest(Protocol.SSL | Protocol.HYBRID | Protocol.HYBRID_EX).subarray(-8).toString('hex')).toBe('010008000b000000');
    expect(encodeConnectionRequest(Protocol.RDP).subarray(-8).toString('hex')).toBe('0100080000000000');
  });

  test('TPKT length and X.224 length indicator follow the cookie length', () => {
    const pdu = encodeConnectionRequest(Protocol.SSL, 'a-much-longer-cookie');
    expect(pdu.readUInt16BE(2)).toBe(pdu.length);
    expect(pdu[4]).toBe(pdu.length - 5);
  });
});

describe('decodeConnectionConfirm ([MS-RDPBCGR] 2.2.1.2)', () => {
  test('xrdp RDP_NEG_RSP selecting SSL, SRC-REF 0x1234', () => {
    expect(decodeConnectionConfirm(hex(RECORDED.xrdpSelectedSsl))).toEqual({ kind: 'selected', selectedProtocol: Protocol.SSL, flags: 1 });
  });

  test('FreeRDP RDP_NEG_RSP selecting HYBRID, SRC-REF 0 (SRC-REF is not checked)', () => {
    expect(decodeConnectionConfirm(hex(RECORDED.shadowSelectedHybrid))).toEqual({ kind: 'selected', selectedProtocol: Protocol.HYBRID, flags: 3 });
  });

  test('RDP_NEG_FAILURE codes', () => {
    expect(decodeConnectionConfirm(hex(RECORDED.xrdpSslRequired))).toEqual({ kind: 'failure', failureCode: 1 });
    expect(decodeConnectionConfirm(hex(RECORDED.shadowHybridRequired))).toEqual({ kind: 'failure', failureCode: 5 });
  });

  test('a bare Connection Confirm (11 bytes) has no negotiation data', () => {
    expect(decodeConnectionConfirm(hex(RECORDED.xrdpBareConfirm))).toEqual({ kind: 'bare' });
  });

  test('fails on a TPDU that is not a Connection Confirm (e.g. Disconnect Request 0x80)', () => {
    expect(() => decodeConnectionConfirm(hex('0300000b06800000123400'))).toThrow(/TPDU code 0x80, not a Connection Confirm/);
  });

  test('fails on an unknown negotiation type and a wrong negotiation length', () => {
    expect(() => decodeConnectionConfirm(hex('030000130ed000001234000401080001000000'))).toThrow(/unknown negotiation data type 0x04/);
    expect(() => decodeConnectionConfirm(hex('030000130ed000001234000201090001000000'))).toThrow(/negotiation data length 9/);
  });

  test('fails when TPKT and X.224 lengths disagree', () => {
    expect(() => decodeConnectionConfirm(hex('030000130fd000001234000201080001000000'))).toThrow(NotRdpError);
    expect(() => decodeConnectionConfirm(hex('0300000b06d000001234'))).toThrow(/says 11 bytes, got 10/);
  });
});

describe('tpktLength and describeNonRdpBytes', () => {
  test('accepts Connection-Confirm-sized TPKTs only', () => {
    expect(tpktLength(hex('03000013'))).toBe(19);
    expect(() => tpktLength(hex('03000100'))).toThrow(/TPKT of 256 bytes, not an X\.224 Connection Confirm/);
    expect(() => tpktLength(hex('03000005'))).toThrow(NotRdpError);
  });

  test.each([
    ['HTTP/1.1 400 Bad Request\r\n\r\n', /an HTTP response \("HTTP\/1\.1 400 Bad Request"\)/],
    ['SSH-2.0-OpenSSH_9.2\r\n', /an SSH banner \("SSH-2\.0-OpenSSH_9\.2"\)/],
    ['220 smtp.example ESMTP\r\n', /text "220 smtp\.example ESMTP"/],
  ])('names the protocol of %j', (text, expected) => {
    expect(describeNonRdpBytes(Buffer.from(text))).toMatch(expected);
    expect(() => tpktLength(Buffer.from(text))).toThrow(expected);
  });

  test('recognises a TLS alert record and shows other bytes in hex', () => {
    expect(describeNonRdpBytes(hex('150301000202 46'))).toBe('a TLS record (a TLS service, not RDP)');
    expect(describeNonRdpBytes(hex('00 01 02 ff'))).toBe('bytes 00 01 02 ff');
  });
});

describe('names', () => {
  test('protocolNames renders bits, RDP for 0, and unknown bits in hex', () => {
    expect(protocolNames(0)).toBe('RDP');
    expect(protocolNames(0x0b)).toBe('SSL|HYBRID|HYBRID_EX');
    expect(protocolNames(0x12)).toBe('HYBRID|0x10');
  });

  test('failureCodeName names known codes and keeps the number', () => {
    expect(failureCodeName(5)).toBe('HYBRID_REQUIRED_BY_SERVER (5)');
    expect(failureCodeName(42)).toBe('UNKNOWN_FAILURE (42)');
  });
});
