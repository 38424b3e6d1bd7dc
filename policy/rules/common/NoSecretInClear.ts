import { PolicyDocument } from '../../document';
import { scriptText } from '../../guest/script-text';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, blocks, isRecord, isUnresolved } from '../../values';

/** Attributes that hold a secret, per resource type (paths inside the body; `*` walks a list of blocks). */
export function secretAttributes(): Readonly<Record<string, readonly string[]>> {
  return {
    azurerm_windows_virtual_machine: ['admin_password'],
    azurerm_key_vault_secret: ['value'],
    azurerm_virtual_network_gateway_connection: ['shared_key'],
    azurerm_virtual_network_gateway: ['vpn_client_configuration.radius_server_secret', 'vpn_client_configuration.radius_server.*.secret'],
    azurerm_virtual_machine_run_command: ['run_as_password', 'protected_parameter.*.value'],
    azurerm_virtual_machine_extension: ['protected_settings'],
    aws_vpn_connection: ['tunnel1_preshared_key', 'tunnel2_preshared_key'],
    aws_ssm_parameter: ['value'],
    aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
    aws_db_instance: ['password'],
  };
}


/**
 * Script/user-data attributes scanned for password-like literals. Base64 text: `user_data_base64`, a launch
 * template's `user_data` and an Azure VM's `custom_data` / `user_data` (the providers require base64 there).
 */
function scriptAttributes(): Readonly<Record<string, readonly string[]>> {
  return {
    aws_instance: ['user_data', 'user_data_base64'],
    aws_launch_template: ['user_data'],
    azurerm_windows_virtual_machine: ['custom_data', 'user_data'],
    aws_ssm_document: ['content'],
  };
}


/** A password literal in PowerShell: `ConvertTo-SecureString "…" -AsPlainText`, `-Password "…"`, `$password = "…"`. */
function hasPasswordLiteral(text: string): boolean {
  return /ConvertTo-SecureString\s+(['"])[^'"$]{4,}\1\s+-AsPlainText|-(?:Password|AdminPassword)\s+(['"])[^'"$]{4,}\2|\$\w*(?:password|passwd|secret)\w*\s*=\s*(['"])[^'"$]{4,}\3/i.test(text);
}

function valuesAt(body: Record<string, unknown>, path: string): unknown[] {
  const [head, ...rest] = path.split('.');
  const value = body[head];
  if (rest.length === 0) return [value];
  if (rest[0] === '*') return blocks(value, head).flatMap((b) => valuesAt(b, rest.slice(1).join('.')));
  const inner = block(value, head);
  return inner ? valuesAt(inner, rest.join('.')) : [];
}

/** True when a value is a literal secret: set, not a reference or function call, not empty. */
function isLiteral(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (isRecord(value) || Array.isArray(value)) return Object.keys(value).length > 0;
  return !isUnresolved(value);
}

/**
 * No secret is written into the plan as a literal: passwords, pre-shared keys, RADIUS secrets,
 * secret values, and password assignments inside user data or scripts. References to generated
 * values (`${random_password.admin.result}`) are fine. Findings never repeat the secret.
 */
export default function NoSecretInClear(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  // A plain String / StringList SSM parameter is configuration, not a secret.
  const plainParameter = resource.type === 'aws_ssm_parameter' && resource.body.type !== 'SecureString';
  const secretPaths = plainParameter ? [] : (secretAttributes()[resource.type] ?? []);
  const scriptPaths = scriptAttributes()[resource.type] ?? [];
  if (secretPaths.length === 0 && scriptPaths.length === 0) return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  for (const path of secretPaths) {
    if (valuesAt(resource.body, path).some(isLiteral)) findings.push(`\`${path}\` is a literal value in the plan (value not shown)`);
  }
  for (const path of scriptPaths) {
    const text = scriptText(resource.body[path], path.endsWith('base64') || resource.type === 'aws_launch_template' || resource.type === 'azurerm_windows_virtual_machine');
    if (text !== undefined && hasPasswordLiteral(text)) findings.push(`\`${path}\` contains a password literal (value not shown)`);
  }
  return findings;
}
