import { z } from 'zod';
import { awsConfig } from './aws-config';
import { azureConfig } from './azure-config';

/**
 * The whole configuration file (`RDP_HOSTS_CONFIG`). Each cloud section is optional; a stack is
 * synthesized for every section present.
 */
export const rdpHostsConfig = z
  .object({
    $schema: z.string().optional().meta({ description: 'Path or URL of this file\'s JSON Schema (for editors).' }),
    aws: awsConfig.optional().meta({ description: 'AWS stack: network and Windows hosts.' }),
    azure: azureConfig.optional().meta({ description: 'Azure stack: resource group, virtual network, Key Vault and Windows hosts.' }),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!config.aws && !config.azure) ctx.addIssue({ code: 'custom', message: 'must configure at least one cloud section ("aws", "azure").' });
  })
  .meta({ title: 'secure-rdp-hosts configuration', description: 'Configuration of the secure Windows RDP host stacks (secure-rdp-hosts).' });

/** The validated configuration. */
export type RdpHostsConfig = z.infer<typeof rdpHostsConfig>;

/** The configuration file's JSON Schema, generated from the validator (the published rdp-hosts.schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(rdpHostsConfig, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
