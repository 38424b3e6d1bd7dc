/**
 * Outbound permissions (policy/network/egress.ts) and the zero-inbound access paths
 * (policy/network/zero-inbound.ts), asked as a reviewer would (issue #20, mutation testing): where may
 * this group send HTTPS, is this Session document a tunnel to the RDP port, is this NSG the Bastion's.
 * Every document is built inside its test.
 */
import fc from 'fast-check';
import { describeEgress, egressCovers, egressOf, egressOfGroup, EgressPermission } from '../../policy/network/egress';
import { bastionSubnets, isBastionSubnetNsg, isOnlyPort, portForwardingDocuments } from '../../policy/network/zero-inbound';
import { PolicyDocument } from '../../policy/document';
import { load, only, TfJson } from './fixtures/builders';
import { unreadableField } from './mutation-helpers';

/** The egress permissions of `address` in a document of just `resource`. */
function egressAt(resource: TfJson['resource'], address: string): { doc: PolicyDocument; perms: EgressPermission[] } {
  const doc = load(only(resource));
  const r = doc.at(address);
  if (!r) throw new Error(`no ${address}`);
  return { doc, perms: egressOf(r, doc) };
}

/** `<access> <transport> <ports> to <kind value, …>` for each permission. */
const show = (perms: readonly EgressPermission[]): string[] =>
  perms.map((p) => `${p.access} ${p.transport} ${p.ports.map((r) => `${r.from}-${r.to}`).join(',')} to ${p.destinations.map((d) => `${d.kind} ${d.value}`).join(', ')}`);

describe('egress.ts: where a security group may send traffic', () => {
  test('an inline egress block reads every kind of destination, names its place, and its group', () => {
    const { doc, perms } = egressAt(
      {
        aws_security_group: {
          host: {
            ingress: [{ protocol: 'tcp', from_port: 43389, to_port: 43389, cidr_blocks: ['0.0.0.0/0'] }],
            egress: [
              { protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'], ipv6_cidr_blocks: ['::/0'], prefix_list_ids: ['pl-s3'], security_groups: ['sg-1'], self: true },
              { protocol: '17', from_port: 53, to_port: 53, cidr_blocks: ['203.0.113.0/24'], self: false },
            ],
          },
        },
      },
      'aws_security_group.host',
    );
    expect(show(perms)).toEqual(['allow tcp 443-443 to private 10.0.0.0/16, world ::/0, prefix-list pl-s3, group sg-1, group self', 'allow udp 53-53 to public 203.0.113.0/24']);
    expect(perms.map(describeEgress)).toEqual(['aws_security_group.host egress[0]', 'aws_security_group.host egress[1]']);
    expect(perms.every((p) => p.group === doc.at('aws_security_group.host'))).toBe(true);
    expect(perms.map((p) => p.where)).toEqual(['egress[0]', 'egress[1]']);
  });

  test('the default security group is read like any group; a protocol of -1 or "all" is every port', () => {
    const { perms } = egressAt({ aws_default_security_group: { d: { egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }, { protocol: 'ALL', from_port: 5, to_port: 6, cidr_blocks: ['0.0.0.0/0'] }] } } }, 'aws_default_security_group.d');
    expect(show(perms)).toEqual(['allow all 0-65535 to world 0.0.0.0/0', 'allow all 0-65535 to world 0.0.0.0/0']);
  });

  test('standalone egress rules (both styles) read single CIDRs, a prefix list and a referenced group; an ingress rule is no egress', () => {
    const resource = {
      aws_security_group: { host: { name: 'host' } },
      aws_vpc_security_group_egress_rule: {
        v4: { security_group_id: '${aws_security_group.host.id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
        v6: { security_group_id: '${aws_security_group.host.id}', ip_protocol: '6', from_port: 443, to_port: 443, cidr_ipv6: '2001:db8::/32', cidr_ipv4: null },
        pl: { security_group_id: '${aws_security_group.host.id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, prefix_list_id: 'pl-1' },
        ref: { security_group_id: '${aws_security_group.host.id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, referenced_security_group_id: 'sg-9' },
      },
      aws_security_group_rule: {
        out: { type: 'egress', security_group_id: '${aws_security_group.host.id}', protocol: 'udp', from_port: 123, to_port: 123, source_security_group_id: 'sg-8' },
        in: { type: 'ingress', security_group_id: '${aws_security_group.host.id}', protocol: 'tcp', from_port: 1, to_port: 1, cidr_blocks: ['0.0.0.0/0'] },
      },
    };
    const doc = load(only(resource));
    const of = (a: string) => show(egressOf(doc.at(a)!, doc));
    expect(of('aws_vpc_security_group_egress_rule.v4')).toEqual(['allow tcp 443-443 to world 0.0.0.0/0']);
    expect(of('aws_vpc_security_group_egress_rule.v6')).toEqual(['allow tcp 443-443 to public 2001:db8::/32']);
    expect(of('aws_vpc_security_group_egress_rule.pl')).toEqual(['allow tcp 443-443 to prefix-list pl-1']);
    expect(of('aws_vpc_security_group_egress_rule.ref')).toEqual(['allow tcp 443-443 to group sg-9']);
    expect(of('aws_security_group_rule.out')).toEqual(['allow udp 123-123 to group sg-8']);
    expect(of('aws_security_group_rule.in')).toEqual([]);
    expect(of('aws_security_group.host')).toEqual([]);
    expect(describeEgress(egressOf(doc.at('aws_security_group_rule.out')!, doc)[0])).toBe('aws_security_group_rule.out');
    const group = doc.at('aws_security_group.host')!;
    const all = egressOfGroup(group, doc);
    expect(all.map(describeEgress).sort()).toEqual([
      'aws_security_group_rule.out',
      'aws_vpc_security_group_egress_rule.pl',
      'aws_vpc_security_group_egress_rule.ref',
      'aws_vpc_security_group_egress_rule.v4',
      'aws_vpc_security_group_egress_rule.v6',
    ]);
    expect(all.every((p) => p.group?.address === 'aws_security_group.host' && p.where === '')).toBe(true);
  });

  test('a group gets its inline blocks and only the standalone rules that name it', () => {
    const doc = load(
      only({
        aws_security_group: { a: { egress: [{ protocol: 'tcp', from_port: 80, to_port: 80, cidr_blocks: ['0.0.0.0/0'] }] }, b: {} },
        aws_vpc_security_group_egress_rule: {
          toB: { security_group_id: '${aws_security_group.b.id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
          nowhere: { security_group_id: 'sg-outside', ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' },
        },
      }),
    );
    expect(egressOfGroup(doc.at('aws_security_group.a')!, doc).map(describeEgress)).toEqual(['aws_security_group.a egress[0]']);
    expect(egressOfGroup(doc.at('aws_security_group.b')!, doc).map(describeEgress)).toEqual(['aws_vpc_security_group_egress_rule.toB']);
    expect(egressOf(doc.at('aws_vpc_security_group_egress_rule.nowhere')!, doc)[0].group).toBeUndefined();
  });

  test('Azure outbound rules: inline and standalone, allow and deny, ports by text, destinations by prefix', () => {
    const rule = (name: string, extra: Record<string, unknown>) => ({ name, priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '*', ...extra });
    const doc = load(
      only({
        azurerm_network_security_group: {
          nsg: {
            name: 'nsg',
            security_rule: [
              rule('https', { destination_port_range: '443', destination_address_prefix: 'Internet' }),
              rule('range', { priority: 110, protocol: '*', destination_port_range: ' 1000 - 2000 ', destination_address_prefixes: ['10.0.0.0/8', 'Storage'] }),
              rule('many', { priority: 120, protocol: 'Udp', destination_port_ranges: ['53', '*'], destination_address_prefix: '' }),
              rule('odd', { priority: 130, access: 'DENY', destination_port_range: 'eighty', destination_address_prefix: '203.0.113.0/24' }),
              rule('texts', { priority: 140, destination_port_ranges: ['x80', '80x', '1000-2000', '7 -8'], destination_address_prefix: '*' }),
              rule('nulls', { priority: 150, destination_port_range: null, destination_port_ranges: ['22'], destination_address_prefix: null, destination_address_prefixes: ['*'] }),
              rule('empty', { priority: 160, destination_port_range: '', destination_port_ranges: ['23'], destination_address_prefix: '*' }),
              { ...rule('inbound', {}), direction: 'Inbound', destination_port_range: '1' },
            ],
          },
        },
        azurerm_network_security_rule: {
          out: { ...rule('out', { destination_port_range: '80', destination_address_prefix: 'VirtualNetwork' }), network_security_group_name: '${azurerm_network_security_group.nsg.name}', access: 'Deny' },
          in: { ...rule('in', { destination_port_range: '80' }), direction: 'inbound' },
        },
      }),
    );
    const inline = egressOf(doc.at('azurerm_network_security_group.nsg')!, doc);
    expect(show(inline)).toEqual([
      'allow tcp 443-443 to world Internet',
      'allow all 1000-2000 to private 10.0.0.0/8, service-tag Storage',
      'allow udp 53-53,0-65535 to ',
      'deny tcp 0-65535 to public 203.0.113.0/24',
      'allow tcp 0-65535,0-65535,1000-2000,7-8 to world *',
      'allow tcp 22-22 to world *',
      'allow tcp 23-23 to world *',
    ]);
    expect(inline.map((p) => p.priority)).toEqual([100, 110, 120, 130, 140, 150, 160]);
    expect(inline.map(describeEgress)).toEqual([
      'azurerm_network_security_group.nsg security_rule["https"]',
      'azurerm_network_security_group.nsg security_rule["range"]',
      'azurerm_network_security_group.nsg security_rule["many"]',
      'azurerm_network_security_group.nsg security_rule["odd"]',
      'azurerm_network_security_group.nsg security_rule["texts"]',
      'azurerm_network_security_group.nsg security_rule["nulls"]',
      'azurerm_network_security_group.nsg security_rule["empty"]',
    ]);
    expect(egressOfGroup(doc.at('azurerm_network_security_group.nsg')!, doc).map(describeEgress).slice(-1)).toEqual(['azurerm_network_security_rule.out']);
    const standalone = egressOf(doc.at('azurerm_network_security_rule.out')!, doc);
    expect(show(standalone)).toEqual(['deny tcp 80-80 to virtual-network VirtualNetwork']);
    expect(standalone[0].group?.address).toBe('azurerm_network_security_group.nsg');
    expect(egressOf(doc.at('azurerm_network_security_rule.in')!, doc)).toEqual([]);
    const unnamed = load(only({ azurerm_network_security_group: { nsg: { security_rule: [rule('x', { name: undefined, destination_port_range: '1' })] } } }));
    expect(egressOf(unnamed.at('azurerm_network_security_group.nsg')!, unnamed).map((p) => p.where)).toEqual(['security_rule[""]']);
  });

  test('a resource that holds no egress has none', () => {
    const { perms } = egressAt({ aws_instance: { host: { egress: [{ protocol: 'tcp', from_port: 1, to_port: 1 }] } } }, 'aws_instance.host');
    expect(perms).toEqual([]);
  });

  test('an unreadable field makes the answer unknown and names the field', () => {
    const sg = (egress: Record<string, unknown>) => () => egressAt({ aws_security_group: { g: { egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, ...egress }] } } }, 'aws_security_group.g');
    expect(unreadableField(sg({ protocol: '${var.p}' }))).toBe('egress[0].protocol');
    expect(unreadableField(sg({ from_port: '${var.p}' }))).toBe('egress[0].from_port');
    expect(unreadableField(sg({ to_port: '${var.p}' }))).toBe('egress[0].to_port');
    expect(unreadableField(sg({ cidr_blocks: '${var.c}' }))).toBe('egress[0].cidr_blocks');
    expect(unreadableField(sg({ ipv6_cidr_blocks: '${var.c}' }))).toBe('egress[0].ipv6_cidr_blocks');
    expect(unreadableField(sg({ prefix_list_ids: '${var.c}' }))).toBe('egress[0].prefix_list_ids');
    expect(unreadableField(sg({ security_groups: '${var.c}' }))).toBe('egress[0].security_groups');
    expect(unreadableField(() => egressAt({ aws_security_group: { g: { egress: '${var.e}' } } }, 'aws_security_group.g'))).toBe('egress');
    const std = (type: string, body: Record<string, unknown>) => () => egressAt({ [type]: { r: body } }, `${type}.r`);
    expect(unreadableField(std('aws_vpc_security_group_egress_rule', { ip_protocol: '${var.p}' }))).toBe('ip_protocol');
    expect(unreadableField(std('aws_vpc_security_group_egress_rule', { ip_protocol: 'tcp', from_port: '${var.p}' }))).toBe('from_port');
    expect(unreadableField(std('aws_vpc_security_group_egress_rule', { ip_protocol: 'tcp', from_port: 1, to_port: 1, prefix_list_ids: '${var.p}' }))).toBe('prefix_list_ids');
    expect(unreadableField(std('aws_security_group_rule', { type: 'egress', protocol: 'tcp', from_port: '${var.p}' }))).toBe('from_port');
    expect(unreadableField(std('aws_security_group_rule', { type: '${var.t}' }))).toBe('type');
    expect(unreadableField(std('aws_security_group_rule', { type: 'egress', protocol: '${var.p}' }))).toBe('protocol');
    expect(unreadableField(std('aws_security_group_rule', { type: 'egress', protocol: 'tcp', from_port: 1, to_port: 2, cidr_blocks: '${var.c}' }))).toBe('cidr_blocks');
    const az = (extra: Record<string, unknown>) => ({ name: 'r', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination_port_range: '443', destination_address_prefix: '*', ...extra });
    expect(unreadableField(std('azurerm_network_security_rule', az({ direction: '${var.d}' })))).toBe('direction');
    expect(unreadableField(std('azurerm_network_security_rule', az({ access: '${var.a}' })))).toBe('access');
    expect(unreadableField(std('azurerm_network_security_rule', az({ priority: '${var.p}' })))).toBe('priority');
    expect(unreadableField(std('azurerm_network_security_rule', az({ protocol: '${var.p}' })))).toBe('protocol');
    expect(unreadableField(std('azurerm_network_security_rule', az({ destination_port_range: '${var.p}' })))).toBe('destination_port_range');
    expect(unreadableField(std('azurerm_network_security_rule', az({ destination_port_ranges: '${var.p}' })))).toBe('destination_port_ranges');
    expect(unreadableField(std('azurerm_network_security_rule', az({ destination_address_prefixes: '${var.p}' })))).toBe('destination_address_prefixes');
    const nsg = (extra: Record<string, unknown>) => () => egressAt({ azurerm_network_security_group: { n: { security_rule: [az(extra)] } } }, 'azurerm_network_security_group.n');
    expect(unreadableField(nsg({ direction: '${var.d}' }))).toBe('security_rule.direction');
    expect(unreadableField(nsg({ access: '${var.a}' }))).toBe('security_rule["r"].access');
    expect(unreadableField(nsg({ priority: '${var.a}' }))).toBe('security_rule["r"].priority');
    expect(unreadableField(nsg({ protocol: '${var.a}' }))).toBe('security_rule["r"].protocol');
    expect(unreadableField(nsg({ destination_port_ranges: '${var.a}' }))).toBe('security_rule["r"].destination_port_ranges');
    expect(unreadableField(nsg({ destination_port_range: '${var.a}' }))).toBe('security_rule["r"].destination_port_range');
    expect(unreadableField(nsg({ destination_address_prefixes: '${var.a}' }))).toBe('security_rule["r"].destination_address_prefixes');
    expect(unreadableField(() => egressAt({ azurerm_network_security_group: { n: { security_rule: '${var.r}' } } }, 'azurerm_network_security_group.n'))).toBe('security_rule');
  });

  test('property: a permission covers a port exactly when its transport matches and a range holds the port', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<EgressPermission['transport']>('tcp', 'udp', 'all', 'other'),
        fc.array(fc.record({ from: fc.integer({ min: 0, max: 2000 }), width: fc.integer({ min: 0, max: 50 }) }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 2100 }),
        fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp'),
        (transport, raw, port, asked) => {
          const ports = raw.map((r) => ({ from: r.from, to: r.from + r.width }));
          const p = { transport, ports } as unknown as EgressPermission;
          const expected = (transport === 'all' || transport === asked) && ports.some((r) => r.from <= port && port <= r.to);
          return egressCovers(p, port, asked) === expected;
        },
      ),
      { seed: 20, numRuns: 300 },
    );
    const p = (transport: EgressPermission['transport']) => ({ transport, ports: [{ from: 443, to: 445 }] }) as unknown as EgressPermission;
    expect([442, 443, 445, 446].map((port) => egressCovers(p('tcp'), port, 'tcp'))).toEqual([false, true, true, false]);
    expect(egressCovers(p('tcp'), 443, 'udp')).toBe(false);
    expect(egressCovers(p('all'), 443, 'udp')).toBe(true);
    expect(egressCovers(p('other'), 443, 'tcp')).toBe(false);
  });
});

describe('zero-inbound.ts: Session Manager tunnels and the Bastion subnet', () => {
  const session = (content: unknown, type = 'Session') => ({ document_type: type, content: typeof content === 'string' ? content : JSON.stringify(content) });

  test('a Session document of type Port is a tunnel, pinned to its port only when the port is digits and no remote host is named', () => {
    const doc = load(
      only({
        aws_ssm_document: {
          pinned: session({ sessionType: 'Port', properties: { portNumber: '43389' } }),
          numeric: session({ sessionType: 'Port', properties: { portNumber: 43389 } }),
          parameter: session({ sessionType: 'Port', properties: { portNumber: '{{ portNumber }}' } }),
          remote: session({ sessionType: 'Port', properties: { portNumber: '43389', host: '10.0.0.5' } }),
          bare: session({ sessionType: 'Port' }),
          shell: session({ sessionType: 'Standard_Stream', properties: { portNumber: '43389' } }),
          command: session({ sessionType: 'Port', properties: { portNumber: '43389' } }, 'Command'),
          broken: session('{ not json'),
          notText: { document_type: 'Session', content: { sessionType: 'Port' } },
          list: { document_type: 'Session', content: [JSON.stringify({ sessionType: 'Port', properties: { portNumber: '43389' } })] },
          prefixed: session({ sessionType: 'Port', properties: { portNumber: 'x43389' } }),
          suffixed: session({ sessionType: 'Port', properties: { portNumber: '43389x' } }),
        },
      }),
    );
    expect(portForwardingDocuments(doc).map((d) => `${d.resource.address} ${String(d.port)}`)).toEqual([
      'aws_ssm_document.pinned 43389',
      'aws_ssm_document.numeric 43389',
      'aws_ssm_document.parameter undefined',
      'aws_ssm_document.remote undefined',
      'aws_ssm_document.bare undefined',
      'aws_ssm_document.prefixed undefined',
      'aws_ssm_document.suffixed undefined',
    ]);
  });

  test('Bastion subnets: literal prefixes only; a Bastion with several IP configurations; an NSG on one of two Bastion subnets, or next to another NSG', () => {
    const doc = load(
      only({
        azurerm_subnet: {
          one: { name: 'AzureBastionSubnet', address_prefixes: ['10.1.254.0/26', 42, null] },
          two: { name: 'AzureBastionSubnet', address_prefixes: ['10.2.254.0/26'] },
          hosts: { name: 'hosts', address_prefixes: ['10.1.1.0/24'] },
        },
        azurerm_bastion_host: {
          b1: { ip_configuration: [{ name: 'x', subnet_id: '${azurerm_subnet.hosts.id}' }, { name: 'y', subnet_id: '${azurerm_subnet.one.id}' }] },
          b2: { ip_configuration: [{ name: 'z', subnet_id: '${azurerm_subnet.two.id}' }] },
        },
        azurerm_network_security_group: { one: {}, other: {}, lonely: {} },
        azurerm_subnet_network_security_group_association: {
          first: { subnet_id: '${azurerm_subnet.one.id}', network_security_group_id: '${azurerm_network_security_group.other.id}' },
          second: { subnet_id: '${azurerm_subnet.one.id}', network_security_group_id: '${azurerm_network_security_group.one.id}' },
        },
      }),
    );
    expect(bastionSubnets(doc).map((b) => `${b.subnet.address} [${b.prefixes.join(' ')}] [${b.bastions.map((x) => x.address).join(' ')}]`)).toEqual([
      'azurerm_subnet.one [10.1.254.0/26] [azurerm_bastion_host.b1]',
      'azurerm_subnet.two [10.2.254.0/26] [azurerm_bastion_host.b2]',
    ]);
    expect(isBastionSubnetNsg(doc.at('azurerm_network_security_group.one'), doc)).toBe(true);
    expect(isBastionSubnetNsg(doc.at('azurerm_network_security_group.other'), doc)).toBe(true);
    expect(isBastionSubnetNsg(doc.at('azurerm_network_security_group.lonely'), doc)).toBe(false);
    const unreadable = (body: Record<string, unknown>) => () => bastionSubnets(load(only({ azurerm_subnet: { b: { name: 'AzureBastionSubnet', address_prefixes: ['10.1.254.0/26'] } }, azurerm_bastion_host: { h: body } })));
    expect(unreadableField(unreadable({ ip_configuration: '${var.ipc}' }))).toBe('ip_configuration');
    expect(unreadableField(() => bastionSubnets(load(only({ azurerm_subnet: { b: { name: 'AzureBastionSubnet', address_prefixes: '${var.p}' } } }))))).toBe('address_prefixes');
  });

  test('AzureBastionSubnet ranges with the Bastions placed in them; only a Bastion subnet\'s NSG is the Bastion NSG', () => {
    const doc = load(
      only({
        azurerm_subnet: {
          bastion: { name: 'AzureBastionSubnet', address_prefixes: ['10.1.254.0/26', '${var.extra}'] },
          empty: { name: 'AzureBastionSubnet', address_prefixes: ['10.2.254.0/26'] },
          hosts: { name: 'hosts', address_prefixes: ['10.1.1.0/24'] },
        },
        azurerm_bastion_host: {
          b: { ip_configuration: [{ name: 'x', subnet_id: '${azurerm_subnet.bastion.id}' }] },
          elsewhere: { ip_configuration: { name: 'y', subnet_id: '${azurerm_subnet.hosts.id}' } },
        },
        azurerm_network_security_group: { bastion: {}, empty: {}, hosts: {} },
        azurerm_subnet_network_security_group_association: {
          bastion: { subnet_id: '${azurerm_subnet.bastion.id}', network_security_group_id: '${azurerm_network_security_group.bastion.id}' },
          empty: { subnet_id: '${azurerm_subnet.empty.id}', network_security_group_id: '${azurerm_network_security_group.empty.id}' },
          hosts: { subnet_id: '${azurerm_subnet.hosts.id}', network_security_group_id: '${azurerm_network_security_group.hosts.id}' },
        },
      }),
    );
    expect(bastionSubnets(doc).map((b) => `${b.subnet.address} [${b.prefixes.join(' ')}] [${b.bastions.map((x) => x.address).join(' ')}]`)).toEqual([
      'azurerm_subnet.bastion [10.1.254.0/26] [azurerm_bastion_host.b]',
      'azurerm_subnet.empty [10.2.254.0/26] []',
    ]);
    expect(isBastionSubnetNsg(doc.at('azurerm_network_security_group.bastion'), doc)).toBe(true);
    expect(isBastionSubnetNsg(doc.at('azurerm_network_security_group.empty'), doc)).toBe(false);
    expect(isBastionSubnetNsg(doc.at('azurerm_network_security_group.hosts'), doc)).toBe(false);
    expect(isBastionSubnetNsg(undefined, doc)).toBe(false);
    expect(isBastionSubnetNsg(doc.at('azurerm_subnet.bastion'), doc)).toBe(false);
  });

  test('a resource that is not an NSG is never the Bastion NSG, even when an association names it', () => {
    const doc = load(
      only({
        azurerm_subnet: { bastion: { name: 'AzureBastionSubnet', address_prefixes: ['10.1.254.0/26'] } },
        azurerm_bastion_host: { b: { ip_configuration: [{ name: 'x', subnet_id: '${azurerm_subnet.bastion.id}' }] } },
        azurerm_application_security_group: { asg: {} },
        azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.bastion.id}', network_security_group_id: '${azurerm_application_security_group.asg.id}' } },
      }),
    );
    expect(isBastionSubnetNsg(doc.at('azurerm_application_security_group.asg'), doc)).toBe(false);
  });

  test('isOnlyPort: exactly one range that is the port', () => {
    expect(isOnlyPort([{ from: 43389, to: 43389 }], 43389)).toBe(true);
    expect(isOnlyPort([{ from: 43389, to: 43390 }], 43389)).toBe(false);
    expect(isOnlyPort([{ from: 43388, to: 43389 }], 43389)).toBe(false);
    expect(isOnlyPort([{ from: 43389, to: 43389 }], 43390)).toBe(false);
    expect(isOnlyPort([], 43389)).toBe(false);
    expect(isOnlyPort([{ from: 43389, to: 43389 }, { from: 43389, to: 43389 }], 43389)).toBe(false);
  });
});
