/**
 * The app: load the configuration (RDP_HOSTS_CONFIG, or the embedded default), build the stacks,
 * synthesize them atomically into cdktf.out. Bad input exits 1 with every problem listed, and writes nothing.
 */
import { isValidationFailure } from './constructs';
import { buildStacks } from './stacks/app';
import { loadConfig } from './stacks/config/load-config';
import { synthesizeAtomically } from './stacks/synthesize';

function main(): number {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const { config, source } = loadConfig();
    synthesizeAtomically(outdir, (app) => buildStacks(app, config));
    process.stderr.write(`Synthesized ${source} into ${outdir}\n`);
    return 0;
  } catch (e) {
    if (!isValidationFailure(e)) throw e;
    process.stderr.write(`${e.message}\n\nNothing was written to ${outdir}.\n`);
    return 1;
  }
}

process.exitCode = main();
