import { PolicyDocument } from '../../document';
import { filtersOf, isHost, rdpPortsOf, rdpPortsOfDocument } from '../../network/hosts';
import { coversPort, describePermission, permissionsOfGroup } from '../../network/ingress';
import { AZURE_DEFAULT_RULES_PRIORITY, denyBeforeDefaults, sourceCovers } from '../../network/nsg';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/**
 * An NSG that guards RDP (it filters a host, or allows an RDP port) denies that port from
 * `VirtualNetwork` / `*` explicitly, after its allow rules and before the default
 * `AllowVnetInBound` (65000), and no allow sits behind that deny where it can never match.
 */
export default function NsgDeniesRdpBeforeDefaults(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_network_security_group') return Compliance.NOT_APPLICABLE;
  const permissions = permissionsOfGroup(resource, doc);
  const hostPorts = doc.resources.filter((r) => isHost(r) && filtersOf(r, doc).some((f) => f.address === resource.address)).flatMap((h) => rdpPortsOf(h, doc));
  const allowedPorts = rdpPortsOfDocument(doc).filter((port) => permissions.some((p) => p.access === 'allow' && (coversPort(p, port, 'tcp') || coversPort(p, port, 'udp'))));
  const ports = [...new Set([...hostPorts, ...allowedPorts])].sort((a, b) => a - b);
  const findings: string[] = [];
  for (const port of ports) {
    for (const transport of ['tcp', 'udp'] as const) {
      const deny = denyBeforeDefaults(permissions, port, transport);
      if (!deny) {
        if (transport === 'tcp' || permissions.some((p) => p.access === 'allow' && coversPort(p, port, 'udp'))) {
          findings.push(`no explicit deny of ${transport} ${port} from VirtualNetwork or * before AllowVnetInBound (${AZURE_DEFAULT_RULES_PRIORITY}): the whole virtual network, peered networks and VPN ranges reach RDP`);
        }
        continue;
      }
      for (const allow of permissions.filter((p) => p.access === 'allow' && coversPort(p, port, transport) && (p.priority ?? 0) > (deny.priority ?? 0))) {
        if (allow.sources.every((s) => deny.sources.some((d) => sourceCovers(d, s)))) {
          findings.push(`${describePermission(allow)} (priority ${allow.priority}) comes after the deny ${describePermission(deny)} (priority ${deny.priority}) and never matches ${transport} ${port}`);
        }
      }
    }
  }
  return findings;
}
