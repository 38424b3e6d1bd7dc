import { Instance } from '@cdktf/provider-aws/lib/instance';
import { SsmAssociation } from '@cdktf/provider-aws/lib/ssm-association';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { AwsRdpHardeningAssociation, AwsRdpHardeningAssociationProps } from '../../constructs/aws/rdp-hardening-association';
import { EC2_USER_DATA_LIMIT_BYTES, rdpHardeningUserData, rdpHardeningUserDataIsFull } from '../../constructs/aws/rdp-hardening-user-data';
import { AwsRdpSecurityGroup } from '../../constructs/aws/rdp-security-group';
import { Acknowledge, RdpAllowlist, RdpPort } from '../../constructs/core';
import { compactHardeningScript, RdpGuestRisk, RdpHardeningProfile, RdpHardeningProfileProps, WindowsServerVersion } from '../../constructs/windows';
import { documentFromConfiguration, RdpBaselinePack, review } from '../../policy';
import { dwordWrites, firewallPort, firewallSources, manifestOf, scriptFromSsmDocument, scriptFromUserData } from '../helpers/hardening-script';
import { bodiesOf, fullSynthJson, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const INSTANCE_ID = 'i-0123456789abcdef0';

function profile(overrides: Partial<RdpHardeningProfileProps> = {}): RdpHardeningProfile {
  return new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24', '198.51.100.7/32']), ...overrides });
}

function synthAssociation(overrides: Partial<AwsRdpHardeningAssociationProps> = {}) {
  const stack = testStack();
  new AwsRdpHardeningAssociation(stack, 'Hardening', { profile: profile(), instanceIds: [INSTANCE_ID], ...overrides });
  return synthJson(stack);
}

describe('AwsRdpHardeningAssociation', () => {
  test('an SSM Command document (schema 2.2) runs the profile script with aws:runPowerShellScript on Windows', () => {
    const p = profile();
    const stack = testStack();
    new AwsRdpHardeningAssociation(stack, 'Hardening', { profile: p, instanceIds: [INSTANCE_ID] });
    const document = onlyResourceOf(synthJson(stack), SsmDocument);
    expect(document).toMatchObject({ document_type: 'Command', document_format: 'JSON', target_type: '/AWS::EC2::Instance' });
    expect(document.name).toMatch(/^SecureRdpHardening-[0-9a-f]{16}$/);
    const content = JSON.parse(document.content as string);
    expect(content).toMatchObject({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runPowerShellScript', precondition: { StringEquals: ['platformType', 'Windows'] }, inputs: { timeoutSeconds: '900' } }] });
    expect(scriptFromSsmDocument(document.content as string)).toBe(p.script);
  });

  test('a State Manager association targets the instances on a 30-minute schedule and makes apply wait for the first run', () => {
    const association = onlyResourceOf(synthAssociation(), SsmAssociation);
    expect(association).toMatchObject({
      targets: [{ key: 'InstanceIds', values: [INSTANCE_ID] }],
      schedule_expression: 'rate(30 minutes)',
      apply_only_at_cron_interval: false,
      wait_for_success_timeout_seconds: 1800,
      compliance_severity: 'HIGH',
      sync_compliance: 'AUTO',
    });
    expect(association.name).toMatch(/^\$\{aws_ssm_document\.\w+\.name\}$/);
    expect(association.document_version).toMatch(/^\$\{aws_ssm_document\.\w+\.default_version\}$/);
  });

  test('schedule, wait, timeout, severity and name are configurable', () => {
    const json = synthAssociation({ scheduleExpression: 'cron(0 */2 * * ? *)', waitForSuccessTimeoutSeconds: 600, executionTimeoutSeconds: 300, complianceSeverity: 'CRITICAL', documentName: 'Rdp-Hardening.prod' });
    expect(onlyResourceOf(json, SsmAssociation)).toMatchObject({ schedule_expression: 'cron(0 */2 * * ? *)', wait_for_success_timeout_seconds: 600, compliance_severity: 'CRITICAL', association_name: 'Rdp-Hardening.prod-association' });
    const document = onlyResourceOf(json, SsmDocument);
    expect(document.name).toBe('Rdp-Hardening.prod');
    expect(JSON.parse(document.content as string).mainSteps[0].inputs.timeoutSeconds).toBe('300');
  });

  test.each([
    [{ instanceIds: [] }, /`instanceIds` must list 1 to 50 instance IDs, got \[\]/],
    [{ scheduleExpression: 'rate(10 minutes)' }, /`scheduleExpression` must be rate\(N minutes\|hours\|days\) of at least 30 minutes/],
    [{ scheduleExpression: 'every hour' }, /`scheduleExpression`/],
    [{ waitForSuccessTimeoutSeconds: 5 }, /`waitForSuccessTimeoutSeconds` must be an integer from 15 to 172800/],
    [{ executionTimeoutSeconds: 10 }, /`executionTimeoutSeconds` must be an integer from 60 to 172800/],
    [{ complianceSeverity: 'SEVERE' }, /`complianceSeverity` must be one of CRITICAL, HIGH, MEDIUM, LOW, UNSPECIFIED, got "SEVERE"/],
    [{ documentName: 'AWS-MyDoc' }, /`documentName` must be 3 to 128 letters/],
    [{ profile: {} as RdpHardeningProfile }, /`profile` must be an RdpHardeningProfile/],
  ])('fails on %p', (overrides, pattern) => {
    expect(() => synthAssociation(overrides as Partial<AwsRdpHardeningAssociationProps>)).toThrow(pattern);
  });

  test('accepts hourly and daily rates', () => {
    expect(() => synthAssociation({ scheduleExpression: 'rate(1 hour)' })).not.toThrow();
    expect(() => synthAssociation({ scheduleExpression: 'rate(1 day)' })).not.toThrow();
  });

  test('acknowledged weakenings are recorded on the document (the script carrier) for the plan review', () => {
    const stack = testStack();
    const weakened = profile({ requireNla: false, acknowledgements: [Acknowledge.risk(RdpGuestRisk.NLA_OFF, 'Jump host for legacy clients, removed in Q3')] });
    new AwsRdpHardeningAssociation(stack, 'Hardening', { profile: weakened, instanceIds: [INSTANCE_ID] });
    const json = fullSynthJson(stack);
    expect((onlyResourceOf(json, SsmDocument)['//'] as Record<string, unknown>).rdp_acknowledgements).toEqual([{ id: RdpGuestRisk.NLA_OFF, reason: 'Jump host for legacy clients, removed in Q3' }]);
    expect((onlyResourceOf(json, SsmAssociation)['//'] as Record<string, unknown>).rdp_acknowledgements).toBeUndefined();
  });

  test('a secure profile records no acknowledgement', () => {
    const stack = testStack();
    new AwsRdpHardeningAssociation(stack, 'Hardening', { profile: profile(), instanceIds: [INSTANCE_ID] });
    const json = fullSynthJson(stack);
    expect((onlyResourceOf(json, SsmDocument)['//'] as Record<string, unknown> | undefined)?.rdp_acknowledgements).toBeUndefined();
  });
});

describe('rdpHardeningUserData', () => {
  test('carries the full script, compacted, in one <powershell> block when it fits in 16 KB', () => {
    const small = new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(['10.0.0.0/16']), windowsVersion: WindowsServerVersion.SERVER_2019, lockoutThreshold: 0, acknowledgements: [Acknowledge.risk(RdpGuestRisk.LOCKOUT, 'Accepted for the size test')] });
    const fits = Buffer.byteLength(`<powershell>\n${compactHardeningScript(small.script)}</powershell>\n`) <= EC2_USER_DATA_LIMIT_BYTES;
    expect(rdpHardeningUserDataIsFull(small)).toBe(fits);
    const script = scriptFromUserData(rdpHardeningUserData(small));
    expect(script).toBe(compactHardeningScript(fits ? small.script : small.firstBootScript));
  });

  test('the compacted script keeps every registry write, the manifest and the firewall inputs of the readable one', () => {
    const p = profile();
    for (const readable of [p.script, p.firstBootScript]) {
      const compact = compactHardeningScript(readable);
      expect(dwordWrites(compact)).toEqual(dwordWrites(readable));
      expect(manifestOf(compact)).toEqual(p.manifest);
      expect(firewallSources(compact)).toEqual(firewallSources(readable));
      expect(firewallPort(compact)).toBe(firewallPort(readable));
      expect(compact.length).toBeLessThan(readable.length);
    }
  });

  test('falls back to the first-boot subset when the full script does not fit; the subset leaves head-room', () => {
    const many = RdpAllowlist.fromCidrs(Array.from({ length: 30 }, (_, i) => `172.16.${i + 100}.${200 + (i % 50)}/32`));
    const p = profile({ allowlist: many });
    expect(Buffer.byteLength(`<powershell>\n${compactHardeningScript(p.script)}</powershell>\n`)).toBeGreaterThan(EC2_USER_DATA_LIMIT_BYTES);
    const userData = rdpHardeningUserData(p);
    expect(Buffer.byteLength(userData)).toBeLessThanOrEqual(EC2_USER_DATA_LIMIT_BYTES);
    const script = scriptFromUserData(userData);
    expect(script).toBe(compactHardeningScript(p.firstBootScript));
    expect(rdpHardeningUserDataIsFull(p)).toBe(false);
    expect(dwordWrites(script).get('WS\\PortNumber')).toEqual([43389]);
    expect(firewallSources(script)).toEqual(many.cidrs);
    // the first-boot subset of a one-CIDR profile leaves room for dozens of CIDRs
    const subset = compactHardeningScript(new RdpHardeningProfile({ port: RdpPort.default(), allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24']) }).firstBootScript);
    expect(Buffer.byteLength(subset)).toBeLessThan(EC2_USER_DATA_LIMIT_BYTES - 1500);
  });

  test('fails with a clear error naming the allowlist when even the subset exceeds 16 KB', () => {
    const huge = RdpAllowlist.fromCidrs(Array.from({ length: 250 }, (_, i) => `172.16.${i}.${200 + (i % 50)}/32`));
    expect(() => rdpHardeningUserData(profile({ allowlist: huge }))).toThrow(/`allowlist` makes the first-boot hardening script \d+ bytes, over EC2's 16384-byte user-data limit, got 250 CIDRs/);
  });
});

describe('AWS delivery: the guest gets the same port and allowlist as the security group, by construction', () => {
  test('user data, the SSM document and the security group rules agree', () => {
    // GIVEN one profile driving the security group, the user data and the association (as a host wires them)
    const stack = testStack();
    const p = profile({ udp: true });
    const sg = new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d', rdpPort: p.port, sources: p.allowlist, udp: p.udp });
    const instance = new Instance(stack, 'Instance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.large', vpcSecurityGroupIds: [sg.securityGroupId], userData: rdpHardeningUserData(p) });
    new AwsRdpHardeningAssociation(stack, 'Hardening', { profile: p, instanceIds: [instance.id] });

    // WHEN synthesized
    const json = synthJson(stack);

    // THEN every delivered script carries the security group's port and sources
    const rules = bodiesOf(json, VpcSecurityGroupIngressRule);
    const sgPorts = new Set(rules.flatMap((r) => [r.from_port, r.to_port]));
    const sgSources = new Set(rules.map((r) => (r.cidr_ipv4 ?? r.cidr_ipv6) as string));
    const sgProtocols = new Set(rules.map((r) => r.ip_protocol));
    expect(sgPorts).toEqual(new Set([43389]));
    expect(sgProtocols).toEqual(new Set(['tcp', 'udp']));

    const delivered = {
      userData: scriptFromUserData(onlyResourceOf(json, Instance).user_data as string),
      ssmDocument: scriptFromSsmDocument(onlyResourceOf(json, SsmDocument).content as string),
    };
    for (const [channel, script] of Object.entries(delivered)) {
      const manifest = manifestOf(script);
      expect({ channel, port: manifest.port, udp: manifest.udp, sources: new Set(manifest.allowlist as string[]) }).toEqual({ channel, port: 43389, udp: true, sources: sgSources });
      expect({ channel, portNumber: dwordWrites(script).get('WS\\PortNumber'), firewallPort: firewallPort(script), firewallSources: new Set(firewallSources(script)) }).toEqual({
        channel,
        portNumber: [43389],
        firewallPort: 43389,
        firewallSources: sgSources,
      });
    }
    expect(onlyResourceOf(json, SsmAssociation).targets).toEqual([{ key: 'InstanceIds', values: [expect.stringMatching(/^\$\{aws_instance\.\w+\.id\}$/)] }]);
  });
});

describe('AWS delivery: the policy engine reads the delivered scripts', () => {
  function guestOutcomes(p: RdpHardeningProfile) {
    const stack = testStack();
    const sg = new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d', rdpPort: p.port, sources: p.allowlist, udp: p.udp });
    const instance = new Instance(stack, 'Instance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.large', vpcSecurityGroupIds: [sg.securityGroupId], userData: rdpHardeningUserData(p) });
    new AwsRdpHardeningAssociation(stack, 'Hardening', { profile: p, instanceIds: [instance.id] });
    const report = review([documentFromConfiguration(fullSynthJson(stack), { source: 'cdk.tf.json' })], RdpBaselinePack);
    return report.outcomes.filter((o) => o.ruleId.startsWith('RDP-GUEST-') && ['aws_instance', 'aws_ssm_document'].includes(o.type));
  }

  test('the default profile passes every guest rule on both the user data and the SSM document', () => {
    const outcomes = guestOutcomes(profile());
    expect(new Set(outcomes.map((o) => o.type))).toEqual(new Set(['aws_instance', 'aws_ssm_document']));
    expect(outcomes.filter((o) => o.compliance !== 'compliant').map((o) => `${o.ruleId} ${o.address}: ${o.findings.join('; ')}`)).toEqual([]);
  });

  test('a weakened profile is flagged, and the acknowledgement recorded on the document suppresses it there', () => {
    const weakened = profile({ requireNla: false, acknowledgements: [Acknowledge.risk(RdpGuestRisk.NLA_OFF, 'Jump host for legacy clients, removed in Q3')] });
    const nla = guestOutcomes(weakened).filter((o) => o.ruleId === RdpGuestRisk.NLA_OFF);
    expect(nla.map((o) => [o.type, o.compliance, o.suppression?.id])).toEqual([
      ['aws_instance', 'non_compliant', undefined],
      ['aws_ssm_document', 'non_compliant', RdpGuestRisk.NLA_OFF],
    ]);
  });
});
