/**
 * `secure-rdp-hosts check`: exit codes, formats, bad input. Most cases call `run()` in-process with
 * captured output (the real bin's exit codes are proven in cli/main.test.ts, the process tier).
 */
import Ajv from 'ajv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs, run } from '../../cli/check/command';
import { awsStack, patch } from '../policy/fixtures/builders';
import { cdktfOut } from '../helpers/cdktf-out';

const ROOT = path.join(__dirname, '..', '..');
const PLAN_DIR = path.join(ROOT, '__tests__', 'policy', 'fixtures', 'aws-plan');

async function check(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const capture = (sink: (s: string) => void) => (chunk: string | Uint8Array, cb?: unknown) => {
    sink(String(chunk));
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)) as typeof process.stdout.write);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)) as typeof process.stderr.write);
  try {
    const code = await run(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const clean = cdktfOut({ clean: awsStack() });
const violating = cdktfOut({ clean: awsStack(), open: patch(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: '0.0.0.0/0' }) });
const warningOnly = cdktfOut({ warn: patch(awsStack(), 'aws_instance', 'host', { iam_instance_profile: undefined }) });

describe('exit codes', () => {
  test('0 and PASS for a clean cdktf.out', async () => {
    const r = await check(clean);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS: 0 violations at or above error/m);
  });

  test('1 with the rule, resource and fix for violations', async () => {
    const r = await check(violating);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/open {2}aws_vpc_security_group_ingress_rule\.office/);
    expect(r.stdout).toMatch(/RDP-NET-INTERNET-RDP/);
    expect(r.stdout).toMatch(/fix: Reach the host through the VPN/);
    expect(r.stdout).toMatch(/^FAIL: /m);
  });

  test('--severity decides which findings fail', async () => {
    expect((await check(warningOnly)).code).toBe(0);
    expect((await check(warningOnly, '--severity', 'warning')).code).toBe(1);
    expect((await check(warningOnly, '--severity=info')).code).toBe(1);
  });

  test('reads a plan JSON, borrowing acknowledgements from the stack file next to it', async () => {
    expect((await check(path.join(PLAN_DIR, 'plan.json'))).code).toBe(0);
    const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
    fs.copyFileSync(path.join(PLAN_DIR, 'plan.json'), path.join(lonely, 'plan.json'));
    const r = await check(path.join(lonely, 'plan.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/RDP-NET-WORLD-INGRESS/);
  });

  test('reads a single stack file', async () => {
    expect((await check(path.join(violating, 'stacks', 'open', 'cdk.tf.json'))).code).toBe(1);
    expect((await check(path.join(violating, 'stacks', 'clean'))).code).toBe(0);
  });
});

describe('bad usage and unreadable input exit 2 with a one-line reason', () => {
  const notJson = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bad-')), 'broken.json');
  fs.writeFileSync(notJson, '{ "resource": ');
  const notTerraform = path.join(path.dirname(notJson), 'other.json');
  fs.writeFileSync(notTerraform, JSON.stringify({ name: 'package', version: '1.0.0' }));
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-'));

  test.each([
    ['an unknown option', ['--frobnicate'], /unknown option "--frobnicate"/],
    ['an unknown format', ['--format', 'xml'], /`--format` must be one of text, json, sarif, markdown, got "xml"/],
    ['an unknown severity', ['--severity', 'fatal'], /`--severity` must be one of error, warning, info, got "fatal"/],
    ['a missing option value', ['--format'], /option --format needs a value/],
    ['a missing path', ['/does/not/exist'], /\/does\/not\/exist: no such file or directory/],
    ['invalid JSON', [notJson], /broken\.json: is not valid JSON/],
    ['JSON that is not Terraform', [notTerraform], /other\.json: is neither Terraform JSON/],
    ['a folder without stacks', [empty], /no cdk\.tf\.json found/],
  ])('%s', async (_name, argv, message) => {
    const r = await check(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  test('--help prints usage and exits 0', async () => {
    const r = await check('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: secure-rdp-hosts check/);
  });
});

describe('formats', () => {
  test('json: machine-readable, with compliant outcomes, rule counts and the exposure map', async () => {
    const r = await check(violating, '--format', 'json');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ reportVersion: 1, pack: { name: 'RdpBaseline' }, threshold: 'error', passed: false, summary: { violations: 2 } });
    expect(report.outcomes.some((o: { compliance: string }) => o.compliance === 'compliant')).toBe(true);
    expect(report.rules.find((x: { id: string }) => x.id === 'RDP-NET-INTERNET-RDP').counts).toMatchObject({ nonCompliant: 1, compliant: 9 });
    expect(report.exposure.map((s: { stack: string }) => s.stack)).toEqual(['clean', 'open']);
  });

  test('markdown: exposure map first, then findings, suppressions and coverage', async () => {
    const r = await check(violating, '--format', 'markdown');
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual(['# RDP policy review: RdpBaseline 1.2.0', '## Exposure map', '### Stack `clean`', '### Stack `open`', '## Findings', '## Suppressions', '## Rule coverage']);
    expect(r.stdout).toMatch(/\| `aws_instance\.host` \| AWS \| undeclared \| 43389 \| 0\.0\.0\.0\/0 \(everyone\) \[world\] \(tcp 43389\) \| 🔴 internet \(open to everyone\) \| no \| none \| ✅ interface endpoints aws_vpc_endpoint\.ssm, aws_vpc_endpoint\.ssmmessages, aws_vpc_endpoint\.ec2messages \|/);
  });

  test('sarif: valid SARIF 2.1.0 with rules, levels, locations and fingerprints', async () => {
    const r = await check(violating, '--format', 'sarif');
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toEqual([]);
    const [result] = log.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'RDP-NET-INTERNET-RDP');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/stacks\/open\/cdk\.tf\.json$/);
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(result.partialFingerprints['rdpPolicyFinding/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain('RDP-NET-INTERNET-RDP');
  });

  test('sarif: suppressed findings carry the justification; a suppressed-only log is still valid', async () => {
    const r = await check(path.join(PLAN_DIR, 'plan.json'), '--format', 'sarif');
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results.filter((x: { suppressions?: unknown }) => x.suppressions)).toEqual([
      expect.objectContaining({ ruleId: 'RDP-NET-WORLD-INGRESS', suppressions: [{ kind: 'inSource', status: 'accepted', justification: 'Public HTTPS landing page for the VPN enrolment portal' }] }),
    ]);
    // The plan's host lists public sources but has no public address (a dead rule), and is hardened by user data
    // only (no drift correction): both warnings, not suppressed.
    expect(log.runs[0].results.filter((x: { suppressions?: unknown }) => !x.suppressions).map((x: { ruleId: string; level: string }) => [x.ruleId, x.level])).toEqual([['RDP-NET-DEAD-SOURCE', 'warning'], ['RDP-GUEST-DRIFT-CORRECTION', 'warning']]);
  });

  test('--output writes the report to a file and keeps the exit code', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'out-')), 'report.md');
    const r = await check(violating, '-f', 'markdown', '-o', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^# RDP policy review/);
    expect(r.stderr).toMatch(/FAIL: 2 violations .* report written to/);
  });
});

describe('reviewer workflow', () => {
  /** A copy of the real plan in which only the office rule changes (now to 0.0.0.0/0); everything else is a no-op. */
  function changedPlan(): string {
    const plan = JSON.parse(fs.readFileSync(path.join(PLAN_DIR, 'plan.json'), 'utf8'));
    for (const rc of plan.resource_changes) {
      if (rc.address === 'aws_vpc_security_group_ingress_rule.office') {
        rc.change.actions = ['update'];
        rc.change.after.cidr_ipv4 = '0.0.0.0/0';
      } else {
        rc.change.actions = ['no-op'];
      }
    }
    plan.output_changes.instance_id.actions = ['no-op'];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changed-'));
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
    return path.join(dir, 'plan.json');
  }

  test('--changed-only reports only what the plan changes; unchanged resources still feed the exposure map', async () => {
    const plan = changedPlan();
    const all = JSON.parse((await check(plan, '-f', 'json')).stdout);
    expect(new Set(all.outcomes.filter((o: { compliance: string }) => o.compliance !== 'compliant').map((o: { address: string }) => o.address))).toEqual(
      new Set(['aws_vpc_security_group_ingress_rule.office', 'aws_vpc_security_group_ingress_rule.world_https', 'aws_instance.host']),
    );
    const r = await check(plan, '--changed-only', '-f', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect([...new Set(report.outcomes.map((o: { address: string }) => o.address))]).toEqual(['aws_vpc_security_group_ingress_rule.office']);
    expect(report.outcomes.filter((o: { compliance: string }) => o.compliance !== 'compliant').map((o: { ruleId: string }) => o.ruleId).sort()).toEqual(['RDP-NET-INTERNET-RDP', 'RDP-NET-WORLD-INGRESS']);
    expect(report.changedOnly.unchangedResources).toBeGreaterThan(10);
    // The unchanged host is still modelled: the map shows the world reaching its RDP port through the changed rule.
    expect(report.exposure[0].hosts[0].sources.map((s: { label: string }) => s.label)).toContain('0.0.0.0/0 (everyone)');
  });

  test('--changed-only refuses a configuration (no change information)', async () => {
    const r = await check(clean, '--changed-only');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--changed-only needs plan JSON .* is a configuration/);
  });

  test('--baseline (SARIF or JSON): fails only on new findings and lists the fixed ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-'));
    const sarif = path.join(dir, 'previous.sarif');
    const json = path.join(dir, 'previous.json');
    expect((await check(violating, '-f', 'sarif', '-o', sarif)).code).toBe(1);
    expect((await check(violating, '-f', 'json', '-o', json)).code).toBe(1);
    for (const baseline of [sarif, json]) {
      const same = await check(violating, '--baseline', baseline);
      expect(same.code).toBe(0);
      expect(same.stdout).toMatch(/error \(baseline\)\s+RDP-NET-INTERNET-RDP/);
      expect(same.stdout).toMatch(/^PASS: 0 new violations at or above error/m);
      // A new finding elsewhere fails, and only it counts.
      const worse = cdktfOut({ clean: awsStack(), open: patch(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: '0.0.0.0/0' }), more: patch(awsStack(), 'aws_instance', 'host', { metadata_options: { http_tokens: 'optional' } }) });
      const r = await check(worse, '--baseline', baseline, '-f', 'json');
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.summary.violations).toBe(1);
      expect(report.outcomes.find((o: { fingerprint: string }) => o.fingerprint === report.baseline.newViolations[0])).toMatchObject({ ruleId: 'RDP-AWS-IMDSV2', stack: 'more' });
      // Fixing the world-open rule lists both of its findings as fixed.
      const fixed = await check(clean, '--baseline', baseline);
      expect(fixed.code).toBe(0);
      expect(fixed.stdout).toMatch(/fixed {2}RDP-NET-INTERNET-RDP {2}open {2}aws_vpc_security_group_ingress_rule\.office/);
      expect(fixed.stdout).toMatch(/fixed {2}RDP-NET-WORLD-INGRESS {2}open/);
    }
    const sarifLog = JSON.parse((await check(violating, '--baseline', sarif, '-f', 'sarif')).stdout);
    expect(validateSarif(sarifLog)).toEqual([]);
    expect(new Set(sarifLog.runs[0].results.map((x: { baselineState: string }) => x.baselineState))).toEqual(new Set(['unchanged']));
  });

  test('--baseline with a file that is not a report exits 2', async () => {
    const r = await check(clean, '--baseline', path.join(PLAN_DIR, 'plan.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a baseline/);
    expect((await check(clean, '--baseline', '/does/not/exist.sarif')).stderr).toMatch(/cannot read the baseline/);
  });

  test('the text report carries the exposure map: RDP sources, other ports and the management path per host', async () => {
    const r = await check(violating);
    expect(r.stdout).toMatch(/Exposure map:\n {2}clean {2}aws_instance\.host {2}AWS, undeclared, RDP port 43389\n {6}path: allowlist without a public IP; public address: no/);
    expect(r.stdout).toMatch(/RDP from \[world\] 0\.0\.0\.0\/0 \(everyone\): tcp 43389 via aws_vpc_security_group_ingress_rule\.office/);
    expect(r.stdout).toMatch(/management path: yes \(interface endpoints aws_vpc_endpoint\.ssm, aws_vpc_endpoint\.ssmmessages, aws_vpc_endpoint\.ec2messages\)/);
    expect(r.stdout).toMatch(/other ports: none/);
  });
});

test('parseArgs defaults to cdktf.out, text, error', () => {
  expect(parseArgs([])).toEqual({ paths: ['cdktf.out'], format: 'text', severity: 'error', output: undefined, changedOnly: false, baseline: undefined, help: false });
  expect(parseArgs(['plan.json', '--changed-only', '--baseline=prev.sarif'])).toMatchObject({ paths: ['plan.json'], changedOnly: true, baseline: 'prev.sarif' });
});

/**
 * Validates against the SARIF 2.1.0 JSON schema (draft-04) shipped in the npm package
 * @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json, Microsoft's SARIF SDK, MIT), with ajv 6,
 * offline. Returns the schema errors (empty when valid).
 */
function validateSarif(log: unknown): unknown[] {
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
  return validate(log) ? [] : (validate.errors ?? []);
}
