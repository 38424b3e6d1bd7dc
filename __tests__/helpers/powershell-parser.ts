/**
 * Parses PowerShell with a real grammar (tree-sitter-powershell's bundled .wasm, loaded offline by
 * web-tree-sitter) so tests can prove a rendered script is syntactically valid without a Windows host.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { Language, Node, Parser } from 'web-tree-sitter';

/** A node the grammar could not fit: an ERROR node (unexpected text) or a MISSING node (expected token absent). */
export interface PowerShellSyntaxProblem {
  /** `ERROR` or `MISSING`. */
  readonly kind: 'ERROR' | 'MISSING';
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** 1-based line where the node ends (error recovery may wrap the whole enclosing statement). */
  readonly endLine: number;
  /** The node's type (for MISSING, the token that was expected). */
  readonly nodeType: string;
  /** The node's source text, shortened. */
  readonly text: string;
}

let parserPromise: Promise<Parser> | undefined;

/** Loads the PowerShell grammar once per test process. */
export function powerShellParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    // Baseline (Liftoff) code only: the parser runs for milliseconds, but V8's background TurboFan compilation of
    // the two .wasm modules takes about 25 s of CPU and holds the process open until it ends (measured: a test
    // file parsing one line took 90 s to exit, 0.7 s with this flag). Every jest module registry, and so every
    // mutant of a Stryker run, loads the grammar again.
    v8.setFlagsFromString('--liftoff-only');
    await Parser.init();
    const grammarDir = path.dirname(require.resolve('tree-sitter-powershell/package.json'));
    // Bytes, not a path: with a path web-tree-sitter uses a dynamic import() that jest's VM refuses.
    const language = await Language.load(fs.readFileSync(path.join(grammarDir, 'tree-sitter-powershell.wasm')));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/** Every ERROR and MISSING node in the parse tree of `script`; empty when the script parses cleanly. */
export async function powerShellSyntaxProblems(script: string): Promise<PowerShellSyntaxProblem[]> {
  const parser = await powerShellParser();
  const tree = parser.parse(script);
  if (!tree) throw new Error('tree-sitter returned no tree for the script');
  const problems: PowerShellSyntaxProblem[] = [];
  const visit = (node: Node) => {
    if (node.type === 'ERROR' || node.isMissing) {
      problems.push({
        kind: node.isMissing ? 'MISSING' : 'ERROR',
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        endLine: node.endPosition.row + 1,
        nodeType: node.type,
        text: node.text.length > 80 ? `${node.text.slice(0, 77)}...` : node.text,
      });
    }
    if (!node.hasError && !node.isMissing) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return problems;
}

/** A failure message listing each problem with its position, its text and the script line it is on. */
export function describeSyntaxProblems(script: string, problems: readonly PowerShellSyntaxProblem[]): string {
  const lines = script.split('\n');
  return problems
    .map((p) => `${p.kind} (${p.nodeType}) at line ${p.line}, column ${p.column} (to line ${p.endLine}): ${JSON.stringify(p.text)}\n    ${lines[p.line - 1] ?? ''}`)
    .join('\n');
}
