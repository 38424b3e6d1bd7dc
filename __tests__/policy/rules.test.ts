/**
 * Every rule of the pack against its hand-written fixtures (fixtures/cases.ts): the smallest documents that
 * make it fail, pass, or report UNKNOWN. cdk-nag style: one describe per rule, named after the rule function.
 * Pure: nothing is rendered or synthesized when this file loads (the mutation run's `rules` group loads it for
 * every mutant); the fixtures on the real renderer's output run in rules-rendered.test.ts.
 */
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { FIXTURES } from './fixtures/cases';
import { FINDINGS } from './fixtures/findings';
import { describeRuleFixtures } from './fixtures/run-fixtures';

test('every rule of the pack has failing and passing hand-written fixtures, and every fixture names a rule', () => {
  const missing = RdpBaselinePack.rules.filter((r) => !FIXTURES[r.id] || FIXTURES[r.id].nonCompliant.length === 0 || FIXTURES[r.id].compliant.length === 0).map((r) => r.id);
  expect(missing).toEqual([]);
  expect(Object.keys(FIXTURES).filter((id) => !RdpBaselinePack.rules.some((r) => r.id === id))).toEqual([]);
});

test('every written-out finding belongs to a non-compliant or unknown fixture', () => {
  const named = (id: string): string[] => [...(FIXTURES[id]?.nonCompliant ?? []), ...(FIXTURES[id]?.unknown ?? [])].map((c) => c.name);
  const stale = Object.entries(FINDINGS).flatMap(([id, cases]) => Object.keys(cases).filter((name) => !named(id).includes(name)).map((name) => `${id}: ${name}`));
  expect(stale).toEqual([]);
});

describeRuleFixtures(FIXTURES, FINDINGS);
