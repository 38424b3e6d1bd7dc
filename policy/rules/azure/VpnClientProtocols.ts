import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, list } from '../../values';

/**
 * Point-to-site clients connect with OpenVPN or IKEv2 only, never SSTP, and Entra ID (AAD)
 * authentication is used with OpenVPN alone.
 */
export default function VpnClientProtocols(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_virtual_network_gateway') return Compliance.NOT_APPLICABLE;
  const p2s = block(resource.body.vpn_client_configuration, 'vpn_client_configuration');
  if (!p2s) return Compliance.NOT_APPLICABLE;
  const protocols = list(p2s.vpn_client_protocols, 'vpn_client_configuration.vpn_client_protocols').map(String);
  if (protocols.length === 0) return ['`vpn_client_protocols` is not set, so Azure picks its defaults (SSTP and IKEv2)'];
  const findings: string[] = [];
  if (protocols.some((p) => p.toUpperCase() === 'SSTP')) findings.push('SSTP is enabled (legacy, Windows-only, TCP 443)');
  const aad = ['aad_tenant', 'aad_audience', 'aad_issuer'].some((k) => p2s[k] !== undefined && p2s[k] !== null);
  if (aad && protocols.some((p) => p !== 'OpenVPN')) findings.push(`Entra ID authentication needs OpenVPN only, got ${protocols.join(', ')}`);
  return findings;
}
