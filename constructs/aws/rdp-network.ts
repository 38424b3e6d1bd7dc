import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsPrefixList } from '@cdktf/provider-aws/lib/data-aws-prefix-list';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { validateLogRetentionDays } from './flow-log-retention';
import { AwsManagementEndpoints, AwsSystemsManagerEndpoints } from './systems-manager-endpoints';
import { adjacentSubnet, checkNetworkCidr, cidrsOverlap, RdpValidationError, showValue } from '../core';
import { awsRegionName, requireProviderConstructs } from '../compat';

/**
 * How hosts reach AWS Systems Manager, which delivers and re-applies their RDP hardening. A host that
 * cannot reach it never runs its State Manager association: `terraform apply` fails after the
 * association's wait, and later port or allowlist changes never reach the guest.
 */
export enum AwsManagementPath {
  /**
   * Interface endpoints `ssm`, `ssmmessages`, `ec2messages` (private DNS) in the private host subnet and
   * an S3 gateway endpoint, created by this library. Hosts egress HTTPS only to them. About 22 USD a
   * month for the three interface endpoints in one AZ, plus data processing.
   */
  CREATE_ENDPOINTS = 'create-endpoints',
  /**
   * The VPC already has those endpoints, with private DNS (existing networks only). Hosts egress HTTPS
   * to the endpoints' security group (or the VPC range) and the S3 prefix list.
   */
  EXISTING_ENDPOINTS = 'existing-endpoints',
  /**
   * The private host subnet routes to the internet through a NAT gateway; hosts reach the public
   * Systems Manager endpoints, which needs HTTPS egress to the internet: every host group must then
   * acknowledge `internetEgress`. A NAT gateway costs about 33 USD a month plus 0.045 USD per GB.
   */
  NAT = 'nat',
}

/** The management paths, as configuration values. */
export const AWS_MANAGEMENT_PATHS: readonly AwsManagementPath[] = Object.values(AwsManagementPath);

/** One subnet hosts are placed in. */
export interface AwsRdpSubnet {
  /** The subnet ID. */
  readonly subnetId: string;
  /** The subnet's IPv4 range, when known. */
  readonly cidr?: string;
  /** The subnet's route table, when known. */
  readonly routeTableId?: string;
}

/**
 * The network AWS RDP hosts are placed in: a new {@link AwsRdpNetwork} or {@link AwsRdpNetwork.fromExisting}.
 * Hosts without a public IP go to the private subnet ({@link subnetId}), which has no route to an
 * internet gateway; hosts with a public IP go to {@link publicSubnet}. The two kinds never share a subnet.
 */
export interface IAwsRdpNetwork {
  /** The VPC ID. */
  readonly vpcId: string;
  /** The VPC's IPv4 range, when known (VPN client pools are checked against it). */
  readonly vpcCidr?: string;
  /** The private host subnet: hosts without a public IP. No route to an internet gateway. */
  readonly subnetId: string;
  /** The private host subnet's IPv4 range, when known (VPN authorization is scoped to it). */
  readonly subnetCidr?: string;
  /** The private host subnet's route table, when known (site-to-site VPN routes are propagated into it). */
  readonly routeTableId?: string;
  /** The internet-routed subnet for hosts with a public IP; absent when the network has none. */
  readonly publicSubnet?: AwsRdpSubnet;
  /** How hosts reach Systems Manager. */
  readonly managementPath: AwsManagementPath;
  /** The endpoints hosts send HTTPS to, unless the management path is NAT. */
  readonly managementEndpoints?: AwsManagementEndpoints;
  /** True when the private host subnet routes to the internet (through a NAT gateway). */
  readonly privateInternetRoute: boolean;
}

/** Properties of {@link AwsRdpNetwork}. */
export interface AwsRdpNetworkProps {
  /**
   * The VPC's IPv4 range.
   * @default '10.42.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * The private host subnet's IPv4 range, inside {@link vpcCidr}.
   * @default '10.42.1.0/24'
   */
  readonly subnetCidr?: string;
  /**
   * Availability zone of the subnets, e.g. `eu-west-1a`.
   * @default - chosen by AWS
   */
  readonly availabilityZone?: string;
  /**
   * Create a public subnet routed to an internet gateway, for hosts whose allowlist has public sources
   * (they get a public IP). Hosts without a public IP never go there.
   * @default - false, unless {@link natGateway} needs it
   */
  readonly publicSubnet?: boolean;
  /**
   * The public subnet's IPv4 range, inside {@link vpcCidr} and apart from {@link subnetCidr}.
   * @default - the block of the same size right after subnetCidr (10.42.2.0/24 with the defaults)
   */
  readonly publicSubnetCidr?: string;
  /**
   * How hosts reach Systems Manager: `CREATE_ENDPOINTS` or `NAT` (`EXISTING_ENDPOINTS` applies to
   * existing networks only).
   * @default AwsManagementPath.CREATE_ENDPOINTS
   */
  readonly managementPath?: AwsManagementPath;
  /**
   * A NAT gateway (in the public subnet, with an Elastic IP) and a default route to it from the
   * private host subnet, so host groups that acknowledge `internetEgress` reach the internet (Windows
   * Update from Microsoft, downloads). Costs about 33 USD a month plus 0.045 USD per GB processed.
   * @default - true only when managementPath is NAT
   */
  readonly natGateway?: boolean;
  /**
   * Days to keep VPC flow logs; at least 90.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * KMS key that encrypts the flow log group.
   * @default - CloudWatch Logs' service-managed encryption
   */
  readonly flowLogKmsKeyArn?: string;
}

/** Properties for adopting an existing VPC and subnets with {@link AwsRdpNetwork.fromExisting}. */
export interface ExistingAwsRdpNetworkProps {
  /** ID of the existing VPC (`vpc-…`). */
  readonly vpcId: string;
  /** ID of the existing private subnet (`subnet-…`) for hosts without a public IP: no route to an internet gateway. */
  readonly subnetId: string;
  /**
   * How hosts reach Systems Manager. Required, never guessed: `CREATE_ENDPOINTS` (created here, in
   * {@link subnetId}; needs {@link routeTableId}, and the VPC's DNS support and DNS hostnames on),
   * `EXISTING_ENDPOINTS` (the VPC has them, with private DNS; needs {@link endpointSecurityGroupId} or
   * {@link vpcCidr}), or `NAT` (the private subnet routes to a NAT gateway; host groups must acknowledge `internetEgress`).
   */
  readonly managementPath: AwsManagementPath;
  /**
   * The VPC's IPv4 range, so VPN client pools can be checked for overlap.
   * @default - unknown: overlap is not checked
   */
  readonly vpcCidr?: string;
  /**
   * The private subnet's IPv4 range, so VPN authorization can be scoped to it.
   * @default - unknown: VPN constructs must be told the range to authorize
   */
  readonly subnetCidr?: string;
  /**
   * The private subnet's route table, for site-to-site VPN route propagation and the S3 gateway endpoint.
   * @default - unknown
   */
  readonly routeTableId?: string;
  /**
   * An existing subnet routed to an internet gateway, for hosts with a public IP.
   * @default - none: hosts with public sources are refused
   */
  readonly publicSubnetId?: string;
  /**
   * The public subnet's IPv4 range.
   * @default - unknown
   */
  readonly publicSubnetCidr?: string;
  /**
   * The public subnet's route table.
   * @default - unknown
   */
  readonly publicRouteTableId?: string;
  /**
   * With `EXISTING_ENDPOINTS`: the security group of the existing interface endpoints. Host groups egress
   * HTTPS to it; it must admit HTTPS from them (or from the VPC): this library does not change it.
   * @default - hosts egress HTTPS to vpcCidr
   */
  readonly endpointSecurityGroupId?: string;
}

/** VPC range used when none is given. */
export const DEFAULT_VPC_CIDR = '10.42.0.0/16';
/** Private host subnet range used when none is given. */
export const DEFAULT_SUBNET_CIDR = '10.42.1.0/24';

/** Patterns of the AWS resource IDs this library accepts. */
export const AWS_ID_PATTERNS = {
  vpc: /^vpc-[0-9a-f]{8,17}$/,
  subnet: /^subnet-[0-9a-f]{8,17}$/,
  rtb: /^rtb-[0-9a-f]{8,17}$/,
  sg: /^sg-[0-9a-f]{8,17}$/,
} as const;

/** Checks an AWS resource ID of the given kind (`vpc`, `subnet`, `rtb`, `sg`); returns it. */
export function checkAwsId(value: unknown, kind: keyof typeof AWS_ID_PATTERNS, field: string): string {
  if (typeof value !== 'string' || !AWS_ID_PATTERNS[kind].test(value)) {
    throw new RdpValidationError(field, value, `must be an ID like "${kind}-0a1b2c3d4e5f60718", got ${showValue(value)}.`);
  }
  return value;
}

/** Checks a management path value; `field` names it in errors. */
export function checkManagementPath(value: unknown, field = 'managementPath', allowed: readonly AwsManagementPath[] = AWS_MANAGEMENT_PATHS): AwsManagementPath {
  if (!allowed.includes(value as AwsManagementPath)) {
    const choices = allowed.map((p) => `"${p}"`).join(', ');
    throw new RdpValidationError(
      field,
      value,
      `must say how hosts without a public address reach Systems Manager, got ${showValue(value)}. Allowed: ${choices}. ` +
        'Without a path the hardening association never runs: `terraform apply` fails and later port or allowlist changes never reach the guest.',
    );
  }
  return value as AwsManagementPath;
}

/**
 * A VPC with a private host subnet (no route to an internet gateway) and, when asked, a public subnet
 * for hosts with a public IP; a management path to Systems Manager for every host (VPC endpoints by
 * default, or a NAT gateway you ask for); VPC flow logs to CloudWatch Logs with retention; and the
 * VPC's default security group closed (no rules).
 */
export class AwsRdpNetwork extends Construct implements IAwsRdpNetwork {
  /**
   * Uses an existing VPC and subnets. Creates only the Systems Manager endpoints, when `managementPath`
   * is `CREATE_ENDPOINTS`; otherwise nothing.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingAwsRdpNetworkProps): IAwsRdpNetwork {
    return new ExistingAwsRdpNetwork(scope, id, props);
  }

  /** @inheritdoc */
  public readonly vpcId: string;
  /** @inheritdoc */
  public readonly subnetId: string;
  /** The VPC's IPv4 range. */
  public readonly vpcCidr: string;
  /** The private host subnet's IPv4 range. */
  public readonly subnetCidr: string;
  /** The private host subnet's route table. */
  public readonly routeTableId: string;
  /** @inheritdoc */
  public readonly publicSubnet?: AwsRdpSubnet;
  /** @inheritdoc */
  public readonly managementPath: AwsManagementPath;
  /** @inheritdoc */
  public readonly managementEndpoints?: AwsManagementEndpoints;
  /** @inheritdoc */
  public readonly privateInternetRoute: boolean;
  /** The VPC (escape hatch). */
  public readonly vpc: Vpc;
  /** The private host subnet (escape hatch). */
  public readonly subnet: Subnet;
  /** The flow log group (escape hatch). */
  public readonly flowLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: AwsRdpNetworkProps = {}) {
    super(scope, id);
    requireProviderConstructs(this);
    const vpcCidr = checkNetworkCidr(props.vpcCidr ?? DEFAULT_VPC_CIDR, 'vpcCidr');
    const subnetCidr = checkNetworkCidr(props.subnetCidr ?? DEFAULT_SUBNET_CIDR, 'subnetCidr', vpcCidr);
    const retentionDays = validateLogRetentionDays(props.flowLogRetentionDays ?? 365, 'flowLogRetentionDays');
    this.managementPath = checkManagementPath(props.managementPath ?? AwsManagementPath.CREATE_ENDPOINTS, 'managementPath', [AwsManagementPath.CREATE_ENDPOINTS, AwsManagementPath.NAT]);
    const nat = props.natGateway ?? this.managementPath === AwsManagementPath.NAT;
    if (this.managementPath === AwsManagementPath.NAT && !nat) {
      throw new RdpValidationError('natGateway', props.natGateway, 'must not be false when managementPath is "nat": hosts would have no path to Systems Manager. Drop natGateway, or use managementPath "create-endpoints".');
    }
    const publicCidr = props.publicSubnet || nat ? resolvePublicSubnetCidr(props.publicSubnetCidr, subnetCidr.cidr, vpcCidr.cidr) : undefined;
    this.vpcCidr = vpcCidr.cidr;
    this.subnetCidr = subnetCidr.cidr;
    this.privateInternetRoute = nat;

    this.vpc = new Vpc(this, 'Resource', {
      cidrBlock: vpcCidr.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: this.node.path },
    });
    this.vpcId = this.vpc.id;
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId: this.vpc.id,
      tags: { Name: `${this.node.path} default (closed)` },
    });
    this.subnet = new Subnet(this, 'HostSubnet', {
      vpcId: this.vpc.id,
      cidrBlock: subnetCidr.cidr,
      availabilityZone: props.availabilityZone,
      mapPublicIpOnLaunch: false,
      tags: { Name: `${this.node.path} private hosts` },
    });
    this.subnetId = this.subnet.id;
    const routes = new RouteTable(this, 'HostRoutes', { vpcId: this.vpc.id, tags: { Name: `${this.node.path} private hosts` } });
    new RouteTableAssociation(this, 'HostRoutesAssociation', { subnetId: this.subnet.id, routeTableId: routes.id });
    this.routeTableId = routes.id;

    this.flowLogGroup = this.addFlowLogs(retentionDays, props.flowLogKmsKeyArn);
    if (publicCidr) this.publicSubnet = this.addPublicSubnet(publicCidr, props.availabilityZone);
    if (nat) this.addNatGateway(this.publicSubnet!.subnetId, routes);
    if (this.managementPath === AwsManagementPath.CREATE_ENDPOINTS) {
      const routeTableIds = [routes.id, ...(this.publicSubnet ? [this.publicSubnet.routeTableId!] : [])];
      this.managementEndpoints = new AwsSystemsManagerEndpoints(this, 'Endpoints', { vpcId: this.vpc.id, subnetId: this.subnet.id, routeTableIds }).endpoints;
    }
  }

  private addPublicSubnet(cidr: string, availabilityZone: string | undefined): AwsRdpSubnet {
    const subnet = new Subnet(this, 'PublicSubnet', {
      vpcId: this.vpc.id,
      cidrBlock: cidr,
      availabilityZone,
      mapPublicIpOnLaunch: false,
      tags: { Name: `${this.node.path} public hosts` },
    });
    const routes = new RouteTable(this, 'PublicRoutes', { vpcId: this.vpc.id, tags: { Name: `${this.node.path} public hosts` } });
    new RouteTableAssociation(this, 'PublicRoutesAssociation', { subnetId: subnet.id, routeTableId: routes.id });
    const gateway = new InternetGateway(this, 'InternetGateway', { vpcId: this.vpc.id, tags: { Name: this.node.path } });
    new Route(this, 'InternetRoute', { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: gateway.id });
    return { subnetId: subnet.id, cidr, routeTableId: routes.id };
  }

  private addNatGateway(publicSubnetId: string, privateRoutes: RouteTable): void {
    const address = new Eip(this, 'NatAddress', { domain: 'vpc', tags: { Name: `${this.node.path} NAT` } });
    const nat = new NatGateway(this, 'NatGateway', { allocationId: address.id, subnetId: publicSubnetId, tags: { Name: this.node.path } });
    new Route(this, 'NatRoute', { routeTableId: privateRoutes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
  }

  /**
   * Flow logs with a role that only the flow-logs service of this account can assume for this
   * account's flow logs (`aws:SourceAccount`, `aws:SourceArn`), and only the permissions AWS documents:
   * writes on this log group only; `DescribeLogGroups` (read-only listing) on `*`.
   * Source: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
   */
  private addFlowLogs(retentionDays: number, kmsKeyArn: string | undefined): CloudwatchLogGroup {
    const logGroup = new CloudwatchLogGroup(this, 'FlowLogGroup', {
      namePrefix: 'rdp-vpc-flow-logs-',
      retentionInDays: retentionDays,
      kmsKeyId: kmsKeyArn,
    });
    const partition = new DataAwsPartition(this, 'Partition');
    const region = new DataAwsRegion(this, 'Region');
    // The VPC's owner is this account: known after apply, read without an STS call at plan time.
    const account = this.vpc.ownerId;
    const assume = new DataAwsIamPolicyDocument(this, 'FlowLogAssumeRole', {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:${partition.partition}:ec2:${awsRegionName(region)}:${account}:vpc-flow-log/*`] },
          ],
        },
      ],
    });
    const role = new IamRole(this, 'FlowLogRole', { namePrefix: 'rdp-flow-logs-', assumeRolePolicy: assume.json });
    const write = new DataAwsIamPolicyDocument(this, 'FlowLogWrite', {
      statement: [
        {
          actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [logGroup.arn, `${logGroup.arn}:*`],
        },
        // A list action: it may not support resource-level permissions, and the service calls it to find
        // the group. Read-only (log group names and settings of this account and region).
        { actions: ['logs:DescribeLogGroups'], resources: ['*'] },
      ],
    });
    new IamRolePolicy(this, 'FlowLogRolePolicy', { role: role.id, policy: write.json });
    new FlowLog(this, 'FlowLog', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
    return logGroup;
  }
}

/**
 * The public subnet's range of a new VPC: `given` (inside the VPC, apart from the private subnet) or the
 * block of the private subnet's size next to it. Throws an {@link RdpValidationError} on `publicSubnetCidr`.
 */
export function resolvePublicSubnetCidr(given: string | undefined, subnetCidr: string, vpcCidr: string): string {
  const vpc = checkNetworkCidr(vpcCidr, 'vpcCidr');
  const privateSubnet = checkNetworkCidr(subnetCidr, 'subnetCidr', vpc);
  if (given === undefined) {
    const adjacent = adjacentSubnet(privateSubnet, vpc);
    if (adjacent === undefined) {
      throw new RdpValidationError('publicSubnetCidr', undefined, `is required: no block of the size of subnetCidr (${privateSubnet.cidr}) is left in ${vpc.cidr} for the public subnet. Give a range inside the VPC apart from subnetCidr.`);
    }
    return adjacent;
  }
  const cidr = checkNetworkCidr(given, 'publicSubnetCidr', vpc);
  if (cidrsOverlap(cidr, privateSubnet)) {
    throw new RdpValidationError('publicSubnetCidr', given, `overlaps subnetCidr ${privateSubnet.cidr}, got "${given}". Hosts with and without public IPs need separate subnets.`);
  }
  return cidr.cidr;
}

/** An existing VPC and subnets; see {@link AwsRdpNetwork.fromExisting}. */
class ExistingAwsRdpNetwork extends Construct implements IAwsRdpNetwork {
  public readonly vpcId: string;
  public readonly vpcCidr?: string;
  public readonly subnetId: string;
  public readonly subnetCidr?: string;
  public readonly routeTableId?: string;
  public readonly publicSubnet?: AwsRdpSubnet;
  public readonly managementPath: AwsManagementPath;
  public readonly managementEndpoints?: AwsManagementEndpoints;
  public readonly privateInternetRoute: boolean;

  constructor(scope: Construct, id: string, props: ExistingAwsRdpNetworkProps) {
    super(scope, id);
    this.vpcId = checkAwsId(props.vpcId, 'vpc', 'vpcId');
    this.subnetId = checkAwsId(props.subnetId, 'subnet', 'subnetId');
    this.managementPath = checkManagementPath(props.managementPath);
    const vpcCidr = props.vpcCidr === undefined ? undefined : checkNetworkCidr(props.vpcCidr, 'vpcCidr');
    this.vpcCidr = vpcCidr?.cidr;
    this.subnetCidr = props.subnetCidr === undefined ? undefined : checkNetworkCidr(props.subnetCidr, 'subnetCidr', vpcCidr).cidr;
    this.routeTableId = props.routeTableId === undefined ? undefined : checkAwsId(props.routeTableId, 'rtb', 'routeTableId');
    if (props.publicSubnetId !== undefined) {
      this.publicSubnet = {
        subnetId: checkAwsId(props.publicSubnetId, 'subnet', 'publicSubnetId'),
        cidr: props.publicSubnetCidr === undefined ? undefined : checkNetworkCidr(props.publicSubnetCidr, 'publicSubnetCidr', vpcCidr).cidr,
        routeTableId: props.publicRouteTableId === undefined ? undefined : checkAwsId(props.publicRouteTableId, 'rtb', 'publicRouteTableId'),
      };
      if (this.publicSubnet.subnetId === this.subnetId) {
        throw new RdpValidationError('publicSubnetId', props.publicSubnetId, 'must differ from subnetId: hosts with and without public IPs never share a subnet (the private subnet must have no route to an internet gateway).');
      }
    }
    this.privateInternetRoute = this.managementPath === AwsManagementPath.NAT;
    if (this.managementPath === AwsManagementPath.CREATE_ENDPOINTS) {
      if (this.routeTableId === undefined) {
        throw new RdpValidationError('routeTableId', undefined, 'is required with managementPath "create-endpoints": the S3 gateway endpoint is added to the private subnet\'s route table.');
      }
      const routeTableIds = [this.routeTableId, ...(this.publicSubnet?.routeTableId ? [this.publicSubnet.routeTableId] : [])];
      this.managementEndpoints = new AwsSystemsManagerEndpoints(this, 'Endpoints', { vpcId: this.vpcId, subnetId: this.subnetId, routeTableIds }).endpoints;
    }
    if (this.managementPath === AwsManagementPath.EXISTING_ENDPOINTS) {
      const securityGroupId = props.endpointSecurityGroupId === undefined ? undefined : checkAwsId(props.endpointSecurityGroupId, 'sg', 'endpointSecurityGroupId');
      if (securityGroupId === undefined && this.vpcCidr === undefined) {
        throw new RdpValidationError('endpointSecurityGroupId', undefined, 'is required with managementPath "existing-endpoints" unless vpcCidr is given: host security groups egress HTTPS only to the endpoints.');
      }
      const region = new DataAwsRegion(this, 'Region');
      const s3 = new DataAwsPrefixList(this, 'S3PrefixList', { name: `com.amazonaws.${awsRegionName(region)}.s3` });
      this.managementEndpoints = { securityGroupId, cidr: securityGroupId ? undefined : this.vpcCidr, s3PrefixListId: s3.id };
    }
  }
}
