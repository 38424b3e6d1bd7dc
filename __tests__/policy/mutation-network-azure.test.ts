/**
 * Reading rules (policy/network/ingress.ts) and the Azure side of the reachability model
 * (policy/network/reachability.ts), asked as a reviewer would (issue #20, mutation testing): is this NSG
 * rule read as allowing the world, which NSG does a standalone rule belong to, must both NSG layers
 * allow, what kind of peer is this source. Every document is built inside its test.
 */
import fc from 'fast-check';
import {
  ALL_PORTS,
  awsPorts,
  awsProtocol,
  coversPort,
  coversPortAnyTransport,
  describePermission,
  GROUP_TYPES,
  IngressPermission,
  parseAzurePortRange,
  permissionsOf,
  permissionsOfGroup,
  showPorts,
  standaloneNsgRules,
} from '../../policy/network/ingress';
import { classify, reachabilityOf, showRanges } from '../../policy/network/reachability';
import { classifyAzurePrefix, classifyCidr, Source, SourceKind } from '../../policy/network/sources';
import { azureStack, load, only, patch, TfJson, withResource } from './fixtures/builders';
import { unreadableField } from './mutation-helpers';

const VM = 'azurerm_windows_virtual_machine.host';

/** An NSG rule body (inbound, TCP, one port, one source) with overrides. */
const nsgRule = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_port_range: '*',
  destination_port_range: '43389',
  source_address_prefix: '203.0.113.0/24',
  destination_address_prefix: '*',
  ...extra,
});

/** `<access> <priority> <transport> <ports> from <kind value, …>` of each permission of `address`. */
function read(json: TfJson, address: string): string[] {
  const doc = load(json);
  return permissionsOf(doc.at(address)!, doc).map((p) => `${p.access} ${String(p.priority)} ${p.transport} ${showPorts(p)} from ${p.sources.map((s) => `${s.kind} ${s.value}`).join(', ')}`);
}

/** The Azure host's entries: `<transport> <label> [<class>] <ports> through <…>`. */
function entries(json: TfJson): string[] {
  const doc = load(json);
  return reachabilityOf(doc.at(VM)!, doc)
    .entries.map((e) => `${e.transport} ${e.label} [${e.sourceClass}] ${showRanges(e.ports)} through ${e.through.join(' + ')}`)
    .sort();
}

describe('ingress.ts: how an NSG rule is read', () => {
  test('a standalone rule: access, priority, protocol, every port text and every source kind', () => {
    const json = only({
      azurerm_network_security_rule: {
        r: nsgRule('r', {
          access: 'DENY',
          priority: '210',
          protocol: 'UDP',
          destination_port_range: ' 1000 - 1010 ',
          destination_port_ranges: ['43389', '', null, '*'],
          source_address_prefix: 'Internet',
          source_address_prefixes: ['10.0.0.0/8', '', null, 'VirtualNetwork'],
          source_application_security_group_ids: ['${azurerm_application_security_group.admins.id}'],
        }),
        outbound: nsgRule('o', { direction: 'Outbound' }),
        other: nsgRule('x', { protocol: 'Icmp', access: 'Allow', destination_port_range: '*', source_address_prefix: '*' }),
        any: nsgRule('a', { protocol: '*', source_address_prefix: '' }),
      },
    });
    expect(read(json, 'azurerm_network_security_rule.r')).toEqual(['deny 210 udp all ports from world Internet, private 10.0.0.0/8, virtual-network VirtualNetwork, group ${azurerm_application_security_group.admins.id}']);
    expect(read(json, 'azurerm_network_security_rule.outbound')).toEqual([]);
    expect(read(json, 'azurerm_network_security_rule.other')).toEqual(['allow 100 other all ports from world *']);
    expect(read(json, 'azurerm_network_security_rule.any')).toEqual(['allow 100 all 43389 from ']);
    const doc = load(json);
    const [r] = permissionsOf(doc.at('azurerm_network_security_rule.r')!, doc);
    expect(r.ports).toEqual([{ from: 1000, to: 1010 }, { from: 43389, to: 43389 }, ALL_PORTS]);
    expect(r).toMatchObject({ where: '', cloud: 'azure', group: undefined });
  });

  test('inline rules of an NSG: inbound only, named by their rule name', () => {
    const json = only({ azurerm_network_security_group: { nsg: { name: 'nsg', security_rule: [nsgRule('in'), nsgRule('out', { direction: 'outbound' }), nsgRule('low', { direction: 'INBOUND' })] } } });
    const doc = load(json);
    const perms = permissionsOf(doc.at('azurerm_network_security_group.nsg')!, doc);
    expect(perms.map(describePermission)).toEqual(['azurerm_network_security_group.nsg security_rule["in"]', 'azurerm_network_security_group.nsg security_rule["low"]']);
    expect(perms.every((p) => p.group?.address === 'azurerm_network_security_group.nsg')).toBe(true);
    const unnamed = load(only({ azurerm_network_security_group: { nsg: { security_rule: [nsgRule('x', { name: undefined })] } } }));
    expect(permissionsOf(unnamed.at('azurerm_network_security_group.nsg')!, unnamed)[0].where).toBe('security_rule[""]');
  });

  test('Azure port text: *, one port, a range with spaces; anything else cannot be read', () => {
    expect(parseAzurePortRange(' * ', 'p')).toEqual(ALL_PORTS);
    expect(parseAzurePortRange('3389', 'p')).toEqual({ from: 3389, to: 3389 });
    expect(parseAzurePortRange('3000-4000', 'p')).toEqual({ from: 3000, to: 4000 });
    expect(parseAzurePortRange(' 3000 -  4000 ', 'p')).toEqual({ from: 3000, to: 4000 });
    for (const bad of ['rdp', '3389,3390', 'x3389', '3389x', '3000-', '-4000', '']) {
      expect(unreadableField(() => parseAzurePortRange(bad, 'security_rule.destination_port_range'))).toBe('security_rule.destination_port_range');
    }
  });

  test('which NSG a standalone rule belongs to: by reference, or by literal name (and resource group when both are literal)', () => {
    const nsgs = {
      a: { name: 'nsg-a', resource_group_name: 'rg1' },
      b: { name: 'nsg-a', resource_group_name: 'rg2' },
      c: { name: 'nsg-c', resource_group_name: '${var.rg}' },
    };
    const rules = {
      byRef: nsgRule('1', { network_security_group_name: '${azurerm_network_security_group.b.name}', resource_group_name: 'rg1' }),
      byName: nsgRule('2', { network_security_group_name: 'nsg-a', resource_group_name: 'rg2' }),
      byNameAnyRg: nsgRule('3', { network_security_group_name: 'nsg-a', resource_group_name: '${var.rg}' }),
      byNameNoRg: nsgRule('4', { network_security_group_name: 'nsg-c' }),
      byNameRgNumber: nsgRule('4b', { network_security_group_name: 'nsg-c', resource_group_name: 7 }),
      nsgRgUnknown: nsgRule('5', { network_security_group_name: 'nsg-c', resource_group_name: 'rg9' }),
      unknownName: nsgRule('6', { network_security_group_name: '${var.nsg}' }),
      nobody: nsgRule('7', { network_security_group_name: 'nsg-z' }),
      numberName: nsgRule('8', { network_security_group_name: 42 }),
    };
    const doc = load(only({ azurerm_network_security_group: nsgs, azurerm_network_security_rule: rules }));
    const owners = Object.fromEntries(Object.keys(rules).map((k) => [k, permissionsOf(doc.at(`azurerm_network_security_rule.${k}`)!, doc)[0].group?.address]));
    expect(owners).toEqual({
      byRef: 'azurerm_network_security_group.b',
      byName: 'azurerm_network_security_group.b',
      byNameAnyRg: 'azurerm_network_security_group.a',
      byNameNoRg: 'azurerm_network_security_group.c',
      byNameRgNumber: 'azurerm_network_security_group.c',
      nsgRgUnknown: 'azurerm_network_security_group.c',
      unknownName: undefined,
      nobody: undefined,
      numberName: undefined,
    });
    const standalone = (nsg: string) => standaloneNsgRules(doc.at(`azurerm_network_security_group.${nsg}`)!, doc).map((r) => r.name);
    expect(standalone('a')).toEqual(['byNameAnyRg']);
    expect(standalone('b')).toEqual(['byRef', 'byName']);
    expect(standalone('c')).toEqual(['byNameNoRg', 'byNameRgNumber', 'nsgRgUnknown']);
    expect(permissionsOfGroup(doc.at('azurerm_network_security_group.b')!, doc).map(describePermission)).toEqual(['azurerm_network_security_rule.byRef', 'azurerm_network_security_rule.byName']);
  });

  test('a group\'s permissions: its inline blocks, then the standalone rules of its own cloud that name it', () => {
    const doc = load(
      only({
        aws_security_group: { g: { ingress: [{ protocol: 'tcp', from_port: 1, to_port: 1, cidr_blocks: ['10.0.0.0/8'] }] }, other: {} },
        aws_vpc_security_group_ingress_rule: { r: { security_group_id: '${aws_security_group.g.id}', ip_protocol: 'tcp', from_port: 2, to_port: 2, cidr_ipv4: '10.0.0.0/8' } },
        aws_security_group_rule: {
          legacy: { type: 'ingress', security_group_id: '${aws_security_group.g.id}', protocol: 'tcp', from_port: 3, to_port: 3, cidr_blocks: ['10.0.0.0/8'] },
          out: { type: 'egress', security_group_id: '${aws_security_group.g.id}', protocol: 'tcp', from_port: 4, to_port: 4, cidr_blocks: ['10.0.0.0/8'] },
        },
        aws_default_security_group: { d: {} },
        azurerm_network_security_group: { nsg: { name: 'nsg' } },
        azurerm_network_security_rule: { az: nsgRule('az', { network_security_group_name: 'nsg' }) },
      }),
    );
    expect(permissionsOfGroup(doc.at('aws_security_group.g')!, doc).map(describePermission)).toEqual(['aws_security_group.g ingress[0]', 'aws_vpc_security_group_ingress_rule.r', 'aws_security_group_rule.legacy']);
    expect(permissionsOfGroup(doc.at('aws_security_group.other')!, doc)).toEqual([]);
    expect(permissionsOfGroup(doc.at('aws_default_security_group.d')!, doc)).toEqual([]);
    expect(permissionsOfGroup(doc.at('azurerm_network_security_group.nsg')!, doc).map(describePermission)).toEqual(['azurerm_network_security_rule.az']);
    expect(GROUP_TYPES).toEqual(['aws_security_group', 'aws_default_security_group', 'azurerm_network_security_group']);
    const notGroup = load(only({ aws_instance: { i: {} }, aws_vpc_security_group_ingress_rule: { r: { security_group_id: '${aws_instance.i.id}', ip_protocol: 'tcp', from_port: 2, to_port: 2 } } }));
    expect(permissionsOf(notGroup.at('aws_vpc_security_group_ingress_rule.r')!, notGroup)[0].group).toBeUndefined();
    expect(permissionsOf(notGroup.at('aws_instance.i')!, notGroup)).toEqual([]);
  });

  test('an unreadable field makes the answer unknown and names the field', () => {
    const one = (type: string, body: Record<string, unknown>) => () => read(only({ [type]: { r: body } }), `${type}.r`);
    const az = (extra: Record<string, unknown>) => one('azurerm_network_security_rule', nsgRule('r', extra));
    expect(unreadableField(az({ direction: '${var.d}' }))).toBe('direction');
    expect(unreadableField(az({ protocol: '${var.p}' }))).toBe('protocol');
    expect(unreadableField(az({ access: '${var.a}' }))).toBe('access');
    expect(unreadableField(az({ priority: '${var.p}' }))).toBe('priority');
    expect(unreadableField(az({ destination_port_range: '${var.p}' }))).toBe('destination_port_range');
    expect(unreadableField(az({ destination_port_range: 'rdp' }))).toBe('destination_port_range');
    expect(unreadableField(az({ destination_port_ranges: '${var.p}' }))).toBe('destination_port_ranges');
    expect(unreadableField(az({ destination_port_ranges: ['1', '${var.p}'] }))).toBe('destination_port_ranges');
    expect(unreadableField(az({ source_address_prefixes: '${var.s}' }))).toBe('source_address_prefixes');
    expect(unreadableField(az({ source_application_security_group_ids: '${var.s}' }))).toBe('source_application_security_group_ids');
    const inline = (extra: Record<string, unknown>) => one('azurerm_network_security_group', { security_rule: [nsgRule('x', extra)] });
    expect(unreadableField(inline({ direction: '${var.d}' }))).toBe('security_rule.direction');
    expect(unreadableField(inline({ protocol: '${var.d}' }))).toBe('security_rule["x"].protocol');
    expect(unreadableField(inline({ access: '${var.d}' }))).toBe('security_rule["x"].access');
    expect(unreadableField(inline({ priority: '${var.d}' }))).toBe('security_rule["x"].priority');
    expect(unreadableField(inline({ destination_port_range: '${var.d}' }))).toBe('security_rule["x"].destination_port_range');
    expect(unreadableField(inline({ destination_port_range: 'rdp' }))).toBe('security_rule["x"].destination_port_range');
    expect(unreadableField(inline({ destination_port_ranges: '${var.d}' }))).toBe('security_rule["x"].destination_port_ranges');
    expect(unreadableField(inline({ source_address_prefixes: '${var.d}' }))).toBe('security_rule["x"].source_address_prefixes');
    expect(unreadableField(inline({ source_application_security_group_ids: '${var.d}' }))).toBe('security_rule["x"].source_application_security_group_ids');
    expect(unreadableField(one('azurerm_network_security_group', { security_rule: '${var.r}' }))).toBe('security_rule');
    const sg = (extra: Record<string, unknown>) => one('aws_security_group', { ingress: [{ protocol: 'tcp', from_port: 1, to_port: 1, ...extra }] });
    expect(unreadableField(sg({ protocol: '${var.p}' }))).toBe('ingress[0].protocol');
    expect(unreadableField(sg({ from_port: '${var.p}' }))).toBe('ingress[0].from_port');
    expect(unreadableField(sg({ to_port: '${var.p}' }))).toBe('ingress[0].to_port');
    expect(unreadableField(sg({ cidr_blocks: '${var.p}' }))).toBe('ingress[0].cidr_blocks');
    expect(unreadableField(sg({ ipv6_cidr_blocks: '${var.p}' }))).toBe('ingress[0].ipv6_cidr_blocks');
    expect(unreadableField(sg({ prefix_list_ids: '${var.p}' }))).toBe('ingress[0].prefix_list_ids');
    expect(unreadableField(sg({ security_groups: '${var.p}' }))).toBe('ingress[0].security_groups');
    expect(unreadableField(one('aws_security_group', { ingress: '${var.i}' }))).toBe('ingress');
    expect(unreadableField(one('aws_vpc_security_group_ingress_rule', { ip_protocol: '${var.p}' }))).toBe('ip_protocol');
    expect(unreadableField(one('aws_vpc_security_group_ingress_rule', { ip_protocol: 'tcp', from_port: '${var.p}' }))).toBe('from_port');
    expect(unreadableField(one('aws_vpc_security_group_ingress_rule', { ip_protocol: 'tcp', from_port: 1, to_port: '${var.p}' }))).toBe('to_port');
    expect(unreadableField(one('aws_security_group_rule', { type: '${var.t}' }))).toBe('type');
    expect(unreadableField(one('aws_security_group_rule', { type: 'ingress', protocol: '${var.t}' }))).toBe('protocol');
    expect(unreadableField(one('aws_security_group_rule', { type: 'ingress', protocol: 'tcp', cidr_blocks: '${var.t}' }))).toBe('cidr_blocks');
    expect(unreadableField(one('aws_security_group_rule', { type: 'ingress', protocol: 'tcp', from_port: 1, to_port: 1, ipv6_cidr_blocks: '${var.t}' }))).toBe('ipv6_cidr_blocks');
    expect(unreadableField(one('aws_security_group_rule', { type: 'ingress', protocol: 'tcp', from_port: 1, to_port: 1, prefix_list_ids: '${var.t}' }))).toBe('prefix_list_ids');
  });

  test('AWS port ranges and protocols, as a function of the rule', () => {
    expect(awsProtocol(undefined, 'p')).toBe('other');
    expect(awsProtocol(6, 'p')).toBe('tcp');
    expect(awsProtocol('UDP', 'p')).toBe('udp');
    expect(awsProtocol('ALL', 'p')).toBe('all');
    expect(awsProtocol('58', 'p')).toBe('other');
    expect(awsPorts('all', { from_port: 5, to_port: 6 }, '')).toEqual([ALL_PORTS]);
    expect(awsPorts('tcp', {}, '')).toEqual([ALL_PORTS]);
    expect(awsPorts('tcp', { from_port: 0, to_port: 0 }, '')).toEqual([{ from: 0, to: 0 }]);
    expect(awsPorts('tcp', { from_port: 0, to_port: -1 }, '')).toEqual([{ from: 0, to: 0 }]);
    expect(awsPorts('udp', { from_port: '100', to_port: '200' }, '')).toEqual([{ from: 100, to: 200 }]);
    expect(awsPorts('tcp', { from_port: -1, to_port: 80 }, '')).toEqual([ALL_PORTS]);
    expect(unreadableField(() => awsPorts('tcp', { from_port: 'x' }, 'ingress[3].'))).toBe('ingress[3].from_port');
  });

  test('showPorts and coversPort on hand-made permissions', () => {
    const perm = (transport: IngressPermission['transport'], ports: { from: number; to: number }[]) => ({ transport, ports }) as unknown as IngressPermission;
    expect(showPorts(perm('tcp', [{ from: 0, to: 65535 }]))).toBe('all ports');
    expect(showPorts(perm('tcp', [{ from: 1, to: 65535 }]))).toBe('1-65535');
    expect(showPorts(perm('tcp', [{ from: 0, to: 65534 }]))).toBe('0-65534');
    expect(showPorts(perm('tcp', [{ from: 3389, to: 3389 }, { from: 5985, to: 5986 }]))).toBe('3389, 5985-5986');
    expect(showPorts(perm('tcp', [{ from: 3389, to: 3389 }, { from: 0, to: 65535 }]))).toBe('all ports');
    const rdp = perm('tcp', [{ from: 3389, to: 3390 }]);
    expect([3388, 3389, 3390, 3391].map((p) => coversPort(rdp, p))).toEqual([false, true, true, false]);
    expect(coversPort(rdp, 3389, 'udp')).toBe(false);
    expect(coversPortAnyTransport(rdp, 3389)).toBe(true);
    expect(coversPortAnyTransport(perm('udp', [{ from: 3389, to: 3389 }]), 3389)).toBe(true);
    expect(coversPortAnyTransport(perm('other', [{ from: 3389, to: 3389 }]), 3389)).toBe(false);
    expect(coversPortAnyTransport(rdp, 3391)).toBe(false);
    fc.assert(
      fc.property(fc.constantFrom<IngressPermission['transport']>('tcp', 'udp', 'all', 'other'), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 140 }), (t, from, width, port) => {
        const p = perm(t, [{ from, to: from + width }]);
        const inside = from <= port && port <= from + width;
        return coversPort(p, port, 'tcp') === (inside && (t === 'tcp' || t === 'all')) && coversPortAnyTransport(p, port) === (inside && t !== 'other');
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

describe('reachability.ts, Azure: both NSG layers must allow, and the default rules', () => {
  test('a NIC with no NSG on either layer admits everyone on every port', () => {
    const json = withResource(azureStack(), 'azurerm_subnet_network_security_group_association', 'hosts', undefined);
    expect(entries(json)).toEqual([
      'tcp * (everyone) [world] all ports through azurerm_network_interface.host has no network security group',
      'udp * (everyone) [world] all ports through azurerm_network_interface.host has no network security group',
    ]);
    const doc = load(json);
    expect(reachabilityOf(doc.at(VM)!, doc).entries.map((e) => e.via)).toEqual(['azurerm_network_interface.host has no network security group', 'azurerm_network_interface.host has no network security group']);
  });

  test('a source passes when the other layer admits something that covers it or that it covers; ports are merged into ranges', () => {
    let json = patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { destination_port_range: '43389-43400' });
    json = withResource(json, 'azurerm_network_security_group', 'nic', { name: 'nic', security_rule: [nsgRule('wide', { destination_port_range: '43000-43395', source_address_prefix: '203.0.0.0/16' }), nsgRule('deny', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*', source_address_prefix: '*' })] });
    json = withResource(json, 'azurerm_network_interface_security_group_association', 'nic', { network_interface_id: '${azurerm_network_interface.host.id}', network_security_group_id: '${azurerm_network_security_group.nic.id}' });
    expect(entries(json)).toEqual(['tcp 203.0.113.0/24 [public range] 43389-43395 through azurerm_network_security_rule.allow_office + azurerm_network_security_group.nic security_rule["wide"]']);
    const narrower = patch(json, 'azurerm_network_security_group', 'nic', { security_rule: [nsgRule('narrow', { destination_port_range: '43389', source_address_prefix: '203.0.113.7' }), nsgRule('deny', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*', source_address_prefix: '*' })] });
    expect(entries(narrower)).toEqual(['tcp 203.0.113.0/24 [public range] 43389 through azurerm_network_security_rule.allow_office + azurerm_network_security_group.nic security_rule["narrow"]']);
    const disjoint = patch(json, 'azurerm_network_security_group', 'nic', { security_rule: [nsgRule('other', { destination_port_range: '43389', source_address_prefix: '198.51.100.0/24' }), nsgRule('deny', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*', source_address_prefix: '*' })] });
    expect(entries(disjoint)).toEqual([]);
  });

  test('the same source through the same rule on separate port ranges stays one entry with two ranges', () => {
    const json = patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { destination_port_range: undefined, destination_port_ranges: ['43389', '43391'] });
    expect(entries(json)).toEqual(['tcp 203.0.113.0/24 [public range] 43389, 43391 through azurerm_network_security_rule.allow_office']);
    const top = patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { destination_port_range: '65000-65535' });
    expect(entries(top)).toEqual(['tcp 203.0.113.0/24 [public range] 65000-65535 through azurerm_network_security_rule.allow_office']);
  });

  test('IPv6: an IPv6 IP configuration, an IPv6 subnet prefix (unknown), or a subnet outside the document (unknown)', () => {
    const ipv6 = (json: TfJson) => {
      const doc = load(json);
      return reachabilityOf(doc.at(VM)!, doc).ipv6;
    };
    expect(ipv6(azureStack())).toBe('no');
    const ipc = (extra: Record<string, unknown>[]) => patch(azureStack(), 'azurerm_network_interface', 'host', { ip_configuration: extra });
    const first = { name: 'ip', subnet_id: '${azurerm_subnet.hosts.id}' };
    expect(ipv6(ipc([first, { name: 'v6', subnet_id: '${azurerm_subnet.hosts.id}', private_ip_address_version: 'IPv6' }]))).toBe('yes');
    expect(ipv6(ipc([{ name: 'v6', subnet_id: 'subnet-outside', private_ip_address_version: 'IPv6' }]))).toBe('yes');
    expect(ipv6(ipc([{ ...first, private_ip_address_version: 'IPv4' }]))).toBe('no');
    expect(ipv6(ipc([{ name: 'x', subnet_id: 'subnet-outside' }, first]))).toBe('unknown');
    expect(ipv6(patch(azureStack(), 'azurerm_subnet', 'hosts', { address_prefixes: ['10.1.1.0/24', 'fd00:1::/64'] }))).toBe('unknown');
    const doc = load(azureStack());
    const m = reachabilityOf(doc.at(VM)!, doc);
    expect({ internetRoute: m.internetRoute, management: m.management }).toEqual({ internetRoute: 'yes', management: { state: 'yes', via: ['Azure VM agent (WireServer 168.63.129.16, platform path)'] } });
  });

  test('the RDP port of a host whose script cannot be read is taken as 3389', () => {
    const doc = load(patch(azureStack(), 'azurerm_virtual_machine_run_command', 'harden', { source: { script: '${var.script}' } }));
    expect(reachabilityOf(doc.at(VM)!, doc).rdpPorts).toEqual([3389]);
    const ok = load(azureStack());
    expect(reachabilityOf(ok.at(VM)!, ok).rdpPorts).toEqual([43389]);
  });
});

describe('reachability.ts: what kind of peer a source is', () => {
  /** A document with every kind of named private range. */
  const ranges = (): TfJson =>
    only({
      aws_security_group: { vpn: {}, members: {} },
      aws_ec2_client_vpn_endpoint: { vpn: { client_cidr_block: '10.250.0.0/22', security_group_ids: ['${aws_security_group.vpn.id}', 'sg-outside'] }, broken: { client_cidr_block: '${var.pool}', security_group_ids: '${var.groups}' } },
      azurerm_virtual_network_gateway: { gw: { vpn_client_configuration: [{ address_space: ['172.16.200.0/24', '${var.pool}'] }] }, none: { vpn_client_configuration: '${var.cfg}' } },
      azurerm_local_network_gateway: { office: { address_space: ['192.168.10.0/24'] } },
      aws_vpn_connection_route: { s2s: { destination_cidr_block: '192.168.20.0/24' } },
      aws_route: {
        vgw: { vpn_gateway_id: 'vgw-1', destination_cidr_block: '192.168.30.0/24' },
        tgw: { transit_gateway_id: 'tgw-1', destination_cidr_block: '192.168.40.0/24' },
        peer: { vpc_peering_connection_id: 'pcx-1', destination_cidr_block: '10.50.0.0/16' },
        plain: { gateway_id: 'igw-1', destination_cidr_block: '10.60.0.0/16' },
      },
      azurerm_subnet: { bastion: { name: 'AzureBastionSubnet', address_prefixes: ['10.1.254.0/26'] }, other: { name: 'hosts', address_prefixes: ['10.1.1.0/24'] } },
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_vpc_ipv4_cidr_block_association: { extra: { cidr_block: '10.2.0.0/16' } },
      azurerm_virtual_network: { vnet: { address_space: ['10.1.0.0/16'] } },
    });
  const of = (source: Source, json: TfJson = ranges()) => classify(source, load(json)).map((c) => `${c.sourceClass}: ${c.label}`);

  test.each([
    ['10.250.1.0/24', 'VPN pool: 10.250.1.0/24 (client range of aws_ec2_client_vpn_endpoint.vpn)'],
    ['172.16.200.9', 'VPN pool: 172.16.200.9 (point-to-site pool of azurerm_virtual_network_gateway.gw)'],
    ['192.168.10.0/24', 'on-premises: 192.168.10.0/24 (on-premises range of azurerm_local_network_gateway.office)'],
    ['192.168.20.0/25', 'on-premises: 192.168.20.0/25 (site-to-site route aws_vpn_connection_route.s2s)'],
    ['192.168.30.0/24', 'on-premises: 192.168.30.0/24 (route aws_route.vgw)'],
    ['192.168.40.0/24', 'on-premises: 192.168.40.0/24 (route aws_route.tgw)'],
    ['10.1.254.0/27', 'virtual network: 10.1.254.0/27 (inside Azure Bastion subnet azurerm_subnet.bastion)'],
    ['10.1.1.0/24', 'virtual network: 10.1.1.0/24 (inside VNet azurerm_virtual_network.vnet)'],
    ['10.0.3.0/24', 'virtual network: 10.0.3.0/24 (inside VPC aws_vpc.main)'],
    ['10.2.3.0/24', 'virtual network: 10.2.3.0/24 (inside VPC range aws_vpc_ipv4_cidr_block_association.extra)'],
    ['10.50.1.0/24', 'peered network: 10.50.1.0/24 (peering route aws_route.peer)'],
    ['10.60.0.0/16', 'private range: 10.60.0.0/16 (private)'],
    ['10.0.0.0/8', 'private range: 10.0.0.0/8 (private)'],
    ['0.0.0.0/0', 'world: 0.0.0.0/0 (everyone)'],
    ['203.0.113.0/24', 'public range: 203.0.113.0/24'],
    ['${var.cidr}', 'unresolved: ${var.cidr}'],
    ['not-a-cidr', ''],
  ])('CIDR source %p: %s', (value, expected) => {
    expect(of(classifyCidr(value))).toEqual(expected ? [expected] : []);
  });

  test('a source written with spaces is matched by its text', () => {
    expect(of({ kind: SourceKind.PRIVATE, value: ' 10.0.0.0/16 ', prefix: 16, family: 'ipv4' })).toEqual(['virtual network:  10.0.0.0/16  (inside VPC aws_vpc.main)']);
  });

  test('groups: self, the Client VPN endpoint\'s group, a group in the document, a literal id, an unreadable reference', () => {
    const group = (value: string) => of({ kind: SourceKind.GROUP, value });
    expect(group('self')).toEqual(['virtual network: members of the same security group']);
    expect(group('${aws_security_group.vpn.id}')).toEqual(['VPN pool: security group aws_security_group.vpn (Client VPN endpoint aws_ec2_client_vpn_endpoint.vpn)']);
    expect(group('${aws_security_group.members.id}')).toEqual(['virtual network: security group aws_security_group.members (its members)']);
    expect(group('sg-0123')).toEqual(['virtual network: security group sg-0123']);
    expect(group('${var.sg}')).toEqual(['unresolved: ${var.sg}']);
  });

  test('tags and lists: VirtualNetwork expands into what the document connects; service tags and prefix lists are the platform', () => {
    expect(of(classifyAzurePrefix('VirtualNetwork'), only({}))).toEqual(['virtual network: VirtualNetwork: the VNet']);
    expect(of(classifyAzurePrefix('VirtualNetwork'))).toEqual([
      'virtual network: VirtualNetwork: the VNet',
      'VPN pool: VirtualNetwork: point-to-site pool 10.250.0.0/22, 172.16.200.0/24',
      'on-premises: VirtualNetwork: on-premises ranges behind the VPN gateway',
    ]);
    expect(of(classifyAzurePrefix('VirtualNetwork'), only({ azurerm_virtual_network_gateway_connection: { c: {} }, azurerm_virtual_network_peering: { p: {} } }))).toEqual([
      'virtual network: VirtualNetwork: the VNet',
      'on-premises: VirtualNetwork: on-premises ranges behind the VPN gateway',
      'peered network: VirtualNetwork: peered VNets',
    ]);
    expect(of(classifyAzurePrefix('AzureLoadBalancer'))).toEqual(['platform: AzureLoadBalancer']);
    expect(of({ kind: SourceKind.PREFIX_LIST, value: 'pl-1' })).toEqual(['platform: pl-1']);
    expect(of(classifyAzurePrefix('Internet'))).toEqual(['world: Internet (everyone)']);
    expect(of(classifyAzurePrefix('1Foo'))).toEqual([]);
  });
});

describe('what the idle mutation run left unasked', () => {
  test('an AWS standalone rule: exactly the sources it writes (no absent or null range, a prefix list), and its cloud', () => {
    const json = only({
      aws_security_group: { g: {} },
      aws_vpc_security_group_ingress_rule: {
        v4: { security_group_id: '${aws_security_group.g.id}', ip_protocol: 'tcp', from_port: 1, to_port: 1, cidr_ipv4: '203.0.113.0/24', cidr_ipv6: null },
        list: { security_group_id: '${aws_security_group.g.id}', ip_protocol: 'tcp', from_port: 1, to_port: 1, prefix_list_id: 'pl-0123' },
        group: { security_group_id: '${aws_security_group.g.id}', ip_protocol: 'tcp', from_port: 1, to_port: 1, referenced_security_group_id: 'sg-0123' },
      },
    });
    const doc = load(json);
    const sources = (name: string) => permissionsOf(doc.at(`aws_vpc_security_group_ingress_rule.${name}`)!, doc)[0];
    expect(sources('v4')).toMatchObject({ cloud: 'aws', sources: [{ kind: SourceKind.PUBLIC, value: '203.0.113.0/24', prefix: 24, family: 'ipv4' }] });
    expect(sources('list').sources).toEqual([{ kind: SourceKind.PREFIX_LIST, value: 'pl-0123' }]);
    expect(sources('group').sources).toEqual([{ kind: SourceKind.GROUP, value: 'sg-0123' }]);
  });

  test('an Azure rule with only a list of sources reads only that list', () => {
    const json = only({ azurerm_network_security_rule: { r: nsgRule('r', { source_address_prefix: undefined, source_address_prefixes: ['10.0.0.0/8'] }) } });
    expect(read(json, 'azurerm_network_security_rule.r')).toEqual(['allow 100 tcp 43389 from private 10.0.0.0/8']);
  });

  test('an NSG is found by name only from a literal name: not from an expression or from no name; a rule without a resource group matches any', () => {
    const owner = (rule: Record<string, unknown>, nsg: Record<string, unknown>) => {
      const doc = load(only({ azurerm_network_security_group: { n: nsg }, azurerm_network_security_rule: { r: nsgRule('r', rule) } }));
      return permissionsOf(doc.at('azurerm_network_security_rule.r')!, doc)[0].group?.address;
    };
    expect(owner({ network_security_group_name: '${var.nsg}' }, { name: '${var.nsg}', resource_group_name: 'rg' })).toBeUndefined();
    expect(owner({}, { resource_group_name: 'rg' })).toBeUndefined();
    expect(owner({ network_security_group_name: 'nsg-a' }, { name: 'nsg-a', resource_group_name: 'rg1' })).toBe('azurerm_network_security_group.n');
  });

  test('a NIC without an NSG: the entry\'s source is the world, written *', () => {
    const doc = load(withResource(azureStack(), 'azurerm_subnet_network_security_group_association', 'hosts', undefined));
    expect(reachabilityOf(doc.at(VM)!, doc).entries.map((e) => e.source)).toEqual([{ kind: SourceKind.WORLD, value: '*' }, { kind: SourceKind.WORLD, value: '*' }]);
  });

  test('ports: a range ending at 65534 leaves 65535 closed; adjacent segments of one rule are merged', () => {
    const top = patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { destination_port_range: '65000-65534' });
    expect(entries(top)).toEqual(['tcp 203.0.113.0/24 [public range] 65000-65534 through azurerm_network_security_rule.allow_office']);
    const cut = withResource(patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', { destination_port_range: '43389-43400' }), 'azurerm_network_security_rule', 'other', {
      ...nsgRule('other', { destination_port_range: '43395', source_address_prefix: '198.51.100.0/24', priority: 110 }),
      network_security_group_name: '${azurerm_network_security_group.rdp.name}',
      resource_group_name: 'rg',
    });
    expect(entries(cut)).toEqual([
      'tcp 198.51.100.0/24 [public range] 43395 through azurerm_network_security_rule.other',
      'tcp 203.0.113.0/24 [public range] 43389-43400 through azurerm_network_security_rule.allow_office',
    ]);
  });

  test('hosts behind different NSGs (subnet or NIC) in one document each get their own entries', () => {
    let json = azureStack();
    json = withResource(json, 'azurerm_subnet', 'other', { name: 'other', virtual_network_name: '${azurerm_virtual_network.main.name}', address_prefixes: ['10.1.2.0/24'] });
    json = withResource(json, 'azurerm_network_security_group', 'other', { name: 'nsg-other', security_rule: [nsgRule('web', { destination_port_range: '443', source_address_prefix: '198.51.100.0/24' })] });
    json = withResource(json, 'azurerm_subnet_network_security_group_association', 'other', { subnet_id: '${azurerm_subnet.other.id}', network_security_group_id: '${azurerm_network_security_group.other.id}' });
    json = withResource(json, 'azurerm_network_interface', 'other', { name: 'nic2', ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_subnet.other.id}' }] });
    json = withResource(json, 'azurerm_windows_virtual_machine', 'other', { name: 'vm2', network_interface_ids: ['${azurerm_network_interface.other.id}'] });
    // A third host in the first host's subnet whose NIC has an NSG of its own that admits no public range.
    json = withResource(json, 'azurerm_network_interface', 'third', { name: 'nic3', ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_subnet.hosts.id}' }] });
    json = withResource(json, 'azurerm_network_security_group', 'third', { name: 'nsg-third' });
    json = withResource(json, 'azurerm_network_interface_security_group_association', 'third', { network_interface_id: '${azurerm_network_interface.third.id}', network_security_group_id: '${azurerm_network_security_group.third.id}' });
    json = withResource(json, 'azurerm_windows_virtual_machine', 'third', { name: 'vm3', network_interface_ids: ['${azurerm_network_interface.third.id}'] });
    const doc = load(json);
    const publicOf = (address: string) => reachabilityOf(doc.at(address)!, doc).entries.filter((e) => e.sourceClass === 'public range').map((e) => `${e.label} ${showRanges(e.ports)}`);
    expect(publicOf(VM)).toEqual(['203.0.113.0/24 43389']);
    expect(publicOf('azurerm_windows_virtual_machine.other')).toEqual(['198.51.100.0/24 443']);
    expect(publicOf('azurerm_windows_virtual_machine.third')).toEqual([]);
  });
});
