import { RdpValidationError } from '../../constructs/core/errors';
import { RdpPort } from '../../constructs/core/rdp-port';

describe('RdpPort', () => {
  test('the default is a documented non-3389 port', () => {
    expect(RdpPort.default().number).toBe(RdpPort.DEFAULT_NUMBER);
    expect(RdpPort.DEFAULT_NUMBER).not.toBe(3389);
    expect(RdpPort.of(RdpPort.DEFAULT_NUMBER).toString()).toBe(String(RdpPort.DEFAULT_NUMBER));
  });

  test.each([1024, 13389, 43389, 65535])('accepts %i', (port) => {
    expect(RdpPort.of(port).number).toBe(port);
  });

  test('fails on 3389 and names the field and the value', () => {
    expect(() => RdpPort.of(3389)).toThrow(/`rdpPort` must not be 3389 .*got 3389/);
  });

  test.each([5985, 5986, 3268, 47001, 1433])('fails on the Windows service port %i', (port) => {
    expect(() => RdpPort.of(port)).toThrow(new RegExp(`\`rdpPort\` must not be ${port} `));
  });

  test.each([0, 22, 135, 445, 1023, 65536, -1])('fails outside 1024–65535: %i', (port) => {
    expect(() => RdpPort.of(port)).toThrow(/`rdpPort` must be between 1024 and 65535/);
  });

  test.each([43389.5, NaN, '43389' as unknown as number])('fails on a non-integer: %p', (port) => {
    expect(() => RdpPort.of(port)).toThrow(/`rdpPort` must be an integer/);
  });

  test('the error is a typed validation error carrying field and value', () => {
    try {
      RdpPort.of(80);
      throw new Error('expected a throw');
    } catch (e) {
      expect(RdpValidationError.isRdpValidationError(e)).toBe(true);
      expect((e as RdpValidationError).field).toBe('rdpPort');
      expect((e as RdpValidationError).value).toBe(80);
    }
  });
});

describe('RdpPort carries its transport', () => {
  test('TCP only by default; { udp: true } and withUdp() carry UDP on the same number; the field name still reaches errors', () => {
    expect(RdpPort.default().udp).toBe(false);
    expect(RdpPort.of(50123).udp).toBe(false);
    expect([RdpPort.of(50123, { udp: true }).udp, RdpPort.of(50123, { udp: true }).number]).toEqual([true, 50123]);
    expect(RdpPort.of(50123).withUdp()).toMatchObject({ number: 50123, udp: true });
    expect(() => RdpPort.of(3389, { udp: true })).toThrow(/^`rdpPort` must not be 3389/);
    expect(() => RdpPort.of(50123, { udp: 'yes' as never })).toThrow(/^`rdpPort\.udp` must be true or false, got "yes"/);
  });
});
