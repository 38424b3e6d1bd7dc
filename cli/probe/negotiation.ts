/**
 * One X.224 / RDP_NEG_REQ negotiation per requested protocol set, and what each answer means.
 *
 * Interpretation rules (see docs/probe.md and the RDP-PROBE study):
 * - `selectedProtocol = 0` is legal for any request and means Standard RDP Security was accepted;
 * - a Connection Confirm without negotiation data counts as accepted only if the server then keeps the
 *   connection open (xrdp `tls` sends one and closes; a standard-RDP server waits for MCS);
 * - failure codes differ between implementations, so they are reported, never relied on.
 */
import * as net from 'net';
import { ConnectionConfirm, decodeConnectionConfirm, encodeConnectionRequest, failureCodeName, NotRdpError, Protocol, protocolNames } from './codec';
import { EndpointError, readTpkt, waitForClose } from './transport';

/** A set of protocols the probe asks for in one Connection Request. */
export interface RequestSet {
  /** Stable ID used in JSON reports and check details, e.g. `ssl+hybrid+hybrid_ex`. */
  readonly id: string;
  /** `requestedProtocols` bits; `undefined` sends no RDP_NEG_REQ (a legacy client). */
  readonly protocols: number | undefined;
  /** What a client asking for this set is. */
  readonly description: string;
}

/** The request sets, in the order the probe sends them. The first is what a modern client (mstsc) asks for. */
export const REQUEST_SETS: readonly RequestSet[] = [
  { id: 'ssl+hybrid+hybrid_ex', protocols: Protocol.SSL | Protocol.HYBRID | Protocol.HYBRID_EX, description: 'TLS or NLA (a modern client)' },
  { id: 'ssl', protocols: Protocol.SSL, description: 'TLS without NLA' },
  { id: 'hybrid', protocols: Protocol.HYBRID, description: 'NLA (CredSSP) only' },
  { id: 'rdp', protocols: Protocol.RDP, description: 'Standard RDP Security only' },
  { id: 'legacy', protocols: undefined, description: 'a legacy client (no RDP_NEG_REQ)' },
];

/** What the server did with one request set. */
export type NegotiationOutcome =
  /** RDP_NEG_RSP: the server selected this protocol (0 = Standard RDP Security). */
  | { readonly kind: 'selected'; readonly selectedProtocol: number; readonly flags: number }
  /** RDP_NEG_FAILURE with this code. */
  | { readonly kind: 'refused'; readonly failureCode: number }
  /** A Connection Confirm without negotiation data; `keptOpen` = the server waited for the next PDU. */
  | { readonly kind: 'no-negotiation'; readonly keptOpen: boolean }
  /** The exchange failed (timeout, reset, malformed reply) after the endpoint was known to speak RDP. */
  | { readonly kind: 'error'; readonly reason: string }
  /** Not attempted, e.g. the connection cap was reached. */
  | { readonly kind: 'skipped'; readonly reason: string };

/** Bounds of one negotiation. */
export interface NegotiationTimeouts {
  /** How long to wait for the Connection Confirm. */
  readonly readTimeoutMs: number;
  /** After a bare Connection Confirm: how long to watch for the server closing the connection. */
  readonly closeWaitMs: number;
}

/**
 * Sends one Connection Request on a fresh connection and classifies the answer.
 * Leaves the socket open and paused (a TLS handshake may follow); the caller closes it.
 * @throws EndpointError when the reply is missing or not RDP (the caller decides whether that is fatal)
 */
export async function negotiate(socket: net.Socket, request: RequestSet, timeouts: NegotiationTimeouts): Promise<NegotiationOutcome> {
  socket.write(encodeConnectionRequest(request.protocols));
  const confirm = decodeConfirm(await readTpkt(socket, timeouts.readTimeoutMs));
  switch (confirm.kind) {
    case 'selected':
      return { kind: 'selected', selectedProtocol: confirm.selectedProtocol, flags: confirm.flags };
    case 'failure':
      return { kind: 'refused', failureCode: confirm.failureCode };
    case 'bare': {
      const closed = await waitForClose(socket, timeouts.closeWaitMs);
      return { kind: 'no-negotiation', keptOpen: !closed };
    }
  }
}

function decodeConfirm(pdu: Buffer): ConnectionConfirm {
  try {
    return decodeConnectionConfirm(pdu);
  } catch (e) {
    if (e instanceof NotRdpError) throw new EndpointError('not-rdp', e.message);
    throw e;
  }
}

/** True when the outcome lets a client in with Standard RDP Security (no TLS). */
export function acceptsStandardRdp(outcome: NegotiationOutcome): boolean {
  return (outcome.kind === 'selected' && outcome.selectedProtocol === Protocol.RDP) || (outcome.kind === 'no-negotiation' && outcome.keptOpen);
}

/** True when the server selected a protocol that starts with a TLS handshake (SSL, HYBRID or HYBRID_EX). */
export function selectsTls(outcome: NegotiationOutcome): boolean {
  return outcome.kind === 'selected' && (outcome.selectedProtocol & (Protocol.SSL | Protocol.HYBRID | Protocol.HYBRID_EX)) !== 0;
}

/** True when the server selected CredSSP (HYBRID or HYBRID_EX), i.e. Network Level Authentication. */
export function selectsNla(outcome: NegotiationOutcome): boolean {
  return outcome.kind === 'selected' && (outcome.selectedProtocol & (Protocol.HYBRID | Protocol.HYBRID_EX)) !== 0;
}

/** True when the outcome is a definite answer (not an error or a skipped attempt). */
export function isDefinite(outcome: NegotiationOutcome): boolean {
  return outcome.kind !== 'error' && outcome.kind !== 'skipped';
}

/** One-line description, e.g. `selected HYBRID (NLA)` or `refused: HYBRID_REQUIRED_BY_SERVER (5)`. */
export function describeOutcome(outcome: NegotiationOutcome): string {
  switch (outcome.kind) {
    case 'selected': {
      const name = protocolNames(outcome.selectedProtocol);
      if (outcome.selectedProtocol === Protocol.RDP) return 'selected RDP (Standard RDP Security, no TLS)';
      return selectsNla(outcome) ? `selected ${name} (NLA)` : outcome.selectedProtocol === Protocol.SSL ? 'selected SSL (TLS without NLA)' : `selected ${name}`;
    }
    case 'refused':
      return `refused: ${failureCodeName(outcome.failureCode)}`;
    case 'no-negotiation':
      return outcome.keptOpen
        ? 'no negotiation data, connection kept open (Standard RDP Security accepted)'
        : 'no negotiation data, then the server closed the connection (refused)';
    case 'error':
      return `error: ${outcome.reason}`;
    case 'skipped':
      return `not attempted: ${outcome.reason}`;
  }
}
