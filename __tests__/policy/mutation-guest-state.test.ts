/**
 * The helpers of policy/guest/guest-state.ts and verdict.ts that the guest rules call (issue #20,
 * mutation testing): which firewall rule admits which port, which source means everyone, the oldest
 * accepted TLS protocol, the setting texts of findings, and how verdicts combine. Small values built
 * in each test.
 */
import { admits, describeSetting, GuestFirewallAllow, GuestState, guestStateOf, isWorldSource, oldestAcceptedProtocol, Setting } from '../../policy/guest/guest-state';
import { combine, judgeSetting } from '../../policy/guest/verdict';

const rule = (protocol: string, ports: number[] | 'any'): GuestFirewallAllow => ({ name: 'r', protocol, ports, sources: ['Any'], line: 1 });

describe('admits', () => {
  test.each<[string, number[] | 'any', number, 'tcp' | 'udp', boolean]>([
    ['tcp', [43389], 43389, 'tcp', true],
    ['tcp', [43389], 43389, 'udp', false],
    ['udp', [43389], 43389, 'udp', true],
    ['udp', [43389], 43389, 'tcp', false],
    ['any', [43389], 43389, 'udp', true],
    ['any', [43389], 43389, 'tcp', true],
    ['tcp', [43388, 43390], 43389, 'tcp', false],
    ['tcp', 'any', 1, 'tcp', true],
    ['icmpv4', 'any', 1, 'tcp', false],
  ])('%s %j admits %d/%s: %s', (protocol, ports, port, transport, expected) => {
    expect(admits(rule(protocol, ports), port, transport)).toBe(expected);
  });
});

describe('isWorldSource', () => {
  test.each<[string, boolean]>([
    ['Any', true],
    ['any', true],
    ['*', true],
    ['Internet', true],
    ['0.0.0.0/0', true],
    ['::/0', true],
    ['0.0.0.0', true],
    [' any ', true],
    ['203.0.113.0/24', false],
    ['0.0.0.0/1', false],
    ['LocalSubnet', false],
    ['anything', false],
    ['many', false],
  ])('%j: %s', (source, expected) => {
    expect(isWorldSource(source)).toBe(expected);
  });
});

describe('describeSetting', () => {
  test('set, unknown, unset; with and without a display function', () => {
    expect(describeSetting({ state: 'set', value: 3, line: 7 })).toBe('3 (line 7)');
    expect(describeSetting({ state: 'set', value: true, line: 2 }, (v) => (v ? 'on' : 'off'))).toBe('on (line 2)');
    expect(describeSetting({ state: 'unknown', reason: 'why' })).toBe('unknown: why');
    expect(describeSetting({ state: 'unset' })).toBe('not set by the script');
  });
});

describe('oldestAcceptedProtocol', () => {
  /** A guest state with only the protocols set as given (the rest unset). */
  const withProtocols = (entries: Record<string, Setting<boolean>>): GuestState => ({ protocols: new Map(['SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2'].map((n) => [n, entries[n] ?? { state: 'unset' }])) }) as unknown as GuestState;
  const on = (line: number): Setting<boolean> => ({ state: 'set', value: true, line });
  const off = (line: number): Setting<boolean> => ({ state: 'set', value: false, line });

  test.each<[string, Record<string, Setting<boolean>>, Setting<string>]>([
    ['nothing set: Windows enables TLS 1.0 by default', {}, { state: 'set', value: '1.0', line: 0 }],
    ['SSL 3.0 enabled', { 'SSL 3.0': on(4) }, { state: 'set', value: 'SSL 3.0', line: 4 }],
    ['SSL 2.0 enabled', { 'SSL 2.0': on(2) }, { state: 'set', value: 'SSL 2.0', line: 2 }],
    ['TLS 1.0 off: TLS 1.1 by default', { 'TLS 1.0': off(3) }, { state: 'set', value: '1.1', line: 0 }],
    ['TLS 1.0 and 1.1 off', { 'TLS 1.0': off(3), 'TLS 1.1': off(5) }, { state: 'set', value: '1.2', line: 0 }],
    ['TLS 1.0 and 1.1 off, 1.2 on', { 'TLS 1.0': off(3), 'TLS 1.1': off(5), 'TLS 1.2': on(6) }, { state: 'set', value: '1.2', line: 6 }],
    ['everything off', { 'TLS 1.0': off(3), 'TLS 1.1': off(5), 'TLS 1.2': off(6) }, { state: 'set', value: '1.3', line: 0 }],
    ['TLS 1.0 unknown', { 'TLS 1.0': { state: 'unknown', reason: 'r' } }, { state: 'unknown', reason: 'r' }],
    ['SSL 3.0 unknown comes first', { 'SSL 3.0': { state: 'unknown', reason: 's' }, 'TLS 1.0': on(1) }, { state: 'unknown', reason: 's' }],
  ])('%s', (_label, entries, expected) => {
    expect(oldestAcceptedProtocol(withProtocols(entries))).toEqual(expected);
  });
});

describe('guestStateOf (memoized)', () => {
  test('the same text gives the same state; another text another state', () => {
    const tspol = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
    const a = `Set-ItemProperty -Path '${tspol}' -Name UserAuthentication -Value 1 # memo test`;
    expect(guestStateOf(a).nla).toEqual({ state: 'set', value: true, line: 1 });
    expect(guestStateOf(a)).toBe(guestStateOf(a));
    expect(guestStateOf(`${a}\nSet-ItemProperty -Path '${tspol}' -Name UserAuthentication -Value 0`).nla).toEqual({ state: 'set', value: false, line: 2 });
  });
});

describe('verdicts', () => {
  const bad = (v: number, line: number) => (v > 1 ? `too high: ${v} (line ${line})` : undefined);

  test('judgeSetting: a finding, nothing, an unknown naming what, nothing for unset', () => {
    expect(judgeSetting({ state: 'set', value: 2, line: 9 }, 'X', bad)).toBe('too high: 2 (line 9)');
    expect(judgeSetting({ state: 'set', value: 1, line: 9 }, 'X', bad)).toBeUndefined();
    expect(judgeSetting({ state: 'unknown', reason: 'computed' }, 'X', bad)).toEqual({ unknown: 'X cannot be proven from the script body: computed' });
    expect(judgeSetting<number>({ state: 'unset' }, 'X', () => 'never')).toBeUndefined();
  });

  test('combine: findings first (joined), else the first unknown, else nothing', () => {
    expect(combine(['a', { unknown: 'u' }, undefined, 'b'])).toBe('a; b');
    expect(combine([undefined, { unknown: 'u1' }, { unknown: 'u2' }])).toEqual({ unknown: 'u1' });
    expect(combine([undefined, undefined])).toBeUndefined();
    expect(combine([])).toBeUndefined();
  });
});
