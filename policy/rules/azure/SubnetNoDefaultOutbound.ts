import { PolicyDocument } from '../../document';
import { isHost } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool, blocks, str } from '../../values';

const FINDING = 'default outbound access is on (azurerm\'s default when `default_outbound_access_enabled` is not false): the hosts reach the internet through an implicit, shared address nobody opted into';

/**
 * A subnet that holds an RDP host turns Azure's implicit default outbound access off
 * (`default_outbound_access_enabled = false`; azurerm defaults it to true), unless a NAT gateway
 * gives it an explicit egress path. Azure's counterpart of "no egress to the world without opt-in".
 *
 * Judged on an `azurerm_subnet`, and on an `azurerm_virtual_network` whose inline `subnet` blocks
 * hold a host. Provider facts (hashicorp/terraform-provider-azurerm v4.55.0): the inline block has
 * its own `default_outbound_access_enabled`, optional, default true
 * (internal/services/network/virtual_network_resource.go; website/docs/r/virtual_network.html.markdown),
 * and exports the subnet's `id`; `azurerm_subnet_nat_gateway_association.subnet_id` takes any subnet
 * ID (commonids.ValidateSubnetID, internal/services/network/subnet_nat_gateway_association_resource.go),
 * so it can name an inline subnet too.
 */
export default function SubnetNoDefaultOutbound(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type === 'azurerm_virtual_network') return judgeInlineSubnets(resource, doc);
  if (resource.type !== 'azurerm_subnet') return Compliance.NOT_APPLICABLE;
  if (!hostSubnetIds(doc).some(({ value, nic }) => doc.refersTo(value, resource, nic))) return Compliance.NOT_APPLICABLE;
  if (bool(resource.body.default_outbound_access_enabled, 'default_outbound_access_enabled') === false) return Compliance.COMPLIANT;
  if (doc.ofType('azurerm_subnet_nat_gateway_association').some((a) => doc.refersTo(a.body.subnet_id, resource, a))) return Compliance.COMPLIANT;
  return [FINDING];
}

/**
 * The `subnet_id` of every IP configuration of every NIC attached to a host, with the NIC it is written in. A plan
 * records a NIC list known only after apply as one reference; a NIC reference that cannot be followed is UNKNOWN.
 */
function hostSubnetIds(doc: PolicyDocument): { value: unknown; nic: SynthResource }[] {
  const nics = new Set(doc.resources.filter(isHost).flatMap((h) => doc.followAll(h.body.network_interface_ids, 'network_interface_ids', h, 'azurerm_network_interface')));
  return [...nics].flatMap((nic) => blocks(nic.body.ip_configuration, 'ip_configuration').map((ipc) => ({ value: ipc.subnet_id, nic })));
}

/** How an inline subnet stands: default outbound off (or a NAT gateway named for it), on, or on with a NAT association that may be its own. */
type InlineState = 'off' | 'on' | 'maybe-nat';

/**
 * The inline subnets of `vnet` that hold hosts. A NIC's reference rarely names one inline subnet: the
 * block is a set (`tolist(…)[0]`, `[*]` and a plan's `known after apply` pick an element the plan does
 * not show), so every inline subnet could be meant unless the reference filters by a literal name
 * (see {@link namedInlineSubnet}). Hosts certainly in subnets with the access on are findings; a
 * reference that may mean such a subnet, or may not, is UNKNOWN; never compliant by guess.
 */
function judgeInlineSubnets(vnet: SynthResource, doc: PolicyDocument): RuleResult {
  const refs = hostSubnetIds(doc).filter(({ value, nic }) => nic.modulePrefix === vnet.modulePrefix && mentionsInlineSubnet(value, vnet)).map(({ value }) => String(value));
  if (refs.length === 0) return Compliance.NOT_APPLICABLE;
  const inline = blocks(vnet.body.subnet, 'subnet');
  const names = inline.map((s) => str(s.name, 'subnet.name') ?? '(unnamed)');
  const natTargets = doc.ofType('azurerm_subnet_nat_gateway_association')
    .filter((a) => a.modulePrefix === vnet.modulePrefix && mentionsInlineSubnet(a.body.subnet_id, vnet))
    .map((a) => candidates(String(a.body.subnet_id), vnet, names));
  const state = (name: string): InlineState => {
    if (bool(inline[names.indexOf(name)].default_outbound_access_enabled, `subnet["${name}"].default_outbound_access_enabled`) === false) return 'off';
    if (natTargets.some((t) => t.length === 1 && t[0] === name)) return 'off';
    return natTargets.some((t) => t.includes(name)) ? 'maybe-nat' : 'on';
  };
  const findings = new Set<string>();
  const unknown: string[] = [];
  for (const value of refs) {
    const meant = candidates(value, vnet, names).map((name) => ({ name, s: state(name) }));
    const open = meant.filter(({ s }) => s !== 'off');
    if (meant.length === 0) unknown.push(`\`${value}\` reads the subnets of ${vnet.address}, which declares no inline subnet: they are created outside what this document shows`);
    else if (meant.every(({ s }) => s === 'on')) meant.forEach(({ name }) => findings.add(`inline subnet \`${name}\`: ${FINDING}`));
    else if (open.length > 0) {
      const which = open.map(({ name, s }) => `\`${name}\`${s === 'maybe-nat' ? ' (unless the NAT gateway association whose subnet cannot be told is its own)' : ''}`);
      unknown.push(`\`${value}\` may mean inline subnet ${meant.map(({ name }) => `\`${name}\``).join(' or ')}; default outbound access is on in ${which.join(', ')}`);
    }
  }
  if (findings.size > 0) return [...findings];
  return unknown.length > 0 ? { unknown } : Compliance.COMPLIANT;
}

/** True when `value` reads the inline `subnet` attribute of `vnet` (`azurerm_virtual_network.<name>.subnet…`, index or splat allowed). */
function mentionsInlineSubnet(value: unknown, vnet: SynthResource): boolean {
  return new RegExp(`(?<![\\w.])azurerm_virtual_network\\.${vnet.name}(\\[[^\\]]*\\])?\\.subnet\\b`).test(String(value));
}

/** The inline subnets a reference may mean: the one it names, else every one (a set has no order the plan shows). */
function candidates(value: string, vnet: SynthResource, subnets: string[]): string[] {
  const named = namedInlineSubnet(value, vnet);
  const picked = subnets.filter((s) => s === named);
  return picked.length > 0 ? picked : subnets;
}

/**
 * The subnet name a reference selects by a literal: `[for s in V.subnet : s.id if s.name == "n"][0]`,
 * `one([…])`, or `{for s in V.subnet : s.name => s.id}["n"]` (whitespace as `terraform fmt` writes it).
 */
function namedInlineSubnet(value: string, vnet: SynthResource): string | undefined {
  const v = `azurerm_virtual_network\\.${vnet.name}\\.subnet`;
  const filtered = new RegExp(`^\\$\\{(?:one\\()?\\[for (\\w+) in ${v} : \\1\\.id if \\1\\.name == "([\\w.-]+)"\\](?:\\)|\\[0\\])\\}$`).exec(value);
  if (filtered) return filtered[2];
  return new RegExp(`^\\$\\{\\{for (\\w+) in ${v} : \\1\\.name => \\1\\.id\\}\\["([\\w.-]+)"\\]\\}$`).exec(value)?.[2];
}
