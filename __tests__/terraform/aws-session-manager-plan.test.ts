/**
 * The AWS half of examples/zero-inbound.example.json (session-manager hosts beside a VPN-only host in
 * one network) through real Terraform, offline: validated and planned with the local provider mirror
 * and mock credentials (injected by the harness only); the plan JSON is checked for zero inbound.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildStacks } from '../../stacks/app';
import { validateConfig } from '../../stacks/config/load-config';
import { RdpHostsConfig } from '../../stacks/config/schema';
import { synthesizeAtomically } from '../../stacks/synthesize';
import { PlannedResource, planOffline, terraformSetup } from '../helpers/terraform';

jest.setTimeout(240_000);

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'zero-inbound.example.json');

function values(resources: PlannedResource[], type: string): Record<string, unknown>[] {
  return resources.filter((r) => r.type === type).map((r) => r.values);
}

describe('session-manager access: terraform validate + plan, offline', () => {
  let resources: PlannedResource[];
  let tmp: string;

  beforeAll(() => {
    const setup = terraformSetup();
    if (!setup.ok) throw new Error(`Offline Terraform is not available: ${setup.message}`);
    const config = validateConfig(JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')), {});
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-plan-ssm-'));
    const outdir = path.join(tmp, 'cdktf.out');
    synthesizeAtomically(outdir, (app) => buildStacks(app, { aws: config.aws } as RdpHostsConfig));
    resources = planOffline(path.join(outdir, 'stacks', 'aws-zero-inbound'), setup.env).resources;
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('the session-manager hosts have no public IP and their security group no inbound rule; the VPN-only host keeps its VPN rule', () => {
    const instances = resources.filter((r) => r.type === 'aws_instance');
    expect(instances).toHaveLength(3);
    for (const i of instances) expect(i.values.associate_public_ip_address).toBe(false);
    const groups = resources.filter((r) => r.type === 'aws_security_group').map((r) => r.address);
    const ingress = resources.filter((r) => r.type === 'aws_vpc_security_group_ingress_rule').map((r) => r.address);
    expect(groups.some((g) => g.includes('Group-ops_SecurityGroup'))).toBe(true);
    // Standalone rule addresses carry their group's construct path.
    expect(ingress.filter((a) => a.includes('Group-ops_SecurityGroup_Rdp'))).toEqual([]);
    expect(ingress.filter((a) => a.includes('Group-vpn-jump_SecurityGroup_Rdp'))).toHaveLength(1);
  });

  test('the management path exists: the three Systems Manager interface endpoints and HTTPS egress to them', () => {
    expect(values(resources, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface').map((e) => String(e.service_name).split('.').pop()).sort()).toEqual(['ec2messages', 'ssm', 'ssmmessages']);
    expect(values(resources, 'aws_vpc_security_group_egress_rule').filter((r) => r.cidr_ipv4 === '0.0.0.0/0')).toEqual([]);
  });

  test('the Port document pinned to 44389, the preferences document, the encrypted log group with retention, the operator policy', () => {
    const documents = values(resources, 'aws_ssm_document');
    const session = documents.filter((d) => d.document_type === 'Session').map((d) => JSON.parse(String(d.content)));
    expect(session.find((c) => c.sessionType === 'Port').properties).toEqual({ portNumber: '44389', type: 'LocalPortForwarding', localPortNumber: '{{ localPortNumber }}' });
    expect(session.find((c) => c.sessionType === 'Standard_Stream').inputs).toMatchObject({ cloudWatchEncryptionEnabled: true, cloudWatchStreamingEnabled: true });
    const [logGroup] = values(resources, 'aws_cloudwatch_log_group').filter((g) => String(g.name).startsWith('/secure-rdp-hosts/session-manager/'));
    expect(logGroup.retention_in_days).toBe(365);
    const keys = values(resources, 'aws_kms_key');
    expect(keys).toHaveLength(1);
    expect(keys[0].enable_key_rotation).toBe(true);
    expect(resources.filter((r) => r.type === 'aws_iam_policy')).toHaveLength(1);
    expect(resources.filter((r) => r.type === 'aws_iam_role_policy' && r.address.includes('SessionManager_AgentLoggingPolicy'))).toHaveLength(1);
  });
});
