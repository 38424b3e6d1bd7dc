/**
 * Evaluates inbound flows against the network security groups of a synthesized Azure stack the way Azure
 * does (https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works):
 * - rules are processed by priority, lowest number first; the first rule that matches decides;
 * - every NSG ends with Azure's default rules: AllowVnetInBound (65000, source `VirtualNetwork`),
 *   AllowAzureLoadBalancerInBound (65001, source `AzureLoadBalancer`), DenyAllInBound (65500);
 * - inbound traffic passes the subnet's NSG first and then the NIC's; both must allow it.
 * A flow names its source address and the service tags Azure counts it in: the `VirtualNetwork` tag
 * covers the virtual network's address space, connected on-premises ranges, the point-to-site pool and
 * peered networks (https://learn.microsoft.com/azure/virtual-network/service-tags-overview).
 * Deliberately small: destination prefixes other than `*` and application security groups are refused,
 * so a rule the evaluator cannot judge fails the test instead of being misread.
 */
import * as ipaddr from 'ipaddr.js';
import { TerraformJson } from '../helpers/template';

/** Service tags a flow's source can belong to. */
export type AzureSourceTag = 'VirtualNetwork' | 'Internet' | 'AzureLoadBalancer';

/** One inbound flow. */
export interface Flow {
  /** Source IPv4 address. */
  readonly source: string;
  /** Service tags the source belongs to. */
  readonly tags: readonly AzureSourceTag[];
  /** Destination port. */
  readonly port: number;
  /** Transport. */
  readonly protocol: 'Tcp' | 'Udp';
}

/** An NSG rule, as synthesized (`azurerm_network_security_rule` body or inline `security_rule`). */
export interface NsgRuleBody {
  readonly name?: unknown;
  readonly priority?: unknown;
  readonly direction?: unknown;
  readonly access?: unknown;
  readonly protocol?: unknown;
  readonly source_address_prefix?: unknown;
  readonly source_address_prefixes?: unknown;
  readonly destination_address_prefix?: unknown;
  readonly destination_address_prefixes?: unknown;
  readonly destination_port_range?: unknown;
  readonly destination_port_ranges?: unknown;
  readonly source_application_security_group_ids?: unknown;
  readonly destination_application_security_group_ids?: unknown;
}

/** Azure's default inbound rules, present in every NSG. */
export const AZURE_DEFAULT_INBOUND_RULES: readonly NsgRuleBody[] = [
  { name: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow', protocol: '*', source_address_prefix: 'VirtualNetwork', destination_address_prefix: '*', destination_port_range: '*' },
  { name: 'AllowAzureLoadBalancerInBound', priority: 65001, direction: 'Inbound', access: 'Allow', protocol: '*', source_address_prefix: 'AzureLoadBalancer', destination_address_prefix: '*', destination_port_range: '*' },
  { name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*' },
];

/** The decision of one NSG: the access and the rule that decided. */
export interface Verdict {
  readonly access: 'Allow' | 'Deny';
  readonly rule: string;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]);

function sourceMatches(prefix: string, flow: Flow): boolean {
  if (prefix === '*') return true;
  if (!/[.:]/.test(prefix)) return flow.tags.includes(prefix as AzureSourceTag); // a service tag
  const [network, bits] = prefix.includes('/') ? ipaddr.parseCIDR(prefix) : [ipaddr.parse(prefix), 32];
  const address = ipaddr.parse(flow.source);
  return address.kind() === network.kind() && address.match(network, bits);
}

function portMatches(range: string, port: number): boolean {
  if (range === '*') return true;
  const [from, to] = range.split('-').map(Number);
  return port >= from && port <= (to ?? from);
}

function ruleMatches(rule: NsgRuleBody, flow: Flow): boolean {
  for (const key of ['destination_address_prefixes', 'source_application_security_group_ids', 'destination_application_security_group_ids'] as const) {
    if (asList(rule[key]).length > 0) throw new Error(`rule ${String(rule.name)}: ${key} is not supported by the test evaluator`);
  }
  if (rule.destination_address_prefix !== undefined && rule.destination_address_prefix !== '*') throw new Error(`rule ${String(rule.name)}: destination ${String(rule.destination_address_prefix)} is not supported by the test evaluator`);
  if (rule.protocol !== '*' && rule.protocol !== flow.protocol) return false;
  const sources = [...asList(rule.source_address_prefix), ...asList(rule.source_address_prefixes)].map(String);
  const ports = [...asList(rule.destination_port_range), ...asList(rule.destination_port_ranges)].map(String);
  return sources.some((s) => sourceMatches(s, flow)) && ports.some((p) => portMatches(p, flow.port));
}

/** What one NSG (its inbound rules plus Azure's defaults) decides for a flow. */
export function evaluateNsg(rules: readonly NsgRuleBody[], flow: Flow): Verdict {
  const inbound = [...rules.filter((r) => r.direction === 'Inbound'), ...AZURE_DEFAULT_INBOUND_RULES].sort((a, b) => Number(a.priority) - Number(b.priority));
  const priorities = inbound.map((r) => Number(r.priority));
  if (new Set(priorities).size !== priorities.length) throw new Error(`two inbound rules share a priority (${priorities.join(', ')}); Azure refuses that`);
  const decisive = inbound.find((r) => ruleMatches(r, flow))!;
  return { access: decisive.access as 'Allow' | 'Deny', rule: String(decisive.name) };
}

/** The NSG layers a VM's traffic passes, subnet first, each as its inbound rules. */
export interface HostLayers {
  /** The VM's `name`. */
  readonly vm: string;
  /** One entry per NSG on the path (subnet NSG, then NIC NSG); an empty list when none filters the host. */
  readonly layers: readonly (readonly NsgRuleBody[])[];
}

const refKey = (value: unknown, type: string): string | undefined => new RegExp(`^\\$\\{${type}\\.([^.}]+)\\.`).exec(String(value))?.[1];

/** Every VM of a synthesized stack with the NSGs that filter its (first) NIC. */
export function hostLayers(json: TerraformJson): HostLayers[] {
  const r = json.resource ?? {};
  const rulesOf = (nsgKey: string): NsgRuleBody[] => [
    ...Object.values(r.azurerm_network_security_rule ?? {}).filter((rule) => refKey(rule.network_security_group_name, 'azurerm_network_security_group') === nsgKey),
    ...asList(r.azurerm_network_security_group?.[nsgKey]?.security_rule) as NsgRuleBody[],
  ];
  return Object.values(r.azurerm_windows_virtual_machine ?? {}).map((vm) => {
    const nicKey = refKey(asList(vm.network_interface_ids)[0], 'azurerm_network_interface')!;
    const nic = r.azurerm_network_interface![nicKey];
    const subnet = (asList(nic.ip_configuration)[0] as Record<string, unknown>).subnet_id;
    const subnetNsgs = Object.values(r.azurerm_subnet_network_security_group_association ?? {}).filter((a) => a.subnet_id === subnet);
    const nicNsgs = Object.values(r.azurerm_network_interface_security_group_association ?? {}).filter((a) => refKey(a.network_interface_id, 'azurerm_network_interface') === nicKey);
    const layers = [...subnetNsgs, ...nicNsgs].map((a) => rulesOf(refKey(a.network_security_group_id, 'azurerm_network_security_group')!));
    return { vm: String(vm.name), layers };
  });
}

/** Whether a flow reaches the host: every NSG on its path allows it (no NSG at all: Azure allows). */
export function reaches(host: HostLayers, flow: Flow): boolean {
  return host.layers.every((rules) => evaluateNsg(rules, flow).access === 'Allow');
}
