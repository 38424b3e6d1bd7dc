/**
 * Helpers for the package test: pack the library with `npm pack` (which runs `prepack`, a clean build),
 * read the tarball, and install it into a throwaway consumer project offline, laid out as npm lays it
 * out: the package extracted to node_modules/secure-rdp-hosts, its bin linked into node_modules/.bin,
 * and its dependencies and peer dependencies linked from this repository's node_modules (already
 * installed from the lockfile), so nothing is fetched. Only what package.json declares is linked,
 * so an undeclared runtime import fails to resolve, as it would for a real consumer.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.join(__dirname, '..', '..');

/** The parts of the packed package.json the tests read. */
export interface PackedManifest {
  readonly name: string;
  readonly version: string;
  readonly main: string;
  readonly types: string;
  readonly bin: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

/** A command's outcome. */
export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; never throws (tests assert on the result). */
export function runCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): CommandResult {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** Runs `npm pack` in the repository (prepack builds dist/) and returns the tarball's path. */
export function packLibrary(destination: string): string {
  const pack = runCommand('npm', ['pack', '--json', '--pack-destination', destination], ROOT, { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  if (pack.status !== 0) throw new Error(`npm pack failed (exit ${pack.status}):\n${pack.stdout}\n${pack.stderr}`);
  const [{ filename }] = JSON.parse(pack.stdout) as { filename: string }[];
  return path.join(destination, filename);
}

/** The paths inside the tarball, without npm's leading `package/`. */
export function tarballEntries(tarball: string): string[] {
  const list = runCommand('tar', ['-tzf', tarball], path.dirname(tarball));
  if (list.status !== 0) throw new Error(`tar -tzf ${tarball} failed: ${list.stderr}`);
  return list.stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
}

/** The package names a module specifier refers to (`@scope/name/lib/x` → `@scope/name`). */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Module specifiers that a compiled `.js` file requires (static and lazy `require(…)` calls). */
export function requiredSpecifiers(jsSource: string): string[] {
  return [...jsSource.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
}

/** Module specifiers that a `.d.ts` file imports or re-exports. */
export function declarationSpecifiers(dtsSource: string): string[] {
  return [...dtsSource.matchAll(/(?:\bfrom\s+|\bimport\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
}

/**
 * Installs the extracted package into `consumerDir`/node_modules the way npm would, linking each
 * dependency and peer dependency from the node_modules folder `modulesOf(name)` names (default: the
 * repository's). Returns the installed package folder.
 */
export function installTarball(tarball: string, consumerDir: string, modulesOf: (name: string) => string = () => path.join(ROOT, 'node_modules')): string {
  const modules = path.join(consumerDir, 'node_modules');
  const staging = fs.mkdtempSync(path.join(consumerDir, '.extract-'));
  const extract = runCommand('tar', ['-xzf', tarball, '-C', staging], consumerDir);
  if (extract.status !== 0) throw new Error(`tar -xzf ${tarball} failed: ${extract.stderr}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'package', 'package.json'), 'utf8')) as PackedManifest;
  const installed = path.join(modules, manifest.name);
  fs.mkdirSync(path.dirname(installed), { recursive: true });
  fs.renameSync(path.join(staging, 'package'), installed);
  fs.rmSync(staging, { recursive: true, force: true });

  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    const link = path.join(modules, name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(modulesOf(name), name), link, 'dir');
  }
  for (const [command, target] of Object.entries(manifest.bin)) {
    const bin = path.join(modules, '.bin', command);
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.symlinkSync(path.relative(path.dirname(bin), path.join(installed, target)), bin);
    fs.chmodSync(path.join(installed, target), 0o755);
  }
  return installed;
}

/** The shell lines of the README block marked `<!-- install: tarball -->` that run in the consumer app. */
export function readmeInstallCommands(): string[] {
  const { snippetsOf } = require('../helpers/doc-snippets') as typeof import('../helpers/doc-snippets');
  const block = snippetsOf('README.md').find((s) => s.marker === 'install: tarball');
  if (!block) throw new Error('README.md has no block marked <!-- install: tarball -->');
  return block.code.split('\n').filter((line) => /^npm install /.test(line)).map((line) => line.replace(/\s+#.*$/, ''));
}

/**
 * Installs the tarball into `consumerDir` exactly as the README says: the tarball copied next to the
 * app's package.json, then the README's `npm install` lines, run by the shell as written. npm may use
 * its cache first (`prefer-offline`, set through the environment so the commands stay literal).
 * Returns the installed package folder.
 */
export function installAsReadmeSays(tarball: string, consumerDir: string): { installed: string; commands: string[]; results: CommandResult[] } {
  fs.copyFileSync(tarball, path.join(consumerDir, path.basename(tarball)));
  const env = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const commands = readmeInstallCommands();
  const results: CommandResult[] = [];
  for (const command of commands) {
    const result = runCommand('bash', ['-c', command], consumerDir, env);
    results.push(result);
    if (result.status !== 0) throw new Error(`\`${command}\` failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return { installed: path.join(consumerDir, 'node_modules', 'secure-rdp-hosts'), commands, results };
}
