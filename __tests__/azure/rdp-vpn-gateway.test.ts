import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import { TEST_ROOT_CERTIFICATE } from './rdp-vpn-gateway-fixtures';
import {
  AzureRdpHost,
  AzureRdpKeyVault,
  AzureRdpNetwork,
  AzureRdpVpnGateway,
  AzureRdpVpnGatewayProps,
  AzureVpnGatewayGeneration,
  AzureVpnGatewaySku,
  P2sAuthentication,
  P2sProtocol,
  RdpAccess,
  RdpAllowlist,
  RdpPort,
  AzureWindowsImage,
} from '../../constructs';
import { plaintextSecrets, worldOpenIngress } from '../helpers/security-assertions';
import { bodiesOf, onlyResourceOf, resourcesOf, synthJson, TerraformJson, testStack } from '../helpers/template';

const TENANT = '3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f';

interface Fixture {
  readonly stack: TerraformStack;
  readonly network: AzureRdpNetwork;
  readonly vault: AzureRdpKeyVault;
}

function fixture(): Fixture {
  const stack = testStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new RandomProvider(stack, 'random');
  const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
  const vault = new AzureRdpKeyVault(stack, 'Vault', { resourceGroupName: network.resourceGroupName, location: network.location });
  return { stack, network, vault };
}

function gateway(f: Fixture, props: Partial<AzureRdpVpnGatewayProps> = {}): AzureRdpVpnGateway {
  return new AzureRdpVpnGateway(f.stack, 'Vpn', { network: f.network, p2sAuthentication: P2sAuthentication.entraId(TENANT), ...props });
}

function host(f: Fixture, name: string, cidr: string, access = RdpAccess.vpnOnly(), port = RdpPort.default()): AzureRdpHost {
  return new AzureRdpHost(f.stack, `Host-${name}`, { image: AzureWindowsImage.server2022DatacenterAzureEdition(), subnet: f.network.addHostSubnet(name, cidr), keyVault: f.vault, name, access, rdpPort: port });
}

const allowRules = (json: TerraformJson) => bodiesOf(json, NetworkSecurityRule).filter((r) => r.access === 'Allow');

describe('AzureRdpVpnGateway', () => {
  test('snapshot of the gateway resources (review every change)', () => {
    const f = fixture();
    gateway(f);
    const json = synthJson(f.stack);
    expect({ gateway: resourcesOf(json, VirtualNetworkGateway), publicIp: resourcesOf(json, PublicIp), subnets: resourcesOf(json, Subnet) }).toMatchSnapshot();
  });

  test('secure defaults: GatewaySubnet /27 without NSG, Standard static zone-redundant IP, VpnGw1AZ Generation1, route-based, BGP off, long timeouts', () => {
    const f = fixture();
    const vpn = gateway(f);
    const json = synthJson(f.stack);
    const [subnetName, subnet] = Object.entries(resourcesOf(json, Subnet)).find(([, s]) => s.name === 'GatewaySubnet')!;
    expect(subnet).toMatchObject({ name: 'GatewaySubnet', address_prefixes: ['10.52.255.224/27'] });
    expect(vpn.gatewaySubnetCidr).toBe('10.52.255.224/27');
    expect(bodiesOf(json, SubnetNetworkSecurityGroupAssociation).map((a) => a.subnet_id)).not.toContain(`\${azurerm_subnet.${subnetName}.id}`);
    const [pipName, pip] = Object.entries(resourcesOf(json, PublicIp))[0];
    expect(pip).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'], name: 'rdp-vpn-gateway-pip' });
    const gw = onlyResourceOf(json, VirtualNetworkGateway);
    expect(gw).toMatchObject({
      type: 'Vpn',
      vpn_type: 'RouteBased',
      sku: 'VpnGw1AZ',
      generation: 'Generation1',
      active_active: false,
      enable_bgp: false,
      timeouts: { create: '120m', update: '120m', delete: '120m' },
      ip_configuration: [{ subnet_id: `\${azurerm_subnet.${subnetName}.id}`, public_ip_address_id: `\${azurerm_public_ip.${pipName}.id}`, private_ip_address_allocation: 'Dynamic' }],
    });
    // Real gateways take 30–60 minutes to create and up to two hours to delete.
    for (const timeout of ['create', 'delete']) expect(parseInt((gw.timeouts as Record<string, string>)[timeout], 10)).toBeGreaterThanOrEqual(90);
  });

  test('Entra ID point-to-site: OpenVPN only, tenant and issuer URLs from the tenant ID with trailing slashes, the Microsoft-registered audience', () => {
    const f = fixture();
    gateway(f, { p2sAuthentication: P2sAuthentication.entraId(TENANT.toUpperCase()) });
    expect(onlyResourceOf(synthJson(f.stack), VirtualNetworkGateway).vpn_client_configuration).toEqual({
      address_space: ['10.250.0.0/24'],
      vpn_client_protocols: ['OpenVPN'],
      vpn_auth_types: ['AAD'],
      aad_tenant: `https://login.microsoftonline.com/${TENANT}/`,
      aad_issuer: `https://sts.windows.net/${TENANT}/`,
      aad_audience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
    });
  });

  test('a custom Entra ID audience is used as given', () => {
    const f = fixture();
    gateway(f, { p2sAuthentication: P2sAuthentication.entraId(TENANT, { audience: '41b23e61-6c1e-4545-b367-cd054e0ed4b4' }) });
    expect(onlyResourceOf(synthJson(f.stack), VirtualNetworkGateway)).toMatchObject({ vpn_client_configuration: { aad_audience: '41b23e61-6c1e-4545-b367-cd054e0ed4b4' } });
  });

  test('certificate point-to-site: OpenVPN and IKEv2, root certificates as given, no Entra ID fields', () => {
    const f = fixture();
    gateway(f, {
      p2sAuthentication: P2sAuthentication.certificates([{ name: 'root-2025', publicCertData: TEST_ROOT_CERTIFICATE }, { name: 'root-2026', publicCertData: TEST_ROOT_CERTIFICATE }]),
      p2sProtocols: [P2sProtocol.OPEN_VPN, P2sProtocol.IKE_V2],
      p2sAddressPool: '172.20.0.0/22',
    });
    expect(onlyResourceOf(synthJson(f.stack), VirtualNetworkGateway).vpn_client_configuration).toEqual({
      address_space: ['172.20.0.0/22'],
      vpn_client_protocols: ['OpenVPN', 'IkeV2'],
      vpn_auth_types: ['Certificate'],
      root_certificate: [
        { name: 'root-2025', public_cert_data: TEST_ROOT_CERTIFICATE },
        { name: 'root-2026', public_cert_data: TEST_ROOT_CERTIFICATE },
      ],
    });
  });

  test.each([
    ['VpnGw2AZ', 'Generation2', AzureVpnGatewaySku.vpnGw2AZ()],
    ['VpnGw2AZ', 'Generation1', AzureVpnGatewaySku.vpnGw2AZ(AzureVpnGatewayGeneration.GENERATION_1)],
    ['VpnGw3AZ', 'Generation2', AzureVpnGatewaySku.vpnGw3AZ()],
    ['VpnGw4AZ', 'Generation2', AzureVpnGatewaySku.vpnGw4AZ()],
    ['VpnGw5AZ', 'Generation2', AzureVpnGatewaySku.vpnGw5AZ()],
  ])('SKU %s on %s', (name, generation, sku) => {
    const f = fixture();
    gateway(f, { sku });
    expect(onlyResourceOf(synthJson(f.stack), VirtualNetworkGateway)).toMatchObject({ sku: name, generation });
  });

  test('VPN-only hosts: no public IP, every RDP rule admits the point-to-site pool only, in the NSG and the guest firewall', () => {
    const f = fixture();
    const vpn = gateway(f);
    const a = host(f, 'jump-1', '10.52.1.0/24');
    const b = host(f, 'jump-2', '10.52.2.0/24', RdpAccess.vpnOnly(), RdpPort.of(44000));
    vpn.allowRdpTo(a);
    vpn.allowRdpTo(b);
    vpn.allowRdpTo(a);
    const json = synthJson(f.stack, true);
    expect(allowRules(json).map((r) => `${r.protocol} ${r.source_address_prefix} ${r.destination_port_range}`).sort()).toEqual(['Tcp 10.250.0.0/24 43389', 'Tcp 10.250.0.0/24 44000']);
    expect(Object.keys(resourcesOf(json, PublicIp))).toEqual([expect.stringMatching(/^Vpn_PublicIp/)]);
    expect(JSON.stringify(bodiesOf(json, 'azurerm_network_interface'))).not.toMatch(/public_ip_address_id/);
    for (const h of [a, b]) expect(h.hardeningProfile().allowlist.map((p) => p.cidr)).toEqual(['10.250.0.0/24']);
    expect(worldOpenIngress(json)).toEqual([]);
    expect(plaintextSecrets(json)).toEqual([]);
  });

  test('private allowlisted ranges stay admitted next to the VPN; public ranges are refused in VPN-only mode', () => {
    const f = fixture();
    const vpn = gateway(f);
    const h = host(f, 'jump-1', '10.52.1.0/24', RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['172.16.50.0/24'])));
    vpn.allowRdpTo(h);
    expect(allowRules(synthJson(f.stack, true)).map((r) => r.source_address_prefix).sort()).toEqual(['10.250.0.0/24', '172.16.50.0/24']);
    expect(() => RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24', '198.51.100.0/24']))).toThrow(/`allowlist\[1\]` is a public range, got "198\.51\.100\.0\/24", but the host is VPN-only/);
  });

  test('an allowlist-mode host admits the VPN pool too, next to its allowlist', () => {
    const f = fixture();
    const vpn = gateway(f);
    const h = host(f, 'jump-1', '10.52.1.0/24', RdpAccess.allowlist(RdpAllowlist.fromCidrs(['10.8.0.0/24'])));
    vpn.allowRdpTo(h);
    expect(allowRules(synthJson(f.stack, true)).map((r) => r.source_address_prefix).sort()).toEqual(['10.250.0.0/24', '10.8.0.0/24']);
  });

  test('a VPN-only host the gateway never connected fails validation', () => {
    const f = fixture();
    gateway(f);
    host(f, 'jump-1', '10.52.1.0/24');
    expect(() => synthJson(f.stack, true)).toThrow(/is VPN-only, but no VPN was connected to it and no private source admitted, so nobody can reach RDP/);
  });

  test('a gateway without point-to-site and without a site-to-site connection fails validation: it serves nobody', () => {
    const f = fixture();
    gateway(f, { p2sAuthentication: undefined });
    expect(() => synthJson(f.stack, true)).toThrow(/has neither point-to-site authentication nor a site-to-site connection/);
  });
});
