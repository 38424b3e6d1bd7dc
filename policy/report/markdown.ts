/**
 * The reviewer's report for a pull request: the exposure map per stack first (who can reach RDP,
 * on which port, from where, through which path, and whether the in-guest TLS policy matches),
 * then the violations with their fixes, the suppressions with their reasons, and the coverage
 * table that proves every rule ran.
 */
import { Compliance } from '../types';
import { ExposurePath, HostExposure } from './exposure';
import { failing, isNew, openOutcomes, ReviewResult, ruleCounts, suppressedOutcomes } from './review-result';

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

const PATH_MARK: Record<ExposurePath, string> = {
  [ExposurePath.INTERNET_OPEN]: '🔴',
  [ExposurePath.INTERNET_ALLOWLIST]: '🟠',
  [ExposurePath.ALLOWLIST_WITHOUT_PUBLIC_IP]: '🟡',
  [ExposurePath.VPN]: '🟢',
  [ExposurePath.SESSION_MANAGER]: '🟢',
  [ExposurePath.BASTION]: '🟢',
  [ExposurePath.NONE]: '⚪',
  [ExposurePath.UNKNOWN]: '❔',
};

function hostRow(h: HostExposure): string {
  const sources = h.sources.length === 0 ? 'nobody' : h.sources.map((s) => `${s.label} [${s.sourceClass}] (${s.transports})`).join('<br>');
  const publicIp = h.publicAddress.state === 'yes' ? `yes: ${h.publicAddress.via.join(', ')}` : h.publicAddress.state === 'no' ? 'no' : `unknown: ${h.publicAddress.via.join(', ')}`;
  const other = h.otherPorts.length === 0 ? 'none' : h.otherPorts.map((o) => `${o.label} [${o.sourceClass}]: ${o.transports}`).join('<br>');
  const management = `${h.management.state === 'yes' ? '✅' : h.management.state === 'no' ? '❌' : '❔'} ${h.management.via.join('; ')}`;
  return `| ${cell(code(h.address))}${h.constructPath ? `<br>${cell(h.constructPath)}` : ''} | ${h.cloud} | ${h.accessMode} | ${h.portFromProfile ? h.ports.join(', ') : `${h.ports.join(', ')} (no profile: Windows listens on 3389)`} | ${cell(sources)} | ${PATH_MARK[h.path]} ${h.path} | ${cell(publicIp)} | ${cell(other)} | ${cell(management)} | ${h.guestTlsMatches ? '✅' : '❌'} ${cell(h.guestTls)} |`;
}

/** Renders a review as Markdown for a pull request. */
export function renderMarkdown(result: ReviewResult): string {
  const { report } = result;
  const failed = failing(result);
  const open = openOutcomes(report);
  const suppressed = suppressedOutcomes(report);
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  out.push(`# RDP policy review: ${report.pack.name} ${report.pack.version}`, '');
  out.push(
    failed.length === 0
      ? `**✅ Pass:** no unsuppressed violation at or above \`${result.threshold}\`.`
      : `**❌ Fail:** ${failed.length} unsuppressed violation${failed.length === 1 ? '' : 's'} at or above \`${result.threshold}\`.`,
  );
  out.push('', `Reviewed ${report.documents.length} stack${report.documents.length === 1 ? '' : 's'} (${report.documents.map((d) => `${code(d.stack)} from ${code(d.source)}`).join(', ')}) against ${report.rules.length} rules.`);

  out.push('', '## Exposure map', '');
  for (const stack of result.exposure) {
    out.push(`### Stack ${code(stack.stack)}`, '');
    if (stack.hosts.length === 0) {
      out.push('No RDP hosts (`aws_instance`, `azurerm_windows_virtual_machine`) in this stack.', '');
      continue;
    }
    out.push('| Host | Cloud | Access mode | RDP port | Who can reach RDP | Path | Public IP | Other ports reachable | Management path | In-guest TLS policy |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const h of stack.hosts) out.push(hostRow(h));
    out.push('');
    for (const h of stack.hosts) {
      const through = h.sources.flatMap((s) => s.via.map((v) => `${s.label} ← ${v}`));
      if (through.length > 0) out.push(`<details><summary>${cell(h.address)}: rules that admit each source</summary>`, '', ...through.map((t) => `- ${cell(t)}`), '', '</details>', '');
      if (h.unknowns.length > 0) out.push(`Could not read for ${code(h.address)}: ${h.unknowns.map(cell).join('; ')}`, '');
    }
  }

  out.push('## Findings', '');
  if (open.length === 0) {
    out.push('No open findings.', '');
  } else {
    out.push('| Severity | Rule | Resource | Finding | Fix |', '|---|---|---|---|---|');
    for (const o of open) {
      const severity = `${o.compliance === Compliance.UNKNOWN ? `${o.severity} (unknown)` : o.severity}${result.baseline && !isNew(result, o) ? ' (baseline)' : ''}`;
      out.push(
        `| ${severity} | ${code(o.ruleId)} | ${cell(code(o.address))}${o.constructPath ? `<br>${cell(o.constructPath)}` : ''} | ${cell(o.findings.join('; '))} | ${cell(rules.get(o.ruleId)?.remediation ?? '')} |`,
      );
    }
    out.push('');
  }

  out.push('## Suppressions', '');
  if (report.suppressions.length === 0 && report.invalidSuppressions.length === 0) {
    out.push('No acknowledgements or suppressions.', '');
  } else {
    out.push('| Rule | Stack | Resource | Reason | Suppressed findings |', '|---|---|---|---|---|');
    for (const s of report.suppressions) {
      const hits = suppressed.filter((o) => o.stack === s.stack && o.address === s.address && o.suppression?.id === s.id);
      const note = s.knownRule ? (hits.length > 0 ? hits.flatMap((o) => o.findings).join('; ') : 'nothing (the rule passes here)') : 'not a rule of this pack';
      const details = [s.owner ? `owner: ${s.owner}` : '', s.expires ? `${s.expired ? '**expired** on' : 'expires'} ${s.expires}` : ''].filter(Boolean).join('; ');
      out.push(`| ${code(s.id)} | ${code(s.stack)} | ${cell(code(s.address))} | ${cell(s.reason)}${details ? `<br>${cell(details)}` : ''} | ${cell(s.expired ? 'nothing: expired' : note)} |`);
    }
    for (const i of report.invalidSuppressions) out.push(`| (invalid) | ${code(i.stack)} | ${cell(code(i.address))} | ${cell(i.problem)} | not applied |`);
    out.push('');
  }

  if (result.baseline) {
    out.push('## Baseline', '', `Compared with ${code(result.baseline.source)}: ${result.baseline.known.size} known finding(s); only new ones fail.`, '');
    if (result.baseline.fixed.length === 0) out.push('No baseline finding was fixed.', '');
    else out.push('Fixed since the baseline:', '', ...result.baseline.fixed.map((f) => `- ${code(f.ruleId)} ${f.stack ? `${code(f.stack)} ` : ''}${code(f.address ?? f.fingerprint)}`), '');
  }
  if (report.unchangedResources !== undefined) out.push(`_Changed resources only: ${report.unchangedResources} unchanged resource(s) were reviewed as context, not reported._`, '');

  out.push('## Rule coverage', '');
  out.push('| Rule | Severity | Compliant | Violations | Unknown | Suppressed | Not applicable |', '|---|---|---|---|---|---|---|');
  const counts = ruleCounts(report);
  for (const r of report.rules) {
    const c = counts.get(r.id);
    if (!c) continue;
    out.push(`| ${code(r.id)} ${cell(r.title)} | ${r.severity} | ${c.compliant} | ${c.nonCompliant} | ${c.unknown} | ${c.suppressed} | ${c.notApplicable} |`);
  }
  out.push('');
  return out.join('\n');
}
