import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import fc from 'fast-check';
import { AwsRdpClientVpn, AwsRdpHost, AwsRdpHostGroup, ClientVpnAuthentication, Peer, RdpAccess, RdpPort, WindowsAmi } from '../../constructs';
import { rdpPortProblem } from '../../constructs/core/rdp-port';
import { plainNetwork } from '../helpers/aws-network';
import { firewallPort, firewallSources, scriptFromSsmDocument } from '../helpers/hardening-script';
import { bodiesOf, dataOf, resourcesOf, synthJson, testStack, TerraformJson } from '../helpers/template';

const IMAGE = WindowsAmi.fromId('ami-0123456789abcdef0');

function sessionManagerStack(port = 44123) {
  const stack = testStack();
  const group = new AwsRdpHostGroup(stack, 'Ops', { network: plainNetwork(), access: RdpAccess.sessionManager(), rdpPort: RdpPort.of(port) });
  const hosts = [new AwsRdpHost(stack, 'Ops1', { group, image: IMAGE }), new AwsRdpHost(stack, 'Ops2', { group, image: IMAGE })];
  return { stack, group, hosts, json: synthJson(stack) };
}

function policyStatements(json: TerraformJson, name: string): Record<string, unknown>[] {
  const doc = Object.entries(dataOf(json, DataAwsIamPolicyDocument)).find(([key]) => key.includes(name));
  if (!doc) throw new Error(`no policy document ${name}`);
  return doc[1].statement as Record<string, unknown>[];
}

describe('AWS session-manager access', () => {
  test('no inbound rule, no public IP, and HTTPS egress to the Systems Manager endpoints (the management path)', () => {
    const { json } = sessionManagerStack();
    expect(bodiesOf(json, VpcSecurityGroupIngressRule).filter((r) => String(r.security_group_id).includes('Ops_SecurityGroup'))).toEqual([]);
    for (const instance of bodiesOf(json, Instance)) expect(instance.associate_public_ip_address).toBe(false);
    const egress = bodiesOf(json, 'aws_vpc_security_group_egress_rule');
    expect(egress).toEqual(expect.arrayContaining([expect.objectContaining({ from_port: 443, referenced_security_group_id: 'sg-0a1b2c3d4e' })]));
  });

  test('the port-forwarding document is pinned to the RDP port; only the local port is a parameter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 65535 }).filter((p) => rdpPortProblem(p) === undefined), (port) => {
        const { json } = sessionManagerStack(port);
        const portDoc = bodiesOf(json, SsmDocument).map((d) => JSON.parse(String(d.content))).find((c) => c.sessionType === 'Port');
        expect(portDoc.properties).toEqual({ portNumber: String(port), type: 'LocalPortForwarding', localPortNumber: '{{ localPortNumber }}' });
        expect(Object.keys(portDoc.parameters)).toEqual(['localPortNumber']);
        expect(portDoc.properties.host).toBeUndefined();
      }),
      { numRuns: 5 },
    );
  });

  test('the guest listens on the same port and its firewall admits only the loopback (the local agent)', () => {
    const { json } = sessionManagerStack(45001);
    const command = bodiesOf(json, SsmDocument).find((d) => d.document_type === 'Command')!;
    const script = scriptFromSsmDocument(String(command.content));
    expect(firewallPort(script)).toBe(45001);
    expect(firewallSources(script)).toEqual(['127.0.0.1/32', '::1/128']);
  });

  test('the operator policy allows StartSession only with the document and on the group\'s instances, and ends only own sessions', () => {
    const { json } = sessionManagerStack();
    const [start, end] = policyStatements(json, 'OperatorDocument');
    expect(start.actions).toEqual(['ssm:StartSession']);
    const resources = start.resources as string[];
    expect(resources).toHaveLength(3);
    expect(resources.filter((r) => /^\$\{aws_instance\.Ops[12]_[A-F0-9]+\.arn\}$/.test(r))).toHaveLength(2);
    expect(resources).toContainEqual(expect.stringMatching(/^\$\{aws_ssm_document\.Ops_SessionManager_PortForwarding_[A-F0-9]+\.arn\}$/));
    expect(resources.join()).not.toContain('*');
    expect(start.condition).toEqual([{ test: 'BoolIfExists', variable: 'ssm:SessionDocumentAccessCheck', values: ['true'] }]);
    expect(end.actions).toEqual(['ssm:TerminateSession', 'ssm:ResumeSession']);
    // The IAM variable stays a literal for Terraform.
    expect(end.resources).toEqual([expect.stringMatching(/:ssm:\*:\*:session\/\$\$\{aws:userid\}-\*$/)]);
    const policy = bodiesOf(json, IamPolicy)[0];
    expect(policy.policy).toMatch(/data\.aws_iam_policy_document\.Ops_SessionManager_OperatorDocument_[A-F0-9]+\.json/);
  });

  test('session logs: a KMS-encrypted log group with a retention, streamed by the preferences document, writable by the agent', () => {
    const { json } = sessionManagerStack();
    const [logGroup] = bodiesOf(json, CloudwatchLogGroup);
    expect(logGroup.retention_in_days).toBe(365);
    expect(logGroup.kms_key_id).toMatch(/aws_kms_key\.Ops_SessionManager_LogKey_[A-F0-9]+\.arn/);
    expect(bodiesOf(json, KmsKey)[0]).toMatchObject({ enable_key_rotation: true });
    const preferences = bodiesOf(json, SsmDocument).map((d) => JSON.parse(String(d.content))).find((c) => c.sessionType === 'Standard_Stream');
    expect(preferences.inputs).toMatchObject({ cloudWatchLogGroupName: logGroup.name, cloudWatchEncryptionEnabled: true, cloudWatchStreamingEnabled: true });
    const [write] = policyStatements(json, 'AgentLogging');
    expect(write.actions).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(bodiesOf(json, IamRolePolicy)[0].role).toMatch(/aws_iam_role\.Ops_Role_/);
    const keyPolicy = policyStatements(json, 'KeyPolicy');
    expect(keyPolicy[1].principals).toEqual([{ type: 'Service', identifiers: [expect.stringMatching(/^logs\.\$\{data\.aws_region\.Ops_SessionManager_Region_[A-F0-9]+\.name\}\.amazonaws\.com$/)] }]);
    expect(JSON.stringify(keyPolicy[1].condition)).toContain(`log-group:${String(logGroup.name)}`);
  });

  test('a given key is used and none is created; retention below 90 days is refused', () => {
    const stack = testStack();
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-4000-8000-000000000001';
    new AwsRdpHost(stack, 'Ops', { network: plainNetwork(), image: IMAGE, access: RdpAccess.sessionManager(), sessionManager: { logKmsKeyArn: key, logRetentionDays: 400 } });
    const json = synthJson(stack);
    expect(bodiesOf(json, KmsKey)).toEqual([]);
    expect(bodiesOf(json, CloudwatchLogGroup)[0]).toMatchObject({ kms_key_id: key, retention_in_days: 400 });
    expect(() => new AwsRdpHost(testStack(), 'Ops', { network: plainNetwork(), image: IMAGE, access: RdpAccess.sessionManager(), sessionManager: { logRetentionDays: 30 } })).toThrow(/logRetentionDays.*at least 90/s);
  });

  test('no source can be added: not a CIDR, not a VPN', () => {
    const { stack, group } = sessionManagerStack();
    expect(() => group.allowRdpFrom(Peer.cidr('10.9.0.0/16'))).toThrow(/uses session-manager access, so RDP reaches it only through a Session Manager port-forwarding session \(no inbound rule at all\)/);
    const vpn = new AwsRdpClientVpn(stack, 'Vpn', {
      network: plainNetwork(),
      serverCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000001',
      authentication: ClientVpnAuthentication.mutualTls('arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000002'),
    });
    expect(() => vpn.allowRdpTo(group)).toThrow(/session-manager/);
  });

  test('mixed modes in one network: a VPN-only group and a session-manager group side by side', () => {
    const stack = testStack();
    const network = plainNetwork();
    const vpnGroup = new AwsRdpHostGroup(stack, 'Vpn', { network, rdpPort: RdpPort.of(44001) });
    const ssmGroup = new AwsRdpHostGroup(stack, 'Ssm', { network, access: RdpAccess.sessionManager(), rdpPort: RdpPort.of(44002) });
    new AwsRdpHost(stack, 'A', { group: vpnGroup, image: IMAGE });
    new AwsRdpHost(stack, 'B', { group: ssmGroup, image: IMAGE });
    vpnGroup.allowRdpFrom(Peer.cidr('10.9.0.0/16'));
    const json = synthJson(stack);
    const ingress = Object.entries(resourcesOf(json, VpcSecurityGroupIngressRule));
    expect(ingress.filter(([, r]) => String(r.security_group_id).includes('Vpn_SecurityGroup'))).toHaveLength(1);
    expect(ingress.filter(([, r]) => String(r.security_group_id).includes('Ssm_SecurityGroup'))).toHaveLength(0);
    const scripts = bodiesOf(json, SsmDocument).filter((d) => d.document_type === 'Command').map((d) => scriptFromSsmDocument(String(d.content)));
    expect(scripts.map(firewallSources).sort()).toEqual([['10.9.0.0/16'], ['127.0.0.1/32', '::1/128']].sort());
  });
});
