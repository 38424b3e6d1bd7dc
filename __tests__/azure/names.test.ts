import { RESERVED_ADMIN_USERNAMES, validateAdminUsername, validateAzureLocation, validateComputerName, validateKeyVaultName, validateNetworkResourceName, validateResourceGroupName, validateSubnetId, validateSubscriptionId, validateVirtualMachineName } from '../../constructs/azure/names';

describe('Azure names', () => {
  const SUBNET_ID = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/rdp-1';

  test('subnet IDs: a plain check, no stand-in construct or props', () => {
    expect(validateSubnetId(SUBNET_ID)).toBe(SUBNET_ID);
    for (const bad of ['subnet-1', `${SUBNET_ID}/`, SUBNET_ID.replace('Microsoft.Network', 'Microsoft.Storage'), SUBNET_ID.replace('/subnets/rdp-1', ''), '', 42 as unknown as string]) {
      expect(() => validateSubnetId(bad, 'azure.hosts[0].existingSubnetId')).toThrow(/^`azure\.hosts\[0\]\.existingSubnetId` must be a subnet resource ID, got .*az network vnet subnet show --query id/);
    }
  });

  test.each(['rdpadmin', 'ops.admin', 'jane_doe', 'a'.repeat(20)])('accepts the admin user name %p', (name) => {
    expect(validateAdminUsername(name)).toBe(name);
  });

  test.each(['administrator', 'Administrator', 'ADMIN', 'admin', 'root', 'guest', 'user1', 'support_388945a0', '1', 'a'])('fails on the reserved admin user name %p', (name) => {
    expect(() => validateAdminUsername(name, 'azure.hosts[0].adminUsername')).toThrow(/`azure\.hosts\[0\]\.adminUsername` is a user name Azure reserves/);
  });

  test('reserves every name Azure lists', () => {
    expect(RESERVED_ADMIN_USERNAMES.size).toBe(32);
  });

  test.each(['ops\\admin', 'ops/admin', 'ops"', 'ops[1]', 'ops:x', 'ops|x', 'ops<x>', 'ops+x', 'ops=x', 'ops;x', 'ops,x', 'ops?', 'ops*', 'ops@corp', 'ops admin', 'ops.'])('fails on the admin user name %p', (name) => {
    expect(() => validateAdminUsername(name)).toThrow(/`adminUsername` contains a character Windows user names cannot have, or ends with a period/);
  });

  test('fails on an admin user name over 20 characters or empty', () => {
    expect(() => validateAdminUsername('a'.repeat(21))).toThrow(/`adminUsername` must be a user name of 1–20 characters, got "a{21}"/);
    expect(() => validateAdminUsername('')).toThrow(/`adminUsername` must be a user name/);
  });

  test('computer names: 1–15 characters, letters, digits and hyphens, not only digits', () => {
    expect(validateComputerName('jump-1')).toBe('jump-1');
    expect(validateComputerName('a'.repeat(15))).toBe('a'.repeat(15));
    for (const bad of ['a'.repeat(16), '12345', '-jump', 'jump-', 'jump.1', 'jump_1', '']) {
      expect(() => validateComputerName(bad)).toThrow(/`computerName` must be a Windows computer name/);
    }
  });

  test('VM names: up to 64 letters, digits and hyphens', () => {
    expect(validateVirtualMachineName('a'.repeat(64))).toHaveLength(64);
    for (const bad of ['a'.repeat(65), 'vm.1', 'vm_1', '-vm', 'vm-', '']) {
      expect(() => validateVirtualMachineName(bad)).toThrow(/`name` must be a Windows virtual machine name/);
    }
  });

  test('resource group names: up to 90 characters, no trailing period', () => {
    expect(validateResourceGroupName('rdp-hosts_(prod).eu')).toBe('rdp-hosts_(prod).eu');
    expect(() => validateResourceGroupName('a'.repeat(91))).toThrow(/`resourceGroupName` must be a resource group name/);
    expect(() => validateResourceGroupName('rg.')).toThrow(/`resourceGroupName`/);
    expect(() => validateResourceGroupName('rg/x')).toThrow(/`resourceGroupName`/);
  });

  test('network resource names: up to 80 characters', () => {
    expect(validateNetworkResourceName('jump-1-nsg', 'name')).toBe('jump-1-nsg');
    expect(() => validateNetworkResourceName('a'.repeat(81), 'name')).toThrow(/`name` must be an Azure network resource name/);
    expect(() => validateNetworkResourceName('nsg-', 'name')).toThrow(/`name`/);
  });

  test('Key Vault names: 3–24, starting with a letter, no double hyphen', () => {
    expect(validateKeyVaultName('kv-rdp-prod')).toBe('kv-rdp-prod');
    for (const bad of ['kv', 'a'.repeat(25), '1kv-rdp', 'kv--rdp', 'kv-rdp-', 'kv_rdp']) {
      expect(() => validateKeyVaultName(bad)).toThrow(/`keyVaultName` must be a Key Vault name/);
    }
  });

  test('locations are programmatic region names', () => {
    expect(validateAzureLocation('westeurope')).toBe('westeurope');
    expect(() => validateAzureLocation('West Europe')).toThrow(/`location` must be an Azure region name such as "westeurope"/);
  });

  test('subscription IDs are GUIDs, never the all-zero placeholder', () => {
    expect(validateSubscriptionId('3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f')).toBe('3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f');
    expect(() => validateSubscriptionId('00000000-0000-0000-0000-000000000000')).toThrow(/`subscriptionId` must be a subscription ID/);
    expect(() => validateSubscriptionId('my-subscription')).toThrow(/Leave it unset to let the provider read ARM_SUBSCRIPTION_ID/);
  });
});
