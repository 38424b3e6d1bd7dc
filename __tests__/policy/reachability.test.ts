/**
 * The effective reachability model (policy/network/reachability.ts): what each host admits, from
 * which source class, through which resources; the exposure map built on it; and a property test
 * that its Azure NSG evaluation (segments of ports, default rules) equals a brute-force first-match
 * evaluation at every port.
 */
import fc from 'fast-check';
import { entriesAt, reachabilityOf, SourceClass } from '../../policy/network/reachability';
import { ExposurePath, exposureMap } from '../../policy/report/exposure';
import { classifyAzurePrefix, Source } from '../../policy/network/sources';
import { sourceCovers } from '../../policy/network/nsg';
import { awsStack, azureStack, load, patch, TfJson, withResource } from './fixtures/builders';

function host(json: TfJson, address = 'aws_instance.host') {
  const doc = load(json);
  const resource = doc.at(address);
  if (!resource) throw new Error(`no ${address}`);
  return { doc, resource, model: reachabilityOf(resource, doc) };
}

const classesAt = (json: TfJson, port: number, address?: string): string[] => {
  const { model } = host(json, address);
  return [...new Set(entriesAt(model, port, 'tcp').map((e) => `${e.sourceClass}: ${e.label}`))].sort();
};

describe('AWS', () => {
  test('a standalone rule opening 0.0.0.0/0 on the RDP port next to a clean inline group is found, and the map says so', () => {
    const json = withResource(patch(awsStack(), 'aws_security_group', 'rdp', { ingress: [] }), 'aws_security_group_rule', 'oops', { type: 'ingress', security_group_id: '${aws_security_group.rdp.id}', protocol: '6', from_port: 43389, to_port: 43389, cidr_blocks: ['0.0.0.0/0'] });
    expect(classesAt(json, 43389)).toEqual(['public range: 203.0.113.0/24', 'world: 0.0.0.0/0 (everyone)']);
    const [stack] = exposureMap([load(json)]);
    expect(stack.hosts[0].path).toBe(ExposurePath.INTERNET_OPEN);
  });

  test('groups attached through aws_network_interface_sg_attachment count', () => {
    const json = withResource(
      withResource(awsStack(), 'aws_security_group', 'extra', { name: 'extra' }),
      'aws_network_interface_sg_attachment',
      'extra',
      { security_group_id: '${aws_security_group.extra.id}', network_interface_id: '${aws_instance.host.primary_network_interface_id}' },
    );
    const withRule = withResource(json, 'aws_vpc_security_group_ingress_rule', 'winrm', { security_group_id: '${aws_security_group.extra.id}', ip_protocol: 'tcp', from_port: 5985, to_port: 5986, cidr_ipv4: '10.0.0.0/16' });
    expect(classesAt(withRule, 5985)).toEqual(['virtual network: 10.0.0.0/16 (inside VPC aws_vpc.main)']);
  });

  test('a Client VPN endpoint\'s group is the VPN pool; self is the VPC', () => {
    let json = patch(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: undefined, referenced_security_group_id: '${aws_security_group.vpn.id}' });
    json = withResource(json, 'aws_security_group', 'vpn', { name: 'vpn' });
    json = withResource(json, 'aws_ec2_client_vpn_endpoint', 'vpn', { client_cidr_block: '10.250.0.0/22', security_group_ids: ['${aws_security_group.vpn.id}'] });
    json = patch(json, 'aws_security_group', 'rdp', { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true }] });
    expect(classesAt(json, 43389)).toEqual(['VPN pool: security group aws_security_group.vpn (Client VPN endpoint aws_ec2_client_vpn_endpoint.vpn)', 'virtual network: members of the same security group']);
    expect(classesAt(json, 445)).toEqual(['virtual network: members of the same security group']);
  });

  test('a network ACL of the host subnet filters what the groups allow (first match by rule number, implicit deny)', () => {
    const json = withResource(awsStack(), 'aws_network_acl', 'hosts', {
      vpc_id: '${aws_vpc.main.id}',
      subnet_ids: ['${aws_subnet.hosts.id}'],
      ingress: [
        { rule_no: 100, action: 'deny', protocol: 'tcp', from_port: 43389, to_port: 43389, cidr_block: '203.0.113.0/25' },
        { rule_no: 200, action: 'allow', protocol: '-1', from_port: 0, to_port: 0, cidr_block: '0.0.0.0/0' },
      ],
    });
    expect(classesAt(json, 43389)).toEqual(['public range: 203.0.113.0/24']);
    const blocked = patch(json, 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: '203.0.113.0/26' });
    expect(classesAt(blocked, 43389)).toEqual([]);
    expect(host(blocked).model.entries.filter((e) => e.label.startsWith('203.0.113.0/26'))).toEqual([]);
  });

  test('the management path follows the subnet\'s route table, the endpoints and the group egress', () => {
    expect(host(awsStack()).model.management).toEqual({ state: 'yes', via: ['interface endpoints aws_vpc_endpoint.ssm, aws_vpc_endpoint.ssmmessages, aws_vpc_endpoint.ec2messages'] });
    const outside = patch(awsStack(), 'aws_instance', 'host', { subnet_id: 'subnet-0123' });
    expect(host(outside).model.management).toMatchObject({ state: 'unknown', outside: true });
  });
});

describe('Azure', () => {
  // Built inside each test (a fixture built in the describe body would run when the file loads).
  const az = (): TfJson => azureStack();
  const denyRdpOnly = (): TfJson => patch(az(), 'azurerm_network_security_rule', 'deny_rdp', { destination_port_range: '43389' });

  test('VirtualNetwork expands into the VNet, the point-to-site pool, on-premises and peered networks', () => {
    let json = withResource(denyRdpOnly(), 'azurerm_virtual_network_gateway', 'vpn', { vpn_client_configuration: { address_space: ['172.16.200.0/24'] } });
    json = withResource(json, 'azurerm_local_network_gateway', 'office', { address_space: ['192.168.10.0/24'] });
    json = withResource(json, 'azurerm_virtual_network_peering', 'hub', { remote_virtual_network_id: 'hub' });
    expect(classesAt(json, 445, 'azurerm_windows_virtual_machine.host')).toEqual([
      'on-premises: VirtualNetwork: on-premises ranges behind the VPN gateway',
      'peered network: VirtualNetwork: peered VNets',
      'platform: AzureLoadBalancer',
      'virtual network: VirtualNetwork: the VNet',
      `${SourceClass.VPN}: VirtualNetwork: point-to-site pool 172.16.200.0/24`,
    ].sort());
    expect(classesAt(az(), 445, 'azurerm_windows_virtual_machine.host')).toEqual([]);
  });

  test('a rule admitting the Bastion subnet is labelled as Bastion (virtual network class)', () => {
    let json = patch(az(), 'azurerm_network_security_rule', 'allow_office', { source_address_prefix: '10.1.254.0/26' });
    json = withResource(json, 'azurerm_subnet', 'bastion', { name: 'AzureBastionSubnet', address_prefixes: ['10.1.254.0/26'] });
    expect(classesAt(json, 43389, 'azurerm_windows_virtual_machine.host')).toEqual(['virtual network: 10.1.254.0/26 (inside Azure Bastion subnet azurerm_subnet.bastion)']);
  });

  test('the NIC NSG and the subnet NSG must both allow', () => {
    const nic = (json: TfJson, rules: Record<string, unknown>[]): TfJson =>
      withResource(
        withResource(json, 'azurerm_network_security_group', 'nic', { name: 'nic', security_rule: rules.map((r) => ({ direction: 'Inbound', source_port_range: '*', destination_address_prefix: '*', ...r })) }),
        'azurerm_network_interface_security_group_association',
        'nic',
        { network_interface_id: '${azurerm_network_interface.host.id}', network_security_group_id: '${azurerm_network_security_group.nic.id}' },
      );
    const smbOnNic = nic(az(), [{ name: 'smb', priority: 100, access: 'Allow', protocol: 'Tcp', destination_port_range: '445', source_address_prefix: '10.1.0.0/16' }]);
    expect(classesAt(smbOnNic, 445, 'azurerm_windows_virtual_machine.host')).toEqual([]);
    const denyOnNic = nic(denyRdpOnly(), [{ name: 'deny', priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*', source_address_prefix: '*' }]);
    expect(classesAt(denyOnNic, 445, 'azurerm_windows_virtual_machine.host')).toEqual([]);
    expect(classesAt(denyOnNic, 43389, 'azurerm_windows_virtual_machine.host')).toEqual([]);
  });

  /**
   * Brute force: Azure's first-match evaluation of one NSG (explicit rules plus the three defaults) for one candidate
   * source, `covers` telling whether a rule's source covers the candidate.
   */
  function firstMatchOracle(rules: readonly Rule[], covers: (outer: string, candidate: Source) => boolean): (port: number, candidate: Source) => boolean {
    const all = [
      ...rules,
      { priority: 65000, access: 'Allow', from: 0, to: 65535, source: 'VirtualNetwork' },
      { priority: 65001, access: 'Allow', from: 0, to: 65535, source: 'AzureLoadBalancer' },
      { priority: 65500, access: 'Deny', from: 0, to: 65535, source: '*' },
    ].sort((a, b) => a.priority - b.priority);
    return (port, candidate) => all.find((r) => r.from <= port && port <= r.to && covers(r.source, candidate))?.access === 'Allow';
  }

  interface Rule {
    readonly priority: number;
    readonly access: 'Allow' | 'Deny';
    readonly from: number;
    readonly to: number;
    readonly source: string;
  }

  const SOURCES = ['*', 'VirtualNetwork', 'Internet', '10.1.0.0/16', '10.1.5.0/24', '203.0.113.0/24', 'AzureLoadBalancer'];
  const rule = fc.record({
    access: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'),
    from: fc.integer({ min: 0, max: 700 }),
    width: fc.integer({ min: 0, max: 300 }),
    source: fc.constantFrom(...SOURCES),
  });

  // Sound, never blind: every source Azure's first-match evaluation admits at a port is covered by
  // something the model reports at that port. (The model may over-report when a deny covers only part
  // of an allowed range: it keeps the range, which errs on the side of exposure.)
  test('property: at every port the model covers every source a first-match evaluation admits', () => {
    // Classifications and `sourceCovers` answers depend only on the sources, so each is computed once per test, not
    // again for every port, candidate and run.
    const texts = new Map<string, Source>();
    const classified = (text: string): Source => texts.get(text) ?? (texts.set(text, classifyAzurePrefix(text)), texts.get(text)!);
    const answers = new WeakMap<Source, WeakMap<Source, boolean>>();
    const covers = (outer: Source, inner: Source): boolean => {
      let row = answers.get(outer);
      if (!row) answers.set(outer, (row = new WeakMap()));
      let answer = row.get(inner);
      if (answer === undefined) row.set(inner, (answer = sourceCovers(outer, inner)));
      return answer;
    };
    const candidates = [...new Set([...SOURCES, '10.1.5.7/32', '198.51.100.1/32'])].map(classified);
    let base = withResource(azureStack(), 'azurerm_network_security_rule', 'allow_office', undefined);
    base = withResource(base, 'azurerm_network_security_rule', 'deny_rdp', undefined);
    // The hardening script plays no part in the NSG evaluation; without it the model skips evaluating it.
    base = withResource(base, 'azurerm_virtual_machine_run_command', 'harden', undefined);
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 1100 }), { minLength: 5, maxLength: 20 }), (raw, ports) => {
        const rules: Rule[] = raw.map((r, i) => ({ priority: 100 + i * 10, access: r.access, from: r.from, to: Math.min(65535, r.from + r.width), source: r.source }));
        const security_rule = rules.map((r, i) => ({ name: `r${i}`, priority: r.priority, direction: 'Inbound', access: r.access, protocol: 'Tcp', source_port_range: '*', destination_port_range: r.from === r.to ? String(r.from) : `${r.from}-${r.to}`, source_address_prefix: r.source, destination_address_prefix: '*' }));
        const json = patch(base, 'azurerm_network_security_group', 'rdp', { security_rule });
        const { model } = host(json, 'azurerm_windows_virtual_machine.host');
        const firstMatchAllows = firstMatchOracle(rules, (outer, c) => covers(classified(outer), c));
        const boundaries = rules.flatMap((r) => [r.from - 1, r.from, r.to, r.to + 1]).filter((p) => p >= 0);
        for (const port of [...ports, ...boundaries]) {
          const admitted = entriesAt(model, port, 'tcp').map((e) => e.source);
          const allows = (c: Source): boolean => firstMatchAllows(port, c);
          for (const c of candidates) {
            if (allows(c) && !admitted.some((a) => covers(a, c))) return false;
          }
          // And never invents a source: whatever it admits is admitted by a first match somewhere inside it.
          for (const a of admitted) if (!allows(a) && !candidates.some((c) => covers(a, c) && allows(c))) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
