/**
 * The library as other teams get it: `npm pack` (prepack builds dist/), the tarball's contents, and a
 * throwaway consumer project that installs the tarball with the README's own `npm install` lines
 * (literally, npm's cache first), type-checks its own cdktf app with the TypeScript it installed against
 * the shipped declarations, synthesizes two AWS hosts in its own stack, and runs the installed
 * `secure-rdp-hosts` bin on the result. The consumer's composition lives in fixtures/consumer/.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import { bodiesOf, resourcesOf, TerraformJson } from '../helpers/template';
import {
  CommandResult,
  declarationSpecifiers,
  installAsReadmeSays,
  packageNameOf,
  packLibrary,
  PackedManifest,
  requiredSpecifiers,
  runCommand,
  tarballEntries,
} from './packed-package';

jest.setTimeout(300_000);

const FIXTURE = path.join(__dirname, 'fixtures', 'consumer');
const WORLD = new Set(['0.0.0.0/0', '::/0']);
/**
 * Relative requires that only run inside this repository: the bin loads the transpile-only TypeScript
 * loader when cli/main.ts exists next to it, which is never the case in the package.
 */
const REPOSITORY_ONLY_REQUIRES: Record<string, readonly string[]> = { 'bin/secure-rdp-hosts.js': ['./register-ts'] };
/** Packages a construct library must leave to the app (peer dependencies), per STYLE §4.7. */
const APP_OWNED = /^(cdktf|constructs|@cdktf\/provider-[a-z]+)$/;

interface ConsumerHost {
  readonly id: string;
  readonly rdpPort: number;
  readonly extraPrivateSource?: string;
}

function expectSuccess(result: CommandResult, what: string): void {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

/** Resources whose construct path lies under `prefix` (from the `"//"` metadata cdktf writes). */
function underPath(resources: Record<string, Record<string, unknown>>, prefix: string): Record<string, unknown>[] {
  return Object.values(resources).filter((r) => String((r['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path).startsWith(prefix));
}

describe('the packed library, installed into a consumer project', () => {
  let workDir: string;
  let tarball: string;
  let consumerDir: string;
  let installedDir: string;
  let entries: string[];
  let manifest: PackedManifest;
  let compile: CommandResult;
  let synth: CommandResult;
  let stack: TerraformJson;
  let hosts: ConsumerHost[];

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-package-'));
    tarball = packLibrary(workDir);
    entries = tarballEntries(tarball);

    consumerDir = path.join(workDir, 'consumer');
    fs.mkdirSync(consumerDir);
    for (const file of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, file), path.join(consumerDir, file));
    installedDir = installAsReadmeSays(tarball, consumerDir).installed;
    manifest = JSON.parse(fs.readFileSync(path.join(installedDir, 'package.json'), 'utf8'));

    // The consumer's own TypeScript, installed by the README's lines.
    compile = runCommand(process.execPath, [path.join(consumerDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], consumerDir);
    synth = compile.status === 0 ? runCommand(process.execPath, ['main.cjs'], consumerDir) : compile;
    if (synth.status === 0) {
      stack = JSON.parse(fs.readFileSync(path.join(consumerDir, 'cdktf.out', 'stacks', 'consumer-rdp', 'cdk.tf.json'), 'utf8'));
      const listed = runCommand(process.execPath, ['-p', "JSON.stringify(require('./rdp-hosts.cjs').HOSTS)"], consumerDir);
      expectSuccess(listed, 'reading the consumer HOSTS');
      hosts = JSON.parse(listed.stdout);
    }
  });

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  describe('the tarball', () => {
    test('holds the compiled library and its declarations, the CLI, README, LICENSE and CHANGELOG', () => {
      expect(manifest.main).toBe('dist/constructs/index.js');
      expect(manifest.types).toBe('dist/constructs/index.d.ts');
      expect(manifest.bin).toEqual({ 'secure-rdp-hosts': 'bin/secure-rdp-hosts.js' });
      for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'docs/RULES.md', '.github/scripts/stack-matrix.js', manifest.main, manifest.types, manifest.bin['secure-rdp-hosts'], 'dist/cli/main.js', 'dist/cli/check/command.js', 'dist/cli/probe/command.js']) {
        expect(entries).toContain(file);
      }
      expect(fs.readFileSync(path.join(installedDir, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004/);
      // Every compiled module comes with its declarations.
      for (const js of entries.filter((e) => e.startsWith('dist/') && e.endsWith('.js'))) {
        expect(entries).toContain(js.replace(/\.js$/, '.d.ts'));
      }
    });

    test('holds no tests, fixtures, TypeScript sources, examples, synth output, state or build leftovers', () => {
      const unwanted = entries.filter(
        (e) =>
          /(^|\/)__tests__\//.test(e) ||
          (e.endsWith('.ts') && !e.endsWith('.d.ts')) ||
          (/(^|\/)(cdktf\.out|node_modules|examples|coverage|\.terraform|\.github|\.ci)\//.test(e) && e !== '.github/scripts/stack-matrix.js') ||
          /\.(tfstate|tfplan|tgz|tsbuildinfo|log)$/.test(e) ||
          /^dist\/(stacks|bin|main\.)/.test(e),
      );
      expect(unwanted).toEqual([]);
      expect(entries.filter((e) => e.startsWith('bin/'))).toEqual(['bin/secure-rdp-hosts.js']);
    });

    test('every relative import resolves inside the package, and every package it loads is declared', () => {
      const shipped = new Set(entries);
      const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
      const builtins = new Set(builtinModules);
      const problems: string[] = [];
      for (const file of entries.filter((e) => e.endsWith('.js') || e.endsWith('.d.ts'))) {
        const source = fs.readFileSync(path.join(installedDir, file), 'utf8');
        const isDeclaration = file.endsWith('.d.ts');
        for (const specifier of isDeclaration ? declarationSpecifiers(source) : requiredSpecifiers(source)) {
          if (REPOSITORY_ONLY_REQUIRES[file]?.includes(specifier)) continue;
          if (specifier.startsWith('.')) {
            const target = path.posix.join(path.posix.dirname(file), specifier);
            const candidates = isDeclaration ? [`${target}.d.ts`, `${target}/index.d.ts`] : [target, `${target}.js`, `${target}/index.js`, `${target}.json`];
            if (!candidates.some((c) => shipped.has(c))) problems.push(`${file}: ${specifier} is not in the package`);
          } else if (!builtins.has(specifier.replace(/^node:/, '')) && !declared.has(packageNameOf(specifier))) {
            problems.push(`${file}: ${specifier} is neither a Node built-in nor a declared dependency`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    test('source maps carry their sources, so stack traces map to TypeScript lines without shipping .ts files', () => {
      const maps = entries.filter((e) => e.endsWith('.js.map'));
      expect(maps.length).toBeGreaterThan(0);
      const incomplete = maps.filter((file) => {
        const map = JSON.parse(fs.readFileSync(path.join(installedDir, file), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
        return map.sourcesContent?.length !== map.sources.length || map.sourcesContent.some((content) => !content);
      });
      expect(incomplete).toEqual([]);
    });

    test('cdktf, constructs and the provider bindings are peer dependencies the app owns, never bundled', () => {
      expect(Object.keys(manifest.dependencies ?? {}).filter((name) => APP_OWNED.test(name))).toEqual([]);
      for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws']) expect(manifest.peerDependencies).toHaveProperty([name]);
    });
  });

  describe('the consumer project', () => {
    test('installed as the README says: the tarball name it uses, the exact peer versions, and the cdktf CLI', () => {
      expect(path.basename(tarball)).toBe(`${manifest.name}-${manifest.version}.tgz`);
      const own = JSON.parse(fs.readFileSync(path.join(consumerDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
      expect(own.dependencies['secure-rdp-hosts']).toBe(`file:${path.basename(tarball)}`);
      for (const [name, version] of Object.entries(manifest.peerDependencies ?? {})) {
        const installedVersion = JSON.parse(fs.readFileSync(path.join(consumerDir, 'node_modules', name, 'package.json'), 'utf8')).version as string;
        if (/^\d/.test(version)) expect(`${name}@${installedVersion}`).toBe(`${name}@${version}`);
      }
      expect(Object.keys(own.devDependencies)).toEqual(expect.arrayContaining(['cdktf-cli', 'typescript']));
      const cdktf = runCommand(path.join(consumerDir, 'node_modules', '.bin', 'cdktf'), ['--version'], consumerDir);
      expectSuccess(cdktf, 'npx cdktf --version');
      expect(cdktf.stdout).toMatch(/0\.21\.0/);
    });

    test('imports only the public entry point of secure-rdp-hosts, never its internals', () => {
      const specifiers = fs
        .readdirSync(FIXTURE)
        .filter((f) => f.endsWith('.cts'))
        .flatMap((f) => declarationSpecifiers(fs.readFileSync(path.join(FIXTURE, f), 'utf8')));
      expect(specifiers).toContain('secure-rdp-hosts');
      // The only subpath is the documented policy entry point (package.json "exports").
      expect(specifiers.filter((s) => s.startsWith('secure-rdp-hosts/'))).toEqual(['secure-rdp-hosts/policy']);
      const internal = runCommand(process.execPath, ['-e', "require('secure-rdp-hosts/dist/constructs/core/peer')"], consumerDir);
      expect(internal.status).not.toBe(0);
      expect(internal.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
      const resolved = runCommand(process.execPath, ['-p', "require.resolve('secure-rdp-hosts')"], consumerDir);
      expectSuccess(resolved, 'resolving secure-rdp-hosts');
      expect(fs.realpathSync(resolved.stdout.trim())).toBe(fs.realpathSync(path.join(installedDir, 'dist', 'constructs', 'index.js')));
    });

    test('type-checks against the shipped declarations (strict, library declarations checked too)', () => {
      expectSuccess(compile, 'tsc in the consumer project');
    });

    test('synthesizes its own stack: two VPN-only hosts behind one Client VPN, each on its custom port', () => {
      expectSuccess(synth, 'the consumer app');
      expect(hosts.length).toBe(2);
      expect(bodiesOf(stack, 'aws_instance')).toHaveLength(hosts.length);
      expect(bodiesOf(stack, 'aws_ec2_client_vpn_endpoint')).toHaveLength(1);
      for (const instance of bodiesOf(stack, 'aws_instance')) expect(instance.associate_public_ip_address).toBe(false);
      const ingress = resourcesOf(stack, 'aws_vpc_security_group_ingress_rule');
      for (const host of hosts) {
        const rules = underPath(ingress, `consumer-rdp/${host.id}/`);
        // One rule from the shared VPN's security group, plus the host's own private source.
        expect(rules.filter((r) => String(r.referenced_security_group_id).includes('aws_security_group.AdminVpn_SecurityGroup'))).toHaveLength(1);
        expect(rules.map((r) => r.cidr_ipv4 ?? r.cidr_ipv6).filter(Boolean)).toEqual(host.extraPrivateSource ? [host.extraPrivateSource] : []);
        for (const rule of rules) expect([rule.ip_protocol, rule.from_port, rule.to_port]).toEqual(['tcp', host.rdpPort, host.rdpPort]);
        expect(stack.output?.[`${host.id}-rdp-port`]).toEqual({ value: host.rdpPort });
      }
      for (const rule of Object.values(ingress)) {
        expect(WORLD.has(String(rule.cidr_ipv4)) || WORLD.has(String(rule.cidr_ipv6))).toBe(false);
        expect(rule.from_port).not.toBe(3389);
      }
    });

    test('the hosts keep the secure defaults: IMDSv2, encrypted root volumes, no password data', () => {
      for (const instance of bodiesOf(stack, 'aws_instance')) {
        expect(instance.metadata_options).toMatchObject({ http_tokens: 'required' });
        expect(instance.root_block_device).toMatchObject({ encrypted: true });
        expect(instance.get_password_data).not.toBe(true);
      }
      expect(JSON.stringify(stack)).not.toMatch(/"(admin_)?password"\s*:/);
    });
  });

  describe('the installed bin', () => {
    const bin = () => path.join(consumerDir, 'node_modules', '.bin', 'secure-rdp-hosts');

    test('runs the compiled CLI (no TypeScript sources in the package)', () => {
      const help = runCommand(bin(), ['--help'], consumerDir);
      expectSuccess(help, 'secure-rdp-hosts --help');
      expect(help.stdout).toMatch(/usage: secure-rdp-hosts <command>/);
      expect(fs.existsSync(path.join(installedDir, 'cli', 'main.ts'))).toBe(false);
      const probeHelp = runCommand(bin(), ['probe', '--help'], consumerDir);
      expectSuccess(probeHelp, 'secure-rdp-hosts probe --help');
    });

    test('reviews the consumer stack with the policy pack: every resource is read, and the composition passes', () => {
      const check = runCommand(bin(), ['check', 'cdktf.out', '--format', 'json'], consumerDir);
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
      const report = JSON.parse(check.stdout) as { documents: { stack: string; resources: number }[]; rules: { id: string; counts: { compliant: number; nonCompliant: number } }[] };
      const resourceCount = Object.values(stack.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
      expect(report.documents).toEqual([expect.objectContaining({ stack: 'consumer-rdp' })]);
      // The engine reviews every resource (and, as it chooses, outputs).
      expect(report.documents[0].resources).toBeGreaterThanOrEqual(resourceCount);
      const internetRdp = report.rules.find((r) => r.id === 'RDP-NET-INTERNET-RDP');
      expect(internetRdp?.counts.nonCompliant).toBe(0);
      expect(internetRdp?.counts.compliant).toBeGreaterThan(0);
    });
  });
});
