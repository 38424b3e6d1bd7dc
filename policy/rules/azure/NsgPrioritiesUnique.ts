import { PolicyDocument } from '../../document';
import { standaloneNsgRules } from '../../network/ingress';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { blocks, num, str } from '../../values';

/** Lowest and highest priority Azure accepts for a custom NSG rule. */
export const NSG_PRIORITY_RANGE = { min: 100, max: 4096 } as const;

/** Each NSG rule has a priority in 100-4096 that no other rule of the same NSG and direction uses. */
export default function NsgPrioritiesUnique(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_network_security_group') return Compliance.NOT_APPLICABLE;
  const rules = [
    ...blocks(resource.body.security_rule, 'security_rule').map((b) => ({ label: `security_rule[${JSON.stringify(b.name ?? '')}]`, body: b })),
    ...standaloneNsgRules(resource, doc).map((r) => ({ label: r.address, body: r.body as Record<string, unknown> })),
  ];
  const findings: string[] = [];
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const priority = num(rule.body.priority, `${rule.label}.priority`);
    const direction = (str(rule.body.direction, `${rule.label}.direction`) ?? '').toLowerCase();
    if (priority === undefined || priority < NSG_PRIORITY_RANGE.min || priority > NSG_PRIORITY_RANGE.max) {
      findings.push(`${rule.label} has priority ${priority ?? 'unset'}, outside ${NSG_PRIORITY_RANGE.min}-${NSG_PRIORITY_RANGE.max}`);
      continue;
    }
    const key = `${direction}:${priority}`;
    const other = seen.get(key);
    if (other) findings.push(`${rule.label} and ${other} share ${direction} priority ${priority}`);
    else seen.set(key, rule.label);
  }
  return findings;
}
