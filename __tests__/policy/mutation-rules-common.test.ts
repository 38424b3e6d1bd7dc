/**
 * The cloud-neutral rules at their edges (issue #20, mutation testing): would this rule call the plan
 * compliant, and what does the finding say? Small hand-written documents, built inside each test.
 */
import { Compliance } from '../../policy/types';
import { awsStack, azureStack, manifest, only, patch, script, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const HOST = 'aws_instance.host';
const AWS_RULE = 'aws_vpc_security_group_ingress_rule.office';

/** Compliance and the findings of rule `id` on `subject`. */
function judge(id: string, json: TfJson, subject: string): [Compliance, string[]] {
  const r = verdict(id, json, subject);
  return [r.compliance, r.findings];
}
const sgRule = (attributes: Record<string, unknown>): TfJson => patch(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', attributes);
const userData = (text: string): TfJson => patch(awsStack(), 'aws_instance', 'host', { user_data: `<powershell>\n${text}\n</powershell>` });

describe('RDP-NET-ALL-TRAFFIC (NoAllTrafficIngress)', () => {
  test('1-65535 and 0-65534 are not every port; 0-65535 is', () => {
    expect(judge('RDP-NET-ALL-TRAFFIC', sgRule({ from_port: 1, to_port: 65535 }), AWS_RULE)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-NET-ALL-TRAFFIC', sgRule({ from_port: 0, to_port: 65534 }), AWS_RULE)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-NET-ALL-TRAFFIC', sgRule({ from_port: 0, to_port: 65535 }), AWS_RULE)).toEqual([Compliance.NON_COMPLIANT, ['aws_vpc_security_group_ingress_rule.office allows tcp on all ports from 203.0.113.0/24']]);
  });

  test('all traffic from a security group or a prefix list is not judged; from an unresolved source it is UNKNOWN', () => {
    expect(judge('RDP-NET-ALL-TRAFFIC', sgRule({ ip_protocol: '-1', cidr_ipv4: undefined, referenced_security_group_id: '${aws_security_group.vpn.id}' }), AWS_RULE)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-NET-ALL-TRAFFIC', sgRule({ ip_protocol: '-1', cidr_ipv4: undefined, prefix_list_id: 'pl-123' }), AWS_RULE)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-NET-ALL-TRAFFIC', sgRule({ ip_protocol: '-1', cidr_ipv4: '${var.cidr}' }), AWS_RULE)).toEqual([Compliance.UNKNOWN, ['aws_vpc_security_group_ingress_rule.office: source ${var.cidr} cannot be read']]);
  });

  test('a deny is no grant; a resource without rules is not judged', () => {
    const az = patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { access: 'Deny', protocol: '*', destination_port_range: '*' });
    expect(judge('RDP-NET-ALL-TRAFFIC', az, 'azurerm_network_security_rule.allow_office')[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-NET-ALL-TRAFFIC', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-NET-BROAD-PRIVATE-SOURCE (NoBroadPrivateRdpSource): the /16 and /48 limits', () => {
  test.each([
    ['10.0.0.0/16', Compliance.COMPLIANT],
    ['10.0.0.0/15', Compliance.NON_COMPLIANT],
    ['fd00::/48', Compliance.COMPLIANT],
    ['fd00::/47', Compliance.NON_COMPLIANT],
    ['192.168.0.0/24', Compliance.COMPLIANT],
  ])('RDP from %s', (cidr, expected) => {
    const json = cidr.includes(':') ? sgRule({ cidr_ipv4: undefined, cidr_ipv6: cidr }) : sgRule({ cidr_ipv4: cidr });
    expect(judge('RDP-NET-BROAD-PRIVATE-SOURCE', json, AWS_RULE)[0]).toBe(expected);
  });

  test('a broad private range on another port, or a broad public range, is not this rule', () => {
    expect(judge('RDP-NET-BROAD-PRIVATE-SOURCE', sgRule({ cidr_ipv4: '10.0.0.0/8', from_port: 443, to_port: 443 }), AWS_RULE)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-NET-BROAD-PRIVATE-SOURCE', sgRule({ cidr_ipv4: '20.0.0.0/8' }), AWS_RULE)[0]).toBe(Compliance.COMPLIANT);
  });
});

describe('RDP-NET-DEFAULT-PORT (NoDefaultRdpPort) and RDP-NET-INTERNET-RDP (NoInternetRdp)', () => {
  test('3389 over UDP is the default port; 3390-4000 is not', () => {
    expect(judge('RDP-NET-DEFAULT-PORT', sgRule({ ip_protocol: 'udp', from_port: 3389, to_port: 3389 }), AWS_RULE)[1]).toEqual(['aws_vpc_security_group_ingress_rule.office allows udp on 3389 from 203.0.113.0/24']);
    expect(judge('RDP-NET-DEFAULT-PORT', sgRule({ from_port: 3390, to_port: 4000 }), AWS_RULE)[0]).toBe(Compliance.COMPLIANT);
  });

  test('the world on the RDP port over UDP is internet RDP; the world on a port next to it is not', () => {
    expect(judge('RDP-NET-INTERNET-RDP', sgRule({ cidr_ipv4: '0.0.0.0/0', ip_protocol: 'udp' }), AWS_RULE)[1]).toEqual(['aws_vpc_security_group_ingress_rule.office allows udp on 43389 from 0.0.0.0/0']);
    expect(judge('RDP-NET-INTERNET-RDP', sgRule({ cidr_ipv4: '0.0.0.0/0', from_port: 43390, to_port: 43390 }), AWS_RULE)[0]).toBe(Compliance.COMPLIANT);
  });
});

describe('RDP-NET-HOST-FILTERED (HostHasNetworkFilter)', () => {
  test('groups named by ID outside the document are UNKNOWN (also the legacy security_groups list); an empty list is no group', () => {
    expect(judge('RDP-NET-HOST-FILTERED', patch(awsStack(), 'aws_instance', 'host', { vpc_security_group_ids: ['sg-0123'] }), HOST)).toEqual([Compliance.UNKNOWN, ['its security groups are outside this document']]);
    expect(judge('RDP-NET-HOST-FILTERED', patch(awsStack(), 'aws_instance', 'host', { vpc_security_group_ids: undefined, security_groups: ['legacy'] }), HOST)[0]).toBe(Compliance.UNKNOWN);
    expect(judge('RDP-NET-HOST-FILTERED', patch(awsStack(), 'aws_instance', 'host', { vpc_security_group_ids: [] }), HOST)[1]).toEqual(['no security group attached: the VPC default security group applies']);
  });

  test('an Azure VM whose NICs are outside the document is UNKNOWN', () => {
    expect(judge('RDP-NET-HOST-FILTERED', patch(azureStack(), 'azurerm_windows_virtual_machine', 'host', { network_interface_ids: ['/subscriptions/0/nic'] }), 'azurerm_windows_virtual_machine.host')).toEqual([
      Compliance.UNKNOWN,
      ['its network interfaces are outside this document'],
    ]);
    expect(judge('RDP-NET-HOST-FILTERED', awsStack(), AWS_RULE)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('VPN-only hosts (RDP-NET-VPN-ONLY-SOURCES, RDP-NET-VPN-ONLY-PUBLIC-IP)', () => {
  const vpnOnly = (json: TfJson): TfJson => patch(json, 'aws_instance', 'host', { '//': { rdp_access_mode: 'vpn-only' } });

  test('an unresolved source is UNKNOWN, a public one wins over it', () => {
    const unresolved = vpnOnly(sgRule({ cidr_ipv4: '${var.cidr}' }));
    expect(judge('RDP-NET-VPN-ONLY-SOURCES', unresolved, HOST)).toEqual([Compliance.UNKNOWN, ['tcp 43389 reachable from ${var.cidr} through aws_vpc_security_group_ingress_rule.office']]);
    const both = vpnOnly(withResource(sgRule({ cidr_ipv4: '${var.cidr}' }), 'aws_vpc_security_group_ingress_rule', 'public', { security_group_id: '${aws_security_group.rdp.id}', ip_protocol: 'tcp', from_port: 43389, to_port: 43389, cidr_ipv4: '198.51.100.0/24' }));
    expect(judge('RDP-NET-VPN-ONLY-SOURCES', both, HOST)).toEqual([Compliance.NON_COMPLIANT, ['tcp 43389 reachable from 198.51.100.0/24 through aws_vpc_security_group_ingress_rule.public']]);
    expect(judge('RDP-NET-VPN-ONLY-SOURCES', vpnOnly(sgRule({ cidr_ipv4: '10.0.0.0/16' })), HOST)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a VPN-only host in a subnet outside the document may have a public address', () => {
    const json = vpnOnly(patch(awsStack(), 'aws_instance', 'host', { associate_public_ip_address: undefined, subnet_id: '${data.aws_subnet.shared.id}' }));
    const [c, findings] = judge('RDP-NET-VPN-ONLY-PUBLIC-IP', json, HOST);
    expect(c).toBe(Compliance.UNKNOWN);
    expect(findings.join('\n')).toMatch(/^VPN-only host may have a public address: /);
    expect(judge('RDP-NET-VPN-ONLY-PUBLIC-IP', vpnOnly(awsStack()), AWS_RULE)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-NET-PUBLIC-IP (HostWithoutPublicIp) and RDP-NET-MANAGEMENT-PATH (HostHasManagementPath)', () => {
  test('rules on hosts are not applicable to other resources', () => {
    for (const id of ['RDP-NET-PUBLIC-IP', 'RDP-NET-MANAGEMENT-PATH', 'RDP-NET-PRIVATE-OTHER-PORTS', 'RDP-NET-DEAD-SOURCE']) expect(judge(id, awsStack(), AWS_RULE)[0]).toBe(Compliance.NOT_APPLICABLE);
  });

  test('the fixture host reaches Systems Manager through its endpoints', () => {
    expect(judge('RDP-NET-MANAGEMENT-PATH', awsStack(), HOST)).toEqual([Compliance.COMPLIANT, []]);
  });
});

describe('RDP-GUEST-DRIFT-CORRECTION (HardeningDriftCorrection): the 30-minute limit', () => {
  const scheduled = (schedule: string): TfJson => ({
    resource: {
      ...patch(awsStack(), 'aws_instance', 'host', { user_data: undefined }).resource,
      aws_ssm_document: { harden: { name: 'harden', document_type: 'Command', content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runPowerShellScript', inputs: { runCommand: script().split('\n') } }] }) } },
      aws_ssm_association: { harden: { name: '${aws_ssm_document.harden.name}', targets: [{ key: 'InstanceIds', values: ['${aws_instance.host.id}'] }], schedule_expression: schedule } },
    },
  });

  test.each(['rate(30 minutes)', 'rate(1 minute)', 'rate(15 minutes)'])('%s corrects drift', (schedule) => {
    expect(judge('RDP-GUEST-DRIFT-CORRECTION', scheduled(schedule), HOST)).toEqual([Compliance.COMPLIANT, []]);
  });

  test.each([
    ['rate(31 minutes)', 31],
    ['rate(1 hour)', 60],
    ['rate(2 hours)', 120],
    ['rate(1 day)', 1440],
    ['rate(3 days)', 4320],
  ])('%s is too slow (%i minutes)', (schedule, minutes) => {
    const [c, findings] = judge('RDP-GUEST-DRIFT-CORRECTION', scheduled(schedule), HOST);
    expect(c).toBe(Compliance.NON_COMPLIANT);
    expect(findings[0]).toBe(`aws_ssm_association.harden re-applies the profile every ${minutes} minutes, more than 30`);
    expect(findings[1]).toMatch(/^nothing re-applies the hardening profile on a schedule \(aws_ssm_document\.harden content\): .* Run it from an SSM association with rate\(30 minutes\) \(AWS\)/);
  });

  test.each(['rate(30 minutes) ', ' rate(30 minutes)', 'rate(30 weeks)', 'rate(minutes)'])('%j is not judged (UNKNOWN)', (schedule) => {
    expect(judge('RDP-GUEST-DRIFT-CORRECTION', scheduled(schedule), HOST)).toEqual([Compliance.UNKNOWN, [`aws_ssm_association.harden: the interval of ${schedule} is not judged (use rate(...))`]]);
  });

  test('an association of another document does not count; a schedule given as a number cannot be read', () => {
    const other = withResource(scheduled('rate(2 hours)'), 'aws_ssm_association', 'agent', { name: 'AWS-UpdateSSMAgent', targets: [{ key: 'InstanceIds', values: ['${aws_instance.host.id}'] }], schedule_expression: 'rate(30 minutes)' });
    expect(judge('RDP-GUEST-DRIFT-CORRECTION', other, HOST)[1][0]).toBe('aws_ssm_association.harden re-applies the profile every 120 minutes, more than 30');
    const numeric = scheduled('rate(30 minutes)');
    numeric.resource.aws_ssm_association.harden.schedule_expression = 30;
    expect(judge('RDP-GUEST-DRIFT-CORRECTION', numeric, HOST)).toEqual([Compliance.UNKNOWN, ['aws_ssm_association.harden: schedule_expression cannot be read']]);
  });
});

describe('RDP-LOG-RETENTION (LogRetention): a year', () => {
  const cw = (days: unknown): TfJson => patch(awsStack(), 'aws_cloudwatch_log_group', 'flow', { retention_in_days: days });
  const law = (days?: number): TfJson => only({ azurerm_log_analytics_workspace: { law: { name: 'law', ...(days === undefined ? {} : { retention_in_days: days }) } } });
  const flow = (policy: unknown): TfJson => patch(azureStack(), 'azurerm_network_watcher_flow_log', 'vnet', { retention_policy: policy });

  test('CloudWatch: 365 and 0 (never expire) pass, 364 fails', () => {
    expect(judge('RDP-LOG-RETENTION', cw(365), 'aws_cloudwatch_log_group.flow')[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-LOG-RETENTION', cw(0), 'aws_cloudwatch_log_group.flow')[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-LOG-RETENTION', cw(364), 'aws_cloudwatch_log_group.flow')).toEqual([Compliance.NON_COMPLIANT, ['log events expire after 364 days (minimum 365)']]);
  });

  test('Log Analytics: 365 passes, 364 fails without "(the default)"', () => {
    expect(judge('RDP-LOG-RETENTION', law(365), 'azurerm_log_analytics_workspace.law')[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-LOG-RETENTION', law(364), 'azurerm_log_analytics_workspace.law')).toEqual([Compliance.NON_COMPLIANT, ['the workspace keeps data 364 days (minimum 365)']]);
  });

  test('flow logs: 365, 0 (forever) and no days pass; 364 fails; no enabled policy is a finding', () => {
    const F = 'azurerm_network_watcher_flow_log.vnet';
    expect(judge('RDP-LOG-RETENTION', flow({ enabled: true, days: 365 }), F)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-LOG-RETENTION', flow({ enabled: true, days: 0 }), F)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-LOG-RETENTION', flow({ enabled: true }), F)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-LOG-RETENTION', flow({ enabled: true, days: 364 }), F)).toEqual([Compliance.NON_COMPLIANT, ['flow logs are kept 364 days (minimum 365)']]);
    const none = ['no retention policy is enabled: flow logs are deleted by the storage account lifecycle, not by a stated policy'];
    expect(judge('RDP-LOG-RETENTION', flow({ enabled: false, days: 365 }), F)).toEqual([Compliance.NON_COMPLIANT, none]);
    expect(judge('RDP-LOG-RETENTION', flow(undefined), F)).toEqual([Compliance.NON_COMPLIANT, none]);
    expect(judge('RDP-LOG-RETENTION', awsStack(), HOST)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-SECRET-OUTPUT (SecretOutputsSensitive)', () => {
  const output = (name: string, value: unknown, sensitive?: boolean): TfJson => only({}, { [name]: { value, ...(sensitive === undefined ? {} : { sensitive }) } });
  const findings = (name: string, value: unknown): string[] => verdict('RDP-SECRET-OUTPUT', output(name, value), `output.${name}`).findings;

  test.each([
    '${random_password.admin.bcrypt_hash}',
    '${tls_private_key.host.private_key_pem}',
    '${tls_private_key.host.private_key_openssh}',
    '${tls_private_key.host.private_key_pem_pkcs8}',
    '${azurerm_key_vault_secret.admin.value}',
    '${azurerm_windows_virtual_machine.host.admin_password}',
    '${aws_vpn_connection.office.tunnel2_preshared_key}',
    '${azurerm_virtual_network_gateway.vpn.vpn_client_configuration}',
    '${random_password.admin[0].result}',
  ])('an output of %s is exposed', (value) => {
    expect(findings('anything', value)).toEqual([`exposes ${value.slice(2, -1)} without \`sensitive = true\``]);
  });

  test('the same reference twice is one finding; other attributes and sensitive outputs are fine', () => {
    expect(findings('pair', '${random_password.admin.result}-${random_password.admin.result}')).toEqual(['exposes random_password.admin.result without `sensitive = true`']);
    expect(findings('ip', '${aws_instance.host.private_ip}')).toEqual([]);
    expect(findings('length', '${random_password.admin.length}')).toEqual([]);
    expect(verdict('RDP-SECRET-OUTPUT', output('pw', '${random_password.admin.result}', false), 'output.pw').compliance).toBe(Compliance.NON_COMPLIANT);
    expect(verdict('RDP-SECRET-OUTPUT', awsStack(), HOST).compliance).toBe(Compliance.NOT_APPLICABLE);
  });

  test.each(['vpn_psk', 'api_token', 'db_credential', 'tls_private_key', 'privatekey', 'api_key', 'apikey', 'preshared', 'admin_passwd', 'client_secret'])('a literal under the name %s is a secret', (name) => {
    expect(findings(name, 'Winter2026!')).toEqual([`output ${name} holds a literal secret without \`sensitive = true\` (value not shown)`]);
  });

  test('a literal under another name, an empty literal, a reference under a secret name, and a non-string are not literal secrets', () => {
    expect(findings('port', '43389')).toEqual([]);
    expect(findings('pass', 'x')).toEqual([]);
    expect(findings('admin_password', '')).toEqual([]);
    expect(findings('admin_password', '${var.other}')).toEqual([]);
    expect(findings('admin_password', 43389)).toEqual([]);
  });
});

describe('RDP-SECRET-IN-CLEAR (NoSecretInClear)', () => {
  const judged = (type: string, body: Record<string, unknown>): [Compliance, string[]] => judge('RDP-SECRET-IN-CLEAR', only({ [type]: { r: body } }), `${type}.r`);
  const literal = (path: string) => [Compliance.NON_COMPLIANT, [`\`${path}\` is a literal value in the plan (value not shown)`]];

  test.each([
    ['azurerm_key_vault_secret', { value: 'hunter22' }, 'value'],
    ['azurerm_virtual_network_gateway_connection', { shared_key: 'abcd1234' }, 'shared_key'],
    ['azurerm_virtual_network_gateway', { vpn_client_configuration: { radius_server_secret: 'abcd1234' } }, 'vpn_client_configuration.radius_server_secret'],
    ['azurerm_virtual_network_gateway', { vpn_client_configuration: { radius_server: [{ address: '10.0.0.1', secret: 'abcd1234' }] } }, 'vpn_client_configuration.radius_server.*.secret'],
    ['azurerm_virtual_machine_run_command', { run_as_password: 'abcd1234' }, 'run_as_password'],
    ['azurerm_virtual_machine_run_command', { protected_parameter: [{ name: 'p', value: 'abcd1234' }] }, 'protected_parameter.*.value'],
    ['azurerm_virtual_machine_extension', { protected_settings: { commandToExecute: 'x' } }, 'protected_settings'],
    ['aws_vpn_connection', { tunnel2_preshared_key: 'abcd1234' }, 'tunnel2_preshared_key'],
    ['aws_secretsmanager_secret_version', { secret_string: 'abcd1234' }, 'secret_string'],
    ['aws_secretsmanager_secret_version', { secret_binary: 'YWJjZA==' }, 'secret_binary'],
    ['aws_db_instance', { password: 'abcd1234' }, 'password'],
  ])('%s: a literal %j is named by its path', (type, body, path) => {
    expect(judged(type, body)).toEqual(literal(path));
  });

  test('references, empty values, empty blocks and expressions are not literals', () => {
    expect(judged('azurerm_key_vault_secret', { value: '${random_password.admin.result}' })[0]).toBe(Compliance.COMPLIANT);
    expect(judged('azurerm_key_vault_secret', { value: '' })[0]).toBe(Compliance.COMPLIANT);
    expect(judged('azurerm_key_vault_secret', { value: null })[0]).toBe(Compliance.COMPLIANT);
    expect(judged('azurerm_virtual_machine_extension', { protected_settings: {} })[0]).toBe(Compliance.COMPLIANT);
    expect(judged('azurerm_virtual_machine_run_command', { protected_parameter: [] })[0]).toBe(Compliance.COMPLIANT);
    expect(judged('azurerm_virtual_network_gateway', { vpn_client_configuration: { address_space: ['172.16.0.0/24'] } })[0]).toBe(Compliance.COMPLIANT);
    expect(judged('azurerm_key_vault', { name: 'kv' })[0]).toBe(Compliance.NOT_APPLICABLE);
  });

  test.each([
    'ConvertTo-SecureString "Winter2026" -AsPlainText -Force',
    "ConvertTo-SecureString 'Winter2026' -AsPlainText",
    "New-LocalUser admin -Password 'Winter2026'",
    '-AdminPassword "Winter2026"',
    "$adminSecret = 'Winter2026'",
    '$Passwd="Winter2026"',
  ])('user data with %s contains a password literal', (line) => {
    expect(judge('RDP-SECRET-IN-CLEAR', userData(`${script()}\n${line}`), HOST)).toEqual([Compliance.NON_COMPLIANT, ['`user_data` contains a password literal (value not shown)']]);
  });

  test.each(['$password = "abc"', '$password = "$($env:PW)"', 'ConvertTo-SecureString $pw -AsPlainText', "$user = 'Winter2026'"])('user data with %s holds no password literal', (line) => {
    expect(judge('RDP-SECRET-IN-CLEAR', userData(`${script()}\n${line}`), HOST)[0]).toBe(Compliance.COMPLIANT);
  });

  test('base64 user data, launch templates, VM custom data and SSM documents are scanned', () => {
    const text = `<powershell>\n$password = 'Winter2026'\n</powershell>`;
    const b64 = Buffer.from(text).toString('base64');
    expect(judge('RDP-SECRET-IN-CLEAR', patch(awsStack(), 'aws_instance', 'host', { user_data: undefined, user_data_base64: b64 }), HOST)[1]).toEqual(['`user_data_base64` contains a password literal (value not shown)']);
    expect(judged('aws_launch_template', { user_data: b64 })[1]).toEqual(['`user_data` contains a password literal (value not shown)']);
    expect(judged('azurerm_windows_virtual_machine', { custom_data: b64 })[1]).toEqual(['`custom_data` contains a password literal (value not shown)']);
    expect(judged('aws_ssm_document', { content: JSON.stringify({ mainSteps: [{ inputs: { runCommand: ["$password = 'Winter2026'"] } }] }) })[1]).toEqual(['`content` contains a password literal (value not shown)']);
  });

  test('a plain String SSM parameter is configuration; a SecureString literal is a secret', () => {
    expect(judged('aws_ssm_parameter', { type: 'String', value: 'Winter2026' })[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judged('aws_ssm_parameter', { type: 'SecureString', value: 'Winter2026' })).toEqual(literal('value'));
  });
});

describe('RDP-GUEST-MANIFEST-MISMATCH (GuestManifestMatchesBody): each field the manifest states', () => {
  /** A host whose body applies `body` (a manifest) while its manifest line claims `claimed`. */
  function claiming(claimed: Record<string, unknown>, body: Record<string, unknown> = manifest()): TfJson {
    const text = script({ manifest: body }).replace(/^# secure-rdp-hosts:profile .*$/m, `# secure-rdp-hosts:profile ${JSON.stringify(claimed)}`);
    return userData(text);
  }
  const findings = (json: TfJson): string[] => verdict('RDP-GUEST-MANIFEST-MISMATCH', json, HOST).findings;
  const one = (text: string): string[] => [`user_data: ${text}`];

  test('the body applying the manifest is compliant, whatever the order and case of the allowlist', () => {
    expect(findings(claiming(manifest(), manifest()))).toEqual([]);
    const two = manifest({ allowlist: ['203.0.113.0/24', '198.51.100.0/24'] });
    expect(findings(claiming({ ...two, allowlist: ['198.51.100.0/24 ', '203.0.113.0/24'] }, two))).toEqual([]);
  });

  test.each([
    [{ securityLayer: 'negotiate' }, 'the manifest says securityLayer = "tls" but the body sets "negotiate" (line 6)'],
    [{ nla: false }, 'the manifest says nla = true but the body sets false (line 7)'],
    [{ udp: true }, 'the manifest says udp = false but the body sets true (line 8)'],
    [{ minTls: '1.0' }, 'the manifest says minTls = "1.2" but the body sets "1.0" (line 9)'],
    [{ allowlist: ['198.51.100.0/24'] }, 'the manifest says allowlist = ["203.0.113.0/24"] but the body sets ["198.51.100.0/24"]'],
    [{ lockoutThreshold: 3 }, 'the manifest says lockoutThreshold = 5 but the body sets 3 (line 15)'],
    [{ lockoutDurationMinutes: 30 }, 'the manifest says lockoutDurationMinutes = 15 but the body sets 30 (line 16)'],
    [{ lockoutResetMinutes: 30 }, 'the manifest says lockoutResetMinutes = 15 but the body sets 30 (line 16)'],
    [{ idleSessionLimitMinutes: 10 }, 'the manifest says idleSessionLimitMinutes = 15 but the body sets 10 (line 17)'],
    [{ disconnectedSessionLimitMinutes: 2 }, 'the manifest says disconnectedSessionLimitMinutes = 1 but the body sets 2 (line 18)'],
    [{ allowedRedirections: ['drive'] }, 'the manifest says allowedRedirections = [] but the body sets ["drive"]'],
  ])('the body differs in %j', (change, finding) => {
    const got = findings(claiming(manifest(), manifest(change)));
    expect(got).toHaveLength(1);
    expect(got[0].replace(/ \(line \d+\)$/, '')).toBe(`user_data: ${finding.replace(/ \(line \d+\)$/, '')}`);
    expect(got[0]).toMatch(/^user_data: the manifest says /);
  });

  test('older manifest names are read too (requireNla, minimumTlsVersion, lockout.threshold, sessionLimits, redirection.allowed)', () => {
    const old = { port: 43389, udp: false, allowlist: ['203.0.113.0/24'], securityLayer: 'tls', requireNla: false, minimumTlsVersion: '1.0', lockout: { threshold: 9, durationMinutes: 16, resetMinutes: 17 }, sessionLimits: { idleMinutes: 14, disconnectedMinutes: 2 }, redirection: { allowed: ['clipboard'] } };
    expect(findings(claiming(old)).join('; ')).toBe(
      [
        'user_data: the manifest says nla = false but the body sets true (line 7)',
        'the manifest says minTls = "1.0" but the body sets "1.2" (line 11)',
        'the manifest says lockoutThreshold = 9 but the body sets 5 (line 15)',
        'the manifest says lockoutDurationMinutes = 16 but the body sets 15 (line 16)',
        'the manifest says lockoutResetMinutes = 17 but the body sets 15 (line 16)',
        'the manifest says idleSessionLimitMinutes = 14 but the body sets 15 (line 17)',
        'the manifest says disconnectedSessionLimitMinutes = 2 but the body sets 1 (line 18)',
        'the manifest says allowedRedirections = ["clipboard"] but the body sets []',
      ].join('; '),
    );
  });

  test('a core field the body never sets is a finding; a non-core one (lockout, sessions, thumbprint) is not', () => {
    expect(findings(claiming(manifest({ minEncryptionLevel: 3 })))).toEqual(one('the manifest says minEncryptionLevel = 3 but the body never sets it'));
    const bare = { version: 1, port: 43389, udp: false, allowlist: ['203.0.113.0/24'], securityLayer: 'tls', nla: true, minTls: '1.2' };
    expect(findings(claiming(manifest({ listenerCertificateThumbprint: 'ab12' }), bare))).toEqual([]);
  });

  test('lockout off: duration and reset are not compared; a redirection the evaluator does not know is not compared', () => {
    expect(findings(claiming(manifest({ lockoutThreshold: 0, lockoutDurationMinutes: 99, lockoutResetMinutes: 98 }), manifest({ lockoutThreshold: 0 })))).toEqual([]);
    expect(findings(claiming(manifest({ allowedRedirections: ['hologram'] })))).toEqual([]);
    expect(findings(claiming(manifest({ allowedRedirections: ['drive', 'clipboard'] }), manifest({ allowedRedirections: ['clipboard', 'drive'] })))).toEqual([]);
  });

  test('firewall profiles turned off, and a firewall rule left on 3389, are findings', () => {
    expect(findings(userData(`${script()}\nSet-NetFirewallProfile -Profile Domain,Public,Private -Enabled False`))[0]).toMatch(/^user_data: the body turns the Windows Firewall profiles off \(line \d+\), so the guest allowlist is not enforced$/);
    const legacy = `${script()}\nNew-NetFirewallRule -Name 'legacy' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 3389 -RemoteAddress 10.0.0.0/8 | Out-Null`;
    expect(findings(userData(legacy))[0]).toMatch(/^user_data: the manifest says port 43389 but the body leaves the firewall rule legacy \(line \d+\) admitting port 3389 from 10\.0\.0\.0\/8$/);
  });

  test('a manifest on 3389 with a rule on 3389 is not a leftover rule (RDP-GUEST-PORT-MISMATCH reports the port)', () => {
    const on3389 = manifest({ port: 3389 });
    expect(findings(claiming(on3389, on3389))).toEqual([]);
  });

  test('a computed body value is UNKNOWN, naming the field', () => {
    const text = `${script()}\nSet-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -Name 'UserAuthentication' -Value (Get-Random -Maximum 2)`;
    const r = verdict('RDP-GUEST-MANIFEST-MISMATCH', userData(text), HOST);
    expect(r.compliance).toBe(Compliance.UNKNOWN);
    expect(r.findings.join('\n')).toMatch(/^user_data: nla: the body's value cannot be proven \(.+\)$/);
  });
});

describe('RDP-NET-WORLD-INGRESS (NoWorldIngress): only the Bastion front end may take the internet, and only on TCP 443', () => {
  const FRONT = 'azurerm_network_security_rule.front';
  /** The Azure test stack plus an AzureBastionSubnet (with or without a Bastion in it) whose own NSG holds `front`. */
  function bastionFrontEnd(front: Record<string, unknown>, withBastion = true, onBastionNsg = true): TfJson {
    let json = withResource(azureStack(), 'azurerm_subnet', 'bastion', { name: 'AzureBastionSubnet', virtual_network_name: '${azurerm_virtual_network.main.name}', address_prefixes: ['10.1.254.0/26'] });
    json = withResource(json, 'azurerm_network_security_group', 'bastion', { name: 'nsg-bastion', resource_group_name: 'rg', location: 'westeurope' });
    json = withResource(json, 'azurerm_subnet_network_security_group_association', 'bastion', { subnet_id: '${azurerm_subnet.bastion.id}', network_security_group_id: '${azurerm_network_security_group.bastion.id}' });
    if (withBastion) json = withResource(json, 'azurerm_bastion_host', 'main', { name: 'bastion', sku: 'Standard', ip_configuration: { name: 'default', subnet_id: '${azurerm_subnet.bastion.id}', public_ip_address_id: 'pip' } });
    return withResource(json, 'azurerm_network_security_rule', 'front', {
      name: 'front', priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*', destination_port_range: '443',
      network_security_group_name: onBastionNsg ? '${azurerm_network_security_group.bastion.name}' : '${azurerm_network_security_group.rdp.name}',
      ...front,
    });
  }

  test('TCP 443 from the internet on the NSG of an AzureBastionSubnet holding a Bastion is its front end: compliant', () => {
    expect(judge('RDP-NET-WORLD-INGRESS', bastionFrontEnd({}), FRONT)[0]).toBe(Compliance.COMPLIANT);
  });

  test.each([
    ['UDP 443', { protocol: 'Udp' }, true, true],
    ['any protocol on 443', { protocol: '*' }, true, true],
    ['TCP 443-444', { destination_port_range: '443-444' }, true, true],
    ['TCP 8443', { destination_port_range: '8443' }, true, true],
    ['TCP 443 but no Bastion in the subnet', {}, false, true],
    ['TCP 443 on the hosts\' NSG', {}, true, false],
  ])('%s from the internet is not the front end: non-compliant', (_label, front, withBastion, onBastionNsg) => {
    const [compliance, findings] = judge('RDP-NET-WORLD-INGRESS', bastionFrontEnd(front, withBastion, onBastionNsg), FRONT);
    expect(compliance).toBe(Compliance.NON_COMPLIANT);
    expect(findings.join('\n')).toMatch(/Internet/);
  });
});
