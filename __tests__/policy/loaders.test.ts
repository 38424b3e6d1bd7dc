/**
 * Reading Terraform JSON and `terraform show -json` plans into normalized resources. The plan
 * fixture is real Terraform output (fixtures/aws-plan/README.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DocumentKind, parseReference } from '../../policy/document';
import { review, violations } from '../../policy/engine';
import { detectKind, documentFromConfiguration, documentFromPlan, resourceLines } from '../../policy/loaders';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { AccessMode } from '../../policy/resource';
import { Compliance } from '../../policy/types';
import { UNKNOWN_AFTER_APPLY } from '../../policy/values';
import { awsStack, load } from './fixtures/builders';

const dir = path.join(__dirname, 'fixtures', 'aws-plan');
const planJson = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'));
const configText = fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8');
const config = documentFromConfiguration(JSON.parse(configText), { source: 'cdk.tf.json', text: configText });

function outcomesOf(doc: ReturnType<typeof load>): string[] {
  return review([doc], RdpBaselinePack)
    .outcomes.map((o) => `${o.ruleId} ${o.address} ${o.compliance}`)
    .sort();
}

describe('detectKind', () => {
  test('tells configuration from plan and from anything else', () => {
    expect(detectKind(JSON.parse(configText))).toBe(DocumentKind.CONFIGURATION);
    expect(detectKind(planJson)).toBe(DocumentKind.PLAN);
    expect(detectKind({ hello: 'world' })).toBeUndefined();
    expect(detectKind([1, 2])).toBeUndefined();
  });
});

describe('configuration', () => {
  test('normalizes resources with address, construct path, body without "//", acknowledgements and access mode', () => {
    const rule = config.at('aws_vpc_security_group_ingress_rule.world_https');
    expect(rule).toMatchObject({ type: 'aws_vpc_security_group_ingress_rule', name: 'world_https', constructPath: 'aws-plan/Web/Https', suppressions: [{ id: 'RDP-NET-WORLD-INGRESS' }] });
    expect(rule?.body['//']).toBeUndefined();
    expect(config.at('aws_instance.host')?.accessMode).toBe(AccessMode.ALLOWLIST);
    expect(config.stack).toBe('aws-plan');
  });

  test('finds each resource line for SARIF', () => {
    const lines = resourceLines(configText);
    const line = lines.get('aws_instance.host') as number;
    expect(configText.split('\n')[line - 1]).toMatch(/^\s*"host": \{$/);
  });

  test('resolves references inside the document', () => {
    expect(parseReference('${aws_security_group.rdp.id}')).toEqual({ address: 'aws_security_group.rdp', attribute: 'id' });
    expect(parseReference('${var.x}')).toBeUndefined();
    expect(parseReference('${data.aws_vpc.x.id}')).toBeUndefined();
    expect(config.resolve('${aws_security_group.rdp.id}')?.type).toBe('aws_security_group');
  });
});

describe('plan JSON', () => {
  const plan = documentFromPlan(planJson, { source: 'plan.json' }, config);

  test('gives the same rule outcomes as the configuration it was planned from', () => {
    expect(outcomesOf(plan)).toEqual(outcomesOf(config));
  });

  test('borrows construct paths, acknowledgements and access modes from the stack file next to it', () => {
    expect(plan.stack).toBe('aws-plan');
    expect(plan.at('aws_vpc_security_group_ingress_rule.world_https')).toMatchObject({ constructPath: 'aws-plan/Web/Https', suppressions: [{ id: 'RDP-NET-WORLD-INGRESS' }] });
    expect(plan.at('aws_instance.host')?.accessMode).toBe(AccessMode.ALLOWLIST);
    expect(violations(review([plan], RdpBaselinePack))).toEqual([]);
  });

  test('without the stack file the world-open rule is reported', () => {
    const bare = documentFromPlan(planJson, { source: 'plan.json' });
    expect(violations(review([bare], RdpBaselinePack)).map((o) => o.ruleId)).toEqual(['RDP-NET-WORLD-INGRESS']);
  });

  test('reads user data from the configuration, since the plan holds only its hash', () => {
    expect(plan.at('aws_instance.host')?.body.user_data).toMatch(/secure-rdp-hosts:profile/);
  });

  test('drops computed attributes the configuration does not set, and keeps set ones', () => {
    const host = plan.at('aws_instance.host');
    expect(host?.body.associate_public_ip_address).toBeUndefined();
    expect(host?.body.vpc_security_group_ids).toEqual(['${aws_security_group.rdp.id}']);
  });

  test('HCL-style plans (references, no constant values) still follow references', () => {
    const hcl = JSON.parse(JSON.stringify(planJson));
    for (const r of hcl.configuration.root_module.resources) {
      for (const e of Object.values(r.expressions) as Record<string, unknown>[]) if ('references' in e) delete e.constant_value;
    }
    const doc = documentFromPlan(hcl, { source: 'plan.json' });
    expect(doc.at('aws_instance.host')?.body.vpc_security_group_ids).toBe('${aws_security_group.rdp.id}');
    const sg = review([doc], RdpBaselinePack).outcomes.find((o) => o.ruleId === 'RDP-NET-HOST-FILTERED');
    expect(sg?.compliance).toBe(Compliance.COMPLIANT);
  });

  test('marks values known only after apply, without configuration, as unknown', () => {
    const noConfig = JSON.parse(JSON.stringify(planJson));
    delete noConfig.configuration;
    const doc = documentFromPlan(noConfig, { source: 'plan.json' });
    expect(doc.at('aws_instance.host')?.body.vpc_security_group_ids).toBe(UNKNOWN_AFTER_APPLY);
    expect(review([doc], RdpBaselinePack).outcomes.find((o) => o.ruleId === 'RDP-NET-HOST-FILTERED')?.compliance).toBe(Compliance.UNKNOWN);
  });

  test('skips resources being deleted and data sources', () => {
    const changed = JSON.parse(JSON.stringify(planJson));
    const rc = changed.resource_changes.find((r: { address: string }) => r.address === 'aws_vpc_security_group_ingress_rule.world_https');
    rc.change.actions = ['delete'];
    rc.change.after = null;
    changed.resource_changes.push({ address: 'data.aws_vpc.x', mode: 'data', type: 'aws_vpc', name: 'x', change: { actions: ['read'], after: {} } });
    const doc = documentFromPlan(changed, { source: 'plan.json' });
    expect(doc.at('aws_vpc_security_group_ingress_rule.world_https')).toBeUndefined();
    expect(doc.resources.some((r) => r.address.startsWith('data.'))).toBe(false);
  });

  test('keeps module addresses and follows references inside the module', () => {
    const moduled = { ...awsStackPlanInModule() };
    const doc = documentFromPlan(moduled, { source: 'plan.json' });
    expect(doc.at('module.net.aws_instance.host')?.modulePrefix).toBe('module.net.');
    expect(doc.resolve('${aws_security_group.rdp.id}', doc.at('module.net.aws_instance.host'))?.address).toBe('module.net.aws_security_group.rdp');
  });
});

function awsStackPlanInModule(): Record<string, unknown> {
  const resources = Object.entries(awsStack().resource).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, values]) => ({ address: `module.net.${type}.${name}`, module_address: 'module.net', mode: 'managed', type, name, change: { actions: ['create'], after: values, after_unknown: {} } })),
  );
  return { format_version: '1.2', terraform_version: '1.11.4', resource_changes: resources };
}
