import { z } from 'zod';
import { refineByThrowing } from './fields';
import { validateResourceGroupName } from '../../constructs/azure';

/** Prefix of state keys when none is given. */
export const DEFAULT_STATE_KEY_PREFIX = 'secure-rdp-hosts';

/** Remote state in S3 for AWS stacks: encrypted, locked with Terraform's native S3 lock file. */
const s3State = z
  .object({
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)').meta({ description: 'S3 bucket holding the state (versioning recommended).' }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as "eu-west-1"').meta({ description: 'Region of the bucket.' }),
    keyPrefix: z.string().regex(/^[A-Za-z0-9._/-]+$/).optional().meta({ description: `Prefix of state keys. Default "${DEFAULT_STATE_KEY_PREFIX}".` }),
    kmsKeyId: z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/, 'must be a KMS key or alias ARN').optional().meta({ description: 'KMS key that encrypts the state objects. Default: S3-managed encryption.' }),
  })
  .strict();

/** Remote state in Azure Blob Storage for Azure stacks, authenticated with Entra ID (no storage keys). */
const azurermState = z
  .object({
    storageAccountName: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name (3–24 lower-case letters and digits)').meta({ description: 'Storage account holding the state.' }),
    containerName: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a blob container name (3–63 lower-case letters, digits, single hyphens)').meta({ description: 'Blob container holding the state.' }),
    resourceGroupName: z.string().min(1).max(90).superRefine(refineByThrowing((v: string) => validateResourceGroupName(v))).optional().meta({ description: 'Resource group of the storage account (only needed for some lookups).' }),
    keyPrefix: z.string().regex(/^[A-Za-z0-9._/-]+$/).optional().meta({ description: `Prefix of state blob names. Default "${DEFAULT_STATE_KEY_PREFIX}".` }),
  })
  .strict();

/** Where stacks keep their Terraform state. Omitted: a local state file per stack in the project root. */
export const stateField = z
  .object({
    s3: s3State.optional().meta({ description: 'Remote state for the AWS stacks.' }),
    azurerm: azurermState.optional().meta({ description: 'Remote state for the Azure stacks.' }),
  })
  .strict()
  .meta({ description: 'Remote Terraform state per stack: S3 (encrypted, native lock file) for AWS stacks, Azure Blob Storage with Entra ID auth for Azure stacks. Default: local state files.' });

/** The validated state section. */
export type StateConfig = z.infer<typeof stateField>;
