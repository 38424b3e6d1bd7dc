/**
 * The machine-readable report: summary, rules, every outcome (compliant ones included, so the
 * report proves coverage), suppressions with reasons, and the exposure map.
 */
import { failing, ReviewResult, ruleCounts } from './review-result';

/** Version of the JSON report's shape. */
export const JSON_REPORT_VERSION = 1;

/** Renders a review as JSON. */
export function renderJson(result: ReviewResult): string {
  const { report } = result;
  const failed = failing(result);
  const counts = ruleCounts(report);
  return `${JSON.stringify(
    {
      reportVersion: JSON_REPORT_VERSION,
      pack: report.pack,
      threshold: result.threshold,
      passed: failed.length === 0,
      summary: {
        violations: failed.length,
        outcomes: report.outcomes.length,
        suppressed: report.outcomes.filter((o) => o.suppression).length,
      },
      documents: report.documents,
      rules: report.rules.map((r) => ({ ...r, counts: counts.get(r.id) })),
      outcomes: report.outcomes,
      suppressions: report.suppressions,
      invalidSuppressions: report.invalidSuppressions,
      exposure: result.exposure,
      ...(report.unchangedResources !== undefined ? { changedOnly: { unchangedResources: report.unchangedResources } } : {}),
      ...(result.baseline ? { baseline: { source: result.baseline.source, known: result.baseline.known.size, newViolations: failed.map((o) => o.fingerprint), fixed: result.baseline.fixed } } : {}),
    },
    null,
    2,
  )}\n`;
}
