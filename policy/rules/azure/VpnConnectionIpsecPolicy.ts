import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, str } from '../../values';

/** Values accepted for each `ipsec_policy` field; Azure's default proposals include DH group 2 (1024-bit). */
export function strongIpsecPolicy(): Readonly<Record<string, readonly string[]>> {
  return {
    dh_group: ['DHGroup14', 'DHGroup2048', 'ECP256', 'ECP384'],
    pfs_group: ['PFS14', 'PFS2048', 'ECP256', 'ECP384'],
    ike_encryption: ['AES256', 'GCMAES256', 'GCMAES128'],
    ike_integrity: ['SHA256', 'SHA384', 'GCMAES256', 'GCMAES128'],
    ipsec_encryption: ['AES256', 'GCMAES256', 'GCMAES128'],
    ipsec_integrity: ['SHA256', 'GCMAES256', 'GCMAES128'],
  };
}

/** Site-to-site IPsec connections use IKEv2 and a custom `ipsec_policy` with strong proposals only. */
export default function VpnConnectionIpsecPolicy(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_virtual_network_gateway_connection') return Compliance.NOT_APPLICABLE;
  if (str(resource.body.type, 'type')?.toLowerCase() !== 'ipsec') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  // No protocol is IKEv2 (azurerm's default).
  if (str(resource.body.connection_protocol, 'connection_protocol') === 'IKEv1') findings.push('`connection_protocol` is IKEv1');
  const policy = block(resource.body.ipsec_policy, 'ipsec_policy');
  if (!policy) return [...findings, 'no `ipsec_policy`: Azure\'s default proposals include DH group 2 (1024-bit)'];
  for (const [field, strong] of Object.entries(strongIpsecPolicy())) {
    const value = str(policy[field], `ipsec_policy.${field}`) ?? 'unset';
    if (!strong.includes(value)) findings.push(`\`ipsec_policy.${field}\` is ${value} (strong: ${strong.join(', ')})`);
  }
  return findings;
}
