/**
 * The main job behind `npm run synth` / `cdktf synth` (main.ts): load the configuration, build the
 * stacks and run every construct check, gate them with the policy pack, synthesize atomically.
 */
import * as path from 'path';
import { isValidationFailure } from '../constructs/core';
import { isPolicyGateFailure, RdpPolicyAspect } from '../policy';
import { buildStacks, checkStacks, markPrepared } from './app';
import { ENVIRONMENT_ENV_VAR, loadConfig } from './config/load-config';
import { formatSynthWarnings, synthWarnings, underCdktfCli } from './synth-warnings';
import { removeStaleTemporaryOutput, synthesizeAtomically } from './synthesize';

/**
 * Runs the job and returns the exit code: 0 synthesized, 1 bad input, an insecure plan, or an
 * unexpected failure. Every failure is a message without a stack trace (`RDP_HOSTS_DEBUG=1` adds the
 * trace of unexpected errors), and leaves the previous output as it was.
 * @param env the process environment (RDP_HOSTS_CONFIG, RDP_HOSTS_ENVIRONMENT, CDKTF_OUTDIR, …)
 * @param write where messages go @default standard error
 * @param writeResult where the success line goes @default standard output
 */
export function runSynth(env: NodeJS.ProcessEnv = process.env, write: (text: string) => void = (t) => process.stderr.write(t), writeResult: (text: string) => void = (t) => process.stdout.write(t)): number {
  const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
  // Temporary folders of killed runs go first, whatever happens to this run.
  removeStaleTemporaryOutput(path.resolve(outdir));
  try {
    const { config, source } = loadConfig(env);
    const only = env[ENVIRONMENT_ENV_VAR] || undefined;
    try {
      // Each stack is resolved once, by the policy gate, and the file written is the JSON it reviewed.
      synthesizeAtomically(outdir, (app) => {
        buildStacks(app, config, only, { resolve: false });
        markPrepared(app);
        // Registered here, on every stack, after the stacks exist (never from inside another aspect).
        RdpPolicyAspect.addToStacks(app);
      });
    } catch (e) {
      // Any failure: the full check (every element resolved on its own, before any aspect) reports a bad
      // configuration with its field paths, all problems at once, as it would have before synth.
      checkStacks(config, only);
      throw e;
    }
    // Policy warnings: the cdktf CLI prints them from manifest.json; a plain `node` run (npm run synth) must.
    if (!underCdktfCli(env)) write(formatSynthWarnings(synthWarnings(outdir)));
    // The result on stdout: the cdktf CLI labels everything on stderr [ERROR].
    writeResult(`Synthesized ${source} into ${outdir}\n`);
    return 0;
  } catch (e) {
    const expected = isValidationFailure(e) || isPolicyGateFailure(e);
    const heading = isPolicyGateFailure(e) ? 'The policy review found violations (see docs/RULES.md):\n' : expected ? '' : 'Synthesis failed unexpectedly: ';
    const message = expected ? (e as Error).message : (e instanceof Error ? e.message : String(e)).split('\n')[0];
    const debug = !expected && env.RDP_HOSTS_DEBUG === '1' && e instanceof Error ? `\n${e.stack}` : '';
    write(`${heading}${message}${debug}\n\nNothing was written to ${outdir}.\n`);
    return 1;
  }
}
