/**
 * The vocabulary of the plan-review engine: what a rule returns, how severe a rule is, and what
 * a pack says about a rule. Rules are pure functions; everything a reader needs to know about a
 * rule (ID, wording, severity, cross-references) lives in the pack, not in the rule.
 */
import type { PolicyDocument } from './document';
import type { SynthResource } from './resource';

/** The compliance states a rule can report for one resource. */
export enum Compliance {
  /** The resource satisfies the rule. */
  COMPLIANT = 'compliant',
  /** The resource breaks the rule; the result carries findings. */
  NON_COMPLIANT = 'non_compliant',
  /** The rule does not look at this kind of resource. */
  NOT_APPLICABLE = 'not_applicable',
  /** A value the rule needs cannot be read (an unresolved reference): reported, never a pass. */
  UNKNOWN = 'unknown',
}

/** A rule's answer when it cannot read a value; the reasons say which value and why. */
export interface UnknownResult {
  /** Always `Compliance.UNKNOWN`. */
  readonly unknown: readonly string[];
}

/**
 * What a rule returns for one resource:
 * - `Compliance.COMPLIANT` / `Compliance.NOT_APPLICABLE`;
 * - `Compliance.NON_COMPLIANT` (one finding: the rule's own info line);
 * - a list of findings (sentences; an empty list means compliant), as cdk-nag's granular results;
 * - an {@link UnknownResult} naming the values that could not be read.
 */
export type RuleResult = Compliance.COMPLIANT | Compliance.NOT_APPLICABLE | Compliance.NON_COMPLIANT | readonly string[] | UnknownResult;

/**
 * A policy rule: a pure function of one normalized resource and the document it came from.
 * It opens with a type guard (returning `NOT_APPLICABLE`), reads the snake_case body, and may
 * follow references inside the same document. Reading an unresolved value throws
 * {@link UnresolvedValueError} (see values.ts), which the engine reports as `UNKNOWN`.
 */
export type PolicyRule = (resource: SynthResource, document: PolicyDocument) => RuleResult;

/** How bad a violation is; the CLI threshold and the synth gate compare against it. */
export enum Severity {
  /** Fails the synth gate and `check` by default. */
  ERROR = 'error',
  /** Reported; fails `check` only with `--severity warning`. */
  WARNING = 'warning',
  /** Advice; fails `check` only with `--severity info`. */
  INFO = 'info',
}

/** Severities from most to least severe. */
export const SEVERITY_ORDER: readonly Severity[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}

/** IDs of the same control in other catalogues, where one exists. */
export interface RuleReferences {
  /** CIS benchmark item, with the benchmark and version, e.g. `CIS AWS Foundations v3.0.0 5.6`. */
  readonly cis?: readonly string[];
  /** checkov check IDs, e.g. `CKV_AWS_79`. */
  readonly checkov?: readonly string[];
  /** trivy / tfsec check IDs, e.g. `AVD-AWS-0028`. */
  readonly trivy?: readonly string[];
}

/** A rule as a pack publishes it: the pure function plus everything a reader needs. */
export interface PackRule {
  /** Stable ID, `RDP-<AREA>-<NAME>`; the key for suppressions. Never reused for another meaning. */
  readonly id: string;
  /** The rule function (its name is the rule file's name). */
  readonly rule: PolicyRule;
  /** Severity of an unsuppressed violation. */
  readonly severity: Severity;
  /** One line: what is wrong when the rule fails. */
  readonly title: string;
  /** Why it matters. */
  readonly rationale: string;
  /** How to fix it, naming the construct prop or Terraform attribute. */
  readonly remediation: string;
  /** Matching IDs in CIS, checkov and trivy. */
  readonly references?: RuleReferences;
  /**
   * Risk IDs besides `id` whose acknowledgement also suppresses the rule: the constructs' opt-ins that
   * accept this finding under their own name (e.g. `RDP-NET-INTERNET-EGRESS` for `RDP-NET-WORLD-EGRESS`).
   * @default - only `id`
   */
  readonly acknowledgedBy?: readonly string[];
}

/** A named, versioned list of rules. */
export interface PolicyPack {
  /** Pack name, e.g. `RdpBaseline`. */
  readonly name: string;
  /** Pack version; bumped when a rule is added, removed or re-levelled. */
  readonly version: string;
  /** The rules, in report order. */
  readonly rules: readonly PackRule[];
}
