/**
 * The Azure rules at their edges (issue #20, mutation testing): would this rule call the plan compliant,
 * and what does the finding say? Small hand-written documents, built inside each test.
 */
import { Compliance } from '../../policy/types';
import { azureStack, only, patch, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const VM = 'azurerm_windows_virtual_machine.host';
const NSG = 'azurerm_network_security_group.rdp';

/** Compliance and the findings of rule `id` on `subject`. */
function judge(id: string, json: TfJson, subject: string): [Compliance, string[]] {
  const r = verdict(id, json, subject);
  return [r.compliance, r.findings];
}

describe('RDP-AZ-NSG-PRIORITY (NsgPrioritiesUnique)', () => {
  const at = (priority: unknown, direction = 'Inbound'): TfJson => patch(azureStack(), 'azurerm_network_security_rule', 'deny_rdp', { priority, direction });

  test.each([100, 4096])('priority %i is inside the range', (p) => {
    expect(judge('RDP-AZ-NSG-PRIORITY', at(p === 100 ? 101 : p), NSG)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge('RDP-AZ-NSG-PRIORITY', patch(at(4000), 'azurerm_network_security_rule', 'allow_office', { priority: p }), NSG)).toEqual([Compliance.COMPLIANT, []]);
  });

  test.each([
    [99, 'azurerm_network_security_rule.deny_rdp has priority 99, outside 100-4096'],
    [4097, 'azurerm_network_security_rule.deny_rdp has priority 4097, outside 100-4096'],
    [undefined, 'azurerm_network_security_rule.deny_rdp has priority unset, outside 100-4096'],
  ])('priority %p is a finding', (p, finding) => {
    expect(judge('RDP-AZ-NSG-PRIORITY', at(p), NSG)).toEqual([Compliance.NON_COMPLIANT, [finding]]);
  });

  test('inline rules are named by their name, and a repeat is reported once per later rule, in lower-case direction', () => {
    const inline = only({
      azurerm_network_security_group: {
        n: {
          name: 'n',
          security_rule: [
            { name: 'a', priority: 200, direction: 'Inbound' },
            { name: 'b', priority: 200, direction: 'Outbound' },
            { name: 'c', priority: 200, direction: 'Inbound' },
            { priority: 300, direction: 'Inbound' },
          ],
        },
      },
    });
    expect(judge('RDP-AZ-NSG-PRIORITY', inline, 'azurerm_network_security_group.n')).toEqual([Compliance.NON_COMPLIANT, ['security_rule["c"] and security_rule["a"] share inbound priority 200']]);
  });

  test('not applicable to other resources', () => {
    expect(judge('RDP-AZ-NSG-PRIORITY', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-VPN-GATEWAY-SKU (VpnGatewaySku)', () => {
  const gw = (body: Record<string, unknown>): TfJson => only({ azurerm_virtual_network_gateway: { vpn: body } });
  const G = 'azurerm_virtual_network_gateway.vpn';

  test.each(['VpnGw1AZ', 'VpnGw5AZ'])('%s is compliant', (sku) => {
    expect(judge('RDP-AZ-VPN-GATEWAY-SKU', gw({ type: 'Vpn', sku }), G)[0]).toBe(Compliance.COMPLIANT);
  });

  test.each([
    ['VpnGw6AZ', 'SKU "VpnGw6AZ" is not a VpnGw1AZ-VpnGw5AZ SKU'],
    ['VpnGw1AZx', 'SKU "VpnGw1AZx" is not a VpnGw1AZ-VpnGw5AZ SKU'],
    ['xVpnGw1AZ', 'SKU "xVpnGw1AZ" is not a VpnGw1AZ-VpnGw5AZ SKU'],
    [undefined, 'SKU "" is not a VpnGw1AZ-VpnGw5AZ SKU'],
  ])('%p is a finding', (sku, finding) => {
    expect(judge('RDP-AZ-VPN-GATEWAY-SKU', gw({ type: 'vpn', sku }), G)).toEqual([Compliance.NON_COMPLIANT, [finding]]);
  });

  test('a gateway without a type is not a VPN gateway; other resources are not judged', () => {
    expect(judge('RDP-AZ-VPN-GATEWAY-SKU', gw({ sku: 'Basic' }), G)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AZ-VPN-GATEWAY-SKU', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-VPN-P2S-PROTOCOLS (VpnClientProtocols)', () => {
  const p2s = (configuration: Record<string, unknown> | undefined): TfJson => only({ azurerm_virtual_network_gateway: { vpn: { type: 'Vpn', sku: 'VpnGw1AZ', ...(configuration ? { vpn_client_configuration: configuration } : {}) } } });
  const G = 'azurerm_virtual_network_gateway.vpn';

  test('IKEv2 and OpenVPN with certificates are compliant; sstp in any case is a finding', () => {
    expect(judge('RDP-AZ-VPN-P2S-PROTOCOLS', p2s({ vpn_client_protocols: ['IkeV2', 'OpenVPN'] }), G)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge('RDP-AZ-VPN-P2S-PROTOCOLS', p2s({ vpn_client_protocols: ['sstp'] }), G)).toEqual([Compliance.NON_COMPLIANT, ['SSTP is enabled (legacy, Windows-only, TCP 443)']]);
  });

  test.each(['aad_tenant', 'aad_audience', 'aad_issuer'])('%s alone means Entra ID: OpenVPN only', (key) => {
    expect(judge('RDP-AZ-VPN-P2S-PROTOCOLS', p2s({ vpn_client_protocols: ['OpenVPN', 'IkeV2'], [key]: 'x' }), G)).toEqual([Compliance.NON_COMPLIANT, ['Entra ID authentication needs OpenVPN only, got OpenVPN, IkeV2']]);
  });

  test('Entra ID keys set to null are no Entra ID; no point-to-site block is not applicable', () => {
    expect(judge('RDP-AZ-VPN-P2S-PROTOCOLS', p2s({ vpn_client_protocols: ['IkeV2'], aad_tenant: null, aad_audience: null, aad_issuer: null }), G)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AZ-VPN-P2S-PROTOCOLS', p2s(undefined), G)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AZ-VPN-P2S-PROTOCOLS', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-VPN-IPSEC-POLICY (VpnConnectionIpsecPolicy)', () => {
  const conn = (body: Record<string, unknown>): TfJson => only({ azurerm_virtual_network_gateway_connection: { office: { type: 'IPsec', ...body } } });
  const C = 'azurerm_virtual_network_gateway_connection.office';
  const STRONG: Record<string, string[]> = {
    dh_group: ['DHGroup14', 'DHGroup2048', 'ECP256', 'ECP384'],
    pfs_group: ['PFS14', 'PFS2048', 'ECP256', 'ECP384'],
    ike_encryption: ['AES256', 'GCMAES256', 'GCMAES128'],
    ike_integrity: ['SHA256', 'SHA384', 'GCMAES256', 'GCMAES128'],
    ipsec_encryption: ['AES256', 'GCMAES256', 'GCMAES128'],
    ipsec_integrity: ['SHA256', 'GCMAES256', 'GCMAES128'],
  };
  const policy = (i: number): Record<string, string> => Object.fromEntries(Object.entries(STRONG).map(([k, v]) => [k, v[i % v.length]]));

  test.each([0, 1, 2, 3])('strong proposal set %i is compliant, with IKEv2 explicit or by default', (i) => {
    expect(judge('RDP-AZ-VPN-IPSEC-POLICY', conn({ connection_protocol: 'IKEv2', ipsec_policy: policy(i) }), C)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge('RDP-AZ-VPN-IPSEC-POLICY', conn({ ipsec_policy: policy(i) }), C)).toEqual([Compliance.COMPLIANT, []]);
  });

  test.each([
    ['pfs_group', 'PFS1', '`ipsec_policy.pfs_group` is PFS1 (strong: PFS14, PFS2048, ECP256, ECP384)'],
    ['ike_encryption', 'DES3', '`ipsec_policy.ike_encryption` is DES3 (strong: AES256, GCMAES256, GCMAES128)'],
    ['ipsec_encryption', 'AES128', '`ipsec_policy.ipsec_encryption` is AES128 (strong: AES256, GCMAES256, GCMAES128)'],
    ['ipsec_integrity', 'SHA1', '`ipsec_policy.ipsec_integrity` is SHA1 (strong: SHA256, GCMAES256, GCMAES128)'],
    ['ipsec_integrity', undefined, '`ipsec_policy.ipsec_integrity` is unset (strong: SHA256, GCMAES256, GCMAES128)'],
  ])('a weak or missing %s is named with the strong values', (field, value, finding) => {
    const weak = { ...policy(0), [field]: value };
    if (value === undefined) delete weak[field];
    expect(judge('RDP-AZ-VPN-IPSEC-POLICY', conn({ ipsec_policy: weak }), C)).toEqual([Compliance.NON_COMPLIANT, [finding]]);
  });

  test('IKEv1 and no policy: both findings; a lower-case type is IPsec too; other connection types are not judged', () => {
    expect(judge('RDP-AZ-VPN-IPSEC-POLICY', conn({ type: 'ipsec', connection_protocol: 'IKEv1' }), C)[1]).toEqual(['`connection_protocol` is IKEv1', "no `ipsec_policy`: Azure's default proposals include DH group 2 (1024-bit)"]);
    expect(judge('RDP-AZ-VPN-IPSEC-POLICY', conn({ type: 'Vnet2Vnet' }), C)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AZ-VPN-IPSEC-POLICY', only({ azurerm_virtual_network_gateway_connection: { office: {} } }), C)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AZ-VPN-IPSEC-POLICY', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('Key Vault rules', () => {
  const kv = (body: Record<string, unknown>): TfJson => only({ azurerm_key_vault: { kv: { name: 'kv', ...body } } });
  const K = 'azurerm_key_vault.kv';

  test('RDP-AZ-KV-NETWORK: "deny" in any case restricts; public access on without ACLs does not', () => {
    expect(judge('RDP-AZ-KV-NETWORK', kv({ network_acls: { default_action: 'deny' } }), K)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AZ-KV-NETWORK', kv({ public_network_access_enabled: true }), K)).toEqual([Compliance.NON_COMPLIANT, ['the vault accepts requests from every network (no `network_acls` with `default_action = "Deny"`)']]);
    expect(judge('RDP-AZ-KV-NETWORK', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });

  test('RDP-AZ-KV-RECOVERABLE: purge protection false is a finding; other resources are not judged', () => {
    expect(judge('RDP-AZ-KV-RECOVERABLE', kv({ purge_protection_enabled: false }), K)).toEqual([Compliance.NON_COMPLIANT, ['`purge_protection_enabled` is not true: a deleted vault and its secrets can be purged at once']]);
    expect(judge('RDP-AZ-KV-RECOVERABLE', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });

  test.each([[null], ['']])('RDP-AZ-KV-SECRET-EXPIRY: expiration_date %j is no expiry', (expiry) => {
    expect(judge('RDP-AZ-KV-SECRET-EXPIRY', only({ azurerm_key_vault_secret: { s: { name: 's', expiration_date: expiry } } }), 'azurerm_key_vault_secret.s')).toEqual([Compliance.NON_COMPLIANT, ['no `expiration_date`']]);
    expect(judge('RDP-AZ-KV-SECRET-EXPIRY', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-DISK-PUBLIC (ManagedDiskNotPublic)', () => {
  const disk = (body: Record<string, unknown>): TfJson => only({ azurerm_managed_disk: { d: { name: 'd', ...body } } });
  const D = 'azurerm_managed_disk.d';

  test.each([
    [{ public_network_access_enabled: false }, Compliance.COMPLIANT],
    [{ network_access_policy: 'DenyAll' }, Compliance.COMPLIANT],
    [{ network_access_policy: 'AllowPrivate' }, Compliance.COMPLIANT],
    [{ network_access_policy: 'AllowAll' }, Compliance.NON_COMPLIANT],
    [{ public_network_access_enabled: true, network_access_policy: 'AllowAll' }, Compliance.NON_COMPLIANT],
  ])('%j', (body, expected) => {
    expect(judge('RDP-AZ-DISK-PUBLIC', disk(body), D)[0]).toBe(expected);
  });

  test('not applicable to other resources', () => {
    expect(judge('RDP-AZ-DISK-PUBLIC', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-PUBLIC-IP-BASIC (PublicIpNotBasic)', () => {
  test.each([
    ['azurerm_public_ip', 'basic', Compliance.NON_COMPLIANT],
    ['azurerm_public_ip_prefix', 'Basic', Compliance.NON_COMPLIANT],
    ['azurerm_public_ip', undefined, Compliance.COMPLIANT],
    ['azurerm_public_ip', 'Standard', Compliance.COMPLIANT],
  ])('%s with SKU %p', (type, sku, expected) => {
    expect(judge('RDP-AZ-PUBLIC-IP-BASIC', only({ [type]: { ip: { name: 'ip', ...(sku ? { sku } : {}) } } }), `${type}.ip`)[0]).toBe(expected);
  });

  test('not applicable to other resources', () => {
    expect(judge('RDP-AZ-PUBLIC-IP-BASIC', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-DEFAULT-OUTBOUND (SubnetNoDefaultOutbound)', () => {
  const S = 'azurerm_subnet.hosts';

  test('a NAT gateway association is an explicit egress path; false is compliant', () => {
    const nat = withResource(azureStack(), 'azurerm_subnet_nat_gateway_association', 'hosts', { subnet_id: '${azurerm_subnet.hosts.id}', nat_gateway_id: 'nat' });
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', nat, S)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', patch(azureStack(), 'azurerm_subnet', 'hosts', { default_outbound_access_enabled: false }), S)[0]).toBe(Compliance.COMPLIANT);
  });

  test('a NAT association of another subnet does not count', () => {
    const other = withResource(withResource(azureStack(), 'azurerm_subnet', 'other', { name: 'other', address_prefixes: ['10.1.2.0/24'] }), 'azurerm_subnet_nat_gateway_association', 'other', { subnet_id: '${azurerm_subnet.other.id}', nat_gateway_id: 'nat' });
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', other, S)[0]).toBe(Compliance.NON_COMPLIANT);
  });

  test('a subnet holding no host (or a NIC of no host) is not judged', () => {
    const noHost = withResource(azureStack(), 'azurerm_windows_virtual_machine', 'host', undefined);
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', noHost, S)[0]).toBe(Compliance.NOT_APPLICABLE);
    const otherNic = patch(azureStack(), 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'ip', subnet_id: 'elsewhere' }] });
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', otherNic, S)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AZ-DEFAULT-OUTBOUND', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-BASTION-SHAREABLE-LINK (BastionNoShareableLinks)', () => {
  const bastion = (body: Record<string, unknown>): TfJson => only({ azurerm_bastion_host: { b: { name: 'b', ...body } } });
  const B = 'azurerm_bastion_host.b';

  test('off or unset is compliant; an expression is UNKNOWN with its reason', () => {
    expect(judge('RDP-AZ-BASTION-SHAREABLE-LINK', bastion({ shareable_link_enabled: false }), B)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AZ-BASTION-SHAREABLE-LINK', bastion({}), B)[0]).toBe(Compliance.COMPLIANT);
    expect(judge('RDP-AZ-BASTION-SHAREABLE-LINK', bastion({ shareable_link_enabled: '${var.links}' }), B)).toEqual([Compliance.UNKNOWN, ['shareable_link_enabled is an expression']]);
    expect(judge('RDP-AZ-BASTION-SHAREABLE-LINK', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('VM rules (RDP-AZ-ENCRYPTION-AT-HOST, RDP-AZ-TRUSTED-LAUNCH)', () => {
  test('false is not true; both Trusted Launch settings missing are two findings; other resources are not judged', () => {
    expect(judge('RDP-AZ-ENCRYPTION-AT-HOST', patch(azureStack(), 'azurerm_windows_virtual_machine', 'host', { encryption_at_host_enabled: false }), VM)[0]).toBe(Compliance.NON_COMPLIANT);
    expect(judge('RDP-AZ-ENCRYPTION-AT-HOST', azureStack(), NSG)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AZ-TRUSTED-LAUNCH', patch(azureStack(), 'azurerm_windows_virtual_machine', 'host', { secure_boot_enabled: false, vtpm_enabled: undefined }), VM)[1]).toEqual(['`secure_boot_enabled` is not true', '`vtpm_enabled` is not true']);
    expect(judge('RDP-AZ-TRUSTED-LAUNCH', azureStack(), NSG)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-FLOW-LOGS (NsgFlowLogs)', () => {
  const log = (body: Record<string, unknown>): TfJson => withResource(azureStack(), 'azurerm_network_watcher_flow_log', 'vnet', { name: 'flow', ...body });

  test('a flow log targeting the NSG itself, enabled unless said otherwise, covers it', () => {
    expect(judge('RDP-AZ-FLOW-LOGS', log({ target_resource_id: '${azurerm_network_security_group.rdp.id}' }), NSG)[0]).toBe(Compliance.COMPLIANT);
  });

  test('a flow log of another NSG does not cover this one', () => {
    const other = withResource(log({ network_security_group_id: '${azurerm_network_security_group.other.id}', enabled: true }), 'azurerm_network_security_group', 'other', { name: 'other' });
    expect(judge('RDP-AZ-FLOW-LOGS', other, NSG)).toEqual([Compliance.NON_COMPLIANT, ['no enabled `azurerm_network_watcher_flow_log` covers this NSG or a virtual network of the stack']]);
    expect(judge('RDP-AZ-FLOW-LOGS', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-NSG-RDP-DENY (NsgDeniesRdpBeforeDefaults)', () => {
  test('UDP allowed on the RDP port needs its own deny; the deny-all covers both', () => {
    const udp = withResource(azureStack(), 'azurerm_network_security_rule', 'allow_udp', {
      name: 'allow-udp',
      network_security_group_name: '${azurerm_network_security_group.rdp.name}',
      priority: 110,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Udp',
      destination_port_range: '43389',
      source_address_prefix: '203.0.113.0/24',
    });
    expect(judge('RDP-AZ-NSG-RDP-DENY', udp, NSG)).toEqual([Compliance.COMPLIANT, []]);
    const tcpDeny = patch(udp, 'azurerm_network_security_rule', 'deny_rdp', { protocol: 'Tcp' });
    expect(judge('RDP-AZ-NSG-RDP-DENY', tcpDeny, NSG)).toEqual([
      Compliance.NON_COMPLIANT,
      ['no explicit deny of udp 43389 from VirtualNetwork or * before AllowVnetInBound (65000): the whole virtual network, peered networks and VPN ranges reach RDP'],
    ]);
  });

  test('an allow behind the deny that admits a source the deny does not cover still matches', () => {
    const partial = patch(patch(azureStack(), 'azurerm_network_security_rule', 'deny_rdp', { priority: 200, source_address_prefix: 'VirtualNetwork' }), 'azurerm_network_security_rule', 'allow_office', { priority: 300 });
    expect(judge('RDP-AZ-NSG-RDP-DENY', partial, NSG)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('two hosts ports: each is judged, in order', () => {
    const second = withResource(azureStack(), 'azurerm_network_security_rule', 'allow_second', {
      name: 'allow-second',
      network_security_group_name: '${azurerm_network_security_group.rdp.name}',
      priority: 120,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      destination_port_range: '3389',
      source_address_prefix: '10.0.0.0/8',
    });
    expect(judge('RDP-AZ-NSG-RDP-DENY', withResource(second, 'azurerm_network_security_rule', 'deny_rdp', undefined), NSG)[1]).toEqual([
      'no explicit deny of tcp 3389 from VirtualNetwork or * before AllowVnetInBound (65000): the whole virtual network, peered networks and VPN ranges reach RDP',
      'no explicit deny of tcp 43389 from VirtualNetwork or * before AllowVnetInBound (65000): the whole virtual network, peered networks and VPN ranges reach RDP',
    ]);
  });

  test('not applicable to other resources', () => {
    expect(judge('RDP-AZ-NSG-RDP-DENY', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-AZ-SUBNET-NSG (HostSubnetHasNsg)', () => {
  const ID = '/subscriptions/0/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/hosts';
  const existing = (associated: string): TfJson => {
    const nic = patch(azureStack(), 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'ip', subnet_id: ID, private_ip_address_allocation: 'Dynamic' }] });
    const withNicNsg = withResource(nic, 'azurerm_network_interface_security_group_association', 'host', { network_interface_id: '${azurerm_network_interface.host.id}', network_security_group_id: '${azurerm_network_security_group.rdp.id}' });
    return patch(withNicNsg, 'azurerm_subnet_network_security_group_association', 'hosts', { subnet_id: associated });
  };
  const A = 'azurerm_network_interface_security_group_association.host';

  test('an existing subnet ID matches its association whatever the case', () => {
    expect(judge('RDP-AZ-SUBNET-NSG', existing(ID.toUpperCase()), A)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an association of a NIC that belongs to no host is not judged; neither are other resources', () => {
    const noHost = withResource(existing(ID), 'azurerm_windows_virtual_machine', 'host', undefined);
    expect(judge('RDP-AZ-SUBNET-NSG', noHost, A)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge('RDP-AZ-SUBNET-NSG', azureStack(), VM)[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('an unresolved value is UNKNOWN and the finding names the field (Azure rules)', () => {
  const X = '${var.x}';
  const nsg = (rule: Record<string, unknown>): TfJson => only({ azurerm_network_security_group: { n: { name: 'n', security_rule: [{ name: 'a', priority: 100, direction: 'Inbound', ...rule }] } } });
  const gw = (body: Record<string, unknown>): TfJson => only({ azurerm_virtual_network_gateway: { vpn: { type: 'Vpn', sku: 'VpnGw1AZ', ...body } } });
  const conn = (body: Record<string, unknown>): TfJson => only({ azurerm_virtual_network_gateway_connection: { office: { type: 'IPsec', ...body } } });
  const G = 'azurerm_virtual_network_gateway.vpn';
  const C = 'azurerm_virtual_network_gateway_connection.office';

  test.each([
    ['RDP-AZ-NSG-PRIORITY', nsg({ priority: X }), 'azurerm_network_security_group.n', 'security_rule["a"].priority'],
    ['RDP-AZ-NSG-PRIORITY', nsg({ direction: X }), 'azurerm_network_security_group.n', 'security_rule["a"].direction'],
    ['RDP-AZ-VPN-P2S-PROTOCOLS', gw({ vpn_client_configuration: X }), G, 'vpn_client_configuration'],
    ['RDP-AZ-VPN-P2S-PROTOCOLS', gw({ vpn_client_configuration: { vpn_client_protocols: X } }), G, 'vpn_client_configuration.vpn_client_protocols'],
    ['RDP-AZ-VPN-GATEWAY-SKU', gw({ type: X }), G, 'type'],
    ['RDP-AZ-VPN-GATEWAY-SKU', gw({ sku: X }), G, 'sku'],
    ['RDP-AZ-VPN-IPSEC-POLICY', conn({ type: X }), C, 'type'],
    ['RDP-AZ-VPN-IPSEC-POLICY', conn({ connection_protocol: X }), C, 'connection_protocol'],
    ['RDP-AZ-VPN-IPSEC-POLICY', conn({ ipsec_policy: X }), C, 'ipsec_policy'],
    ['RDP-AZ-VPN-IPSEC-POLICY', conn({ ipsec_policy: { dh_group: X } }), C, 'ipsec_policy.dh_group'],
  ])('%s: %#', (id, json, subject, field) => {
    expect(judge(id, json, subject)).toEqual([Compliance.UNKNOWN, [`\`${field}\` is the unresolved expression ${X}`]]);
  });

  test('an unnamed inline rule is labelled security_rule[""]', () => {
    const json = only({ azurerm_network_security_group: { n: { name: 'n', security_rule: [{ priority: 50, direction: 'Inbound' }] } } });
    expect(judge('RDP-AZ-NSG-PRIORITY', json, 'azurerm_network_security_group.n')[1]).toEqual(['security_rule[""] has priority 50, outside 100-4096']);
  });
});
