/**
 * The app: load the configuration (RDP_HOSTS_CONFIG, or the embedded default), build the stacks, gate
 * them with the policy pack, and synthesize them atomically into cdktf.out. Bad input or an insecure
 * plan exits 1 with every problem listed, and writes nothing.
 */
import { isValidationFailure } from './constructs';
import { isPolicyGateFailure, RdpPolicyAspect } from './policy';
import { buildStacks, ENVIRONMENT_ENV_VAR } from './stacks/app';
import { loadConfig } from './stacks/config/load-config';
import { synthesizeAtomically } from './stacks/synthesize';
import { formatSynthWarnings, synthWarnings, underCdktfCli } from './stacks/synth-warnings';

function main(): number {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const { config, source } = loadConfig();
    synthesizeAtomically(outdir, (app) => {
      buildStacks(app, config, process.env[ENVIRONMENT_ENV_VAR] || undefined);
      // Registered here, on every stack, after the stacks exist (never from inside another aspect).
      RdpPolicyAspect.addToStacks(app);
    });
    // Policy warnings: the cdktf CLI prints them from manifest.json; a plain `node` run (npm run synth) must.
    if (!underCdktfCli()) process.stderr.write(formatSynthWarnings(synthWarnings(outdir)));
    // The result on stdout: the cdktf CLI labels everything on stderr [ERROR].
    process.stdout.write(`Synthesized ${source} into ${outdir}\n`);
    return 0;
  } catch (e) {
    if (!isValidationFailure(e) && !isPolicyGateFailure(e)) throw e;
    const heading = isPolicyGateFailure(e) ? 'The policy review found violations (see docs/RULES.md):\n' : '';
    process.stderr.write(`${heading}${e.message}\n\nNothing was written to ${outdir}.\n`);
    return 1;
  }
}

process.exitCode = main();
