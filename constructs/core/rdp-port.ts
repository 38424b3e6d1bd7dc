import { RdpValidationError, showValue } from './errors';

/** Ports that an RDP listener must never take: the RDP default and other Windows services' ports. */
export const RESERVED_WINDOWS_PORTS: ReadonlyMap<number, string> = new Map([
  [135, 'RPC endpoint mapper'],
  [137, 'NetBIOS name service'],
  [138, 'NetBIOS datagram service'],
  [139, 'NetBIOS session service'],
  [445, 'SMB'],
  [1433, 'SQL Server'],
  [1434, 'SQL Server browser'],
  [2179, 'Hyper-V VMConnect'],
  [3268, 'Active Directory global catalog'],
  [3269, 'Active Directory global catalog over TLS'],
  [3343, 'failover cluster service'],
  [3389, 'the default RDP port, the first one scanners try'],
  [3391, 'RD Gateway UDP transport'],
  [5355, 'LLMNR'],
  [5985, 'WinRM over HTTP'],
  [5986, 'WinRM over HTTPS'],
  [9389, 'Active Directory Web Services'],
  [47001, 'WinRM local listener'],
]);

/** Lowest port an RDP listener may use. */
export const MIN_RDP_PORT = 1024;
/** Highest port an RDP listener may use. */
export const MAX_RDP_PORT = 65535;

/** What an RDP port may be; appended to every port problem. */
export const RDP_PORT_ALLOWED =
  `Allowed: an integer from ${MIN_RDP_PORT} to ${MAX_RDP_PORT}, other than 3389 and the ports of other Windows services ` +
  `(${[...RESERVED_WINDOWS_PORTS.keys()].filter((p) => p >= MIN_RDP_PORT).join(', ')}).`;

/**
 * Returns what is wrong with `value` as an RDP listener port, or `undefined` when it is acceptable.
 */
export function rdpPortProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `must be an integer, got ${showValue(value)}. ${RDP_PORT_ALLOWED}`;
  }
  if (value < MIN_RDP_PORT || value > MAX_RDP_PORT) {
    return `must be between ${MIN_RDP_PORT} and ${MAX_RDP_PORT}, got ${value}. ${RDP_PORT_ALLOWED} Pick an unprivileged port such as ${RdpPort.DEFAULT_NUMBER}.`;
  }
  const service = RESERVED_WINDOWS_PORTS.get(value);
  if (service) {
    return `must not be ${value} (${service}), got ${value}. ${RDP_PORT_ALLOWED} Pick a port such as ${RdpPort.DEFAULT_NUMBER}.`;
  }
  return undefined;
}

/** Options of {@link RdpPort.of}. */
export interface RdpPortOptions {
  /** Also carry RDP's UDP transport on the same port. @default false */
  readonly udp?: boolean;
}

/**
 * The TCP (and optionally UDP) port the RDP listener uses. One value drives the guest registry
 * (`PortNumber`), the guest firewall, and the NSG / security-group rules, so they cannot drift; it
 * carries the transport too: `RdpPort.of(50123, { udp: true })` (or `.withUdp()`) admits UDP as well
 * as TCP on the port, on both clouds and in the guest.
 *
 * Validated when created: an integer from 1024 to 65535, never 3389 and never the port of another
 * Windows service (SMB, WinRM, RPC, …).
 */
export class RdpPort {
  /**
   * The default listener port, 43389: unprivileged, below the Windows dynamic (ephemeral) range
   * 49152–65535 so it never collides with outbound client ports, and not used by any Windows service.
   */
  public static readonly DEFAULT_NUMBER = 43389;

  /** The default port ({@link RdpPort.DEFAULT_NUMBER}). */
  public static default(): RdpPort {
    return new RdpPort(RdpPort.DEFAULT_NUMBER);
  }

  /**
   * A port from its number.
   * @param port the TCP/UDP port number (errors name it `rdpPort`)
   * @param options whether it carries UDP too
   * @throws RdpValidationError when the number is not an acceptable RDP port
   */
  public static of(port: number, options: RdpPortOptions = {}): RdpPort {
    const { udp = false } = options;
    const problem = rdpPortProblem(port);
    if (problem) throw new RdpValidationError('rdpPort', port, problem);
    if (typeof udp !== 'boolean') throw new RdpValidationError('rdpPort.udp', udp, `must be true or false, got ${showValue(udp)}.`);
    return new RdpPort(port, udp);
  }

  /** The port number. */
  public readonly number: number;
  /** True when RDP's UDP transport is admitted on the port as well as TCP. */
  public readonly udp: boolean;

  private constructor(port: number, udp = false) {
    this.number = port;
    this.udp = udp;
  }

  /** The same port carrying UDP as well as TCP. */
  public withUdp(): RdpPort {
    return new RdpPort(this.number, true);
  }

  /** The port as text, e.g. `"43389"`, as NSG rules and registry scripts want it. */
  public toString(): string {
    return String(this.number);
  }
}
