/**
 * The policy engine's network decisions at their edges (issue #20, mutation testing): a reviewer's question
 * on each plan is "what reaches the RDP port, and would the rule call this compliant?".
 */
import { cidrContains, cidrCoveredBy, classifyAzurePrefix, classifyCidr, isPublicSource, Source, SourceKind } from '../../policy/network/sources';
import { denyBeforeDefaults, effectiveNsgSources, sourceCovers } from '../../policy/network/nsg';
import { permissionsOf } from '../../policy/network/ingress';
import { Compliance } from '../../policy/types';
import { awsStack, azureStack, load, patch, TfJson, withResource } from './fixtures/builders';
import { compliance, reach, verdict } from './mutation-helpers';
import fc from 'fast-check';

const AWS_HOST = 'aws_instance.host';
const AZ_HOST = 'azurerm_windows_virtual_machine.host';
const AWS_RULE = 'aws_vpc_security_group_ingress_rule.office';
const AZ_RULE = 'azurerm_network_security_rule.allow_office';
const sgRule = (attributes: Record<string, unknown>): TfJson => patch(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', attributes);
const nsgRule = (attributes: Record<string, unknown>): TfJson => patch(azureStack(), 'azurerm_network_security_rule', 'allow_office', attributes);

/** An inbound NSG rule body for the fixture's NSG. */
function nsgRuleBody(name: string, priority: number, access: 'Allow' | 'Deny', source: string, port = '*', protocol = '*'): Record<string, unknown> {
  return {
    name,
    network_security_group_name: '${azurerm_network_security_group.rdp.name}',
    resource_group_name: 'rg',
    priority,
    direction: 'Inbound',
    access,
    protocol,
    source_port_range: '*',
    destination_port_range: port,
    source_address_prefix: source,
    destination_address_prefix: '*',
  };
}

/** The Azure fixture with one more NSG rule (or the final deny-all replaced when `name` is `deny_rdp`). */
const azureWith = (name: string, body: Record<string, unknown> | undefined, base: TfJson = azureStack()): TfJson => withResource(base, 'azurerm_network_security_rule', name, body);

describe('NoBroadRdpSource: the /16 and /48 limits', () => {
  test.each([
    ['203.0.0.0/16', Compliance.COMPLIANT],
    ['203.0.0.0/15', Compliance.NON_COMPLIANT],
    ['203.0.113.7/32', Compliance.COMPLIANT],
  ])('AWS source %s on the RDP port: %s', (cidr, expected) => {
    expect(compliance('RDP-NET-BROAD-SOURCE', sgRule({ cidr_ipv4: cidr }), AWS_RULE)).toBe(expected);
  });

  test.each([
    ['2001:db8::/48', Compliance.COMPLIANT],
    ['2001:db8::/47', Compliance.NON_COMPLIANT],
  ])('AWS IPv6 source %s: %s', (cidr, expected) => {
    expect(compliance('RDP-NET-BROAD-SOURCE', sgRule({ cidr_ipv4: undefined, cidr_ipv6: cidr }), AWS_RULE)).toBe(expected);
  });

  test.each([
    ['203.0.0.0/16', Compliance.COMPLIANT],
    ['203.0.0.0/15', Compliance.NON_COMPLIANT],
    ['AzureCloud', Compliance.NON_COMPLIANT],
    ['10.0.0.0/8', Compliance.COMPLIANT],
  ])('Azure source %s: %s', (prefix, expected) => {
    expect(compliance('RDP-NET-BROAD-SOURCE', nsgRule({ source_address_prefix: prefix }), AZ_RULE)).toBe(expected);
  });

  test('a broad source on another port is not an RDP source', () => {
    expect(compliance('RDP-NET-BROAD-SOURCE', sgRule({ cidr_ipv4: '203.0.0.0/8', from_port: 443, to_port: 443 }), AWS_RULE)).toBe(Compliance.COMPLIANT);
  });
});

describe('AWS protocols by name and by number', () => {
  test.each([
    ['tcp', Compliance.NON_COMPLIANT],
    ['6', Compliance.NON_COMPLIANT],
    ['TCP', Compliance.NON_COMPLIANT],
    ['udp', Compliance.NON_COMPLIANT],
    ['17', Compliance.NON_COMPLIANT],
    ['-1', Compliance.NON_COMPLIANT],
    ['all', Compliance.NON_COMPLIANT],
    ['icmp', Compliance.COMPLIANT],
    ['1', Compliance.COMPLIANT],
  ])('the world on the RDP port over protocol %p: %s', (protocol, expected) => {
    expect(compliance('RDP-NET-INTERNET-RDP', sgRule({ ip_protocol: protocol, cidr_ipv4: '0.0.0.0/0' }), AWS_RULE)).toBe(expected);
  });

  test('protocol "6" reaches the host over TCP, "17" over UDP, "-1" over both on every port', () => {
    expect(reach(sgRule({ ip_protocol: '6' }), AWS_HOST, 43389)).toEqual(['tcp 203.0.113.0/24 via aws_vpc_security_group_ingress_rule.office']);
    expect(reach(sgRule({ ip_protocol: '17' }), AWS_HOST, 43389)).toEqual(['udp 203.0.113.0/24 via aws_vpc_security_group_ingress_rule.office']);
    expect(reach(sgRule({ ip_protocol: '-1', from_port: 43389, to_port: 43389 }), AWS_HOST, 445)).toEqual([
      'tcp 203.0.113.0/24 via aws_vpc_security_group_ingress_rule.office',
      'udp 203.0.113.0/24 via aws_vpc_security_group_ingress_rule.office',
    ]);
  });

  test('port ranges: inclusive ends, a negative from_port means every port, a missing to_port means from_port', () => {
    const range = sgRule({ from_port: 43000, to_port: 43389 });
    expect(reach(range, AWS_HOST, 43000)).toHaveLength(1);
    expect(reach(range, AWS_HOST, 43389)).toHaveLength(1);
    expect(reach(range, AWS_HOST, 42999)).toEqual([]);
    expect(reach(range, AWS_HOST, 43390)).toEqual([]);
    expect(reach(sgRule({ from_port: -1, to_port: -1 }), AWS_HOST, 445)).toHaveLength(1);
    expect(reach(sgRule({ to_port: undefined }), AWS_HOST, 43389)).toHaveLength(1);
    expect(reach(sgRule({ to_port: undefined }), AWS_HOST, 43390)).toEqual([]);
    expect(reach(sgRule({ to_port: -1 }), AWS_HOST, 43390)).toEqual([]);
  });

  test('inline and legacy rules read cidr blocks, IPv6 blocks, prefix lists, self and groups', () => {
    const json = withResource(awsStack(), 'aws_security_group', 'rdp', {
      name: 'rdp',
      vpc_id: '${aws_vpc.main.id}',
      ingress: [{ protocol: '6', from_port: 43389, to_port: 43389, cidr_blocks: ['198.51.100.0/24'], ipv6_cidr_blocks: ['2001:db8::/48'], prefix_list_ids: ['pl-1'], self: true, security_groups: ['sg-9'] }],
    });
    const doc = load(json);
    const [p] = permissionsOf(doc.at('aws_security_group.rdp')!, doc);
    expect(p).toMatchObject({ where: 'ingress[0]', cloud: 'aws', access: 'allow', transport: 'tcp', ports: [{ from: 43389, to: 43389 }] });
    expect(p.sources.map((s) => `${s.kind} ${s.value}`)).toEqual(['public 198.51.100.0/24', 'public 2001:db8::/48', 'prefix-list pl-1', 'group self', 'group sg-9']);
    const legacy = load({
      resource: {
        aws_security_group_rule: {
          in: { type: 'ingress', protocol: '17', from_port: 50000, to_port: 50001, cidr_blocks: ['10.0.0.0/16'], source_security_group_id: 'sg-2', security_group_id: 'sg-1' },
          out: { type: 'egress', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'], security_group_id: 'sg-1' },
        },
      },
    });
    expect(permissionsOf(legacy.at('aws_security_group_rule.out')!, legacy)).toEqual([]);
    const [l] = permissionsOf(legacy.at('aws_security_group_rule.in')!, legacy);
    expect(l).toMatchObject({ transport: 'udp', ports: [{ from: 50000, to: 50001 }] });
    expect(l.sources.map((s) => `${s.kind} ${s.value}`)).toEqual(['private 10.0.0.0/16', 'group sg-2']);
  });
});

describe('Azure NSG evaluation: first match by priority, then the default rules', () => {
  const OFFICE = 'tcp 203.0.113.0/24 via azurerm_network_security_rule.allow_office';

  test('the fixture: only the office reaches RDP; the deny-all keeps AllowVnetInBound away', () => {
    expect(reach(azureStack(), AZ_HOST, 43389)).toEqual([OFFICE]);
    expect(reach(azureStack(), AZ_HOST, 445)).toEqual([]);
  });

  test('without the deny-all, AllowVnetInBound and AllowAzureLoadBalancerInBound admit their tags to every port', () => {
    const open = azureWith('deny_rdp', undefined);
    expect(reach(open, AZ_HOST, 445)).toEqual([
      'tcp AzureLoadBalancer via AllowAzureLoadBalancerInBound (default rule, priority 65001)',
      'tcp VirtualNetwork via AllowVnetInBound (default rule, priority 65000)',
      'udp AzureLoadBalancer via AllowAzureLoadBalancerInBound (default rule, priority 65001)',
      'udp VirtualNetwork via AllowVnetInBound (default rule, priority 65000)',
    ]);
    expect(compliance('RDP-AZ-NSG-RDP-DENY', open, 'azurerm_network_security_group.rdp')).toBe(Compliance.NON_COMPLIANT);
    expect(compliance('RDP-NET-PRIVATE-OTHER-PORTS', open, AZ_HOST)).toBe(Compliance.NON_COMPLIANT);
  });

  test('a deny of one public range does not deny VirtualNetwork or other sources', () => {
    const json = azureWith('deny_rdp', nsgRuleBody('deny-one', 4096, 'Deny', '198.51.100.0/24'));
    expect(reach(json, AZ_HOST, 43389)).toContain('tcp VirtualNetwork via AllowVnetInBound (default rule, priority 65000)');
    expect(reach(json, AZ_HOST, 43389)).toContain(OFFICE);
    expect(compliance('RDP-AZ-NSG-RDP-DENY', json, 'azurerm_network_security_group.rdp')).toBe(Compliance.NON_COMPLIANT);
  });

  test('a deny removes an allowed source only when it covers all of it, and only from a lower priority number', () => {
    expect(reach(azureWith('deny_first', nsgRuleBody('deny-first', 50, 'Deny', '203.0.0.0/16')), AZ_HOST, 43389)).toEqual([]);
    expect(reach(azureWith('deny_half', nsgRuleBody('deny-half', 50, 'Deny', '203.0.113.0/25')), AZ_HOST, 43389)).toEqual([OFFICE]);
    expect(reach(azureWith('deny_later', nsgRuleBody('deny-later', 200, 'Deny', '203.0.0.0/16')), AZ_HOST, 43389)).toEqual([OFFICE]);
    expect(reach(azureWith('deny_other_port', nsgRuleBody('deny-445', 50, 'Deny', '*', '445')), AZ_HOST, 43389)).toEqual([OFFICE]);
    expect(reach(azureWith('deny_udp', nsgRuleBody('deny-udp', 50, 'Deny', '*', '*', 'Udp')), AZ_HOST, 43389)).toEqual([OFFICE]);
    expect(reach(azureWith('deny_internet', nsgRuleBody('deny-internet', 50, 'Deny', 'Internet')), AZ_HOST, 43389)).toEqual([]);
  });

  test('an earlier allow is not a deny: both allows admit their sources', () => {
    const json = azureWith('allow_wide', nsgRuleBody('allow-wide', 50, 'Allow', '203.0.0.0/16', '43389', 'Tcp'));
    expect(reach(json, AZ_HOST, 43389)).toEqual(['tcp 203.0.0.0/16 via azurerm_network_security_rule.allow_wide', OFFICE]);
  });

  test('a deny of VirtualNetwork before the defaults closes AllowVnetInBound but not public sources', () => {
    const json = azureWith('deny_rdp', nsgRuleBody('deny-vnet', 4096, 'Deny', 'VirtualNetwork'));
    expect(reach(json, AZ_HOST, 43389)).toEqual([OFFICE, 'tcp AzureLoadBalancer via AllowAzureLoadBalancerInBound (default rule, priority 65001)', 'udp AzureLoadBalancer via AllowAzureLoadBalancerInBound (default rule, priority 65001)'].sort());
    expect(compliance('RDP-AZ-NSG-RDP-DENY', json, 'azurerm_network_security_group.rdp')).toBe(Compliance.COMPLIANT);
  });

  test('an allow hidden behind the deny is reported', () => {
    const json = azureWith('late', nsgRuleBody('late', 4097, 'Allow', '198.51.100.0/24', '43389', 'Tcp'));
    const result = verdict('RDP-AZ-NSG-RDP-DENY', json, 'azurerm_network_security_group.rdp');
    expect(result.compliance).toBe(Compliance.NON_COMPLIANT);
    expect(result.findings.join('\n')).toMatch(/azurerm_network_security_rule\.late \(priority 4097\) comes after the deny azurerm_network_security_rule\.deny_rdp \(priority 4096\) and never matches tcp 43389/);
  });
});

describe('nsg.ts: which deny source covers which source', () => {
  const src = (kind: SourceKind, value: string, prefix?: number, family?: 'ipv4' | 'ipv6'): Source => ({ kind, value, prefix, family });
  const office = src(SourceKind.PUBLIC, '203.0.113.0/24', 24, 'ipv4');
  const lan = src(SourceKind.PRIVATE, '10.0.0.0/16', 16, 'ipv4');
  const vnet = src(SourceKind.VIRTUAL_NETWORK, 'VirtualNetwork');
  const star = src(SourceKind.WORLD, '*');
  const internet = src(SourceKind.WORLD, 'Internet');

  test.each([
    [star, office, true],
    [star, lan, true],
    [star, vnet, true],
    [internet, office, true],
    [internet, lan, false],
    [internet, vnet, false],
    [internet, star, false],
    [internet, src(SourceKind.WORLD, ' internet '), true],
    [vnet, lan, true],
    [vnet, vnet, true],
    [vnet, office, false],
    [office, office, true],
    [src(SourceKind.PUBLIC, '203.0.0.0/16', 16, 'ipv4'), office, true],
    [office, src(SourceKind.PUBLIC, '203.0.0.0/16', 16, 'ipv4'), false],
    [src(SourceKind.PUBLIC, '198.51.100.0/24', 24, 'ipv4'), office, false],
    [src(SourceKind.SERVICE_TAG, 'AzureLoadBalancer'), src(SourceKind.SERVICE_TAG, ' AZURELOADBALANCER '), true],
    [src(SourceKind.WORLD, ' INTERNET '), lan, false],
    [lan, vnet, false],
  ])('%o covers %o: %p', (outer, inner, expected) => {
    expect(sourceCovers(outer, inner)).toBe(expected);
  });

  test('effective sources and the deny before the defaults, on one NSG', () => {
    const json = azureWith('allow_wide', nsgRuleBody('allow-wide', 50, 'Allow', '198.51.100.0/24', '43389', 'Tcp'));
    const doc = load(json);
    const permissions = ['allow_office', 'deny_rdp', 'allow_wide'].flatMap((n) => permissionsOf(doc.at(`azurerm_network_security_rule.${n}`)!, doc));
    expect(effectiveNsgSources(permissions, 43389, 'tcp').map((e) => `${e.source.value} ${e.via}`)).toEqual([
      '198.51.100.0/24 azurerm_network_security_rule.allow_wide',
      '203.0.113.0/24 azurerm_network_security_rule.allow_office',
    ]);
    expect(denyBeforeDefaults(permissions, 43389, 'tcp')?.holder.address).toBe('azurerm_network_security_rule.deny_rdp');
    const withoutDeny = permissions.filter((p) => p.access === 'allow');
    expect(denyBeforeDefaults(withoutDeny, 43389, 'tcp')).toBeUndefined();
    expect(effectiveNsgSources(withoutDeny, 43389, 'udp').map((e) => `${e.source.value} ${e.via}`)).toEqual([
      'VirtualNetwork AllowVnetInBound (default rule, priority 65000)',
      'AzureLoadBalancer AllowAzureLoadBalancerInBound (default rule, priority 65001)',
    ]);
    const lateDeny = load(azureWith('deny_rdp', nsgRuleBody('deny-late', 65001, 'Deny', '*')));
    const latePermissions = ['allow_office', 'deny_rdp'].flatMap((n) => permissionsOf(lateDeny.at(`azurerm_network_security_rule.${n}`)!, lateDeny));
    expect(denyBeforeDefaults(latePermissions, 43389, 'tcp')).toBeUndefined();
    const publicDeny = load(azureWith('deny_rdp', nsgRuleBody('deny-public', 4096, 'Deny', '198.51.100.0/24')));
    expect(denyBeforeDefaults(['deny_rdp'].flatMap((n) => permissionsOf(publicDeny.at(`azurerm_network_security_rule.${n}`)!, publicDeny)), 43389, 'tcp')).toBeUndefined();
  });

  test('effective sources: an earlier allow is no deny, and an earlier deny removes only what it covers', () => {
    let json = azureWith('allow_wide', nsgRuleBody('allow-wide', 50, 'Allow', '203.0.0.0/16', '43389', 'Tcp'));
    json = azureWith('deny_other', nsgRuleBody('deny-other', 60, 'Deny', '198.51.100.0/24'), json);
    json = azureWith('deny_half', nsgRuleBody('deny-half', 70, 'Deny', '203.0.113.0/25'), json);
    const doc = load(json);
    const permissions = ['allow_wide', 'deny_other', 'deny_half', 'allow_office', 'deny_rdp'].flatMap((n) => permissionsOf(doc.at(`azurerm_network_security_rule.${n}`)!, doc));
    expect(effectiveNsgSources(permissions, 43389, 'tcp').map((e) => `${e.source.value} ${e.via}`)).toEqual([
      '203.0.0.0/16 azurerm_network_security_rule.allow_wide',
      '203.0.113.0/24 azurerm_network_security_rule.allow_office',
    ]);
    const covering = load(azureWith('deny_first', nsgRuleBody('deny-first', 60, 'Deny', '203.0.113.0/24')));
    const blocked = ['deny_first', 'allow_office', 'deny_rdp'].flatMap((n) => permissionsOf(covering.at(`azurerm_network_security_rule.${n}`)!, covering));
    expect(effectiveNsgSources(blocked, 43389, 'tcp')).toEqual([]);
  });

  test('a deny with several sources removes what any of them covers; only a deny before the defaults, on the port, counts', () => {
    const two = { ...nsgRuleBody('deny-two', 50, 'Deny', ''), source_address_prefix: undefined, source_address_prefixes: ['198.51.100.0/24', '203.0.113.0/24'] };
    expect(reach(azureWith('deny_two', two), AZ_HOST, 43389)).toEqual([]);
    const permissionsWith = (body: Record<string, unknown>) => {
      const doc = load(azureWith('deny_rdp', body));
      return ['allow_office', 'deny_rdp'].flatMap((n) => permissionsOf(doc.at(`azurerm_network_security_rule.${n}`)!, doc));
    };
    expect(denyBeforeDefaults(permissionsWith(nsgRuleBody('allow-vnet', 200, 'Allow', 'VirtualNetwork')), 43389, 'tcp')).toBeUndefined();
    expect(denyBeforeDefaults(permissionsWith(nsgRuleBody('deny-445', 4096, 'Deny', '*', '445')), 43389, 'tcp')).toBeUndefined();
    const mixed = { ...nsgRuleBody('deny-mixed', 4096, 'Deny', ''), source_address_prefix: undefined, source_address_prefixes: ['198.51.100.0/24', 'VirtualNetwork'] };
    expect(denyBeforeDefaults(permissionsWith(mixed), 43389, 'tcp')?.holder.address).toBe('azurerm_network_security_rule.deny_rdp');
    const twoDoc = load(azureWith('deny_two', two));
    const twoPermissions = ['deny_two', 'allow_office', 'deny_rdp'].flatMap((n) => permissionsOf(twoDoc.at(`azurerm_network_security_rule.${n}`)!, twoDoc));
    expect(effectiveNsgSources(twoPermissions, 43389, 'tcp')).toEqual([]);
  });

  test('an inline NSG rule is located in its group', () => {
    const json = withResource(azureStack(), 'azurerm_network_security_group', 'rdp', {
      name: 'nsg-rdp',
      resource_group_name: 'rg',
      location: 'westeurope',
      security_rule: [{ ...nsgRuleBody('inline', 300, 'Allow', '198.51.100.7', '50000-50010', 'Udp'), network_security_group_name: undefined }, { ...nsgRuleBody('out', 301, 'Allow', '*'), direction: 'Outbound' }],
    });
    const doc = load(json);
    const perms = permissionsOf(doc.at('azurerm_network_security_group.rdp')!, doc);
    expect(perms).toHaveLength(1);
    expect(perms[0]).toMatchObject({ where: 'security_rule["inline"]', access: 'allow', priority: 300, transport: 'udp', ports: [{ from: 50000, to: 50010 }] });
    expect(perms[0].sources).toEqual([{ kind: SourceKind.PUBLIC, value: '198.51.100.7', prefix: 32, family: 'ipv4' }]);
    expect(effectiveNsgSources(perms, 50005, 'udp').map((e) => e.via)).toEqual([
      'azurerm_network_security_group.rdp security_rule["inline"]',
      'AllowVnetInBound (default rule, priority 65000)',
      'AllowAzureLoadBalancerInBound (default rule, priority 65001)',
    ]);
  });
});

describe('sources.ts: how a rule source is classified', () => {
  const kind = (s: Source): string => `${s.kind}${s.prefix === undefined ? '' : ` /${s.prefix}`}`;

  test.each([
    ['${var.office}', 'unresolved'],
    ['office', 'invalid'],
    [' 10.1.0.0/16 ', 'private /16'],
    ['10.1.2.3', 'private /32'],
    ['10.0.0.0/7', 'public /7'],
    ['172.16.0.0/12', 'private /12'],
    ['192.168.4.0/24', 'private /24'],
    ['100.64.0.0/10', 'private /10'],
    ['100.128.0.0/10', 'public /10'],
    ['0.0.0.0/0', 'world /0'],
    ['fd00::/8', 'private /8'],
    ['2001:db8::/32', 'public /32'],
    ['2001:db8::1', 'public /128'],
  ])('CIDR %p is %s', (value, expected) => {
    expect(kind(classifyCidr(value))).toBe(expected);
  });

  test.each([
    ['${var.source}', 'unresolved'],
    ['*', 'world'],
    [' Internet ', 'world'],
    ['ANY', 'world'],
    ['0.0.0.0/0', 'world'],
    ['::/0', 'world'],
    ['0/0', 'world'],
    ['VirtualNetwork', 'virtual-network'],
    [' virtualnetwork ', 'virtual-network'],
    ['AzureLoadBalancer', 'service-tag'],
    [' AzureLoadBalancer ', 'service-tag'],
    ['Storage.WestEurope', 'service-tag'],
    ['Tag1', 'service-tag'],
    ['AzureCloud', 'public'],
    ['AzureCloud.WestEurope', 'public'],
    ['MyAzureCloud', 'service-tag'],
    ['1Foo', 'invalid'],
    ['Foo-bar', 'invalid'],
    ['10.0.0.1', 'private /32'],
    ['203.0.113.0/24', 'public /24'],
  ])('Azure prefix %p is %s', (value, expected) => {
    expect(kind(classifyAzurePrefix(value))).toBe(expected);
  });

  test('containment of CIDR sources, bare addresses included', () => {
    const c = (v: string): Source => classifyCidr(v);
    expect(cidrContains(c('203.0.113.0/24'), c('203.0.113.0/24'))).toBe(true);
    expect(cidrContains(c('203.0.113.7'), c('203.0.113.7'))).toBe(true);
    expect(cidrContains(c('203.0.113.0/24'), c('203.0.113.7'))).toBe(true);
    expect(cidrContains(c('203.0.113.7'), c('203.0.113.0/24'))).toBe(false);
    expect(cidrContains(c('203.0.113.0/25'), c('203.0.113.128/25'))).toBe(false);
    expect(cidrContains(classifyAzurePrefix('AzureLoadBalancer'), c('203.0.113.7'))).toBe(false);
    expect(cidrContains(c('10.0.0.0/8'), { kind: SourceKind.PUBLIC, value: 'not-an-address', prefix: 32, family: 'ipv4' })).toBe(false);
  });

  test('coverage by a union of CIDR sources: halves, quarters, gaps, families, bare addresses', () => {
    const covered = (inner: string, outers: string[]): boolean => cidrCoveredBy(classifyCidr(inner), outers.map(classifyCidr));
    expect(covered('203.0.113.0/24', ['203.0.113.0/25', '203.0.113.128/25'])).toBe(true);
    expect(covered('203.0.113.0/24', ['203.0.113.128/25', '203.0.113.0/25'])).toBe(true);
    expect(covered('203.0.113.0/24', ['203.0.113.0/25'])).toBe(false);
    expect(covered('203.0.113.0/24', ['203.0.113.0/25', '203.0.113.128/26', '203.0.113.192/26'])).toBe(true);
    expect(covered('203.0.113.0/24', ['203.0.113.0/25', '203.0.113.128/26', '203.0.113.193/32'])).toBe(false);
    expect(covered('203.0.113.0/24', ['203.0.112.0/23'])).toBe(true);
    expect(covered('203.0.113.128/25', ['203.0.113.128/26', '203.0.113.192/26'])).toBe(true);
    expect(covered('203.0.113.7', ['203.0.113.7/32'])).toBe(true);
    expect(covered('203.0.113.6/31', ['203.0.113.6', '203.0.113.7'])).toBe(true);
    expect(covered('2001:db8::/32', ['2001:db8::/33', '2001:db8:8000::/33'])).toBe(true);
    expect(covered('2001:db8::/32', ['2001:db8::/33'])).toBe(false);
    expect(covered('0.0.0.0/0', ['0.0.0.0/1', '128.0.0.0/1'])).toBe(true);
    expect(covered('0.0.0.0/0', ['::/1', '8000::/1'])).toBe(false);
    expect(cidrCoveredBy(classifyAzurePrefix('AzureLoadBalancer'), [classifyCidr('0.0.0.0/0')])).toBe(false);
    expect(covered('203.0.113.0/24', [])).toBe(false);
  });

  test('coverage agrees with asking every address (property, inside one /24)', () => {
    const inside = (last: number, prefix: number): string => `203.0.113.${last & (0xff << (32 - prefix)) & 0xff}/${prefix}`;
    const block = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 })).map(([last, prefix]) => inside(last, prefix));
    const addresses = (cidr: string): number[] => {
      const [base, bits] = cidr.split('/');
      const first = Number(base.split('.')[3]);
      return Array.from({ length: 2 ** (32 - Number(bits)) }, (_, i) => first + i);
    };
    fc.assert(
      fc.property(block, fc.array(block, { maxLength: 6 }), (inner, outers) => {
        const held = new Set(outers.flatMap(addresses));
        const expected = addresses(inner).every((a) => held.has(a));
        expect(cidrCoveredBy(classifyCidr(inner), outers.map(classifyCidr))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('public sources are the world and public ranges', () => {
    expect(['*', '203.0.113.0/24', '10.0.0.0/8', 'VirtualNetwork', 'AzureLoadBalancer', 'AzureCloud'].map((v) => isPublicSource(classifyAzurePrefix(v)))).toEqual([true, true, false, false, false, true]);
  });
});
