import { PolicyDocument } from '../../document';
import { publicAddressOf, rdpPortsOf, reachOf } from '../../network/hosts';
import { classifyCidr, cidrContains, SourceKind } from '../../network/sources';
import { bastionSubnets } from '../../network/zero-inbound';
import { AccessMode, SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/**
 * A host declared bastion (`//.rdp_access_mode = "bastion"`) is reachable on its RDP port only from an
 * `AzureBastionSubnet` that holds a Bastion (not from the virtual network at large, a VPN pool or any
 * other range), and has no public address.
 */
export default function BastionHostOnlyFromBastion(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_windows_virtual_machine' || resource.accessMode !== AccessMode.BASTION) return Compliance.NOT_APPLICABLE;
  const ranges = bastionSubnets(doc)
    .filter((b) => b.bastions.length > 0)
    .flatMap((b) => b.prefixes)
    .map((p) => classifyCidr(p));
  const findings: string[] = [];
  if (ranges.length === 0) findings.push('the document has no AzureBastionSubnet holding an azurerm_bastion_host, so nothing can reach the host the declared way');
  for (const port of rdpPortsOf(resource, doc)) {
    for (const r of reachOf(resource, doc, port)) {
      const fromBastion = r.source.kind === SourceKind.PRIVATE && ranges.some((b) => cidrContains(b, r.source));
      if (!fromBastion) findings.push(`${r.transport} ${port} is reachable from ${r.source.value} (${r.via}), which is not the Bastion's subnet`);
    }
  }
  const address = publicAddressOf(resource, doc);
  if (address.state === 'yes') findings.push(...address.via.map((v) => `the host has a public address through ${v}`));
  return [...new Set(findings)];
}
