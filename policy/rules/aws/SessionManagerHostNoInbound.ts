import { PolicyDocument } from '../../document';
import { filtersOf, publicAddressOf } from '../../network/hosts';
import { permissionsOfGroup } from '../../network/ingress';
import { AccessMode, SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/**
 * A host declared session-manager (`//.rdp_access_mode = "session-manager"`) has no inbound rule on any
 * of its security groups (any port, any source) and no public address: operators reach it only through
 * Session Manager port forwarding, which needs no inbound rule.
 */
export default function SessionManagerHostNoInbound(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_instance' || resource.accessMode !== AccessMode.SESSION_MANAGER) return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  for (const group of filtersOf(resource, doc)) {
    // A security group holds allows only; each permission has one port range.
    for (const p of permissionsOfGroup(group, doc)) {
      const ports = p.ports.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ');
      findings.push(`${p.holder.address}${p.where ? ` ${p.where}` : ''} admits ${p.transport} ${ports} from ${p.sources.map((s) => s.value).join(', ')} into ${group.address}`);
    }
  }
  const address = publicAddressOf(resource, doc);
  if (address.state === 'yes') findings.push(...address.via.map((v) => `the host has a public address through ${v}`));
  if (findings.length > 0) return findings;
  if (address.state === 'unknown') return { unknown: address.via.map((v) => `the host may have a public address: ${v}`) };
  return Compliance.COMPLIANT;
}
