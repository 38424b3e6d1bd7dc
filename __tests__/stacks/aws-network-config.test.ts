/**
 * The AWS network from the configuration file: subnets by host kind, the management path to Systems
 * Manager, egress, and the invariants of issue 12 on the shipped examples and on generated configurations.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { Testing } from 'cdktf';
import { AwsRdpStack } from '../../stacks/aws-rdp-stack';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { awsNetworkInvariantFindings, deadSources, missingManagementPaths, mixedSubnets, unacknowledgedWorldEgress } from '../helpers/aws-invariants';
import { bodiesOf, fullSynthJson, resourcesOf, TerraformJson } from '../helpers/template';
import { problemsOf } from '../helpers/config-problems';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const EXAMPLE_ENV = { RDP_WINDOWS_AMI_ID: 'ami-0fedcba9876543210', RDP_VPN_SERVER_CERT_ARN: 'arn:aws:acm:eu-central-1:123456789012:certificate/00000000-0000-4000-8000-000000000003' };
const PUBLIC_IP = { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support from its fixed office range' };
const INTERNET_EGRESS = { id: 'RDP-NET-INTERNET-EGRESS', reason: 'Windows Update straight from Microsoft; no WSUS here' };

function synthAws(config: unknown, env: NodeJS.ProcessEnv = {}): TerraformJson {
  const validated = validateConfig(config, env);
  return fullSynthJson(new AwsRdpStack(Testing.app(), 'aws', validated.aws!));
}

/** A configuration section before validation: raw JSON, as a user writes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw, not yet validated JSON
type RawSection = Record<string, any>;

/** The default config with its AWS section changed. */
function awsConfig(change: (aws: RawSection) => void): unknown {
  const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
  delete config.azure;
  change(config.aws);
  return config;
}

function instanceNamed(json: TerraformJson, host: string): Record<string, unknown> {
  return Object.entries(resourcesOf(json, 'aws_instance')).find(([name]) => name.startsWith(`Host-${host}_`))![1];
}

describe('examples/*.json and the default: the AWS network invariants hold', () => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

  test.each(files)('%s', (file) => {
    const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
    if (!config.aws) return;
    expect(awsNetworkInvariantFindings(synthAws(config, EXAMPLE_ENV))).toEqual([]);
  });

  test('the embedded default', () => {
    expect(awsNetworkInvariantFindings(synthAws(DEFAULT_CONFIG))).toEqual([]);
  });

  test('rdp-hosts.example.json: the VPN-only ops-jump and the public vendor-gateway are in different subnets; ops-jump reaches the endpoints', () => {
    const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'rdp-hosts.example.json'), 'utf8'));
    const json = synthAws(config, EXAMPLE_ENV);
    const opsJump = instanceNamed(json, 'ops-jump');
    const vendor = instanceNamed(json, 'vendor-gateway');
    expect(opsJump).toMatchObject({ associate_public_ip_address: false, subnet_id: expect.stringMatching(/aws_subnet\.Network_HostSubnet_/) });
    expect(vendor).toMatchObject({ associate_public_ip_address: true, subnet_id: expect.stringMatching(/aws_subnet\.Network_PublicSubnet_/) });
    const interfaceEndpoints = bodiesOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(interfaceEndpoints.map((e) => String(e.service_name).split('.').pop()).sort()).toEqual(['ec2messages', 'ssm', 'ssmmessages']);
    for (const endpoint of interfaceEndpoints) expect(endpoint.subnet_ids).toEqual([opsJump.subnet_id]);
    // Only the public subnet routes to the internet gateway.
    const [route] = bodiesOf(json, 'aws_route');
    expect(bodiesOf(json, 'aws_route')).toHaveLength(1);
    expect(route.route_table_id).toMatch(/Network_PublicRoutes_/);
    expect(missingManagementPaths(json)).toEqual([]);
    expect(unacknowledgedWorldEgress(json)).toEqual([]);
  });
});

describe('configuration: management path and egress', () => {
  test('an existing network must say how hosts reach Systems Manager', () => {
    const problems = problemsOf(awsConfig((aws) => {
      aws.network = { existingVpcId: 'vpc-0a1b2c3d', existingSubnetId: 'subnet-0a1b2c3d', existingSubnetCidr: '10.42.1.0/24' };
    }));
    expect(problems).toEqual([expect.objectContaining({ field: 'aws.network.managementPath', message: expect.stringMatching(/is required with an existing network: say how hosts without a public address reach Systems Manager \("create-endpoints", "existing-endpoints" or "nat"\)\. It is never guessed/) })]);
  });

  test.each([
    ['create-endpoints', { existingRouteTableId: 'rtb-0a1b2c3d' }],
    ['existing-endpoints', { existingEndpointSecurityGroupId: 'sg-0a1b2c3d4e' }],
  ])('an existing network with %s synthesizes, and every host has a management path', (managementPath, extra) => {
    const config = awsConfig((aws) => {
      aws.network = { existingVpcId: 'vpc-0a1b2c3d', existingSubnetId: 'subnet-0a1b2c3d', existingSubnetCidr: '10.42.1.0/24', managementPath, ...extra };
    });
    const json = synthAws(config);
    const egress = bodiesOf(json, 'aws_vpc_security_group_egress_rule').filter((r) => String(r.security_group_id).includes('Group-jump-1'));
    expect(egress.map((r) => r.from_port)).toEqual([443, 443]);
    expect(unacknowledgedWorldEgress(json)).toEqual([]);
    if (managementPath === 'create-endpoints') expect(missingManagementPaths(json)).toEqual([]);
    else expect(egress.map((r) => r.referenced_security_group_id ?? r.prefix_list_id)).toContain('sg-0a1b2c3d4e');
  });

  test('an existing network with NAT: every host must acknowledge internet egress', () => {
    const config = awsConfig((aws) => {
      aws.network = { existingVpcId: 'vpc-0a1b2c3d', existingSubnetId: 'subnet-0a1b2c3d', existingSubnetCidr: '10.42.1.0/24', managementPath: 'nat' };
    });
    expect(problemsOf(config)).toEqual([expect.objectContaining({ field: 'aws.hosts[0].internetEgress', message: expect.stringMatching(/is required: the network reaches Systems Manager through NAT/) })]);
    (config as { aws: RawSection }).aws.hosts[0].internetEgress = INTERNET_EGRESS;
    const json = synthAws(config);
    expect(unacknowledgedWorldEgress(json)).toEqual([]);
    expect(bodiesOf(json, 'aws_vpc_endpoint')).toHaveLength(0);
  });

  test('a new VPC with NAT: a NAT gateway, and hosts egress to the internet only with the acknowledgement', () => {
    const config = awsConfig((aws) => {
      aws.network.managementPath = 'nat';
      aws.hosts[0].internetEgress = INTERNET_EGRESS;
    });
    const json = synthAws(config);
    expect(bodiesOf(json, 'aws_nat_gateway')).toHaveLength(1);
    expect(missingManagementPaths(json)).toEqual([]);
    expect(unacknowledgedWorldEgress(json)).toEqual([]);
  });

  test.each([
    ['internet egress without an internet path', (aws: RawSection) => (aws.hosts[0].internetEgress = INTERNET_EGRESS), 'aws.hosts[0].internetEgress', /no path to the internet .*dead/],
    ['internet egress with the wrong ID', (aws: RawSection) => ((aws.network.natGateway = true), (aws.hosts[0].internetEgress = { ...INTERNET_EGRESS, id: 'RDP-NET-PUBLIC-IP' })), 'aws.hosts[0].internetEgress.id', /must be "RDP-NET-INTERNET-EGRESS"/],
    ['existing-endpoints on a new VPC', (aws: RawSection) => (aws.network.managementPath = 'existing-endpoints'), 'aws.network.managementPath', /must be "create-endpoints" or "nat" for a new VPC/],
    ['a public subnet overlapping the private one', (aws: RawSection) => ((aws.network.natGateway = true), (aws.network.publicSubnetCidr = '10.42.1.0/25')), 'aws.network.publicSubnetCidr', /overlaps subnetCidr 10\.42\.1\.0\/24/],
    [
      'a public host on an existing network without a public subnet',
      (aws: RawSection) => {
        aws.network = { existingVpcId: 'vpc-0a1b2c3d', existingSubnetId: 'subnet-0a1b2c3d', existingSubnetCidr: '10.42.1.0/24', managementPath: 'existing-endpoints', existingEndpointSecurityGroupId: 'sg-0a1b2c3d4e' };
        Object.assign(aws.hosts[0], { access: 'allowlist', allowlist: ['203.0.113.0/24'], internetExposure: PUBLIC_IP });
      },
      'aws.hosts[0].allowlist',
      /the network has no public subnet/,
    ],
    [
      'a public host behind the Client VPN on an existing network whose public subnet range is unknown',
      (aws: RawSection) => {
        aws.network = { existingVpcId: 'vpc-0a1b2c3d', existingSubnetId: 'subnet-0a1b2c3d', existingSubnetCidr: '10.42.1.0/24', existingPublicSubnetId: 'subnet-0e0f1a2b', managementPath: 'existing-endpoints', existingEndpointSecurityGroupId: 'sg-0a1b2c3d4e' };
        Object.assign(aws.hosts[0], { access: 'allowlist', allowlist: ['203.0.113.0/24'], internetExposure: PUBLIC_IP });
      },
      'aws.network.existingPublicSubnetCidr',
      /is required with clientVpn/,
    ],
  ])('fails on %s, naming the field', (_label, change, field, message) => {
    const problems = problemsOf(awsConfig(change));
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)!.message).toMatch(message);
  });
});

describe('generated configurations: whatever validation accepts synthesizes, and the invariants hold', () => {
  const host = fc.record({
    kind: fc.constantFrom('vpn-only', 'private-allowlist', 'public-allowlist'),
    internetEgress: fc.boolean(),
  });
  const configuration = fc.record({
    hosts: fc.array(host, { minLength: 1, maxLength: 4 }),
    managementPath: fc.constantFrom(undefined, 'create-endpoints', 'nat', 'existing-endpoints'),
    natGateway: fc.constantFrom(undefined, true, false),
    clientVpn: fc.boolean(),
    siteToSiteVpn: fc.boolean(),
  });

  function toConfig(generated: typeof configuration extends fc.Arbitrary<infer T> ? T : never): unknown {
    return awsConfig((aws) => {
      if (!generated.clientVpn) delete aws.clientVpn;
      if (generated.siteToSiteVpn) aws.siteToSiteVpn = { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['192.168.10.0/24'] };
      if (generated.managementPath !== undefined) aws.network.managementPath = generated.managementPath;
      if (generated.natGateway !== undefined) aws.network.natGateway = generated.natGateway;
      aws.hosts = generated.hosts.map((h, i) => ({
        name: `host-${i}`,
        amiId: 'ami-0123456789abcdef0',
        ...(h.kind === 'vpn-only' ? { access: 'vpn-only', allowlist: ['10.8.0.0/24'] } : {}),
        ...(h.kind === 'private-allowlist' ? { access: 'allowlist', allowlist: ['172.16.5.0/24'] } : {}),
        ...(h.kind === 'public-allowlist' ? { access: 'allowlist', allowlist: ['203.0.113.0/24', '10.9.0.0/24'], internetExposure: PUBLIC_IP } : {}),
        ...(h.internetEgress ? { internetEgress: INTERNET_EGRESS } : {}),
      }));
    });
  }

  test('accepted configurations synthesize with a management path for every host, no unacknowledged world egress, no dead sources, no mixed subnets', () => {
    let accepted = 0;
    fc.assert(
      fc.property(configuration, (generated) => {
        const config = toConfig(generated);
        if (problemsOf(config).length > 0) return; // refused with field-named problems: nothing to build
        accepted += 1;
        const json = synthAws(config);
        expect(awsNetworkInvariantFindings(json)).toEqual([]);
        expect(deadSources(json)).toEqual([]);
      }),
      { numRuns: 40, seed: 12 },
    );
    expect(accepted).toBeGreaterThan(5);
  });

  test('refusals are exactly the configurations that would break an invariant', () => {
    fc.assert(
      fc.property(configuration, (generated) => {
        const problems = problemsOf(toConfig(generated)).map((p) => p.field);
        const nat = generated.managementPath === 'nat' || generated.natGateway === true;
        for (const [i, h] of generated.hosts.entries()) {
          const internetPath = h.kind === 'public-allowlist' || nat;
          const needsEgress = generated.managementPath === 'nat';
          const expectedProblem = (h.internetEgress && !internetPath) || (needsEgress && !h.internetEgress);
          if (generated.managementPath === 'existing-endpoints' || (generated.managementPath === 'nat' && generated.natGateway === false)) continue;
          expect(problems.includes(`aws.hosts[${i}].internetEgress`)).toBe(expectedProblem);
        }
      }),
      { numRuns: 60, seed: 12 },
    );
  });
});

describe('the invariant checks catch hand-broken plans (so the tests above can fail)', () => {
  function example(): TerraformJson {
    return synthAws(JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'rdp-hosts.example.json'), 'utf8')), EXAMPLE_ENV);
  }

  test('no endpoints: the VPN-only host has no management path', () => {
    const json = example();
    for (const [name, endpoint] of Object.entries(resourcesOf(json, 'aws_vpc_endpoint'))) if (endpoint.vpc_endpoint_type === 'Interface') delete json.resource!.aws_vpc_endpoint[name];
    expect(missingManagementPaths(json)).toEqual([expect.stringMatching(/^aws_instance\.Host-ops-jump_\w+: no path to Systems Manager/)]);
  });

  test('a world egress rule without the acknowledgement, an IPv6 source, a public source on a private host, a private host in the public subnet', () => {
    const json = example();
    const rules = json.resource!.aws_vpc_security_group_egress_rule;
    const [name, rule] = Object.entries(rules).find(([n]) => n.startsWith('Group-ops-jump_SecurityGroup_Egress-Https-S3'))!;
    rules[name] = { ...rule, prefix_list_id: undefined, cidr_ipv4: '0.0.0.0/0' };
    expect(unacknowledgedWorldEgress(json)).toEqual([`aws_vpc_security_group_egress_rule.${name}`]);
    const ingress = json.resource!.aws_vpc_security_group_ingress_rule;
    const [rdpName, rdp] = Object.entries(ingress).find(([n]) => n.startsWith('Group-ops-jump_SecurityGroup_Rdp-'))!;
    ingress[`${rdpName}-v6`] = { ...rdp, cidr_ipv4: undefined, referenced_security_group_id: undefined, cidr_ipv6: '2001:db8:1::/48' };
    ingress[`${rdpName}-public`] = { ...rdp, referenced_security_group_id: undefined, cidr_ipv4: '198.51.100.0/24' };
    expect(deadSources(json)).toEqual([expect.stringMatching(/IPv6 source 2001:db8:1::\/48/), expect.stringMatching(/public source 198\.51\.100\.0\/24 on hosts without a public address/)]);
    const opsJump = instanceNamed(json, 'ops-jump');
    opsJump.subnet_id = instanceNamed(json, 'vendor-gateway').subnet_id;
    expect(mixedSubnets(json)).toEqual(expect.arrayContaining([expect.stringMatching(/host without a public address in an internet-routed subnet/), expect.stringMatching(/shared by hosts with and without public addresses/)]));
  });
});
