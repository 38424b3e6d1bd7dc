/**
 * The folder import graph, built from the sources: no folder cycles, and each folder imports only the
 * folders its layer allows (the table in eslint.config.js and docs/architecture.md). ESLint's import
 * patterns cannot say "no cycles"; this test can, and a synthetic graph proves it can fail.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const SOURCE_ROOTS = ['constructs', 'contract', 'stacks', 'policy', 'cli', 'bin', 'main.ts'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']*)'|require\('(\.[^']*)'\)/g;

/** The folder a file belongs to: `constructs/<folder>` (or `constructs/core/net`) inside constructs/, else its top-level folder. */
export function folderOf(rel: string): string {
  const parts = rel.split('/');
  if (parts.length === 1) return '.';
  if (parts[0] === 'constructs') {
    if (parts.length === 2) return 'constructs';
    // core/net is a layer of its own (the lowest), below the rest of core.
    return parts[1] === 'core' && parts[2] === 'net' && parts.length > 3 ? 'constructs/core/net' : `constructs/${parts[1]}`;
  }
  return parts[0];
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!fs.existsSync(abs)) return;
    if (fs.statSync(abs).isDirectory()) for (const e of fs.readdirSync(abs)) walk(path.posix.join(rel, e));
    else if (/\.(ts|js)$/.test(rel) && !rel.endsWith('.d.ts')) out.push(rel);
  };
  SOURCE_ROOTS.forEach(walk);
  return out;
}

/** Edges `from → to` between folders, with one file that makes each edge (for the failure message). */
export function folderGraph(files: readonly string[], read: (rel: string) => string): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const m of read(file).matchAll(IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] ?? m[2]));
      if (target.startsWith('..') || target.startsWith('node_modules')) continue;
      const to = folderOf(fs.existsSync(path.join(ROOT, target)) && fs.statSync(path.join(ROOT, target)).isDirectory() ? `${target}/index.ts` : `${target}.ts`);
      if (to !== from && !edges.has(to)) edges.set(to, `${file} imports '${m[1] ?? m[2]}'`);
    }
  }
  return graph;
}

/** Every cycle of folders (strongly connected components with more than one folder), each sorted. */
export function folderCycles(graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return cycles;
}

/** What each folder may import (the layers). A folder missing here may import nothing of ours. */
const ALLOWED: Record<string, readonly string[]> = {
  contract: [],
  'constructs/core/net': [],
  'constructs/core': ['constructs/core/net', 'contract'],
  'constructs/windows': ['constructs/core', 'contract'],
  'constructs/compat': [],
  'constructs/host': ['constructs/windows', 'constructs/core', 'contract'],
  'constructs/aws': ['constructs/host', 'constructs/compat', 'constructs/windows', 'constructs/core', 'contract'],
  'constructs/azure': ['constructs/host', 'constructs/compat', 'constructs/windows', 'constructs/core', 'contract'],
  constructs: ['constructs/core', 'constructs/windows', 'constructs/compat', 'constructs/host', 'constructs/aws', 'constructs/azure'],
  policy: ['contract'],
  cli: ['policy', 'contract'],
  // stacks/config reads the configuration file with cli/input-file (the same hardened reader as the commands).
  stacks: ['constructs', 'constructs/core', 'constructs/windows', 'constructs/host', 'constructs/aws', 'constructs/azure', 'policy', 'cli', 'contract'],
  bin: ['stacks', 'policy', 'cli', 'constructs', 'contract', '.'],
  '.': ['stacks', 'constructs', 'policy', 'cli'],
};

describe('folder import graph', () => {
  const files = sourceFiles();
  const graph = folderGraph(files, (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8'));

  test('the sources were read (the graph is not empty)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect([...graph.get('constructs/aws')!.keys()]).toEqual(expect.arrayContaining(['constructs/host', 'constructs/core']));
  });

  test('has no cycle between folders', () => {
    expect(folderCycles(graph)).toEqual([]);
  });

  test('each folder imports only the folders its layer allows', () => {
    const violations = [...graph].flatMap(([from, edges]) => [...edges].filter(([to]) => !(ALLOWED[from] ?? []).includes(to)).map(([to, why]) => `${from} → ${to}: ${why}`));
    expect(violations).toEqual([]);
  });

  test('the cycle check finds a cycle in a synthetic graph, and the edge check a forbidden edge', () => {
    const synthetic = new Map([
      ['constructs/core', new Map([['constructs/core/net', 'a']])],
      ['constructs/core/net', new Map([['constructs/windows', 'b']])],
      ['constructs/windows', new Map([['constructs/core', 'c']])],
      ['policy', new Map([['contract', 'd']])],
    ]);
    expect(folderCycles(synthetic)).toEqual([['constructs/core', 'constructs/core/net', 'constructs/windows']]);
    expect(folderCycles(new Map([['a', new Map([['b', 'x']])], ['b', new Map()]]))).toEqual([]);
    const graphOf = (sources: Record<string, string>) => folderGraph(Object.keys(sources), (f) => sources[f]);
    const fromSources = graphOf({ 'constructs/core/x.ts': "import { a } from './net';\n", 'constructs/core/net/y.ts': "import { b } from '../errors';\n" });
    expect(folderCycles(fromSources)).toEqual([['constructs/core', 'constructs/core/net']]);
  });
});
