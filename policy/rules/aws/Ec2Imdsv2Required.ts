import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, str } from '../../values';

/** Instances and launch templates require IMDSv2 session tokens (`metadata_options.http_tokens = "required"`). */
export default function Ec2Imdsv2Required(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_instance' && resource.type !== 'aws_launch_template') return Compliance.NOT_APPLICABLE;
  const options = block(resource.body.metadata_options, 'metadata_options');
  if (str(options?.http_endpoint, 'metadata_options.http_endpoint') === 'disabled') return Compliance.COMPLIANT;
  const tokens = str(options?.http_tokens, 'metadata_options.http_tokens');
  if (tokens === 'required') return Compliance.COMPLIANT;
  return [tokens === undefined ? '`metadata_options.http_tokens` is not set, so IMDSv1 stays available' : `\`metadata_options.http_tokens\` is "${tokens}", so IMDSv1 stays available`];
}
