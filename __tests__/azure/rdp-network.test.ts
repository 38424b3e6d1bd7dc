import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Token } from 'cdktf';
import { Acknowledge, AzureRdpNetwork } from '../../constructs';
import { bodiesOf, fullSynthJson, onlyResourceOf, resourcesOf, synthJson, testStack } from '../helpers/template';

const SUBNET_ID = '/subscriptions/3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f/resourceGroups/hub-rg/providers/Microsoft.Network/virtualNetworks/hub-vnet/subnets/rdp';

describe('AzureRdpNetwork', () => {
  test('a new resource group and virtual network, one subnet per host', () => {
    const stack = testStack();
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope', namePrefix: 'ops' });
    const first = network.addHostSubnet('jump-1', '10.52.1.0/24');
    network.addHostSubnet('jump-2', '10.52.2.0/24');
    const json = synthJson(stack);
    expect(onlyResourceOf(json, ResourceGroup)).toMatchObject({ name: 'ops-rg', location: 'westeurope' });
    expect(onlyResourceOf(json, VirtualNetwork)).toMatchObject({ name: 'ops-vnet', address_space: ['10.52.0.0/16'] });
    expect(bodiesOf(json, Subnet).map((s) => [s.name, s.address_prefixes])).toEqual([
      ['ops-jump-1', ['10.52.1.0/24']],
      ['ops-jump-2', ['10.52.2.0/24']],
    ]);
    expect(first.location).toBe('westeurope');
    expect(Token.isUnresolved(first.resourceGroupName)).toBe(true); // a reference to the new group
    expect(bodiesOf(json, Subnet)[0].resource_group_name).toMatch(/azurerm_resource_group\./);
  });

  test('an existing resource group creates none', () => {
    const stack = testStack();
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope', existingResourceGroupName: 'platform-rg' });
    const json = synthJson(stack);
    expect(bodiesOf(json, ResourceGroup)).toHaveLength(0);
    expect(onlyResourceOf(json, VirtualNetwork).resource_group_name).toBe('platform-rg');
    expect(network.resourceGroup).toBeUndefined();
  });

  test('fails on subnets outside the address space, overlapping, or repeated', () => {
    const network = new AzureRdpNetwork(testStack(), 'Net', { location: 'westeurope' });
    network.addHostSubnet('jump-1', '10.52.1.0/24');
    expect(() => network.addHostSubnet('jump-2', '10.53.1.0/24')).toThrow(/`subnetCidr` must lie inside 10\.52\.0\.0\/16/);
    expect(() => network.addHostSubnet('jump-2', '10.52.1.128/25')).toThrow(/`subnetCidr` overlaps the subnet rdp-hosts-jump-1/);
    expect(() => network.addHostSubnet('jump-1', '10.52.3.0/24')).toThrow(/`name` repeats the name of another subnet/);
  });

  test('fails on a public or malformed address space and a bad location', () => {
    expect(() => new AzureRdpNetwork(testStack(), 'Net', { location: 'westeurope', addressSpace: '52.0.0.0/16' })).toThrow(/`addressSpace` is not a usable network range/);
    expect(() => new AzureRdpNetwork(testStack(), 'Net', { location: 'West Europe' })).toThrow(/`location`/);
    expect(() => new AzureRdpNetwork(testStack(), 'Net', { location: 'westeurope', existingResourceGroupName: 'bad/rg' })).toThrow(/`existingResourceGroupName`/);
  });

  test('fromExistingSubnet validates the resource ID and creates nothing', () => {
    const subnet = AzureRdpNetwork.fromExistingSubnet({ subnetId: SUBNET_ID, resourceGroupName: 'rdp-rg', location: 'westeurope' });
    expect(subnet).toEqual({ subnetId: SUBNET_ID, resourceGroupName: 'rdp-rg', location: 'westeurope' });
    expect(() => AzureRdpNetwork.fromExistingSubnet({ subnetId: 'subnet-1', resourceGroupName: 'rdp-rg', location: 'westeurope' })).toThrow(/`subnetId` must be a subnet resource ID/);
  });
});

describe('AzureRdpNetwork flow logs', () => {
  const STORAGE = '/subscriptions/3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f/resourceGroups/logs-rg/providers/Microsoft.Storage/storageAccounts/rdpflowlogs';

  test('none by default', () => {
    const stack = testStack();
    new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
    expect(bodiesOf(synthJson(stack), 'azurerm_network_watcher_flow_log')).toHaveLength(0);
  });

  test('a VNet flow log with retention when a storage account is given', () => {
    const stack = testStack();
    new AzureRdpNetwork(stack, 'Net', { location: 'westeurope', flowLogStorageAccountId: STORAGE });
    expect(onlyResourceOf(synthJson(stack), 'azurerm_network_watcher_flow_log')).toMatchObject({
      network_watcher_name: 'NetworkWatcher_westeurope',
      resource_group_name: 'NetworkWatcherRG',
      target_resource_id: expect.stringMatching(/azurerm_virtual_network\./),
      storage_account_id: STORAGE,
      enabled: true,
      version: 2,
      retention_policy: { enabled: true, days: 365 },
    });
  });

  test('a Network Watcher of your own', () => {
    const stack = testStack();
    new AzureRdpNetwork(stack, 'Net', { location: 'westeurope', flowLogStorageAccountId: STORAGE, flowLogRetentionDays: 90, networkWatcherName: 'nw-weu', networkWatcherResourceGroupName: 'monitoring-rg' });
    expect(onlyResourceOf(synthJson(stack), 'azurerm_network_watcher_flow_log')).toMatchObject({ network_watcher_name: 'nw-weu', resource_group_name: 'monitoring-rg', retention_policy: { days: 90 } });
  });

  test('fails on a bad storage account or a short retention', () => {
    expect(() => new AzureRdpNetwork(testStack(), 'Net', { location: 'westeurope', flowLogStorageAccountId: 'logs' })).toThrow(/`flowLogStorageAccountId` must be a storage account resource ID/);
    expect(() => new AzureRdpNetwork(testStack(), 'Net', { location: 'westeurope', flowLogStorageAccountId: STORAGE, flowLogRetentionDays: 30 })).toThrow(/`flowLogRetentionDays` must be an integer from 90 to 365/);
  });
});

describe('AzureRdpNetwork outbound access (issue 12, defect 4)', () => {
  const EGRESS = Acknowledge.risk('RDP-NET-INTERNET-EGRESS', 'Windows Update directly from Microsoft for the jump hosts');

  test('host subnets are private: default outbound access off, explicitly; no NAT gateway, no route out', () => {
    const stack = testStack();
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
    network.addHostSubnet('jump-1', '10.52.1.0/24');
    network.addHostSubnet('jump-2', '10.52.2.0/24');
    const json = synthJson(stack);
    expect(bodiesOf(json, Subnet).map((s) => s.default_outbound_access_enabled)).toEqual([false, false]);
    for (const type of ['azurerm_nat_gateway', 'azurerm_subnet_nat_gateway_association', 'azurerm_public_ip', 'azurerm_route_table']) expect(bodiesOf(json, type)).toEqual([]);
    expect(network.natGateway).toBeUndefined();
  });

  test('internetEgress: one Standard NAT gateway with a Standard static public IP, associated only with the subnets that acknowledge', () => {
    const stack = testStack();
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope', namePrefix: 'ops' });
    const jump = network.addHostSubnet('jump', '10.52.1.0/24', { internetEgress: EGRESS });
    network.addHostSubnet('vault', '10.52.2.0/24');
    network.addHostSubnet('build', '10.52.3.0/24', { internetEgress: EGRESS });
    const json = fullSynthJson(stack);
    expect(bodiesOf(json, Subnet).map((s) => s.default_outbound_access_enabled)).toEqual([false, false, false]);
    expect(onlyResourceOf(json, 'azurerm_nat_gateway')).toMatchObject({ name: 'ops-natgw', sku_name: 'Standard', idle_timeout_in_minutes: 4, location: 'westeurope' });
    expect(onlyResourceOf(json, 'azurerm_public_ip')).toMatchObject({ name: 'ops-natgw-pip', sku: 'Standard', allocation_method: 'Static' });
    expect(onlyResourceOf(json, 'azurerm_nat_gateway_public_ip_association')).toMatchObject({ nat_gateway_id: expect.stringContaining('azurerm_nat_gateway.'), public_ip_address_id: expect.stringContaining('azurerm_public_ip.') });
    const associations = resourcesOf(json, 'azurerm_subnet_nat_gateway_association');
    const subnets = resourcesOf(json, Subnet);
    const subnetName = (ref: unknown) => subnets[/azurerm_subnet\.([^.]+)\./.exec(String(ref))![1]].name;
    expect(Object.values(associations).map((a) => subnetName(a.subnet_id)).sort()).toEqual(['ops-build', 'ops-jump']);
    // The acknowledgement is in the plan, on the association that opens the path.
    for (const association of Object.values(associations)) expect((association['//'] as Record<string, unknown>).rdp_acknowledgements).toEqual([EGRESS.toJSON()]);
    expect(Token.isUnresolved(jump.subnetId)).toBe(true);
    expect(network.natGateway).toBeDefined();
  });

  test('internetEgress with another acknowledgement ID fails, naming the field', () => {
    const network = new AzureRdpNetwork(testStack(), 'Net', { location: 'westeurope' });
    expect(() => network.addHostSubnet('jump', '10.52.1.0/24', { internetEgress: Acknowledge.risk('RDP-NET-PUBLIC-IP', 'the wrong risk for egress') })).toThrow(/`internetEgress\.id` must be "RDP-NET-INTERNET-EGRESS"/);
  });
});
