import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';

/** Parameter names that announce a secret. */
function isSecretName(name: string): boolean {
  return /pass(word|wd)?|secret|token|credential|private[-_ ]?key|api[-_ ]?key|psk|pre[-_]?shared/i.test(name);
}
/** References to generated or stored secrets. */
function hasSecretReference(value: string): boolean {
  return /\$\{\s*(random_password\.[\w-]+\.(result|bcrypt_hash)|tls_private_key\.[\w-]+\.private_key|aws_instance\.[\w-]+\.password_data|azurerm_key_vault_secret\.[\w-]+\.value|aws_secretsmanager_secret_version\.[\w-]+\.secret_string|data\.aws_secretsmanager_secret_version\.[\w-]+\.secret_string)/.test(value);
}

/** A Systems Manager parameter that holds a secret (by name or by value) is a `SecureString`. */
export default function SsmParameterSecretEncrypted(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_ssm_parameter') return Compliance.NOT_APPLICABLE;
  const type = String(resource.body.type ?? 'String');
  if (type === 'SecureString') return Compliance.COMPLIANT;
  const findings: string[] = [];
  const name = String(resource.body.name ?? resource.name);
  const value = JSON.stringify([resource.body.value ?? null, resource.body.insecure_value ?? null]);
  if (hasSecretReference(value)) findings.push(`a ${type} parameter stores a generated secret in clear text (value not shown)`);
  else if (isSecretName(name)) findings.push(`a ${type} parameter named ${JSON.stringify(name)} holds a secret in clear text`);
  return findings;
}
