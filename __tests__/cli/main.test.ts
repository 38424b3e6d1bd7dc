/**
 * The CLI entry: `--version`, and every command's `--help` documents its exit codes, with no colour
 * or cursor codes (the CLI prints none, on a terminal or not). `plan`'s argument parsing and the
 * offline override it writes. `check` through the real bin: exit codes, and no stack trace.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { offlineOverride, parsePlanArgs } from '../../cli/plan/command';
import { cdktfOut } from '../helpers/cdktf-out';
import { awsStack, patch } from '../policy/fixtures/builders';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'secure-rdp-hosts.js');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('secure-rdp-hosts', () => {
  test.each(['--version', '-V', 'version'])('%s prints the package version and exits 0', (flag) => {
    expect(cli([flag])).toEqual({ status: 0, stdout: `secure-rdp-hosts ${VERSION}\n`, stderr: '' });
  });

  test.each([[[]], [['check']], [['plan']], [['probe']]])('%j --help documents the exit codes, without escape codes', (command) => {
    const help = cli([...command, '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^exit codes: 0 /m);
    expect(help.stdout).toMatch(/\b2 [^\n]*bad usage/);
    expect(help.stdout).not.toMatch(/\x1b/);
  });

  test('check --help points to the rules reference shipped in the package', () => {
    const help = cli(['check', '--help']).stdout;
    expect(help).toContain('node_modules/secure-rdp-hosts/docs/RULES.md');
    const files = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(files).toContain('docs/RULES.md');
  });

  test('an unknown command exits 2 with the usage', () => {
    const wrong = cli(['deploy']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/unknown command "deploy"[\s\S]*usage: secure-rdp-hosts/);
  });
});

describe('check through the real bin', () => {
  test('exits 2 without a stack trace, and 1 / 0 on findings / clean', () => {
    const notJson = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bad-')), 'broken.json');
    fs.writeFileSync(notJson, '{ "resource": ');
    const clean = cdktfOut({ clean: awsStack() });
    const violating = cdktfOut({ clean: awsStack(), open: patch(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: '0.0.0.0/0' }) });
    const bad = cli(['check', notJson]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^secure-rdp-hosts check: .*broken\.json: is not valid JSON/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(cli(['check', violating, '--format', 'json']).status).toBe(1);
    expect(cli(['check', clean]).status).toBe(0);
  });
});

describe('plan arguments and override', () => {
  test('one stack; outdir from --outdir, else CDKTF_OUTDIR, else cdktf.out', () => {
    expect(parsePlanArgs(['aws-rdp-hosts'], {})).toEqual({ stack: 'aws-rdp-hosts', outdir: 'cdktf.out', skipSynth: false, output: undefined });
    expect(parsePlanArgs(['s', '--skip-synth', '-o', 'p.json'], { CDKTF_OUTDIR: 'out' })).toEqual({ stack: 's', outdir: 'out', skipSynth: true, output: 'p.json' });
    expect(parsePlanArgs(['s', '--outdir', 'x'], { CDKTF_OUTDIR: 'out' })?.outdir).toBe('x');
    expect(parsePlanArgs(['--help'])).toBeUndefined();
  });

  test.each([[[]], [['a', 'b']], [['a', '--nope']]])('%j is a usage error', (argv) => {
    expect(() => parsePlanArgs(argv, {})).toThrow(/plan --help/);
  });

  test('mock credentials on every aws provider block, aliases kept; state in the given file; no provider block for stacks without aws', () => {
    const override = offlineOverride({ provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', region: 'us-east-1' }] } }, '/tmp/x.tfstate');
    expect(override.terraform).toEqual({ backend: { local: { path: '/tmp/x.tfstate' } } });
    const blocks = (override.provider as { aws: Record<string, unknown>[] }).aws;
    expect(blocks.map((b) => b.alias)).toEqual([undefined, 'us']);
    for (const b of blocks) expect(b).toMatchObject({ skip_credentials_validation: true, skip_requesting_account_id: true, access_key: expect.stringMatching(/^mock-/) });
    expect(offlineOverride({ provider: { azurerm: [{}] } }, '/tmp/y').provider).toBeUndefined();
  });
});
