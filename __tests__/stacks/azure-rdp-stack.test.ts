import { Testing } from 'cdktf';
import { NSG_DENY_ALL_INBOUND_PRIORITY } from '../../constructs/azure/nsg-priorities';
import { AzureRdpStack, KEY_VAULT_RUNNER_IP_VARIABLE, KEY_VAULT_STACK_TAG } from '../../stacks/azure-rdp-stack';
import { AzureConfig } from '../../stacks/config/azure-config';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { TEST_ROOT_CERTIFICATE } from '../azure/rdp-vpn-gateway-fixtures';
import { dwordWrites, firewallPort, firewallSources, manifestOf } from '../helpers/hardening-script';
import { plaintextSecrets, worldOpenIngress } from '../helpers/security-assertions';
import { bodiesOf, fullSynthJson, onlyResourceOf, resourcesOf, synthJson, TerraformJson } from '../helpers/template';

const WORLD = ['*', 'internet', 'any', '0.0.0.0/0', '::/0'];

/** The default `azure` section, validated, with `change` applied to its first host. */
function azureConfig(change: Record<string, unknown> = {}, section: Record<string, unknown> = {}): AzureConfig {
  const raw = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
  Object.assign(raw.azure.hosts[0], change);
  Object.assign(raw.azure, section);
  return validateConfig({ azure: raw.azure }, {}).azure!;
}

function stackJson(config: AzureConfig, full = false): TerraformJson {
  const stack = new AzureRdpStack(Testing.app(), 'azure-rdp-hosts', config);
  return full ? fullSynthJson(stack) : synthJson(stack, true);
}

const rules = (json: TerraformJson) => bodiesOf(json, 'azurerm_network_security_rule');
const allows = (json: TerraformJson) => rules(json).filter((r) => r.access === 'Allow');

describe('Azure example stack (embedded default configuration)', () => {
  const host = DEFAULT_CONFIG.azure!.hosts[0];
  let json: TerraformJson;
  beforeAll(() => {
    json = stackJson(azureConfig());
  });

  test('snapshot (review every change)', () => {
    expect(json).toMatchSnapshot();
  });

  test('VPN-only: every NSG allow rule admits the point-to-site pool, and nothing else', () => {
    const pool = DEFAULT_CONFIG.azure!.vpnGateway!.pointToSite!.addressPool!;
    expect(host.allowlist).toBeUndefined();
    expect(allows(json).map((r) => `${r.protocol} ${r.source_address_prefix}`)).toEqual([`Tcp ${pool}`]);
    for (const rule of allows(json)) expect(rule.source_address_prefixes).toBeUndefined();
    expect(onlyResourceOf(json, 'azurerm_virtual_network_gateway')).toMatchObject({ vpn_client_configuration: { address_space: [pool] } });
  });

  test('a zone-redundant route-based gateway with Entra ID point-to-site over OpenVPN, in a GatewaySubnet without NSG', () => {
    const gateway = onlyResourceOf(json, 'azurerm_virtual_network_gateway');
    expect(gateway).toMatchObject({ type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw1AZ', generation: 'Generation1', active_active: false, enable_bgp: false });
    expect(gateway.vpn_client_configuration).toEqual({
      address_space: ['10.250.0.0/24'],
      vpn_client_protocols: ['OpenVPN'],
      vpn_auth_types: ['AAD'],
      aad_tenant: 'https://login.microsoftonline.com/00000000-0000-4000-8000-000000000000/',
      aad_issuer: 'https://sts.windows.net/00000000-0000-4000-8000-000000000000/',
      aad_audience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
    });
    const [pipName, pip] = Object.entries(resourcesOf(json, 'azurerm_public_ip'))[0];
    expect(pip).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
    expect(gateway.ip_configuration).toEqual([expect.objectContaining({ public_ip_address_id: `\${azurerm_public_ip.${pipName}.id}` })]);
    const [subnetName] = Object.entries(resourcesOf(json, 'azurerm_subnet')).find(([, s]) => s.name === 'GatewaySubnet')!;
    expect(resourcesOf(json, 'azurerm_subnet')[subnetName]).toMatchObject({ address_prefixes: ['10.52.255.224/27'] });
    const associated = bodiesOf(json, 'azurerm_subnet_network_security_group_association').map((a) => a.subnet_id);
    expect(associated).not.toContain(`\${azurerm_subnet.${subnetName}.id}`);
    expect(json.output?.vpn_gateway_id).toMatchObject({ value: expect.stringContaining('azurerm_virtual_network_gateway.') });
  });

  test('the run command delivers the TLS-only script with the same port and sources as the NSG', () => {
    const pool = DEFAULT_CONFIG.azure!.vpnGateway!.pointToSite!.addressPool!;
    const runCommand = onlyResourceOf(json, 'azurerm_virtual_machine_run_command');
    const script = String((runCommand.source as Record<string, unknown>).script);
    expect(manifestOf(script)).toMatchObject({ port: host.rdpPort, allowlist: [pool], securityLayer: 'tls', nla: true, minTls: '1.2' });
    expect(dwordWrites(script).get('WS\\PortNumber')).toEqual([host.rdpPort]);
    expect(firewallPort(script)).toBe(host.rdpPort);
    expect(firewallSources(script)).toEqual(allows(json).map((r) => r.source_address_prefix));
    expect(String(runCommand.virtual_machine_id)).toMatch(/azurerm_windows_virtual_machine\./);
  });

  test('no allow rule has a world source (*, Internet, Any, 0.0.0.0/0, ::/0)', () => {
    for (const rule of allows(json)) expect(WORLD).not.toContain(String(rule.source_address_prefix).toLowerCase());
    expect(worldOpenIngress(json)).toEqual([]);
  });

  test('a deny of all inbound traffic (any source, port, protocol) sits below every allow and above Azure\'s defaults', () => {
    const denies = rules(json).filter((r) => r.access === 'Deny' && r.direction === 'Inbound');
    expect(denies).toEqual([expect.objectContaining({ direction: 'Inbound', source_address_prefix: '*', destination_port_range: '*', protocol: '*', priority: NSG_DENY_ALL_INBOUND_PRIORITY })]);
    const deny = denies[0];
    for (const rule of allows(json)) expect(rule.priority as number).toBeLessThan(deny!.priority as number);
    expect(deny!.priority as number).toBeLessThan(65000);
  });

  test('every allow rule is inbound, on the custom port, which is not 3389', () => {
    expect(host.rdpPort).not.toBe(3389);
    for (const rule of allows(json)) {
      expect(rule).toMatchObject({ direction: 'Inbound', destination_port_range: String(host.rdpPort), protocol: 'Tcp' });
    }
    // 3389 (where Windows listens until the hardening has run) falls to the deny-all.
    expect(rules(json).filter((r) => r.destination_port_range === '3389')).toEqual([]);
  });

  test('the NSG is attached to the host subnet and the NIC', () => {
    const [nsgName] = Object.keys(resourcesOf(json, 'azurerm_network_security_group'));
    const nsgId = `\${azurerm_network_security_group.${nsgName}.id}`;
    const [subnetName] = Object.keys(resourcesOf(json, 'azurerm_subnet'));
    const [nicName] = Object.keys(resourcesOf(json, 'azurerm_network_interface'));
    expect(onlyResourceOf(json, 'azurerm_subnet_network_security_group_association')).toEqual({ network_security_group_id: nsgId, subnet_id: `\${azurerm_subnet.${subnetName}.id}` });
    expect(onlyResourceOf(json, 'azurerm_network_interface_security_group_association')).toEqual({ network_security_group_id: nsgId, network_interface_id: `\${azurerm_network_interface.${nicName}.id}` });
  });

  test('the VM has Trusted Launch, encryption at host, platform patching and an identity', () => {
    expect(onlyResourceOf(json, 'azurerm_windows_virtual_machine')).toMatchObject({
      secure_boot_enabled: true,
      vtpm_enabled: true,
      encryption_at_host_enabled: true,
      patch_mode: 'AutomaticByPlatform',
      patch_assessment_mode: 'AutomaticByPlatform',
      provision_vm_agent: true,
      boot_diagnostics: {},
      identity: { type: 'SystemAssigned' },
    });
  });

  test('no public IP on the host by default (VPN-only), none on the NIC; the only public IP is the gateway\'s', () => {
    const [pipName] = Object.keys(resourcesOf(json, 'azurerm_public_ip'));
    expect(Object.keys(resourcesOf(json, 'azurerm_public_ip'))).toEqual([pipName]);
    expect(JSON.stringify(onlyResourceOf(json, 'azurerm_virtual_network_gateway'))).toContain(`azurerm_public_ip.${pipName}.id`);
    expect(JSON.stringify(bodiesOf(json, 'azurerm_network_interface'))).not.toMatch(/public_ip_address_id/);
    expect(Object.keys(json.output ?? {}).filter((o) => o.endsWith('_public_ip'))).toEqual(['vpn_gateway_public_ip']);
  });

  test('no plaintext password: generated, referenced, stored in a locked-down Key Vault; no output carries it', () => {
    const full = stackJson(azureConfig(), true);
    expect(plaintextSecrets(json)).toEqual([]);
    expect(plaintextSecrets(full)).toEqual([]);
    const reference = onlyResourceOf(json, 'azurerm_windows_virtual_machine').admin_password;
    expect(reference).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    expect(onlyResourceOf(json, 'azurerm_key_vault_secret')).toMatchObject({ value: reference, content_type: 'password', expiration_date: expect.stringContaining('timeadd(plantimestamp()') });
    expect(onlyResourceOf(json, 'azurerm_key_vault')).toMatchObject({ purge_protection_enabled: true, rbac_authorization_enabled: true, soft_delete_retention_days: 90, network_acls: { default_action: 'Deny' } });
    for (const [name, output] of Object.entries(json.output ?? {})) {
      if (/random_password|\.value\}|admin_password\}/.test(JSON.stringify(output.value))) expect([name, output.sensitive]).toEqual([name, true]);
    }
    expect(JSON.stringify(full)).not.toMatch(/"admin_password":\s*"(?!\$\{)/);
  });

  test('the provider has its features block and no hard-coded subscription or credentials', () => {
    const [azurerm] = json.provider!.azurerm as Record<string, unknown>[];
    expect(azurerm.features).toEqual([expect.any(Object)]);
    expect(azurerm.subscription_id).toBeUndefined();
    expect(JSON.stringify(json.provider)).not.toMatch(/client_secret|client_certificate|tenant_id|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(json.provider!.random).toEqual([{}]);
    expect(json.terraform).toMatchObject({ required_providers: { azurerm: { version: '4.55.0' }, random: { version: '3.7.2' } }, backend: { local: { path: '../../../terraform.azure-rdp-hosts.tfstate' } } });
  });

  test('the access mode is in the plan for the policy review', () => {
    const full = stackJson(azureConfig(), true);
    const vm = onlyResourceOf(full, 'azurerm_windows_virtual_machine');
    expect((vm['//'] as Record<string, unknown>).rdp_access_mode).toBe('vpn-only');
  });
});

describe('Azure example stack variants', () => {
  test('CI runner access to the Key Vault: a validated variable (empty by default) joins the ACL; the vault is tagged with its stack and named in an output', () => {
    const json = stackJson(azureConfig());
    const variable = (json.variable as Record<string, Record<string, unknown>>)[KEY_VAULT_RUNNER_IP_VARIABLE];
    expect(variable).toMatchObject({ type: 'string', default: '', nullable: false });
    const vault = onlyResourceOf(json, 'azurerm_key_vault');
    expect((vault.network_acls as Record<string, unknown>).ip_rules).toBe(`\${concat(["203.0.113.0/24"], compact([var.${KEY_VAULT_RUNNER_IP_VARIABLE}]))}`);
    expect((vault.tags as Record<string, string>)[KEY_VAULT_STACK_TAG]).toBe('azure-rdp-hosts');
    expect(json.output?.key_vault_name).toMatchObject({ value: expect.stringMatching(/azurerm_key_vault\..*\.name/) });
    // The validation Terraform runs (RE2; this pattern means the same in JavaScript): one IPv4 address, or empty.
    const [validation] = variable.validation as { condition: string }[];
    const pattern = new RegExp(/regex\("([^"]+)"/.exec(validation.condition)![1]);
    for (const ok of ['203.0.113.7', '20.1.255.0']) expect(pattern.test(ok)).toBe(true);
    for (const bad of ['203.0.113.7/32', '256.1.1.1', '1.2.3', '2001:db8::1', ' 1.2.3.4', '1.2.3.4; rm']) expect(pattern.test(bad)).toBe(false);
    expect(validation.condition).toMatch(new RegExp(`var\\.${KEY_VAULT_RUNNER_IP_VARIABLE} == ""`));
  });

  test('the host subnet is private (no default outbound access) and nothing gives it internet egress', () => {
    const json = stackJson(azureConfig());
    const hostSubnets = bodiesOf(json, 'azurerm_subnet').filter((s) => s.name !== 'GatewaySubnet');
    expect(hostSubnets.map((s) => s.default_outbound_access_enabled)).toEqual([false]);
    expect(bodiesOf(json, 'azurerm_nat_gateway')).toEqual([]);
    expect(bodiesOf(json, 'azurerm_subnet_nat_gateway_association')).toEqual([]);
  });

  test('internetEgress (acknowledged): a NAT gateway with its own public IP serves the host\'s subnet; the acknowledgement is in the plan', () => {
    const egress = { id: 'RDP-NET-INTERNET-EGRESS', reason: 'Windows Update directly from Microsoft' };
    const json = stackJson(azureConfig({ internetEgress: egress }), true);
    expect(onlyResourceOf(json, 'azurerm_nat_gateway')).toMatchObject({ sku_name: 'Standard', name: 'azure-rdp-hosts-natgw' });
    const association = onlyResourceOf(json, 'azurerm_subnet_nat_gateway_association');
    expect(association.subnet_id).toMatch(/azurerm_subnet\.Network_Subnet-jump-1_/);
    expect((association['//'] as Record<string, unknown>).rdp_acknowledgements).toEqual([egress]);
    // The NAT gateway's address is the only new public IP; the host still has none (VPN-only).
    expect(bodiesOf(json, 'azurerm_public_ip').map((p) => p.name).sort()).toEqual(['azure-rdp-hosts-natgw-pip', 'azure-rdp-hosts-vpngw-pip']);
  });

  test('without internetEgress the NSG denies outbound internet traffic, also for a host with a public IP; with it, not', () => {
    const outbound = (json: TerraformJson) => rules(json).filter((r) => r.direction === 'Outbound');
    const denyInternet = [expect.objectContaining({ access: 'Deny', destination_address_prefix: 'Internet', destination_port_range: '*', protocol: '*', priority: NSG_DENY_ALL_INBOUND_PRIORITY })];
    expect(outbound(stackJson(azureConfig()))).toEqual(denyInternet);
    const publicHost = { access: 'allowlist', allowlist: ['198.51.100.0/24'], internetExposure: { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support from a fixed office range' } };
    expect(outbound(stackJson(azureConfig(publicHost, { vpnGateway: undefined })))).toEqual(denyInternet);
    expect(outbound(stackJson(azureConfig({ ...publicHost, internetEgress: { id: 'RDP-NET-INTERNET-EGRESS', reason: 'Windows Update directly from Microsoft' } }, { vpnGateway: undefined })))).toEqual([]);
  });

  test('internetEgress on an existing subnet: no NAT gateway (the subnet\'s own path), no outbound deny, the acknowledgement on the NSG', () => {
    const egress = { id: 'RDP-NET-INTERNET-EGRESS', reason: 'The hub firewall routes and filters internet traffic' };
    const existing = { subnetCidr: undefined, existingSubnetId: '/subscriptions/3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/rdp', allowlist: ['10.8.0.0/24'] };
    const json = stackJson(azureConfig({ ...existing, internetEgress: egress }, { vpnGateway: undefined, network: { existingResourceGroupName: 'hub' } }), true);
    expect(bodiesOf(json, 'azurerm_nat_gateway')).toEqual([]);
    expect(rules(json).filter((r) => r.direction === 'Outbound')).toEqual([]);
    expect((onlyResourceOf(json, 'azurerm_network_security_group')['//'] as Record<string, unknown>).rdp_acknowledgements).toEqual([egress]);
  });

  test('internetEgress must carry the egress risk ID', () => {
    expect(() => azureConfig({ internetEgress: { id: 'RDP-NET-PUBLIC-IP', reason: 'Windows Update directly from Microsoft' } })).toThrow(/azure\.hosts\[0\]\.internetEgress\.id.*must be "RDP-NET-INTERNET-EGRESS"/s);
  });

  test('a subscription ID from the configuration reaches the provider', () => {
    const json = stackJson(azureConfig({}, { subscriptionId: '3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f' }));
    expect((json.provider!.azurerm as Record<string, unknown>[])[0].subscription_id).toBe('3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f');
  });

  test('allowlist mode with a public source (no gateway): one Standard static public IP, rules still allowlist-only', () => {
    const allowlist = ['198.51.100.0/24', '10.8.0.0/24'];
    const json = stackJson(azureConfig({ access: 'allowlist', allowlist, udp: true, internetExposure: { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support from a fixed office range' } }, { vpnGateway: undefined }));
    expect(bodiesOf(json, 'azurerm_virtual_network_gateway')).toHaveLength(0);
    expect(onlyResourceOf(json, 'azurerm_public_ip')).toMatchObject({ sku: 'Standard', allocation_method: 'Static' });
    expect(allows(json).map((r) => `${r.protocol} ${r.source_address_prefix}`).sort()).toEqual(['Tcp 10.8.0.0/24', 'Tcp 198.51.100.0/24', 'Udp 10.8.0.0/24', 'Udp 198.51.100.0/24']);
    expect(worldOpenIngress(json)).toEqual([]);
    expect(Object.keys(json.output ?? {})).toContain('jump_1_public_ip');
  });

  test('two hosts get their own subnets and NSGs; an existing subnet creates none', () => {
    const second = { name: 'jump-2', subnetCidr: '10.52.2.0/24', allowlist: ['10.8.0.0/24'] };
    const existing = { name: 'jump-3', existingSubnetId: '/subscriptions/3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/rdp', allowlist: ['10.8.0.0/24'] };
    const raw = JSON.parse(JSON.stringify(DEFAULT_CONFIG.azure));
    raw.hosts.push(second, existing);
    const json = stackJson(validateConfig({ azure: raw }, {}).azure!);
    expect(bodiesOf(json, 'azurerm_subnet').map((s) => s.name).sort()).toEqual(['GatewaySubnet', 'azure-rdp-hosts-jump-1', 'azure-rdp-hosts-jump-2']);
    expect(bodiesOf(json, 'azurerm_network_security_group')).toHaveLength(3);
    // One gateway serves every host: each NSG admits the point-to-site pool.
    const poolRules = allows(json).filter((r) => r.source_address_prefix === '10.250.0.0/24');
    expect(new Set(poolRules.map((r) => r.network_security_group_name)).size).toBe(3);
    expect(bodiesOf(json, 'azurerm_subnet_network_security_group_association')).toHaveLength(3);
    expect(bodiesOf(json, 'azurerm_key_vault')).toHaveLength(1);
    expect(bodiesOf(json, 'azurerm_key_vault_secret').map((s) => s.name).sort()).toEqual(['jump-1-admin-password', 'jump-2-admin-password', 'jump-3-admin-password']);
  });

  test('site-to-site: strong IPsec policy, IKEv2, generated key only as a reference (kept in Key Vault), on-premises range admitted', () => {
    const json = stackJson(azureConfig({}, { vpnGateway: { ...DEFAULT_CONFIG.azure!.vpnGateway, siteToSite: { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['172.16.50.0/24'] } } }));
    expect(onlyResourceOf(json, 'azurerm_local_network_gateway')).toMatchObject({ gateway_address: '198.51.100.7', address_space: ['172.16.50.0/24'] });
    const connection = onlyResourceOf(json, 'azurerm_virtual_network_gateway_connection');
    expect(connection).toMatchObject({
      type: 'IPsec',
      connection_protocol: 'IKEv2',
      ipsec_policy: { ike_encryption: 'GCMAES256', ike_integrity: 'SHA384', dh_group: 'ECP384', ipsec_encryption: 'GCMAES256', ipsec_integrity: 'GCMAES256', pfs_group: 'ECP384' },
    });
    expect(connection.shared_key).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    const keySecret = bodiesOf(json, 'azurerm_key_vault_secret').find((k) => k.content_type === 'ipsec-pre-shared-key');
    expect(keySecret).toMatchObject({ value: connection.shared_key, expiration_date: expect.stringContaining('timeadd(plantimestamp()') });
    expect(allows(json).map((r) => r.source_address_prefix).sort()).toEqual(['10.250.0.0/24', '172.16.50.0/24']);
    expect(plaintextSecrets(json)).toEqual([]);
    expect(JSON.stringify(json.output)).not.toMatch(/random_password|shared_key/);
  });

  test('certificate point-to-site from the configuration: OpenVPN and IKEv2, the root certificate as given', () => {
    const rootCertificates = [{ name: 'p2s-root', publicCertData: TEST_ROOT_CERTIFICATE }];
    const json = stackJson(azureConfig({}, { vpnGateway: { pointToSite: { rootCertificates, protocols: ['OpenVPN', 'IkeV2'] } } }));
    expect(onlyResourceOf(json, 'azurerm_virtual_network_gateway').vpn_client_configuration).toEqual({
      address_space: ['10.250.0.0/24'],
      vpn_client_protocols: ['OpenVPN', 'IkeV2'],
      vpn_auth_types: ['Certificate'],
      root_certificate: [{ name: 'p2s-root', public_cert_data: TEST_ROOT_CERTIFICATE }],
    });
  });
});
