import { RdpValidationError } from '../../constructs/core/errors';
import { Peer } from '../../constructs/core/peer';

describe('Peer.cidr', () => {
  test.each([
    ['198.51.100.0/24', '198.51.100.0/24', 'ipv4'],
    ['203.0.113.10/32', '203.0.113.10/32', 'ipv4'],
    ['10.1.0.0/16', '10.1.0.0/16', 'ipv4'],
  ])('accepts %s as %s', (input, canonical, family) => {
    const peer = Peer.cidr(input);
    expect(peer.cidr).toBe(canonical);
    expect(peer.family).toBe(family);
  });

  test.each(['0.0.0.0/0', '::/0', '*', 'Internet', 'internet', 'Any', 'ANY', '0/0', ''])('fails on the world range %p', (value) => {
    expect(() => Peer.cidr(value)).toThrow(/`peer` must not (mean the whole internet|be empty)/);
  });

  test('fails on a CIDR with host bits set and suggests the network', () => {
    expect(() => Peer.cidr('203.0.113.5/24')).toThrow(/`peer` has host bits set, got "203\.0\.113\.5\/24"\. Did you mean "203\.0\.113\.0\/24"/);
  });

  test('fails on a bare address and suggests /32', () => {
    expect(() => Peer.cidr('203.0.113.5')).toThrow(/must be a CIDR with a prefix length.*Did you mean "203\.0\.113\.5\/32"/);
  });

  test.each(['2001:db8:1::/48', '2001:DB8:1:0::/64', '2001:db8::1/128', 'fd00:1::/48', '2001:db8:1::1/48', '2001:db8::5', '2001:db8::/32'])(
    'fails on the IPv6 source %p, saying why: the networks are IPv4-only, so the rule would be dead',
    (value) => {
      expect(() => Peer.cidr(value)).toThrow(/`peer` must be an IPv4 range, got .*IPv4 addresses only .*IPv4-only.*could never match any traffic \(a dead rule\)/);
    },
  );

  test.each(['10.0.0.0/8', '100.64.0.0/10', '198.0.0.0/15'])('fails on a prefix broader than the documented limit: %s', (value) => {
    expect(() => Peer.cidr(value)).toThrow(/`peer` is broader than \/16/);
  });

  test.each(['256.1.1.0/24', '10.0.0/24', '1.2.3.4/33', '10.0.0.0/x', 'fe80::1%eth0/64', '010.1.0.0/16', 'not-a-cidr', '2001:db8:::/48'])('fails on the malformed CIDR %p', (value) => {
    expect(() => Peer.cidr(value)).toThrow(RdpValidationError);
    expect(() => Peer.cidr(value)).toThrow(/`peer` (is not a valid|has an invalid prefix)/);
  });

  test.each([
    ['127.0.0.0/16', 'loopback'],
    ['169.254.169.254/32', 'link-local'],
    ['224.0.0.0/24', 'multicast'],
    ['0.0.0.0/16', 'unspecified'],
  ])('fails on the special range %s (%s)', (value, why) => {
    expect(() => Peer.cidr(value)).toThrow(new RegExp(`\`peer\` is .*${why}`));
  });

  test('fails on values that are not strings', () => {
    expect(() => Peer.cidr(42 as unknown as string)).toThrow(/`peer` must be a CIDR string, got 42/);
  });

  test('fails on surrounding white space', () => {
    expect(() => Peer.cidr(' 198.51.100.0/24')).toThrow(/must not have surrounding white space/);
  });

  test('knows private ranges', () => {
    expect(Peer.cidr('10.20.0.0/16').isPrivate).toBe(true);
    expect(Peer.cidr('172.16.5.0/24').isPrivate).toBe(true);
    expect(Peer.cidr('100.64.0.0/16').isPrivate).toBe(true);
    expect(Peer.cidr('198.51.100.0/24').isPrivate).toBe(false);
  });

  test('derives stable, construct-ID-safe keys', () => {
    expect(Peer.cidr('198.51.100.0/24').uniqueId).toBe('198-51-100-0_24');
    expect(Peer.cidr('10.8.0.0/24').uniqueId).toBe('10-8-0-0_24');
  });
});

describe('peers say what the host model needs, without their class being asked', () => {
  test('a CIDR peer: public unless private, and the guest admits the range itself', () => {
    const pub = Peer.cidr('198.51.100.0/24');
    const priv = Peer.cidr('10.8.0.0/24');
    expect([pub.isPublic, priv.isPublic]).toEqual([true, false]);
    expect(pub.guestSources).toEqual([pub]);
  });
});
