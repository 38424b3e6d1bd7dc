import * as fs from 'fs';
import * as path from 'path';

/** One warning annotation of a synthesized stack (a policy warning, or a cdktf one). */
export interface SynthWarning {
  readonly constructPath: string;
  readonly message: string;
}

/**
 * The warnings recorded in `<outdir>/manifest.json`. cdktf writes annotations only there; the cdktf CLI
 * prints them after `cdktf synth`, a plain `node` run of the app does not, so `npm run synth` prints them
 * itself ({@link formatSynthWarnings}).
 */
export function synthWarnings(outdir: string): SynthWarning[] {
  let manifest: { stacks?: Record<string, { annotations?: { level?: string; constructPath?: string; message?: string }[] }> };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  } catch {
    return [];
  }
  return Object.values(manifest.stacks ?? {}).flatMap((stack) =>
    (stack.annotations ?? []).filter((a) => a.level === '@cdktf/warn').map((a) => ({ constructPath: a.constructPath ?? '', message: a.message ?? '' })),
  );
}

/** The warnings as lines for stderr: a heading, then `[construct path] message` each. Empty when there are none. */
export function formatSynthWarnings(warnings: readonly SynthWarning[]): string {
  if (warnings.length === 0) return '';
  const lines = warnings.map((w) => `  - [${w.constructPath}] ${w.message}`);
  return `${warnings.length} warning${warnings.length === 1 ? '' : 's'} (synth continued; see docs/policy.md):\n${lines.join('\n')}\n`;
}

/** True when the app runs under the cdktf CLI (`cdktf synth` / `diff` / `deploy`), which prints the warnings itself. */
export function underCdktfCli(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CDKTF_CONTEXT_JSON !== undefined;
}
