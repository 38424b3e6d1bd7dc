/**
 * The machine-readable report (`--format json`). Schema version 1; fields are only ever added.
 */
import { protocolNames } from './codec';
import { describeOutcome } from './negotiation';
import type { ProbeFailure, ProbeReport } from './report-types';
import { tlsVersionNumber } from './tls-versions';
import { formatTarget } from './transport';
import { verdictExitCode } from './verdict';

/** Version of the JSON report layout. */
export const JSON_REPORT_SCHEMA_VERSION = 1;

/** Renders a finished probe as JSON (one object, pretty-printed). */
export function formatJsonReport({ result, verdict }: ProbeReport): string {
  const document = {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    target: formatTarget(result.target),
    verdict: verdict.passed ? 'pass' : 'fail',
    exitCode: verdictExitCode(verdict),
    policy: verdict.policy,
    checks: verdict.checks,
    probe: {
      startedAt: result.startedAt,
      durationMs: result.durationMs,
      connections: result.connections,
      maxConnections: result.maxConnections,
      negotiations: result.negotiations.map((n) => ({
        request: n.request.id,
        requestedProtocols: n.request.protocols ?? null,
        requestedProtocolNames: n.request.protocols === undefined ? null : protocolNames(n.request.protocols),
        outcome: n.outcome,
        ...(n.outcome.kind === 'selected' ? { selectedProtocolNames: protocolNames(n.outcome.selectedProtocol) } : {}),
        summary: describeOutcome(n.outcome),
      })),
      tlsVersions: result.tlsVersions.map((t) => ({ ...t, versionNumber: tlsVersionNumber(t.version) })),
      certificate: result.certificate ?? null,
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Renders an endpoint failure as JSON, so a CI step parsing stdout always gets an object. */
export function formatJsonFailure(failure: ProbeFailure): string {
  const document = {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    target: formatTarget(failure.target),
    verdict: 'error',
    exitCode: 2,
    error: { problem: failure.problem, message: failure.message },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
