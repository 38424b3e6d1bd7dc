/**
 * The main job builds the stacks without resolving each element (buildStacks `resolve: false`), so a stack
 * is resolved once, by the policy gate, whose JSON is the file written. When that synth fails, the full
 * check (checkStacks) reports the configuration's problems field by field, exactly as buildStacks does.
 */
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RdpValidationError } from '../../constructs/core';
import { RdpHostGroupBase } from '../../constructs/host/rdp-host-group-base';
import { buildStacks, checkStacks } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { runSynth } from '../../stacks/main-job';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-single-resolution-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

function synth(outdir: string): { code: number; stderr: string } {
  let stderr = '';
  const code = runSynth({ CDKTF_OUTDIR: outdir }, (t) => (stderr += t), () => undefined);
  return { code, stderr };
}

describe('main job: one resolution per stack', () => {
  it('resolves each element once (the gate), and writes what the gate reviewed', () => {
    const toTerraform = jest.spyOn(Instance.prototype, 'toTerraform');
    const outdir = path.join(dir, 'once');
    expect(synth(outdir).code).toBe(0);
    // The default configuration has one AWS host: its instance is rendered once, not once more by a check.
    expect(toTerraform).toHaveBeenCalledTimes(1);
    const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'aws-rdp-hosts', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(written.resource.aws_instance)).toHaveLength(1);
  });

  it('an error raised only when a value is resolved is reported under its configuration path, as the full check reports it', () => {
    // A hardening profile that cannot be rendered: no constructor asks for it, so the error surfaces only when the stacks are resolved.
    jest.spyOn(RdpHostGroupBase.prototype, 'hardeningProfile').mockImplementation(() => {
      throw new RdpValidationError('hardening.lockoutThreshold', 42, 'is refused by this test.');
    });
    // What buildStacks' full check says about it.
    let expected: Error | undefined;
    try {
      checkStacks(DEFAULT_CONFIG);
    } catch (e) {
      expected = e as Error;
    }
    expect(expected?.message).toMatch(/aws\.hosts\[0\]\.hardening\.lockoutThreshold/);
    // A fast build (no resolution) does not see it ...
    expect(() => buildStacks(new App({ outdir: path.join(dir, 'fast') }), DEFAULT_CONFIG, undefined, { resolve: false })).not.toThrow();
    // ... and the main job, whose synth then fails, reports exactly what the full check reports.
    const outdir = path.join(dir, 'failed');
    const { code, stderr } = synth(outdir);
    expect(code).toBe(1);
    expect(stderr).toBe(`${expected!.message}\n\nNothing was written to ${outdir}.\n`);
    expect(stderr).not.toMatch(/Synthesis failed unexpectedly|\n\s+at /);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
