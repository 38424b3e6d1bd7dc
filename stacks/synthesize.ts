import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';

/** True when a process with this ID is running (a signal-0 probe; EPERM means it exists but is not ours). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `<outdir>.tmp-<pid>` folders left by runs that were killed (their process is gone). */
export function removeStaleTemporaryOutput(finalDir: string): void {
  const parent = path.dirname(finalDir);
  const prefix = `${path.basename(finalDir)}.tmp-`;
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * Synthesizes into a temporary sibling directory and moves it into place only when synthesis has
 * succeeded, so a failed run never leaves a half-written `cdktf.out` (the previous output stays as it
 * was). The temporary directory is always removed, and those of earlier runs that were killed too.
 * @param outdir the final output directory
 * @param build adds the stacks to the app (and may throw: nothing is then written)
 */
export function synthesizeAtomically(outdir: string, build: (app: App) => void): void {
  const finalDir = path.resolve(outdir);
  const workDir = `${finalDir}.tmp-${process.pid}`;
  removeStaleTemporaryOutput(finalDir);
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
