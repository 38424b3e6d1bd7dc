/**
 * Azure naming rules for the resources the Azure constructs create, checked at synth time so a bad
 * name fails before `terraform apply` (where Azure would reject it after other resources exist).
 * Each check throws an {@link RdpValidationError} naming the field; the configuration file reuses
 * them, so both report the same words.
 *
 * Rules follow Microsoft's "Naming rules and restrictions for Azure resources" and the Windows
 * computer-name and local-account rules; where Azure accepts more (Unicode letters in resource
 * group names), the check is stricter on purpose.
 */
import { Token } from 'cdktf';
import { RdpValidationError, showValue } from '../core';

/**
 * User names Azure refuses for a Windows VM's administrator (`adminUsername`), compared
 * case-insensitively.
 */
export const RESERVED_ADMIN_USERNAMES: ReadonlySet<string> = new Set([
  'administrator', 'admin', 'user', 'user1', 'test', 'user2', 'test1', 'user3', 'admin1', '1', '123', 'a', 'actuser', 'adm',
  'admin2', 'aspnet', 'backup', 'console', 'david', 'guest', 'john', 'owner', 'root', 'server', 'sql', 'support',
  'support_388945a0', 'sys', 'test2', 'test3', 'user4', 'user5',
]);

/** Longest Windows administrator user name Azure accepts. */
export const MAX_ADMIN_USERNAME_LENGTH = 20;
/** Longest Windows computer (NetBIOS) name. */
export const MAX_COMPUTER_NAME_LENGTH = 15;
/** Longest virtual machine resource name. */
export const MAX_VM_NAME_LENGTH = 64;
/** Longest resource group name. */
export const MAX_RESOURCE_GROUP_NAME_LENGTH = 90;
/** Shortest and longest Key Vault name (the name is global: it becomes `<name>.vault.azure.net`). */
export const KEY_VAULT_NAME_LENGTH = { min: 3, max: 24 } as const;

const ADMIN_USERNAME_FORBIDDEN = /[\\/"[\]:|<>+=;,?*@\s\p{Cc}]/u;

/** Throws when `ok` is false; `problem` may say `<got>`, which becomes "got <value>". */
function check(field: string, value: unknown, ok: boolean, problem: string): string {
  if (!ok) throw new RdpValidationError(field, value, problem.replace('<got>', `got ${showValue(value)}`));
  return value as string;
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * Checks a resource group name: 1–90 letters, digits, `-`, `_`, `.`, `(`, `)`, not ending with a period.
 * @returns the name
 */
export function validateResourceGroupName(value: string, field = 'resourceGroupName'): string {
  if (Token.isUnresolved(value)) return value;
  return check(
    field,
    value,
    isText(value) && value.length <= MAX_RESOURCE_GROUP_NAME_LENGTH && /^[-\w.()]*[-\w()]$/.test(value),
    `must be a resource group name, <got>. Allowed: 1–${MAX_RESOURCE_GROUP_NAME_LENGTH} letters, digits, hyphens, underscores, periods and parentheses, not ending with a period.`,
  );
}

/**
 * Checks the name of a network resource (virtual network, subnet, network security group, network
 * interface, public IP): 1–80 letters, digits, `_`, `.`, `-`, starting with a letter or digit and
 * ending with a letter, digit or `_`.
 * @returns the name
 */
export function validateNetworkResourceName(value: string, field: string): string {
  if (Token.isUnresolved(value)) return value;
  return check(
    field,
    value,
    isText(value) && value.length <= 80 && /^[a-zA-Z0-9]([\w.-]*\w)?$/.test(value),
    'must be an Azure network resource name, <got>. Allowed: 1–80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore.',
  );
}

/**
 * Checks a Windows virtual machine's resource name: 1–64 letters, digits and hyphens, not starting
 * or ending with a hyphen (Azure forbids periods and a trailing hyphen in Windows VM names).
 * @returns the name
 */
export function validateVirtualMachineName(value: string, field = 'name'): string {
  return check(
    field,
    value,
    isText(value) && value.length <= MAX_VM_NAME_LENGTH && /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(value),
    `must be a Windows virtual machine name, <got>. Allowed: 1–${MAX_VM_NAME_LENGTH} letters, digits and hyphens, not starting or ending with a hyphen.`,
  );
}

/**
 * Checks a Windows computer name (the NetBIOS host name inside the guest): 1–15 letters, digits and
 * hyphens, not only digits, not starting or ending with a hyphen.
 * @returns the name
 */
export function validateComputerName(value: string, field = 'computerName'): string {
  return check(
    field,
    value,
    isText(value) && value.length <= MAX_COMPUTER_NAME_LENGTH && /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(value) && !/^\d+$/.test(value),
    `must be a Windows computer name, <got>. Allowed: 1–${MAX_COMPUTER_NAME_LENGTH} letters, digits and hyphens, not only digits, not starting or ending with a hyphen.`,
  );
}

/**
 * Checks a Windows administrator user name: at most 20 characters, none of `\ / " [ ] : | < > + = ; , ? * @`
 * or white space, not ending with a period, and not one of the names Azure reserves
 * ({@link RESERVED_ADMIN_USERNAMES}, such as `administrator` and `admin`).
 * @returns the user name
 */
export function validateAdminUsername(value: string, field = 'adminUsername'): string {
  const allowed = `Allowed: 1–${MAX_ADMIN_USERNAME_LENGTH} characters without \\ / " [ ] : | < > + = ; , ? * @ or spaces, not ending with a period, and not a name Azure reserves (administrator, admin, root, guest, …). Pick a name such as "rdpadmin".`;
  check(field, value, isText(value) && value.length >= 1 && value.length <= MAX_ADMIN_USERNAME_LENGTH, `must be a user name of 1–${MAX_ADMIN_USERNAME_LENGTH} characters, <got>. ${allowed}`);
  check(field, value, !ADMIN_USERNAME_FORBIDDEN.test(value) && !value.endsWith('.'), `contains a character Windows user names cannot have, or ends with a period, <got>. ${allowed}`);
  return check(field, value, !RESERVED_ADMIN_USERNAMES.has(value.toLowerCase()), `is a user name Azure reserves, <got>. ${allowed}`);
}

/**
 * Checks a Key Vault name: 3–24 letters, digits and hyphens, starting with a letter, ending with a
 * letter or digit, no consecutive hyphens.
 * @returns the name
 */
export function validateKeyVaultName(value: string, field = 'keyVaultName'): string {
  const { min, max } = KEY_VAULT_NAME_LENGTH;
  return check(
    field,
    value,
    isText(value) && value.length >= min && value.length <= max && /^[a-zA-Z]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(value) && !value.includes('--'),
    `must be a Key Vault name, <got>. Allowed: ${min}–${max} letters, digits and hyphens, starting with a letter, ending with a letter or digit, without consecutive hyphens; the name is global across Azure.`,
  );
}

/**
 * Checks an Azure region in its programmatic form, e.g. `westeurope` (not the display name "West Europe").
 * @returns the region
 */
export function validateAzureLocation(value: string, field = 'location'): string {
  if (Token.isUnresolved(value)) return value;
  return check(field, value, isText(value) && /^[a-z][a-z0-9]{2,39}$/.test(value), 'must be an Azure region name such as "westeurope" or "eastus2", <got>. Use the programmatic name (lower case, no spaces), as `az account list-locations -o table` shows it.');
}

/**
 * Checks a storage account's resource ID
 * (`/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>`).
 * @returns the ID
 */
export function validateStorageAccountId(value: string, field = 'storageAccountId'): string {
  return check(
    field,
    value,
    isText(value) && /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]+\/providers\/Microsoft\.Storage\/storageAccounts\/[a-z0-9]{3,24}$/.test(value),
    'must be a storage account resource ID, <got>. Allowed: "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>" (az storage account show --query id).',
  );
}

/**
 * Checks a virtual network subnet's resource ID
 * (`/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>`).
 * @returns the ID
 */
export function validateSubnetId(value: string, field = 'subnetId'): string {
  return check(
    field,
    value,
    isText(value) && /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]+\/providers\/Microsoft\.Network\/virtualNetworks\/[\w.-]+\/subnets\/[\w.-]+$/.test(value),
    'must be a subnet resource ID, <got>. Allowed: "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>" (az network vnet subnet show --query id).',
  );
}

/**
 * Checks an Azure subscription ID (a GUID).
 * @returns the ID
 */
export function validateSubscriptionId(value: string, field = 'subscriptionId'): string {
  return check(
    field,
    value,
    isText(value) && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) && !/^[0-]+$/.test(value),
    'must be a subscription ID (a GUID such as "3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f"), <got>. Leave it unset to let the provider read ARM_SUBSCRIPTION_ID at plan time.',
  );
}
