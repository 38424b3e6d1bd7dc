/**
 * Every rule of the pack against its fixtures (fixtures/cases.ts): the smallest documents that make
 * it fail, pass, or report UNKNOWN. cdk-nag style: one describe per rule, named after the rule function.
 */
import { evaluate } from '../../policy/engine';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { Compliance } from '../../policy/types';
import { load } from './fixtures/builders';
import { Case, FIXTURES } from './fixtures/cases';

function run(ruleId: string, c: Case, subject: string): { compliance: Compliance; findings: string[] } {
  const rule = RdpBaselinePack.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId} in the pack`);
  const doc = load(c.json);
  const resource = doc.at(c.subject ?? subject);
  if (!resource) throw new Error(`fixture "${c.name}" has no resource ${c.subject ?? subject}`);
  return evaluate(rule, resource, doc);
}

test('every rule of the pack has failing and passing fixtures', () => {
  const missing = RdpBaselinePack.rules.filter((r) => !FIXTURES[r.id] || FIXTURES[r.id].nonCompliant.length === 0 || FIXTURES[r.id].compliant.length === 0).map((r) => r.id);
  expect(missing).toEqual([]);
  expect(Object.keys(FIXTURES).filter((id) => !RdpBaselinePack.rules.some((r) => r.id === id))).toEqual([]);
});

for (const rule of RdpBaselinePack.rules) {
  const fixtures = FIXTURES[rule.id];
  if (!fixtures) continue;
  describe(`${rule.rule.name} (${rule.id}): ${rule.title}`, () => {
    for (const c of fixtures.nonCompliant) {
      test(`non-compliant: ${c.name}`, () => {
        const result = run(rule.id, c, fixtures.subject);
        expect(result.compliance).toBe(Compliance.NON_COMPLIANT);
        expect(result.findings.length).toBeGreaterThan(0);
        if (c.finding) expect(result.findings.join('\n')).toMatch(c.finding);
      });
    }
    for (const c of fixtures.compliant) {
      test(`compliant: ${c.name}`, () => {
        expect(run(rule.id, c, fixtures.subject)).toEqual({ compliance: Compliance.COMPLIANT, findings: [] });
      });
    }
    for (const c of fixtures.unknown ?? []) {
      test(`unknown: ${c.name}`, () => {
        const result = run(rule.id, c, fixtures.subject);
        expect(result.compliance).toBe(Compliance.UNKNOWN);
        expect(result.findings.join('\n')).not.toBe('');
      });
    }
    for (const c of fixtures.notApplicable ?? []) {
      test(`not applicable: ${c.name}`, () => {
        expect(run(rule.id, c, fixtures.subject).compliance).toBe(Compliance.NOT_APPLICABLE);
      });
    }
  });
}
