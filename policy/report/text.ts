/**
 * The default terminal format: violations grouped by stack and resource, each with the fix;
 * then suppressions with their reasons and a one-line summary.
 */
import { Compliance } from '../types';
import { HostExposure } from './exposure';
import { failing, isNew, openOutcomes, ReviewResult, suppressedOutcomes, where } from './review-result';

/** Renders a review for a terminal. */
export function renderText(result: ReviewResult): string {
  const { report } = result;
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const lines: string[] = [];
  const open = openOutcomes(report);
  let lastHeading = '';
  for (const o of open) {
    const heading = `${o.stack}  ${where(o)}`;
    if (heading !== lastHeading) {
      lines.push('', heading);
      lastHeading = heading;
    }
    const state = `${o.compliance === Compliance.UNKNOWN ? `${o.severity} (unknown)` : o.severity}${result.baseline && !isNew(result, o) ? ' (baseline)' : ''}`;
    lines.push(`  ${state.padEnd(17)} ${o.ruleId}  ${rules.get(o.ruleId)?.title ?? ''}`);
    for (const f of o.findings) lines.push(`${' '.repeat(20)}- ${f}`);
    lines.push(`${' '.repeat(20)}fix: ${rules.get(o.ruleId)?.remediation ?? ''}`);
  }
  const suppressed = suppressedOutcomes(report);
  if (suppressed.length > 0) {
    lines.push('', `Suppressed (${suppressed.length}):`);
    for (const o of suppressed) lines.push(`  ${o.ruleId}  ${o.stack}  ${where(o)}: ${o.suppression?.reason}${ackDetails(o.suppression)}`);
  }
  const unused = report.suppressions.filter((s) => !s.used);
  if (unused.length > 0) {
    lines.push('', `Acknowledgements that suppressed nothing (${unused.length}):`);
    for (const s of unused) lines.push(`  ${s.id}  ${s.stack}  ${where(s)}: ${s.reason}${ackDetails(s)}${s.knownRule ? '' : ' (not a rule of this pack)'}`);
  }
  const expired = report.suppressions.filter((s) => s.expired);
  if (expired.length > 0) {
    lines.push('', `Expired acknowledgements (${expired.length}; they no longer cover their risk):`);
    for (const s of expired) lines.push(`  ${s.id}  ${s.stack}  ${where(s)}: expired on ${s.expires}${s.owner ? `, owner ${s.owner}` : ''}: ${s.reason}`);
  }
  if (result.baseline) {
    lines.push('', `Baseline ${result.baseline.source}: ${result.baseline.known.size} known finding${result.baseline.known.size === 1 ? '' : 's'}, ${result.baseline.fixed.length} fixed${result.baseline.fixed.length > 0 ? ':' : '.'}`);
    for (const f of result.baseline.fixed) lines.push(`  fixed  ${f.ruleId}  ${f.stack ?? ''}  ${f.address ?? f.fingerprint}`);
  }
  if (report.unchangedResources !== undefined) lines.push('', `Changed resources only: ${report.unchangedResources} resource${report.unchangedResources === 1 ? '' : 's'} the plan leaves unchanged were reviewed as context, not reported.`);
  for (const invalid of report.invalidSuppressions) lines.push(`  invalid acknowledgement on ${invalid.stack} ${invalid.address}: ${invalid.problem}`);
  lines.push('', 'Exposure map:');
  for (const stack of result.exposure) {
    if (stack.hosts.length === 0) lines.push(`  ${stack.stack}: no RDP hosts`);
    for (const h of stack.hosts) lines.push(...exposureLines(stack.stack, h));
  }
  const failed = failing(result);
  const compliant = report.outcomes.filter((o) => o.compliance === Compliance.COMPLIANT).length;
  lines.push(
    '',
    `${failed.length === 0 ? 'PASS' : 'FAIL'}: ${failed.length}${result.baseline ? ' new' : ''} violation${failed.length === 1 ? '' : 's'} at or above ${result.threshold}; ` +
      `${open.length} open finding${open.length === 1 ? '' : 's'} in total, ${suppressed.length} suppressed, ${compliant} compliant checks ` +
      `(${report.pack.name} ${report.pack.version}, ${report.rules.length} rules, ${report.documents.length} stack${report.documents.length === 1 ? '' : 's'}).`,
  );
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

/** The exposure of one host as indented lines: RDP sources and path, public address, other ports, management path. */
function exposureLines(stack: string, h: HostExposure): string[] {
  const out = [`  ${stack}  ${where(h)}  ${h.cloud}, ${h.accessMode}, RDP port ${h.ports.join(', ')}${h.portFromProfile ? '' : ' (no profile: Windows listens on 3389)'}`];
  out.push(`      path: ${h.path}; public address: ${h.publicAddress.state}${h.publicAddress.via.length > 0 ? ` (${h.publicAddress.via.join(', ')})` : ''}`);
  if (h.sources.length === 0) out.push('      RDP reachable from: nobody');
  for (const s of h.sources) out.push(`      RDP from [${s.sourceClass}] ${s.label}: ${s.transports} via ${s.via.join(', ')}`);
  if (h.otherPorts.length === 0) out.push('      other ports: none');
  for (const o of h.otherPorts) out.push(`      other ports from [${o.sourceClass}] ${o.label}: ${o.transports} via ${o.via.join(', ')}`);
  out.push(`      management path: ${h.management.state}${h.management.via.length > 0 ? ` (${h.management.via.join('; ')})` : ''}`);
  out.push(`      in-guest TLS: ${h.guestTls}`);
  if (h.unknowns.length > 0) out.push(`      could not read: ${h.unknowns.join('; ')}`);
  return out;
}

function ackDetails(s: { owner?: string; expires?: string } | undefined): string {
  const parts = [s?.owner ? `owner ${s.owner}` : '', s?.expires ? `expires ${s.expires}` : ''].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
