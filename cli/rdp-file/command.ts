/**
 * `secure-rdp-hosts rdp-file <stack> <host>`: writes a `.rdp` connection file for a host from the
 * synthesized stack (`cdktf.out/stacks/<stack>/cdk.tf.json`). Exit codes: 0 written, 2 bad usage or
 * input (with a one-line reason, never a stack trace).
 */
import * as fs from 'fs';
import { AccessMode } from '../../contract';
import { parseCommandLine } from '../arguments';
import { UsageError } from '../usage-error';
import * as path from 'path';
import { RdpFileError, readTarget, renderRdpFile } from './rdp-file';

/** Usage text. */
export const USAGE = `usage: secure-rdp-hosts rdp-file <stack> <host> [options]

Writes <host>.rdp for a host of a synthesized stack: its RDP port (or the local end of its
Session Manager / Bastion tunnel), server authentication required (authentication level 2),
CredSSP (NLA) on, and every device redirection off unless the host's hardening allows it.
Recent Windows clients warn about unsigned .rdp files: sign it with
\`rdpsign /sha256 <thumbprint> <host>.rdp\` (docs/zero-inbound.md).

arguments:
  stack                  stack name (a folder under <dir>/stacks)
  host                   host name as configured

options:
      --dir <dir>        the synthesized output (default: cdktf.out)
  -o, --output <file>    where to write (default: ./<host>.rdp)
      --address <addr>   IP or DNS name to connect to (required for vpn-only and allowlist hosts;
                         tunnel hosts default to localhost)
      --local-port <n>   local port of the tunnel (default: the host's RDP port)
  -h, --help             show this help
`;

/** Runs the command; returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    const options = parse(argv);
    if (options.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const file = path.join(options.dir, 'stacks', options.stack, 'cdk.tf.json');
    if (!fs.existsSync(file)) throw new RdpFileError(`${file} does not exist: synthesize first (npm run synth), or point --dir at the synthesized output.`);
    const target = readTarget(JSON.parse(fs.readFileSync(file, 'utf8')), options.host);
    const text = renderRdpFile(target, { address: options.address, localPort: options.localPort });
    const output = options.output ?? `${options.host}.rdp`;
    fs.writeFileSync(output, text);
    const hint = target.accessMode === AccessMode.SESSION_MANAGER
      ? `open the tunnel first: terraform output -raw ${options.host.replace(/-/g, '_')}_tunnel_command`
      : target.accessMode === AccessMode.BASTION ? `open the Bastion tunnel first: terraform output -raw ${options.host.replace(/-/g, '_')}_tunnel_command` : 'connect from inside the network or VPN';
    process.stdout.write(`wrote ${output} (${target.accessMode}; ${hint})\n`);
    return 0;
  } catch (err) {
    if (err instanceof RdpFileError || err instanceof UsageError || err instanceof SyntaxError) {
      process.stderr.write(`secure-rdp-hosts rdp-file: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

interface Options {
  readonly stack: string;
  readonly host: string;
  readonly dir: string;
  readonly output?: string;
  readonly address?: string;
  readonly localPort?: number;
  readonly help: boolean;
}

function parse(argv: readonly string[]): Options {
  const { values, positionals } = parseCommandLine(
    argv,
    { dir: { type: 'string' }, output: { type: 'string', short: 'o' }, address: { type: 'string' }, 'local-port': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    (problem) => new UsageError(`${problem.kind === 'unknown-option' ? `unknown option ${JSON.stringify(problem.option)}.` : problem.kind === 'missing-value' ? `${problem.option} needs a value.` : `${problem.option} takes no value.`}\n\n${USAGE}`),
  );
  if (values.help) return { stack: '', host: '', dir: '', help: true };
  if (positionals.length !== 2) throw new UsageError(`expects <stack> <host>, got ${positionals.length} argument(s).\n\n${USAGE}`);
  const localPort = values['local-port'] === undefined ? undefined : Number(values['local-port']);
  if (localPort !== undefined && (!Number.isInteger(localPort) || localPort < 1 || localPort > 65535)) throw new UsageError(`--local-port must be an integer from 1 to 65535, got ${JSON.stringify(values['local-port'])}.`);
  return { stack: positionals[0], host: positionals[1], dir: values.dir ?? 'cdktf.out', output: values.output, address: values.address, localPort, help: false };
}
