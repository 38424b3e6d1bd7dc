/**
 * `secure-rdp-hosts <command> [args…]`: the project's command-line entry.
 * Each command lives in its own module and is loaded only when asked for, so `probe` never pays
 * for the policy engine and neither pays for provider bindings.
 */
import * as fs from 'fs';
import * as path from 'path';

/** A command: receives its own arguments, returns the process exit code. */
export type CommandRunner = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => CommandRunner }> = {
  check: { summary: 'review synthesized stacks or plan JSON against the policy pack', load: () => require('./check/command').run },
  plan: { summary: 'plan one stack offline (provider mirror, mock credentials) into plan JSON', load: () => require('./plan/command').run },
  probe: { summary: 'verify what a live RDP endpoint really accepts', load: () => require('./probe/command').run },
  'rdp-file': { summary: 'write a .rdp connection file for a host of a synthesized stack', load: () => require('./rdp-file/command').run },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return (
    `usage: secure-rdp-hosts <command> [options]\n       secure-rdp-hosts --version\n\ncommands:\n${lines.join('\n')}\n\n` +
    "Run `secure-rdp-hosts <command> --help` for a command's options.\n" +
    'exit codes: 0 success, 1 findings / policy failure / Terraform failure, 2 bad usage or input (each command says more).\n'
  );
}

/** The package's version, from the package.json above this file (sources and dist/ alike). */
export function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'secure-rdp-hosts' && manifest.version) return manifest.version;
    }
  }
  return 'unknown';
}

/** Runs the CLI and returns its exit code: 0 success, 1 findings / policy failure, 2 bad usage or input. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`secure-rdp-hosts ${packageVersion()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`secure-rdp-hosts: unknown command ${JSON.stringify(name)}.\n\n${usage()}`);
    return 2;
  }
  return command.load()(rest);
}

if (require.main === module || process.env.SECURE_RDP_HOSTS_CLI === '1') {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`secure-rdp-hosts: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
