import { Construct } from 'constructs';
import { AwsRdpStack, DEFAULT_AWS_STACK_NAME } from './aws-rdp-stack';
import { AzureRdpStack, DEFAULT_AZURE_STACK_NAME } from './azure-rdp-stack';
import { environmentsOf, RdpHostsConfig } from './config/schema';
import { RdpValidationError } from '../constructs';

/** Environment variable that limits synthesis to one environment of the configuration. */
export const ENVIRONMENT_ENV_VAR = 'RDP_HOSTS_ENVIRONMENT';

/**
 * Creates one stack per configured cloud section, per environment. With environments, stack names get
 * the environment as a suffix (`aws-rdp-hosts-prod`) and state keys include it.
 * @param only synthesize just this environment @default - every environment
 */
export function buildStacks(app: Construct, config: RdpHostsConfig, only?: string): void {
  const environments = environmentsOf(config);
  const selected = only ? environments.filter((e) => e.name === only) : environments;
  if (only && selected.length === 0) {
    const names = environments.map((e) => e.name).filter(Boolean);
    throw new RdpValidationError(ENVIRONMENT_ENV_VAR, only, names.length > 0 ? `names no environment of the configuration. Allowed: ${names.join(', ')}.` : 'is set, but the configuration defines no environments. Unset it.');
  }
  for (const { name, config: env } of selected) {
    const suffix = name ? `-${name}` : '';
    const options = { state: env.state, environment: name };
    if (env.aws) new AwsRdpStack(app, `${env.aws.stackName ?? DEFAULT_AWS_STACK_NAME}${suffix}`, env.aws, options);
    if (env.azure) new AzureRdpStack(app, `${env.azure.stackName ?? DEFAULT_AZURE_STACK_NAME}${suffix}`, env.azure, options);
  }
}
