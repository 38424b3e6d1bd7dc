/**
 * SARIF 2.1.0 for GitHub code scanning: one run, the pack's rules as `tool.driver.rules`, one
 * result per non-compliant or unknown outcome (suppressed ones carry `suppressions` with the
 * reason), located at the resource's line in its cdk.tf.json.
 */
import { Compliance, Severity } from '../types';
import { isNew, ReviewResult } from './review-result';

/** The SARIF schema this output follows. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { [Severity.ERROR]: 'error', [Severity.WARNING]: 'warning', [Severity.INFO]: 'note' };
/** GitHub's `security-severity` (0-10) per severity: high, medium, low. */
const SECURITY_SEVERITY: Record<Severity, string> = { [Severity.ERROR]: '8.0', [Severity.WARNING]: '5.0', [Severity.INFO]: '2.0' };

/** Renders a review as a SARIF 2.1.0 log. */
export function renderSarif(result: ReviewResult, toolVersion = '0.0.0'): string {
  const { report } = result;
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const rules = report.rules.map((r) => ({
    id: r.id,
    name: r.name,
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: {
      text: `${r.rationale}\nFix: ${r.remediation}`,
      markdown: `${r.rationale}\n\n**Fix:** ${r.remediation}${references(r.references)}`,
    },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ['security', 'rdp', ...(r.references?.checkov ?? []), ...(r.references?.trivy ?? [])],
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: 'high',
    },
  }));
  const results = report.outcomes
    .filter((o) => o.compliance !== Compliance.COMPLIANT)
    .map((o) => ({
      ruleId: o.ruleId,
      ruleIndex: ruleIndex.get(o.ruleId) ?? 0,
      level: LEVEL[o.severity],
      message: { text: `${o.compliance === Compliance.UNKNOWN ? 'Cannot be verified: ' : ''}${o.findings.join('; ')} (${o.address}${o.constructPath ? `, construct ${o.constructPath}` : ''})` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: o.source.replace(/\\/g, '/') }, region: { startLine: o.line ?? 1 } },
          logicalLocations: [{ fullyQualifiedName: o.address, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'rdpPolicyFinding/v1': o.fingerprint },
      ...(result.baseline ? { baselineState: isNew(result, o) ? 'new' : 'unchanged' } : {}),
      ...(o.suppression ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: justification(o.suppression) }] } : {}),
      properties: { stack: o.stack, compliance: o.compliance, ...(o.constructPath ? { constructPath: o.constructPath } : {}) },
    }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'secure-rdp-hosts', semanticVersion: toolVersion, rules } },
        results,
        properties: {
          pack: report.pack,
          threshold: result.threshold,
          exposure: result.exposure,
          unusedAcknowledgements: report.suppressions.filter((x) => !x.used).map((x) => ({ id: x.id, stack: x.stack, address: x.address, reason: x.reason, expired: x.expired, ...(x.expires ? { expires: x.expires } : {}), ...(x.owner ? { owner: x.owner } : {}) })),
          ...(result.baseline ? { baseline: { source: result.baseline.source, fixed: result.baseline.fixed } } : {}),
          ...(report.unchangedResources !== undefined ? { changedOnly: { unchangedResources: report.unchangedResources } } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The reason, with owner and expiry when given: `Break-glass host (owner: ops; expires 2026-12-31)`. */
function justification(s: { reason: string; owner?: string; expires?: string }): string {
  const extra = [s.owner ? `owner: ${s.owner}` : '', s.expires ? `expires ${s.expires}` : ''].filter(Boolean).join('; ');
  return extra ? `${s.reason} (${extra})` : s.reason;
}

function references(refs: { cis?: readonly string[]; checkov?: readonly string[]; trivy?: readonly string[] } | undefined): string {
  const parts = [...(refs?.cis ?? []), ...(refs?.checkov ?? []), ...(refs?.trivy ?? [])];
  return parts.length > 0 ? `\n\nSee also: ${parts.join(', ')}.` : '';
}
