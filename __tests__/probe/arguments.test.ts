import { MAX_CONNECTIONS_CEILING, parseProbeArguments, parseTarget } from '../../cli/probe/arguments';
import { DEFAULT_PROBE_OPTIONS } from '../../cli/probe/probe';

describe('parseTarget', () => {
  test.each([
    ['10.0.1.4:43389', { host: '10.0.1.4', port: 43389 }],
    ['rdp-host.internal:53389', { host: 'rdp-host.internal', port: 53389 }],
    ['[fd00::4]:43389', { host: 'fd00::4', port: 43389 }],
    ['127.0.0.1:3389', { host: '127.0.0.1', port: 3389 }],
  ])('parses %s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  test.each([
    ['10.0.1.4', /must include the port \(the probe never assumes 3389\), got "10\.0\.1\.4"/],
    ['10.0.1.4:', /must be HOST:PORT/],
    ['fd00::4', /IPv6 addresses in brackets/],
    ['fd00::4:43389', /must be HOST:PORT/],
    ['rdp://10.0.1.4:43389', /not a URL/],
    ['10.0.1.4:0', /port 0, outside 1 to 65535/],
    ['10.0.1.4:70000', /port 70000, outside 1 to 65535/],
    ['[10.0.1.4]:43389', /not an IPv6 address/],
  ])('fails on %s and names the argument', (text, expected) => {
    expect(() => parseTarget(text)).toThrow(/^`<host>:<port>` /);
    expect(() => parseTarget(text)).toThrow(expected);
  });
});

describe('parseProbeArguments', () => {
  test('defaults: text, the default policy, 5 s timeouts, 8 connections', () => {
    expect(parseProbeArguments(['10.0.1.4:43389'])).toEqual({
      kind: 'probe',
      options: { target: { host: '10.0.1.4', port: 43389 }, format: 'text', probe: DEFAULT_PROBE_OPTIONS },
    });
    expect(DEFAULT_PROBE_OPTIONS).toEqual({ connectTimeoutMs: 5000, readTimeoutMs: 5000, maxConnections: 8 });
  });

  test('every option', () => {
    const parsed = parseProbeArguments(['--format', 'junit', '--expect-policy', 'policy.json', '--connect-timeout', '2000', '--read-timeout=1500', '--max-connections', '6', '10.0.1.4:43389']);
    expect(parsed).toEqual({
      kind: 'probe',
      options: { target: { host: '10.0.1.4', port: 43389 }, format: 'junit', policyFile: 'policy.json', probe: { connectTimeoutMs: 2000, readTimeoutMs: 1500, maxConnections: 6 } },
    });
  });

  test('--expect-policy default means the built-in profile', () => {
    expect(parseProbeArguments(['h:1', '--expect-policy', 'default'])).not.toHaveProperty('options.policyFile');
  });

  test('--help wins over everything else', () => {
    expect(parseProbeArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseProbeArguments(['-h', 'h:1'])).toEqual({ kind: 'help' });
  });

  test.each([
    [['h:1', '--format', 'xml'], /^`--format` must be one of text, json, junit, got "xml"\./],
    [['h:1', '--max-connections', String(MAX_CONNECTIONS_CEILING + 1)], /^`--max-connections` must be an integer from 1 to 8, got "9"\./],
    [['h:1', '--max-connections', '0'], /^`--max-connections` must be an integer from 1 to 8/],
    [['h:1', '--read-timeout', '5s'], /^`--read-timeout` must be an integer from 100 to 60000, got "5s"\./],
    [['h:1', '--connect-timeout', '50'], /^`--connect-timeout` must be an integer from 100 to 60000/],
    [['h:1', '--expect-policy', ''], /^`--expect-policy` must be `default` or the path/],
    [['h:1', '--verbose'], /^`probe` unknown option '--verbose'\. Run `secure-rdp-hosts probe --help`\./],
    [[], /^`<host>:<port>` must be given exactly once, got none\./],
    [['a:1', 'b:2'], /^`<host>:<port>` must be given exactly once, got \["a:1","b:2"\]/],
  ])('fails on %j', (argv, expected) => {
    expect(() => parseProbeArguments(argv)).toThrow(expected);
  });
});
