import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool } from '../../values';

/** Windows VMs encrypt temp disks and disk caches on the host (`encryption_at_host_enabled`). */
export default function VmEncryptionAtHost(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_windows_virtual_machine') return Compliance.NOT_APPLICABLE;
  return bool(resource.body.encryption_at_host_enabled, 'encryption_at_host_enabled') === true ? Compliance.COMPLIANT : ['`encryption_at_host_enabled` is not true: temp disk and caches are stored unencrypted'];
}
