import { PolicyDocument } from '../../document';
import { isHost, publicAddressOf } from '../../network/hosts';
import { AccessMode, SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** A host declared VPN-only (`//.rdp_access_mode = "vpn-only"`) has no public IP address. */
export default function VpnOnlyHostHasNoPublicIp(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource) || resource.accessMode !== AccessMode.VPN_ONLY) return Compliance.NOT_APPLICABLE;
  const address = publicAddressOf(resource, doc);
  if (address.state === 'yes') return address.via.map((v) => `VPN-only host has a public address through ${v}`);
  if (address.state === 'unknown') return { unknown: address.via.map((v) => `VPN-only host may have a public address: ${v}`) };
  return Compliance.COMPLIANT;
}
