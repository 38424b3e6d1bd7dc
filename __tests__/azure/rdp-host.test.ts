import { NetworkInterface } from '@cdktf/provider-azurerm/lib/network-interface';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { WindowsVirtualMachine } from '@cdktf/provider-azurerm/lib/windows-virtual-machine';
import { TerraformStack } from 'cdktf';
import {
  Acknowledge,
  AzureRdpHost,
  AzureRdpHostProps,
  AzureRdpKeyVault,
  AzureRdpNetwork,
  AzureWindowsImage,
  Peer,
  RdpAccess,
  RdpAllowlist,
  RdpPort,
  WindowsServerVersion,
} from '../../constructs';
import { plaintextSecrets, worldOpenIngress } from '../helpers/security-assertions';
import { bodiesOf, fullSynthJson, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const SUBNET_ID = '/subscriptions/3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f/resourceGroups/hub-rg/providers/Microsoft.Network/virtualNetworks/hub-vnet/subnets/rdp';

function hostIn(stack: TerraformStack, overrides: Partial<AzureRdpHostProps> = {}, id = 'Host'): AzureRdpHost {
  return new AzureRdpHost(stack, id, { image: AzureWindowsImage.server2022DatacenterAzureEdition(),
    subnet: AzureRdpNetwork.fromExistingSubnet({ subnetId: SUBNET_ID, resourceGroupName: 'rdp-rg', location: 'westeurope' }),
    keyVault: new AzureRdpKeyVault(stack, `${id}Vault`, { resourceGroupName: 'rdp-rg', location: 'westeurope' }),
    name: 'jump-1',
    access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])),
    ...overrides,
  });
}

describe('AzureRdpHost', () => {
  test('secure defaults: Trusted Launch, encryption at host, platform patching, boot diagnostics, identity, VM agent', () => {
    const stack = testStack();
    hostIn(stack);
    const vm = onlyResourceOf(synthJson(stack), WindowsVirtualMachine);
    expect(vm).toMatchObject({
      name: 'jump-1',
      computer_name: 'jump-1',
      size: 'Standard_D2s_v5',
      admin_username: 'rdpadmin',
      secure_boot_enabled: true,
      vtpm_enabled: true,
      encryption_at_host_enabled: true,
      patch_mode: 'AutomaticByPlatform',
      patch_assessment_mode: 'AutomaticByPlatform',
      provision_vm_agent: true,
      allow_extension_operations: true,
      boot_diagnostics: {},
      identity: { type: 'SystemAssigned' },
      source_image_reference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' },
      os_disk: { caching: 'ReadWrite', storage_account_type: 'Premium_LRS', disk_size_gb: 128 },
    });
    expect(vm.admin_password).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
    expect(vm.enable_automatic_updates).toBeUndefined(); // the deprecated 4.x name is not used
  });

  test('VPN-only: no public IP, the NSG on the NIC and the subnet, the access mode in the plan', () => {
    const stack = testStack();
    const host = hostIn(stack);
    const full = fullSynthJson(stack);
    expect(bodiesOf(full, PublicIp)).toHaveLength(0);
    expect(onlyResourceOf(full, NetworkInterface).ip_configuration).toEqual([expect.not.objectContaining({ public_ip_address_id: expect.anything() })]);
    expect(host.publicIp).toBeUndefined();
    expect(onlyResourceOf(full, 'azurerm_subnet_network_security_group_association').subnet_id).toBe(SUBNET_ID);
    expect(onlyResourceOf(full, 'azurerm_network_interface_security_group_association').network_interface_id).toMatch(/azurerm_network_interface\./);
    const vm = onlyResourceOf(full, WindowsVirtualMachine);
    expect((vm['//'] as Record<string, unknown>).rdp_access_mode).toBe('vpn-only');
    expect(vm.depends_on).toEqual([expect.stringMatching(/^azurerm_network_interface_security_group_association\./)]);
  });

  test('the port drives the NSG; only the allowlist is admitted', () => {
    const stack = testStack();
    const host = hostIn(stack, { rdpPort: RdpPort.of(50123), udp: true });
    const rules = bodiesOf(synthJson(stack), NetworkSecurityRule);
    const allows = rules.filter((r) => r.access === 'Allow');
    expect(allows.map((r) => [r.protocol, r.source_address_prefix, r.destination_port_range]).sort()).toEqual([
      ['Tcp', '10.8.0.0/24', '50123'],
      ['Udp', '10.8.0.0/24', '50123'],
    ]);
    expect(host.rdpPort.number).toBe(50123);
    expect(host.admittedPeers.map((p) => p.cidr)).toEqual(['10.8.0.0/24']);
  });

  test('allowlist mode with a public source: a Standard, static public IP on the NIC', () => {
    const stack = testStack();
    const host = hostIn(stack, { access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['198.51.100.0/24']), Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from a fixed office range')), zone: '2' });
    const json = synthJson(stack);
    expect(onlyResourceOf(json, PublicIp)).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['2'], name: 'jump-1-pip' });
    expect(onlyResourceOf(json, NetworkInterface).ip_configuration).toEqual([expect.objectContaining({ public_ip_address_id: expect.stringMatching(/azurerm_public_ip\./) })]);
    expect(host.publicIp).toBeDefined();
    expect(worldOpenIngress(json)).toEqual([]);
  });

  test('allowlist mode with private sources only: still no public IP', () => {
    const stack = testStack();
    hostIn(stack, { access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) });
    expect(bodiesOf(synthJson(stack), PublicIp)).toHaveLength(0);
  });

  test('allowRdpFrom admits VPN pools, refuses public sources a host cannot be reached from', () => {
    const stack = testStack();
    const host = hostIn(stack);
    host.allowRdpFrom(Peer.cidr('10.9.0.0/24'));
    expect(host.admittedPeers.map((p) => p.cidr)).toEqual(['10.8.0.0/24', '10.9.0.0/24']);
    expect(() => host.allowRdpFrom(Peer.cidr('198.51.100.0/24'))).toThrow(/`peer` is a public range, got "198\.51\.100\.0\/24", but test\/Host\/Group is VPN-only/);
    const privateAllowlist = hostIn(testStack(), { access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) });
    expect(() => privateAllowlist.allowRdpFrom(Peer.cidr('198.51.100.0/24'))).toThrow(/`peer` is a public range.*have no public IP/);
  });

  test('a VPN-only host with no source fails validation: nobody could reach it', () => {
    const stack = testStack();
    hostIn(stack, { access: RdpAccess.vpnOnly() });
    expect(() => synthJson(stack, true)).toThrow(/is VPN-only, but no VPN was connected to it and no private source admitted, so nobody can reach RDP/);
  });

  test('no password literal: the VM and the secret reference random_password', () => {
    const stack = testStack();
    hostIn(stack);
    const json = fullSynthJson(stack);
    expect(plaintextSecrets(json)).toEqual([]);
    const secret = onlyResourceOf(json, 'azurerm_key_vault_secret');
    expect(secret).toMatchObject({ name: 'jump-1-admin-password', content_type: 'password', expiration_date: expect.stringContaining('timeadd') });
    expect(secret.value).toBe(onlyResourceOf(json, WindowsVirtualMachine).admin_password);
  });

  test('two hosts cannot put their NSGs on one subnet, unless one acknowledges', () => {
    const stack = testStack();
    const subnet = AzureRdpNetwork.fromExistingSubnet({ subnetId: SUBNET_ID, resourceGroupName: 'rdp-rg', location: 'westeurope' });
    hostIn(stack, { subnet });
    expect(() => hostIn(stack, { subnet, name: 'jump-2' }, 'Host2')).toThrow(/`subnet` is already the subnet of host group test\/Host\/Group/);
    const ack = Acknowledge.risk('RDP-AZ-SUBNET-NSG', 'Hub subnet NSG is owned by the platform team');
    hostIn(stack, { subnet, name: 'jump-3', skipSubnetNsgAssociation: ack }, 'Host3');
    const json = fullSynthJson(stack);
    expect(bodiesOf(json, 'azurerm_subnet_network_security_group_association')).toHaveLength(1);
    const acknowledged = bodiesOf(json, 'azurerm_network_interface_security_group_association').filter((a) => (a['//'] as Record<string, unknown>).rdp_acknowledgements);
    expect(acknowledged.map((a) => (a['//'] as Record<string, unknown>).rdp_acknowledgements)).toEqual([[ack.toJSON()]]);
  });

  test('images, computer name and sizes', () => {
    const stack = testStack();
    hostIn(stack, { name: 'rdp-jump-host-westeurope-01', computerName: 'jump01', image: AzureWindowsImage.server2025DatacenterAzureEdition(), size: 'Standard_D4s_v5' });
    expect(onlyResourceOf(synthJson(stack), WindowsVirtualMachine)).toMatchObject({
      name: 'rdp-jump-host-westeurope-01',
      computer_name: 'jump01',
      size: 'Standard_D4s_v5',
      source_image_reference: { sku: '2025-datacenter-azure-edition' },
    });
    expect(AzureWindowsImage.fromSku('2022-datacenter-g2').windowsVersion).toBe(WindowsServerVersion.SERVER_2022);
    expect(() => AzureWindowsImage.fromSku('2019-datacenter')).toThrow(/`image` must name a supported Windows Server image, got "2019-datacenter"/);
  });

  test('fails on bad props, naming the field', () => {
    const cases: [Partial<AzureRdpHostProps>, RegExp][] = [
      [{ name: 'rdp-jump-host-westeurope' }, /`computerName` is required when the VM name is longer than 15 characters/],
      [{ computerName: 'a-very-long-computer-name' }, /`computerName` must be a Windows computer name/],
      [{ adminUsername: 'administrator' }, /`adminUsername` is a user name Azure reserves/],
      [{ adminUsername: 'admin' }, /`adminUsername` is a user name Azure reserves/],
      [{ name: 'jump.1' }, /`name` must be a Windows virtual machine name/],
      [{ size: 't3.large' }, /`size` must be an Azure VM size/],
      [{ osDiskSizeGiB: 64 }, /`osDiskSizeGiB` must be an integer from 127 to 4095/],
      [{ zone: '4' }, /`zone` must be "1", "2" or "3"/],
      [{ skipSubnetNsgAssociation: Acknowledge.risk('RDP-OTHER', 'a long enough reason') }, /`skipSubnetNsgAssociation\.id` must be "RDP-AZ-SUBNET-NSG"/],
    ];
    for (const [overrides, error] of cases) expect(() => hostIn(testStack(), overrides)).toThrow(error);
  });
});

describe('AzureRdpHostGroup', () => {
  test('members share one subnet and one NSG (on the subnet and every NIC); the script is rendered once', () => {
    const stack = testStack();
    const first = hostIn(stack, { name: 'jump-1' }, 'Host1');
    const group = first.group;
    hostIn(stack, { group, name: 'jump-2', subnet: undefined, access: undefined }, 'Host2');
    const json = synthJson(stack);
    expect(Object.keys(json.resource?.azurerm_network_security_group ?? {})).toHaveLength(1);
    expect(Object.keys(json.resource?.azurerm_subnet_network_security_group_association ?? {})).toHaveLength(1);
    expect(Object.keys(json.resource?.azurerm_network_interface_security_group_association ?? {})).toHaveLength(2);
    const scripts = Object.values(json.resource?.azurerm_virtual_machine_run_command ?? {}).map((r) => JSON.stringify((r as Record<string, unknown>).source));
    expect(scripts).toHaveLength(2);
    expect(scripts[1]).toBe(scripts[0]);
  });

  test('a member may not set what the group owns', () => {
    const stack = testStack();
    const group = hostIn(stack, { name: 'jump-1' }, 'Host1').group;
    expect(() => hostIn(stack, { group, name: 'jump-2', access: undefined }, 'Host2')).toThrow(/`subnet` comes from the host group .*; do not set it on a member host/);
  });
});
