import { PolicyDocument } from '../../document';
import { guestHardeningOf, PROFILE_PREFIX } from '../../guest/profile';
import { isHost } from '../../network/hosts';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** Every RDP host receives the hardening script, recognised by its `# secure-rdp-hosts:profile` manifest line. */
export default function HardeningProfileDelivered(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource)) return Compliance.NOT_APPLICABLE;
  const hardening = guestHardeningOf(resource, doc);
  if (hardening.malformed.length > 0) return hardening.malformed.map((m) => `the profile manifest is not a JSON object: ${m.slice(0, 200)}`);
  if (hardening.profiles.length > 0) return Compliance.COMPLIANT;
  if (hardening.unreadable.length > 0) return { unknown: hardening.unreadable.map((u) => `${u.via}: the script text cannot be read from the document`) };
  return [`no script with a \`${PROFILE_PREFIX.trim()}\` manifest reaches the host (user data, SSM association, run command or Custom Script extension)`];
}
