import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Password } from '@cdktf/provider-random/lib/password';
import { TerraformVariable } from 'cdktf';
import { AzureAdminPassword, AzureRdpKeyVault, AzureRdpKeyVaultProps } from '../../constructs';
import { plaintextSecrets } from '../helpers/security-assertions';
import { bodiesOf, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const BASE: AzureRdpKeyVaultProps = { resourceGroupName: 'rdp-rg', location: 'westeurope' };

describe('AzureRdpKeyVault', () => {
  test('locked down by default: RBAC, purge protection, 90-day soft delete, default-deny network ACL', () => {
    const stack = testStack();
    new AzureRdpKeyVault(stack, 'Vault', { ...BASE, deployerIpRanges: ['203.0.113.7/32', '198.51.100.0/24'] });
    const json = synthJson(stack);
    const vault = onlyResourceOf(json, KeyVault);
    expect(vault).toMatchObject({
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      sku_name: 'standard',
      network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: ['203.0.113.7', '198.51.100.0/24'] },
      enabled_for_deployment: false,
      enabled_for_template_deployment: false,
    });
    expect(vault.enable_rbac_authorization).toBeUndefined();
    expect(vault.access_policy).toBeUndefined();
    expect(vault.tenant_id).toMatch(/data\.azurerm_client_config\..*\.tenant_id/);
    expect(vault.name).toMatch(/^kv-rdp-\$\{substr\(sha1\(join\("\/", \[data\.azurerm_client_config\..*\.subscription_id, "test\/Vault"\]\)\), 0, 6\)\}$/);
    expect(onlyResourceOf(json, RoleAssignment)).toMatchObject({ role_definition_name: 'Key Vault Secrets Officer', principal_id: expect.stringMatching(/object_id/), scope: expect.stringMatching(/azurerm_key_vault\./) });
  });

  test('an explicit name is used as given; the deployer role can be left out', () => {
    const stack = testStack();
    new AzureRdpKeyVault(stack, 'Vault', { ...BASE, name: 'kv-ops-rdp', grantDeployerSecretsOfficer: false });
    const json = synthJson(stack);
    expect(onlyResourceOf(json, KeyVault).name).toBe('kv-ops-rdp');
    expect(bodiesOf(json, RoleAssignment)).toHaveLength(0);
  });

  test('a CI runner\'s address (a Terraform variable) is admitted while set, next to the deployer ranges', () => {
    const stack = testStack();
    const runner = new TerraformVariable(stack, 'runner_ip', { type: 'string', default: '' });
    new AzureRdpKeyVault(stack, 'Vault', { ...BASE, deployerIpRanges: ['198.51.100.0/24'], runnerIpAddress: runner.stringValue });
    const acls = onlyResourceOf(synthJson(stack), KeyVault).network_acls as Record<string, unknown>;
    // compact() drops the empty default: without the variable, only the ranges are admitted.
    expect(acls).toEqual({ default_action: 'Deny', bypass: 'AzureServices', ip_rules: '${concat(["198.51.100.0/24"], compact([var.runner_ip]))}' });
  });

  test('a literal runner address is checked like a deployer range', () => {
    const stack = testStack();
    new AzureRdpKeyVault(stack, 'Vault', { ...BASE, runnerIpAddress: '203.0.113.9/32' });
    expect((onlyResourceOf(synthJson(stack), KeyVault).network_acls as Record<string, unknown>).ip_rules).toEqual(['203.0.113.9']);
    expect(() => new AzureRdpKeyVault(testStack(), 'V', { ...BASE, runnerIpAddress: '10.1.2.3/32' })).toThrow(/`runnerIpAddress` must be a public IPv4 address range/);
  });

  test('fails on bad input, naming the field', () => {
    expect(() => new AzureRdpKeyVault(testStack(), 'V', { ...BASE, name: 'kv' })).toThrow(/`name` must be a Key Vault name/);
    expect(() => new AzureRdpKeyVault(testStack(), 'V', { ...BASE, softDeleteRetentionDays: 5 })).toThrow(/`softDeleteRetentionDays` must be an integer from 7 to 90/);
    expect(() => new AzureRdpKeyVault(testStack(), 'V', { ...BASE, deployerIpRanges: ['0.0.0.0/0'] })).toThrow(/`deployerIpRanges\[0\]` must not mean the whole internet/);
    expect(() => new AzureRdpKeyVault(testStack(), 'V', { ...BASE, deployerIpRanges: ['10.0.0.0/16'] })).toThrow(/`deployerIpRanges\[0\]` must be a public IPv4 address range/);
    expect(() => new AzureRdpKeyVault(testStack(), 'V', { ...BASE, deployerIpRanges: ['2001:db8:1::/48'] })).toThrow(/`deployerIpRanges\[0\]` must be a public IPv4/);
  });
});

describe('AzureAdminPassword', () => {
  test('a generated password in a secret with content type and expiry; never a literal', () => {
    const stack = testStack();
    const vault = new AzureRdpKeyVault(stack, 'Vault', BASE);
    new AzureAdminPassword(stack, 'Password', { keyVault: vault, secretName: 'jump-1-admin-password', validityDays: 30 });
    const json = synthJson(stack);
    const password = onlyResourceOf(json, Password);
    expect(password).toMatchObject({ length: 32, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2 });
    const secret = onlyResourceOf(json, KeyVaultSecret);
    expect(secret).toMatchObject({
      name: 'jump-1-admin-password',
      content_type: 'password',
      value: expect.stringMatching(/^\$\{random_password\.[^.]+\.result\}$/),
      expiration_date: '${timeadd(plantimestamp(), "720h")}',
      lifecycle: { ignore_changes: ['expiration_date'] },
      depends_on: [expect.stringMatching(/^azurerm_role_assignment\./)],
    });
    expect(plaintextSecrets(json)).toEqual([]);
  });

  test('fails on bad input, naming the field', () => {
    const vault = new AzureRdpKeyVault(testStack(), 'Vault', BASE);
    expect(() => new AzureAdminPassword(testStack(), 'P', { keyVault: vault, secretName: 'a_b' })).toThrow(/`secretName` must be a Key Vault secret name/);
    expect(() => new AzureAdminPassword(testStack(), 'P', { keyVault: vault, secretName: 'ok', validityDays: 0 })).toThrow(/`validityDays` must be an integer from 1 to 365/);
  });
});
