/**
 * Hosts and what filters them (policy/network/hosts.ts), asked as a reviewer would (issue #20, mutation
 * testing): which security groups guard this instance, does it get a public address and from what, which
 * port is its RDP port, what reaches that port. Every document is built inside its test.
 */
import { AccessMode } from '../../policy/resource';
import {
  awsSecurityGroupsOf,
  azureNicsOf,
  azureNsgLayersOf,
  DEFAULT_RDP_PORT,
  filtersOf,
  hasUnreadableNetwork,
  HOST_TYPES,
  isHost,
  openedPortsOf,
  publicAddressOf,
  rdpPortsOf,
  rdpPortsOfDocument,
} from '../../policy/network/hosts';
import { awsStack, azureStack, load, only, patch, script, TfJson, withResource } from './fixtures/builders';
import { reach, unreadableField } from './mutation-helpers';

const AWS_HOST = 'aws_instance.host';
const AZ_HOST = 'azurerm_windows_virtual_machine.host';

/** The document and the resource at `address`. */
function at(json: TfJson, address: string) {
  const doc = load(json);
  const r = doc.at(address);
  if (!r) throw new Error(`no ${address}`);
  return { doc, r };
}

const groupsOf = (json: TfJson, address = AWS_HOST): string[] => {
  const { doc, r } = at(json, address);
  return awsSecurityGroupsOf(r, doc).map((g) => g.address);
};

const publicOf = (json: TfJson, address = AWS_HOST): string => {
  const { doc, r } = at(json, address);
  const p = publicAddressOf(r, doc);
  return `${p.state}: ${p.via.join('; ')}`;
};

describe('hosts.ts: which resources are RDP hosts, and their RDP port', () => {
  test('AWS instances and Azure Windows VMs are hosts; a Linux VM is not', () => {
    expect(HOST_TYPES).toEqual(['aws_instance', 'azurerm_windows_virtual_machine']);
    const doc = load(only({ aws_instance: { a: {} }, azurerm_windows_virtual_machine: { w: {} }, azurerm_linux_virtual_machine: { l: {} } }));
    expect(doc.resources.filter(isHost).map((r) => r.address)).toEqual(['aws_instance.a', 'azurerm_windows_virtual_machine.w']);
    expect(DEFAULT_RDP_PORT).toBe(3389);
  });

  test('the RDP port is what the delivered script writes, else 3389; the document\'s RDP ports are 3389 and every host\'s, sorted', () => {
    const { doc, r } = at(awsStack(), AWS_HOST);
    expect(rdpPortsOf(r, doc)).toEqual([43389]);
    const bare = at(patch(awsStack(), 'aws_instance', 'host', { user_data: undefined }), AWS_HOST);
    expect(rdpPortsOf(bare.r, bare.doc)).toEqual([3389]);
    let json = patch(awsStack(), 'aws_instance', 'host', { user_data: `<powershell>\n${script({ port: 50000 })}\n</powershell>` });
    json = withResource(json, 'aws_instance', 'second', { ...awsStack().resource.aws_instance.host, user_data: `<powershell>\n${script({ port: 41000 })}\n</powershell>` });
    json = withResource(json, 'aws_instance', 'unreadable', { user_data: '${var.user_data}' });
    expect(rdpPortsOfDocument(load(json))).toEqual([3389, 41000, 50000]);
    expect(rdpPortsOfDocument(load(only({})))).toEqual([3389]);
    // A run command for a VM outside the document configures no host of this document.
    const orphan = withResource(awsStack(), 'azurerm_virtual_machine_run_command', 'x', { virtual_machine_id: 'vm-outside', source: { script: script({ port: 41002 }) } });
    expect(rdpPortsOfDocument(load(orphan))).toEqual([3389, 43389]);
  });
});

describe('hosts.ts: the security groups that guard an AWS instance', () => {
  test('groups named by the instance, by its network interfaces, by attachments and by its launch template, each once', () => {
    let json = awsStack();
    json = withResource(json, 'aws_security_group', 'legacy', { name: 'legacy' });
    json = withResource(json, 'aws_security_group', 'eni', { name: 'eni' });
    json = withResource(json, 'aws_security_group', 'eniAttached', { name: 'eniAttached' });
    json = withResource(json, 'aws_security_group', 'hostAttached', { name: 'hostAttached' });
    json = withResource(json, 'aws_security_group', 'lt', { name: 'lt' });
    json = withResource(json, 'aws_security_group', 'ltNic', { name: 'ltNic' });
    json = withResource(json, 'aws_default_security_group', 'default', { vpc_id: '${aws_vpc.main.id}' });
    json = withResource(json, 'aws_network_interface', 'extra', { subnet_id: '${aws_subnet.hosts.id}', security_groups: ['${aws_security_group.eni.id}', '${aws_security_group.rdp.id}'] });
    json = withResource(json, 'aws_network_interface_sg_attachment', 'toEni', { security_group_id: '${aws_security_group.eniAttached.id}', network_interface_id: '${aws_network_interface.extra.id}' });
    json = withResource(json, 'aws_network_interface_sg_attachment', 'toHost', { security_group_id: '${aws_security_group.hostAttached.id}', network_interface_id: '${aws_instance.host.primary_network_interface_id}' });
    json = withResource(json, 'aws_network_interface_sg_attachment', 'outside', { security_group_id: 'sg-outside', network_interface_id: '${aws_instance.host.primary_network_interface_id}' });
    json = withResource(json, 'aws_launch_template', 'lt', { vpc_security_group_ids: ['${aws_security_group.lt.id}'], network_interfaces: [{ security_groups: ['${aws_security_group.ltNic.id}', '${aws_default_security_group.default.id}'] }] });
    json = patch(json, 'aws_instance', 'host', {
      security_groups: ['${aws_security_group.legacy.id}'],
      network_interface: [{ network_interface_id: '${aws_network_interface.extra.id}', device_index: 1 }],
      launch_template: { id: '${aws_launch_template.lt.id}' },
    });
    expect(groupsOf(json)).toEqual([
      'aws_security_group.rdp',
      'aws_security_group.legacy',
      'aws_security_group.eni',
      'aws_security_group.eniAttached',
      'aws_security_group.hostAttached',
      'aws_security_group.lt',
      'aws_security_group.ltNic',
      'aws_default_security_group.default',
    ]);
    const defaults = withResource(awsStack(), 'aws_default_security_group', 'default', { vpc_id: '${aws_vpc.main.id}' });
    const d = '${aws_default_security_group.default.id}';
    expect(groupsOf(patch(defaults, 'aws_instance', 'host', { vpc_security_group_ids: [d] }))).toEqual(['aws_default_security_group.default']);
    expect(groupsOf(patch(defaults, 'aws_instance', 'host', { vpc_security_group_ids: undefined, security_groups: [d] }))).toEqual(['aws_default_security_group.default']);
    const attachedDefault = withResource(patch(defaults, 'aws_instance', 'host', { vpc_security_group_ids: undefined }), 'aws_network_interface_sg_attachment', 'a', { security_group_id: d, network_interface_id: '${aws_instance.host.primary_network_interface_id}' });
    expect(groupsOf(attachedDefault)).toEqual(['aws_default_security_group.default']);
    const eniDefault = withResource(patch(defaults, 'aws_instance', 'host', { vpc_security_group_ids: undefined, network_interface: [{ network_interface_id: '${aws_network_interface.e.id}' }] }), 'aws_network_interface', 'e', { security_groups: [d] });
    expect(groupsOf(eniDefault)).toEqual(['aws_default_security_group.default']);
    const ltDefault = withResource(patch(defaults, 'aws_instance', 'host', { vpc_security_group_ids: undefined, launch_template: { id: '${aws_launch_template.lt.id}' } }), 'aws_launch_template', 'lt', { vpc_security_group_ids: [d] });
    expect(groupsOf(ltDefault)).toEqual(['aws_default_security_group.default']);
    const byName = patch(json, 'aws_instance', 'host', { launch_template: [{ name: '${aws_launch_template.lt.name}' }] });
    expect(groupsOf(byName)).toContain('aws_security_group.lt');
    const notTemplate = patch(json, 'aws_instance', 'host', { launch_template: { id: '${aws_security_group.lt.id}' } });
    expect(groupsOf(notTemplate)).not.toContain('aws_security_group.ltNic');
    const outsideEni = patch(json, 'aws_instance', 'host', { network_interface: [{ network_interface_id: 'eni-0123', device_index: 1 }], launch_template: undefined });
    expect(groupsOf(outsideEni)).toEqual(['aws_security_group.rdp', 'aws_security_group.legacy', 'aws_security_group.hostAttached']);
  });

  test('an unreadable group list makes the answer unknown and names the field', () => {
    const base = awsStack();
    expect(unreadableField(() => groupsOf(patch(base, 'aws_instance', 'host', { vpc_security_group_ids: ['${var.sg}'] })))).toBe('vpc_security_group_ids[0]');
    expect(unreadableField(() => groupsOf(patch(base, 'aws_instance', 'host', { security_groups: ['${var.sg}'] })))).toBe('security_groups[0]');
    expect(unreadableField(() => groupsOf(patch(base, 'aws_instance', 'host', { network_interface: '${var.nics}' })))).toBe('network_interface');
    expect(unreadableField(() => groupsOf(patch(base, 'aws_instance', 'host', { network_interface: [{ network_interface_id: '${var.eni}' }] })))).toBe('network_interface.network_interface_id');
    const eni = withResource(base, 'aws_network_interface', 'extra', { security_groups: ['${var.sg}'] });
    expect(unreadableField(() => groupsOf(patch(eni, 'aws_instance', 'host', { network_interface: [{ network_interface_id: '${aws_network_interface.extra.id}' }] })))).toBe('aws_network_interface.extra.security_groups[0]');
    const attached = withResource(base, 'aws_network_interface_sg_attachment', 'a', { security_group_id: '${var.sg}', network_interface_id: '${aws_instance.host.primary_network_interface_id}' });
    expect(unreadableField(() => groupsOf(attached))).toBe('security_group_id');
    expect(unreadableField(() => groupsOf(patch(base, 'aws_instance', 'host', { launch_template: '${var.lt}' })))).toBe('launch_template');
    const lt = (body: Record<string, unknown>) => patch(withResource(base, 'aws_launch_template', 'lt', body), 'aws_instance', 'host', { launch_template: { id: '${aws_launch_template.lt.id}' } });
    expect(unreadableField(() => groupsOf(lt({ vpc_security_group_ids: ['${var.sg}'] })))).toBe('aws_launch_template.lt.vpc_security_group_ids[0]');
    expect(unreadableField(() => groupsOf(lt({ network_interfaces: '${var.n}' })))).toBe('aws_launch_template.lt.network_interfaces');
    expect(unreadableField(() => groupsOf(lt({ network_interfaces: [{ security_groups: ['${var.sg}'] }] })))).toBe('aws_launch_template.lt.network_interfaces.security_groups[0]');
  });

  test('hasUnreadableNetwork: a group list or NIC list the document cannot follow', () => {
    const unreadable = (json: TfJson, address: string) => {
      const { doc, r } = at(json, address);
      return hasUnreadableNetwork(r, doc);
    };
    expect(unreadable(awsStack(), AWS_HOST)).toBe(false);
    expect(unreadable(patch(awsStack(), 'aws_instance', 'host', { vpc_security_group_ids: ['${aws_security_group.rdp.id}', '${var.extra}'] }), AWS_HOST)).toBe(true);
    expect(unreadable(patch(awsStack(), 'aws_instance', 'host', { vpc_security_group_ids: '${var.groups}' }), AWS_HOST)).toBe(true);
    expect(unreadable(patch(awsStack(), 'aws_instance', 'host', { vpc_security_group_ids: '${aws_security_group.rdp.id}' }), AWS_HOST)).toBe(false);
    expect(unreadable(patch(awsStack(), 'aws_instance', 'host', { security_groups: ['${var.extra}'] }), AWS_HOST)).toBe(true);
    expect(unreadable(patch(awsStack(), 'aws_instance', 'host', { network_interface_ids: ['${var.extra}'] }), AWS_HOST)).toBe(false);
    expect(unreadable(azureStack(), AZ_HOST)).toBe(false);
    expect(unreadable(patch(azureStack(), 'azurerm_windows_virtual_machine', 'host', { network_interface_ids: ['${var.nic}'] }), AZ_HOST)).toBe(true);
    expect(unreadable(patch(azureStack(), 'azurerm_windows_virtual_machine', 'host', { vpc_security_group_ids: ['${var.nic}'] }), AZ_HOST)).toBe(false);
  });
});

describe('hosts.ts: does the host get a public address, and from what', () => {
  test('AWS: Elastic IPs on the instance or its interfaces, and associate_public_ip_address', () => {
    expect(publicOf(awsStack())).toBe('no: ');
    let json = withResource(awsStack(), 'aws_eip', 'direct', { instance: '${aws_instance.host.id}' });
    json = withResource(json, 'aws_eip_association', 'assoc', { instance_id: '${aws_instance.host.id}', allocation_id: 'eipalloc-1' });
    json = withResource(json, 'aws_eip', 'other', { instance: 'i-0123' });
    expect(publicOf(json)).toBe('yes: aws_eip.direct; aws_eip_association.assoc');
    let eni = withResource(awsStack(), 'aws_network_interface', 'extra', { subnet_id: '${aws_subnet.hosts.id}' });
    eni = patch(eni, 'aws_instance', 'host', { network_interface: [{ network_interface_id: '${aws_network_interface.extra.id}', device_index: 0 }], subnet_id: undefined, associate_public_ip_address: undefined });
    eni = withResource(eni, 'aws_eip', 'onEni', { network_interface: '${aws_network_interface.extra.id}' });
    eni = withResource(eni, 'aws_eip', 'onPrimary', { network_interface: '${aws_instance.host.primary_network_interface_id}' });
    eni = withResource(eni, 'aws_eip_association', 'eniAssoc', { network_interface_id: '${aws_network_interface.extra.id}' });
    eni = withResource(eni, 'aws_eip_association', 'hostAssoc', { network_interface_id: '${aws_instance.host.primary_network_interface_id}' });
    eni = withResource(eni, 'aws_eip_association', 'elsewhere', { network_interface_id: 'eni-0123' });
    expect(publicOf(eni)).toBe('yes: aws_eip.onEni; aws_eip.onPrimary; aws_eip_association.eniAssoc; aws_eip_association.hostAssoc');
    const onlyEni = patch(eni, 'aws_instance', 'host', {});
    expect(publicOf(withResource(withResource(withResource(withResource(onlyEni, 'aws_eip', 'onEni', undefined), 'aws_eip', 'onPrimary', undefined), 'aws_eip_association', 'eniAssoc', undefined), 'aws_eip_association', 'hostAssoc', undefined))).toBe('no: ');
  });

  test('AWS: associate_public_ip_address, then the subnet\'s map_public_ip_on_launch, then what the document cannot tell', () => {
    const host = (attributes: Record<string, unknown>, subnet: Record<string, unknown> = {}) => patch(patch(awsStack(), 'aws_subnet', 'hosts', subnet), 'aws_instance', 'host', attributes);
    expect(publicOf(host({ associate_public_ip_address: true }))).toBe('yes: associate_public_ip_address = true');
    expect(publicOf(host({ associate_public_ip_address: 'true' }))).toBe('yes: associate_public_ip_address = true');
    expect(publicOf(host({ associate_public_ip_address: '${var.public}' }))).toBe('unknown: associate_public_ip_address is an expression');
    expect(publicOf(host({ associate_public_ip_address: false }, { map_public_ip_on_launch: true }))).toBe('no: ');
    expect(publicOf(host({ associate_public_ip_address: undefined }, { map_public_ip_on_launch: true }))).toBe('yes: aws_subnet.hosts map_public_ip_on_launch = true');
    expect(publicOf(host({ associate_public_ip_address: null }, { map_public_ip_on_launch: 'true' }))).toBe('yes: aws_subnet.hosts map_public_ip_on_launch = true');
    expect(publicOf(host({ associate_public_ip_address: undefined }, { map_public_ip_on_launch: false }))).toBe('no: ');
    expect(publicOf(host({ associate_public_ip_address: undefined }, { map_public_ip_on_launch: '${var.map}' }))).toBe('unknown: aws_subnet.hosts map_public_ip_on_launch is an expression');
    expect(publicOf(host({ associate_public_ip_address: undefined, subnet_id: undefined }))).toBe('unknown: no subnet_id: default-VPC subnets assign public IPs; set associate_public_ip_address = false');
    expect(publicOf(host({ associate_public_ip_address: undefined, subnet_id: null }))).toBe('unknown: no subnet_id: default-VPC subnets assign public IPs; set associate_public_ip_address = false');
    expect(publicOf(host({ associate_public_ip_address: undefined, subnet_id: 'subnet-0123' }))).toBe('unknown: its subnet is outside this document and may map public IPs; set associate_public_ip_address = false');
    expect(publicOf(host({ associate_public_ip_address: undefined, subnet_id: '${aws_vpc.main.id}' }))).toBe('unknown: its subnet is outside this document and may map public IPs; set associate_public_ip_address = false');
    const eip = withResource(host({ associate_public_ip_address: '${var.public}' }), 'aws_eip', 'e', { instance: '${aws_instance.host.id}' });
    expect(publicOf(eip)).toBe('yes: aws_eip.e');
    expect(unreadableField(() => publicOf(host({ associate_public_ip_address: 'maybe' })))).toBe('associate_public_ip_address');
    expect(unreadableField(() => publicOf(host({ associate_public_ip_address: undefined }, { map_public_ip_on_launch: 'maybe' })))).toBe('map_public_ip_on_launch');
    expect(unreadableField(() => publicOf(host({ network_interface: '${var.nics}' })))).toBe('network_interface');
    const literalEni = withResource(host({ network_interface: [{ network_interface_id: 'eni-0123' }] }), 'aws_eip', 'elsewhere', { network_interface: 'eni-0456' });
    expect(publicOf(literalEni)).toBe('no: ');
    expect(publicOf(withResource(literalEni, 'aws_eip', 'onHost', { network_interface: '${aws_instance.host.primary_network_interface_id}' }))).toBe('yes: aws_eip.onHost');
  });

  test('Azure: a public IP on any IP configuration of any NIC', () => {
    expect(publicOf(azureStack(), AZ_HOST)).toBe('no: ');
    const ip = (ipc: Record<string, unknown>[]) => patch(azureStack(), 'azurerm_network_interface', 'host', { ip_configuration: ipc });
    const first = { name: 'ip', subnet_id: '${azurerm_subnet.hosts.id}' };
    const withPip = withResource(ip([first, { ...first, name: 'ip2', public_ip_address_id: '${azurerm_public_ip.pip.id}' }]), 'azurerm_public_ip', 'pip', { name: 'pip' });
    expect(publicOf(withPip, AZ_HOST)).toBe('yes: azurerm_network_interface.host → azurerm_public_ip.pip');
    expect(publicOf(ip([{ ...first, public_ip_address_id: '/subscriptions/x/publicIPAddresses/pip' }]), AZ_HOST)).toBe('yes: azurerm_network_interface.host public_ip_address_id');
    expect(publicOf(ip([{ ...first, public_ip_address_id: '' }, { ...first, public_ip_address_id: null }]), AZ_HOST)).toBe('no: ');
    expect(unreadableField(() => publicOf(patch(azureStack(), 'azurerm_network_interface', 'host', { ip_configuration: '${var.ipc}' }), AZ_HOST))).toBe('ip_configuration');
  });
});

describe('hosts.ts: Azure NICs and NSG layers', () => {
  test('the subnet NSGs of every IP configuration and the NIC NSGs, each once; filtersOf lists both', () => {
    let json = azureStack();
    json = withResource(json, 'azurerm_subnet', 'second', { name: 'second', address_prefixes: ['10.1.2.0/24'] });
    json = withResource(json, 'azurerm_network_security_group', 'nic', { name: 'nic' });
    json = withResource(json, 'azurerm_network_security_group', 'second', { name: 'second' });
    json = withResource(json, 'azurerm_subnet_network_security_group_association', 'second', { subnet_id: '${azurerm_subnet.second.id}', network_security_group_id: '${azurerm_network_security_group.second.id}' });
    json = withResource(json, 'azurerm_subnet_network_security_group_association', 'outside', { subnet_id: '${azurerm_subnet.second.id}', network_security_group_id: 'nsg-outside' });
    json = withResource(json, 'azurerm_network_interface_security_group_association', 'nic', { network_interface_id: '${azurerm_network_interface.host.id}', network_security_group_id: '${azurerm_network_security_group.nic.id}' });
    json = withResource(json, 'azurerm_network_interface_security_group_association', 'outside', { network_interface_id: '${azurerm_network_interface.host.id}', network_security_group_id: 'nsg-outside' });
    json = patch(json, 'azurerm_network_interface', 'host', {
      ip_configuration: [
        { name: 'a', subnet_id: '${azurerm_subnet.hosts.id}' },
        { name: 'b', subnet_id: '${azurerm_subnet.second.id}' },
        { name: 'c', subnet_id: '${azurerm_subnet.hosts.id}' },
        { name: 'd', subnet_id: 'subnet-outside' },
      ],
    });
    const { doc, r } = at(json, AZ_HOST);
    const [nic] = azureNicsOf(r, doc);
    expect(nic.address).toBe('azurerm_network_interface.host');
    const layers = azureNsgLayersOf(nic, doc);
    expect({ subnet: layers.subnet.map((n) => n.address), nic: layers.nic.map((n) => n.address) }).toEqual({
      subnet: ['azurerm_network_security_group.rdp', 'azurerm_network_security_group.second'],
      nic: ['azurerm_network_security_group.nic'],
    });
    expect(filtersOf(r, doc).map((n) => n.address)).toEqual(['azurerm_network_security_group.rdp', 'azurerm_network_security_group.second', 'azurerm_network_security_group.nic']);
    const aws = at(awsStack(), AWS_HOST);
    expect(filtersOf(aws.r, aws.doc).map((g) => g.address)).toEqual(['aws_security_group.rdp']);
  });

  test('an unreadable NIC or subnet reference makes the answer unknown and names the field', () => {
    const nicOf = (json: TfJson) => {
      const { doc, r } = at(json, AZ_HOST);
      return azureNicsOf(r, doc).map((n) => azureNsgLayersOf(n, doc));
    };
    expect(unreadableField(() => nicOf(patch(azureStack(), 'azurerm_windows_virtual_machine', 'host', { network_interface_ids: ['${var.nic}'] })))).toBe('network_interface_ids[0]');
    expect(unreadableField(() => nicOf(patch(azureStack(), 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'x', subnet_id: '${var.subnet}' }] })))).toBe('ip_configuration.subnet_id');
    expect(unreadableField(() => nicOf(patch(azureStack(), 'azurerm_network_interface', 'host', { ip_configuration: '${var.ipc}' })))).toBe('ip_configuration');
    const assoc = (type: string, body: Record<string, unknown>) => nicOf(withResource(azureStack(), type, 'x', body));
    expect(unreadableField(() => assoc('azurerm_network_interface_security_group_association', { network_interface_id: '${azurerm_network_interface.host.id}', network_security_group_id: '${var.nsg}' }))).toBe('network_security_group_id');
    expect(unreadableField(() => assoc('azurerm_subnet_network_security_group_association', { subnet_id: '${azurerm_subnet.hosts.id}', network_security_group_id: '${var.nsg}' }))).toBe('network_security_group_id');
  });
});

describe('hosts.ts: what reaches the RDP port, and which single ports the filters open', () => {
  test('each source and rule once per transport; a Session Manager host is reached through its tunnel on the pinned port only', () => {
    const twice = withResource(awsStack(), 'aws_security_group_rule', 'again', { type: 'ingress', security_group_id: '${aws_security_group.rdp.id}', protocol: 'tcp', from_port: 43000, to_port: 44000, cidr_blocks: ['203.0.113.0/24', '203.0.113.0/24'] });
    expect(reach(twice, AWS_HOST, 43389)).toEqual(['tcp 203.0.113.0/24 via aws_security_group_rule.again', 'tcp 203.0.113.0/24 via aws_vpc_security_group_ingress_rule.office']);
    const content = (port: string) => JSON.stringify({ sessionType: 'Port', properties: { portNumber: port } });
    let ssm = withResource(awsStack(), 'aws_vpc_security_group_ingress_rule', 'office', undefined);
    ssm = withResource(ssm, 'aws_ssm_document', 'rdp', { document_type: 'Session', content: content('43389') });
    ssm = withResource(ssm, 'aws_ssm_document', 'other', { document_type: 'Session', content: content('5985') });
    const tunnel = 'tcp Session Manager agent (host loopback 127.0.0.1, ::1) via Session Manager port forwarding (aws_ssm_document.rdp)';
    expect(reach(patch(ssm, 'aws_instance', 'host', { tags: { 'rdp-access-mode': AccessMode.SESSION_MANAGER } }), AWS_HOST, 43389)).toEqual([tunnel]);
    expect(reach(patch(ssm, 'aws_instance', 'host', { tags: { 'rdp-access-mode': AccessMode.SESSION_MANAGER } }), AWS_HOST, 3389)).toEqual([]);
    expect(reach(patch(ssm, 'aws_instance', 'host', { tags: { 'rdp-access-mode': AccessMode.VPN_ONLY } }), AWS_HOST, 43389)).toEqual([]);
    expect(reach(ssm, AWS_HOST, 43389)).toEqual([]);
    const two = withResource(awsStack(), 'aws_security_group_rule', 'two', { type: 'ingress', security_group_id: '${aws_security_group.rdp.id}', protocol: 'tcp', from_port: 43389, to_port: 43389, cidr_blocks: ['198.51.100.0/24', '192.0.2.0/24'] });
    expect(reach(two, AWS_HOST, 43389)).toEqual(['tcp 192.0.2.0/24 via aws_security_group_rule.two', 'tcp 198.51.100.0/24 via aws_security_group_rule.two', 'tcp 203.0.113.0/24 via aws_vpc_security_group_ingress_rule.office']);
    let azureSsm = withResource(azureStack(), 'aws_ssm_document', 'rdp', { document_type: 'Session', content: content('43389') });
    azureSsm = patch(azureSsm, 'azurerm_windows_virtual_machine', 'host', { tags: { 'rdp-access-mode': AccessMode.SESSION_MANAGER } });
    expect(reach(azureSsm, AZ_HOST, 43389)).toEqual(['tcp 203.0.113.0/24 via azurerm_network_security_rule.allow_office']);
  });

  test('openedPortsOf: the single ports of allow rules with a known transport, sorted; ranges, denies and other protocols are not candidates', () => {
    let json = withResource(awsStack(), 'aws_security_group_rule', 'winrm', { type: 'ingress', security_group_id: '${aws_security_group.rdp.id}', protocol: 'tcp', from_port: 5985, to_port: 5986, cidr_blocks: ['10.0.0.0/16'] });
    json = withResource(json, 'aws_security_group_rule', 'icmp', { type: 'ingress', security_group_id: '${aws_security_group.rdp.id}', protocol: 'icmp', from_port: 8, to_port: 8, cidr_blocks: ['10.0.0.0/16'] });
    json = withResource(json, 'aws_security_group_rule', 'udp', { type: 'ingress', security_group_id: '${aws_security_group.rdp.id}', protocol: 'udp', from_port: 3391, to_port: 3391, cidr_blocks: ['10.0.0.0/16'] });
    const { doc, r } = at(json, AWS_HOST);
    expect(openedPortsOf(r, doc)).toEqual([3391, 43389]);
    const az = at(withResource(azureStack(), 'azurerm_network_security_rule', 'deny_one', { name: 'deny-one', network_security_group_name: '${azurerm_network_security_group.rdp.name}', priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', destination_port_range: '22', source_address_prefix: '*' }), AZ_HOST);
    expect(openedPortsOf(az.r, az.doc)).toEqual([43389]);
  });
});
