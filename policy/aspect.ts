/**
 * The synth-time gate: a cdktf Aspect that reviews each stack against a pack and fails `synth`
 * on unsuppressed violations, with messages that name the construct path and the fix.
 *
 * The aspect itself only registers a validation on every stack it visits; the review runs in that
 * validation, after every aspect (including the acknowledgement aspects of `Policy.acknowledge`)
 * has changed the tree, on exactly the JSON that synth then writes: the stack is resolved once, and
 * the reviewed JSON is handed to cdktf's write instead of being resolved again. Its findings become
 * annotations on the offending constructs: errors for violations at or above `failOn` (cdktf then
 * aborts synth and prints `[<construct path>] <message>`), warnings below it, and infos for
 * suppressed findings with their reasons.
 */
import { Annotations, Aspects, IAspect, TerraformStack } from 'cdktf';

/** A construct, as cdktf's aspects see it (taken from cdktf's own types; the `constructs` package is not imported here). */
type IConstruct = Parameters<IAspect['visit']>[0];
import { PolicyDocument } from './document';
import { PolicyReport, review, RuleOutcome } from './engine';
import { documentFromConfiguration } from './loaders';
import { RdpBaselinePack } from './packs/rdp-baseline';
import { Compliance, isAtLeast, PolicyPack, Severity } from './types';

/** Options of {@link RdpPolicyAspect}. */
export interface RdpPolicyAspectProps {
  /** The pack to apply. @default RdpBaselinePack */
  readonly pack?: PolicyPack;
  /** Lowest severity that fails synth. @default Severity.ERROR */
  readonly failOn?: Severity;
  /** Called with each stack's report (e.g. to write it next to cdk.tf.json). @default - none */
  readonly onReport?: (stack: TerraformStack, report: PolicyReport) => void;
}

/** Reviews one stack's synthesized JSON (without writing anything). */
export function reviewStack(stack: TerraformStack, pack: PolicyPack = RdpBaselinePack): PolicyReport {
  return reviewJson(stack, stack.toTerraform(), pack);
}

function reviewJson(stack: TerraformStack, json: unknown, pack: PolicyPack): PolicyReport {
  const document: PolicyDocument = documentFromConfiguration(json, { source: `${stack.node.path}/cdk.tf.json`, stack: stack.node.id });
  return review([document], pack);
}

/** `stack.toTerraform` as the stack's class defines it (past any one-shot hand-over below). */
function resolveStack(stack: TerraformStack): Record<string, unknown> {
  delete (stack as Partial<Pick<TerraformStack, 'toTerraform'>>).toTerraform;
  return stack.toTerraform();
}

/**
 * Hands the reviewed JSON to the write that follows the validations in cdktf's synth (StackSynthesizer:
 * validations, custom synthesis, annotations, then `stack.toTerraform()` once), so a stack is resolved
 * once for both and the file written is exactly the document reviewed. One shot, and only within
 * the synchronous synth that made it: the next `toTerraform()` takes it, and a hand-over that was never
 * taken (another validation failed) is dropped when synth returns, or by the next review.
 */
function handOver(stack: TerraformStack, json: Record<string, unknown>): void {
  const take = () => {
    if (stack.toTerraform === take) delete (stack as Partial<Pick<TerraformStack, 'toTerraform'>>).toTerraform;
    return json;
  };
  Object.defineProperty(stack, 'toTerraform', { configurable: true, writable: true, value: take });
  queueMicrotask(() => {
    if (stack.toTerraform === take) delete (stack as Partial<Pick<TerraformStack, 'toTerraform'>>).toTerraform;
  });
}

/**
 * True for the error cdktf throws when synth meets error annotations that include this gate's
 * findings; main.ts prints its message (it lists `[construct path] [RULE-ID] … Fix: …`) and exits 1,
 * without a stack trace.
 */
export function isPolicyGateFailure(err: unknown): err is Error {
  return err instanceof Error && err.message.startsWith('Encountered Annotations with level "ERROR"') && /\] \[(RDP-[A-Z0-9-]+|policy)\] /.test(err.message);
}

/** The annotation text of one outcome: rule, what is wrong, where, and the fix. */
export function outcomeMessage(outcome: RuleOutcome, pack: PolicyPack): string {
  const rule = pack.rules.find((r) => r.id === outcome.ruleId);
  const state = outcome.compliance === Compliance.UNKNOWN ? 'cannot be verified' : 'violated';
  const head = `[${outcome.ruleId}] ${rule?.title ?? ''} (${state} on ${outcome.address}): ${outcome.findings.join('; ')}.`;
  if (outcome.suppression) return `${head} Suppressed: ${outcome.suppression.reason}`;
  return `${head} Fix: ${rule?.remediation ?? 'see docs/RULES.md'} To accept the risk: Policy.acknowledge(construct, { id: '${outcome.ruleId}', reason: '…' }).`;
}

/**
 * Fails synth when a stack breaks the pack. Register it on every stack, in main.ts, after the
 * stacks are built: `RdpPolicyAspect.addToStacks(app)` (or `Aspects.of(stack).add(aspect)` per
 * stack). cdktf 0.21 invokes aspects from each stack down, so an aspect added to the App alone is
 * never run. Do not add it from inside another aspect (cdktf ignores aspects added during aspect
 * invocation).
 */
export class RdpPolicyAspect implements IAspect {
  /**
   * Adds one gate to every stack under `scope` (usually the App) and returns it. Call it after the
   * stacks exist and before `app.synth()`.
   */
  public static addToStacks(scope: IConstruct, props: RdpPolicyAspectProps = {}): RdpPolicyAspect {
    const aspect = new RdpPolicyAspect(props);
    for (const stack of scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c))) Aspects.of(stack).add(aspect);
    return aspect;
  }

  private readonly pack: PolicyPack;
  private readonly failOn: Severity;
  private readonly onReport?: (stack: TerraformStack, report: PolicyReport) => void;
  private readonly registered = new WeakSet<TerraformStack>();

  constructor(props: RdpPolicyAspectProps = {}) {
    this.pack = props.pack ?? RdpBaselinePack;
    this.failOn = props.failOn ?? Severity.ERROR;
    this.onReport = props.onReport;
  }

  /** Registers the review on each stack (once). */
  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.registered.has(node)) return;
    this.registered.add(node);
    const stack = node;
    stack.node.addValidation({
      validate: () => {
        const json = resolveStack(stack);
        const failed = this.annotate(stack, reviewJson(stack, json, this.pack));
        // A failed review aborts synth: nothing to hand over.
        if (!failed) handOver(stack, json);
        return [];
      },
    });
  }

  /** Annotates the findings; true when one of them is an error (synth then fails). */
  private annotate(stack: TerraformStack, report: PolicyReport): boolean {
    const byPath = new Map<string, IConstruct>(stack.node.findAll().map((c) => [c.node.path, c]));
    let failed = false;
    for (const outcome of report.outcomes) {
      if (outcome.compliance === Compliance.COMPLIANT) continue;
      const target = (outcome.constructPath && byPath.get(outcome.constructPath)) || stack;
      const message = outcomeMessage(outcome, this.pack);
      if (outcome.suppression) Annotations.of(target).addInfo(message);
      else if (isAtLeast(outcome.severity, this.failOn)) {
        Annotations.of(target).addError(message);
        failed = true;
      } else Annotations.of(target).addWarning(message);
    }
    for (const invalid of report.invalidSuppressions) Annotations.of(stack).addError(`[policy] ${invalid.address}: ${invalid.problem}`);
    this.onReport?.(stack, report);
    return failed || report.invalidSuppressions.length > 0;
  }
}
