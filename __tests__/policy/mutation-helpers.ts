/**
 * Shared helpers of the `mutation-*.test.ts` files (issue #20): run one rule of the baseline pack on a
 * fixture document, or ask the reachability model what reaches a host. Everything is built when a test
 * calls it (no document at module load), so mutants of the policy engine are never "static".
 */
import { evaluate } from '../../policy/engine';
import { reachOf } from '../../policy/network/hosts';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { Compliance } from '../../policy/types';
import { UnresolvedValueError } from '../../policy/values';
import { load, TfJson } from './fixtures/builders';

/** A rule's verdict on `subject` of `json`. */
export function verdict(ruleId: string, json: TfJson, subject: string): { compliance: Compliance; findings: string[] } {
  const rule = RdpBaselinePack.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId} in the pack`);
  const doc = load(json);
  const resource = doc.at(subject);
  if (!resource) throw new Error(`no resource ${subject} in the fixture`);
  return evaluate(rule, resource, doc);
}

/** Just the compliance of a rule's verdict. */
export function compliance(ruleId: string, json: TfJson, subject: string): Compliance {
  return verdict(ruleId, json, subject).compliance;
}

/** What reaches `port` on `host`: `"<transport> <source> via <rule>"`, sorted. */
export function reach(json: TfJson, host: string, port: number): string[] {
  const doc = load(json);
  const resource = doc.at(host);
  if (!resource) throw new Error(`no resource ${host} in the fixture`);
  return reachOf(resource, doc, port)
    .map((r) => `${r.transport} ${r.source.value} via ${r.via}`)
    .sort();
}

/** The field an `UnresolvedValueError` names when `fn` reads an unresolved value (what an UNKNOWN finding tells the reviewer); throws if `fn` does not. */
export function unreadableField(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UnresolvedValueError) return e.what;
    throw e;
  }
  throw new Error('expected an unreadable value');
}
