/**
 * Security properties checked on synthesized Terraform JSON. Each function returns findings (empty
 * means the property holds), so a failing test prints exactly what is wrong.
 */
import { TerraformJson } from './template';

const WORLD_SOURCES = new Set(['0.0.0.0/0', '::/0', '*', 'internet', 'any', '0/0']);

function isWorld(source: unknown): boolean {
  return typeof source === 'string' && WORLD_SOURCES.has(source.toLowerCase());
}

/** Every resource body of the document, with its address. */
export function allResources(json: TerraformJson): { address: string; type: string; body: Record<string, unknown> }[] {
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ address: `${type}.${name}`, type, body })));
}

/** Inbound rules (AWS and Azure, standalone and inline) that admit a world range on any port. */
export function worldOpenIngress(json: TerraformJson): string[] {
  const findings: string[] = [];
  for (const { address, type, body } of allResources(json)) {
    if (type === 'aws_vpc_security_group_ingress_rule' && (isWorld(body.cidr_ipv4) || isWorld(body.cidr_ipv6))) findings.push(address);
    if (type === 'aws_security_group_rule' && body.type === 'ingress' && ([...((body.cidr_blocks as unknown[]) ?? []), ...((body.ipv6_cidr_blocks as unknown[]) ?? [])]).some(isWorld)) findings.push(address);
    if (type === 'aws_security_group') {
      for (const rule of (body.ingress as Record<string, unknown>[] | undefined) ?? []) {
        if ([...((rule.cidr_blocks as unknown[]) ?? []), ...((rule.ipv6_cidr_blocks as unknown[]) ?? [])].some(isWorld)) findings.push(`${address} (inline)`);
      }
    }
    const nsgRules = type === 'azurerm_network_security_rule' ? [body] : type === 'azurerm_network_security_group' ? ((body.security_rule as Record<string, unknown>[] | undefined) ?? []) : [];
    for (const rule of nsgRules) {
      const sources = [rule.source_address_prefix, ...((rule.source_address_prefixes as unknown[]) ?? [])];
      if (String(rule.direction).toLowerCase() === 'inbound' && String(rule.access).toLowerCase() === 'allow' && sources.some(isWorld)) findings.push(address);
    }
  }
  return findings;
}

/** Every port (from–to) that an AWS ingress rule or Azure allow rule opens. */
export function ingressPortRanges(json: TerraformJson): { address: string; from: number; to: number }[] {
  const ranges: { address: string; from: number; to: number }[] = [];
  for (const { address, type, body } of allResources(json)) {
    if (type === 'aws_vpc_security_group_ingress_rule') ranges.push({ address, from: Number(body.from_port), to: Number(body.to_port) });
    if (type === 'azurerm_network_security_rule' && String(body.direction).toLowerCase() === 'inbound' && String(body.access).toLowerCase() === 'allow') {
      const [from, to = from] = String(body.destination_port_range).split('-').map(Number);
      ranges.push({ address, from, to });
    }
  }
  return ranges;
}

const SECRET_KEY = /(^|_)(password|passwd|secret|secret_string|private_key|shared_key|preshared_key|access_key|secret_key|token|auth_key)$/i;
const SECRET_VALUE_RESOURCES = new Set(['azurerm_key_vault_secret', 'aws_ssm_parameter']);
const REFERENCE = /^\$\{.+\}$/s;

/**
 * Attributes whose name says "secret" and whose value is a literal (not a reference to a generated
 * value or a secret store). Outputs that carry secrets must be marked sensitive.
 */
export function plaintextSecrets(json: TerraformJson): string[] {
  const findings: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '//') continue;
      const here = `${path}.${key}`;
      if (SECRET_KEY.test(key) && typeof value === 'string' && value !== '' && !REFERENCE.test(value)) findings.push(here);
      visit(value, here);
    }
  };
  visit(json.resource, 'resource');
  for (const { address, type, body } of allResources(json)) {
    if (SECRET_VALUE_RESOURCES.has(type) && typeof body.value === 'string' && !REFERENCE.test(body.value)) findings.push(`${address}.value`);
  }
  visit(json.provider, 'provider');
  visit(json.variable, 'variable');
  for (const [name, output] of Object.entries(json.output ?? {})) {
    if (SECRET_KEY.test(name) && output.sensitive !== true) findings.push(`output.${name} (not sensitive)`);
  }
  return findings;
}
