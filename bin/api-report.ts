/**
 * The API report: the public surface of each package entry point, as its users' compiler sees it, in a
 * checked-in file (api/*.api.md), so every API change shows up as a reviewed diff (as api-extractor does).
 *
 * `npm run api:report` rewrites the files; `npm run api:report -- --check` only compares and exits 1 with
 * the diff. A package-tier test (`__tests__/package/api-report.test.ts`) fails when they differ.
 *
 * How: the declarations are emitted in memory with the build's own options (tsconfig.build.json, so
 * `stripInternal` applies exactly as in dist/), then read back as a second program. Each export of an entry
 * point is printed without comments and private members, sorted by name. Types from this package that a
 * public declaration mentions but the entry point does not export are listed (a user could not name them).
 * Nothing is written to dist/, so no build is needed first.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/** The repository root. */
export const ROOT = path.join(__dirname, '..');
/** Where the reports are checked in. */
export const API_DIR = path.join(ROOT, 'api');
/** The command that rewrites the reports. */
export const UPDATE_COMMAND = 'npm run api:report';

/** A public entry point of the package (package.json "exports"). */
export interface EntryPoint {
  /** The specifier users import. */
  readonly specifier: string;
  /** Its TypeScript source, relative to the root. */
  readonly source: string;
  /** The report's file name under api/. */
  readonly report: string;
}

/** The package's entry points: the constructs, and the policy engine. */
export const ENTRY_POINTS: readonly EntryPoint[] = [
  { specifier: 'secure-rdp-hosts', source: 'constructs/index.ts', report: 'secure-rdp-hosts.api.md' },
  { specifier: 'secure-rdp-hosts/policy', source: 'policy/index.ts', report: 'secure-rdp-hosts-policy.api.md' },
];

/** A generated report. */
export interface ApiReport {
  readonly entryPoint: EntryPoint;
  /** Absolute path of the checked-in file. */
  readonly file: string;
  readonly text: string;
  /** Package types that public declarations use but the entry point does not export. */
  readonly unexported: readonly string[];
}

/** Emitted declarations live under this folder name (never written to disk). */
const VIRTUAL_OUT = path.join(ROOT, '.api-report-declarations');

function fail(diagnostics: readonly ts.Diagnostic[], what: string): never {
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  throw new Error(`${what}:\n${ts.formatDiagnostics(diagnostics, host)}`);
}

/** The build's compiler options (tsconfig.build.json), with the output redirected. */
function buildOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.build.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => fail([d], 'tsconfig.build.json cannot be read'),
  });
  if (!parsed) throw new Error('tsconfig.build.json cannot be read');
  return { ...parsed.options, outDir: VIRTUAL_OUT, declaration: true, emitDeclarationOnly: true, noEmit: false, sourceMap: false, inlineSources: false, declarationMap: false };
}

/** Emits the entry points' declarations in memory: absolute `.d.ts` path → text. */
function emitDeclarations(options: ts.CompilerOptions): Map<string, string> {
  const program = ts.createProgram(ENTRY_POINTS.map((e) => path.join(ROOT, e.source)), options);
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) fail(errors, 'The sources do not compile');
  const files = new Map<string, string>();
  const result = program.emit(undefined, (name, text) => files.set(path.resolve(name), text), undefined, true);
  if (result.emitSkipped) fail(result.diagnostics, 'Declaration emit failed');
  return files;
}

/** A program over the in-memory declarations (and the real node_modules for everything else). */
function declarationProgram(files: Map<string, string>, options: ts.CompilerOptions): ts.Program {
  // skipLibCheck off: the emitted declarations themselves are checked (see generateApiReports).
  const dtsOptions: ts.CompilerOptions = { ...options, noEmit: true, emitDeclarationOnly: false, declaration: false, skipLibCheck: false };
  const host = ts.createCompilerHost(dtsOptions, true);
  const virtual = (f: string) => path.resolve(f).startsWith(`${VIRTUAL_OUT}${path.sep}`);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (f) => (virtual(f) ? files.has(path.resolve(f)) : fileExists.call(host, f));
  host.readFile = (f) => (virtual(f) ? files.get(path.resolve(f)) : readFile.call(host, f));
  host.directoryExists = (d) => {
    if (!virtual(`${d}${path.sep}x`)) return directoryExists ? directoryExists.call(host, d) : true;
    const prefix = `${path.resolve(d)}${path.sep}`;
    return [...files.keys()].some((f) => f.startsWith(prefix));
  };
  host.realpath = (f) => f;
  host.getSourceFile = (f, language, onError, shouldCreate) => {
    const text = virtual(f) ? files.get(path.resolve(f)) : undefined;
    return text !== undefined ? ts.createSourceFile(f, text, language, true) : getSourceFile.call(host, f, language, onError, shouldCreate);
  };
  const roots = ENTRY_POINTS.map((e) => declarationPath(e));
  return ts.createProgram(roots, dtsOptions, host);
}

function declarationPath(entry: EntryPoint): string {
  return path.join(VIRTUAL_OUT, entry.source.replace(/\.ts$/, '.d.ts'));
}

const isPrivate = (member: ts.ClassElement | ts.TypeElement): boolean =>
  (ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) || (member.name !== undefined && ts.isPrivateIdentifier(member.name));

/** The node printed for a declaration: the whole statement, without private class members. */
function printable(declaration: ts.Declaration): ts.Node | undefined {
  if (ts.isVariableDeclaration(declaration)) return declaration.parent.parent;
  if (ts.isClassDeclaration(declaration)) {
    return ts.factory.updateClassDeclaration(declaration, declaration.modifiers, declaration.name, declaration.typeParameters, declaration.heritageClauses, declaration.members.filter((m) => !isPrivate(m)));
  }
  if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isEnumDeclaration(declaration) || ts.isFunctionDeclaration(declaration) || ts.isModuleDeclaration(declaration)) return declaration;
  return undefined;
}

/** Symbols of this package that `node` refers to in a type position. */
function referencedSymbols(node: ts.Node, checker: ts.TypeChecker): ts.Symbol[] {
  const found: ts.Symbol[] = [];
  const leftmost = (n: ts.EntityName | ts.Expression): ts.Node => (ts.isQualifiedName(n) ? leftmost(n.left) : ts.isPropertyAccessExpression(n) ? leftmost(n.expression) : n);
  const visit = (n: ts.Node): void => {
    let target: ts.Node | undefined;
    if (ts.isTypeReferenceNode(n)) target = leftmost(n.typeName);
    else if (ts.isExpressionWithTypeArguments(n)) target = leftmost(n.expression);
    else if (ts.isTypeQueryNode(n)) target = leftmost(n.exprName);
    else if (ts.isImportTypeNode(n) && n.qualifier) target = n.qualifier;
    if (target && target.pos >= 0) {
      let symbol = checker.getSymbolAtLocation(target);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      if (symbol) found.push(symbol);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function relativeName(file: string): string {
  return path.relative(VIRTUAL_OUT, file).split(path.sep).join('/');
}

function reportOf(entry: EntryPoint, program: ts.Program): ApiReport {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(declarationPath(entry));
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry.source} has no declarations (is it a module?)`);
  const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const exports = checker.getExportsOfModule(moduleSymbol).slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const exported = new Set(exports.map(resolve));
  const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
  const blocks: string[] = [];
  const unexported = new Map<string, Set<string>>();
  for (const symbol of exports) {
    const target = resolve(symbol);
    const declarations = target.declarations ?? [];
    const printed: string[] = [];
    for (const declaration of declarations) {
      const node = printable(declaration);
      if (!node) continue;
      printed.push(printer.printNode(ts.EmitHint.Unspecified, node, declaration.getSourceFile()));
      for (const referenced of referencedSymbols(node, checker)) {
        const own = (referenced.declarations ?? []).find((d) => d.getSourceFile().fileName.startsWith(VIRTUAL_OUT));
        if (!own || exported.has(referenced) || referenced.flags & ts.SymbolFlags.TypeParameter) continue;
        const key = `${referenced.name} (${relativeName(own.getSourceFile().fileName)})`;
        if (!unexported.has(key)) unexported.set(key, new Set());
        unexported.get(key)!.add(symbol.name);
      }
    }
    const alias = target.name !== symbol.name && target.name !== 'default' ? `// exported as ${symbol.name}\n` : '';
    blocks.push(printed.length > 0 ? `${alias}${printed.join('\n\n')}` : `// ${symbol.name}: ${ts.SymbolFlags[target.flags] ?? target.flags} (not printable)`);
  }
  const missing = [...unexported.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, users]) => `- \`${name}\`, used by ${[...users].sort().join(', ')}`);
  const text = [
    `## API Report File for "${entry.specifier}"`,
    '',
    `> Do not edit this file. It is generated by \`${UPDATE_COMMAND}\` (bin/api-report.ts) from the declarations the`,
    `> package ships for \`${entry.source}\` (tsconfig.build.json, \`stripInternal\` on). A change here is a change`,
    '> of the public API: review it.',
    '',
    `${exports.length} exports.`,
    '',
    '```ts',
    '',
    blocks.join('\n\n'),
    '',
    '```',
    '',
    '## Types used by the API but not exported',
    '',
    missing.length > 0 ? missing.join('\n') : '(none)',
    '',
  ].join('\n');
  return { entryPoint: entry, file: path.join(API_DIR, entry.report), text, unexported: [...unexported.keys()] };
}

/** Generates every entry point's report (type-checks the sources; a few seconds). */
export function generateApiReports(): ApiReport[] {
  const options = buildOptions();
  const files = emitDeclarations(options);
  const program = declarationProgram(files, options);
  // What users compile against must compile: e.g. `stripInternal` must not remove a member an exported
  // interface or base class requires.
  const shipped = program.getSourceFiles().filter((f) => f.fileName.startsWith(VIRTUAL_OUT));
  const errors = shipped.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]);
  if (errors.length > 0) fail(errors, 'The emitted declarations do not type-check');
  return ENTRY_POINTS.map((entry) => reportOf(entry, program));
}

/** A unified diff from the checked-in report to the generated one; '' when equal. */
export function reportDiff(report: ApiReport): string {
  const current = fs.existsSync(report.file) ? fs.readFileSync(report.file, 'utf8') : '';
  if (current === report.text) return '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-report-'));
  try {
    const generated = path.join(dir, report.entryPoint.report);
    fs.writeFileSync(generated, report.text);
    const checkedIn = fs.existsSync(report.file) ? report.file : '/dev/null';
    const diff = spawnSync('diff', ['-u', '--label', `api/${report.entryPoint.report} (checked in)`, '--label', `api/${report.entryPoint.report} (generated)`, checkedIn, generated], { encoding: 'utf8' });
    return diff.stdout || `api/${report.entryPoint.report} differs from the generated report (diff unavailable: ${diff.error ?? diff.stderr}).`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const check = process.argv.includes('--check');
  const reports = generateApiReports();
  let stale = false;
  for (const report of reports) {
    const name = path.relative(process.cwd(), report.file);
    if (check) {
      const diff = reportDiff(report);
      if (diff) {
        stale = true;
        process.stdout.write(`${diff}\n`);
      }
    } else {
      fs.mkdirSync(path.dirname(report.file), { recursive: true });
      fs.writeFileSync(report.file, report.text);
      process.stdout.write(`Wrote ${name}\n`);
    }
    if (report.unexported.length > 0) process.stderr.write(`${name}: types used by the API but not exported: ${report.unexported.join(', ')}\n`);
  }
  if (stale) {
    process.stderr.write(`The API report is out of date. Review the diff above, then run \`${UPDATE_COMMAND}\` and commit api/.\n`);
    process.exitCode = 1;
  }
}

if (require.main === module || process.argv[1] === __filename) main();
