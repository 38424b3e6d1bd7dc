import { BastionHost } from '@cdktf/provider-azurerm/lib/bastion-host';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { WindowsVirtualMachine } from '@cdktf/provider-azurerm/lib/windows-virtual-machine';
import { TerraformStack } from 'cdktf';
import fc from 'fast-check';
import { Acknowledge, AzureRdpBastion, AzureRdpBastionProps, AzureRdpHost, AzureRdpHostGroup, AzureRdpKeyVault, AzureRdpNetwork, Peer, RdpAccess, RdpAllowlist, RdpPort, RdpGuestRisk, RdpRedirection, AzureWindowsImage } from '../../constructs';
import { rdpPortProblem } from '../../constructs/core';
import { firewallSources, manifestOf } from '../helpers/hardening-script';
import { bodiesOf, onlyResourceOf, synthJson, testStack, TerraformJson } from '../helpers/template';
import { hostLayers, reaches } from './nsg-evaluator';

function network(stack: TerraformStack): AzureRdpNetwork {
  return new AzureRdpNetwork(stack, 'Network', { location: 'westeurope', namePrefix: 'rdp', addressSpace: '10.52.0.0/16' });
}

function bastionStack(bastionProps: Partial<AzureRdpBastionProps> = {}, redirections?: RdpRedirection[]) {
  const stack = testStack();
  const net = network(stack);
  const bastion = new AzureRdpBastion(stack, 'Bastion', { network: net, subnetCidr: '10.52.254.0/26', ...bastionProps });
  const keyVault = new AzureRdpKeyVault(stack, 'Vault', { resourceGroupName: net.resourceGroupName, location: 'westeurope' });
  const group = new AzureRdpHostGroup(stack, 'Ops', {
    subnet: net.addHostSubnet('ops', '10.52.1.0/24'),
    name: 'ops',
    access: RdpAccess.bastion(bastion),
    rdpPort: RdpPort.of(44555),
    hardening: redirections ? { allowedRedirections: redirections, acknowledgements: [Acknowledge.risk(RdpGuestRisk.REDIRECTION, 'file exchange with the vendor tool')] } : undefined,
  });
  new AzureRdpHost(stack, 'Ops1', { image: AzureWindowsImage.server2022DatacenterAzureEdition(), group, keyVault, name: 'ops-1' });
  new AzureRdpHost(stack, 'Ops2', { image: AzureWindowsImage.server2022DatacenterAzureEdition(), group, keyVault, name: 'ops-2' });
  return { stack, bastion, group, net, keyVault };
}

function rulesNamed(json: TerraformJson): Record<string, Record<string, unknown>> {
  return Object.fromEntries(bodiesOf(json, NetworkSecurityRule).map((r) => [String(r.name), r]));
}

describe('AzureRdpBastion and bastion access', () => {
  test('the host NSG admits the RDP port only from AzureBastionSubnet, above the deny-all; no public IP on the VMs', () => {
    const { stack } = bastionStack();
    const json = synthJson(stack);
    const bastionSource = { source: '10.52.254.5', tags: ['VirtualNetwork' as const], port: 44555, protocol: 'Tcp' as const };
    for (const host of hostLayers(json)) {
      expect(host.layers.length).toBeGreaterThan(0);
      expect(reaches(host, bastionSource)).toBe(true);
      expect(reaches(host, { ...bastionSource, port: 3389 })).toBe(false);
      expect(reaches(host, { ...bastionSource, port: 445 })).toBe(false);
      expect(reaches(host, { ...bastionSource, source: '10.52.1.7' })).toBe(false); // same VNet, not the Bastion
      expect(reaches(host, { ...bastionSource, source: '198.51.100.7', tags: ['Internet'] })).toBe(false);
    }
    for (const vm of bodiesOf(json, WindowsVirtualMachine)) expect(vm.network_interface_ids).toBeDefined();
    const vmPips = bodiesOf(json, PublicIp).filter((p) => !String(p.name).includes('bastion'));
    expect(vmPips).toEqual([]);
  });

  test('the guest firewall admits the Bastion subnet on the same port', () => {
    const { stack } = bastionStack();
    const json = synthJson(stack);
    const runCommand = Object.values(json.resource!.azurerm_virtual_machine_run_command)[0] as { source: { script: string } | { script: string }[] };
    const body = Array.isArray(runCommand.source) ? runCommand.source[0].script : runCommand.source.script;
    expect(firewallSources(body)).toEqual(['10.52.254.0/26']);
    expect(manifestOf(body)).toMatchObject({ port: 44555 });
  });

  test('Bastion: Standard with native-client tunneling, IP connect, shareable links and Kerberos off, copy/paste and file copy off by default', () => {
    const { stack } = bastionStack();
    const json = synthJson(stack);
    expect(onlyResourceOf(json, BastionHost)).toMatchObject({
      sku: 'Standard',
      scale_units: 2,
      tunneling_enabled: true,
      ip_connect_enabled: false,
      shareable_link_enabled: false,
      kerberos_enabled: false,
      copy_paste_enabled: false,
      file_copy_enabled: false,
    });
    expect(onlyResourceOf(json, BastionHost).session_recording_enabled).toBeUndefined();
  });

  test('copy/paste and file copy follow the hosts\' hardening (clipboard / drive redirection allowed)', () => {
    const { stack } = bastionStack({}, [RdpRedirection.CLIPBOARD, RdpRedirection.DRIVE]);
    expect(onlyResourceOf(synthJson(stack), BastionHost)).toMatchObject({ copy_paste_enabled: true, file_copy_enabled: true });
  });

  test('Premium with session recording; recording on Standard, Basic SKU, bad scale units and a /27 subnet are refused together', () => {
    const { stack } = bastionStack({ sku: 'Premium', sessionRecording: true });
    expect(onlyResourceOf(synthJson(stack), BastionHost)).toMatchObject({ sku: 'Premium', session_recording_enabled: true });
    const other = testStack();
    expect(() => new AzureRdpBastion(other, 'B', { network: network(other), subnetCidr: '10.52.254.0/27', sessionRecording: true, scaleUnits: 1 })).toThrow(
      /sessionRecording[\s\S]*Premium[\s\S]*scaleUnits[\s\S]*subnetCidr[\s\S]*\/26 or larger/,
    );
    const basic = testStack();
    expect(() => new AzureRdpBastion(basic, 'B', { network: network(basic), subnetCidr: '10.52.254.0/26', sku: 'Basic' as never })).toThrow(/sku.*Standard or Premium.*3389/s);
  });

  test('AzureBastionSubnet with Microsoft\'s NSG rules; outbound RDP to the served ports; Standard zonal public IP', () => {
    const { stack } = bastionStack();
    const json = synthJson(stack);
    const subnet = bodiesOf(json, Subnet).find((s) => s.name === 'AzureBastionSubnet')!;
    expect(subnet.address_prefixes).toEqual(['10.52.254.0/26']);
    const rules = rulesNamed(json);
    expect(rules.AllowHttpsInbound).toMatchObject({ direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: 'Internet', destination_port_ranges: ['443'] });
    expect(rules.AllowGatewayManagerInbound).toMatchObject({ source_address_prefix: 'GatewayManager', destination_port_ranges: ['443'] });
    expect(rules.AllowAzureLoadBalancerInbound).toMatchObject({ source_address_prefix: 'AzureLoadBalancer', destination_port_ranges: ['443'] });
    expect(rules.AllowBastionHostCommunication).toMatchObject({ source_address_prefix: 'VirtualNetwork', destination_address_prefix: 'VirtualNetwork', destination_port_ranges: ['8080', '5701'] });
    expect(rules.AllowRdpOutbound).toMatchObject({ direction: 'Outbound', destination_address_prefix: 'VirtualNetwork', destination_port_ranges: ['44555'] });
    expect(rules.AllowAzureCloudOutbound).toMatchObject({ direction: 'Outbound', destination_address_prefix: 'AzureCloud', destination_port_ranges: ['443'] });
    expect(rules.AllowBastionCommunication).toMatchObject({ direction: 'Outbound', destination_port_ranges: ['8080', '5701'] });
    expect(rules.AllowHttpOutbound).toMatchObject({ direction: 'Outbound', destination_address_prefix: 'Internet', destination_port_ranges: ['80'] });
    const pip = bodiesOf(json, PublicIp).find((p) => String(p.name).includes('bastion'))!;
    expect(pip).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
  });

  test('one Bastion serves many groups; mixed with a VPN-only group in the same network', () => {
    const { stack, bastion, net, keyVault } = bastionStack();
    const second = new AzureRdpHostGroup(stack, 'Dev', { subnet: net.addHostSubnet('dev', '10.52.2.0/24'), name: 'dev', access: RdpAccess.bastion(bastion), rdpPort: RdpPort.of(45000) });
    new AzureRdpHost(stack, 'Dev1', { image: AzureWindowsImage.server2022DatacenterAzureEdition(), group: second, keyVault, name: 'dev-1' });
    const vpnOnly = new AzureRdpHostGroup(stack, 'Vpn', { subnet: net.addHostSubnet('vpn', '10.52.3.0/24'), name: 'vpn', access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])), rdpPort: RdpPort.of(46000) });
    new AzureRdpHost(stack, 'Vpn1', { image: AzureWindowsImage.server2022DatacenterAzureEdition(), group: vpnOnly, keyVault, name: 'vpn-1' });
    const json = synthJson(stack);
    expect(bodiesOf(json, BastionHost)).toHaveLength(1);
    expect(rulesNamed(json).AllowRdpOutbound.destination_port_ranges).toEqual(['44555', '45000']);
    const byVm = Object.fromEntries(hostLayers(json).map((h) => [h.vm, h]));
    const fromBastion = (port: number) => ({ source: '10.52.254.9', tags: ['VirtualNetwork' as const], port, protocol: 'Tcp' as const });
    expect(reaches(byVm['dev-1'], fromBastion(45000))).toBe(true);
    expect(reaches(byVm['ops-1'], fromBastion(44555))).toBe(true);
    expect(reaches(byVm['vpn-1'], fromBastion(46000))).toBe(false);
    expect(reaches(byVm['vpn-1'], { ...fromBastion(46000), source: '10.8.0.9' })).toBe(true);
    expect(reaches(byVm['dev-1'], { ...fromBastion(45000), source: '10.8.0.9' })).toBe(false);
  });

  test('a bastion group admits no other source, and the Bastion subnet must not overlap a host subnet', () => {
    const { group, stack, net } = bastionStack();
    expect(() => group.allowRdpFrom(Peer.cidr('10.8.0.0/24'))).toThrow(/bastion access.*only from AzureBastionSubnet/s);
    expect(() => new AzureRdpBastion(stack, 'Second', { network: net, subnetCidr: '10.52.1.0/26' })).toThrow(/overlaps the subnet rdp-ops/);
  });

  test('property: any number of groups on any ports share one Bastion; each host is reachable only from the Bastion subnet and only on its port', () => {
    const port = fc.integer({ min: 1024, max: 65534 }).filter((p) => rdpPortProblem(p) === undefined);
    fc.assert(
      fc.property(fc.array(port, { minLength: 1, maxLength: 4 }), (ports) => {
        const stack = testStack();
        const net = network(stack);
        const bastion = new AzureRdpBastion(stack, 'Bastion', { network: net, subnetCidr: '10.52.254.0/26' });
        const keyVault = new AzureRdpKeyVault(stack, 'Vault', { resourceGroupName: net.resourceGroupName, location: 'westeurope' });
        ports.forEach((p, i) => {
          const group = new AzureRdpHostGroup(stack, `G${i}`, { subnet: net.addHostSubnet(`g${i}`, `10.52.${i + 1}.0/24`), name: `g${i}`, access: RdpAccess.bastion(bastion), rdpPort: RdpPort.of(p) });
          new AzureRdpHost(stack, `H${i}`, { image: AzureWindowsImage.server2022DatacenterAzureEdition(), group, keyVault, name: `h-${i}` });
        });
        const json = synthJson(stack);
        expect(rulesNamed(json).AllowRdpOutbound.destination_port_ranges).toEqual([...new Set(ports)].sort((a, b) => a - b).map(String));
        const byVm = Object.fromEntries(hostLayers(json).map((h) => [h.vm, h]));
        ports.forEach((p, i) => {
          const flow = { source: '10.52.254.40', tags: ['VirtualNetwork' as const], port: p, protocol: 'Tcp' as const };
          expect(reaches(byVm[`h-${i}`], flow)).toBe(true);
          expect(reaches(byVm[`h-${i}`], { ...flow, source: `10.52.${i + 1}.9` })).toBe(false);
          if (!ports.includes(p + 1)) expect(reaches(byVm[`h-${i}`], { ...flow, port: p + 1 })).toBe(false);
        });
      }),
      { numRuns: 8 },
    );
  });
});
