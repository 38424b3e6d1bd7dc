/**
 * docs/RULES.md, generated from the pack (cdk-nag's RULES.md): per severity, `Rule ID | Cause |
 * Explanation | Fix | See also`, so the documentation cannot drift from the rules.
 */
import { PolicyPack, SEVERITY_ORDER } from '../types';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Renders the rules table of a pack as Markdown. */
export function rulesMarkdown(pack: PolicyPack): string {
  const out: string[] = [
    `# ${pack.name} rules (version ${pack.version})`,
    '',
    '<!-- Generated from policy/packs/rdp-baseline.ts by `npm run docs:rules`; do not edit by hand. -->',
    '',
    `${pack.rules.length} rules. Each is a pure function in \`policy/rules/<aws|azure|common>/<Name>.ts\`; the pack gives it a stable ID,`,
    'a severity and the wording below. Suppress a finding with `Policy.acknowledge(construct, { id, reason })` or an',
    'acknowledgement prop of the constructs; see docs/policy.md.',
    '',
  ];
  for (const severity of SEVERITY_ORDER) {
    const rules = pack.rules.filter((r) => r.severity === severity);
    if (rules.length === 0) continue;
    out.push(`## ${severity[0].toUpperCase()}${severity.slice(1)}s`, '', '| Rule ID | Cause | Explanation | Fix | See also |', '|---|---|---|---|---|');
    for (const r of rules) {
      const refs = [...(r.references?.cis ?? []), ...(r.references?.checkov ?? []), ...(r.references?.trivy ?? [])];
      const aliases = (r.acknowledgedBy ?? []).map((id) => `\`${id}\``).join(', ');
      const fix = aliases ? `${r.remediation} An acknowledgement of ${aliases} also suppresses this rule.` : r.remediation;
      out.push(`| \`${r.id}\`<br>${r.rule.name} | ${cell(r.title)} | ${cell(r.rationale)} | ${cell(fix)} | ${cell(refs.join(', ') || '-')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
