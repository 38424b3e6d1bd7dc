/**
 * Windows hosts in a document and how they can be reached: which security groups / NSGs filter
 * them, whether they have a public address, which port RDP listens on, and which sources the
 * filters let through to it. Shared by the host rules and the reviewer's exposure map.
 */
import { PolicyDocument } from '../document';
import { SynthResource } from '../resource';
import { block, blocks, bool, isUnresolved } from '../values';
import { guestHardeningOf } from '../guest/profile';
import { permissionsOfGroup } from './ingress';
import { entriesAt, reachabilityOf } from './reachability';
import { Source } from './sources';
import { portForwardingDocuments, SESSION_MANAGER_SOURCE } from './zero-inbound';
import { AccessMode } from '../resource';

/** Terraform types reviewed as RDP hosts. */
export const HOST_TYPES: readonly string[] = ['aws_instance', 'azurerm_windows_virtual_machine'];

/** The Windows default RDP port. */
export const DEFAULT_RDP_PORT = 3389;

/** True for a resource reviewed as an RDP host. */
export function isHost(resource: SynthResource): boolean {
  return HOST_TYPES.includes(resource.type);
}

/** Whether a host has a public address. */
export interface PublicAddress {
  /** `yes`, `no`, or `unknown` when the document cannot tell. */
  readonly state: 'yes' | 'no' | 'unknown';
  /** What gives it (or may give it) the address. */
  readonly via: readonly string[];
}

/** A source that can reach a host's port, and the rule that lets it. */
export interface Reach {
  /** The source. */
  readonly source: Source;
  /** `tcp` or `udp`. */
  readonly transport: 'tcp' | 'udp';
  /** Label of the admitting rule. */
  readonly via: string;
}

/**
 * Ports the host's RDP listener is configured for: the `PortNumber` each delivered script's body
 * leaves (evaluated, not the manifest's claim), else 3389 (Windows' default; a body whose port
 * cannot be told is reported UNKNOWN by RDP-GUEST-PORT-MISMATCH).
 */
export function rdpPortsOf(host: SynthResource, doc: PolicyDocument): number[] {
  const ports = guestHardeningOf(host, doc).profiles.flatMap((p) => p.portNumbersInScript);
  return ports.length > 0 ? [...new Set(ports)] : [DEFAULT_RDP_PORT];
}

const documentPorts = new WeakMap<PolicyDocument, number[]>();

/** Every port that is an RDP port somewhere in the document: 3389 and each host's configured port. */
export function rdpPortsOfDocument(doc: PolicyDocument): number[] {
  let ports = documentPorts.get(doc);
  if (!ports) {
    const set = new Set<number>([DEFAULT_RDP_PORT]);
    for (const host of doc.resources.filter(isHost)) {
      try {
        rdpPortsOf(host, doc).forEach((p) => set.add(p));
      } catch {
        // A host whose scripts cannot be read adds no port; its own rules report UNKNOWN.
      }
    }
    ports = [...set].sort((a, b) => a - b);
    documentPorts.set(doc, ports);
  }
  return ports;
}

/** AWS: the security groups attached to an instance (directly or through its network interfaces). */
export function awsSecurityGroupsOf(host: SynthResource, doc: PolicyDocument): SynthResource[] {
  const groups = [
    ...doc.followAll(host.body.vpc_security_group_ids, 'vpc_security_group_ids', host, 'aws_security_group', 'aws_default_security_group'),
    ...doc.followAll(host.body.security_groups, 'security_groups', host, 'aws_security_group', 'aws_default_security_group'),
  ];
  for (const nic of blocks(host.body.network_interface, 'network_interface')) {
    const eni = doc.follow(nic.network_interface_id, 'network_interface.network_interface_id', host, 'aws_network_interface');
    if (eni) {
      groups.push(...doc.followAll(eni.body.security_groups, `${eni.address}.security_groups`, eni, 'aws_security_group', 'aws_default_security_group'));
      groups.push(...attachedGroups(eni, doc));
    }
  }
  // `aws_network_interface_sg_attachment` on the instance's primary interface.
  groups.push(...attachedGroups(host, doc));
  // A launch template's groups apply when the instance names none itself.
  const template = block(host.body.launch_template, 'launch_template');
  const lt = template ? doc.resolve(template.id ?? template.name, host) : undefined;
  if (lt?.type === 'aws_launch_template') {
    groups.push(...doc.followAll(lt.body.vpc_security_group_ids, `${lt.address}.vpc_security_group_ids`, lt, 'aws_security_group', 'aws_default_security_group'));
    for (const n of blocks(lt.body.network_interfaces, `${lt.address}.network_interfaces`)) {
      groups.push(...doc.followAll(n.security_groups, `${lt.address}.network_interfaces.security_groups`, lt, 'aws_security_group', 'aws_default_security_group'));
    }
  }
  return unique(groups);
}

function attachedGroups(target: SynthResource, doc: PolicyDocument): SynthResource[] {
  return doc
    .referrers(target, 'aws_network_interface_sg_attachment', 'network_interface_id')
    .map((a) => doc.follow(a.body.security_group_id, 'security_group_id', a, 'aws_security_group', 'aws_default_security_group'))
    .filter((g): g is SynthResource => g !== undefined);
}

/** Azure: the network interfaces of a VM. */
export function azureNicsOf(host: SynthResource, doc: PolicyDocument): SynthResource[] {
  return doc.followAll(host.body.network_interface_ids, 'network_interface_ids', host, 'azurerm_network_interface');
}

/** Azure: the NSGs that filter a NIC, as layers (subnet NSGs, then NIC NSGs); traffic must pass every non-empty layer. */
export function azureNsgLayersOf(nic: SynthResource, doc: PolicyDocument): { subnet: SynthResource[]; nic: SynthResource[] } {
  const nicNsgs = doc
    .referrers(nic, 'azurerm_network_interface_security_group_association', 'network_interface_id')
    .map((a) => doc.follow(a.body.network_security_group_id, 'network_security_group_id', a, 'azurerm_network_security_group'))
    .filter((n): n is SynthResource => n !== undefined);
  const subnetNsgs: SynthResource[] = [];
  for (const ipc of blocks(nic.body.ip_configuration, 'ip_configuration')) {
    const subnet = doc.follow(ipc.subnet_id, 'ip_configuration.subnet_id', nic, 'azurerm_subnet');
    if (!subnet) continue;
    for (const a of doc.referrers(subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id')) {
      const nsg = doc.follow(a.body.network_security_group_id, 'network_security_group_id', a, 'azurerm_network_security_group');
      if (nsg) subnetNsgs.push(nsg);
    }
  }
  return { subnet: unique(subnetNsgs), nic: unique(nicNsgs) };
}

/** Every security group / NSG that filters the host. */
export function filtersOf(host: SynthResource, doc: PolicyDocument): SynthResource[] {
  if (host.type === 'aws_instance') return awsSecurityGroupsOf(host, doc);
  return unique(
    azureNicsOf(host, doc).flatMap((nic) => {
      const layers = azureNsgLayersOf(nic, doc);
      return [...layers.subnet, ...layers.nic];
    }),
  );
}

/** Whether the host gets a public address, and from what. */
export function publicAddressOf(host: SynthResource, doc: PolicyDocument): PublicAddress {
  return host.type === 'aws_instance' ? awsPublicAddress(host, doc) : azurePublicAddress(host, doc);
}

function awsPublicAddress(host: SynthResource, doc: PolicyDocument): PublicAddress {
  const yes: string[] = [];
  const maybe: string[] = [];
  yes.push(...doc.ofType('aws_eip').filter((e) => doc.refersTo(e.body.instance, host, e)).map((e) => e.address));
  yes.push(...doc.ofType('aws_eip_association').filter((a) => doc.refersTo(a.body.instance_id, host, a)).map((a) => a.address));
  const enis = blocks(host.body.network_interface, 'network_interface')
    .map((n) => doc.resolve(n.network_interface_id, host))
    .filter((e): e is SynthResource => e !== undefined);
  for (const eni of [...enis, host]) yes.push(...doc.ofType('aws_eip').filter((e) => doc.refersTo(e.body.network_interface, eni, e)).map((e) => e.address));
  yes.push(...doc.ofType('aws_eip_association').filter((a) => [...enis, host].some((eni) => doc.refersTo(a.body.network_interface_id, eni, a))).map((a) => a.address));
  const associate = host.body.associate_public_ip_address;
  if (isUnresolved(associate)) {
    maybe.push('associate_public_ip_address is an expression');
  } else if (bool(associate, 'associate_public_ip_address') === true) {
    yes.push('associate_public_ip_address = true');
  } else if (associate === undefined || associate === null) {
    const subnet = doc.resolve(host.body.subnet_id, host);
    if (subnet?.type === 'aws_subnet') {
      const mapPublic = subnet.body.map_public_ip_on_launch;
      if (isUnresolved(mapPublic)) maybe.push(`${subnet.address} map_public_ip_on_launch is an expression`);
      else if (bool(mapPublic, 'map_public_ip_on_launch') === true) yes.push(`${subnet.address} map_public_ip_on_launch = true`);
    } else if (enis.length === 0) {
      maybe.push(
        host.body.subnet_id === undefined || host.body.subnet_id === null
          ? 'no subnet_id: default-VPC subnets assign public IPs; set associate_public_ip_address = false'
          : 'its subnet is outside this document and may map public IPs; set associate_public_ip_address = false',
      );
    }
  }
  if (yes.length > 0) return { state: 'yes', via: yes };
  if (maybe.length > 0) return { state: 'unknown', via: maybe };
  return { state: 'no', via: [] };
}

function azurePublicAddress(host: SynthResource, doc: PolicyDocument): PublicAddress {
  const via: string[] = [];
  for (const nic of azureNicsOf(host, doc)) {
    for (const ipc of blocks(nic.body.ip_configuration, 'ip_configuration')) {
      const pip = ipc.public_ip_address_id;
      if (pip === undefined || pip === null || pip === '') continue;
      const target = doc.resolve(pip, nic);
      via.push(target ? `${nic.address} → ${target.address}` : `${nic.address} public_ip_address_id`);
    }
  }
  return { state: via.length > 0 ? 'yes' : 'no', via };
}

/**
 * The sources that can reach `port` on the host over TCP and UDP, after every filter: a query on
 * the host's reachability model (reachability.ts): AWS security groups (a union of allows) and
 * network ACLs, Azure subnet and NIC NSGs (each layer evaluated by priority with its default rules;
 * a source must pass both layers).
 */
export function reachOf(host: SynthResource, doc: PolicyDocument, port: number): Reach[] {
  const model = reachabilityOf(host, doc);
  const network = (['tcp', 'udp'] as const).flatMap((transport) =>
    entriesAt(model, port, transport)
      .filter((e, i, all) => all.findIndex((o) => o.source.value === e.source.value && o.via === e.via) === i)
      .map((e) => ({ source: e.source, transport, via: e.via })),
  );
  // Session Manager reaches the port from inside the host (the agent connects to its loopback), past every network filter.
  const tunnels = host.type === 'aws_instance' && host.accessMode === AccessMode.SESSION_MANAGER ? portForwardingDocuments(doc).filter((d) => d.port === port) : [];
  return [...network, ...tunnels.map((d) => ({ source: SESSION_MANAGER_SOURCE, transport: 'tcp' as const, via: `Session Manager port forwarding (${d.resource.address})` }))];
}

/** True when the host's security group list or network interfaces are expressions the document cannot follow. */
export function hasUnreadableNetwork(host: SynthResource, doc: PolicyDocument): boolean {
  const keys = host.type === 'aws_instance' ? ['vpc_security_group_ids', 'security_groups'] : ['network_interface_ids'];
  const unreadable = (v: unknown): boolean => isUnresolved(v) && !doc.resolve(v, host);
  return keys.some((k) => {
    const value = host.body[k];
    return Array.isArray(value) ? value.some(unreadable) : unreadable(value);
  });
}

/** Single TCP ports that the host's filters explicitly admit (candidates for its RDP port when no profile says). */
export function openedPortsOf(host: SynthResource, doc: PolicyDocument): number[] {
  const ports = new Set<number>();
  for (const group of filtersOf(host, doc)) {
    for (const p of permissionsOfGroup(group, doc)) {
      if (p.access !== 'allow' || p.transport === 'other') continue;
      for (const r of p.ports) if (r.from === r.to) ports.add(r.from);
    }
  }
  return [...ports].sort((a, b) => a - b);
}

function unique(resources: SynthResource[]): SynthResource[] {
  const seen = new Set<string>();
  return resources.filter((r) => (seen.has(r.address) ? false : (seen.add(r.address), true)));
}
