/**
 * The engine apart from any single rule: coverage in reports, UNKNOWN never passing, suppression
 * semantics, malformed acknowledgements, rules that throw.
 */
import { PolicyDocument } from '../../policy/document';
import { evaluate, review, violations } from '../../policy/engine';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { SynthResource } from '../../policy/resource';
import { Compliance, PackRule, PolicyPack, Severity } from '../../policy/types';
import { awsStack, load, patch, TfJson } from './fixtures/builders';

function acknowledge(json: TfJson, type: string, name: string, acknowledgements: unknown): TfJson {
  const copy = JSON.parse(JSON.stringify(json)) as TfJson;
  (copy.resource[type][name] as Record<string, unknown>)['//'] = { metadata: { path: `fixture/${name}` }, rdp_acknowledgements: acknowledgements };
  return copy;
}

const publicHost = patch(awsStack(), 'aws_instance', 'host', { associate_public_ip_address: true });

describe('review', () => {
  test('keeps compliant outcomes, so the report proves coverage', () => {
    const report = review([load(awsStack())], RdpBaselinePack);
    const imds = report.outcomes.filter((o) => o.ruleId === 'RDP-AWS-IMDSV2');
    expect(imds).toEqual([expect.objectContaining({ address: 'aws_instance.host', compliance: Compliance.COMPLIANT, findings: [] })]);
    expect(report.notApplicable['RDP-AWS-IMDSV2']).toBeGreaterThan(5);
    expect(violations(report)).toEqual([]);
  });

  test('reports a violation with its severity, address and findings', () => {
    const report = review([load(publicHost)], RdpBaselinePack);
    expect(violations(report)).toEqual([
      expect.objectContaining({ ruleId: 'RDP-NET-PUBLIC-IP', severity: Severity.ERROR, address: 'aws_instance.host', compliance: Compliance.NON_COMPLIANT, findings: ['public address through associate_public_ip_address = true'] }),
    ]);
  });

  test('counts UNKNOWN as a violation (never a pass) until it is suppressed', () => {
    const json = patch(awsStack(), 'aws_instance', 'host', { metadata_options: { http_tokens: '${var.tokens}' } });
    const open = violations(review([load(json)], RdpBaselinePack));
    expect(open).toEqual([expect.objectContaining({ ruleId: 'RDP-AWS-IMDSV2', compliance: Compliance.UNKNOWN, findings: [expect.stringContaining('${var.tokens}')] })]);
    const suppressed = acknowledge(json, 'aws_instance', 'host', [{ id: 'RDP-AWS-IMDSV2', reason: 'Token policy comes from the platform team variable' }]);
    expect(violations(review([load(suppressed)], RdpBaselinePack))).toEqual([]);
  });

  test('applies the severity threshold', () => {
    const json = patch(awsStack(), 'aws_instance', 'host', { iam_instance_profile: undefined });
    const report = review([load(json)], RdpBaselinePack);
    expect(violations(report, Severity.ERROR)).toEqual([]);
    // The fixture's office CIDR on a host without a public address is a dead rule (a warning).
    expect(violations(report, Severity.WARNING).map((o) => o.ruleId)).toEqual(['RDP-NET-DEAD-SOURCE', 'RDP-GUEST-DRIFT-CORRECTION', 'RDP-AWS-INSTANCE-PROFILE']);
  });

  test('a rule that throws reports UNKNOWN with the error, not a pass', () => {
    const broken: PackRule = { ...RdpBaselinePack.rules[0], id: 'TEST-BROKEN', rule: () => { throw new Error('boom'); } };
    const doc = load(awsStack());
    expect(evaluate(broken, doc.at('aws_instance.host') as SynthResource, doc)).toEqual({ compliance: Compliance.UNKNOWN, findings: ['the rule could not evaluate this resource: boom'] });
  });
});

describe('suppressions', () => {
  test('suppress only the named rule on the resource that carries them, and are listed with their reasons', () => {
    const json = acknowledge(publicHost, 'aws_instance', 'host', [
      { id: 'RDP-NET-PUBLIC-IP', reason: 'Allowlist host; office has no VPN yet' },
      { id: 'RDP-AWS-IMDSV2', reason: 'Kept for a legacy agent, see ticket 42' },
      { id: 'RDP-NOT-A-RULE', reason: 'An ID that this pack does not have' },
    ]);
    const report = review([load(json)], RdpBaselinePack);
    expect(violations(report)).toEqual([]);
    const suppressed = report.outcomes.filter((o) => o.suppression);
    expect(suppressed).toEqual([expect.objectContaining({ ruleId: 'RDP-NET-PUBLIC-IP', suppression: { id: 'RDP-NET-PUBLIC-IP', reason: 'Allowlist host; office has no VPN yet' } })]);
    expect(report.suppressions.map((s) => [s.id, s.used, s.knownRule, s.constructPath])).toEqual([
      ['RDP-NET-PUBLIC-IP', true, true, 'fixture/host'],
      ['RDP-AWS-IMDSV2', false, true, 'fixture/host'],
      ['RDP-NOT-A-RULE', false, false, 'fixture/host'],
    ]);
  });

  test('do not carry over to other resources', () => {
    const json = acknowledge(publicHost, 'aws_vpc', 'main', [{ id: 'RDP-NET-PUBLIC-IP', reason: 'Recorded on the wrong resource' }]);
    expect(violations(review([load(json)], RdpBaselinePack)).map((o) => o.ruleId)).toEqual(['RDP-NET-PUBLIC-IP']);
  });

  test('with a short reason or no ID are reported and never applied', () => {
    const json = acknowledge(publicHost, 'aws_instance', 'host', [{ id: 'RDP-NET-PUBLIC-IP', reason: 'because' }, { reason: 'no id at all here' }]);
    const report = review([load(json)], RdpBaselinePack);
    expect(violations(report).map((o) => o.ruleId)).toEqual(['RDP-NET-PUBLIC-IP']);
    expect(report.invalidSuppressions.map((i) => i.problem)).toEqual([
      expect.stringMatching(/RDP-NET-PUBLIC-IP needs a reason of at least 10 characters/),
      expect.stringMatching(/without an id/),
    ]);
  });
});

describe('a custom pack', () => {
  test('reuses rule functions under other IDs and levels', () => {
    const pack: PolicyPack = { name: 'Strict', version: '0.0.1', rules: [{ ...RdpBaselinePack.rules.find((r) => r.id === 'RDP-AWS-INSTANCE-PROFILE')!, id: 'STRICT-PROFILE', severity: Severity.ERROR }] };
    const doc: PolicyDocument = load(patch(awsStack(), 'aws_instance', 'host', { iam_instance_profile: undefined }));
    expect(violations(review([doc], pack)).map((o) => [o.ruleId, o.severity])).toEqual([['STRICT-PROFILE', Severity.ERROR]]);
  });
});
