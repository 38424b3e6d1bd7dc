import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool, str } from '../../values';

/**
 * A managed disk cannot be exported over the internet: `public_network_access_enabled = false`
 * or `network_access_policy` `DenyAll` / `AllowPrivate` (both default to open: `true`, `AllowAll`).
 */
export default function ManagedDiskNotPublic(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_managed_disk') return Compliance.NOT_APPLICABLE;
  const publicAccess = bool(resource.body.public_network_access_enabled, 'public_network_access_enabled') !== false;
  const policy = str(resource.body.network_access_policy, 'network_access_policy');
  if (!publicAccess || policy === 'DenyAll' || policy === 'AllowPrivate') return Compliance.COMPLIANT;
  return ['anyone with a SAS URI can export the disk from the internet (`public_network_access_enabled` is not false and `network_access_policy` is AllowAll)'];
}
