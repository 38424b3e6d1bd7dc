/**
 * Small helpers shared by rules, so each rule file stays a type guard plus a few lines.
 */
import { PolicyDocument } from '../document';
import { DeliveredProfile, guestHardeningOf, profilesCarriedBy } from '../guest/profile';
import { describePermission, GROUP_TYPES, IngressPermission, permissionsOf, showPorts } from '../network/ingress';
import { Source, SourceKind } from '../network/sources';
import { SynthResource } from '../resource';
import { Compliance, RuleResult } from '../types';
import { isHost } from '../network/hosts';

/** True for resource types that hold inbound permissions (groups with inline rules, and standalone rules). */
export function holdsPermissions(type: string): boolean {
  return [...GROUP_TYPES, 'aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'azurerm_network_security_rule'].includes(type);
}

/** The inbound allows a resource holds, or `undefined` when it holds no rules at all (not applicable). */
export function inboundAllows(resource: SynthResource, doc: PolicyDocument): IngressPermission[] | undefined {
  if (!holdsPermissions(resource.type)) return undefined;
  return permissionsOf(resource, doc).filter((p) => p.access === 'allow');
}

/** Human line for one permission and source, e.g. `aws_security_group.rdp ingress[0] allows tcp 3389 from 0.0.0.0/0`. */
export function describeGrant(p: IngressPermission, s: Source): string {
  const transport = p.transport === 'all' ? 'all protocols' : p.transport;
  return `${describePermission(p)} allows ${transport} on ${showPorts(p)} from ${s.value}`;
}

/**
 * Judges every (permission, source) pair of a resource's inbound allows: a finding for each pair
 * `bad` accepts; `UNKNOWN` when no pair is bad but an unresolved source could be.
 */
export function judgeGrants(resource: SynthResource, doc: PolicyDocument, relevant: (p: IngressPermission) => boolean, bad: (s: Source, p: IngressPermission) => boolean): RuleResult {
  const allows = inboundAllows(resource, doc);
  if (allows === undefined) return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const unknown: string[] = [];
  for (const p of allows.filter(relevant)) {
    for (const s of p.sources) {
      if (bad(s, p)) findings.push(describeGrant(p, s));
      else if (s.kind === SourceKind.UNRESOLVED) unknown.push(`${describePermission(p)}: source ${s.value} cannot be read`);
    }
  }
  if (findings.length > 0) return findings;
  return unknown.length > 0 ? { unknown } : Compliance.COMPLIANT;
}

/** True for the label network/nsg.ts gives an Azure NSG default rule (`AllowVnetInBound`, `AllowAzureLoadBalancerInBound`): a rule nobody wrote. */
export function isAzureDefaultRule(via: string): boolean {
  return via.includes(' (default rule, priority ');
}

/**
 * For guest-setting rules: the readable profiles delivered to a host, or a result to return
 * directly (not applicable for non-hosts and hosts without a readable profile, which
 * RDP-GUEST-PROFILE-MISSING reports).
 */
export function hostProfiles(resource: SynthResource, doc: PolicyDocument): DeliveredProfile[] | Compliance.NOT_APPLICABLE {
  if (!isHost(resource)) return Compliance.NOT_APPLICABLE;
  const { profiles } = guestHardeningOf(resource, doc);
  return profiles.length > 0 ? [...profiles] : Compliance.NOT_APPLICABLE;
}

/**
 * Judges the hardening profiles a resource carries itself (see {@link profilesCarriedBy}); not
 * applicable to resources without one. `check` returns a finding, an unknown, or nothing.
 */
export function judgeCarriedProfiles(resource: SynthResource, check: (p: DeliveredProfile) => string | { unknown: string } | undefined): RuleResult {
  const { profiles } = profilesCarriedBy(resource);
  return judge(profiles, check);
}

/** Judges the profiles delivered to a host (from every carrier); not applicable to non-hosts or hosts without one. */
export function judgeHostProfiles(resource: SynthResource, doc: PolicyDocument, check: (p: DeliveredProfile) => string | { unknown: string } | undefined): RuleResult {
  const profiles = hostProfiles(resource, doc);
  if (profiles === Compliance.NOT_APPLICABLE) return profiles;
  return judge(profiles, check);
}

function judge(profiles: readonly DeliveredProfile[], check: (p: DeliveredProfile) => string | { unknown: string } | undefined): RuleResult {
  if (profiles.length === 0) return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const unknown: string[] = [];
  for (const profile of profiles) {
    const verdict = check(profile);
    if (typeof verdict === 'string') findings.push(`${profile.via}: ${verdict}`);
    else if (verdict) unknown.push(`${profile.via}: ${verdict.unknown}`);
  }
  if (findings.length > 0) return findings;
  return unknown.length > 0 ? { unknown } : Compliance.COMPLIANT;
}
