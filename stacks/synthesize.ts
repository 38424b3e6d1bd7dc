import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Synthesizes into a temporary sibling directory and moves it into place only when synthesis has
 * succeeded, so a failed run never leaves a half-written `cdktf.out` (the previous output stays as it was).
 * @param outdir the final output directory
 * @param build adds the stacks to the app
 */
export function synthesizeAtomically(outdir: string, build: (app: App) => void): void {
  const finalDir = path.resolve(outdir);
  const workDir = `${finalDir}.tmp-${process.pid}`;
  fs.rmSync(workDir, { recursive: true, force: true });
  try {
    const app = new App({ outdir: workDir });
    build(app);
    app.synth();
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(workDir, finalDir);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
