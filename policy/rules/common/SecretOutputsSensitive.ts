import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { isUnresolved } from '../../values';
import { secretAttributes } from './NoSecretInClear';

/** Output names that announce a secret. */
function isSecretName(name: string): boolean {
  return /pass(word|wd)|secret|token|credential|private_?key|api_?key|preshared|psk/i.test(name);
}

/** Attributes that hold a generated or decrypted secret, beyond the secret arguments of {@link secretAttributes}. */
function secretResults(): Readonly<Record<string, readonly string[]>> {
  return {
    random_password: ['result', 'bcrypt_hash'],
    aws_instance: ['password_data'],
    tls_private_key: ['private_key_pem', 'private_key_openssh', 'private_key_pem_pkcs8'],
  };
}


/** An output that exposes a secret attribute (referenced) or a literal secret (by its name) is marked `sensitive = true`. */
export default function SecretOutputsSensitive(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'output') return Compliance.NOT_APPLICABLE;
  if (resource.body.sensitive === true) return Compliance.COMPLIANT;
  const text = JSON.stringify(resource.body.value ?? null);
  const findings: string[] = [];
  for (const m of text.matchAll(/([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([a-z][a-z0-9_]*)/g)) {
    const [, type, , attribute] = m;
    const secret = [...(secretResults()[type] ?? []), ...(secretAttributes()[type] ?? []).map((p) => p.split('.')[0])];
    if (secret.includes(attribute)) findings.push(`exposes ${m[0]} without \`sensitive = true\``);
  }
  // A literal value in an output whose name announces a secret (`admin_password = "…"`).
  const value = resource.body.value;
  if (typeof value === 'string' && value !== '' && !isUnresolved(value) && isSecretName(resource.name)) findings.push(`output ${resource.name} holds a literal secret without \`sensitive = true\` (value not shown)`);
  return [...new Set(findings)];
}
