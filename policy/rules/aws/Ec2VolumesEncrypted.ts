import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, blocks, bool } from '../../values';

/** True when the document turns on EBS encryption by default for the account and region. */
function encryptionByDefault(doc: PolicyDocument): boolean {
  return doc.ofType('aws_ebs_encryption_by_default').some((r) => bool(r.body.enabled, 'enabled') !== false);
}

/**
 * Every EBS volume of a host is encrypted: `root_block_device.encrypted`, each
 * `ebs_block_device.encrypted`, `aws_ebs_volume.encrypted`, launch-template mappings — or the stack
 * turns on `aws_ebs_encryption_by_default`.
 */
export default function Ec2VolumesEncrypted(resource: SynthResource, doc: PolicyDocument): RuleResult {
  const volumes: [string, unknown][] = [];
  if (resource.type === 'aws_instance') {
    const root = block(resource.body.root_block_device, 'root_block_device');
    volumes.push(['root_block_device', root?.encrypted]);
    blocks(resource.body.ebs_block_device, 'ebs_block_device').forEach((b, i) => volumes.push([`ebs_block_device[${i}]`, b.encrypted]));
  } else if (resource.type === 'aws_ebs_volume') {
    volumes.push(['encrypted', resource.body.encrypted]);
  } else if (resource.type === 'aws_launch_template') {
    blocks(resource.body.block_device_mappings, 'block_device_mappings').forEach((b, i) => {
      const ebs = block(b.ebs, `block_device_mappings[${i}].ebs`);
      if (ebs) volumes.push([`block_device_mappings[${i}].ebs`, ebs.encrypted]);
    });
  } else {
    return Compliance.NOT_APPLICABLE;
  }
  if (encryptionByDefault(doc)) return Compliance.COMPLIANT;
  return volumes.filter(([what, v]) => bool(v, `${what}.encrypted`) !== true).map(([what]) => `\`${what}\` is not encrypted`);
}
