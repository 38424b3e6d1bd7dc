/**
 * Outbound permissions, read the same way as inbound ones (ingress.ts): AWS inline `egress`
 * blocks, `aws_vpc_security_group_egress_rule`, `aws_security_group_rule` with `type = "egress"`,
 * and Azure outbound `security_rule`s / `azurerm_network_security_rule`s. Used by the world-egress
 * rule and by the management-path check (can the host reach Systems Manager on 443?).
 */
import { memo } from '../memo';
import { PolicyDocument } from '../document';
import { SynthResource } from '../resource';
import { blocks, list, num, str } from '../values';
import { ALL_PORTS, awsPorts, awsProtocol, PortRange, Transport } from './ingress';
import { classifyAzurePrefix, classifyCidr, Source, SourceKind } from './sources';

/** One outbound permission (or Azure deny). */
export interface EgressPermission {
  /** The resource that holds it: a standalone rule, or the group with an inline block. */
  readonly holder: SynthResource;
  /** Where inside the holder, e.g. `egress[0]`; empty for standalone rules. */
  readonly where: string;
  /** The group the permission belongs to, when it is in the document. */
  readonly group?: SynthResource;
  /** Allow or deny (AWS always allows). */
  readonly access: 'allow' | 'deny';
  /** Azure priority; undefined on AWS. */
  readonly priority?: number;
  /** Transport. */
  readonly transport: Transport;
  /** Destination ports. */
  readonly ports: readonly PortRange[];
  /** Destinations (CIDRs, groups, prefix lists, tags). */
  readonly destinations: readonly Source[];
}

/** Human form of an egress permission's location. */
export function describeEgress(p: EgressPermission): string {
  return p.where ? `${p.holder.address} ${p.where}` : p.holder.address;
}

/** A rule's protocol as a transport: AWS names and numbers, and Azure's `*`. */
function protocol(value: unknown, what: string): Transport {
  return str(value, what) === '*' ? 'all' : awsProtocol(value, what);
}

function awsDestinations(b: Record<string, unknown>, prefix: string): Source[] {
  const out: Source[] = [];
  for (const key of ['cidr_blocks', 'ipv6_cidr_blocks']) for (const v of list(b[key], `${prefix}${key}`)) out.push(classifyCidr(String(v)));
  for (const key of ['cidr_ipv4', 'cidr_ipv6']) if (b[key] !== undefined && b[key] !== null) out.push(classifyCidr(String(b[key])));
  for (const v of list(b.prefix_list_ids, `${prefix}prefix_list_ids`)) out.push({ kind: SourceKind.PREFIX_LIST, value: String(v) });
  if (b.prefix_list_id) out.push({ kind: SourceKind.PREFIX_LIST, value: String(b.prefix_list_id) });
  for (const v of list(b.security_groups, `${prefix}security_groups`)) out.push({ kind: SourceKind.GROUP, value: String(v) });
  for (const key of ['referenced_security_group_id', 'source_security_group_id']) if (b[key]) out.push({ kind: SourceKind.GROUP, value: String(b[key]) });
  if (b.self === true) out.push({ kind: SourceKind.GROUP, value: 'self' });
  return out;
}

function azurePorts(b: Record<string, unknown>, at: string): PortRange[] {
  const texts = [b.destination_port_range, ...list(b.destination_port_ranges, `${at}destination_port_ranges`)].filter((v) => v !== undefined && v !== null && v !== '');
  return texts.map((v) => {
    const t = String(str(v, `${at}destination_port_range`)).trim();
    if (t === '*') return ALL_PORTS;
    const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(t);
    return m ? { from: Number(m[1]), to: Number(m[2] ?? m[1]) } : ALL_PORTS;
  });
}

function azureOutbound(holder: SynthResource, b: Record<string, unknown>, where: string, group: SynthResource | undefined): EgressPermission {
  const at = where ? `${where}.` : '';
  const destinations = [b.destination_address_prefix, ...list(b.destination_address_prefixes, `${at}destination_address_prefixes`)]
    .filter((v) => v !== undefined && v !== null && v !== '')
    .map((v) => classifyAzurePrefix(String(v)));
  const access = (str(b.access, `${at}access`) ?? '').toLowerCase() === 'deny' ? 'deny' : 'allow';
  return { holder, where, group, access, priority: num(b.priority, `${at}priority`), transport: protocol(b.protocol, `${at}protocol`), ports: azurePorts(b, at), destinations };
}

function isOutbound(b: Record<string, unknown>, what: string): boolean {
  return (str(b.direction, what) ?? '').toLowerCase() === 'outbound';
}

/** The egress permissions a single resource holds (empty for any other resource). */
export function egressOf(resource: SynthResource, doc: PolicyDocument): EgressPermission[] {
  return memo(resource, 'egress', () => {
    const b = resource.body;
    const groupOf = (v: unknown): SynthResource | undefined => doc.resolve(v, resource);
    switch (resource.type) {
      case 'aws_security_group':
      case 'aws_default_security_group':
        return blocks(b.egress, 'egress').map((e, i) => {
          const transport = protocol(e.protocol, `egress[${i}].protocol`);
          return { holder: resource, where: `egress[${i}]`, group: resource, access: 'allow' as const, transport, ports: awsPorts(transport, e, `egress[${i}].`), destinations: awsDestinations(e, `egress[${i}].`) };
        });
      case 'aws_vpc_security_group_egress_rule': {
        const transport = protocol(b.ip_protocol, 'ip_protocol');
        return [{ holder: resource, where: '', group: groupOf(b.security_group_id), access: 'allow', transport, ports: awsPorts(transport, b, ''), destinations: awsDestinations(b, '') }];
      }
      case 'aws_security_group_rule': {
        if (str(b.type, 'type') !== 'egress') return [];
        const transport = protocol(b.protocol, 'protocol');
        return [{ holder: resource, where: '', group: groupOf(b.security_group_id), access: 'allow', transport, ports: awsPorts(transport, b, ''), destinations: awsDestinations(b, '') }];
      }
      case 'azurerm_network_security_group':
        return blocks(b.security_rule, 'security_rule')
          .filter((r) => isOutbound(r, 'security_rule.direction'))
          .map((r) => azureOutbound(resource, r, `security_rule[${JSON.stringify(r.name ?? '')}]`, resource));
      case 'azurerm_network_security_rule':
        return isOutbound(b, 'direction') ? [azureOutbound(resource, b, '', groupOf(b.network_security_group_name))] : [];
      default:
        return [];
    }
  });
}

const STANDALONE_EGRESS = ['aws_vpc_security_group_egress_rule', 'aws_security_group_rule', 'azurerm_network_security_rule'];

/** Every egress permission of a group: inline blocks plus the standalone rules that name it (indexed once per document). */
export function egressOfGroup(group: SynthResource, doc: PolicyDocument): EgressPermission[] {
  const index = memo(doc, 'standalone-egress', () => {
    const byGroup = new Map<string, EgressPermission[]>();
    for (const p of doc.ofType(...STANDALONE_EGRESS).flatMap((r) => egressOf(r, doc))) {
      if (p.group) byGroup.set(p.group.address, [...(byGroup.get(p.group.address) ?? []), p]);
    }
    return byGroup;
  });
  return [...egressOf(group, doc), ...(index.get(group.address) ?? [])];
}

/** True when the permission covers `port` over `transport`. */
export function egressCovers(p: EgressPermission, port: number, transport: 'tcp' | 'udp'): boolean {
  if (p.transport !== 'all' && p.transport !== transport) return false;
  return p.ports.some((r) => r.from <= port && port <= r.to);
}
