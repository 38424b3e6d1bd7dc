/**
 * The commands' one argument parser (cli/arguments.ts, on `util.parseArgs`) and their own usage error:
 * every command turns a bad command line into exit code 2 with one sentence, never a stack trace.
 */
import { describeProblem, parseCommandLine } from '../../cli/arguments';
import { main } from '../../cli/main';
import { isUsageFailure, showArgument, UsageError, UsageErrors } from '../../cli/usage-error';

const OPTIONS = { format: { type: 'string', short: 'f' }, quiet: { type: 'boolean' } } as const;

function problem(argv: string[]): string {
  try {
    parseCommandLine(argv, OPTIONS);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`parsed ${JSON.stringify(argv)}`);
}

describe('parseCommandLine', () => {
  test('options (long, short, inline) and positionals', () => {
    expect(parseCommandLine(['a', '-f', 'json', 'b', '--quiet'], OPTIONS)).toEqual({ values: { format: 'json', quiet: true }, positionals: ['a', 'b'] });
    expect(parseCommandLine(['--format=sarif', '-'], OPTIONS)).toEqual({ values: { format: 'sarif' }, positionals: ['-'] });
  });

  test.each([
    [['--frobnicate'], 'unknown option "--frobnicate".'],
    [['-x'], 'unknown option "-x".'],
    [['--format'], 'option --format needs a value.'],
    [['-f'], 'option --format needs a value.'],
    [['--format', '--quiet'], 'option --format needs a value.'],
    [['--quiet=yes'], '`--quiet` takes no value.'],
  ])('%j: %s', (argv, message) => {
    expect(problem(argv)).toBe(message);
  });

  test('a command words the problem itself', () => {
    const custom = (argv: string[]) => () => parseCommandLine(argv, OPTIONS, (p) => new UsageError(`${p.kind} ${p.option}: ${p.text}`));
    expect(custom(['--nope'])).toThrow(/^unknown-option --nope: Unknown option '--nope'$/);
    expect(custom(['--format'])).toThrow(/^missing-value --format: Option '-f, --format <value>' argument missing$/);
    expect(describeProblem({ kind: 'unexpected-value', option: '--quiet', text: '' }).field).toBe('--quiet');
  });
});

describe('UsageError', () => {
  test('keeps the library\'s message shape and tells usage failures from defects', () => {
    const one = new UsageError(`must be one of text, json, got ${showArgument('xml')}.`, '--format', 'xml');
    expect(one.message).toBe('`--format` must be one of text, json, got "xml".');
    expect(new UsageErrors([one], 'Invalid probe policy').message).toBe('Invalid probe policy (1 problem):\n  - `--format` must be one of text, json, got "xml".');
    expect([one, new UsageErrors([], 'x'), new Error('defect'), 'text'].map(isUsageFailure)).toEqual([true, true, false, false]);
    expect(showArgument('a'.repeat(200))).toMatch(/^"a{120}"… \(200 characters\)$/);
    expect(showArgument(undefined)).toBe('nothing');
  });
});

describe('every command: an unknown option exits 2 with one line naming it', () => {
  let stderr = '';
  beforeEach(() => {
    stderr = '';
    // Calls the write callback: `check` waits for it before it exits.
    const capture = (sink: (s: string) => void) => ((s: string, cb?: unknown) => (sink(s), typeof cb === 'function' && cb(), true)) as typeof process.stderr.write;
    jest.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
    jest.spyOn(process.stdout, 'write').mockImplementation(capture(() => undefined));
  });
  afterEach(() => jest.restoreAllMocks());

  test.each([
    ['check', /^secure-rdp-hosts check: unknown option "--nope"\./],
    ['plan', /^secure-rdp-hosts plan: Unknown option '--nope'\. Run `secure-rdp-hosts plan --help`\./],
    ['probe', /^secure-rdp-hosts probe: `probe` unknown option '--nope'\. Run `secure-rdp-hosts probe --help`\./],
    ['rdp-file', /^secure-rdp-hosts rdp-file: unknown option "--nope"\./],
  ])('%s', async (command, message) => {
    expect(await main([command, '--nope'])).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
