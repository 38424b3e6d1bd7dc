/**
 * The engine: runs every rule of a pack on every resource of every document, applies the
 * acknowledgements recorded on resources, and returns a report that proves coverage (compliant
 * results are kept, not only failures). Unknown results count as violations until suppressed.
 */
import { createHash } from 'crypto';
import { PolicyDocument } from './document';
import { isExpired, Suppression, SynthResource } from './resource';
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
  /** An acknowledgement of this rule on the resource that has expired (so it no longer suppresses). */
  readonly expiredSuppression?: Suppression;
  /** Stable identity of the finding across runs: SHA-256 of stack, rule ID and address (line numbers excluded). */
  readonly fingerprint: string;
}

/** The stable fingerprint of a (stack, rule, resource) finding; SARIF's `partialFingerprints` carries it. */
export function fingerprint(o: { stack: string; ruleId: string; address: string }): string {
  return createHash('sha256').update(`${o.stack}|${o.ruleId}|${o.address}`).digest('hex');
}

/** Options of a review. */
export interface ReviewOptions {
  /** Today's date (`YYYY-MM-DD`, UTC) for acknowledgement expiry @default the current UTC date */
  readonly today?: string;
  /** Report outcomes only for resources a plan creates, updates or replaces; the rest still feed the model. @default false */
  readonly changedOnly?: boolean;
}

/** Today's UTC date as `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function describeAcknowledgement(s: Suppression): string {
  return `"${s.reason}"${s.owner ? ` (owner ${s.owner})` : ''}`;
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
  /** True when its `expires` date has passed: it suppresses nothing. */
  readonly expired: boolean;
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
  /** The date expiry was judged against. */
  readonly today: string;
  /** With `changedOnly`: how many resources the plan leaves unchanged (reviewed as context, not reported). */
  readonly unchangedResources?: number;
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

/** True when an acknowledgement with ID `id` suppresses `rule`: its own ID, or one it lists in `acknowledgedBy`. */
export function acknowledges(rule: Pick<PackRule, 'id' | 'acknowledgedBy'>, id: string): boolean {
  return id === rule.id || (rule.acknowledgedBy ?? []).includes(id);
}

/** Reviews documents against a pack. */
export function review(documents: readonly PolicyDocument[], pack: PolicyPack, options: ReviewOptions = {}): PolicyReport {
  const today = options.today ?? todayUtc();
  const reported = (r: SynthResource): boolean => !options.changedOnly || r.changed !== false;
  const outcomes: RuleOutcome[] = [];
  const notApplicable: Record<string, number> = {};
  const used = new Set<string>();
  const ruleIds = new Set(pack.rules.flatMap((r) => [r.id, ...(r.acknowledgedBy ?? [])]));
  for (const document of documents) {
    for (const rule of pack.rules) {
      for (const resource of document.resources) {
        if (!reported(resource)) continue;
        const { compliance, findings } = evaluate(rule, resource, document);
        if (compliance === Compliance.NOT_APPLICABLE) {
          notApplicable[rule.id] = (notApplicable[rule.id] ?? 0) + 1;
          continue;
        }
        const candidates = compliance === Compliance.COMPLIANT ? [] : resource.suppressions.filter((s) => acknowledges(rule, s.id));
        const suppression = candidates.find((s) => !isExpired(s, today));
        const expiredSuppression = suppression ? undefined : candidates.find((s) => isExpired(s, today));
        if (expiredSuppression) findings.push(`the acknowledgement ${describeAcknowledgement(expiredSuppression)} expired on ${expiredSuppression.expires} and no longer covers this; renew it with a new date or fix the finding`);
        if (suppression) used.add(`${document.stack}\u0000${resource.address}\u0000${suppression.id}`);
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
          expiredSuppression,
          fingerprint: fingerprint({ stack: document.stack, ruleId: rule.id, address: resource.address }),
        });
      }
    }
  }
  const suppressions: SuppressionEntry[] = documents.flatMap((d) =>
    d.resources.filter(reported).flatMap((r) =>
      r.suppressions.map((s) => ({
        ...s,
        stack: d.stack,
        address: r.address,
        constructPath: r.constructPath,
        used: used.has(`${d.stack}\u0000${r.address}\u0000${s.id}`),
        knownRule: ruleIds.has(s.id),
        expired: isExpired(s, today),
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
    today,
    ...(options.changedOnly ? { unchangedResources: documents.reduce((n, d) => n + d.resources.filter((r) => !reported(r)).length, 0) } : {}),
  };
}

/** Unsuppressed non-compliant or unknown outcomes at or above `threshold`: what fails a gate. */
export function violations(report: PolicyReport, threshold: Severity = Severity.ERROR): RuleOutcome[] {
  return report.outcomes.filter((o) => o.compliance !== Compliance.COMPLIANT && !o.suppression && isAtLeast(o.severity, threshold));
}
