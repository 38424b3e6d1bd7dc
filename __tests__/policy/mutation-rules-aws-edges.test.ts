/**
 * More edges of the AWS rules (issue #20, mutation testing; the rules-c survivors): which plans a rule calls
 * compliant, and the exact finding a reviewer reads. Small hand-written documents, built inside each test.
 */
import { Compliance } from '../../policy/types';
import { awsStack, only, patch, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const HOST = 'aws_instance.host';

/** Compliance and the findings of rule `id` on `subject`. */
function judge(id: string, json: TfJson, subject: string): [Compliance, string[]] {
  const r = verdict(id, json, subject);
  return [r.compliance, r.findings];
}

describe('RDP-AWS-CLIENT-VPN-AUTHZ (ClientVpnAuthorizationScope): the endpoint is read only for all-groups rules', () => {
  const SAML = { authentication_options: [{ type: 'federated-authentication' }] };
  const rule = (body: Record<string, unknown>, endpoint?: Record<string, unknown>): TfJson =>
    only({
      ...(endpoint ? { aws_ec2_client_vpn_endpoint: { vpn: endpoint } } : {}),
      aws_ec2_client_vpn_authorization_rule: { r: { client_vpn_endpoint_id: '${aws_ec2_client_vpn_endpoint.vpn.id}', target_network_cidr: '10.0.1.0/24', ...body } },
    });
  const R = 'aws_ec2_client_vpn_authorization_rule.r';

  test('all groups on an endpoint the document cannot follow is UNKNOWN, naming the field', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule({ authorize_all_groups: true, client_vpn_endpoint_id: '${var.endpoint}' }), R)).toEqual([Compliance.UNKNOWN, ['`client_vpn_endpoint_id` is the unresolved expression ${var.endpoint}']]);
  });

  test('one group never needs the endpoint: an unreadable one is no question', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule({ access_group_id: 'ops', client_vpn_endpoint_id: '${var.endpoint}' }), R)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule({ authorize_all_groups: false }, SAML), R)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('all groups on an endpoint outside the document (a literal ID) is judged on the range alone', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule({ authorize_all_groups: true, client_vpn_endpoint_id: 'cvpn-endpoint-0123456789abcdef0' }), R)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an endpoint with several authentication options is group-aware when any of them is', () => {
    const mixed = { authentication_options: [{ type: 'certificate-authentication' }, { type: 'directory-service-authentication' }] };
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule({ authorize_all_groups: true }, mixed), R)).toEqual([
      Compliance.NON_COMPLIANT,
      ['grants 10.0.1.0/24 to all groups although aws_ec2_client_vpn_endpoint.vpn authenticates users with groups; set `access_group_id`'],
    ]);
  });

  test('a rule without a target (Terraform requires one) still reports the all-groups grant', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule({ authorize_all_groups: true, target_network_cidr: undefined }, SAML), R)).toEqual([
      Compliance.NON_COMPLIANT,
      ['grants  to all groups although aws_ec2_client_vpn_endpoint.vpn authenticates users with groups; set `access_group_id`'],
    ]);
  });
});

describe('RDP-AWS-CLIENT-VPN-LOGGING (ClientVpnConnectionLogging)', () => {
  const endpoint = (options: unknown): TfJson => only({ aws_ec2_client_vpn_endpoint: { vpn: { client_cidr_block: '172.16.0.0/22', connection_log_options: options } } });
  const V = 'aws_ec2_client_vpn_endpoint.vpn';

  test('a log group with logging off is logging off; on with a group is compliant', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-LOGGING', endpoint({ enabled: false, cloudwatch_log_group: 'vpn' }), V)).toEqual([Compliance.NON_COMPLIANT, ['connection logging is off']]);
    expect(judge('RDP-AWS-CLIENT-VPN-LOGGING', endpoint([{ enabled: 'true', cloudwatch_log_group: 'vpn' }]), V)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge('RDP-AWS-CLIENT-VPN-LOGGING', endpoint({ enabled: true }), V)).toEqual([Compliance.NON_COMPLIANT, ['connection logging has no `cloudwatch_log_group`']]);
  });
});

describe('RDP-AWS-IAM-TRUST-WILDCARD (IamTrustNoWildcard)', () => {
  const R = 'aws_iam_role.r';
  const role = (policy: unknown): TfJson => only({ aws_iam_role: { r: { assume_role_policy: typeof policy === 'string' ? policy : JSON.stringify(policy) } } });
  const allow = (principal: unknown) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal });
  /** A role trusting `data.aws_iam_policy_document.trust`, with more data sources if given. */
  const fromData = (trust: Record<string, unknown>, more: Record<string, Record<string, unknown>> = {}): TfJson =>
    ({ resource: { aws_iam_role: { r: { assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } }, data: { aws_iam_policy_document: { trust, ...more } } }) as TfJson;
  const wildStatement = [{ principals: [{ type: 'AWS', identifiers: ['*'] }] }];

  test.each([
    [{ Federated: 'AWS:*' }],
    [{ AWS: '*-not-a-wildcard' }],
    [{ Federated: 'AWS:arn:aws:iam::*:root' }],
    [{ Service: 'ec2.amazonaws.com', AWS: 'arn:aws:iam::111122223333:root' }],
  ])('principal %j is no wildcard: only "*" and AWS "*" or an any-account ARN are', (principal) => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: [allow(principal)] }), R)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a statement that is not an object is skipped, and the index still counts it', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: ['x', null, allow('*')] }), R)).toEqual([Compliance.NON_COMPLIANT, ['Statement[2] lets * assume the role']]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role('null'), R)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role('[{"Principal": "*"}]'), R)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a policy written as an expression is UNKNOWN, naming the field', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role('${jsonencode(local.trust)}'), R)).toEqual([Compliance.UNKNOWN, ['`assume_role_policy` is the unresolved expression ${jsonencode(local.trust)}']]);
  });

  test('data source: an identifier only containing an any-account ARN is no wildcard', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ statement: [{ principals: [{ type: 'AWS', identifiers: ['x-arn:aws:iam::*:root'] }] }] }), R)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('data source: a plan\'s rendered json that is not JSON is named; an unreadable json without statements or merged documents trusts no one', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ json: '{oops' }), R)).toEqual([Compliance.NON_COMPLIANT, ['json is not JSON']]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ json: '${(known after apply)}' }), R)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('data source: a wildcard merged in from source_policy_documents or override_policy_documents is found (the statements alone trust a service)', () => {
    const service = [{ principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }];
    const wildText = JSON.stringify({ Statement: [allow({ AWS: '*' })] });
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ statement: service, source_policy_documents: [wildText] }), R)).toEqual([Compliance.NON_COMPLIANT, ['source_policy_documents[0]: Statement[0] lets AWS:* assume the role']]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ statement: service, override_policy_documents: [JSON.stringify({ Statement: [] }), wildText] }), R)).toEqual([
      Compliance.NON_COMPLIANT,
      ['override_policy_documents[1]: Statement[0] lets AWS:* assume the role'],
    ]);
    const chained = fromData({ statement: service, source_policy_documents: ['${data.aws_iam_policy_document.base.json}'] }, { base: { statement: wildStatement } });
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', chained, R)).toEqual([Compliance.NON_COMPLIANT, ['source_policy_documents[0]: statement[0] lets AWS:* assume the role']]);
    const clean = fromData({ statement: service, source_policy_documents: ['${data.aws_iam_policy_document.base.json}'] }, { base: { statement: service } });
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', clean, R)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('data source: a merged document the document cannot read is UNKNOWN, naming it', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ source_policy_documents: ['${var.base}'] }), R)).toEqual([Compliance.UNKNOWN, ['`source_policy_documents[0]` is the unresolved expression ${var.base}']]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ override_policy_documents: '${var.docs}' }), R)).toEqual([Compliance.UNKNOWN, ['`override_policy_documents` is the unresolved expression ${var.docs}']]);
  });
});

describe('RDP-AWS-SSM-PARAMETER-SECRET (SsmParameterSecretEncrypted): every private key attribute of tls_private_key', () => {
  test.each(['private_key_pem', 'private_key_openssh', 'private_key_pem_pkcs8'])('tls_private_key …%s is a generated secret', (attribute) => {
    const json = only({ aws_ssm_parameter: { p: { name: '/rdp/bootstrap', type: 'String', value: `\${tls_private_key.host.${attribute}}` } } });
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', json, 'aws_ssm_parameter.p')).toEqual([Compliance.NON_COMPLIANT, ['a String parameter stores a generated secret in clear text (value not shown)']]);
  });

  test('the public key is not a secret', () => {
    const json = only({ aws_ssm_parameter: { p: { name: '/rdp/host-key', type: 'String', value: '${tls_private_key.host.public_key_openssh}' } } });
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', json, 'aws_ssm_parameter.p')).toEqual([Compliance.COMPLIANT, []]);
  });
});

describe('RDP-AWS-SSM-INBOUND (SessionManagerHostNoInbound)', () => {
  test('a host of another cloud declared session-manager is not this rule', () => {
    const vm = only({ azurerm_windows_virtual_machine: { host: { name: 'vm', '//': { rdp_access_mode: 'session-manager' } } } });
    expect(judge('RDP-AWS-SSM-INBOUND', vm, 'azurerm_windows_virtual_machine.host')).toEqual([Compliance.NOT_APPLICABLE, []]);
  });

  test('every rule of every group of the host is listed, all protocols with their full range', () => {
    const ssm = patch(awsStack(), 'aws_instance', 'host', { '//': { rdp_access_mode: 'session-manager' }, vpc_security_group_ids: ['${aws_security_group.rdp.id}', '${aws_security_group.endpoints.id}'] });
    const all = withResource(ssm, 'aws_vpc_security_group_ingress_rule', 'office', { security_group_id: '${aws_security_group.rdp.id}', ip_protocol: '-1', cidr_ipv4: '10.0.0.0/16' });
    expect(judge('RDP-AWS-SSM-INBOUND', all, HOST)).toEqual([
      Compliance.NON_COMPLIANT,
      ['aws_vpc_security_group_ingress_rule.office admits all 0-65535 from 10.0.0.0/16 into aws_security_group.rdp', 'aws_vpc_security_group_ingress_rule.endpoints_https admits tcp 443 from 10.0.0.0/16 into aws_security_group.endpoints'],
    ]);
  });
});

describe('RDP-AWS-VPC-FLOW-LOGS (VpcFlowLogs)', () => {
  test('a flow log without a traffic type records no ALL traffic, and the finding says it is unset', () => {
    expect(judge('RDP-AWS-VPC-FLOW-LOGS', patch(awsStack(), 'aws_flow_log', 'main', { traffic_type: undefined }), 'aws_vpc.main')).toEqual([
      Compliance.NON_COMPLIANT,
      ['flow logs record only (unset) traffic; rejected RDP attempts need ALL'],
    ]);
  });
});
