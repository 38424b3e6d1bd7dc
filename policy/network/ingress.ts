/**
 * One model of "who may connect to which port" for both clouds. Every inbound permission in a
 * document, whether written as a standalone rule resource (`aws_vpc_security_group_ingress_rule`,
 * `aws_security_group_rule`, `azurerm_network_security_rule`) or as an inline block
 * (`aws_security_group.ingress`, `azurerm_network_security_group.security_rule`), becomes an
 * {@link IngressPermission}, so rules reason about ranges and sources once.
 */
import { memo } from '../memo';
import { PolicyDocument } from '../document';
import { SynthResource } from '../resource';
import { blocks, isUnresolved, list, num, str, UnresolvedValueError } from '../values';
import { classifyAzurePrefix, classifyCidr, Source, SourceKind } from './sources';

/** An inclusive port range. */
export interface PortRange {
  /** First port. */
  readonly from: number;
  /** Last port. */
  readonly to: number;
}

/** Normalized transport of a permission. */
export type Transport = 'tcp' | 'udp' | 'all' | 'other';

/** One inbound permission (or Azure deny) from either cloud. */
export interface IngressPermission {
  /** The resource that holds the rule: a standalone rule, or the group with an inline block. */
  readonly holder: SynthResource;
  /** Where inside the holder, e.g. `ingress[1]` or `security_rule["rdp"]`; empty for standalone rules. */
  readonly where: string;
  /** The security group / NSG the rule belongs to, when it can be found in the document. */
  readonly group?: SynthResource;
  /** `aws` or `azure`. */
  readonly cloud: 'aws' | 'azure';
  /** Allow or deny (AWS rules always allow). */
  readonly access: 'allow' | 'deny';
  /** Azure priority (lower wins); undefined on AWS. */
  readonly priority?: number;
  /** Transport. */
  readonly transport: Transport;
  /** Destination ports; all ports for protocol "all". */
  readonly ports: readonly PortRange[];
  /** Sources. */
  readonly sources: readonly Source[];
}

/** All ports. */
export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/** Human form of a permission's location, e.g. `aws_security_group.rdp ingress[0]`. */
export function describePermission(p: IngressPermission): string {
  return p.where ? `${p.holder.address} ${p.where}` : p.holder.address;
}

/** True when the permission lets `transport` traffic reach `port`. */
export function coversPort(p: IngressPermission, port: number, transport: 'tcp' | 'udp' = 'tcp'): boolean {
  if (p.transport !== 'all' && p.transport !== transport) return false;
  return p.ports.some((r) => r.from <= port && port <= r.to);
}

/** True when the permission lets TCP or UDP traffic reach `port`. */
export function coversPortAnyTransport(p: IngressPermission, port: number): boolean {
  return coversPort(p, port, 'tcp') || coversPort(p, port, 'udp');
}

/** Renders port ranges, e.g. `3389`, `3000-4000`, `all`. */
export function showPorts(p: IngressPermission): string {
  if (p.ports.some((r) => r.from <= 0 && r.to >= 65535)) return 'all ports';
  return p.ports.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ');
}

/** The permissions a single resource holds (empty for resources that hold none). */
export function permissionsOf(resource: SynthResource, doc: PolicyDocument): IngressPermission[] {
  return memo(resource, 'permissions', () => computePermissionsOf(resource, doc));
}

function computePermissionsOf(resource: SynthResource, doc: PolicyDocument): IngressPermission[] {
  switch (resource.type) {
    case 'aws_vpc_security_group_ingress_rule':
      return [awsStandaloneIngress(resource, doc)];
    case 'aws_security_group_rule':
      return str(resource.body.type, 'type') === 'ingress' ? [awsLegacyRule(resource, doc)] : [];
    case 'aws_security_group':
    case 'aws_default_security_group':
      return blocks(resource.body.ingress, 'ingress').map((b, i) => awsInline(resource, b, i));
    case 'azurerm_network_security_rule':
      return isInbound(resource.body, 'direction') ? [azureRule(resource, resource.body, '', groupOf(resource.body.network_security_group_name, resource, doc) ?? nsgByName(resource, doc))] : [];
    case 'azurerm_network_security_group':
      return blocks(resource.body.security_rule, 'security_rule')
        .filter((b) => isInbound(b, 'security_rule.direction'))
        .map((b) => azureRule(resource, b, `security_rule[${JSON.stringify(b.name ?? '')}]`, resource));
    default:
      return [];
  }
}

/** Every inbound permission of a security group or NSG: its inline blocks plus the standalone rules that point at it. */
export function permissionsOfGroup(group: SynthResource, doc: PolicyDocument): IngressPermission[] {
  const inline = permissionsOf(group, doc);
  const standaloneTypes = group.type.startsWith('aws_') ? ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule'] : ['azurerm_network_security_rule'];
  // Indexed once per document: every standalone rule's permissions, by the group they name. Like the
  // unindexed scan, an unreadable rule anywhere makes every group's answer unknown (the error is rethrown).
  const byGroup = memo(doc, `standalone-permissions:${standaloneTypes.join(',')}`, () => {
    const index = new Map<string, IngressPermission[]>();
    for (const p of doc.ofType(...standaloneTypes).flatMap((r) => permissionsOf(r, doc))) {
      if (p.group) index.set(p.group.address, [...(index.get(p.group.address) ?? []), p]);
    }
    return index;
  });
  return [...inline, ...(byGroup.get(group.address) ?? [])];
}

/** The standalone `azurerm_network_security_rule` resources of an NSG (by reference, or by literal name). */
export function standaloneNsgRules(nsg: SynthResource, doc: PolicyDocument): SynthResource[] {
  return doc.ofType('azurerm_network_security_rule').filter((r) => (groupOf(r.body.network_security_group_name, r, doc) ?? nsgByName(r, doc))?.address === nsg.address);
}

/** The security group or NSG a reference names, or `undefined` when it is not in the document. */
function groupOf(value: unknown, from: SynthResource, doc: PolicyDocument): SynthResource | undefined {
  const target = doc.resolve(value, from);
  return target && GROUP_TYPES.includes(target.type) ? target : undefined;
}

/** Resource types that hold inbound rules. */
export const GROUP_TYPES: readonly string[] = ['aws_security_group', 'aws_default_security_group', 'azurerm_network_security_group'];

/** An AWS rule's protocol (`tcp`/`6`, `udp`/`17`, `-1`/`all`) as a transport. */
export function awsProtocol(value: unknown, what: string): Transport {
  const p = (str(value, what) ?? '').toLowerCase();
  if (p === '-1' || p === 'all') return 'all';
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  return 'other';
}

/** An AWS rule's port range (`from_port`–`to_port`; every port for all protocols or a negative port). */
export function awsPorts(transport: Transport, body: Record<string, unknown>, prefix: string): PortRange[] {
  if (transport === 'all') return [ALL_PORTS];
  const from = num(body.from_port, `${prefix}from_port`);
  const to = num(body.to_port, `${prefix}to_port`);
  if (from === undefined || from < 0) return [ALL_PORTS];
  return [{ from, to: to === undefined || to < 0 ? from : to }];
}

function awsStandaloneIngress(r: SynthResource, doc: PolicyDocument): IngressPermission {
  const b = r.body;
  const sources: Source[] = [];
  for (const key of ['cidr_ipv4', 'cidr_ipv6'] as const) {
    if (b[key] !== undefined && b[key] !== null) sources.push(classifyCidr(String(b[key])));
  }
  if (b.referenced_security_group_id) sources.push(groupSource(b.referenced_security_group_id));
  if (b.prefix_list_id) sources.push(prefixListSource(b.prefix_list_id));
  return awsRulePermission(r, doc, awsProtocol(b.ip_protocol, 'ip_protocol'), sources);
}

function awsLegacyRule(r: SynthResource, doc: PolicyDocument): IngressPermission {
  const b = r.body;
  const sources = awsListSources(b, '');
  if (b.source_security_group_id) sources.push(groupSource(b.source_security_group_id));
  return awsRulePermission(r, doc, awsProtocol(b.protocol, 'protocol'), sources);
}

/** A standalone AWS rule resource (either style) as a permission of the group it names. */
function awsRulePermission(r: SynthResource, doc: PolicyDocument, transport: Transport, sources: Source[]): IngressPermission {
  return { holder: r, where: '', group: groupOf(r.body.security_group_id, r, doc), cloud: 'aws', access: 'allow', transport, ports: awsPorts(transport, r.body, ''), sources };
}

function awsInline(group: SynthResource, b: Record<string, unknown>, index: number): IngressPermission {
  const where = `ingress[${index}]`;
  const transport = awsProtocol(b.protocol, `${where}.protocol`);
  const sources = awsListSources(b, `${where}.`);
  for (const sg of list(b.security_groups, `${where}.security_groups`)) sources.push(groupSource(sg));
  return { holder: group, where, group, cloud: 'aws', access: 'allow', transport, ports: awsPorts(transport, b, `${where}.`), sources };
}

function awsListSources(b: Record<string, unknown>, prefix: string): Source[] {
  const sources: Source[] = [];
  for (const key of ['cidr_blocks', 'ipv6_cidr_blocks']) {
    for (const v of list(b[key], `${prefix}${key}`)) sources.push(classifyCidr(String(v)));
  }
  for (const v of list(b.prefix_list_ids, `${prefix}prefix_list_ids`)) sources.push(prefixListSource(v));
  if (b.self === true) sources.push({ kind: SourceKind.GROUP, value: 'self' });
  return sources;
}

function groupSource(value: unknown): Source {
  return { kind: SourceKind.GROUP, value: String(value) };
}

function prefixListSource(value: unknown): Source {
  return { kind: SourceKind.PREFIX_LIST, value: String(value) };
}

function isInbound(b: Record<string, unknown>, what: string): boolean {
  return (str(b.direction, what) ?? '').toLowerCase() === 'inbound';
}

function azureTransport(value: unknown, what: string): Transport {
  const p = (str(value, what) ?? '').toLowerCase();
  if (p === '*') return 'all';
  if (p === 'tcp') return 'tcp';
  if (p === 'udp') return 'udp';
  return 'other';
}

/** Parses Azure port text: `*`, `3389`, `3000-4000`. */
export function parseAzurePortRange(text: string, what: string): PortRange {
  const t = text.trim();
  if (t === '*') return ALL_PORTS;
  const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(t);
  if (!m) throw new UnresolvedValueError(what, text);
  return { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
}

function azureRule(holder: SynthResource, b: Record<string, unknown>, where: string, group: SynthResource | undefined): IngressPermission {
  const at = where ? `${where}.` : '';
  const transport = azureTransport(b.protocol, `${at}protocol`);
  const portTexts = [b.destination_port_range, ...list(b.destination_port_ranges, `${at}destination_port_ranges`)].filter((v) => v !== undefined && v !== null && v !== '');
  const ports = portTexts.map((v, i) => parseAzurePortRange(String(str(v, `${at}destination_port_range${i ? 's' : ''}`)), `${at}destination_port_range`));
  const sources: Source[] = [];
  for (const v of [b.source_address_prefix, ...list(b.source_address_prefixes, `${at}source_address_prefixes`)]) {
    if (v !== undefined && v !== null && v !== '') sources.push(classifyAzurePrefix(String(v)));
  }
  for (const v of list(b.source_application_security_group_ids, `${at}source_application_security_group_ids`)) sources.push(groupSource(v));
  const access = (str(b.access, `${at}access`) ?? '').toLowerCase() === 'deny' ? 'deny' : 'allow';
  return { holder, where, group, cloud: 'azure', access, priority: num(b.priority, `${at}priority`), transport, ports, sources };
}

/** Finds the NSG a standalone rule names by literal `name` (and resource group, when both are literal). */
function nsgByName(rule: SynthResource, doc: PolicyDocument): SynthResource | undefined {
  const name = rule.body.network_security_group_name;
  if (typeof name !== 'string' || isUnresolved(name)) return undefined;
  const rg = rule.body.resource_group_name;
  return doc
    .ofType('azurerm_network_security_group')
    .find((nsg) => nsg.body.name === name && (typeof rg !== 'string' || isUnresolved(rg) || isUnresolved(nsg.body.resource_group_name) || nsg.body.resource_group_name === rg));
}
