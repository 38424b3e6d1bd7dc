import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { list } from '../../values';

/** Proposals accepted for each tunnel setting; anything else (SHA1, DH 2/5/22-24, AES128-CBC, IKEv1) is weak. */
export function strongTunnelOptions(): Readonly<Record<string, readonly (string | number)[]>> {
  return {
    ike_versions: ['ikev2'],
    phase1_encryption_algorithms: ['AES256', 'AES256-GCM-16'],
    phase2_encryption_algorithms: ['AES256', 'AES256-GCM-16'],
    phase1_integrity_algorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
    phase2_integrity_algorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
    phase1_dh_group_numbers: [14, 15, 16, 19, 20, 21],
    phase2_dh_group_numbers: [14, 15, 16, 19, 20, 21],
  };
}

/**
 * Both tunnels of a site-to-site VPN restrict IKE to version 2 and strong proposals. AWS's defaults
 * also offer IKEv1, SHA-1 and DH group 2, so every option must be set explicitly.
 */
export default function SiteToSiteVpnCrypto(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_vpn_connection') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  for (const tunnel of ['tunnel1', 'tunnel2']) {
    for (const [option, strong] of Object.entries(strongTunnelOptions())) {
      const key = `${tunnel}_${option}`;
      const values = list(resource.body[key], key);
      if (values.length === 0) findings.push(`\`${key}\` is not set, so AWS's defaults (including weak proposals) apply`);
      const weak = values.filter((v) => !strong.includes(typeof strong[0] === 'number' ? Number(v) : String(v)));
      if (weak.length > 0) findings.push(`\`${key}\` allows ${weak.join(', ')}`);
    }
  }
  return findings;
}
