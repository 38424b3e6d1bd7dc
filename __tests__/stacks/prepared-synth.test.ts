/**
 * The main job skips cdktf's preparing pass because buildStacks already made it (markPrepared):
 * the output must be exactly that of a plain synth, with cdktf's own preparation.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { RdpPolicyAspect } from '../../policy/aspect';
import { buildStacks, markPrepared } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { fleetConfig } from '../../stacks/fleet-config';
import { RdpHostsConfig } from '../../stacks/config/schema';

/** Every stack's cdk.tf.json after a gated synth of `config`. */
function synthesized(config: RdpHostsConfig, prepared: boolean): Record<string, unknown> {
  const app = new App({ outdir: Testing.app().outdir });
  buildStacks(app, config);
  if (prepared) markPrepared(app);
  RdpPolicyAspect.addToStacks(app);
  app.synth();
  const dir = path.join(app.outdir, 'stacks');
  return Object.fromEntries(fs.readdirSync(dir).map((stack) => [stack, JSON.parse(fs.readFileSync(path.join(dir, stack, 'cdk.tf.json'), 'utf8'))]));
}

describe('markPrepared', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes exactly what a synth with cdktf’s own preparation writes (a fleet on both clouds)', () => {
    const plain = synthesized(fleetConfig(5), false);
    const preparing = jest.spyOn(TerraformStack.prototype, 'prepareStack');
    const fast = synthesized(fleetConfig(5), true);
    expect(preparing).not.toHaveBeenCalled();
    expect(Object.keys(fast).sort()).toEqual(Object.keys(plain).sort());
    expect(Object.keys(fast).length).toBeGreaterThan(1);
    expect(fast).toEqual(plain);
  });

  it('keeps the backend step of preparation', () => {
    const app = new App({ outdir: Testing.app().outdir });
    buildStacks(app, DEFAULT_CONFIG);
    markPrepared(app);
    const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    const backend = jest.spyOn(TerraformStack.prototype, 'ensureBackendExists');
    for (const stack of stacks) stack.prepareStack();
    expect(backend).toHaveBeenCalledTimes(stacks.length);
  });
});
