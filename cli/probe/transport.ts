/**
 * TCP plumbing for the probe: bounded connects and reads, a cap on connections, and errors that say
 * what went wrong in words a CI log reader understands. Knows nothing about RDP beyond TPKT framing.
 */
import * as net from 'net';
import { describeNonRdpBytes, NotRdpError, tpktLength } from './codec';

/** The endpoint under test. */
export interface ProbeTarget {
  /** Host name or IP address (IPv6 without brackets). */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
}

/** Renders a target as `host:port` (`[::1]:3389` for IPv6). */
export function formatTarget(target: ProbeTarget): string {
  return net.isIPv6(target.host) ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}

/** Why the endpoint could not be probed at all. */
export type EndpointProblem =
  /** No TCP connection: refused, unresolvable, unreachable or timed out. */
  | 'unreachable'
  /** TCP connected, but no answer to the Connection Request within the read timeout. */
  | 'no-answer'
  /** Something answered, but not RDP (other protocol, or closed without answering). */
  | 'not-rdp';

/** The endpoint cannot be probed: not reachable, silent, or not an RDP listener. Exit code 2. */
export class EndpointError extends Error {
  /** What kind of problem it is. */
  public readonly problem: EndpointProblem;

  constructor(problem: EndpointProblem, message: string) {
    super(message);
    this.name = 'EndpointError';
    this.problem = problem;
  }
}

/**
 * Caps the number of TCP connections one probe run may open, so a probe can never turn into a scan.
 */
export class ConnectionBudget {
  /** The cap. */
  public readonly max: number;
  private opened = 0;

  constructor(max: number) {
    this.max = max;
  }

  /** Connections taken so far. */
  public get used(): number {
    return this.opened;
  }

  /** Takes one connection from the budget; false when the cap is reached. */
  public tryTake(): boolean {
    if (this.opened >= this.max) return false;
    this.opened += 1;
    return true;
  }
}

function connectFailure(target: ProbeTarget, err: NodeJS.ErrnoException): EndpointError {
  const where = formatTarget(target);
  switch (err.code) {
    case 'ECONNREFUSED':
      return new EndpointError('unreachable', `connection refused by ${where}: nothing listens on that port, or a firewall rejects the connection.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new EndpointError('unreachable', `cannot resolve the host name ${JSON.stringify(target.host)} (${err.code}).`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new EndpointError('unreachable', `no route to ${where} (${err.code}): run the probe from a machine that can reach the host, e.g. inside the VPN.`);
    default:
      return new EndpointError('unreachable', `cannot connect to ${where}: ${err.code ?? err.message}.`);
  }
}

/**
 * Opens a TCP connection, failing after `timeoutMs`. The socket gets a permanent no-op error listener:
 * later errors surface through the operation that is waiting (read, TLS) or through `close`.
 * @throws EndpointError ('unreachable')
 */
export function openConnection(target: ProbeTarget, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new EndpointError('unreachable', `no TCP connection to ${formatTarget(target)} within ${timeoutMs} ms: the host is down, or a firewall drops the traffic (run the probe from inside the VPN).`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(connectFailure(target, err));
    });
  });
}

/**
 * Reads exactly one TPKT (the server's Connection Confirm) and pauses the socket, so a TLS handshake
 * can take it over.
 * @throws EndpointError ('no-answer' on timeout, 'not-rdp' for other bytes or an early close)
 */
export function readTpkt(socket: net.Socket, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const finish = (error: EndpointError | undefined, pdu?: Buffer) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve(pdu as Buffer);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      try {
        const length = tpktLength(received);
        if (received.length >= length) finish(undefined, received.subarray(0, length));
      } catch (e) {
        if (!(e instanceof NotRdpError)) throw e;
        finish(new EndpointError('not-rdp', e.message));
      }
    };
    const onClose = () =>
      finish(new EndpointError('not-rdp', received.length === 0
        ? 'the service closed the connection without answering the RDP Connection Request'
        : `the service closed the connection after ${received.length} bytes (${describeNonRdpBytes(received)})`));
    const timer = setTimeout(() => finish(received.length === 0
      ? new EndpointError('no-answer', `no answer to the RDP Connection Request within ${timeoutMs} ms`)
      : new EndpointError('not-rdp', `an incomplete reply within ${timeoutMs} ms (${describeNonRdpBytes(received)})`)), timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.resume();
  });
}

/**
 * Waits up to `ms` for the peer to close the connection; resolves true if it did.
 * Used after a bare Connection Confirm: closing means "refused", staying open means "go on".
 */
export function waitForClose(socket: net.Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.off('close', onClose);
      socket.off('end', onClose);
      socket.off('data', ignore);
      resolve(closed);
    };
    const onClose = () => done(true);
    const ignore = () => undefined;
    const timer = setTimeout(() => done(false), ms);
    socket.once('close', onClose);
    socket.once('end', onClose);
    socket.on('data', ignore);
    socket.resume();
  });
}
