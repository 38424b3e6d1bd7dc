/**
 * More edges of the Azure rules (issue #20, mutation testing; the rules-c survivors): which plans a rule calls
 * compliant, and the exact finding a reviewer reads. Small hand-written documents, built inside each test.
 */
import { Compliance } from '../../policy/types';
import { awsStack, azureStack, only, patch, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const VM = 'azurerm_windows_virtual_machine.host';
const NSG = 'azurerm_network_security_group.rdp';
const X = '${var.x}';

/** Compliance and the findings of rule `id` on `subject`. */
function judge(id: string, json: TfJson, subject: string): [Compliance, string[]] {
  const r = verdict(id, json, subject);
  return [r.compliance, r.findings];
}

/** The UNKNOWN verdict naming `field` as the unresolved `${var.x}`. */
function unreadable(field: string): [Compliance, string[]] {
  return [Compliance.UNKNOWN, [`\`${field}\` is the unresolved expression ${X}`]];
}

/** An inbound NSG rule of `azurerm_network_security_group.rdp`. */
function nsgRule(name: string, attributes: Record<string, unknown>): Record<string, unknown> {
  return { name, network_security_group_name: '${azurerm_network_security_group.rdp.name}', resource_group_name: 'rg', direction: 'Inbound', source_port_range: '*', destination_address_prefix: '*', ...attributes };
}

describe('RDP-AZ-BASTION-ONLY (BastionHostOnlyFromBastion)', () => {
  /** The Azure test stack with an AzureBastionSubnet (`prefix`), a Bastion in it, and the host NSG admitting only that subnet; the host declared bastion. */
  const bastionStack = (prefix = '10.1.254.0/26'): TfJson => {
    let json = patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { source_address_prefix: prefix });
    json = withResource(json, 'azurerm_subnet', 'bastion', { name: 'AzureBastionSubnet', virtual_network_name: '${azurerm_virtual_network.main.name}', address_prefixes: [prefix] });
    json = withResource(json, 'azurerm_bastion_host', 'main', { name: 'bastion', sku: 'Standard', ip_configuration: { name: 'default', subnet_id: '${azurerm_subnet.bastion.id}', public_ip_address_id: 'pip' } });
    return patch(json, 'azurerm_windows_virtual_machine', 'host', { '//': { rdp_access_mode: 'bastion' } });
  };

  test('the bastion stack is compliant', () => {
    expect(judge('RDP-AZ-BASTION-ONLY', bastionStack(), VM)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a public address of the host is named', () => {
    const nic = patch(bastionStack(), 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_subnet.hosts.id}', public_ip_address_id: '${azurerm_public_ip.host.id}' }] });
    const pip = withResource(nic, 'azurerm_public_ip', 'host', { name: 'pip', sku: 'Standard', allocation_method: 'Static' });
    expect(judge('RDP-AZ-BASTION-ONLY', pip, VM)).toEqual([Compliance.NON_COMPLIANT, ['the host has a public address through azurerm_network_interface.host → azurerm_public_ip.host']]);
  });

  test('a Bastion subnet in public address space: its range is still no private Bastion source', () => {
    expect(judge('RDP-AZ-BASTION-ONLY', bastionStack('198.51.100.0/26'), VM)).toEqual([
      Compliance.NON_COMPLIANT,
      ["tcp 43389 is reachable from 198.51.100.0/26 (azurerm_network_security_rule.allow_office), which is not the Bastion's subnet"],
    ]);
  });

  test('an AWS instance declared bastion is not this rule', () => {
    const aws = patch(awsStack(), 'aws_instance', 'host', { '//': { rdp_access_mode: 'bastion' } });
    expect(judge('RDP-AZ-BASTION-ONLY', aws, 'aws_instance.host')).toEqual([Compliance.NOT_APPLICABLE, []]);
  });
});

describe('RDP-AZ-SUBNET-NSG (HostSubnetHasNsg)', () => {
  const A = 'azurerm_network_interface_security_group_association.host';
  const ID = '/subscriptions/0/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/hosts';
  /** The Azure stack with an NSG on the host NIC too. */
  const withNicNsg = (json: TfJson = azureStack()): TfJson =>
    withResource(json, 'azurerm_network_interface_security_group_association', 'host', { network_interface_id: '${azurerm_network_interface.host.id}', network_security_group_id: '${azurerm_network_security_group.rdp.id}' });
  const unguarded = (subnet: string): string => `azurerm_network_interface.host sits in ${subnet}, which has no network security group: other NICs placed there are unfiltered, and only this NIC's NSG guards the host`;

  test('a subnet of the document with its own association is compliant; without one it is named', () => {
    expect(judge('RDP-AZ-SUBNET-NSG', withNicNsg(), A)).toEqual([Compliance.COMPLIANT, []]);
    const bare = withNicNsg(withResource(azureStack(), 'azurerm_subnet_network_security_group_association', 'hosts', undefined));
    expect(judge('RDP-AZ-SUBNET-NSG', bare, A)).toEqual([Compliance.NON_COMPLIANT, [unguarded('azurerm_subnet.hosts')]]);
  });

  test('an existing subnet ID without an association of the same ID is named, whatever other subnets have', () => {
    const nic = patch(withNicNsg(), 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'ip', subnet_id: ID }] });
    expect(judge('RDP-AZ-SUBNET-NSG', nic, A)).toEqual([Compliance.NON_COMPLIANT, [unguarded(`subnet ${ID}`)]]);
  });

  test('another spelling of the reference to the subnet is the same subnet', () => {
    const indexed = patch(withNicNsg(), 'azurerm_subnet_network_security_group_association', 'hosts', { subnet_id: '${azurerm_subnet.hosts["id"]}' });
    expect(judge('RDP-AZ-SUBNET-NSG', indexed, A)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an association without a subnet ID is skipped; an IP configuration without one is a finding', () => {
    const bare = withNicNsg(withResource(azureStack(), 'azurerm_subnet_network_security_group_association', 'hosts', undefined));
    const odd = withResource(bare, 'azurerm_subnet_network_security_group_association', 'odd', { network_security_group_id: '${azurerm_network_security_group.rdp.id}' });
    const late = withResource(odd, 'azurerm_subnet_network_security_group_association', 'late', { subnet_id: '${azurerm_subnet.hosts.id}', network_security_group_id: '${azurerm_network_security_group.rdp.id}' });
    expect(judge('RDP-AZ-SUBNET-NSG', late, A)).toEqual([Compliance.COMPLIANT, []]);
    const noSubnet = patch(withNicNsg(), 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'ip', private_ip_address_allocation: 'Dynamic' }] });
    expect(judge('RDP-AZ-SUBNET-NSG', noSubnet, A)[0]).toBe(Compliance.NON_COMPLIANT);
  });

  test('an NSG association of a NIC no host uses is not judged, even next to a host', () => {
    const spare = withResource(azureStack(), 'azurerm_network_interface', 'spare', { name: 'spare', ip_configuration: [{ name: 'ip', subnet_id: ID }] });
    const json = withResource(spare, 'azurerm_network_interface_security_group_association', 'host', { network_interface_id: '${azurerm_network_interface.spare.id}', network_security_group_id: '${azurerm_network_security_group.rdp.id}' });
    expect(judge('RDP-AZ-SUBNET-NSG', json, A)).toEqual([Compliance.NOT_APPLICABLE, []]);
  });

  test('other associations of the host NIC are not judged', () => {
    const bare = withResource(azureStack(), 'azurerm_subnet_network_security_group_association', 'hosts', undefined);
    const pool = withResource(bare, 'azurerm_network_interface_backend_address_pool_association', 'host', { network_interface_id: '${azurerm_network_interface.host.id}', ip_configuration_name: 'ip', backend_address_pool_id: 'pool' });
    expect(judge('RDP-AZ-SUBNET-NSG', pool, 'azurerm_network_interface_backend_address_pool_association.host')).toEqual([Compliance.NOT_APPLICABLE, []]);
  });

  test.each([
    ['network_interface_id', (j: TfJson) => patch(j, 'azurerm_network_interface_security_group_association', 'host', { network_interface_id: X })],
    ['ip_configuration', (j: TfJson) => patch(j, 'azurerm_network_interface', 'host', { ip_configuration: X })],
  ])('an unresolved %s is UNKNOWN', (field, bend) => {
    expect(judge('RDP-AZ-SUBNET-NSG', bend(withNicNsg()), A)).toEqual(unreadable(field));
  });
});

describe('RDP-AZ-NSG-RDP-DENY (NsgDeniesRdpBeforeDefaults)', () => {
  const noDeny = (transport: string, port: number) => `no explicit deny of ${transport} ${port} from VirtualNetwork or * before AllowVnetInBound (65000): the whole virtual network, peered networks and VPN ranges reach RDP`;
  /** The Azure stack plus an NSG `name` (no rules unless given) and, if `onNic`, its association with the host NIC. */
  const secondNsg = (name: string, onNic: boolean, rules: Record<string, Record<string, unknown>> = {}): TfJson => {
    let json = withResource(azureStack(), 'azurerm_network_security_group', name, { name, resource_group_name: 'rg', location: 'westeurope' });
    if (onNic) json = withResource(json, 'azurerm_network_interface_security_group_association', 'host', { network_interface_id: '${azurerm_network_interface.host.id}', network_security_group_id: `\${azurerm_network_security_group.${name}.id}` });
    for (const [rule, body] of Object.entries(rules)) json = withResource(json, 'azurerm_network_security_rule', rule, { ...body, network_security_group_name: `\${azurerm_network_security_group.${name}.name}` });
    return json;
  };

  test('an NSG that filters the host guards its RDP port even without an allow rule; one that filters no host and allows nothing is compliant', () => {
    expect(judge('RDP-AZ-NSG-RDP-DENY', secondNsg('nic', true), 'azurerm_network_security_group.nic')).toEqual([Compliance.NON_COMPLIANT, [noDeny('tcp', 43389)]]);
    expect(judge('RDP-AZ-NSG-RDP-DENY', secondNsg('other', false), 'azurerm_network_security_group.other')).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an NSG that filters no host but allows UDP on an RDP port of the document guards that port', () => {
    const udp = secondNsg('other', false, { udp: nsgRule('udp', { priority: 100, access: 'Allow', protocol: 'Udp', destination_port_range: '43389', source_address_prefix: '203.0.113.0/24' }) });
    expect(judge('RDP-AZ-NSG-RDP-DENY', udp, 'azurerm_network_security_group.other')).toEqual([Compliance.NON_COMPLIANT, [noDeny('tcp', 43389), noDeny('udp', 43389)]]);
  });

  test('a second deny behind the first is no allow that never matches', () => {
    const twoDenies = withResource(azureStack(), 'azurerm_network_security_rule', 'deny_more', nsgRule('deny-more', { priority: 4000, access: 'Deny', protocol: '*', destination_port_range: '*', source_address_prefix: '*' }));
    expect(judge('RDP-AZ-NSG-RDP-DENY', patch(twoDenies, 'azurerm_network_security_rule', 'deny_rdp', { priority: 300 }), NSG)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an allow at the deny\'s own priority is RDP-AZ-NSG-PRIORITY\'s finding, not this rule\'s', () => {
    expect(judge('RDP-AZ-NSG-RDP-DENY', patch(azureStack(), 'azurerm_network_security_rule', 'deny_rdp', { priority: 100 }), NSG)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an allow behind the deny matches while one of its sources escapes the deny; a deny covers a source when any of its own sources does', () => {
    const vnetDeny = patch(azureStack(), 'azurerm_network_security_rule', 'deny_rdp', { priority: 200, source_address_prefix: 'VirtualNetwork' });
    const behind = (json: TfJson, sources: string[]): TfJson =>
      withResource(json, 'azurerm_network_security_rule', 'allow_late', nsgRule('allow-late', { priority: 300, access: 'Allow', protocol: 'Tcp', destination_port_range: '43389', source_address_prefixes: sources }));
    expect(judge('RDP-AZ-NSG-RDP-DENY', behind(vnetDeny, ['10.1.2.0/24', '203.0.113.0/24']), NSG)).toEqual([Compliance.COMPLIANT, []]);
    const twoSourceDeny = patch(vnetDeny, 'azurerm_network_security_rule', 'deny_rdp', { source_address_prefix: undefined, source_address_prefixes: ['VirtualNetwork', '192.0.2.0/24'] });
    expect(judge('RDP-AZ-NSG-RDP-DENY', behind(twoSourceDeny, ['10.1.2.0/24']), NSG)).toEqual([
      Compliance.NON_COMPLIANT,
      ['azurerm_network_security_rule.allow_late (priority 300) comes after the deny azurerm_network_security_rule.deny_rdp (priority 200) and never matches tcp 43389'],
    ]);
  });
});

describe('RDP-AZ-DEFAULT-OUTBOUND (SubnetNoDefaultOutbound)', () => {
  const S = 'azurerm_subnet.hosts';
  const FINDING = "default outbound access is on (azurerm's default when `default_outbound_access_enabled` is not false): the hosts reach the internet through an implicit, shared address nobody opted into";
  const withOther = (): TfJson => withResource(azureStack(), 'azurerm_subnet', 'other', { name: 'other', virtual_network_name: '${azurerm_virtual_network.main.name}', address_prefixes: ['10.1.2.0/24'] });

  test('the host subnet with azurerm\'s default is named', () => {
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', azureStack(), S)).toEqual([Compliance.NON_COMPLIANT, [FINDING]]);
  });

  test('a NIC with any IP configuration in the subnet places the host there', () => {
    const nic = patch(withOther(), 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'a', subnet_id: '${azurerm_subnet.other.id}' }, { name: 'b', subnet_id: '${azurerm_subnet.hosts.id}' }] });
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', nic, S)).toEqual([Compliance.NON_COMPLIANT, [FINDING]]);
  });

  test('a host with any NIC in the subnet is held there', () => {
    const second = withResource(withOther(), 'azurerm_network_interface', 'second', { name: 'second', ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_subnet.other.id}' }] });
    const twoNics = patch(second, 'azurerm_windows_virtual_machine', 'host', { network_interface_ids: ['${azurerm_network_interface.second.id}', '${azurerm_network_interface.host.id}'] });
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', twoNics, S)).toEqual([Compliance.NON_COMPLIANT, [FINDING]]);
  });

  test('only subnets and virtual networks are judged (inline subnets: mutation-rules-azure-inline-subnets.test.ts)', () => {
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', azureStack(), NSG)).toEqual([Compliance.NOT_APPLICABLE, []]);
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', azureStack(), 'azurerm_virtual_network.main')).toEqual([Compliance.NOT_APPLICABLE, []]);
  });

  test.each([
    ['ip_configuration', (j: TfJson) => patch(j, 'azurerm_network_interface', 'host', { ip_configuration: X })],
    ['network_interface_ids', (j: TfJson) => patch(j, 'azurerm_windows_virtual_machine', 'host', { network_interface_ids: X })],
    ['default_outbound_access_enabled', (j: TfJson) => patch(j, 'azurerm_subnet', 'hosts', { default_outbound_access_enabled: X })],
  ])('an unresolved %s is UNKNOWN', (field, bend) => {
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', bend(azureStack()), S)).toEqual(unreadable(field));
  });
});

describe('single-attribute Azure rules: the finding, and the field an unreadable value names', () => {
  const kv = (body: Record<string, unknown>): TfJson => only({ azurerm_key_vault: { kv: { name: 'kv', ...body } } });
  const disk = (body: Record<string, unknown>): TfJson => only({ azurerm_managed_disk: { d: { name: 'd', ...body } } });
  const vm = (attributes: Record<string, unknown>): TfJson => patch(azureStack(), 'azurerm_windows_virtual_machine', 'host', attributes);

  test('Key Vault without network ACLs, or with an allow default, accepts every network', () => {
    const open = ['the vault accepts requests from every network (no `network_acls` with `default_action = "Deny"`)'];
    expect(judge('RDP-AZ-KV-NETWORK', kv({}), 'azurerm_key_vault.kv')).toEqual([Compliance.NON_COMPLIANT, open]);
    expect(judge('RDP-AZ-KV-NETWORK', kv({ network_acls: { bypass: 'AzureServices' } }), 'azurerm_key_vault.kv')).toEqual([Compliance.NON_COMPLIANT, open]);
    expect(judge('RDP-AZ-KV-NETWORK', kv({ network_acls: [{ default_action: 'Allow' }] }), 'azurerm_key_vault.kv')).toEqual([Compliance.NON_COMPLIANT, open]);
    expect(judge('RDP-AZ-KV-NETWORK', kv({ public_network_access_enabled: false }), 'azurerm_key_vault.kv')).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a managed disk with the open defaults can be exported', () => {
    expect(judge('RDP-AZ-DISK-PUBLIC', disk({}), 'azurerm_managed_disk.d')).toEqual([
      Compliance.NON_COMPLIANT,
      ['anyone with a SAS URI can export the disk from the internet (`public_network_access_enabled` is not false and `network_access_policy` is AllowAll)'],
    ]);
  });

  test('a Basic public IP is named; no SKU is Standard', () => {
    expect(judge('RDP-AZ-PUBLIC-IP-BASIC', only({ azurerm_public_ip: { ip: { name: 'ip', sku: 'Basic' } } }), 'azurerm_public_ip.ip')).toEqual([
      Compliance.NON_COMPLIANT,
      ['uses the retired Basic SKU, which is open to inbound traffic unless an NSG closes it'],
    ]);
    expect(judge('RDP-AZ-PUBLIC-IP-BASIC', only({ azurerm_public_ip: { ip: { name: 'ip' } } }), 'azurerm_public_ip.ip')).toEqual([Compliance.COMPLIANT, []]);
  });

  test('encryption at host off is named', () => {
    expect(judge('RDP-AZ-ENCRYPTION-AT-HOST', vm({ encryption_at_host_enabled: undefined }), VM)).toEqual([Compliance.NON_COMPLIANT, ['`encryption_at_host_enabled` is not true: temp disk and caches are stored unencrypted']]);
  });

  test('a shareable-link setting that is no boolean is UNKNOWN, naming the field', () => {
    expect(judge('RDP-AZ-BASTION-SHAREABLE-LINK', only({ azurerm_bastion_host: { b: { name: 'b', shareable_link_enabled: 'yes' } } }), 'azurerm_bastion_host.b')).toEqual([
      Compliance.UNKNOWN,
      ['`shareable_link_enabled` is the unresolved expression yes'],
    ]);
  });

  test('NSG rules without a direction share the empty direction', () => {
    const json = only({ azurerm_network_security_group: { n: { name: 'n', security_rule: [{ name: 'a', priority: 200 }, { name: 'b', priority: 200 }] } } });
    expect(judge('RDP-AZ-NSG-PRIORITY', json, 'azurerm_network_security_group.n')).toEqual([Compliance.NON_COMPLIANT, ['security_rule["b"] and security_rule["a"] share  priority 200']]);
  });

  test.each([
    ['RDP-AZ-KV-NETWORK', () => kv({ public_network_access_enabled: X }), 'azurerm_key_vault.kv', 'public_network_access_enabled'],
    ['RDP-AZ-KV-NETWORK', () => kv({ network_acls: X }), 'azurerm_key_vault.kv', 'network_acls'],
    ['RDP-AZ-KV-NETWORK', () => kv({ network_acls: { default_action: X } }), 'azurerm_key_vault.kv', 'network_acls.default_action'],
    ['RDP-AZ-KV-RECOVERABLE', () => kv({ purge_protection_enabled: X }), 'azurerm_key_vault.kv', 'purge_protection_enabled'],
    ['RDP-AZ-DISK-PUBLIC', () => disk({ public_network_access_enabled: X }), 'azurerm_managed_disk.d', 'public_network_access_enabled'],
    ['RDP-AZ-DISK-PUBLIC', () => disk({ network_access_policy: X }), 'azurerm_managed_disk.d', 'network_access_policy'],
    ['RDP-AZ-PUBLIC-IP-BASIC', () => only({ azurerm_public_ip: { ip: { name: 'ip', sku: X } } }), 'azurerm_public_ip.ip', 'sku'],
    ['RDP-AZ-ENCRYPTION-AT-HOST', () => vm({ encryption_at_host_enabled: X }), VM, 'encryption_at_host_enabled'],
    ['RDP-AZ-TRUSTED-LAUNCH', () => vm({ secure_boot_enabled: X }), VM, 'secure_boot_enabled'],
    ['RDP-AZ-TRUSTED-LAUNCH', () => vm({ vtpm_enabled: X }), VM, 'vtpm_enabled'],
    ['RDP-AZ-NSG-PRIORITY', () => only({ azurerm_network_security_group: { n: { name: 'n', security_rule: X } } }), 'azurerm_network_security_group.n', 'security_rule'],
    ['RDP-AZ-FLOW-LOGS', () => patch(azureStack(), 'azurerm_network_watcher_flow_log', 'vnet', { enabled: X }), NSG, 'enabled'],
  ])('%s: unresolved %#', (id, json, subject, field) => {
    expect(judge(id, json(), subject)).toEqual(unreadable(field));
  });
});

describe('VPN gateway rules judge only their own resource type', () => {
  test.each([
    ['RDP-AZ-VPN-GATEWAY-SKU', { type: 'Vpn', sku: 'Basic' }],
    ['RDP-AZ-VPN-P2S-PROTOCOLS', { type: 'Vpn', vpn_client_configuration: { vpn_client_protocols: ['SSTP'] } }],
    ['RDP-AZ-VPN-IPSEC-POLICY', { type: 'IPsec', connection_protocol: 'IKEv1' }],
  ])('%s: another type with the same attributes', (id, body) => {
    expect(judge(id, only({ azurerm_vpn_gateway: { g: { name: 'g', ...body } } }), 'azurerm_vpn_gateway.g')).toEqual([Compliance.NOT_APPLICABLE, []]);
  });

  test('a connection protocol left out is IKEv2; a weak DH group is named with the strong ones', () => {
    const conn = only({
      azurerm_virtual_network_gateway_connection: {
        office: { type: 'IPsec', ipsec_policy: { dh_group: 'DHGroup2', pfs_group: 'PFS2048', ike_encryption: 'AES256', ike_integrity: 'SHA256', ipsec_encryption: 'AES256', ipsec_integrity: 'SHA256' } },
      },
    });
    expect(judge('RDP-AZ-VPN-IPSEC-POLICY', conn, 'azurerm_virtual_network_gateway_connection.office')).toEqual([Compliance.NON_COMPLIANT, ['`ipsec_policy.dh_group` is DHGroup2 (strong: DHGroup14, DHGroup2048, ECP256, ECP384)']]);
  });
});
