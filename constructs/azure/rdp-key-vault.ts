import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Fn, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkIntegerInRange } from './integer-range';
import { validateAzureLocation, validateKeyVaultName, validateResourceGroupName } from './names';
import { checkAllowlistCidr, isPrivateCidr, RdpValidationError, showValue, terraformLiteralTags } from '../core';

/** A Key Vault the generated admin passwords are stored in. */
export interface IAzureRdpKeyVault {
  /** The Key Vault's resource ID. */
  readonly keyVaultId: string;
  /** What a secret write must wait for (e.g. the deployer's data-plane role assignment). */
  readonly secretWriteDependencies: readonly ITerraformDependable[];
}

/** Properties of {@link AzureRdpKeyVault}. */
export interface AzureRdpKeyVaultProps {
  /** Resource group the vault is created in. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /**
   * The vault's name: 3–24 characters, unique across Azure.
   * @default - `kv-rdp-` and six hex digits of a hash of the subscription ID and the construct path,
   * computed by Terraform: the same in every plan of one subscription, different across subscriptions
   */
  readonly name?: string;
  /**
   * Public IPv4 addresses or ranges that may reach the vault's data plane, i.e. where Terraform runs
   * (the CI runner's egress address). The network ACL denies everything else; trusted Azure services
   * bypass it.
   * @default - none: only trusted Azure services; Terraform must then run from a network the vault
   * admits (add one here, or a private endpoint), or it cannot write the secret
   */
  readonly deployerIpRanges?: readonly string[];
  /**
   * The public IPv4 address of the machine running this apply, admitted in addition to
   * {@link deployerIpRanges} while it is not empty: usually a Terraform variable that CI sets per run to
   * its runner's address (GitHub-hosted runners change address every run; see docs/ci.md, which also
   * removes the address from the vault again after the run). A literal is checked like a deployer range;
   * a Terraform expression is passed through (check it in the variable's validation).
   * @default - none: only deployerIpRanges
   */
  readonly runnerIpAddress?: string;
  /**
   * Give the identity running Terraform the "Key Vault Secrets Officer" role on this vault, which it
   * needs to write the password secret (the vault uses Azure RBAC, not access policies). Turn off when
   * the role is granted elsewhere or the deployer may not create role assignments.
   * @default true
   */
  readonly grantDeployerSecretsOfficer?: boolean;
  /**
   * Days a deleted vault or secret stays recoverable (7–90).
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Tags of the vault.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * A Key Vault for generated admin passwords, locked down by default: Azure RBAC authorization (no
 * access policies), purge protection, soft delete kept 90 days, and a network ACL that denies every
 * source except trusted Azure services and the listed deployer addresses.
 */
export class AzureRdpKeyVault extends Construct implements IAzureRdpKeyVault {
  /** @inheritdoc */
  public readonly keyVaultId: string;
  /** @inheritdoc */
  public readonly secretWriteDependencies: readonly ITerraformDependable[];
  /** The vault's name (a Terraform expression when derived). */
  public readonly keyVaultName: string;
  /** The vault (escape hatch). */
  public readonly keyVault: KeyVault;

  constructor(scope: Construct, id: string, props: AzureRdpKeyVaultProps) {
    super(scope, id);
    const retentionDays = checkIntegerInRange(props.softDeleteRetentionDays ?? 90, 7, 90, 'softDeleteRetentionDays', 'the days Key Vault accepts');
    const ranges = (props.deployerIpRanges ?? []).map((range, i) => validateDeployerIpRange(range, `deployerIpRanges[${i}]`));
    const runner = props.runnerIpAddress;
    let ipRules: string[] = ranges;
    if (runner !== undefined && Token.isUnresolved(runner)) {
      // compact() drops the runner's address while it is empty, so plans without it admit only the ranges.
      ipRules = Token.asList(Fn.concat([ranges, Fn.compact([runner])]));
    } else if (runner !== undefined && runner !== '') {
      ipRules = [...ranges, validateDeployerIpRange(runner, 'runnerIpAddress')];
    }
    const client = new DataAzurermClientConfig(this, 'ClientConfig');
    const name = props.name === undefined
      ? `kv-rdp-${Fn.substr(Fn.sha1(Fn.join('/', [client.subscriptionId, this.node.path])), 0, 6)}`
      : validateKeyVaultName(props.name, 'name');

    this.keyVault = new KeyVault(this, 'Resource', {
      name,
      resourceGroupName: validateResourceGroupName(props.resourceGroupName),
      location: validateAzureLocation(props.location),
      tenantId: client.tenantId,
      skuName: 'standard',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: retentionDays,
      publicNetworkAccessEnabled: true,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules },
      tags: props.tags && terraformLiteralTags(props.tags),
    });
    this.keyVaultId = this.keyVault.id;
    this.keyVaultName = this.keyVault.name;
    const dependencies: ITerraformDependable[] = [];
    if (props.grantDeployerSecretsOfficer ?? true) {
      dependencies.push(new RoleAssignment(this, 'DeployerSecretsOfficer', {
        scope: this.keyVault.id,
        roleDefinitionName: 'Key Vault Secrets Officer',
        principalId: client.objectId,
        description: 'Lets the identity running Terraform write the generated admin password secrets',
      }));
    }
    this.secretWriteDependencies = dependencies;
  }
}

/**
 * Checks a deployer address for a Key Vault network ACL: a public IPv4 CIDR, never a world range.
 * @returns the ACL entry (a /32 written as the bare address, which Key Vault prefers)
 */
export function validateDeployerIpRange(value: string, field = 'deployerIpRanges'): string {
  const checked = checkAllowlistCidr(value);
  if (!checked.ok) throw new RdpValidationError(field, value, checked.problem);
  if (checked.value.family !== 'ipv4' || isPrivateCidr(checked.value)) {
    throw new RdpValidationError(field, value, `must be a public IPv4 address range, got ${showValue(value)}. Key Vault network rules admit public IPv4 sources only; reach the vault from private networks through a private endpoint.`);
  }
  return checked.value.prefix === 32 ? checked.value.network.toString() : checked.value.cidr;
}
