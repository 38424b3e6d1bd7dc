import { Construct } from 'constructs';
import { AwsRdpStack, DEFAULT_AWS_STACK_NAME } from './aws-rdp-stack';
import { AzureRdpStack, DEFAULT_AZURE_STACK_NAME } from './azure-rdp-stack';
import { RdpHostsConfig } from './config/schema';

/** Creates one stack per configured cloud section. */
export function buildStacks(app: Construct, config: RdpHostsConfig): void {
  if (config.aws) new AwsRdpStack(app, config.aws.stackName ?? DEFAULT_AWS_STACK_NAME, config.aws);
  if (config.azure) new AzureRdpStack(app, config.azure.stackName ?? DEFAULT_AZURE_STACK_NAME, config.azure);
}
