/**
 * The app: load the configuration (RDP_HOSTS_CONFIG, or the embedded default), build the stacks and run
 * every construct check on them, gate them with the policy pack, and synthesize them atomically into
 * cdktf.out. Bad input or an insecure plan exits 1 with every problem listed, and writes nothing;
 * nothing ever prints a stack trace (RDP_HOSTS_DEBUG=1 adds it for unexpected errors).
 */
import { isValidationFailure } from './constructs';
import { isPolicyGateFailure, RdpPolicyAspect } from './policy';
import { buildStacks } from './stacks/app';
import { ENVIRONMENT_ENV_VAR, loadConfig } from './stacks/config/load-config';
import { synthesizeAtomically } from './stacks/synthesize';

function main(): number {
  const outdir = process.env.CDKTF_OUTDIR || 'cdktf.out';
  try {
    const { config, source } = loadConfig();
    synthesizeAtomically(outdir, (app) => {
      buildStacks(app, config, process.env[ENVIRONMENT_ENV_VAR] || undefined);
      // Registered here, on every stack, after the stacks exist (never from inside another aspect).
      RdpPolicyAspect.addToStacks(app);
    });
    process.stderr.write(`Synthesized ${source} into ${outdir}\n`);
    return 0;
  } catch (e) {
    const expected = isValidationFailure(e) || isPolicyGateFailure(e);
    const heading = isPolicyGateFailure(e) ? 'The policy review found violations (see docs/RULES.md):\n' : expected ? '' : 'Synthesis failed unexpectedly: ';
    const message = expected ? (e as Error).message : (e instanceof Error ? e.message : String(e)).split('\n')[0];
    const debug = !expected && process.env.RDP_HOSTS_DEBUG === '1' && e instanceof Error ? `\n${e.stack}` : '';
    process.stderr.write(`${heading}${message}${debug}\n\nNothing was written to ${outdir}.\n`);
    return 1;
  }
}

process.exitCode = main();
