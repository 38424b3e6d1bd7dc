import { z } from 'zod';
import { hardeningField } from './hardening-config';
import { accessField, acknowledgementField, addHostIssue, allowlistField, hostAccess, internetExposureField, nameField, rdpPortField, refineByThrowing, tagsField } from './fields';
import {
  AzureRdpNetwork,
  AzureWindowsImage,
  DEFAULT_AZURE_ADDRESS_SPACE,
  MAX_COMPUTER_NAME_LENGTH,
  MAX_NSG_RULES,
  RdpAccess,
  RdpValidationError,
  SUBNET_NSG_RISK_ID,
  validateAdminUsername,
  validateAzureLocation,
  validateComputerName,
  validateDeployerIpRange,
  validateKeyVaultName,
  validateNetworkResourceName,
  validateResourceGroupName,
  validateStorageAccountId,
  validateSubscriptionId,
} from '../../constructs';
import { checkAllowlistCidr, cidrsOverlap } from '../../constructs/private/cidr';
import { checkNetworkCidr } from '../../constructs/private/network-cidr';

const azureNetwork = z
  .object({
    namePrefix: z.string().superRefine(refineByThrowing((v: string) => validateNetworkResourceName(v, 'namePrefix'))).optional().meta({ description: 'Prefix of the resource group, virtual network and subnet names. Default: the stack name.' }),
    existingResourceGroupName: z.string().superRefine(refineByThrowing((v: string) => validateResourceGroupName(v))).optional().meta({ description: 'Create everything in this existing resource group instead of a new "<namePrefix>-rg".' }),
    addressSpace: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'addressSpace'))).optional().meta({ description: `Virtual network IPv4 range (private, /16–/28). Default ${DEFAULT_AZURE_ADDRESS_SPACE}.` }),
    flowLogStorageAccountId: z.string().superRefine(refineByThrowing((v: string) => validateStorageAccountId(v))).optional().meta({ description: 'Storage account (same region) for VNet flow logs. Default: no flow logs.' }),
    flowLogRetentionDays: z.number().int().min(90).max(365).optional().meta({ description: 'Days to keep flow logs (90–365). Default 365.' }),
  })
  .strict();

const azureKeyVault = z
  .object({
    name: z.string().superRefine(refineByThrowing((v: string) => validateKeyVaultName(v))).optional().meta({ description: 'Key Vault name (3–24 characters, unique across Azure). Default: "kv-rdp-" and a hash of the subscription and stack.' }),
    deployerIpRanges: z.array(z.string().superRefine(refineByThrowing((v: string) => validateDeployerIpRange(v)))).optional().meta({ description: 'Public IPv4 addresses/ranges where Terraform runs; the vault denies every other source except trusted Azure services.' }),
    grantDeployerSecretsOfficer: z.boolean().optional().meta({ description: 'Give the identity running Terraform "Key Vault Secrets Officer" on the vault. Default true.' }),
    softDeleteRetentionDays: z.number().int().min(7).max(90).optional().meta({ description: 'Days a deleted secret or vault stays recoverable (7–90). Default 90.' }),
  })
  .strict();

/** One Azure host in the configuration file. */
export const azureHostConfig = z
  .object({
    name: nameField.meta({ description: 'VM name (2–32 characters); prefixes its NIC, NSG, IP, disk and secret names.' }),
    computerName: z.string().superRefine(refineByThrowing((v: string) => validateComputerName(v))).optional().meta({ description: `Windows computer name (1–${MAX_COMPUTER_NAME_LENGTH} characters). Default: the VM name, which must then fit.` }),
    subnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'subnetCidr'))).optional().meta({ description: 'Range of the host\'s own new subnet, inside network.addressSpace.' }),
    existingSubnetId: z.string().superRefine(refineByThrowing((v: string) => AzureRdpNetwork.fromExistingSubnet({ subnetId: v, resourceGroupName: 'rg', location: 'westeurope' }))).optional().meta({ description: 'Resource ID of an existing subnet for the host, instead of subnetCidr.' }),
    access: accessField.optional(),
    internetExposure: internetExposureField.optional(),
    allowlist: allowlistField,
    rdpPort: rdpPortField.optional(),
    udp: z.boolean().optional().meta({ description: 'Also admit RDP over UDP on the same port. Default false.' }),
    image: z.string().superRefine(refineByThrowing((v: string) => AzureWindowsImage.fromSku(v))).optional().meta({ description: `Windows Server image SKU: ${AzureWindowsImage.SKUS.join(', ')}. Default ${AzureWindowsImage.SKUS[0]}.` }),
    size: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, 'must be an Azure VM size such as "Standard_D2s_v5"').optional().meta({ description: 'VM size supporting premium storage, Trusted Launch and encryption at host. Default Standard_D2s_v5.' }),
    adminUsername: z.string().superRefine(refineByThrowing((v: string) => validateAdminUsername(v))).optional().meta({ description: 'Local administrator name (not administrator, admin, root, …). Default rdpadmin.' }),
    osDiskSizeGiB: z.number().int().min(127).max(4095).optional().meta({ description: 'Premium SSD OS disk size, 127–4095 GiB. Default 128.' }),
    zone: z.enum(['1', '2', '3']).optional().meta({ description: 'Availability zone of the VM and its public IP. Default: regional.' }),
    hardening: hardeningField.optional(),
    passwordValidityDays: z.number().int().min(1).max(365).optional().meta({ description: 'Days until the password secret expires (rotation reminder). Default 90.' }),
    skipSubnetNsgAssociation: acknowledgementField.optional().meta({ description: 'Opt-out: keep the NSG off the subnet (NIC only); id must be RDP-AZ-SUBNET-NSG.' }),
  })
  .strict()
  .superRefine((host, ctx) => {
    if ((host.subnetCidr === undefined) === (host.existingSubnetId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['subnetCidr'], message: `must be set, or existingSubnetId, but not both, got ${host.subnetCidr === undefined ? 'neither' : 'both'}. Each host gets its own subnet, because its network security group is associated with it.` });
    }
    if (host.computerName === undefined && host.name.length > MAX_COMPUTER_NAME_LENGTH) {
      ctx.addIssue({ code: 'custom', path: ['computerName'], message: `is required when the name is longer than ${MAX_COMPUTER_NAME_LENGTH} characters (the Windows limit), got nothing for ${JSON.stringify(host.name)}. Set a computer name of 1–${MAX_COMPUTER_NAME_LENGTH} characters, or shorten the name.` });
    }
    if (host.skipSubnetNsgAssociation && host.skipSubnetNsgAssociation.id !== SUBNET_NSG_RISK_ID) {
      ctx.addIssue({ code: 'custom', path: ['skipSubnetNsgAssociation', 'id'], message: `must be "${SUBNET_NSG_RISK_ID}", the risk it accepts, got ${JSON.stringify(host.skipSubnetNsgAssociation.id)}.` });
    }
    const rules = host.allowlist.length * (host.udp ? 2 : 1) + 2;
    if (rules > MAX_NSG_RULES) {
      ctx.addIssue({ code: 'custom', path: ['allowlist'], message: `needs ${rules} network security group rules, more than the ${MAX_NSG_RULES} Azure allows in one group, got ${host.allowlist.length} sources. Summarize adjacent sources into one CIDR.` });
    }
  });

/** The `azure` section of the configuration file. */
export const azureConfig = z
  .object({
    stackName: nameField.optional().meta({ description: 'Terraform stack name. Default "azure-rdp-hosts".' }),
    subscriptionId: z.string().superRefine(refineByThrowing((v: string) => validateSubscriptionId(v))).optional().meta({ description: 'Azure subscription ID, or "${env:ARM_SUBSCRIPTION_ID}". Default: unset, so the provider reads ARM_SUBSCRIPTION_ID at plan time.' }),
    location: z.string().superRefine(refineByThrowing((v: string) => validateAzureLocation(v))).meta({ description: 'Azure region, e.g. westeurope.' }),
    network: azureNetwork.optional().meta({ description: 'Resource group and virtual network: new (default) or an existing resource group.' }),
    keyVault: azureKeyVault.optional().meta({ description: 'The Key Vault that stores the generated administrator passwords.' }),
    hosts: z.array(azureHostConfig).min(1).meta({ description: 'The Windows RDP hosts.' }),
    tags: tagsField.optional(),
  })
  .strict()
  .superRefine((azure, ctx) => {
    const names = new Set<string>();
    azure.hosts.forEach((host, index) => {
      if (names.has(host.name)) ctx.addIssue({ code: 'custom', path: ['hosts', index, 'name'], message: `repeats the name of another host, got ${JSON.stringify(host.name)}. Host names must be unique.` });
      names.add(host.name);
    });
    if (azure.hosts.every((h) => h.subnetCidr === undefined) && azure.network?.existingResourceGroupName === undefined) {
      ctx.addIssue({ code: 'custom', path: ['network', 'existingResourceGroupName'], message: 'is required when every host uses an existing subnet: name the resource group the hosts and the Key Vault go to.' });
    }
    azure.hosts.forEach((host, index) => {
      // The construct's own access check, so a public range on a VPN-only host is refused in the same words.
      // Malformed or repeated entries are reported on the entries themselves (allowlistField).
      const canonical = host.allowlist.map((cidr) => checkAllowlistCidr(cidr)).map((c) => (c.ok ? c.value.cidr : undefined));
      if (canonical.includes(undefined) || new Set(canonical).size !== canonical.length) return;
      try {
        azureHostAccess(host, `azure.hosts[${index}]`);
      } catch (e) {
        if (!RdpValidationError.isRdpValidationError(e)) throw e;
        addHostIssue(ctx, ['hosts', index], `azure.hosts[${index}]`, e);
      }
    });
    checkSubnets(azure, ctx);
  });

/** The host's access model (see {@link hostAccess}). */
export function azureHostAccess(host: AzureHostConfig, field: string): RdpAccess {
  return hostAccess(host, field);
}

/** New subnets lie inside the address space and do not overlap; existing subnets are not shared. */
function checkSubnets(azure: z.infer<typeof azureConfig>, ctx: z.RefinementCtx): void {
  let addressSpace;
  try {
    addressSpace = checkNetworkCidr(azure.network?.addressSpace ?? DEFAULT_AZURE_ADDRESS_SPACE, 'addressSpace');
  } catch {
    return; // reported on network.addressSpace
  }
  const taken: { index: number; range: ReturnType<typeof checkNetworkCidr> }[] = [];
  const existing = new Map<string, number>();
  azure.hosts.forEach((host, index) => {
    if (host.existingSubnetId !== undefined) {
      const first = existing.get(host.existingSubnetId.toLowerCase());
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['hosts', index, 'existingSubnetId'], message: `is the subnet of hosts[${first}] too, got ${JSON.stringify(host.existingSubnetId)}. A subnet takes one network security group: give each host its own subnet.` });
      existing.set(host.existingSubnetId.toLowerCase(), index);
    }
    if (host.subnetCidr === undefined) return;
    let range;
    try {
      range = checkNetworkCidr(host.subnetCidr, 'subnetCidr', addressSpace);
    } catch (e) {
      if (RdpValidationError.isRdpValidationError(e) && /must lie inside/.test(e.problem)) ctx.addIssue({ code: 'custom', path: ['hosts', index, 'subnetCidr'], message: e.problem });
      return;
    }
    const overlapping = taken.find((t) => cidrsOverlap(t.range, range));
    if (overlapping) {
      ctx.addIssue({ code: 'custom', path: ['hosts', index, 'subnetCidr'], message: `overlaps hosts[${overlapping.index}].subnetCidr (${overlapping.range.cidr}), got ${JSON.stringify(host.subnetCidr)}. Give each host a separate range.` });
    } else {
      taken.push({ index, range });
    }
  });
}

/** The validated `azure` section. */
export type AzureConfig = z.infer<typeof azureConfig>;
/** One validated Azure host. */
export type AzureHostConfig = z.infer<typeof azureHostConfig>;
