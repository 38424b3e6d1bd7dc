/**
 * Suppressions made in code: `Policy.acknowledge(scope, { id, reason })` records the
 * acknowledgement on every Terraform resource below `scope` (now and added later), under the same
 * `"//".rdp_acknowledgements` key the constructs use, so `check` sees it in cdk.tf.json and every
 * report lists it with its reason.
 */
import { Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { ACKNOWLEDGEMENT_ID_PATTERN as RULE_ID, ACKNOWLEDGEMENTS_KEY, isIsoDate, MIN_REASON_LENGTH as MIN_SUPPRESSION_REASON, RECORDED_ACKNOWLEDGEMENTS as RECORDED } from '../contract';
import { Suppression } from './resource';

/** A construct, as cdktf's aspects see it (the `constructs` package is not imported by policy/). */
type IConstruct = Parameters<IAspect['visit']>[0];

/** A suppression given to {@link Policy.acknowledge} is malformed; the message lists every problem. */
export class PolicySuppressionError extends Error {
  /** Each problem found, one sentence each. */
  public readonly problems: readonly string[];

  constructor(scopePath: string, problems: readonly string[]) {
    super(`Invalid policy acknowledgement on ${scopePath || '<app>'}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee docs/policy.md#suppressions.`);
    this.name = 'PolicySuppressionError';
    this.problems = problems;
  }
}

/** Checks a suppression; returns every problem (empty when valid). */
export function suppressionProblems(suppression: unknown): string[] {
  const s = (typeof suppression === 'object' && suppression !== null ? suppression : {}) as Partial<Record<keyof Suppression, unknown>>;
  const problems: string[] = [];
  if (typeof s.id !== 'string' || !RULE_ID.test(s.id)) {
    problems.push(`\`id\` must be a rule ID such as "RDP-NET-PUBLIC-IP", got ${JSON.stringify(s.id ?? null)}.`);
  }
  if (typeof s.reason !== 'string' || s.reason.trim().length < MIN_SUPPRESSION_REASON) {
    problems.push(`\`reason\` must explain the exception in at least ${MIN_SUPPRESSION_REASON} characters, got ${JSON.stringify(s.reason ?? null)}.`);
  }
  if (s.expires !== undefined && !isIsoDate(s.expires)) problems.push(`\`expires\` must be an ISO date YYYY-MM-DD (the last day it covers the risk), got ${JSON.stringify(s.expires)}.`);
  if (s.owner !== undefined && (typeof s.owner !== 'string' || s.owner.trim() === '')) problems.push(`\`owner\` must name a team or person, got ${JSON.stringify(s.owner)}.`);
  return problems;
}

/** Writes `acknowledgements` onto a resource, merged with what is already recorded there (by ID, later reason wins). */
export function recordOnResource(resource: TerraformResource, acknowledgements: readonly Suppression[]): void {
  const holder = resource as unknown as { [RECORDED]?: (Suppression & { toJSON?: () => Suppression })[] };
  const existing = (holder[RECORDED] ?? []).map((a) => (typeof a.toJSON === 'function' ? a.toJSON() : plain(a)));
  const merged = [...existing.filter((e) => !acknowledgements.some((a) => a.id === e.id)), ...acknowledgements].map(plain);
  holder[RECORDED] = merged.map((m) => ({ ...m, toJSON: () => m }));
  resource.addOverride(`//.${ACKNOWLEDGEMENTS_KEY}`, merged);
}

/** The recorded form: id and reason, plus expires and owner when given. */
function plain(a: Suppression): Suppression {
  return { id: a.id, reason: a.reason, ...(a.expires ? { expires: a.expires } : {}), ...(a.owner ? { owner: a.owner } : {}) };
}

/** Aspect that applies a scope's acknowledgements to every resource below it at synth time. */
class AcknowledgementAspect implements IAspect {
  public readonly acknowledgements: Suppression[] = [];

  public visit(node: IConstruct): void {
    if (TerraformResource.isTerraformResource(node)) recordOnResource(node, this.acknowledgements);
  }
}

const ASPECT = Symbol.for('secure-rdp-hosts/policy-acknowledgement-aspect');

/** The policy engine's code-level API. */
export class Policy {
  /**
   * Suppresses rule `id` on every Terraform resource in `scope` (the construct and all its
   * children, including ones added after this call), with a reason that every report shows.
   * Call it while building the tree, never from inside an aspect.
   *
   * `expires` (ISO `YYYY-MM-DD`, optional) is the last day the acknowledgement covers the risk: after
   * it, synth and `check` fail again naming the expiry. `owner` (optional) names who owns the risk.
   *
   * @example Policy.acknowledge(jumpBox, { id: 'RDP-NET-PUBLIC-IP', reason: 'Break-glass host, torn down nightly by CI', expires: '2026-12-31', owner: 'platform-team' })
   * @throws PolicySuppressionError when the ID is not a rule ID, the reason is shorter than 10 characters, or `expires` / `owner` are malformed
   */
  public static acknowledge(scope: IConstruct, suppression: Suppression): void {
    const problems = suppressionProblems(suppression);
    if (!scope.node.scopes.some((c) => TerraformStack.isStack(c))) {
      problems.push('the scope must be a stack or a construct inside one: cdktf runs aspects from each stack down, so an acknowledgement on the App would never be applied.');
    }
    if (problems.length > 0) throw new PolicySuppressionError(scope.node.path, problems);
    const holder = scope as unknown as { [ASPECT]?: AcknowledgementAspect };
    let aspect = holder[ASPECT];
    if (!aspect) {
      aspect = new AcknowledgementAspect();
      Object.defineProperty(scope, ASPECT, { value: aspect, enumerable: false });
      Aspects.of(scope).add(aspect);
    }
    aspect.acknowledgements.push(plain({ ...suppression, reason: suppression.reason.trim(), owner: suppression.owner?.trim() }));
  }

  private constructor() {}
}
