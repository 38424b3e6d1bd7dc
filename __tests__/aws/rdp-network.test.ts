import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformStack } from 'cdktf';
import { Acknowledge, AwsManagementPath, AwsRdpHost, AwsRdpHostGroup, AwsRdpNetwork, AwsRdpNetworkProps, ExistingAwsRdpNetworkProps, IAwsRdpNetwork, RdpAccess, RdpAllowlist, WindowsAmi } from '../../constructs';
import { bodiesOf, dataOf, fullSynthJson, onlyResourceOf, resourcesOf, synthJson, TerraformJson, testStack } from '../helpers/template';

const PUBLIC_IP = Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from its fixed office range');
const INTERNET_EGRESS = Acknowledge.risk('RDP-NET-INTERNET-EGRESS', 'Windows Update straight from Microsoft; no WSUS here');

/** The three host kinds in one network: VPN-only, allowlist with private sources, allowlist with a public source. */
function mixedHostGroups(stack: TerraformStack, network: IAwsRdpNetwork, internetEgress?: Acknowledge) {
  return {
    vpnOnly: new AwsRdpHostGroup(stack, 'VpnOnly', { network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])), internetEgress }),
    privateAllowlist: new AwsRdpHostGroup(stack, 'PrivateAllowlist', { network, access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['192.168.10.0/24'])), internetEgress }),
    publicAllowlist: new AwsRdpHostGroup(stack, 'PublicAllowlist', { network, access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['203.0.113.0/24']), PUBLIC_IP), internetEgress }),
  };
}

function newNetwork(props: AwsRdpNetworkProps = {}): { stack: TerraformStack; network: AwsRdpNetwork } {
  const stack = testStack();
  return { stack, network: new AwsRdpNetwork(stack, 'Net', props) };
}

/** Egress rules of one host group's security group, as "<port> <destination>" lines (references shortened). */
function egressOf(json: TerraformJson, group: string): string[] {
  const shorten = (destination: string) =>
    destination
      .replace(/^\$\{aws_security_group\.\w*Endpoints_SecurityGroup_\w+\.id\}$/, 'endpoints-security-group')
      .replace(/^\$\{aws_vpc_endpoint\.\w*Endpoints_s3_\w+\.prefix_list_id\}$/, 's3-prefix-list')
      .replace(/^\$\{data\.aws_prefix_list\.\w+\.id\}$/, 's3-prefix-list');
  return Object.entries(resourcesOf(json, VpcSecurityGroupEgressRule))
    .filter(([name]) => name.startsWith(`${group}_SecurityGroup_`))
    .map(([, r]) => `${r.from_port} ${shorten(String(r.cidr_ipv4 ?? r.referenced_security_group_id ?? r.prefix_list_id))}`)
    .sort();
}

function interfaceEndpoints(json: TerraformJson): Record<string, unknown>[] {
  return bodiesOf(json, VpcEndpoint).filter((e) => e.vpc_endpoint_type === 'Interface');
}

describe('AwsRdpNetwork: subnets and management path', () => {
  test('default: one private subnet, no internet path, Systems Manager interface endpoints in it and an S3 gateway endpoint', () => {
    const { stack } = newNetwork();
    const json = synthJson(stack);
    expect(bodiesOf(json, InternetGateway)).toHaveLength(0);
    expect(bodiesOf(json, NatGateway)).toHaveLength(0);
    expect(bodiesOf(json, Route)).toHaveLength(0);
    expect(onlyResourceOf(json, Subnet)).toMatchObject({ cidr_block: '10.42.1.0/24', map_public_ip_on_launch: false });
    const services = bodiesOf(json, VpcEndpoint).map((e) => `${e.vpc_endpoint_type} ${String(e.service_name).split('.').pop()}`);
    expect(services.sort()).toEqual(['Gateway s3', 'Interface ec2messages', 'Interface ssm', 'Interface ssmmessages']);
    for (const endpoint of interfaceEndpoints(json)) {
      expect(endpoint).toMatchObject({ private_dns_enabled: true, subnet_ids: [expect.stringMatching(/aws_subnet\.Net_HostSubnet_/)] });
    }
    // The endpoints' security group admits nobody until a host group is connected.
    expect(bodiesOf(json, VpcSecurityGroupIngressRule)).toHaveLength(0);
  });

  test('mixed host kinds: hosts without a public IP never share the internet-routed subnet, and every host reaches the endpoints', () => {
    const { stack, network } = newNetwork({ publicSubnet: true });
    const groups = mixedHostGroups(stack, network);
    for (const [name, group] of Object.entries(groups)) new AwsRdpHost(stack, `${name[0].toUpperCase()}${name.slice(1)}Host`, { group, image: WindowsAmi.fromId('ami-0123456789abcdef0') });
    const json = synthJson(stack);
    // Two subnets; only the public one routes to the internet gateway.
    const subnets = resourcesOf(json, Subnet);
    expect(Object.values(subnets).map((s) => s.cidr_block).sort()).toEqual(['10.42.1.0/24', '10.42.2.0/24']);
    const [internetRoute] = bodiesOf(json, Route);
    expect(bodiesOf(json, Route)).toHaveLength(1);
    expect(internetRoute).toMatchObject({ destination_cidr_block: '0.0.0.0/0', route_table_id: expect.stringMatching(/Net_PublicRoutes_/), gateway_id: expect.stringMatching(/aws_internet_gateway\./) });
    // Placement: public IP → public subnet; everything else → private subnet, where the endpoints are.
    expect(groups.vpnOnly.subnetId).toBe(network.subnetId);
    expect(groups.privateAllowlist.subnetId).toBe(network.subnetId);
    expect(groups.publicAllowlist.subnetId).toBe(network.publicSubnet!.subnetId);
    expect(groups.publicAllowlist.subnetId).not.toBe(network.subnetId);
    for (const endpoint of interfaceEndpoints(json)) expect(endpoint.subnet_ids).toEqual([expect.stringMatching(/^\$\{aws_subnet\.Net_HostSubnet_\w+\.id\}$/)]);
    const instances = resourcesOf(json, Instance);
    const subnetOf = (host: string) => String(Object.entries(instances).find(([name]) => name.startsWith(`${host}_`))![1].subnet_id);
    expect(subnetOf('VpnOnlyHost')).toMatch(/Net_HostSubnet_/);
    expect(subnetOf('PrivateAllowlistHost')).toMatch(/Net_HostSubnet_/);
    expect(subnetOf('PublicAllowlistHost')).toMatch(/Net_PublicSubnet_/);
    // The S3 gateway endpoint serves both route tables.
    expect(bodiesOf(json, VpcEndpoint).find((e) => e.vpc_endpoint_type === 'Gateway')!.route_table_ids).toHaveLength(2);
    // Egress: HTTPS to the endpoints' security group and the S3 prefix list, nothing to the world.
    for (const group of ['VpnOnly', 'PrivateAllowlist', 'PublicAllowlist']) {
      expect(egressOf(json, group)).toEqual(['443 endpoints-security-group', '443 s3-prefix-list']);
    }
    // The endpoints admit HTTPS from exactly the three host groups' security groups.
    const endpointIngress = bodiesOf(json, VpcSecurityGroupIngressRule).filter((r) => String(r.security_group_id).includes('Net_Endpoints_SecurityGroup'));
    expect(endpointIngress.map((r) => [r.from_port, r.to_port, r.cidr_ipv4 ?? null]).every(([from, to, cidr]) => from === 443 && to === 443 && cidr === null)).toBe(true);
    expect(endpointIngress.map((r) => String(r.referenced_security_group_id).match(/aws_security_group\.(\w+?)_SecurityGroup/)![1]).sort()).toEqual(['PrivateAllowlist', 'PublicAllowlist', 'VpnOnly']);
  });

  test('the public subnet exists only when asked for, and its range is checked', () => {
    expect(bodiesOf(synthJson(newNetwork().stack), Subnet)).toHaveLength(1);
    expect(bodiesOf(synthJson(newNetwork({ publicSubnet: true, publicSubnetCidr: '10.42.200.0/24' }).stack), Subnet).map((s) => s.cidr_block).sort()).toEqual(['10.42.1.0/24', '10.42.200.0/24']);
    expect(() => newNetwork({ publicSubnet: true, publicSubnetCidr: '10.42.1.128/25' })).toThrow(/`publicSubnetCidr` overlaps subnetCidr 10\.42\.1\.0\/24/);
    expect(() => newNetwork({ publicSubnet: true, publicSubnetCidr: '10.43.0.0/24' })).toThrow(/`publicSubnetCidr` must lie inside 10\.42\.0\.0\/16/);
    expect(() => newNetwork({ vpcCidr: '10.42.0.0/24', subnetCidr: '10.42.0.0/24', publicSubnet: true })).toThrow(/`publicSubnetCidr` is required: no block/);
  });

  test('a host with public sources needs the public subnet', () => {
    const { stack, network } = newNetwork();
    expect(() => new AwsRdpHostGroup(stack, 'Public', { network, access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['203.0.113.0/24']), PUBLIC_IP) })).toThrow(
      /`allowlist` has public sources, so the hosts get a public IP, but the network has no public subnet/,
    );
  });

  test('NAT management path: NAT gateway in the public subnet, default route from the private subnet, no endpoints, and every group must acknowledge internet egress', () => {
    const { stack, network } = newNetwork({ managementPath: AwsManagementPath.NAT });
    expect(() => new AwsRdpHostGroup(stack, 'NoEgress', { network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) })).toThrow(/`internetEgress` is required: the network reaches Systems Manager through NAT/);
    mixedHostGroups(stack, network, INTERNET_EGRESS);
    const json = fullSynthJson(stack);
    expect(bodiesOf(json, VpcEndpoint)).toHaveLength(0);
    expect(onlyResourceOf(json, NatGateway).subnet_id).toMatch(/aws_subnet\.Net_PublicSubnet_/);
    const natRoute = bodiesOf(json, Route).find((r) => r.nat_gateway_id !== undefined)!;
    expect(natRoute).toMatchObject({ destination_cidr_block: '0.0.0.0/0', route_table_id: expect.stringMatching(/Net_HostRoutes_/) });
    for (const group of ['VpnOnly', 'PrivateAllowlist', 'PublicAllowlist']) expect(egressOf(json, group)).toEqual(['443 0.0.0.0/0', '80 0.0.0.0/0']);
    // The acknowledgement is on every world-egress rule, for the plan review.
    for (const rule of bodiesOf(json, VpcSecurityGroupEgressRule)) {
      expect((rule['//'] as Record<string, unknown>).rdp_acknowledgements).toEqual([INTERNET_EGRESS.toJSON()]);
    }
  });

  test('internet egress needs an internet path and an acknowledgement with the right ID', () => {
    const { stack, network } = newNetwork({ publicSubnet: true });
    expect(() => new AwsRdpHostGroup(stack, 'Private', { network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])), internetEgress: INTERNET_EGRESS })).toThrow(
      /`internetEgress` is acknowledged .*but the hosts have no path to the internet.*natGateway: true/,
    );
    expect(() => new AwsRdpHostGroup(stack, 'Wrong', { network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])), internetEgress: Acknowledge.risk('RDP-OTHER-RISK', 'a long enough reason') })).toThrow(
      /`internetEgress\.id` must be "RDP-NET-INTERNET-EGRESS"/,
    );
    // A host with a public IP has an internet path (the gateway); with a NAT gateway, private hosts do too.
    new AwsRdpHostGroup(stack, 'Public', { network, access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['203.0.113.0/24']), PUBLIC_IP), internetEgress: INTERNET_EGRESS });
    expect(egressOf(synthJson(stack), 'Public')).toContain('443 0.0.0.0/0');
    const nat = newNetwork({ natGateway: true });
    new AwsRdpHostGroup(nat.stack, 'Private', { network: nat.network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])), internetEgress: INTERNET_EGRESS });
    const json = synthJson(nat.stack);
    expect(egressOf(json, 'Private')).toEqual(expect.arrayContaining(['443 0.0.0.0/0', '80 0.0.0.0/0']));
    // A NAT gateway the user asks for does not replace the endpoints.
    expect(interfaceEndpoints(json)).toHaveLength(3);
  });

  test('a NAT management path cannot be combined with natGateway: false', () => {
    expect(() => newNetwork({ managementPath: AwsManagementPath.NAT, natGateway: false })).toThrow(/`natGateway` must not be false when managementPath is "nat"/);
    expect(() => newNetwork({ managementPath: AwsManagementPath.EXISTING_ENDPOINTS })).toThrow(/`managementPath` must say how hosts .*Allowed: "create-endpoints", "nat"/);
  });
});

describe('AwsRdpNetwork: flow logs', () => {
  test('closes the default security group and logs all traffic with retention', () => {
    const { stack } = newNetwork({ flowLogRetentionDays: 731 });
    const json = synthJson(stack);
    const defaultGroup = onlyResourceOf(json, DefaultSecurityGroup);
    expect(defaultGroup.ingress).toBeUndefined();
    expect(defaultGroup.egress).toBeUndefined();
    expect(onlyResourceOf(json, FlowLog)).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    expect(onlyResourceOf(json, CloudwatchLogGroup)).toMatchObject({ retention_in_days: 731 });
  });

  test('the flow-log role trusts only this account\'s flow logs and may write only to its log group', () => {
    const json = synthJson(newNetwork().stack);
    const documents = dataOf(json, 'aws_iam_policy_document');
    const trust = Object.entries(documents).find(([name]) => name.startsWith('Net_FlowLogAssumeRole'))![1];
    const [statement] = trust.statement as Record<string, unknown>[];
    expect(statement).toMatchObject({ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }] });
    const conditions = Object.fromEntries((statement.condition as Record<string, unknown>[]).map((c) => [c.variable, c]));
    expect(conditions['aws:SourceAccount']).toEqual({ test: 'StringEquals', variable: 'aws:SourceAccount', values: [expect.stringMatching(/^\$\{aws_vpc\.Net_\w+\.owner_id\}$/)] });
    expect(conditions['aws:SourceArn']).toMatchObject({ test: 'ArnLike', values: [expect.stringMatching(/^arn:\$\{data\.aws_partition\.\S+\.partition\}:ec2:\$\{data\.aws_region\.\S+\.name\}:\$\{aws_vpc\.Net_\w+\.owner_id\}:vpc-flow-log\/\*$/)] });
    const write = Object.entries(documents).find(([name]) => name.startsWith('Net_FlowLogWrite'))![1];
    const [grant, list] = write.statement as Record<string, unknown>[];
    // The permissions AWS documents for the role: every write on the flow log group only; only the
    // read-only listing on "*".
    expect([...(grant.actions as string[]), ...(list.actions as string[])].sort()).toEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents']);
    expect(grant.resources).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.Net_FlowLogGroup_\w+\.arn\}$/), expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.Net_FlowLogGroup_\w+\.arn\}:\*$/)]);
    expect(list).toEqual({ actions: ['logs:DescribeLogGroups'], resources: ['*'] });
  });

  test('fails on a retention CloudWatch does not accept or that is too short', () => {
    expect(() => newNetwork({ flowLogRetentionDays: 100 })).toThrow(/`flowLogRetentionDays` must be a CloudWatch Logs retention of at least 90 days, got 100/);
    expect(() => newNetwork({ flowLogRetentionDays: 30 })).toThrow(/`flowLogRetentionDays`/);
  });

  test('fails on network ranges that are not private, malformed, or outside the VPC', () => {
    expect(() => newNetwork({ vpcCidr: '198.51.0.0/16' })).toThrow(/`vpcCidr` is not a usable network range/);
    expect(() => newNetwork({ vpcCidr: '10.42.0.1/16' })).toThrow(/`vpcCidr` has host bits set.*"10\.42\.0\.0\/16"/);
    expect(() => newNetwork({ subnetCidr: '10.43.1.0/24' })).toThrow(/`subnetCidr` must lie inside 10\.42\.0\.0\/16/);
  });
});

describe('AwsRdpNetwork.fromExisting: told how hosts reach Systems Manager, never guessing', () => {
  const BASE: ExistingAwsRdpNetworkProps = { vpcId: 'vpc-0a1b2c3d', subnetId: 'subnet-0a1b2c3d', managementPath: AwsManagementPath.CREATE_ENDPOINTS, routeTableId: 'rtb-0a1b2c3d' };

  function existing(props: Partial<ExistingAwsRdpNetworkProps>): { stack: TerraformStack; network: IAwsRdpNetwork } {
    const stack = testStack();
    return { stack, network: AwsRdpNetwork.fromExisting(stack, 'Existing', { ...BASE, ...props } as ExistingAwsRdpNetworkProps) };
  }

  test('fails without a management path, saying what to choose and why', () => {
    expect(() => existing({ managementPath: undefined })).toThrow(/`managementPath` must say how hosts without a public address reach Systems Manager, got nothing\. Allowed: "create-endpoints", "existing-endpoints", "nat"\. .*terraform apply. fails/);
    expect(() => existing({ managementPath: 'internet' as AwsManagementPath })).toThrow(/`managementPath` .* got "internet"/);
  });

  test('create-endpoints: creates the endpoints in the given subnet and route tables, and nothing else', () => {
    const { stack, network } = existing({ publicSubnetId: 'subnet-0e0f1a2b', publicRouteTableId: 'rtb-0e0f1a2b' });
    new AwsRdpHostGroup(stack, 'Jump', { network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) });
    const json = synthJson(stack);
    expect(Object.keys(json.resource!).sort()).toEqual(expect.not.arrayContaining(['aws_vpc', 'aws_subnet', 'aws_route', 'aws_internet_gateway', 'aws_nat_gateway']));
    expect(interfaceEndpoints(json).map((e) => [e.vpc_id, e.subnet_ids])).toEqual(Array(3).fill(['vpc-0a1b2c3d', ['subnet-0a1b2c3d']]));
    expect(bodiesOf(json, VpcEndpoint).find((e) => e.vpc_endpoint_type === 'Gateway')!.route_table_ids).toEqual(['rtb-0a1b2c3d', 'rtb-0e0f1a2b']);
    expect(egressOf(json, 'Jump')).toEqual(['443 endpoints-security-group', '443 s3-prefix-list']);
    expect(() => existing({ routeTableId: undefined })).toThrow(/`routeTableId` is required with managementPath "create-endpoints"/);
  });

  test('existing-endpoints: no endpoint is created; hosts egress HTTPS to the endpoints\' security group (or the VPC range) and the S3 prefix list', () => {
    const withGroup = existing({ managementPath: AwsManagementPath.EXISTING_ENDPOINTS, endpointSecurityGroupId: 'sg-0a1b2c3d4e' });
    new AwsRdpHostGroup(withGroup.stack, 'Jump', { network: withGroup.network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) });
    const json = synthJson(withGroup.stack);
    expect(bodiesOf(json, VpcEndpoint)).toHaveLength(0);
    expect(Object.values(dataOf(json, 'aws_prefix_list'))[0].name).toMatch(/^com\.amazonaws\.\$\{data\.aws_region\.\S+\.name\}\.s3$/);
    expect(egressOf(json, 'Jump')).toEqual(['443 s3-prefix-list', '443 sg-0a1b2c3d4e']);
    // This library does not change a security group it does not own.
    expect(bodiesOf(json, VpcSecurityGroupIngressRule).filter((r) => r.security_group_id === 'sg-0a1b2c3d4e')).toHaveLength(0);

    const withRange = existing({ managementPath: AwsManagementPath.EXISTING_ENDPOINTS, vpcCidr: '10.1.0.0/16' });
    new AwsRdpHostGroup(withRange.stack, 'Jump', { network: withRange.network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) });
    expect(egressOf(synthJson(withRange.stack), 'Jump')).toContain('443 10.1.0.0/16');
    expect(() => existing({ managementPath: AwsManagementPath.EXISTING_ENDPOINTS })).toThrow(/`endpointSecurityGroupId` is required with managementPath "existing-endpoints" unless vpcCidr is given/);
  });

  test('nat: nothing is created, and host groups must acknowledge internet egress (the public endpoints are on the internet)', () => {
    const { stack, network } = existing({ managementPath: AwsManagementPath.NAT, routeTableId: undefined });
    expect(network.privateInternetRoute).toBe(true);
    expect(() => new AwsRdpHostGroup(stack, 'Jump', { network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) })).toThrow(/`internetEgress` is required/);
    new AwsRdpHostGroup(stack, 'Jump2', { network, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])), internetEgress: INTERNET_EGRESS });
    const json = synthJson(stack);
    expect(bodiesOf(json, VpcEndpoint)).toHaveLength(0);
    expect(egressOf(json, 'Jump2')).toEqual(['443 0.0.0.0/0', '80 0.0.0.0/0']);
  });

  test('hosts with and without public IPs go to different existing subnets', () => {
    const { stack, network } = existing({ publicSubnetId: 'subnet-0e0f1a2b' });
    const groups = mixedHostGroups(stack, network);
    expect([groups.vpnOnly.subnetId, groups.privateAllowlist.subnetId, groups.publicAllowlist.subnetId]).toEqual(['subnet-0a1b2c3d', 'subnet-0a1b2c3d', 'subnet-0e0f1a2b']);
    expect(() => existing({ publicSubnetId: 'subnet-0a1b2c3d' })).toThrow(/`publicSubnetId` must differ from subnetId/);
  });

  test('validates IDs and ranges', () => {
    expect(existing({ vpcCidr: '10.1.0.0/16', subnetCidr: '10.1.2.0/24' }).network).toMatchObject({ vpcId: 'vpc-0a1b2c3d', subnetId: 'subnet-0a1b2c3d', vpcCidr: '10.1.0.0/16', subnetCidr: '10.1.2.0/24' });
    expect(() => existing({ vpcCidr: '10.1.0.0/16', subnetCidr: '10.2.2.0/24' })).toThrow(/`subnetCidr` must lie inside 10\.1\.0\.0\/16/);
    expect(() => existing({ vpcId: 'vpc-xyz' })).toThrow(/`vpcId` must be an ID like "vpc-/);
    expect(() => existing({ subnetId: 'sub-1' })).toThrow(/`subnetId` must be an ID like "subnet-/);
    expect(() => existing({ routeTableId: 'rt-1' })).toThrow(/`routeTableId` must be an ID like "rtb-/);
  });
});
