import { PolicyDocument } from '../../document';
import { isHost, publicAddressOf } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** An RDP host has no public IP address (an EIP, `associate_public_ip_address`, a public subnet, an Azure public IP). */
export default function HostWithoutPublicIp(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource)) return Compliance.NOT_APPLICABLE;
  const address = publicAddressOf(resource, doc);
  if (address.state === 'yes') return address.via.map((v) => `public address through ${v}`);
  if (address.state === 'unknown') return { unknown: address.via.map((v) => `may have a public address: ${v}`) };
  return Compliance.COMPLIANT;
}
