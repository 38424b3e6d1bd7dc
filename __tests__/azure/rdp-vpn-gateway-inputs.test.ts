/**
 * Bad input to the Azure VPN gateway: each refused at synth with an error that names the field.
 */
import { TEST_ROOT_CERTIFICATE, TEST_ROOT_CERTIFICATE_PEM } from './rdp-vpn-gateway-fixtures';
import { AzureRdpNetwork, AzureRdpVpnGateway, AzureRdpVpnGatewayProps, AzureVpnGatewaySku, P2sAuthentication, P2sProtocol } from '../../constructs';
import { checkDistinctRange, checkP2sAddressPool, defaultGatewaySubnetCidr } from '../../constructs/azure/vpn-ranges';
import { checkNetworkCidr } from '../../constructs/core/network-checks';
import { synthJson, testStack } from '../helpers/template';

const TENANT = '3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f';

function build(props: Partial<AzureRdpVpnGatewayProps> = {}): AzureRdpVpnGateway {
  const stack = testStack();
  const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
  network.addHostSubnet('jump-1', '10.52.1.0/24');
  return new AzureRdpVpnGateway(stack, 'Vpn', { network, p2sAuthentication: P2sAuthentication.entraId(TENANT), ...props });
}

describe('AzureVpnGatewaySku', () => {
  test.each([
    ['Basic', /`sku` is the legacy Basic SKU .*got "Basic"\. Allowed: VpnGw1AZ, VpnGw2AZ, VpnGw3AZ, VpnGw4AZ, VpnGw5AZ/],
    ['VpnGw1', /`sku` is a non-zone-redundant SKU: new VpnGw1–VpnGw5 gateways cannot be created since 1 January 2025.*got "VpnGw1"/],
    ['VpnGw5', /`sku` is a non-zone-redundant SKU.*got "VpnGw5"/],
    ['Standard', /`sku` is a legacy SKU, retired on 30 September 2025, got "Standard"/],
    ['HighPerformance', /`sku` is a legacy SKU/],
    ['ErGw1AZ', /`sku` is an ExpressRoute SKU, not a VPN SKU, got "ErGw1AZ"/],
    ['vpngw1az', /`sku` is not a VPN gateway SKU, got "vpngw1az"/],
  ])('refuses %s', (name, message) => {
    expect(() => AzureVpnGatewaySku.fromName(name)).toThrow(message);
  });

  test.each([
    ['VpnGw1AZ', 'Generation2', /`generation` must be Generation1 for VpnGw1AZ, got "Generation2"/],
    ['VpnGw4AZ', 'Generation1', /`generation` must be Generation2 for VpnGw4AZ, got "Generation1"/],
    ['VpnGw5AZ', 'Generation1', /`generation` must be Generation2 for VpnGw5AZ/],
    ['VpnGw2AZ', 'Generation3', /`generation` must be Generation1 or Generation2 for VpnGw2AZ, got "Generation3"/],
  ])('refuses %s on %s', (name, generation, message) => {
    expect(() => AzureVpnGatewaySku.fromName(name, generation)).toThrow(message);
  });

  test('names its parameters: sku for a bad SKU, generation for a generation the SKU cannot run on', () => {
    expect(() => AzureVpnGatewaySku.fromName('Basic')).toThrow(/^`sku` /);
    expect(() => AzureVpnGatewaySku.fromName('VpnGw1AZ', 'Generation2')).toThrow(/^`generation` /);
  });

  test('the default generation is the newest the SKU supports', () => {
    expect(AzureVpnGatewaySku.NAMES.map((n) => `${n} ${AzureVpnGatewaySku.fromName(n).generation}`)).toEqual([
      'VpnGw1AZ Generation1', 'VpnGw2AZ Generation2', 'VpnGw3AZ Generation2', 'VpnGw4AZ Generation2', 'VpnGw5AZ Generation2',
    ]);
  });
});

describe('P2sAuthentication', () => {
  test.each([
    ['not a GUID', 'contoso.onmicrosoft.com'],
    ['the nil GUID', '00000000-0000-0000-0000-000000000000'],
    ['a tenant URL', `https://login.microsoftonline.com/${TENANT}/`],
    ['empty', ''],
  ])('Entra ID refuses a tenant ID that is %s', (_label, tenantId) => {
    expect(() => P2sAuthentication.entraId(tenantId)).toThrow(/^`tenantId` must be a directory \(tenant\) ID/);
  });

  test('Entra ID refuses an audience that is not a GUID', () => {
    expect(() => P2sAuthentication.entraId(TENANT, { audience: 'azure-vpn' })).toThrow(/^`audience` must be an application \(client\) ID/);
  });

  test('a PEM-wrapped root certificate is refused, naming the field and saying what to paste', () => {
    expect(() => P2sAuthentication.certificate('root', TEST_ROOT_CERTIFICATE_PEM)).toThrow(/^`rootCertificates\[0\]\.publicCertData` must not contain PEM header lines .*openssl x509 -in root\.pem -outform der \| base64 -w0/);
  });

  test.each([
    ['line breaks', TEST_ROOT_CERTIFICATE.replace(/(.{64})/g, '$1\n'), /must be on one line, without newlines or spaces/],
    ['a trailing newline', `${TEST_ROOT_CERTIFICATE}\n`, /must be on one line/],
    ['characters outside base64', `${TEST_ROOT_CERTIFICATE.slice(0, -4)}!!!!`, /is not base64/],
    ['base64 that is not a certificate', Buffer.from('not a certificate at all').toString('base64'), /is base64, but not of a DER X\.509 certificate/],
    ['nothing', '', /must be the root certificate's public data/],
  ])('root certificate data with %s is refused', (_label, data, message) => {
    expect(() => P2sAuthentication.certificate('root', data)).toThrow(new RegExp(`^\`rootCertificates\\[0\\]\\.publicCertData\` ${message.source}`));
  });

  test('root certificates: 1–20, distinct names, Azure resource names', () => {
    expect(() => P2sAuthentication.certificates([])).toThrow(/`rootCertificates` must list 1 to 20 root certificates, got 0/);
    const root = { name: 'root', publicCertData: TEST_ROOT_CERTIFICATE };
    expect(() => P2sAuthentication.certificates([root, root])).toThrow(/`rootCertificates\[1\]\.name` repeats the name of another root certificate/);
    expect(() => P2sAuthentication.certificate('root cert!', TEST_ROOT_CERTIFICATE)).toThrow(/`rootCertificates\[0\]\.name` must be an Azure network resource name/);
  });
});

describe('AzureRdpVpnGateway: bad input', () => {
  test.each([
    ['SSTP', { p2sProtocols: ['SSTP' as P2sProtocol] }, /`p2sProtocols\[0\]` must not be SSTP, a legacy Windows-only protocol/],
    ['Entra ID with IKEv2', { p2sProtocols: [P2sProtocol.OPEN_VPN, P2sProtocol.IKE_V2] }, /`p2sProtocols\[1\]` does not work with Entra ID authentication, which needs OpenVPN alone, got "IkeV2"/],
    ['no protocol', { p2sProtocols: [] }, /`p2sProtocols` must list at least one protocol/],
    ['a repeated protocol', { p2sProtocols: [P2sProtocol.OPEN_VPN, P2sProtocol.OPEN_VPN] }, /`p2sProtocols\[1\]` repeats entry 0/],
    ['an unknown protocol', { p2sProtocols: ['L2TP' as P2sProtocol] }, /`p2sProtocols\[0\]` is not a point-to-site protocol/],
    ['a pool that overlaps the virtual network', { p2sAddressPool: '10.52.200.0/24' }, /`p2sAddressPool` overlaps the virtual network address space \(10\.52\.0\.0\/16\), got "10\.52\.200\.0\/24"/],
    ['a pool that is too small', { p2sAddressPool: '10.250.0.0/30' }, /`p2sAddressPool` is too small \(a \/30\), got "10\.250\.0\.0\/30"/],
    ['a pool that is too large', { p2sAddressPool: '10.0.0.0/8' }, /`p2sAddressPool` is too large \(a \/8\)/],
    ['a public pool', { p2sAddressPool: '198.51.100.0/24' }, /`p2sAddressPool` must be a private IPv4 range/],
    ['an IPv6 pool', { p2sAddressPool: 'fd00:1::/64' }, /`p2sAddressPool` must be a private IPv4 range/],
    ['a pool with host bits', { p2sAddressPool: '10.250.0.1/24' }, /`p2sAddressPool` has host bits set.*Did you mean "10\.250\.0\.0\/24"/],
    ['a pool without point-to-site', { p2sAuthentication: undefined, p2sAddressPool: '10.250.0.0/24' }, /`p2sAddressPool` only applies with point-to-site authentication/],
    ['a GatewaySubnet smaller than /27', { gatewaySubnetCidr: '10.52.255.240/28' }, /`gatewaySubnetCidr` is too small for a VPN gateway \(a \/28\)/],
    ['a GatewaySubnet outside the address space', { gatewaySubnetCidr: '10.60.0.0/27' }, /`gatewaySubnetCidr` must lie inside 10\.52\.0\.0\/16/],
    ['a GatewaySubnet over a host subnet', { gatewaySubnetCidr: '10.52.1.0/27' }, /`gatewaySubnetCidr` overlaps the subnet rdp-hosts-jump-1 \(10\.52\.1\.0\/24\)/],
    ['zones outside 1–3', { publicIpZones: ['1', '4'] }, /`publicIpZones` must list distinct zones out of "1", "2" and "3"/],
    ['no zones', { publicIpZones: [] }, /`publicIpZones` .*VmssVpnGatewayPublicIpsMustHaveZonesConfigured/],
    ['a bad name', { name: 'vpn gateway' }, /`name` must be an Azure network resource name/],
  ])('fails on %s', (_label, props, message) => {
    expect(() => build(props as Partial<AzureRdpVpnGatewayProps>)).toThrow(message);
  });

  test('a host subnet added after the gateway over its GatewaySubnet fails validation', () => {
    const stack = testStack();
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
    new AzureRdpVpnGateway(stack, 'Vpn', { network, p2sAuthentication: P2sAuthentication.entraId(TENANT) });
    network.addHostSubnet('late', '10.52.255.0/24');
    expect(() => synthJson(stack, true)).toThrow(/`gatewaySubnetCidr` overlaps the subnet rdp-hosts-late \(10\.52\.255\.0\/24\), got "10\.52\.255\.224\/27"/);
  });

  test('one gateway per virtual network', () => {
    const stack = testStack();
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
    new AzureRdpVpnGateway(stack, 'Vpn', { network, p2sAuthentication: P2sAuthentication.entraId(TENANT) });
    expect(() => new AzureRdpVpnGateway(stack, 'Vpn2', { network, p2sAuthentication: P2sAuthentication.entraId(TENANT), gatewaySubnetCidr: '10.52.254.0/27' })).toThrow(/`network` already has the VPN gateway test\/Vpn/);
  });

  test('an address space too small for a /27 GatewaySubnet is refused', () => {
    const stack = testStack();
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope', addressSpace: '10.52.0.0/28' });
    expect(() => new AzureRdpVpnGateway(stack, 'Vpn', { network, p2sAuthentication: P2sAuthentication.entraId(TENANT) })).toThrow(/`gatewaySubnetCidr` cannot be chosen inside 10\.52\.0\.0\/28/);
  });
});

describe('VPN range helpers', () => {
  test('the default GatewaySubnet is the last /27 of the address space', () => {
    expect(defaultGatewaySubnetCidr(checkNetworkCidr('10.52.0.0/16', 'x'))).toBe('10.52.255.224/27');
    expect(defaultGatewaySubnetCidr(checkNetworkCidr('172.16.4.0/22', 'x'))).toBe('172.16.7.224/27');
    expect(defaultGatewaySubnetCidr(checkNetworkCidr('192.168.10.0/27', 'x'))).toBe('192.168.10.0/27');
  });

  test('pools from /16 to /29 are accepted and normalized', () => {
    expect(checkP2sAddressPool('10.250.0.0/16').cidr).toBe('10.250.0.0/16');
    expect(checkP2sAddressPool('100.64.0.8/29').cidr).toBe('100.64.0.8/29');
  });

  test('overlap checks name the range collided with', () => {
    expect(() => checkDistinctRange('onPremisesCidrs[0]', '10.250.0.128/25', [{ label: 'the point-to-site client pool', cidr: '10.250.0.0/24' }])).toThrow(/`onPremisesCidrs\[0\]` overlaps the point-to-site client pool \(10\.250\.0\.0\/24\)/);
    expect(() => checkDistinctRange('x', '10.251.0.0/24', [{ label: 'pool', cidr: '10.250.0.0/24' }])).not.toThrow();
  });
});
