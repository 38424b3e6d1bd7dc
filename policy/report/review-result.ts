/**
 * What every renderer receives: the engine's report, the exposure map, and the severity threshold
 * that decides pass or fail. Also the counts every format shows.
 */
import { PolicyDocument } from '../document';
import { PolicyReport, review, ReviewOptions, RuleOutcome, violations } from '../engine';
import { Compliance, PolicyPack, Severity } from '../types';
import { Baseline, BaselineFinding } from './baseline';
import { exposureMap, StackExposure } from './exposure';

/** Input of the renderers. */
export interface ReviewResult {
  /** The engine's report. */
  readonly report: PolicyReport;
  /** The exposure map, one entry per stack. */
  readonly exposure: readonly StackExposure[];
  /** Lowest severity that fails the review. */
  readonly threshold: Severity;
  /** The baseline compared against, when one was given. */
  readonly baseline?: BaselineComparison;
}

/** A review compared with a baseline. */
export interface BaselineComparison {
  /** Where the baseline came from. */
  readonly source: string;
  /** Fingerprints of the baseline's open findings. */
  readonly known: ReadonlySet<string>;
  /** Baseline findings that are no longer open. */
  readonly fixed: readonly BaselineFinding[];
}

/** Options of {@link reviewDocuments}. */
export interface ReviewDocumentsOptions extends ReviewOptions {
  /** Fail only on findings that are not in this baseline. */
  readonly baseline?: Baseline;
}

/** Reviews documents and builds the exposure map (always from every resource, changed or not). */
export function reviewDocuments(documents: readonly PolicyDocument[], pack: PolicyPack, threshold: Severity = Severity.ERROR, options: ReviewDocumentsOptions = {}): ReviewResult {
  const report = review(documents, pack, options);
  const result: ReviewResult = { report, exposure: exposureMap(documents), threshold };
  if (!options.baseline) return result;
  const open = new Set(openOutcomes(report).map((o) => o.fingerprint));
  const known = new Set(options.baseline.findings.map((f) => f.fingerprint));
  const fixed = options.baseline.findings.filter((f, i, all) => !open.has(f.fingerprint) && all.findIndex((g) => g.fingerprint === f.fingerprint) === i);
  return { ...result, baseline: { source: options.baseline.source, known, fixed } };
}

/** True when the outcome is new relative to the result's baseline (always true without one). */
export function isNew(result: ReviewResult, o: RuleOutcome): boolean {
  return !result.baseline || !result.baseline.known.has(o.fingerprint);
}

/** Counts of one rule's outcomes. */
export interface RuleCounts {
  /** Compliant resources. */
  readonly compliant: number;
  /** Unsuppressed violations. */
  readonly nonCompliant: number;
  /** Unsuppressed unknowns. */
  readonly unknown: number;
  /** Suppressed violations or unknowns. */
  readonly suppressed: number;
  /** Resources the rule does not apply to. */
  readonly notApplicable: number;
}

/** Per-rule counts, in pack order. */
export function ruleCounts(report: PolicyReport): Map<string, RuleCounts> {
  const counts = new Map<string, RuleCounts>();
  for (const rule of report.rules) {
    const mine = report.outcomes.filter((o) => o.ruleId === rule.id);
    counts.set(rule.id, {
      compliant: mine.filter((o) => o.compliance === Compliance.COMPLIANT).length,
      nonCompliant: mine.filter((o) => o.compliance === Compliance.NON_COMPLIANT && !o.suppression).length,
      unknown: mine.filter((o) => o.compliance === Compliance.UNKNOWN && !o.suppression).length,
      suppressed: mine.filter((o) => o.suppression).length,
      notApplicable: report.notApplicable[rule.id] ?? 0,
    });
  }
  return counts;
}

/** The outcomes that fail the review at its threshold: with a baseline, only the new ones. */
export function failing(result: ReviewResult): RuleOutcome[] {
  return violations(result.report, result.threshold).filter((o) => isNew(result, o));
}

/** Unsuppressed non-compliant or unknown outcomes of any severity, failing ones first. */
export function openOutcomes(report: PolicyReport): RuleOutcome[] {
  return report.outcomes.filter((o) => o.compliance !== Compliance.COMPLIANT && !o.suppression);
}

/** Outcomes that a suppression covers. */
export function suppressedOutcomes(report: PolicyReport): RuleOutcome[] {
  return report.outcomes.filter((o) => o.suppression);
}

/** Where an outcome is, for humans: `address (construct path)`. */
export function where(o: { address: string; constructPath?: string }): string {
  return o.constructPath ? `${o.address} (${o.constructPath})` : o.address;
}
