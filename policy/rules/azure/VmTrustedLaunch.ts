import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { bool } from '../../values';

/** Windows VMs use Trusted Launch: Secure Boot and a virtual TPM. */
export default function VmTrustedLaunch(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_windows_virtual_machine') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  if (bool(resource.body.secure_boot_enabled, 'secure_boot_enabled') !== true) findings.push('`secure_boot_enabled` is not true');
  if (bool(resource.body.vtpm_enabled, 'vtpm_enabled') !== true) findings.push('`vtpm_enabled` is not true');
  return findings;
}
