import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { AzureRdpNetworkSecurityGroup, AzureRdpNetworkSecurityGroupProps, Peer, RdpAllowlist, RdpPort } from '../../constructs';
import { MAX_NSG_RULES, NSG_FIXED_RULES } from '../../constructs/azure/rdp-network-security-group';
import { NSG_ALLOW_PRIORITY_MIN, NSG_DENY_ALL_INBOUND_PRIORITY } from '../../constructs/azure/nsg-priorities';
import { worldOpenIngress } from '../helpers/security-assertions';
import { bodiesOf, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const BASE: AzureRdpNetworkSecurityGroupProps = { name: 'jump-1-nsg', resourceGroupName: 'rdp-rg', location: 'westeurope' };

function rulesOf(props: Partial<AzureRdpNetworkSecurityGroupProps>): Record<string, unknown>[] {
  const stack = testStack();
  new AzureRdpNetworkSecurityGroup(stack, 'Nsg', { ...BASE, ...props });
  return bodiesOf(synthJson(stack), NetworkSecurityRule);
}

const allowsOf = (rules: Record<string, unknown>[]) => rules.filter((r) => r.access === 'Allow');
const sources = (cidrs: string[]) => RdpAllowlist.fromCidrs(cidrs).peers;

describe('AzureRdpNetworkSecurityGroup', () => {
  test('denies outbound internet traffic unless allowInternetOutbound; platform traffic needs no rule', () => {
    const outbound = (props: Partial<AzureRdpNetworkSecurityGroupProps>) => rulesOf(props).filter((r) => r.direction === 'Outbound');
    expect(outbound({}).map((r) => [r.name, r.access, r.protocol, r.source_address_prefix, r.destination_address_prefix, r.destination_port_range, r.priority])).toEqual([
      ['Deny-Internet-Outbound', 'Deny', '*', '*', 'Internet', '*', 4096],
    ]);
    expect(outbound({ allowInternetOutbound: true })).toEqual([]);
  });

  test('starts closed: only the deny-all rule, no inline rules', () => {
    const stack = testStack();
    new AzureRdpNetworkSecurityGroup(stack, 'Nsg', BASE);
    const json = synthJson(stack);
    expect(onlyResourceOf(json, NetworkSecurityGroup).security_rule).toBeUndefined();
    const rules = bodiesOf(json, NetworkSecurityRule).filter((r) => r.direction === 'Inbound');
    expect(allowsOf(rules)).toHaveLength(0);
    expect(rules.map((r) => [r.access, r.direction, r.protocol, r.source_address_prefix, r.destination_address_prefix, r.destination_port_range, r.priority])).toEqual([
      ['Deny', 'Inbound', '*', '*', '*', '*', 4096],
    ]);
    expect(rules[0].name).toBe('Deny-All-Inbound');
    expect(String(rules[0].description).length).toBeLessThanOrEqual(140);
  });

  test('one inbound TCP allow per source on the custom port', () => {
    const allows = allowsOf(rulesOf({ rdpPort: RdpPort.of(50123), sources: sources(['198.51.100.0/24', '192.0.2.0/24']) }));
    expect(allows).toHaveLength(2);
    for (const rule of allows) {
      expect(rule).toMatchObject({ direction: 'Inbound', protocol: 'Tcp', destination_port_range: '50123', source_port_range: '*', destination_address_prefix: '*' });
    }
    expect(allows.map((r) => r.source_address_prefix).sort()).toEqual(['192.0.2.0/24', '198.51.100.0/24']);
    expect(allows.map((r) => r.description)).toContain('RDP (TCP 50123) from 198.51.100.0/24');
  });

  test('adds a UDP allow per source when asked', () => {
    const allows = allowsOf(rulesOf({ udp: true, sources: sources(['10.8.0.0/24']) }));
    expect(allows.map((r) => r.protocol).sort()).toEqual(['Tcp', 'Udp']);
  });

  test('the deny of all inbound traffic sits below every allow and above the Azure defaults', () => {
    const rules = rulesOf({ udp: true, sources: sources(['198.51.100.0/24', '203.0.113.0/24', '10.8.0.0/24', '192.0.2.0/24']) }).filter((r) => r.direction === 'Inbound');
    const deny = rules.find((r) => r.access === 'Deny')!;
    expect(deny).toMatchObject({ source_address_prefix: '*', destination_port_range: '*', protocol: '*', direction: 'Inbound', priority: NSG_DENY_ALL_INBOUND_PRIORITY });
    const priorities = rules.map((r) => r.priority as number);
    expect(new Set(priorities).size).toBe(priorities.length);
    for (const allow of allowsOf(rules)) {
      expect(allow.priority as number).toBeGreaterThanOrEqual(NSG_ALLOW_PRIORITY_MIN);
      expect(allow.priority as number).toBeLessThan(deny.priority as number);
    }
    expect(deny.priority as number).toBeLessThan(65000);
  });

  test('adding a source keeps the names and priorities of the existing rules', () => {
    const byName = (rules: Record<string, unknown>[]) => Object.fromEntries(rules.map((r) => [r.name, r.priority]));
    const before = byName(rulesOf({ udp: true, sources: sources(['198.51.100.0/24', '10.8.0.0/24']) }));
    const after = byName(rulesOf({ udp: true, sources: sources(['198.51.100.0/24', '10.8.0.0/24', '203.0.113.0/24', '172.16.50.0/24']) }));
    expect(after).toMatchObject(before);
    expect(Object.keys(after)).toHaveLength(Object.keys(before).length + 4);
  });

  test('allowRdpFrom is additive and idempotent', () => {
    const stack = testStack();
    const nsg = new AzureRdpNetworkSecurityGroup(stack, 'Nsg', BASE);
    nsg.allowRdpFrom(Peer.cidr('203.0.113.0/24'));
    nsg.allowRdpFrom(Peer.cidr('203.0.113.0/24'));
    expect(allowsOf(bodiesOf(synthJson(stack), NetworkSecurityRule))).toHaveLength(1);
    expect(nsg.admittedPeers.map((p) => p.cidr)).toEqual(['203.0.113.0/24']);
    expect(nsg.rules.map((r) => r.protocol)).toEqual(['Tcp']);
  });

  test('no allow rule admits the world; the deny rules are not counted as exposure', () => {
    expect(worldOpenIngress({ resource: { azurerm_network_security_rule: Object.fromEntries(rulesOf({ sources: sources(['198.51.100.0/24']) }).map((r, i) => [`r${i}`, r])) } })).toEqual([]);
  });

  test('associates with a subnet and a network interface', () => {
    const stack = testStack();
    const nsg = new AzureRdpNetworkSecurityGroup(stack, 'Nsg', BASE);
    nsg.associateWithSubnet('Subnet', '${azurerm_subnet.s.id}');
    nsg.associateWithNetworkInterface('Nic', '${azurerm_network_interface.n.id}');
    const json = synthJson(stack);
    expect(onlyResourceOf(json, 'azurerm_subnet_network_security_group_association')).toMatchObject({ subnet_id: '${azurerm_subnet.s.id}', network_security_group_id: expect.stringContaining('azurerm_network_security_group.') });
    expect(onlyResourceOf(json, 'azurerm_network_interface_security_group_association')).toMatchObject({ network_interface_id: '${azurerm_network_interface.n.id}' });
  });

  test('fails with a clear error naming the field when Azure\'s rule limit would be exceeded', () => {
    const stack = testStack();
    const nsg = new AzureRdpNetworkSecurityGroup(stack, 'Nsg', { ...BASE, udp: true });
    const capacity = Math.floor((MAX_NSG_RULES - NSG_FIXED_RULES) / 2);
    for (let i = 0; i < capacity; i++) nsg.allowRdpFrom(Peer.cidr(`198.51.${Math.floor(i / 256)}.${i % 256}/32`));
    expect(nsg.rules).toHaveLength(2 * capacity);
    expect(new Set(nsg.rules.map((r) => r.priority)).size).toBe(2 * capacity);
    expect(() => nsg.allowRdpFrom(Peer.cidr('203.0.113.1/32'))).toThrow(/`peer` would need more than 1000 rules, the most Azure allows in one network security group, got "203\.0\.113\.1\/32"/);
  });

  test('fails on bad names and locations, naming the field', () => {
    expect(() => rulesOf({ name: 'nsg-' })).toThrow(/`name` must be an Azure network resource name/);
    expect(() => rulesOf({ location: 'West Europe' })).toThrow(/`location`/);
    expect(() => rulesOf({ resourceGroupName: 'rg.' })).toThrow(/`resourceGroupName`/);
  });
});

test('AzureRdpNetworkSecurityGroup fails on a rule description Azure would refuse', () => {
  const nsg = new AzureRdpNetworkSecurityGroup(testStack(), 'Nsg', BASE);
  expect(() => nsg.allowRdpFrom(Peer.cidr('10.8.0.0/24'), 'x'.repeat(141))).toThrow(/`description` must be text of at most 140 characters/);
});
