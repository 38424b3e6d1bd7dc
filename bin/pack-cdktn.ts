/**
 * Builds the CDK Terrain flavour of the library, `secure-rdp-hosts-cdktn`, mechanically from the same
 * sources as the default (cdktf) package: `npm run pack:cdktn [-- --pack-destination <dir>]`.
 *
 * 1. Installs the cdktn packages pinned in flavours/cdktn/deps (lockfile, `npm ci`) into a cache folder
 *    outside the repository, keyed by the lockfile's hash, and reuses it on later runs. The repository's
 *    own install never sees them.
 * 2. Copies contract/, constructs/, policy/ and cli/ to a staging folder, lays flavours/cdktn/overlay/ over it (the
 *    cdktn implementation of constructs/compat/providers.ts, the one place for provider-major differences),
 *    and rewrites every module specifier: `cdktf` → `cdktn`, `@cdktf/provider-X[/lib/…]` → `@cdktn/provider-X[/lib/…]`.
 * 3. Compiles the staging tree with the repository's tsc against the cdktn packages (strict, declarations,
 *    source maps with their sources), refuses any remaining cdktf specifier, writes the flavour's
 *    package.json (name, peer dependencies from flavours/cdktn/deps, no scripts) and runs `npm pack`.
 *
 * Why a second package and not a dist-tag: the flavours differ in their peer dependencies, so each needs
 * its own name for npm to resolve, lock and audit it; see docs/cdktn.md.
 */
import { createHash } from 'crypto';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository root. */
const ROOT = path.join(__dirname, '..');
const FLAVOUR = path.join(ROOT, 'flavours', 'cdktn');
const DEPS = path.join(FLAVOUR, 'deps');
const OVERLAY = path.join(FLAVOUR, 'overlay');
/** The flavour's package name. */
export const CDKTN_PACKAGE_NAME = 'secure-rdp-hosts-cdktn';
/** Source folders compiled into the package (as in tsconfig.build.json, without the repository's own app). */
const SOURCE_DIRS = ['contract', 'constructs', 'policy', 'cli'];
/** Files shipped as they are. */
const PLAIN_FILES = ['bin/secure-rdp-hosts.js', 'LICENSE', 'CHANGELOG.md'];
/** Type packages the compiler needs besides the runtime dependencies, taken from the repository's install. */
const BUILD_TYPES = ['@types/node'];

/** `cdktf` and `@cdktf/provider-X` (with an optional subpath) → their CDK Terrain names; anything else unchanged. */
export function rewriteSpecifier(specifier: string): string {
  if (specifier === 'cdktf') return 'cdktn';
  const provider = /^@cdktf\/(provider-[a-z0-9-]+)(\/.*)?$/.exec(specifier);
  return provider ? `@cdktn/${provider[1]}${provider[2] ?? ''}` : specifier;
}

/** Rewrites the module specifiers of `import … from`, `export … from`, `import(…)` and `require(…)` in a TypeScript source. */
export function rewriteImports(source: string): string {
  return source.replace(/(\bfrom\s+|\bimport\(\s*|\brequire\(\s*)(['"])([^'"]+)\2/g, (_m, lead: string, quote: string, specifier: string) => `${lead}${quote}${rewriteSpecifier(specifier)}${quote}`);
}

/** Module specifiers still naming a cdktf package (the build refuses them). */
export function cdktfSpecifiers(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s+|\bimport\(\s*|\brequire\(\s*)['"]((?:cdktf|@cdktf\/)[^'"]*)['"]/g)].map((m) => m[1]);
}

function run(command: string, args: readonly string[], cwd: string): string {
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stdout ?? ''}\n${result.stderr ?? ''}${result.error ?? ''}`);
  return result.stdout;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The pinned cdktn packages (flavours/cdktn/deps/package.json), which become the flavour's peer dependencies. */
export function cdktnPins(): Record<string, string> {
  return readJson<{ dependencies: Record<string, string> }>(path.join(DEPS, 'package.json')).dependencies;
}

/**
 * Installs the pinned cdktn packages (once per lockfile) and returns the folder whose node_modules holds
 * them. Default: `$CDKTN_DEPS_DIR`, else `<tmp>/secure-rdp-hosts-cdktn-deps/<lockfile hash>`.
 */
export function ensureCdktnDeps(dir?: string): string {
  const files = ['package.json', 'package-lock.json'];
  const hash = createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(path.join(DEPS, file)));
  const target = dir ?? process.env.CDKTN_DEPS_DIR ?? path.join(os.tmpdir(), 'secure-rdp-hosts-cdktn-deps', hash.digest('hex').slice(0, 16));
  const marker = path.join(target, '.installed');
  if (fs.existsSync(marker)) return target;
  // Install beside the target and rename, so a concurrent or interrupted run never sees half an install.
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const scratch = fs.mkdtempSync(`${target}.partial-`);
  for (const file of files) fs.copyFileSync(path.join(DEPS, file), path.join(scratch, file));
  run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], scratch);
  fs.writeFileSync(path.join(scratch, '.installed'), `${new Date().toISOString()}\n`);
  try {
    fs.renameSync(scratch, target);
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (!fs.existsSync(marker)) throw error;
  }
  return target;
}

function copyTree(from: string, to: string, filter: (file: string) => boolean = () => true): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target, filter);
    else if (filter(source)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** The flavour's package.json, derived from the repository's. */
export function flavourManifest(base: Record<string, unknown>, pins: Record<string, string>): Record<string, unknown> {
  const peers: Record<string, string> = {};
  for (const [name, version] of Object.entries(pins)) peers[name] = name === 'constructs' ? '>=10.6.0 <10.8.0' : version;
  const { scripts: _scripts, devDependencies: _dev, peerDependencies: _peers, ...rest } = base;
  return {
    ...rest,
    name: CDKTN_PACKAGE_NAME,
    description: `${String(base.description).replace('CDK for Terraform', 'CDK Terrain (cdktn)')} The CDK Terrain flavour of secure-rdp-hosts, built from the same sources.`,
    keywords: ['cdktn', 'cdk-terrain', 'opentofu', 'terraform', 'rdp', 'windows', 'aws', 'azure'],
    peerDependencies: peers,
  };
}

/** Builds the flavour and packs it into `destination`; returns the tarball's path. */
export function packCdktn(destination: string, depsDir: string = ensureCdktnDeps()): string {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-rdp-hosts-cdktn-build-'));
  try {
    for (const dir of SOURCE_DIRS) copyTree(path.join(ROOT, dir), path.join(staging, dir), (f) => f.endsWith('.ts') || f.endsWith('.json'));
    // The overlay only replaces files (an overlay file without its original means the sources moved).
    const orphans = filesUnder(OVERLAY).map((f) => path.relative(OVERLAY, f)).filter((f) => !fs.existsSync(path.join(staging, f)));
    if (orphans.length > 0) throw new Error(`flavours/cdktn/overlay replaces files that no longer exist: ${orphans.join(', ')}`);
    copyTree(OVERLAY, staging);
    for (const file of PLAIN_FILES) {
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(staging, file));
    }
    for (const file of filesUnder(staging).filter((f) => f.endsWith('.ts'))) {
      fs.writeFileSync(file, rewriteImports(fs.readFileSync(file, 'utf8')));
    }
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const note = [
      `> **${CDKTN_PACKAGE_NAME}** is the CDK Terrain (cdktn) flavour of secure-rdp-hosts, built from the same sources.`,
      "> Read `cdktf` as `cdktn` and `@cdktf/provider-…` as `@cdktn/provider-…` in the examples below, and import from",
      `> \`${CDKTN_PACKAGE_NAME}\` (and \`${CDKTN_PACKAGE_NAME}/policy\`). Migration and differences: docs/cdktn.md in the repository.`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(staging, 'README.md'), readme.replace(/^(# [^\n]*\n)/, `$1\n${note}\n`));

    // node_modules for the compiler: the cdktn packages from the cache, the rest from the repository's install.
    const pins = cdktnPins();
    const base = readJson<Record<string, unknown> & { dependencies: Record<string, string> }>(path.join(ROOT, 'package.json'));
    const modules = path.join(staging, 'node_modules');
    const link = (name: string, from: string) => {
      fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
      fs.symlinkSync(path.join(from, 'node_modules', name), path.join(modules, name), 'dir');
    };
    for (const name of Object.keys(pins)) link(name, depsDir);
    for (const name of [...Object.keys(base.dependencies), ...BUILD_TYPES]) link(name, ROOT);

    const tsconfig = {
      extends: path.join(ROOT, 'tsconfig.json'),
      compilerOptions: { rootDir: staging, outDir: path.join(staging, 'dist'), types: ['node'], sourceMap: true, inlineSources: true, stripInternal: true, typeRoots: [path.join(modules, '@types')] },
      include: SOURCE_DIRS.map((dir) => `${dir}/**/*.ts`),
      exclude: ['node_modules', 'dist'],
    };
    fs.writeFileSync(path.join(staging, 'tsconfig.pack.json'), JSON.stringify(tsconfig, null, 2));
    run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.pack.json'], staging);

    const leftovers = filesUnder(path.join(staging, 'dist'))
      .filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))
      .flatMap((f) => cdktfSpecifiers(fs.readFileSync(f, 'utf8')).map((s) => `${path.relative(staging, f)}: ${s}`));
    if (leftovers.length > 0) throw new Error(`the cdktn build still refers to cdktf packages:\n${leftovers.join('\n')}`);

    fs.rmSync(modules, { recursive: true, force: true });
    fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(flavourManifest(base, pins), null, 2)}\n`);
    fs.mkdirSync(destination, { recursive: true });
    const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', path.resolve(destination)], staging)) as { filename: string }[];
    return path.join(path.resolve(destination), packed[0].filename);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === __filename) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--pack-destination');
  const destination = at >= 0 && args[at + 1] ? args[at + 1] : ROOT;
  const started = Date.now();
  const tarball = packCdktn(destination);
  process.stdout.write(`${path.relative(process.cwd(), tarball) || tarball} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
