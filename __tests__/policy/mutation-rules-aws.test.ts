/**
 * The AWS rules at their edges (issue #20, mutation testing): for each plan, the question a reviewer asks
 * is "would this rule call it compliant, and what does the finding say?". Small hand-written documents,
 * built inside each test.
 */
import { Compliance } from '../../policy/types';
import { awsStack, azureStack, only, patch, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const HOST = 'aws_instance.host';

/** Compliance and the findings of rule `id` on `subject`. */
function judge(id: string, json: TfJson, subject: string): [Compliance, string[]] {
  const r = verdict(id, json, subject);
  return [r.compliance, r.findings];
}

describe('RDP-AWS-CLIENT-VPN-AUTHZ (ClientVpnAuthorizationScope)', () => {
  const rule = (target: string, extra: Record<string, unknown> = {}, endpoint?: Record<string, unknown>): TfJson =>
    only({
      ...(endpoint ? { aws_ec2_client_vpn_endpoint: { vpn: endpoint } } : {}),
      aws_ec2_client_vpn_authorization_rule: { r: { client_vpn_endpoint_id: endpoint ? '${aws_ec2_client_vpn_endpoint.vpn.id}' : 'cvpn-1', target_network_cidr: target, ...extra } },
    });
  const R = 'aws_ec2_client_vpn_authorization_rule.r';

  test('all groups: /16 is the broadest allowed, /15 is a finding naming the limit', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('10.0.0.0/16', { authorize_all_groups: true }), R)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('10.0.0.0/15', { authorize_all_groups: true }), R)).toEqual([
      Compliance.NON_COMPLIANT,
      ["authorizes every VPN user for 10.0.0.0/15, broader than /16; authorize the RDP hosts' subnets (or a group) instead"],
    ]);
  });

  test('a broad range for one group is not "every VPN user"', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('10.0.0.0/8', { access_group_id: 'ops' }), R)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('10.0.0.0/8', { authorize_all_groups: false, access_group_id: 'ops' }), R)[0]).toBe(Compliance.COMPLIANT);
  });

  test('the world is one finding (not also "broader than /16"), even for one group', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('0.0.0.0/0', { authorize_all_groups: true }), R)[1]).toEqual(['authorizes every client for 0.0.0.0/0']);
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('0.0.0.0/0', { access_group_id: 'ops' }), R)[1]).toEqual(['authorizes every client for 0.0.0.0/0']);
  });

  test.each([
    ['federated-authentication', Compliance.NON_COMPLIANT],
    ['directory-service-authentication', Compliance.NON_COMPLIANT],
    ['certificate-authentication', Compliance.COMPLIANT],
  ])('all groups on an endpoint authenticating with %s', (type, expected) => {
    const [c, findings] = judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('10.0.1.0/24', { authorize_all_groups: true }, { authentication_options: [{ type }] }), R);
    expect(c).toBe(expected);
    if (expected === Compliance.NON_COMPLIANT) {
      expect(findings).toEqual(['grants 10.0.1.0/24 to all groups although aws_ec2_client_vpn_endpoint.vpn authenticates users with groups; set `access_group_id`']);
    }
  });

  test('one group on a SAML endpoint is compliant; the rule judges only authorization rules', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('10.0.1.0/24', { access_group_id: 'ops' }, { authentication_options: [{ type: 'federated-authentication' }] }), R)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-CLIENT-VPN-AUTHZ', rule('10.0.1.0/24', {}, { authentication_options: [{ type: 'federated-authentication' }] }), 'aws_ec2_client_vpn_endpoint.vpn')[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-CLIENT-VPN-LOGGING (ClientVpnConnectionLogging)', () => {
  const endpoint = (options: unknown): TfJson => only({ aws_ec2_client_vpn_endpoint: { vpn: { client_cidr_block: '172.16.0.0/22', ...(options === undefined ? {} : { connection_log_options: options }) } } });
  const V = 'aws_ec2_client_vpn_endpoint.vpn';

  test('no options at all: logging is off', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-LOGGING', endpoint(undefined), V)).toEqual([Compliance.NON_COMPLIANT, ['connection logging is off']]);
  });

  test.each([null, ''])('enabled with log group %j: no log group', (group) => {
    expect(judge('RDP-AWS-CLIENT-VPN-LOGGING', endpoint({ enabled: true, cloudwatch_log_group: group }), V)).toEqual([Compliance.NON_COMPLIANT, ['connection logging has no `cloudwatch_log_group`']]);
  });

  test('not applicable to other resources', () => {
    expect(judge('RDP-AWS-CLIENT-VPN-LOGGING', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-DEFAULT-SG (DefaultSecurityGroupClosed)', () => {
  test('egress on the default group is a finding too; both together are two findings', () => {
    const egress = patch(awsStack(), 'aws_default_security_group', 'default', { egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }] });
    expect(judge('RDP-AWS-DEFAULT-SG', egress, 'aws_default_security_group.default')).toEqual([Compliance.NON_COMPLIANT, ['the default security group has egress rules']]);
    const both = patch(egress, 'aws_default_security_group', 'default', { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true }] });
    expect(judge('RDP-AWS-DEFAULT-SG', both, 'aws_default_security_group.default')[1]).toEqual(['the default security group has ingress rules', 'the default security group has egress rules']);
  });

  test('not applicable to other resources', () => {
    expect(judge('RDP-AWS-DEFAULT-SG', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-DEFAULT-VPC (DefaultVpcNotUsed)', () => {
  const noSubnet = (attributes: Record<string, unknown>): TfJson => patch(awsStack(), 'aws_instance', 'host', { subnet_id: undefined, ...attributes });

  test('an instance placed by a network interface or a launch template is not in the default VPC', () => {
    expect(judge('RDP-AWS-DEFAULT-VPC', noSubnet({ network_interface: [{ network_interface_id: 'eni-1', device_index: 0 }] }), HOST)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-DEFAULT-VPC', noSubnet({ network_interface: { network_interface_id: 'eni-1', device_index: 0 } }), HOST)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-DEFAULT-VPC', noSubnet({ launch_template: { id: 'lt-1' } }), HOST)[0]).toBe(Compliance.COMPLIANT);
  });

  test.each([
    ['subnet_id ""', { subnet_id: '' }],
    ['subnet_id null', { subnet_id: null }],
    ['an empty network_interface list', { network_interface: [] }],
    ['network_interface null', { network_interface: null }],
  ])('%s: the default VPC', (_label, attributes) => {
    expect(judge('RDP-AWS-DEFAULT-VPC', noSubnet(attributes), HOST)).toEqual([Compliance.NON_COMPLIANT, ['no `subnet_id`: the instance is launched into the default VPC']]);
  });

  test('aws_default_subnet is the default VPC too; a plain subnet is not judged', () => {
    expect(judge('RDP-AWS-DEFAULT-VPC', only({ aws_default_subnet: { a: { availability_zone: 'eu-west-1a' } } }), 'aws_default_subnet.a')).toEqual([
      Compliance.NON_COMPLIANT,
      ["aws_default_subnet.a manages the account's default VPC (public subnets, an internet gateway, a permissive default security group)"],
    ]);
    expect(judge('RDP-AWS-DEFAULT-VPC', awsStack(), 'aws_subnet.hosts')[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-IMDSV2 (Ec2Imdsv2Required)', () => {
  test('not applicable to other resources; a launch template with required tokens is compliant', () => {
    expect(judge('RDP-AWS-IMDSV2', awsStack(), 'aws_subnet.hosts')[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AWS-IMDSV2', only({ aws_launch_template: { lt: { metadata_options: { http_tokens: 'required' } } } }), 'aws_launch_template.lt')[0]).toBe(Compliance.COMPLIANT);
  });

  test('endpoint enabled with optional tokens names the value', () => {
    expect(judge('RDP-AWS-IMDSV2', patch(awsStack(), 'aws_instance', 'host', { metadata_options: { http_endpoint: 'enabled', http_tokens: 'optional' } }), HOST)).toEqual([
      Compliance.NON_COMPLIANT,
      ['`metadata_options.http_tokens` is "optional", so IMDSv1 stays available'],
    ]);
  });
});

describe('RDP-AWS-INSTANCE-PROFILE and RDP-AWS-PASSWORD-DATA (instances only)', () => {
  test.each([[null], ['']])('iam_instance_profile %j is no profile', (profile) => {
    expect(judge('RDP-AWS-INSTANCE-PROFILE', patch(awsStack(), 'aws_instance', 'host', { iam_instance_profile: profile }), HOST)[0]).toBe(Compliance.NON_COMPLIANT);
  });

  test('not applicable to other resources; get_password_data = false is compliant', () => {
    expect(judge('RDP-AWS-INSTANCE-PROFILE', awsStack(), 'aws_subnet.hosts')[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AWS-PASSWORD-DATA', awsStack(), 'aws_subnet.hosts')[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AWS-PASSWORD-DATA', patch(awsStack(), 'aws_instance', 'host', { get_password_data: false }), HOST)[0]).toBe(Compliance.COMPLIANT);
  });
});

describe('RDP-AWS-EBS-ENCRYPTION (Ec2VolumesEncrypted)', () => {
  test('each unencrypted volume of an instance is named; encrypted ones are not', () => {
    const json = patch(awsStack(), 'aws_instance', 'host', { ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }, { device_name: '/dev/sdg' }] });
    expect(judge('RDP-AWS-EBS-ENCRYPTION', json, HOST)).toEqual([Compliance.NON_COMPLIANT, ['`ebs_block_device[1]` is not encrypted']]);
  });

  test('launch-template mappings: each unencrypted EBS mapping is named, mappings without EBS are skipped', () => {
    const lt = only({ aws_launch_template: { lt: { block_device_mappings: [{ device_name: '/dev/sda1', ebs: { encrypted: true } }, { device_name: '/dev/sdb', virtual_name: 'ephemeral0' }, { device_name: '/dev/sdc', ebs: { volume_size: 10 } }] } } });
    expect(judge('RDP-AWS-EBS-ENCRYPTION', lt, 'aws_launch_template.lt')).toEqual([Compliance.NON_COMPLIANT, ['`block_device_mappings[2].ebs` is not encrypted']]);
  });

  test('encryption by default in the stack covers every volume, unless it is turned off', () => {
    const plain = only({ aws_ebs_volume: { data: { size: 10 } } });
    expect(judge('RDP-AWS-EBS-ENCRYPTION', withResource(plain, 'aws_ebs_encryption_by_default', 'on', {}), 'aws_ebs_volume.data')[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-EBS-ENCRYPTION', withResource(plain, 'aws_ebs_encryption_by_default', 'on', { enabled: false }), 'aws_ebs_volume.data')).toEqual([Compliance.NON_COMPLIANT, ['`encrypted` is not encrypted']]);
    expect(judge('RDP-AWS-EBS-ENCRYPTION', only({ aws_ebs_volume: { data: { size: 10, encrypted: true } } }), 'aws_ebs_volume.data')[0]).toBe(Compliance.COMPLIANT);
  });

  test('not applicable to other resources', () => {
    expect(judge('RDP-AWS-EBS-ENCRYPTION', awsStack(), 'aws_subnet.hosts')[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-IAM-TRUST-WILDCARD (IamTrustNoWildcard)', () => {
  const role = (policy: unknown): TfJson => only({ aws_iam_role: { r: { assume_role_policy: typeof policy === 'string' ? policy : JSON.stringify(policy) } } });
  const R = 'aws_iam_role.r';
  const stmt = (principal: unknown, effect?: string) => ({ ...(effect ? { Effect: effect } : {}), Action: 'sts:AssumeRole', Principal: principal });

  test('an account wildcard ARN is a wildcard; a named account is not', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: [stmt({ AWS: 'arn:aws:iam::*:root' })] }), R)).toEqual([Compliance.NON_COMPLIANT, ['Statement[0] lets AWS:arn:aws:iam::*:root assume the role']]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: [stmt({ AWS: 'arn:aws-us-gov:iam::*:root' })] }), R)[0]).toBe(Compliance.NON_COMPLIANT);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: [stmt({ AWS: ['arn:aws:iam::123456789012:root'] })] }), R)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: [stmt({ AWS: 'arn:aws:iam::123456789012:role/*' })] }), R)[0]).toBe(Compliance.COMPLIANT);
  });

  test('a Deny statement with "*" is no trust; the statement index counts every statement', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: [stmt('*', 'Deny')] }), R)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: [stmt({ Service: 'ec2.amazonaws.com' }, 'Allow'), stmt('*')] }), R)[1]).toEqual(['Statement[1] lets * assume the role']);
  });

  test('a single statement object (not a list) is read', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role({ Statement: stmt({ AWS: '*' }) }), R)[1]).toEqual(['Statement[0] lets AWS:* assume the role']);
  });

  test('text that is not JSON is a finding; no policy is compliant; other resources are not judged', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role('{not json'), R)).toEqual([Compliance.NON_COMPLIANT, ['assume_role_policy is not JSON']]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', only({ aws_iam_role: { r: { name: 'r' } } }), R)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });

  const fromData = (data: Record<string, unknown>): TfJson => ({
    resource: { aws_iam_role: { r: { assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } },
    data: { aws_iam_policy_document: { trust: data } },
  } as TfJson);

  test('a policy document data source: "*" type, an account wildcard, a Deny, and its json attribute', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ statement: [{ principals: [{ type: '*', identifiers: ['*'] }] }] }), R)).toEqual([Compliance.NON_COMPLIANT, ['statement[0] lets *:* assume the role']]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ statement: [{ principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::*:root'] }] }] }), R)[1]).toEqual([
      'statement[0] lets AWS:arn:aws:iam::111122223333:root, arn:aws:iam::*:root assume the role',
    ]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ statement: [{ effect: 'Deny', principals: [{ type: 'AWS', identifiers: ['*'] }] }] }), R)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ statement: [{ principals: [{ type: 'Service', identifiers: ['*'] }] }] }), R)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', fromData({ json: JSON.stringify({ Statement: [stmt({ AWS: '*' })] }) }), R)[1]).toEqual(['Statement[0] lets AWS:* assume the role']);
  });
});

describe('RDP-AWS-SSM-INBOUND (SessionManagerHostNoInbound)', () => {
  const ssmHost = (json: TfJson): TfJson => patch(json, 'aws_instance', 'host', { '//': { rdp_access_mode: 'session-manager' } });

  test('a port range is shown as from-to; a host without inbound rules and public address is compliant', () => {
    const range = ssmHost(patch(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', { from_port: 5985, to_port: 5986 }));
    expect(judge('RDP-AWS-SSM-INBOUND', range, HOST)).toEqual([Compliance.NON_COMPLIANT, ['aws_vpc_security_group_ingress_rule.office admits tcp 5985-5986 from 203.0.113.0/24 into aws_security_group.rdp']]);
    const closed = ssmHost(withResource(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', undefined));
    expect(judge('RDP-AWS-SSM-INBOUND', closed, HOST)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an inline rule names its block; a host in a subnet outside the document may have a public address', () => {
    const inline = ssmHost(patch(withResource(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', undefined), 'aws_security_group', 'rdp', { ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'], ipv6_cidr_blocks: null, prefix_list_ids: null, security_groups: null, self: null, description: null }] }));
    expect(judge('RDP-AWS-SSM-INBOUND', inline, HOST)[1]).toEqual(['aws_security_group.rdp ingress[0] admits tcp 443 from 10.0.0.0/16 into aws_security_group.rdp']);
    const unknown = ssmHost(patch(withResource(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', undefined), 'aws_instance', 'host', { associate_public_ip_address: undefined, subnet_id: '${data.aws_subnet.shared.id}' }));
    const [c, findings] = judge('RDP-AWS-SSM-INBOUND', unknown, HOST);
    expect(c).toBe(Compliance.UNKNOWN);
    expect(findings.join('\n')).toMatch(/^the host may have a public address: /);
  });

  test('an allowlist host is not judged by this rule', () => {
    expect(judge('RDP-AWS-SSM-INBOUND', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-S2S-CRYPTO (SiteToSiteVpnCrypto)', () => {
  const tunnels = (options: Record<string, unknown>): TfJson => {
    const body: Record<string, unknown> = { type: 'ipsec.1' };
    for (const t of ['tunnel1', 'tunnel2']) for (const [k, v] of Object.entries(options)) body[`${t}_${k}`] = v;
    return only({ aws_vpn_connection: { office: body } });
  };
  const STRONG = {
    ike_versions: ['ikev2'],
    phase1_encryption_algorithms: ['AES256', 'AES256-GCM-16'],
    phase2_encryption_algorithms: ['AES256', 'AES256-GCM-16'],
    phase1_integrity_algorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
    phase2_integrity_algorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
    phase1_dh_group_numbers: [14, 15, 16, 19, 20, 21],
    phase2_dh_group_numbers: ['14', '15', '16', '19', '20', '21'],
  };
  const V = 'aws_vpn_connection.office';

  test('every strong proposal is accepted on both tunnels (DH groups as numbers or strings)', () => {
    expect(judge('RDP-AWS-S2S-CRYPTO', tunnels(STRONG), V)).toEqual([Compliance.COMPLIANT, []]);
  });

  test.each([
    ['ike_versions', ['ikev1'], 'ikev1'],
    ['phase1_encryption_algorithms', ['AES128'], 'AES128'],
    ['phase2_encryption_algorithms', ['AES128-GCM-16'], 'AES128-GCM-16'],
    ['phase1_integrity_algorithms', ['SHA1'], 'SHA1'],
    ['phase2_integrity_algorithms', ['SHA1'], 'SHA1'],
    ['phase1_dh_group_numbers', [2, 5], '2, 5'],
    ['phase2_dh_group_numbers', [22, 24], '22, 24'],
  ])('a weak %s is named on each tunnel', (option, weak, shown) => {
    expect(judge('RDP-AWS-S2S-CRYPTO', tunnels({ ...STRONG, [option]: weak }), V)).toEqual([Compliance.NON_COMPLIANT, [`\`tunnel1_${option}\` allows ${shown}`, `\`tunnel2_${option}\` allows ${shown}`]]);
  });

  test('an option left out falls back to AWS defaults', () => {
    const { ike_versions: _, ...rest } = STRONG;
    expect(judge('RDP-AWS-S2S-CRYPTO', tunnels(rest), V)[1]).toEqual(["`tunnel1_ike_versions` is not set, so AWS's defaults (including weak proposals) apply", "`tunnel2_ike_versions` is not set, so AWS's defaults (including weak proposals) apply"]);
  });

  test('not applicable to other resources', () => {
    expect(judge('RDP-AWS-S2S-CRYPTO', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AWS-S2S-TUNNEL-LOGS', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-S2S-TUNNEL-LOGS (SiteToSiteVpnTunnelLogs)', () => {
  const logs = (t1: unknown, t2: unknown): TfJson => only({ aws_vpn_connection: { office: { type: 'ipsec.1', tunnel1_log_options: t1, tunnel2_log_options: t2 } } });
  const on = { cloudwatch_log_options: { log_enabled: true } };

  test('each tunnel is judged on its own', () => {
    expect(judge('RDP-AWS-S2S-TUNNEL-LOGS', logs(on, on), 'aws_vpn_connection.office')).toEqual([Compliance.COMPLIANT, []]);
    expect(judge('RDP-AWS-S2S-TUNNEL-LOGS', logs({ cloudwatch_log_options: { log_enabled: false } }, on), 'aws_vpn_connection.office')[1]).toEqual(['`tunnel1_log_options.cloudwatch_log_options.log_enabled` is not true']);
  });
});

describe('RDP-AWS-SSM-PARAMETER-SECRET (SsmParameterSecretEncrypted)', () => {
  const param = (name: string, value: unknown, type?: string, key = 'value'): TfJson => only({ aws_ssm_parameter: { p: { name, ...(type ? { type } : {}), [key]: value } } });
  const P = 'aws_ssm_parameter.p';

  test.each(['/rdp/admin-pass', '/rdp/passwd', '/rdp/secret', '/rdp/api-token', '/rdp/credential', '/rdp/private-key', '/rdp/private_key', '/rdp/privatekey', '/rdp/API_KEY', '/rdp/apikey', '/vpn/psk', '/vpn/pre-shared', '/vpn/preshared'])(
    'a String parameter named %s holds a secret',
    (name) => {
      expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', param(name, 'x'), P)).toEqual([Compliance.NON_COMPLIANT, [`a String parameter named ${JSON.stringify(name)} holds a secret in clear text`]]);
    },
  );

  test.each([
    '${random_password.admin.result}',
    '${ random_password.admin.bcrypt_hash }',
    '${tls_private_key.host.private_key_pem}',
    '${aws_instance.host.password_data}',
    '${azurerm_key_vault_secret.admin.value}',
    '${aws_secretsmanager_secret_version.admin.secret_string}',
  ])('a String parameter holding %s stores a generated secret', (value) => {
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', param('/rdp/bootstrap', value), P)).toEqual([Compliance.NON_COMPLIANT, ['a String parameter stores a generated secret in clear text (value not shown)']]);
  });

  test('insecure_value is read too; StringList is judged like String; the type defaults to String', () => {
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', param('/rdp/bootstrap', '${random_password.admin.result}', 'StringList', 'insecure_value'), P)[1]).toEqual(['a StringList parameter stores a generated secret in clear text (value not shown)']);
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', only({ aws_ssm_parameter: { p: { value: 'x' } } }), P)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', only({ aws_ssm_parameter: { token: { value: 'x' } } }), 'aws_ssm_parameter.token')[1]).toEqual(['a String parameter named "token" holds a secret in clear text']);
  });

  test('configuration values and names are not secrets', () => {
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', param('/rdp/port', '${aws_instance.host.private_ip}'), P)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', param('/rdp/port', 'random_password.admin.result'), P)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-PUBLIC-SUBNET (SubnetNoPublicIpMapping)', () => {
  test('a default subnet maps public IPs unless told not to', () => {
    expect(judge('RDP-AWS-PUBLIC-SUBNET', only({ aws_default_subnet: { a: { availability_zone: 'eu-west-1a' } } }), 'aws_default_subnet.a')).toEqual([
      Compliance.NON_COMPLIANT,
      ['`map_public_ip_on_launch` gives every instance launched here a public IP, whatever its own settings say'],
    ]);
    expect(judge('RDP-AWS-PUBLIC-SUBNET', only({ aws_default_subnet: { a: { availability_zone: 'eu-west-1a', map_public_ip_on_launch: false } } }), 'aws_default_subnet.a')[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-PUBLIC-SUBNET', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AWS-VPC-FLOW-LOGS (VpcFlowLogs)', () => {
  test('one ALL log among others is enough, in any case; REJECT only is named', () => {
    const two = withResource(patch(awsStack(), 'aws_flow_log', 'main', { traffic_type: 'REJECT' }), 'aws_flow_log', 'all', { vpc_id: '${aws_vpc.main.id}', traffic_type: 'all' });
    expect(judge('RDP-AWS-VPC-FLOW-LOGS', two, 'aws_vpc.main')[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-VPC-FLOW-LOGS', patch(awsStack(), 'aws_flow_log', 'main', { traffic_type: 'REJECT' }), 'aws_vpc.main')[1]).toEqual(['flow logs record only REJECT traffic; rejected RDP attempts need ALL']);
    expect(judge('RDP-AWS-VPC-FLOW-LOGS', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('an unresolved value is UNKNOWN and the finding names the field (AWS rules)', () => {
  const X = '${var.x}';
  const ep = (body: Record<string, unknown>): TfJson => only({ aws_ec2_client_vpn_endpoint: { vpn: { client_cidr_block: '172.16.0.0/22', ...body } } });
  const authz = (body: Record<string, unknown>, endpoint?: Record<string, unknown>): TfJson =>
    only({ ...(endpoint ? { aws_ec2_client_vpn_endpoint: { vpn: endpoint } } : {}), aws_ec2_client_vpn_authorization_rule: { r: { client_vpn_endpoint_id: '${aws_ec2_client_vpn_endpoint.vpn.id}', target_network_cidr: '10.0.1.0/24', ...body } } });
  const host = (attributes: Record<string, unknown>): TfJson => patch(awsStack(), 'aws_instance', 'host', attributes);
  const tunnels = (t1: unknown): TfJson => only({ aws_vpn_connection: { office: { type: 'ipsec.1', tunnel1_log_options: t1, tunnel2_log_options: { cloudwatch_log_options: { log_enabled: true } } } } });
  const trustData = (data: Record<string, unknown>): TfJson => ({ resource: { aws_iam_role: { r: { assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } }, data: { aws_iam_policy_document: { trust: data } } }) as TfJson;

  test.each([
    ['RDP-AWS-CLIENT-VPN-AUTHZ', authz({ target_network_cidr: X }), 'aws_ec2_client_vpn_authorization_rule.r', 'target_network_cidr'],
    ['RDP-AWS-CLIENT-VPN-AUTHZ', authz({ authorize_all_groups: X }), 'aws_ec2_client_vpn_authorization_rule.r', 'authorize_all_groups'],
    ['RDP-AWS-CLIENT-VPN-AUTHZ', authz({ authorize_all_groups: true }, { authentication_options: X }), 'aws_ec2_client_vpn_authorization_rule.r', 'authentication_options'],
    ['RDP-AWS-CLIENT-VPN-LOGGING', ep({ connection_log_options: X }), 'aws_ec2_client_vpn_endpoint.vpn', 'connection_log_options'],
    ['RDP-AWS-CLIENT-VPN-LOGGING', ep({ connection_log_options: { enabled: X } }), 'aws_ec2_client_vpn_endpoint.vpn', 'connection_log_options.enabled'],
    ['RDP-AWS-DEFAULT-SG', patch(awsStack(), 'aws_default_security_group', 'default', { ingress: X }), 'aws_default_security_group.default', 'ingress'],
    ['RDP-AWS-DEFAULT-SG', patch(awsStack(), 'aws_default_security_group', 'default', { egress: X }), 'aws_default_security_group.default', 'egress'],
    ['RDP-AWS-IMDSV2', host({ metadata_options: X }), HOST, 'metadata_options'],
    ['RDP-AWS-IMDSV2', host({ metadata_options: { http_endpoint: X } }), HOST, 'metadata_options.http_endpoint'],
    ['RDP-AWS-PASSWORD-DATA', host({ get_password_data: X }), HOST, 'get_password_data'],
    ['RDP-AWS-EBS-ENCRYPTION', host({ root_block_device: X }), HOST, 'root_block_device'],
    ['RDP-AWS-EBS-ENCRYPTION', host({ root_block_device: { encrypted: X } }), HOST, 'root_block_device.encrypted'],
    ['RDP-AWS-EBS-ENCRYPTION', host({ ebs_block_device: X }), HOST, 'ebs_block_device'],
    ['RDP-AWS-EBS-ENCRYPTION', withResource(awsStack(), 'aws_ebs_encryption_by_default', 'on', { enabled: X }), HOST, 'enabled'],
    ['RDP-AWS-EBS-ENCRYPTION', only({ aws_launch_template: { lt: { block_device_mappings: X } } }), 'aws_launch_template.lt', 'block_device_mappings'],
    ['RDP-AWS-EBS-ENCRYPTION', only({ aws_launch_template: { lt: { block_device_mappings: [{ ebs: X }] } } }), 'aws_launch_template.lt', 'block_device_mappings[0].ebs'],
    ['RDP-AWS-IAM-TRUST-WILDCARD', trustData({ statement: X }), 'aws_iam_role.r', 'statement'],
    ['RDP-AWS-IAM-TRUST-WILDCARD', trustData({ statement: [{ principals: X }] }), 'aws_iam_role.r', 'statement[0].principals'],
    ['RDP-AWS-IAM-TRUST-WILDCARD', trustData({ statement: [{ principals: [{ type: 'AWS', identifiers: X }] }] }), 'aws_iam_role.r', 'statement[0].principals.identifiers'],
    ['RDP-AWS-S2S-TUNNEL-LOGS', tunnels(X), 'aws_vpn_connection.office', 'tunnel1_log_options'],
    ['RDP-AWS-S2S-TUNNEL-LOGS', tunnels({ cloudwatch_log_options: X }), 'aws_vpn_connection.office', 'tunnel1_log_options.cloudwatch_log_options'],
    ['RDP-AWS-S2S-TUNNEL-LOGS', tunnels({ cloudwatch_log_options: { log_enabled: X } }), 'aws_vpn_connection.office', 'tunnel1_log_options.cloudwatch_log_options.log_enabled'],
    ['RDP-AWS-PUBLIC-SUBNET', patch(awsStack(), 'aws_subnet', 'hosts', { map_public_ip_on_launch: X }), 'aws_subnet.hosts', 'map_public_ip_on_launch'],
    ['RDP-AWS-PUBLIC-SUBNET', only({ aws_default_subnet: { a: { map_public_ip_on_launch: X } } }), 'aws_default_subnet.a', 'map_public_ip_on_launch'],
    ['RDP-AWS-VPC-FLOW-LOGS', patch(awsStack(), 'aws_flow_log', 'main', { traffic_type: X }), 'aws_vpc.main', 'traffic_type'],
  ])('%s: %#', (id, json, subject, field) => {
    expect(judge(id, json, subject)).toEqual([Compliance.UNKNOWN, [`\`${field}\` is the unresolved expression ${X}`]]);
  });
});

describe('AWS rules: more edges', () => {
  test('IAM trust: several wildcard principals of one statement are listed together', () => {
    const role = only({ aws_iam_role: { r: { assume_role_policy: JSON.stringify({ Statement: [{ Principal: { AWS: ['*', 'arn:aws:iam::*:root'] } }] }) } } });
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', role, 'aws_iam_role.r')[1]).toEqual(['Statement[0] lets AWS:*, AWS:arn:aws:iam::*:root assume the role']);
  });

  test('IAM trust data source: named accounts are no wildcard, a GovCloud account wildcard is; statements win over an unresolved json, a resolved json (a plan) wins over statements', () => {
    const data = (d: Record<string, unknown>): TfJson => ({ resource: { aws_iam_role: { r: { assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } }, data: { aws_iam_policy_document: { trust: d } } }) as TfJson;
    const R = 'aws_iam_role.r';
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', data({ statement: [{ principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }] }] }), R)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', data({ statement: [{ principals: [{ type: 'AWS', identifiers: ['arn:aws-us-gov:iam::*:root'] }] }] }), R)[1]).toEqual(['statement[0] lets AWS:arn:aws-us-gov:iam::*:root assume the role']);
    const wild = [{ principals: [{ type: 'AWS', identifiers: ['*'] }] }];
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', data({ json: '${jsonencode(var.p)}', statement: wild }), R)[1]).toEqual(['statement[0] lets AWS:* assume the role']);
    const service = [{ principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }];
    // The rendered json holds what source or override documents merged in: a plan's json is the policy AWS gets.
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', data({ json: JSON.stringify({ Statement: [{ Principal: '*' }] }), statement: service }), R)).toEqual([Compliance.NON_COMPLIANT, ['Statement[0] lets * assume the role']]);
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', data({ json: JSON.stringify({ Statement: [{ Principal: { Service: 'ec2.amazonaws.com' } }] }), statement: wild }), R)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('IAM trust: a statement without a principal trusts no one', () => {
    expect(judge('RDP-AWS-IAM-TRUST-WILDCARD', only({ aws_iam_role: { r: { assume_role_policy: JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole' }] }) } } }), 'aws_iam_role.r')).toEqual([Compliance.COMPLIANT, []]);
  });

  test('SSM parameter: a Secrets Manager data source value is a generated secret', () => {
    const json = only({ aws_ssm_parameter: { p: { name: '/rdp/bootstrap', type: 'String', value: '${data.aws_secretsmanager_secret_version.admin.secret_string}' } } });
    expect(judge('RDP-AWS-SSM-PARAMETER-SECRET', json, 'aws_ssm_parameter.p')[1]).toEqual(['a String parameter stores a generated secret in clear text (value not shown)']);
  });

  test('Session Manager: an Azure VM declared session-manager is not this rule; every source of a rule is listed', () => {
    const vm = patch(azureStack(), 'azurerm_windows_virtual_machine', 'host', { '//': { rdp_access_mode: 'session-manager' } });
    expect(judge('RDP-AWS-SSM-INBOUND', vm, 'azurerm_windows_virtual_machine.host')[0]).toBe(Compliance.NOT_APPLICABLE);
    const two = patch(patch(awsStack(), 'aws_instance', 'host', { '//': { rdp_access_mode: 'session-manager' } }), 'aws_security_group', 'rdp', {
      ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16', '10.1.0.0/16'], ipv6_cidr_blocks: null, prefix_list_ids: null, security_groups: null, self: null, description: null }],
    });
    expect(judge('RDP-AWS-SSM-INBOUND', withResource(two, 'aws_vpc_security_group_ingress_rule', 'office', undefined), HOST)[1]).toEqual(['aws_security_group.rdp ingress[0] admits tcp 443 from 10.0.0.0/16, 10.1.0.0/16 into aws_security_group.rdp']);
  });

  test('VPC flow logs: every non-ALL traffic type is listed', () => {
    const two = withResource(patch(awsStack(), 'aws_flow_log', 'main', { traffic_type: 'ACCEPT' }), 'aws_flow_log', 'rejects', { vpc_id: '${aws_vpc.main.id}', traffic_type: 'REJECT' });
    expect(judge('RDP-AWS-VPC-FLOW-LOGS', two, 'aws_vpc.main')[1]).toEqual(['flow logs record only ACCEPT, REJECT traffic; rejected RDP attempts need ALL']);
  });
});
