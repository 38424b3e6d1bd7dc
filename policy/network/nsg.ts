/**
 * Azure NSG evaluation: rules are processed by priority (lower first) and the first match wins;
 * every NSG also carries default rules, of which `AllowVnetInBound` (65000) admits anything in the
 * `VirtualNetwork` tag (peered VNets, VPN-connected ranges) unless an explicit deny comes first.
 */
import { coversPort, describePermission, IngressPermission } from './ingress';
import { cidrContains, Source, SourceKind } from './sources';

/** Priority of the first default rule (`AllowVnetInBound`). */
export const AZURE_DEFAULT_RULES_PRIORITY = 65000;

/** An allowed source after NSG evaluation, with the rule that admits it. */
export interface EffectiveSource {
  /** The source admitted. */
  readonly source: Source;
  /** The permission that admits it; `undefined` for the NSG's default `AllowVnetInBound` rule. */
  readonly permission?: IngressPermission;
  /** Label of the admitting rule, e.g. `azurerm_network_security_rule.rdp` or `AllowVnetInBound (default, 65000)`. */
  readonly via: string;
}

/** True when a deny (or allow) source `outer` matches every address of `inner`. */
export function sourceCovers(outer: Source, inner: Source): boolean {
  const o = outer.value.trim().toLowerCase();
  if (outer.kind === SourceKind.WORLD) {
    // `Internet` is the public address space only: it does not cover `*` / `0.0.0.0/0`, which include private ranges.
    if (o === 'internet') return inner.kind === SourceKind.PUBLIC || (inner.kind === SourceKind.WORLD && inner.value.trim().toLowerCase() === 'internet');
    return true;
  }
  if (outer.kind === SourceKind.VIRTUAL_NETWORK) return inner.kind === SourceKind.VIRTUAL_NETWORK || inner.kind === SourceKind.PRIVATE;
  if (o === inner.value.trim().toLowerCase()) return true;
  return cidrContains(outer, inner);
}

/** The default `AllowVnetInBound` rule as a source. */
const VNET_SOURCE: Source = { kind: SourceKind.VIRTUAL_NETWORK, value: 'VirtualNetwork' };
/** The default `AllowAzureLoadBalancerInBound` rule as a source. */
const LB_SOURCE: Source = { kind: SourceKind.SERVICE_TAG, value: 'AzureLoadBalancer' };

/**
 * Sources that an NSG's inbound rules (explicit ones plus the defaults `AllowVnetInBound` and
 * `AllowAzureLoadBalancerInBound`) let reach `port` over `transport`, each with the rule that admits it.
 * The one evaluation of an NSG layer: the reachability model reads each layer through it.
 */
export function effectiveNsgSources(permissions: readonly IngressPermission[], port: number, transport: 'tcp' | 'udp'): EffectiveSource[] {
  const relevant = permissions.filter((p) => coversPort(p, port, transport)).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  const deniedBefore = (priority: number, source: Source): boolean =>
    relevant.some((d) => d.access === 'deny' && (d.priority ?? 0) < priority && d.sources.some((ds) => sourceCovers(ds, source)));
  const result: EffectiveSource[] = [];
  for (const allow of relevant.filter((p) => p.access === 'allow')) {
    for (const source of allow.sources) {
      if (!deniedBefore(allow.priority ?? 0, source)) result.push({ source, permission: allow, via: describePermission(allow) });
    }
  }
  if (!deniedBefore(AZURE_DEFAULT_RULES_PRIORITY, VNET_SOURCE)) {
    result.push({ source: VNET_SOURCE, via: `AllowVnetInBound (default rule, priority ${AZURE_DEFAULT_RULES_PRIORITY})` });
  }
  if (!deniedBefore(AZURE_DEFAULT_RULES_PRIORITY + 1, LB_SOURCE)) {
    result.push({ source: LB_SOURCE, via: `AllowAzureLoadBalancerInBound (default rule, priority ${AZURE_DEFAULT_RULES_PRIORITY + 1})` });
  }
  return result;
}

/** The explicit deny that keeps `VirtualNetwork` (and so the default rule) away from `port`, if any. */
export function denyBeforeDefaults(permissions: readonly IngressPermission[], port: number, transport: 'tcp' | 'udp'): IngressPermission | undefined {
  return permissions
    .filter((p) => p.access === 'deny' && coversPort(p, port, transport) && (p.priority ?? Infinity) < AZURE_DEFAULT_RULES_PRIORITY)
    .find((p) => p.sources.some((s) => sourceCovers(s, VNET_SOURCE)));
}
