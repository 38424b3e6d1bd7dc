/**
 * Seeded fuzz: whatever configuration the validation accepts (the schema phase and the build phase)
 * synthesizes through the policy gate, and its plan admits RDP from no world range.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isValidationFailure } from '../../constructs';
import { RdpPolicyAspect } from '../../policy';
import { buildStacks } from '../../stacks/app';
import { validateConfig } from '../../stacks/config/load-config';
import { RdpHostsConfig } from '../../stacks/config/schema';
import { synthesizeAtomically } from '../../stacks/synthesize';
import { nearlyValidConfigArbitrary, validConfigArbitrary } from '../helpers/config-arbitrary';
import { worldOpenIngress } from '../helpers/security-assertions';
import { TerraformJson } from '../helpers/template';

const SEED = 20261130;
/** Runs per property: few by default (each run synthesizes up to two stacks); RDP_FUZZ_RUNS=200 for a deeper local run. */
const RUNS = Number(process.env.RDP_FUZZ_RUNS ?? 0) || undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-fuzz-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Validates (both phases), then synthesizes through the policy gate; `rejected` when validation refuses. */
function synthesize(input: unknown, run: number): { rejected: true } | { rejected: false; stacks: TerraformJson[] } {
  let config: RdpHostsConfig;
  try {
    config = validateConfig(input, {});
  } catch (e) {
    if (isValidationFailure(e)) return { rejected: true };
    throw e;
  }
  const outdir = path.join(dir, `run-${run}`);
  try {
    synthesizeAtomically(outdir, (app) => {
      buildStacks(app, config);
      RdpPolicyAspect.addToStacks(app);
    });
  } catch (e) {
    // Only the build phase may refuse: a policy gate failure or any other error fails the property.
    if (isValidationFailure(e) && /found while building the stacks/.test(e.message)) return { rejected: true };
    throw e;
  }
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = fs.readdirSync(stacksDir).map((s) => JSON.parse(fs.readFileSync(path.join(stacksDir, s, 'cdk.tf.json'), 'utf8')) as TerraformJson);
  fs.rmSync(outdir, { recursive: true, force: true });
  return { rejected: false, stacks };
}

describe('validation accepts ⇒ synth succeeds and the plan is secure', () => {
  test('every generated valid configuration is accepted, synthesizes through the policy gate, and opens RDP to no world range', () => {
    let run = 0;
    fc.assert(
      fc.property(validConfigArbitrary, (config) => {
        const result = synthesize(config, run++);
        expect(result.rejected).toBe(false);
        if (result.rejected) return;
        for (const stack of result.stacks) expect(worldOpenIngress(stack)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS ?? 6 },
    );
  });

  test('near-valid configurations: whatever is accepted synthesizes securely (and some are refused)', () => {
    let run = 1000;
    const outcomes = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(nearlyValidConfigArbitrary, (config) => {
        const result = synthesize(config, run++);
        outcomes[result.rejected ? 'rejected' : 'accepted']++;
        if (result.rejected) return;
        for (const stack of result.stacks) expect(worldOpenIngress(stack)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS ?? 8 },
    );
    // The property is only meaningful when both outcomes occur.
    expect(outcomes.accepted).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });
});
