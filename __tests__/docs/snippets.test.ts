/**
 * The examples in README.md and docs/*.md run as written:
 * - every ```ts block is type-checked against the library's sources (strict, as one program) and run:
 *   a whole app (`new App()` … `app.synth()`) synthesizes into a temporary folder; a fragment written
 *   inside a stack (`this`) runs in the constructor of a stack that has the three providers;
 * - every ```json block parses; one that looks like a configuration (`aws`, `azure`, `environments`,
 *   `state` at the top) passes the configuration validator and synthesizes;
 * - `<!-- snippet: skip (reason) -->` before a block leaves it out (deliberately partial; the list is short),
 *   `<!-- snippet: typecheck-only (reason) -->` type-checks it without running it.
 * `secure-rdp-hosts` and `./constructs` imports resolve to the sources, `secure-rdp-hosts/policy` and
 * `./policy` to policy/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { App, Testing } from 'cdktf';
import { buildStacks } from '../../stacks/app';
import { validateConfig } from '../../stacks/config/load-config';
import { documentationFiles, DocSnippet, DOCS_ROOT, skipReason, snippetsOf } from '../helpers/doc-snippets';

jest.setTimeout(60_000);

/** Values for `${env:…}` references in documented configurations (placeholders, never real). */
const SNIPPET_ENV: NodeJS.ProcessEnv = {
  ARM_SUBSCRIPTION_ID: '11111111-2222-4333-8444-555555555555',
  ARM_TENANT_ID: '3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f',
  RDP_WINDOWS_AMI_ID: 'ami-0123456789abcdef0',
  RDP_VPN_SERVER_CERT_ARN: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
};
/** Most blocks that may be skipped: partial examples are the exception, not the rule. */
const MAX_SKIPPED = 8;
const CONFIG_KEYS = ['aws', 'azure', 'environments', 'state'];

const all = documentationFiles().flatMap(snippetsOf);
const checked = all.filter((s) => !skipReason(s));
const tsSnippets = checked.filter((s) => s.lang === 'ts' || s.lang === 'typescript');
const jsonSnippets = checked.filter((s) => s.lang === 'json');
const name = (s: DocSnippet): string => `${s.file}:${s.line}`;
const typecheckOnly = (s: DocSnippet): boolean => /^snippet: typecheck-only \(.+\)$/.test(s.marker ?? '');

/** Import specifiers as documented → the sources they stand for. */
function rewriteImports(code: string): string {
  return code.replace(/from '([^']+)'/g, (whole, spec: string) => {
    const local = /^secure-rdp-hosts(\/policy)?$/.exec(spec);
    if (local) return `from '${path.join(DOCS_ROOT, local[1] ? 'policy' : 'constructs')}'`;
    if (spec.startsWith('./')) return `from '${path.join(DOCS_ROOT, spec)}'`;
    return whole;
  });
}

/** The snippet as a compilable module: a whole app as is, a fragment inside a stack's constructor. */
function moduleSource(s: DocSnippet): string {
  const code = rewriteImports(s.code);
  if (!/\bthis\b/.test(code)) return `${code}\nexport {};\n`;
  const lines = code.split('\n');
  const imports = lines.filter((l) => /^import\s/.test(l));
  const body = lines.filter((l) => !/^import\s/.test(l));
  return [
    ...imports,
    "import { TerraformStack as SnippetTerraformStack } from 'cdktf';",
    "import { Construct as SnippetConstruct } from 'constructs';",
    "import { AwsProvider as SnippetAwsProvider } from '@cdktf/provider-aws/lib/provider';",
    "import { AzurermProvider as SnippetAzurermProvider } from '@cdktf/provider-azurerm/lib/provider';",
    "import { RandomProvider as SnippetRandomProvider } from '@cdktf/provider-random/lib/provider';",
    'export class SnippetStack extends SnippetTerraformStack {',
    '  constructor(scope: SnippetConstruct, id: string) {',
    '    super(scope, id);',
    "    new SnippetAwsProvider(this, 'aws', { region: 'eu-west-1' });",
    "    new SnippetAzurermProvider(this, 'azurerm', { features: [{}] });",
    "    new SnippetRandomProvider(this, 'random');",
    ...body.map((l) => `    ${l}`),
    '  }',
    '}',
    '',
  ].join('\n');
}

const virtualFile = (s: DocSnippet): string => path.join(DOCS_ROOT, '__doc_snippets__', `${s.file.replace(/[^A-Za-z0-9]/g, '_')}_${s.line}.ts`);

/** Type-checks every TS snippet in one program; returns the diagnostics per snippet. */
function typecheck(snippets: readonly DocSnippet[]): Map<DocSnippet, string[]> {
  const config = ts.readConfigFile(path.join(DOCS_ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, DOCS_ROOT);
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false, types: ['node'] };
  const sources = new Map(snippets.map((s) => [virtualFile(s), moduleSource(s)]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => sources.has(f) || fileExists.call(host, f);
  host.readFile = (f) => sources.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, onError) => (sources.has(f) ? ts.createSourceFile(f, sources.get(f)!, language) : getSourceFile.call(host, f, language, onError));
  const program = ts.createProgram([...sources.keys()], options, host);
  const result = new Map<DocSnippet, string[]>();
  for (const s of snippets) {
    const file = program.getSourceFile(virtualFile(s))!;
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    result.set(
      s,
      diagnostics.map((d) => `${d.start !== undefined ? `line ${file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    );
  }
  return result;
}

/** Runs a snippet's module (transpiled; the library is loaded from source through jest). */
function runModule(s: DocSnippet): Record<string, unknown> {
  const js = ts.transpileModule(moduleSource(s), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', js)(require, module, module.exports);
  return module.exports;
}

/** The stacks written into `outdir` and their cdk.tf.json documents. */
function synthesizedStacks(outdir: string): Record<string, { resource?: Record<string, Record<string, unknown>> }> {
  const stacksDir = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacksDir)) return {};
  return Object.fromEntries(fs.readdirSync(stacksDir).map((id) => [id, JSON.parse(fs.readFileSync(path.join(stacksDir, id, 'cdk.tf.json'), 'utf8'))]));
}

const resourceCount = (doc: { resource?: Record<string, Record<string, unknown>> }): number => Object.values(doc.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);

describe('documentation snippets', () => {
  let outdirRoot: string;
  let diagnostics: Map<DocSnippet, string[]>;
  const savedOutdir = process.env.CDKTF_OUTDIR;

  beforeAll(() => {
    outdirRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-doc-snippets-'));
    diagnostics = typecheck(tsSnippets);
  });

  afterAll(() => {
    if (savedOutdir === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = savedOutdir;
    fs.rmSync(outdirRoot, { recursive: true, force: true });
  });

  test('are found in README.md and docs/*.md, and few are skipped, each with a reason', () => {
    expect(tsSnippets.length).toBeGreaterThanOrEqual(4);
    expect(jsonSnippets.length).toBeGreaterThanOrEqual(3);
    const skipped = all.filter((s) => skipReason(s));
    expect(skipped.length).toBeLessThanOrEqual(MAX_SKIPPED);
    const badMarkers = all.filter((s) => s.marker?.startsWith('snippet:') && !skipReason(s) && !typecheckOnly(s)).map(name);
    expect(badMarkers).toEqual([]);
  });

  test.each(tsSnippets.map((s) => [name(s), s] as const))('%s type-checks against the library', (_, s) => {
    expect(diagnostics.get(s)).toEqual([]);
  });

  test.each(tsSnippets.filter((s) => !typecheckOnly(s)).map((s) => [name(s), s] as const))('%s runs and synthesizes its stacks', (_, s) => {
    const outdir = path.join(outdirRoot, name(s).replace(/[^A-Za-z0-9]/g, '_'));
    process.env.CDKTF_OUTDIR = outdir;
    const exported = runModule(s);
    if (typeof exported.SnippetStack === 'function') {
      const app = new App({ outdir });
      new (exported.SnippetStack as new (scope: App, id: string) => unknown)(app, 'snippet');
      app.synth();
    }
    const stacks = synthesizedStacks(outdir);
    expect(Object.keys(stacks).length).toBeGreaterThan(0);
    for (const doc of Object.values(stacks)) expect(resourceCount(doc)).toBeGreaterThan(0);
  });

  test.each(jsonSnippets.map((s) => [name(s), s] as const))('%s is JSON; a configuration passes the validator and synthesizes', (_, s) => {
    const value = JSON.parse(s.code) as unknown;
    if (typeof value !== 'object' || value === null || !CONFIG_KEYS.some((k) => k in value)) return;
    const config = validateConfig(value, SNIPPET_ENV, name(s));
    const app = Testing.app();
    buildStacks(app, config);
    const stacks = app.node.children.filter((c) => c.node.children.length > 0);
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) expect(resourceCount(JSON.parse(Testing.synth(stack as never)))).toBeGreaterThan(0);
  });
});

/** The README's quoted messages are what users get. */
describe('messages quoted in the README', () => {
  const readme = fs.readFileSync(path.join(DOCS_ROOT, 'README.md'), 'utf8');
  const textBlocks = snippetsOf('README.md').filter((s) => s.lang === 'text');

  /** The synth error of a stack built by `build`, as cdktf reports it. */
  function synthError(build: (app: App) => void): string {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-doc-messages-')) });
    build(app);
    try {
      app.synth();
    } catch (e) {
      return (e as Error).message;
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
    throw new Error('synth succeeded');
  }

  test('a missing provider construct: the quoted message is the real one, naming the construct and its import', () => {
    const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
    const { TerraformStack } = require('cdktf');
    const lib = require('../../constructs');
    const message = synthError((app) => {
      const stack = new TerraformStack(app, 'ops-azure');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      const network = new lib.AzureRdpNetwork(stack, 'Network', { location: 'westeurope', namePrefix: 'rdp-ops' });
      const keyVault = new lib.AzureRdpKeyVault(stack, 'KeyVault', { resourceGroupName: network.resourceGroupName, location: network.location, deployerIpRanges: ['198.51.100.0/28'] });
      new lib.AzureRdpHost(stack, 'Jump1', { image: lib.AzureWindowsImage.server2022DatacenterAzureEdition(), subnet: network.addHostSubnet('jump-1', '10.52.1.0/24'), keyVault, name: 'jump-1', access: lib.RdpAccess.vpnOnly(lib.RdpAllowlist.fromCidrs(['10.60.0.0/24'])), rdpPort: lib.RdpPort.of(43389) });
    });
    const quoted = textBlocks.map((b) => b.code).find((c) => c.startsWith("Stack 'ops-azure' has random resources"));
    expect(quoted).toBeDefined();
    expect(message).toContain(quoted!.trim());
  });

  test('the invalid-configuration example lists the real messages', () => {
    const quoted = textBlocks.map((b) => b.code).find((c) => c.startsWith('Invalid configuration'))!;
    let message = '';
    try {
      validateConfig({ aws: { region: 'eu-west-1', hosts: [{ name: 'jump', amiId: 'ami-0123456789abcdef0', access: 'allowlist', rdpPort: 3389, allowlist: ['10.1.0.0/24', '203.0.113.5/24'] }] } }, {}, 'configuration ./my-hosts.json');
    } catch (e) {
      message = (e as Error).message;
    }
    const [heading, ...lines] = quoted.split('\n');
    expect(message).toMatch(new RegExp(`^${heading.replace(/[.()]/g, '\\$&').replace('2 problems', '\\d+ problems')}`));
    for (const line of lines) {
      // `…` abbreviates the rest of a line in the README.
      const prefix = line.split('…')[0];
      expect(message).toContain(prefix);
    }
  });

  test('a VPN-only host without a VPN: the errors table quotes the real message', () => {
    const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
    const { TerraformStack } = require('cdktf');
    const lib = require('../../constructs');
    const message = synthError((app) => {
      const stack = new TerraformStack(app, 'ops');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const network = new lib.AwsRdpNetwork(stack, 'Network');
      new lib.AwsRdpHost(stack, 'Jump', { network, image: lib.WindowsAmi.fromId('ami-0123456789abcdef0'), rdpPort: lib.RdpPort.of(44123), access: lib.RdpAccess.vpnOnly() });
    });
    const quoted = /`` (Resolution error: `access` leaves) <host path> (with no source that may reach RDP) ``/.exec(readme);
    expect(quoted).not.toBeNull();
    expect(message).toContain(`${quoted![1]} ops/Jump/Group ${quoted![2]}`);
  });
});
