/**
 * Boundaries of the allowlist CIDR checks (issue #20, mutation testing): the /16 and /48 edges, every refused
 * special range, the words for "everyone", overlap and privacy of ranges, and the network-range check.
 */
import { AwsSecurityGroupPeer } from '../../constructs/aws/security-group-peer';
import { checkNetworkCidr } from '../../constructs/core/network-checks';
import { cidrPeerAt, Peer } from '../../constructs/core/peer';
import { allowlistProblems, RdpAllowlist } from '../../constructs/core/rdp-allowlist';
import { adjacentSubnet, checkAllowlistCidr, checkRdpSourceCidr, cidrsOverlap, isPrivateCidr, parseCidr, ParsedCidr } from '../../constructs/core/net';

const problemOf = (value: unknown): string | undefined => {
  const checked = checkAllowlistCidr(value);
  return checked.ok ? undefined : checked.problem;
};
const parsed = (cidr: string): ParsedCidr => {
  const checked = parseCidr(cidr, 'Allowed: test');
  if (!checked.ok) throw new Error(checked.problem);
  return checked.value;
};

describe('prefix limits', () => {
  test('IPv4: /16 is the broadest accepted, /15 is refused', () => {
    expect(problemOf('203.0.0.0/16')).toBeUndefined();
    expect(problemOf('203.0.0.0/15')).toMatch(/^is broader than \/16, got "203\.0\.0\.0\/15"\. Split it/);
    expect(problemOf('203.0.113.7/32')).toBeUndefined();
  });

  test('IPv6 (network ranges): /48 is the broadest accepted, /47 is refused', () => {
    expect(problemOf('2001:db8:1::/48')).toBeUndefined();
    expect(problemOf('2001:db8::/47')).toMatch(/^is broader than \/48, got /);
  });

  test('every problem ends with what is allowed', () => {
    for (const bad of ['*', '', '203.0.0.0/15', '127.0.0.0/16', 'x', '203.0.113.7']) {
      expect(problemOf(bad)).toContain('Allowed: an IPv4 CIDR with a prefix of /16 to /32 in network form (e.g. "203.0.113.0/24").');
    }
    expect(allowlistProblems('x')[0].problem).toContain('Allowed: a non-empty list of distinct CIDRs. Allowed: an IPv4 CIDR');
  });

  test('a prefix of 0 means the whole internet, even with host bits', () => {
    expect(problemOf('0.0.0.0/0')).toMatch(/^must not mean the whole internet/);
    expect(problemOf('10.0.0.0/0')).toMatch(/^must not mean the whole internet/);
  });
});

describe('what is refused, with the reason', () => {
  test.each(['*', 'any', 'ALL', ' Internet ', 'world', 'anywhere', '0/0'])('the word %p for everyone', (word) => {
    expect(problemOf(word)).toMatch(/^must not mean the whole internet, got /);
  });

  test.each(['', '   '])('an empty source %p', (value) => {
    expect(problemOf(value)).toMatch(/^must not be empty: an empty source means "any address"/);
  });

  test.each([
    ['127.0.0.0/16', /^is a loopback range/],
    ['169.254.0.0/16', /^is a link-local range/],
    ['224.0.0.0/16', /^is a multicast range/],
    ['255.255.255.255/32', /^is the broadcast address/],
    ['0.0.0.0/16', /^is the unspecified range/],
    ['::ffff:0:0/96', /^is an IPv4-mapped IPv6 range/],
    ['64:ff9b::/96', /^is the NAT64 range/],
    ['fe80::/64', /^is a link-local range/],
  ])('the special range %s', (cidr, reason) => {
    expect(problemOf(cidr)).toMatch(reason);
  });

  test('malformed values say what is wrong', () => {
    expect(problemOf(42)).toMatch(/^must be a CIDR string, got 42\./);
    expect(problemOf(' 203.0.113.0/24')).toBe('must not have surrounding white space, got " 203.0.113.0/24". Did you mean "203.0.113.0/24"?');
    expect(problemOf('203.0.113.7')).toMatch(/^must be a CIDR with a prefix length, got "203\.0\.113\.7"\. Did you mean "203\.0\.113\.7\/32"\?/);
    expect(problemOf('2001:db8::1')).toMatch(/Did you mean "2001:db8::1\/128"\?/);
    expect(problemOf('office')).toMatch(/^is not a valid CIDR, got "office"\./);
    expect(problemOf('203.0.113.0/2x')).toMatch(/^has an invalid prefix length/);
    expect(problemOf('203.0.113.0/33')).toMatch(/^is not a valid IPv4 CIDR/);
    expect(problemOf('203.0.113/24')).toMatch(/^is not a valid IPv4 CIDR/);
    expect(problemOf('fe80::1%eth0/64')).toMatch(/^is not a valid IPv6 CIDR/);
    expect(problemOf('/24')).toMatch(/^is not a valid IPv4 CIDR, got "\/24"\./);
    expect(problemOf('203.0.113.0/x24')).toMatch(/^has an invalid prefix length/);
    expect(problemOf('::ffff:0:0:0/96')).toMatch(/^is an IPv4-translated IPv6 range; write the IPv4 CIDR itself/);
    expect(problemOf('203.0.113.7/24')).toMatch(/^has host bits set, got "203\.0\.113\.7\/24"\. Did you mean "203\.0\.113\.0\/24"/);
  });

  test('the canonical form is the network address and the prefix', () => {
    const v6 = checkAllowlistCidr('2001:DB8:0:0::/48');
    expect(v6).toEqual({ ok: true, value: expect.objectContaining({ family: 'ipv6', cidr: '2001:db8::/48', prefix: 48 }) });
    expect(checkAllowlistCidr('203.0.113.0/24')).toEqual({ ok: true, value: expect.objectContaining({ family: 'ipv4', cidr: '203.0.113.0/24', prefix: 24 }) });
  });
});

describe('RDP sources are IPv4 only', () => {
  test.each(['2001:db8::/48', '2001:db8::1', '2001:db8::1/128', '2001:db8::/129'])('%s is refused as IPv6', (value) => {
    const checked = checkRdpSourceCidr(value);
    expect(checked.ok ? undefined : checked.problem).toMatch(/^must be an IPv4 range, got .*IPv4-only/);
  });

  test('the IPv6 world gets the world message; a zone ID or a bad prefix gets the syntax message', () => {
    const problem = (v: unknown): string | undefined => {
      const c = checkRdpSourceCidr(v);
      return c.ok ? undefined : c.problem;
    };
    expect(problem('::/0')).toMatch(/^must not mean the whole internet/);
    expect(problem('fe80::1%eth0/64')).toMatch(/^is not a valid IPv6 CIDR/);
    expect(problem('2001:db8::/x')).toMatch(/^has an invalid prefix length/);
    expect(problem('2001:db8::/x48')).toMatch(/^has an invalid prefix length/);
    expect(problem('2001:db8::/48x')).toMatch(/^has an invalid prefix length/);
    expect(problem('2001:db8::/48')).toContain('List the IPv4 ranges those administrators connect from, or reach the host through a VPN.');
    expect(problem('203.0.113.0/24')).toBeUndefined();
    expect(problem(7)).toMatch(/^must be a CIDR string/);
  });
});

describe('privacy and overlap', () => {
  test.each([
    ['10.0.0.0/16', true],
    ['172.16.0.0/16', true],
    ['192.168.1.0/24', true],
    ['100.64.0.0/16', true],
    ['203.0.113.0/24', false],
    ['fd00::/48', true],
    ['2001:db8::/48', false],
  ])('%s is private: %p', (cidr, expected) => {
    expect(isPrivateCidr(parsed(cidr))).toBe(expected);
  });

  test('overlap is symmetric, needs a shared address and the same family', () => {
    const wide = parsed('10.0.0.0/16');
    const inside = parsed('10.0.5.0/24');
    const outside = parsed('10.1.0.0/24');
    expect(cidrsOverlap(wide, inside)).toBe(true);
    expect(cidrsOverlap(inside, wide)).toBe(true);
    expect(cidrsOverlap(wide, outside)).toBe(false);
    expect(cidrsOverlap(outside, wide)).toBe(false);
    expect(cidrsOverlap(wide, wide)).toBe(true);
    expect(cidrsOverlap(parsed('0.0.0.0/0'), parsed('::/0'))).toBe(false);
  });
});

describe('allowlists', () => {
  test('every problem at once, with indexes; duplicates after normalisation', () => {
    expect(allowlistProblems(['203.0.113.0/24', '0.0.0.0/0', '203.0.113.0/24'])).toEqual([
      { index: 1, value: '0.0.0.0/0', problem: expect.stringMatching(/^must not mean the whole internet/) },
      { index: 2, value: '203.0.113.0/24', problem: expect.stringMatching(/^repeats entry 0 \(203\.0\.113\.0\/24\), got "203\.0\.113\.0\/24"\. List each source once\./) },
    ]);
    expect(allowlistProblems('203.0.113.0/24')).toEqual([{ value: '203.0.113.0/24', problem: expect.stringMatching(/^must be a list of CIDRs/) }]);
    expect(allowlistProblems([])).toEqual([{ value: [], problem: expect.stringMatching(/^must list at least one source, got \[\]/) }]);
  });

  test('one problem throws it under the entry field; several are listed under the heading', () => {
    expect(() => RdpAllowlist.fromCidrs(['203.0.113.0/24', '*'])).toThrow(/^`allowlist\[1\]` must not mean the whole internet/);
    expect(() => RdpAllowlist.fromCidrs([])).toThrow(/^`allowlist` must list at least one source/);
    expect(() => RdpAllowlist.fromCidrs(['*', 'any'])).toThrow(/^Invalid `allowlist` \(2 problems\):\n  - `allowlist\[0\]` .*\n  - `allowlist\[1\]` /);
  });

  test('public sources are reported as such', () => {
    expect(RdpAllowlist.fromCidrs(['10.0.0.0/16']).hasPublicSources).toBe(false);
    expect(RdpAllowlist.fromCidrs(['10.0.0.0/16', '203.0.113.0/24']).hasPublicSources).toBe(true);
    expect(RdpAllowlist.fromCidrs(['203.0.113.0/24', '10.0.0.0/16']).cidrs).toEqual(['203.0.113.0/24', '10.0.0.0/16']);
  });
});

describe('peers', () => {
  test('a CIDR peer carries a stable rule key and its privacy', () => {
    const peer = Peer.cidr('10.20.0.0/16');
    expect(peer).toMatchObject({ cidr: '10.20.0.0/16', label: '10.20.0.0/16', uniqueId: '10-20-0-0_16', isPrivate: true, isLoopback: false, family: 'ipv4' });
    expect(Peer.isCidr(peer)).toBe(true);
    expect(() => Peer.cidr('*')).toThrow(/^`peer` must not mean the whole internet/);
    expect(() => cidrPeerAt('*', 'vpn.peer')).toThrow(/^`vpn\.peer` /);
  });

  test('loopback peers are the two loopback addresses', () => {
    expect(Peer.loopback().map((p) => [p.cidr, p.family, p.isLoopback, p.uniqueId])).toEqual([
      ['127.0.0.1/32', 'ipv4', true, '127-0-0-1_32'],
      ['::1/128', 'ipv6', true, '--1_128'],
    ]);
  });

  test('a security-group peer keeps its ranges and a construct-safe key', () => {
    const ranges = [Peer.cidr('10.0.0.0/24')];
    const sg = AwsSecurityGroupPeer.of('sg-0123', 'client VPN / eu', ranges);
    expect(sg).toMatchObject({ securityGroupId: 'sg-0123', label: 'client VPN / eu', uniqueId: 'sg-client-VPN-eu', guestSources: ranges, isPublic: false });
    expect(Peer.isCidr(sg)).toBe(false);
    expect(AwsSecurityGroupPeer.of('sg-1', 'x').guestSources).toEqual([]);
  });
});

describe('network ranges (VPC, subnets)', () => {
  test('/16 to /28, private IPv4 only', () => {
    expect(checkNetworkCidr('10.42.0.0/16', 'vpc').cidr).toBe('10.42.0.0/16');
    expect(checkNetworkCidr('10.42.0.0/28', 'vpc').cidr).toBe('10.42.0.0/28');
    expect(checkNetworkCidr('100.64.0.0/16', 'vpc').cidr).toBe('100.64.0.0/16');
    for (const bad of ['10.0.0.0/15', '10.42.0.0/29', '203.0.113.0/24', 'fd00::/48', 'fd00::/24']) {
      expect(() => checkNetworkCidr(bad, 'network.vpcCidr')).toThrow(new RegExp(`^\`network\\.vpcCidr\` is not a usable network range, got "${bad.replace(/[./]/g, '\\$&')}"\\. Allowed: a private IPv4 CIDR`));
    }
    expect(() => checkNetworkCidr('10.0.0.1/16', 'vpc')).toThrow(/^`vpc` has host bits set/);
  });

  test('inside the parent, no broader than it', () => {
    const vpc = parsed('10.42.0.0/16');
    expect(checkNetworkCidr('10.42.3.0/24', 'subnet', vpc).cidr).toBe('10.42.3.0/24');
    expect(checkNetworkCidr('10.42.0.0/16', 'subnet', vpc).cidr).toBe('10.42.0.0/16');
    expect(() => checkNetworkCidr('10.43.0.0/24', 'subnet', vpc)).toThrow('`subnet` must lie inside 10.42.0.0/16, got "10.43.0.0/24".');
    expect(() => checkNetworkCidr('10.42.0.0/24', 'subnet', parsed('10.42.0.0/25'))).toThrow(/must lie inside 10\.42\.0\.0\/25/);
  });

  test('the adjacent subnet is the next block, else the previous one, else none', () => {
    const vpc = parsed('10.42.0.0/16');
    expect(adjacentSubnet(parsed('10.42.1.0/24'), vpc)).toBe('10.42.2.0/24');
    expect(adjacentSubnet(parsed('10.42.255.0/24'), vpc)).toBe('10.42.254.0/24');
    expect(adjacentSubnet(parsed('10.42.0.0/16'), vpc)).toBeUndefined();
    expect(adjacentSubnet(parsed('255.255.255.0/24'), parsed('255.255.255.0/24'))).toBeUndefined();
    expect(adjacentSubnet(parsed('0.0.0.0/24'), parsed('0.0.0.0/24'))).toBeUndefined();
    // the first and the last address of the IPv4 space are valid block starts
    expect(adjacentSubnet(parsed('0.0.128.0/17'), parsed('0.0.0.0/16'))).toBe('0.0.0.0/17');
    expect(adjacentSubnet(parsed('255.255.255.254/32'), parsed('255.255.255.254/31'))).toBe('255.255.255.255/32');
    // past the top of the address space there is no next block (not a wrap-around to 0.0.0.0)
    expect(adjacentSubnet(parsed('255.255.255.0/24'), parsed('0.0.0.0/0'))).toBe('255.255.254.0/24');
  });
});
