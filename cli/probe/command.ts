/**
 * `secure-rdp-hosts probe <host>:<port> [--expect-policy default|FILE] [--format text|json|junit]`:
 * probes a live RDP endpoint, judges it against a policy and returns the exit code
 * (0 pass, 1 policy failure, 2 unreachable / not RDP / bad usage). Expected failures print one clear
 * message, never a stack trace.
 */
import { isUsageFailure } from '../usage-error';
import { parseProbeArguments, PROBE_USAGE } from './arguments';
import { loadPolicy, ProbePolicy, TLS_ONLY_PROFILE } from './policy';
import { probeEndpoint, ProbeResult } from './probe';
import { FORMATTERS } from './report';
import { EndpointError, EndpointProblem, formatTarget, ProbeTarget } from './transport';
import { judge, verdictExitCode } from './verdict';

/** Where the command writes, and its clock; replaced in tests. */
export interface CommandIo {
  /** Report output. */
  readonly stdout: (text: string) => void;
  /** Messages for people. */
  readonly stderr: (text: string) => void;
  /** The current time (certificate validity is judged against it). */
  readonly now: () => Date;
}

const PROCESS_IO: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
};

const PROBLEM_HINTS: Readonly<Record<EndpointProblem, string>> = {
  'unreachable': 'Check the address and port (the `<host>_probe_command` stack output has both) and run the probe from inside the VPN.',
  'no-answer': 'The port is open but did not answer like an RDP listener: another service, or an overloaded host.',
  'not-rdp': 'The port is open but the service there is not an RDP listener: check the port number.',
};

function endpointMessage(target: ProbeTarget, error: EndpointError): string {
  const where = formatTarget(target);
  const what = error.problem === 'unreachable' ? error.message : `${where} ${error.problem === 'not-rdp' ? 'is not an RDP listener' : 'did not answer'}: ${error.message}.`;
  return `${what} ${PROBLEM_HINTS[error.problem]}`;
}

/** Runs the command; resolves to the exit code. */
export async function run(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> {
  let parsed;
  let policy: ProbePolicy;
  try {
    parsed = parseProbeArguments(argv);
    if (parsed.kind === 'help') {
      io.stdout(PROBE_USAGE);
      return 0;
    }
    policy = parsed.options.policyFile ? loadPolicy(parsed.options.policyFile) : TLS_ONLY_PROFILE;
  } catch (e) {
    if (!isUsageFailure(e)) throw e;
    io.stderr(`secure-rdp-hosts probe: ${e.message}\n`);
    return 2;
  }
  const { target, format, probe } = parsed.options;
  const formatter = FORMATTERS[format];
  let result: ProbeResult;
  try {
    result = await probeEndpoint(target, probe);
  } catch (e) {
    if (!(e instanceof EndpointError)) throw e;
    const message = endpointMessage(target, e);
    const output = formatter.failure({ target, problem: e.problem, message });
    if (output) io.stdout(output);
    io.stderr(`secure-rdp-hosts probe: ${message}\n`);
    return 2;
  }
  const verdict = judge(result, policy, io.now());
  io.stdout(formatter.report({ result, verdict }));
  if (format !== 'text') {
    io.stderr(`secure-rdp-hosts probe: ${formatTarget(target)}: ${verdict.passed ? 'PASS' : `FAIL (${verdict.checks.filter((c) => c.status === 'fail' || c.status === 'unknown').map((c) => c.id).join(', ')})`}\n`);
  }
  return verdictExitCode(verdict);
}
