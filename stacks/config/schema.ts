import { z } from 'zod';
import { awsConfig } from './aws-config';
import { azureConfig } from './azure-config';
import { stateField } from './state-config';

/**
 * The whole configuration file (`RDP_HOSTS_CONFIG`). Each cloud section is optional; a stack is
 * synthesized for every section present.
 */
const cloudSections = {
  aws: awsConfig.optional().meta({ description: 'AWS stack: network, VPNs and Windows hosts.' }),
  azure: azureConfig.optional().meta({ description: 'Azure stack: resource group, virtual network, Key Vault and Windows hosts.' }),
  state: stateField.optional(),
};

/** One environment (e.g. dev, prod): its own cloud sections, and optionally its own state location. */
const environmentConfig = z
  .object(cloudSections)
  .strict()
  .superRefine((env, ctx) => {
    if (!env.aws && !env.azure) ctx.addIssue({ code: 'custom', message: 'must configure at least one cloud section ("aws", "azure").' });
  });

export const rdpHostsConfig = z
  .object({
    $schema: z.string().optional().meta({ description: 'Path or URL of this file\'s JSON Schema (for editors).' }),
    ...cloudSections,
    environments: z
      .record(z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'must be 1–16 lower-case letters, digits and hyphens, starting with a letter'), environmentConfig)
      .optional()
      .meta({ description: 'Several environments (e.g. dev, prod) from one file, each synthesized as its own stacks named <stack>-<environment>. Instead of top-level cloud sections. A top-level "state" applies to every environment that has none.' }),
  })
  .strict()
  .superRefine((config, ctx) => {
    const hasTopLevel = config.aws !== undefined || config.azure !== undefined;
    if (config.environments !== undefined && hasTopLevel) {
      ctx.addIssue({ code: 'custom', path: ['environments'], message: 'cannot be combined with top-level "aws" / "azure" sections: move them into an environment.' });
    } else if (config.environments !== undefined && Object.keys(config.environments).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['environments'], message: 'must define at least one environment, e.g. { "dev": { "aws": { … } } }.' });
    } else if (config.environments === undefined && !hasTopLevel) {
      ctx.addIssue({ code: 'custom', message: 'must configure at least one cloud section ("aws", "azure") or "environments".' });
    }
  })
  .meta({ title: 'secure-rdp-hosts configuration', description: 'Configuration of the secure Windows RDP host stacks (secure-rdp-hosts).' });

/** The validated configuration. */
export type RdpHostsConfig = z.infer<typeof rdpHostsConfig>;

/** The cloud sections and state of one environment. */
export type EnvironmentConfig = z.infer<typeof environmentConfig>;

/** One environment to synthesize: its name (undefined for a file without environments) and sections. */
export interface ResolvedEnvironment {
  /** The environment name; stack names get it as a suffix. Undefined for a single-environment file. */
  readonly name?: string;
  /** The environment's sections and state (falling back to the top-level state). */
  readonly config: EnvironmentConfig;
}

/** The environments a configuration defines, in file order. */
export function environmentsOf(config: RdpHostsConfig): ResolvedEnvironment[] {
  if (!config.environments) return [{ config: { aws: config.aws, azure: config.azure, state: config.state } }];
  return Object.entries(config.environments).map(([name, env]) => ({ name, config: { ...env, state: env.state ?? config.state } }));
}

/** The configuration file's JSON Schema, generated from the validator (the published rdp-hosts.schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(rdpHostsConfig, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
