/**
 * The engine: runs every rule of a pack on every resource of every document, applies the
 * acknowledgements recorded on resources, and returns a report that proves coverage (compliant
 * results are kept, not only failures). Unknown results count as violations until suppressed.
 */
import { PolicyDocument } from './document';
import { Suppression, SynthResource } from './resource';
import { Compliance, isAtLeast, PackRule, PolicyPack, RuleResult, Severity } from './types';
import { UnresolvedValueError } from './values';

/** The result of one rule on one resource (not-applicable pairs are only counted). */
export interface RuleOutcome {
  /** Rule ID. */
  readonly ruleId: string;
  /** Rule severity. */
  readonly severity: Severity;
  /** Stack the resource belongs to. */
  readonly stack: string;
  /** File the resource was read from. */
  readonly source: string;
  /** Terraform address. */
  readonly address: string;
  /** Terraform type. */
  readonly type: string;
  /** cdktf construct path, when known. */
  readonly constructPath?: string;
  /** Line in the source file, when known. */
  readonly line?: number;
  /** Compliant, non-compliant or unknown. */
  readonly compliance: Compliance.COMPLIANT | Compliance.NON_COMPLIANT | Compliance.UNKNOWN;
  /** Findings (non-compliant) or the values that could not be read (unknown). */
  readonly findings: readonly string[];
  /** The acknowledgement that suppresses this outcome, if any. */
  readonly suppression?: Suppression;
}

/** An acknowledgement found in a document, and whether it suppressed anything. */
export interface SuppressionEntry extends Suppression {
  /** Stack. */
  readonly stack: string;
  /** Resource address it is recorded on. */
  readonly address: string;
  /** Construct path, when known. */
  readonly constructPath?: string;
  /** True when it suppressed at least one non-compliant or unknown outcome. */
  readonly used: boolean;
  /** True when its ID names a rule of the pack. */
  readonly knownRule: boolean;
}

/** A rule as reports show it: the pack metadata plus the rule function's name. */
export type ReportedRule = Omit<PackRule, 'rule'> & { readonly name: string };

/** Everything a review found, ready for the renderers. */
export interface PolicyReport {
  /** Pack name and version. */
  readonly pack: { readonly name: string; readonly version: string };
  /** The pack's rules (metadata, and the rule function's name). */
  readonly rules: readonly ReportedRule[];
  /** The documents reviewed. */
  readonly documents: readonly { readonly stack: string; readonly source: string; readonly kind: string; readonly resources: number }[];
  /** Outcomes, by stack, then pack order, then address. */
  readonly outcomes: readonly RuleOutcome[];
  /** Count of not-applicable rule/resource pairs per rule ID. */
  readonly notApplicable: Readonly<Record<string, number>>;
  /** Every acknowledgement found, with its reason. */
  readonly suppressions: readonly SuppressionEntry[];
  /** Malformed acknowledgements (never applied). */
  readonly invalidSuppressions: readonly { readonly stack: string; readonly address: string; readonly problem: string }[];
}

/** Normalizes a rule's answer (or the error it threw) into compliance + findings. */
export function evaluate(rule: PackRule, resource: SynthResource, document: PolicyDocument): { compliance: Compliance; findings: string[] } {
  let result: RuleResult;
  try {
    result = rule.rule(resource, document);
  } catch (err) {
    if (err instanceof UnresolvedValueError) return { compliance: Compliance.UNKNOWN, findings: [err.message] };
    return { compliance: Compliance.UNKNOWN, findings: [`the rule could not evaluate this resource: ${err instanceof Error ? err.message : String(err)}`] };
  }
  if (result === Compliance.COMPLIANT || result === Compliance.NOT_APPLICABLE) return { compliance: result, findings: [] };
  if (result === Compliance.NON_COMPLIANT) return { compliance: Compliance.NON_COMPLIANT, findings: [rule.title] };
  if (Array.isArray(result)) return result.length === 0 ? { compliance: Compliance.COMPLIANT, findings: [] } : { compliance: Compliance.NON_COMPLIANT, findings: [...result] };
  const unknown = (result as { unknown: readonly string[] }).unknown;
  return { compliance: Compliance.UNKNOWN, findings: unknown.length > 0 ? [...unknown] : ['a value the rule needs cannot be read'] };
}

/** Reviews documents against a pack. */
export function review(documents: readonly PolicyDocument[], pack: PolicyPack): PolicyReport {
  const outcomes: RuleOutcome[] = [];
  const notApplicable: Record<string, number> = {};
  const used = new Set<string>();
  const ruleIds = new Set(pack.rules.map((r) => r.id));
  for (const document of documents) {
    for (const rule of pack.rules) {
      for (const resource of document.resources) {
        const { compliance, findings } = evaluate(rule, resource, document);
        if (compliance === Compliance.NOT_APPLICABLE) {
          notApplicable[rule.id] = (notApplicable[rule.id] ?? 0) + 1;
          continue;
        }
        const suppression = compliance === Compliance.COMPLIANT ? undefined : resource.suppressions.find((s) => s.id === rule.id);
        if (suppression) used.add(`${document.stack}\u0000${resource.address}\u0000${rule.id}`);
        outcomes.push({
          ruleId: rule.id,
          severity: rule.severity,
          stack: document.stack,
          source: document.source,
          address: resource.address,
          type: resource.type,
          constructPath: resource.constructPath,
          line: resource.line,
          compliance,
          findings,
          suppression,
        });
      }
    }
  }
  const suppressions: SuppressionEntry[] = documents.flatMap((d) =>
    d.resources.flatMap((r) =>
      r.suppressions.map((s) => ({
        ...s,
        stack: d.stack,
        address: r.address,
        constructPath: r.constructPath,
        used: used.has(`${d.stack}\u0000${r.address}\u0000${s.id}`),
        knownRule: ruleIds.has(s.id),
      })),
    ),
  );
  const invalidSuppressions = documents.flatMap((d) => d.resources.flatMap((r) => r.invalidSuppressions.map((problem) => ({ stack: d.stack, address: r.address, problem }))));
  return {
    pack: { name: pack.name, version: pack.version },
    rules: pack.rules.map(({ rule, ...meta }) => ({ ...meta, name: rule.name })),
    documents: documents.map((d) => ({ stack: d.stack, source: d.source, kind: d.kind, resources: d.resources.length })),
    outcomes,
    notApplicable,
    suppressions,
    invalidSuppressions,
  };
}

/** Unsuppressed non-compliant or unknown outcomes at or above `threshold`: what fails a gate. */
export function violations(report: PolicyReport, threshold: Severity = Severity.ERROR): RuleOutcome[] {
  return report.outcomes.filter((o) => o.compliance !== Compliance.COMPLIANT && !o.suppression && isAtLeast(o.severity, threshold));
}
