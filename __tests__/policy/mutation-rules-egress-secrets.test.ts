/**
 * Cloud-neutral rules at their edges (issue #20, mutation testing), beyond mutation-rules-common: RDP-NET-WORLD-EGRESS
 * (NoWorldEgress), RDP-NET-ALL-TRAFFIC (NoAllTrafficIngress), RDP-NET-VPN-ONLY-SOURCES (VpnOnlyHostPrivateSources),
 * RDP-SECRET-IN-CLEAR (NoSecretInClear), RDP-SECRET-OUTPUT (SecretOutputsSensitive) and RDP-LOG-RETENTION (LogRetention):
 * verdicts and the exact findings, on small documents built inside each test.
 */
import { Compliance } from '../../policy/types';
import { awsStack, azureStack, only, patch, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const HOST = 'aws_instance.host';
const AWS_RULE = 'aws_vpc_security_group_ingress_rule.office';

/** Compliance and findings of rule `id` on `subject`. */
function judge(id: string, json: TfJson, subject: string): [Compliance, string[]] {
  const r = verdict(id, json, subject);
  return [r.compliance, r.findings];
}

describe('RDP-NET-WORLD-EGRESS (NoWorldEgress)', () => {
  const ID = 'RDP-NET-WORLD-EGRESS';
  /** A legacy egress rule of a security group outside the document. */
  const legacy = (body: Record<string, unknown>): TfJson => only({ aws_security_group_rule: { e: { type: 'egress', security_group_id: 'sg-0123', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'], ...body } } });
  /** An outbound NSG rule of an NSG outside the document. */
  const outbound = (body: Record<string, unknown>): TfJson =>
    only({
      azurerm_network_security_rule: {
        out: {
          name: 'out', network_security_group_name: 'nsg-external', resource_group_name: 'rg', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp',
          source_port_range: '*', source_address_prefix: '*', destination_address_prefix: 'Internet', destination_port_ranges: ['80', '443'], ...body,
        },
      },
    });

  test.each([
    [{}, 'all protocols on all ports'],
    [{ protocol: 'tcp', from_port: 443, to_port: 443 }, 'tcp on 443'],
    [{ protocol: 'tcp', from_port: 0, to_port: 100 }, 'tcp on 0-100'],
    [{ protocol: 'tcp', from_port: 100, to_port: 65535 }, 'tcp on 100-65535'],
  ])('a standalone aws_security_group_rule %j of a group outside the document is judged on its own', (body, what) => {
    expect(judge(ID, legacy(body), 'aws_security_group_rule.e')).toEqual([Compliance.NON_COMPLIANT, [`aws_security_group_rule.e allows ${what} to 0.0.0.0/0`]]);
  });

  test('a standalone NSG rule of an NSG outside the document is judged on its own, listing its ports', () => {
    expect(judge(ID, outbound({}), 'azurerm_network_security_rule.out')).toEqual([Compliance.NON_COMPLIANT, ['azurerm_network_security_rule.out allows tcp on 80, 443 to Internet']]);
    expect(judge(ID, outbound({ destination_port_ranges: undefined, destination_port_range: '1000-2000' }), 'azurerm_network_security_rule.out')[1]).toEqual(['azurerm_network_security_rule.out allows tcp on 1000-2000 to Internet']);
  });

  test('a standalone rule of a group in the document is judged on the group, not on itself; a host is not applicable', () => {
    const json = withResource(awsStack(), 'aws_vpc_security_group_egress_rule', 'world', { security_group_id: '${aws_security_group.rdp.id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' });
    expect(judge(ID, json, 'aws_vpc_security_group_egress_rule.world')).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(ID, json, 'aws_security_group.rdp')).toEqual([Compliance.NON_COMPLIANT, ['aws_vpc_security_group_egress_rule.world allows tcp on 443 to 0.0.0.0/0']]);
    expect(judge(ID, json, HOST)).toEqual([Compliance.NOT_APPLICABLE, []]);
  });

  test('port 80 to the internet is exempt only on the NSG of an AzureBastionSubnet holding a Bastion', () => {
    /** The Azure test stack plus a Bastion in an AzureBastionSubnet whose NSG allows `port` out to Internet. */
    function bastion(port: string): TfJson {
      let json = withResource(azureStack(), 'azurerm_subnet', 'bastion', { name: 'AzureBastionSubnet', virtual_network_name: '${azurerm_virtual_network.main.name}', address_prefixes: ['10.1.254.0/26'] });
      json = withResource(json, 'azurerm_network_security_group', 'bastion', { name: 'nsg-bastion', resource_group_name: 'rg', location: 'westeurope' });
      json = withResource(json, 'azurerm_subnet_network_security_group_association', 'bastion', { subnet_id: '${azurerm_subnet.bastion.id}', network_security_group_id: '${azurerm_network_security_group.bastion.id}' });
      json = withResource(json, 'azurerm_bastion_host', 'main', { name: 'bastion', sku: 'Standard', ip_configuration: { name: 'default', subnet_id: '${azurerm_subnet.bastion.id}', public_ip_address_id: 'pip' } });
      return withResource(json, 'azurerm_network_security_rule', 'session', {
        name: 'session', network_security_group_name: '${azurerm_network_security_group.bastion.name}', resource_group_name: 'rg', priority: 130, direction: 'Outbound', access: 'Allow', protocol: 'Tcp',
        source_port_range: '*', source_address_prefix: '*', destination_address_prefix: 'Internet', destination_port_range: port,
      });
    }
    expect(judge(ID, bastion('80'), 'azurerm_network_security_group.bastion')).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(ID, bastion('443'), 'azurerm_network_security_group.bastion')).toEqual([Compliance.NON_COMPLIANT, ['azurerm_network_security_rule.session allows tcp on 443 to Internet']]);
  });
});

describe('RDP-NET-ALL-TRAFFIC (NoAllTrafficIngress): every protocol, or every port among several', () => {
  const RULE = 'azurerm_network_security_rule.allow_office';
  test('any protocol on one port is all traffic', () => {
    expect(judge('RDP-NET-ALL-TRAFFIC', patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { protocol: '*' }), RULE)).toEqual([
      Compliance.NON_COMPLIANT,
      ['azurerm_network_security_rule.allow_office allows all protocols on 43389 from 203.0.113.0/24'],
    ]);
  });

  test('one range of every port among others is every port', () => {
    const json = patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { destination_port_range: undefined, destination_port_ranges: ['443', '0-65535'] });
    expect(judge('RDP-NET-ALL-TRAFFIC', json, RULE)).toEqual([Compliance.NON_COMPLIANT, ['azurerm_network_security_rule.allow_office allows tcp on all ports from 203.0.113.0/24']]);
  });
});

test('RDP-NET-VPN-ONLY-SOURCES (VpnOnlyHostPrivateSources) is not applicable to a host that is not VPN-only, even one open to the world, nor to a rule', () => {
  const world = patch(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: '0.0.0.0/0' });
  expect(judge('RDP-NET-VPN-ONLY-SOURCES', world, HOST)).toEqual([Compliance.NOT_APPLICABLE, []]);
  const vpnOnly = patch(world, 'aws_instance', 'host', { '//': { rdp_access_mode: 'vpn-only' } });
  expect(judge('RDP-NET-VPN-ONLY-SOURCES', vpnOnly, AWS_RULE)).toEqual([Compliance.NOT_APPLICABLE, []]);
  expect(judge('RDP-NET-VPN-ONLY-SOURCES', vpnOnly, HOST)).toEqual([Compliance.NON_COMPLIANT, ['tcp 43389 reachable from 0.0.0.0/0 through aws_vpc_security_group_ingress_rule.office']]);
});

describe('RDP-SECRET-IN-CLEAR (NoSecretInClear)', () => {
  const ID = 'RDP-SECRET-IN-CLEAR';
  const userData = (line: string): TfJson => patch(awsStack(), 'aws_instance', 'host', { user_data: `<powershell>\n${line}\n</powershell>` });
  const inUserData = (): [Compliance, string[]] => [Compliance.NON_COMPLIANT, ['`user_data` contains a password literal (value not shown)']];

  test.each([
    "ConvertTo-SecureString  'Winter2026'  -AsPlainText",
    "New-LocalUser admin -Password  'Winter2026'",
    "$PasswordPlain = 'Winter2026'",
    "$clientSecretValue='Winter2026'",
  ])('user data with %j (more than one space, a longer name) holds a password literal', (line) => {
    expect(judge(ID, userData(line), HOST)).toEqual(inUserData());
  });

  test('an Azure VM\'s user_data (base64) is scanned', () => {
    const json = only({ azurerm_windows_virtual_machine: { vm: { name: 'vm', user_data: Buffer.from("$password = 'Winter2026'").toString('base64') } } });
    expect(judge(ID, json, 'azurerm_windows_virtual_machine.vm')).toEqual(inUserData());
  });

  test('a VPN gateway without a client configuration holds no secret', () => {
    expect(judge(ID, only({ azurerm_virtual_network_gateway: { gw: { name: 'gw' } } }), 'azurerm_virtual_network_gateway.gw')).toEqual([Compliance.COMPLIANT, []]);
  });
});

test('RDP-SECRET-OUTPUT (SecretOutputsSensitive): a reference through an index of several characters is read', () => {
  expect(judge('RDP-SECRET-OUTPUT', only({}, { pw: { value: '${random_password.admin[10].result}' } }), 'output.pw')).toEqual([
    Compliance.NON_COMPLIANT,
    ['exposes random_password.admin[10].result without `sensitive = true`'],
  ]);
});

describe('RDP-LOG-RETENTION (LogRetention): an unresolved retention is UNKNOWN, naming the attribute', () => {
  const flow = (policy: unknown): TfJson => patch(azureStack(), 'azurerm_network_watcher_flow_log', 'vnet', { retention_policy: policy });
  test.each([
    ['CloudWatch retention_in_days', () => patch(awsStack(), 'aws_cloudwatch_log_group', 'flow', { retention_in_days: '${var.days}' }), 'aws_cloudwatch_log_group.flow', '`retention_in_days` is the unresolved expression ${var.days}'],
    ['Log Analytics retention_in_days', () => only({ azurerm_log_analytics_workspace: { law: { name: 'law', retention_in_days: '${var.days}' } } }), 'azurerm_log_analytics_workspace.law', '`retention_in_days` is the unresolved expression ${var.days}'],
    ['a flow log\'s retention_policy', () => flow('${var.policy}'), 'azurerm_network_watcher_flow_log.vnet', '`retention_policy` is the unresolved expression ${var.policy}'],
    ['a flow log\'s retention_policy.enabled', () => flow({ enabled: '${var.on}', days: 365 }), 'azurerm_network_watcher_flow_log.vnet', '`retention_policy.enabled` is the unresolved expression ${var.on}'],
    ['a flow log\'s retention_policy.days', () => flow({ enabled: true, days: '${var.days}' }), 'azurerm_network_watcher_flow_log.vnet', '`retention_policy.days` is the unresolved expression ${var.days}'],
  ] as [string, () => TfJson, string, string][])('%s', (_label, json, subject, finding) => {
    expect(judge('RDP-LOG-RETENTION', json(), subject)).toEqual([Compliance.UNKNOWN, [finding]]);
  });

  test('a workspace without retention_in_days keeps data 30 days (the default)', () => {
    expect(judge('RDP-LOG-RETENTION', only({ azurerm_log_analytics_workspace: { law: { name: 'law' } } }), 'azurerm_log_analytics_workspace.law')).toEqual([
      Compliance.NON_COMPLIANT,
      ['the workspace keeps data 30 days (the default) (minimum 365)'],
    ]);
  });
});
