/**
 * Boundaries of the RDP port check (issue #20, mutation testing): the exact edges of the range, every
 * Windows service port by number (not read back from the list under test), and non-integers inside the range.
 */
import { RDP_PORT_ALLOWED, rdpPortProblem, RdpPort } from '../../constructs/core/rdp-port';

/** Windows service ports from 1024 up that an RDP listener must never take (written out, not taken from the code). */
const SERVICE_PORTS: ReadonlyArray<[number, RegExp]> = [
  [1433, /SQL Server/],
  [1434, /SQL Server browser/],
  [2179, /Hyper-V/],
  [3268, /global catalog/],
  [3269, /global catalog over TLS/],
  [3343, /failover cluster/],
  [3389, /default RDP port/],
  [3391, /RD Gateway/],
  [5355, /LLMNR/],
  [5985, /WinRM over HTTP/],
  [5986, /WinRM over HTTPS/],
  [9389, /Active Directory Web Services/],
  [47001, /WinRM local listener/],
];

test.each(SERVICE_PORTS)('port %i is refused and the message names the service', (port, service) => {
  const problem = rdpPortProblem(port);
  expect(problem).toMatch(new RegExp(`^must not be ${port} \\(`));
  expect(problem).toMatch(service);
  expect(() => RdpPort.of(port)).toThrow(`\`rdpPort\` must not be ${port}`);
});

test('the neighbours of the service ports are accepted', () => {
  for (const [port] of SERVICE_PORTS) {
    for (const neighbour of [port - 1, port + 1].filter((p) => !SERVICE_PORTS.some(([s]) => s === p))) {
      expect([neighbour, rdpPortProblem(neighbour)]).toEqual([neighbour, undefined]);
    }
  }
});

test('the range is 1024 to 65535 inclusive', () => {
  expect(rdpPortProblem(1023)).toMatch(/^must be between 1024 and 65535, got 1023\./);
  expect(rdpPortProblem(1024)).toBeUndefined();
  expect(rdpPortProblem(65535)).toBeUndefined();
  expect(rdpPortProblem(65536)).toMatch(/^must be between 1024 and 65535, got 65536\./);
});

test.each([43389.5, 1024.25, 65534.9, Infinity, NaN, '43389', null, undefined, true])('a non-integer inside or near the range is refused: %p', (value) => {
  expect(rdpPortProblem(value)).toMatch(/^must be an integer, got /);
});

test('the allowed text lists the Windows service ports from 1024 up, and no privileged port', () => {
  expect(RDP_PORT_ALLOWED).toContain('Allowed: an integer from 1024 to 65535, other than 3389');
  expect(RDP_PORT_ALLOWED).toContain('(1433, 1434, 2179, 3268, 3269, 3343, 3389, 3391, 5355, 5985, 5986, 9389, 47001).');
  for (const value of [1023, 3389, 'x']) expect(rdpPortProblem(value)).toContain(RDP_PORT_ALLOWED);
  expect(rdpPortProblem(80)).toContain('Pick an unprivileged port such as 43389.');
  expect(rdpPortProblem(3389)).toContain('Pick a port such as 43389.');
});

test('RdpPort.of names its parameter and keeps the number', () => {
  expect(() => RdpPort.of(5985)).toThrow(/^`rdpPort` must not be 5985 \(WinRM over HTTP\), got 5985\./);
  expect(RdpPort.of(50000).toString()).toBe('50000');
  expect(RdpPort.default().number).toBe(43389);
});
