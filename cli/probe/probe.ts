/**
 * Runs the probe against one endpoint: one negotiation per request set, then one TLS handshake per
 * version, then the certificate. Bounded: a connection cap, and connect / read timeouts on every step.
 *
 * Each TLS version needs its own connection and negotiation, so a negotiation whose answer selects
 * TLS (or NLA, which starts with TLS) carries the next pending TLS attempt on the same connection.
 * With five request sets and four versions a probe therefore opens 5 to 8 connections, one at a time.
 */
import { X509Certificate } from 'crypto';
import * as net from 'net';
import { CertificateInfo, describeCertificate } from './certificate';
import { describeOutcome, negotiate, NegotiationOutcome, REQUEST_SETS, RequestSet, selectsTls } from './negotiation';
import { ConnectionBudget, EndpointError, openConnection, ProbeTarget } from './transport';
import { TLS_ATTEMPT_ORDER, TLS_VERSIONS, TlsHandshakeOutcome, TlsVersion, tryTlsHandshake } from './tls-versions';

/** Bounds of one probe run. */
export interface ProbeOptions {
  /** TCP connect timeout per connection, in milliseconds. @default 5000 */
  readonly connectTimeoutMs: number;
  /** Read timeout per reply (Connection Confirm, TLS handshake), in milliseconds. @default 5000 */
  readonly readTimeoutMs: number;
  /** Most TCP connections one run may open. @default 8 */
  readonly maxConnections: number;
  /** After a Connection Confirm without negotiation data: how long to watch for a close. @default min(500, readTimeoutMs) */
  readonly closeWaitMs?: number;
}

/** Default bounds: at most 8 connections, 5 s per connect and per read. */
export const DEFAULT_PROBE_OPTIONS: ProbeOptions = { connectTimeoutMs: 5000, readTimeoutMs: 5000, maxConnections: 8 };

/** What one request set got. */
export interface NegotiationResult {
  /** The request set sent. */
  readonly request: RequestSet;
  /** The server's answer. */
  readonly outcome: NegotiationOutcome;
}

/** What one TLS version got. */
export interface TlsVersionResult {
  /** The version offered (and only that one). */
  readonly version: TlsVersion;
  /**
   * `accepted` / `refused` by the server; `unknown` when the answer could not be seen (error, connection cap,
   * or our client refused); `not-applicable` when the server selected no TLS-based protocol at all.
   */
  readonly status: TlsHandshakeOutcome['status'] | 'not-applicable';
  /** Evidence: the cipher, the alert, or why it was not tried. */
  readonly detail: string;
  /** The negotiated cipher, when accepted. */
  readonly cipher?: string;
  /** ID of the request set whose negotiation preceded the handshake. */
  readonly via?: string;
}

/** Everything the probe saw. Plain data: serialisable as JSON. */
export interface ProbeResult {
  /** The endpoint. */
  readonly target: ProbeTarget;
  /** When the probe started, ISO 8601. */
  readonly startedAt: string;
  /** Wall time of the whole probe. */
  readonly durationMs: number;
  /** TCP connections opened. */
  readonly connections: number;
  /** The connection cap in force. */
  readonly maxConnections: number;
  /** One entry per request set, in the order sent. */
  readonly negotiations: readonly NegotiationResult[];
  /** One entry per TLS version, oldest first. */
  readonly tlsVersions: readonly TlsVersionResult[];
  /** The listener certificate, from the first completed handshake. */
  readonly certificate?: CertificateInfo;
}

interface Session {
  readonly socket?: net.Socket;
  readonly outcome: NegotiationOutcome;
}

/** Runs one probe. The probe state lives only for one call. */
class ProbeRun {
  private readonly budget: ConnectionBudget;
  private readonly closeWaitMs: number;
  private readonly servername?: string;
  private readonly tls = new Map<TlsVersion, TlsVersionResult>();
  private certificate?: X509Certificate;

  constructor(
    private readonly target: ProbeTarget,
    private readonly options: ProbeOptions,
  ) {
    this.budget = new ConnectionBudget(options.maxConnections);
    this.closeWaitMs = options.closeWaitMs ?? Math.min(500, options.readTimeoutMs);
    // SNI carries host names only; never an IP address.
    this.servername = net.isIP(target.host) ? undefined : target.host;
  }

  public async run(): Promise<ProbeResult> {
    const started = Date.now();
    const pending = [...TLS_ATTEMPT_ORDER];
    const negotiations: NegotiationResult[] = [];
    for (const request of REQUEST_SETS) {
      // The first exchange decides whether the endpoint is an RDP listener at all: its failures are fatal.
      const session = await this.open(request, negotiations.length === 0);
      negotiations.push({ request, outcome: session.outcome });
      const version = selectsTls(session.outcome) ? pending.shift() : undefined;
      if (session.socket && version) await this.handshake(session.socket, version, request);
      else session.socket?.destroy();
    }
    await this.remainingHandshakes(pending, negotiations);
    return {
      target: this.target,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      connections: this.budget.used,
      maxConnections: this.budget.max,
      negotiations,
      tlsVersions: TLS_VERSIONS.map((v) => this.tls.get(v) as TlsVersionResult),
      ...(this.certificate ? { certificate: describeCertificate(this.certificate) } : {}),
    };
  }

  /** TLS versions not yet tried: each on a new connection, negotiated with the first request set that selected TLS. */
  private async remainingHandshakes(pending: readonly TlsVersion[], negotiations: readonly NegotiationResult[]): Promise<void> {
    const tlsRequest = negotiations.find((n) => selectsTls(n.outcome))?.request;
    for (const version of pending) {
      if (!tlsRequest) {
        this.tls.set(version, { version, status: 'not-applicable', detail: 'not tried: the server selected no TLS-based protocol for any request' });
        continue;
      }
      const session = await this.open(tlsRequest, false);
      if (session.socket && selectsTls(session.outcome)) {
        await this.handshake(session.socket, version, tlsRequest);
        continue;
      }
      session.socket?.destroy();
      const why = session.outcome.kind === 'skipped' ? session.outcome.reason : `${tlsRequest.id} was answered "${describeOutcome(session.outcome)}" this time`;
      this.tls.set(version, { version, status: 'unknown', detail: `not tried: ${why}` });
    }
  }

  /** Opens a connection (within the cap) and negotiates `request` on it. */
  private async open(request: RequestSet, fatal: boolean): Promise<Session> {
    if (!this.budget.tryTake()) {
      return { outcome: { kind: 'skipped', reason: `connection cap of ${this.budget.max} reached` } };
    }
    let socket: net.Socket | undefined;
    try {
      socket = await openConnection(this.target, this.options.connectTimeoutMs);
      const outcome = await negotiate(socket, request, { readTimeoutMs: this.options.readTimeoutMs, closeWaitMs: this.closeWaitMs });
      return { socket, outcome };
    } catch (e) {
      socket?.destroy();
      if (fatal || !(e instanceof EndpointError)) throw e;
      return { outcome: { kind: 'error', reason: e.message } };
    }
  }

  private async handshake(socket: net.Socket, version: TlsVersion, request: RequestSet): Promise<void> {
    const outcome = await tryTlsHandshake(socket, version, this.options.readTimeoutMs, this.servername);
    if (outcome.certificate && !this.certificate) this.certificate = outcome.certificate;
    this.tls.set(version, {
      version,
      status: outcome.status,
      detail: outcome.detail,
      ...(outcome.cipher ? { cipher: outcome.cipher } : {}),
      via: request.id,
    });
  }
}

/**
 * Probes `target` and returns what it accepts. Connections are opened one after another, never in parallel.
 * @throws EndpointError when the endpoint is unreachable, silent, or not an RDP listener (first exchange)
 */
export function probeEndpoint(target: ProbeTarget, options: ProbeOptions = DEFAULT_PROBE_OPTIONS): Promise<ProbeResult> {
  return new ProbeRun(target, options).run();
}
