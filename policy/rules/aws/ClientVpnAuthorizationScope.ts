import { PolicyDocument } from '../../document';
import { classifyCidr, SourceKind } from '../../network/sources';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { blocks, bool, str } from '../../values';

/** Broadest network that all VPN users may be authorized for (the allowlist limit, and a whole VPC at most). */
const BROADEST_AUTHORIZED_PREFIX = 16;

/** True for authentication types that carry user groups, so access can be granted per group. */
function isGroupAware(auth: string): boolean {
  return ['federated-authentication', 'directory-service-authentication'].includes(auth);
}

/**
 * Client VPN authorization rules name a network, not the internet, grant it per group when the
 * endpoint's authentication carries groups (SAML or Active Directory), and never authorize all
 * groups for a range broader than /16.
 */
export default function ClientVpnAuthorizationScope(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_ec2_client_vpn_authorization_rule') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const target = str(resource.body.target_network_cidr, 'target_network_cidr') ?? '';
  const parsed = classifyCidr(target);
  if (parsed.kind === SourceKind.WORLD) findings.push(`authorizes every client for ${target}`);
  const allGroups = bool(resource.body.authorize_all_groups, 'authorize_all_groups') === true;
  if (allGroups && parsed.kind !== SourceKind.WORLD && parsed.prefix !== undefined && parsed.prefix < BROADEST_AUTHORIZED_PREFIX) {
    findings.push(`authorizes every VPN user for ${target}, broader than /${BROADEST_AUTHORIZED_PREFIX}; authorize the RDP hosts' subnets (or a group) instead`);
  }
  const endpoint = allGroups ? doc.follow(resource.body.client_vpn_endpoint_id, 'client_vpn_endpoint_id', resource, 'aws_ec2_client_vpn_endpoint') : undefined;
  if (endpoint && blocks(endpoint.body.authentication_options, 'authentication_options').some((a) => isGroupAware(String(a.type)))) {
    findings.push(`grants ${target} to all groups although ${endpoint.address} authenticates users with groups; set \`access_group_id\``);
  }
  return findings;
}
