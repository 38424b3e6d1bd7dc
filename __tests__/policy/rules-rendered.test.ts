/**
 * Rules on the real renderer's output (fixtures/guest-script-cases.ts, drift-correction-rendered-cases.ts):
 * the rendered profile through every carrier is compliant, and body-only weakenings of it are findings.
 * These fixtures render scripts when they load, so they are kept apart from the pure rules.test.ts.
 */
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { DRIFT_CORRECTION_RENDERED_FIXTURES } from './fixtures/drift-correction-rendered-cases';
import { GUEST_SCRIPT_FIXTURES } from './fixtures/guest-script-cases';
import { describeRuleFixtures } from './fixtures/run-fixtures';

const RENDERED = { ...GUEST_SCRIPT_FIXTURES, 'RDP-GUEST-DRIFT-CORRECTION': DRIFT_CORRECTION_RENDERED_FIXTURES };

test('every rendered-script fixture names a rule of the pack', () => {
  expect(Object.keys(RENDERED).filter((id) => !RdpBaselinePack.rules.some((r) => r.id === id))).toEqual([]);
});

describeRuleFixtures(RENDERED);
