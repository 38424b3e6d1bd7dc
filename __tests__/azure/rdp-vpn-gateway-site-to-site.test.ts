import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AzureRdpHost,
  AzureRdpKeyVault,
  AzureRdpNetwork,
  AzureRdpSiteToSiteConnection,
  AzureRdpVpnGateway,
  P2sAuthentication,
  RdpAccess,
  AzureWindowsImage,
} from '../../constructs';
import { violations } from '../../policy/engine';
import { loadDocuments } from '../../policy/files';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { reviewDocuments } from '../../policy/report/review-result';
import { AzureRdpStack } from '../../stacks/azure-rdp-stack';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { plaintextSecrets } from '../helpers/security-assertions';
import { bodiesOf, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const TENANT = '3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f';
const OFFICE = { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['172.16.50.0/24', '172.16.60.0/24'] };

function setup(withP2s = true) {
  const stack = testStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new RandomProvider(stack, 'random');
  const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
  const vault = new AzureRdpKeyVault(stack, 'Vault', { resourceGroupName: network.resourceGroupName, location: network.location });
  const vpn = new AzureRdpVpnGateway(stack, 'Vpn', { network, p2sAuthentication: withP2s ? P2sAuthentication.entraId(TENANT) : undefined });
  const host = (name: string, cidr: string) => new AzureRdpHost(stack, `Host-${name}`, { image: AzureWindowsImage.server2022DatacenterAzureEdition(), subnet: network.addHostSubnet(name, cidr), keyVault: vault, name, access: RdpAccess.vpnOnly() });
  return { stack, network, vault, vpn, host };
}

describe('AzureRdpSiteToSiteConnection (through AzureRdpVpnGateway.addSiteToSiteConnection)', () => {
  test('IKEv2 with the strong IPsec policy, static routing, the local network gateway of the office', () => {
    const { stack, vpn } = setup();
    vpn.addSiteToSiteConnection('office', OFFICE);
    const json = synthJson(stack);
    expect(onlyResourceOf(json, LocalNetworkGateway)).toMatchObject({ name: 'rdp-vpn-gateway-office-lgw', gateway_address: '198.51.100.7', address_space: ['172.16.50.0/24', '172.16.60.0/24'] });
    expect(onlyResourceOf(json, VirtualNetworkGatewayConnection)).toMatchObject({
      name: 'rdp-vpn-gateway-office',
      type: 'IPsec',
      connection_protocol: 'IKEv2',
      enable_bgp: false,
      use_policy_based_traffic_selectors: false,
      virtual_network_gateway_id: expect.stringMatching(/^\$\{azurerm_virtual_network_gateway\.Vpn_[^.]+\.id\}$/),
      local_network_gateway_id: expect.stringMatching(/^\$\{azurerm_local_network_gateway\.[^.]+\.id\}$/),
      ipsec_policy: { ike_encryption: 'GCMAES256', ike_integrity: 'SHA384', dh_group: 'ECP384', ipsec_encryption: 'GCMAES256', ipsec_integrity: 'GCMAES256', pfs_group: 'ECP384', sa_lifetime: 27000, sa_datasize: 102400000 },
      timeouts: { create: '60m' },
    });
  });

  test('the shared key is generated (48 letters and digits) and appears only as a reference; no output carries it', () => {
    const { stack, vpn } = setup();
    vpn.addSiteToSiteConnection('office', OFFICE);
    const json = synthJson(stack);
    const [keyName, key] = Object.entries(json.resource?.[Password.tfResourceType] ?? {}).find(([n]) => n.includes('SharedKey'))!;
    expect(key).toMatchObject({ length: 48, special: false });
    expect(onlyResourceOf(json, VirtualNetworkGatewayConnection).shared_key).toBe(`\${random_password.${keyName}.result}`);
    expect(bodiesOf(json, KeyVaultSecret).filter((s) => s.content_type === 'ipsec-pre-shared-key')).toEqual([]);
    expect(plaintextSecrets(json)).toEqual([]);
    expect(json.output ?? {}).toEqual({});
  });

  test('with a Key Vault, the key is kept there as an expiring secret, still only by reference', () => {
    const { stack, vpn, vault } = setup();
    const connection = vpn.addSiteToSiteConnection('office', { ...OFFICE, keyVault: vault, sharedKeyValidityDays: 180 });
    const json = synthJson(stack);
    const secret = bodiesOf(json, KeyVaultSecret).find((s) => s.content_type === 'ipsec-pre-shared-key');
    expect(secret).toMatchObject({
      name: 'rdp-vpn-gateway-office-shared-key',
      value: onlyResourceOf(json, VirtualNetworkGatewayConnection).shared_key,
      expiration_date: '${timeadd(plantimestamp(), "4320h")}',
      lifecycle: { ignore_changes: ['expiration_date'] },
    });
    expect(connection.sharedKeySecret).toBeDefined();
    expect(plaintextSecrets(json)).toEqual([]);
  });

  test('hosts admit the on-premises ranges and the point-to-site pool, whichever was connected first', () => {
    const { stack, vpn, host } = setup();
    const early = host('jump-1', '10.52.1.0/24');
    vpn.allowRdpTo(early);
    vpn.addSiteToSiteConnection('office', OFFICE);
    const late = host('jump-2', '10.52.2.0/24');
    vpn.allowRdpTo(late);
    const json = synthJson(stack, true);
    const byGroup = new Map<string, string[]>();
    for (const rule of bodiesOf(json, NetworkSecurityRule).filter((r) => r.access === 'Allow')) {
      const group = String(rule.network_security_group_name);
      byGroup.set(group, [...(byGroup.get(group) ?? []), String(rule.source_address_prefix)].sort());
    }
    expect([...byGroup.values()]).toEqual([
      ['10.250.0.0/24', '172.16.50.0/24', '172.16.60.0/24'],
      ['10.250.0.0/24', '172.16.50.0/24', '172.16.60.0/24'],
    ]);
    expect(early.hardeningProfile().allowlist.map((p) => p.cidr).sort()).toEqual(['10.250.0.0/24', '172.16.50.0/24', '172.16.60.0/24']);
  });

  test('a site-to-site-only gateway (no point-to-site) serves hosts with the on-premises ranges alone', () => {
    const { stack, vpn, host } = setup(false);
    vpn.addSiteToSiteConnection('office', OFFICE);
    vpn.allowRdpTo(host('jump-1', '10.52.1.0/24'));
    const json = synthJson(stack, true);
    expect(bodiesOf(json, NetworkSecurityRule).filter((r) => r.access === 'Allow').map((r) => r.source_address_prefix).sort()).toEqual(['172.16.50.0/24', '172.16.60.0/24']);
    expect(onlyResourceOf(json, 'azurerm_virtual_network_gateway').vpn_client_configuration).toBeUndefined();
  });

  test.each([
    ['an on-premises range inside the virtual network', { onPremisesCidrs: ['10.52.7.0/24'] }, /`onPremisesCidrs\[0\]` overlaps the virtual network address space \(10\.52\.0\.0\/16\)/],
    ['an on-premises range over the point-to-site pool', { onPremisesCidrs: ['10.250.0.0/25'] }, /`onPremisesCidrs\[0\]` overlaps the point-to-site client pool \(10\.250\.0\.0\/24\)/],
    ['a public on-premises range', { onPremisesCidrs: ['203.0.113.0/24'] }, /`onPremisesCidrs\[0\]` must be a private IPv4 range/],
    ['no on-premises range', { onPremisesCidrs: [] }, /`onPremisesCidrs` must list at least one private on-premises range/],
    ['a private device address', { customerGatewayIp: '10.1.2.3' }, /`customerGatewayIp` must be the public IPv4 address of the on-premises VPN device/],
    ['a device address that is a CIDR', { customerGatewayIp: '198.51.100.7/32' }, /`customerGatewayIp` must be the public IPv4 address/],
    ['a key validity beyond a year', { sharedKeyValidityDays: 400 }, /`sharedKeyValidityDays`/],
  ])('fails on %s', (_label, change, message) => {
    const { vpn } = setup();
    expect(() => vpn.addSiteToSiteConnection('office', { ...OFFICE, ...change })).toThrow(message);
  });

  test('two connections must not share on-premises ranges', () => {
    const { vpn } = setup();
    vpn.addSiteToSiteConnection('office', OFFICE);
    expect(() => vpn.addSiteToSiteConnection('branch', { customerGatewayIp: '198.51.100.8', onPremisesCidrs: ['172.16.60.128/25'] })).toThrow(/`onPremisesCidrs\[0\]` overlaps the on-premises ranges of connection rdp-vpn-gateway-office \(172\.16\.60\.0\/24\)/);
  });

  test('two connections need distinct names', () => {
    const { vpn } = setup();
    vpn.addSiteToSiteConnection('office', OFFICE);
    expect(() => vpn.addSiteToSiteConnection('office', { customerGatewayIp: '198.51.100.8', onPremisesCidrs: ['192.168.20.0/24'] })).toThrow(/`name` repeats the name of another site-to-site connection of this gateway, got "office"/);
  });

  test('a connection to an existing gateway, by ID, admits its ranges with its own allowRdpTo', () => {
    const { stack, vault, network } = setup();
    const connection = new AzureRdpSiteToSiteConnection(stack, 'HubOffice', {
      ...OFFICE,
      onPremisesCidrs: ['192.168.10.0/24'],
      name: 'hub-office',
      virtualNetworkGatewayId: '/subscriptions/3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f/resourceGroups/hub/providers/Microsoft.Network/virtualNetworkGateways/hub-vpngw',
      resourceGroupName: 'hub',
      location: 'westeurope',
    });
    const h = new AzureRdpHost(stack, 'Host', { image: AzureWindowsImage.server2022DatacenterAzureEdition(), subnet: network.addHostSubnet('jump-9', '10.52.9.0/24'), keyVault: vault, name: 'jump-9', access: RdpAccess.vpnOnly() });
    connection.allowRdpTo(h);
    expect(h.admittedPeers.map((p) => p.cidr)).toEqual(['192.168.10.0/24']);
  });
});

describe('the site-to-site example passes the policy gate', () => {
  test('RDP-AZ-VPN-IPSEC-POLICY and RDP-SECRET-IN-CLEAR are compliant on the connection; no error anywhere', () => {
    const raw = JSON.parse(JSON.stringify(DEFAULT_CONFIG.azure));
    raw.vpnGateway.siteToSite = { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['172.16.50.0/24'] };
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-s2s-'));
    const app = new App({ outdir });
    new AzureRdpStack(app, 'azure-rdp-hosts', validateConfig({ azure: raw }, {}).azure!);
    app.synth();
    const result = reviewDocuments(loadDocuments([outdir], outdir), RdpBaselinePack);
    expect(violations(result.report)).toEqual([]);
    const connectionOutcomes = result.report.outcomes.filter((o) => o.type === 'azurerm_virtual_network_gateway_connection').map((o) => [o.ruleId, o.compliance]).sort();
    expect(connectionOutcomes).toEqual([
      ['RDP-AZ-VPN-IPSEC-POLICY', 'compliant'],
      ['RDP-SECRET-IN-CLEAR', 'compliant'],
    ]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
