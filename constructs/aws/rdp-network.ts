import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { validateLogRetentionDays } from './flow-log-retention';
import { RdpValidationError, showValue } from '../core/errors';
import { checkNetworkCidr } from '../private/network-cidr';
import { requireProviderConstructs } from '../private/provider-presence';

/** The network an AWS RDP host is placed in: a new {@link AwsRdpNetwork} or an existing one. */
export interface IAwsRdpNetwork {
  /** The VPC ID. */
  readonly vpcId: string;
  /** The subnet the host's network interface is placed in. */
  readonly subnetId: string;
  /** True when the subnet routes to an internet gateway, so a host in it can have a reachable public IP. */
  readonly internetFacing: boolean;
  /** The VPC's IPv4 range, when known (VPN client pools are checked against it). */
  readonly vpcCidr?: string;
  /** The host subnet's IPv4 range, when known (VPN authorization is scoped to it). */
  readonly subnetCidr?: string;
  /** The host subnet's route table, when known (site-to-site VPN routes are propagated into it). */
  readonly routeTableId?: string;
}

/** Properties of {@link AwsRdpNetwork}. */
export interface AwsRdpNetworkProps {
  /**
   * The VPC's IPv4 range.
   * @default '10.42.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * The host subnet's IPv4 range, inside {@link vpcCidr}.
   * @default '10.42.1.0/24'
   */
  readonly subnetCidr?: string;
  /**
   * Availability zone of the host subnet, e.g. `eu-west-1a`.
   * @default - chosen by AWS
   */
  readonly availabilityZone?: string;
  /**
   * Give the subnet a route to an internet gateway. Needed only when RDP is allowlisted from public
   * addresses; private hosts reach Systems Manager through VPC endpoints instead.
   * @default false
   */
  readonly internetFacing?: boolean;
  /**
   * Create interface endpoints for Systems Manager (`ssm`, `ssmmessages`, `ec2messages`) and a gateway
   * endpoint for S3, so a host without internet access can still be managed and hardened by SSM.
   * @default - true when the network is not internet-facing
   */
  readonly systemsManagerEndpoints?: boolean;
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

/** Properties for adopting an existing VPC and subnet with {@link AwsRdpNetwork.fromExisting}. */
export interface ExistingAwsRdpNetworkProps {
  /** ID of the existing VPC (`vpc-…`). */
  readonly vpcId: string;
  /** ID of the existing subnet (`subnet-…`) for the host. */
  readonly subnetId: string;
  /**
   * Whether the subnet routes to an internet gateway.
   * @default false
   */
  readonly internetFacing?: boolean;
  /**
   * The VPC's IPv4 range, so VPN client pools can be checked for overlap.
   * @default - unknown: overlap is not checked
   */
  readonly vpcCidr?: string;
  /**
   * The subnet's IPv4 range, so VPN authorization can be scoped to it.
   * @default - unknown: VPN constructs must be told the range to authorize
   */
  readonly subnetCidr?: string;
  /**
   * The subnet's route table, for site-to-site VPN route propagation.
   * @default - unknown
   */
  readonly routeTableId?: string;
}

/** VPC range used when none is given. */
export const DEFAULT_VPC_CIDR = '10.42.0.0/16';
/** Host subnet range used when none is given. */
export const DEFAULT_SUBNET_CIDR = '10.42.1.0/24';

const SSM_INTERFACE_ENDPOINTS = ['ssm', 'ssmmessages', 'ec2messages'] as const;

/**
 * A VPC with one host subnet, VPC flow logs to CloudWatch Logs with retention, and the VPC's default
 * security group closed (no rules). Internet access is opt-in; by default the subnet is private and
 * Systems Manager is reached through VPC endpoints.
 */
export class AwsRdpNetwork extends Construct implements IAwsRdpNetwork {
  /** Uses an existing VPC and subnet; nothing is created. */
  public static fromExisting(props: ExistingAwsRdpNetworkProps): IAwsRdpNetwork {
    const checks: [string, string, RegExp][] = [
      ['vpcId', props.vpcId, /^vpc-[0-9a-f]{8,17}$/],
      ['subnetId', props.subnetId, /^subnet-[0-9a-f]{8,17}$/],
    ];
    for (const [field, value, pattern] of checks) {
      if (typeof value !== 'string' || !pattern.test(value)) {
        throw new RdpValidationError(field, value, `must be an ID like ${field === 'vpcId' ? '"vpc-0a1b2c3d4e5f60718"' : '"subnet-0a1b2c3d4e5f60718"'}, got ${showValue(value)}.`);
      }
    }
    const vpcCidr = props.vpcCidr === undefined ? undefined : checkNetworkCidr(props.vpcCidr, 'vpcCidr');
    const subnetCidr = props.subnetCidr === undefined ? undefined : checkNetworkCidr(props.subnetCidr, 'subnetCidr', vpcCidr);
    return {
      vpcId: props.vpcId,
      subnetId: props.subnetId,
      internetFacing: props.internetFacing ?? false,
      vpcCidr: vpcCidr?.cidr,
      subnetCidr: subnetCidr?.cidr,
      routeTableId: props.routeTableId,
    };
  }

  /** @inheritdoc */
  public readonly vpcId: string;
  /** @inheritdoc */
  public readonly subnetId: string;
  /** @inheritdoc */
  public readonly internetFacing: boolean;
  /** The VPC's IPv4 range. */
  public readonly vpcCidr: string;
  /** The host subnet's IPv4 range. */
  public readonly subnetCidr: string;
  /** The host subnet's route table. */
  public readonly routeTableId: string;
  /** The VPC (escape hatch). */
  public readonly vpc: Vpc;
  /** The host subnet (escape hatch). */
  public readonly subnet: Subnet;
  /** The flow log group (escape hatch). */
  public readonly flowLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: AwsRdpNetworkProps = {}) {
    super(scope, id);
    requireProviderConstructs(this);
    const vpcCidr = checkNetworkCidr(props.vpcCidr ?? DEFAULT_VPC_CIDR, 'vpcCidr');
    const subnetCidr = checkNetworkCidr(props.subnetCidr ?? DEFAULT_SUBNET_CIDR, 'subnetCidr', vpcCidr);
    const retentionDays = validateLogRetentionDays(props.flowLogRetentionDays ?? 365, 'flowLogRetentionDays');
    this.internetFacing = props.internetFacing ?? false;
    this.vpcCidr = vpcCidr.cidr;
    this.subnetCidr = subnetCidr.cidr;

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
      tags: { Name: `${this.node.path} hosts` },
    });
    this.subnetId = this.subnet.id;

    this.flowLogGroup = this.addFlowLogs(retentionDays, props.flowLogKmsKeyArn);
    const routes = new RouteTable(this, 'HostRoutes', { vpcId: this.vpc.id, tags: { Name: `${this.node.path} hosts` } });
    new RouteTableAssociation(this, 'HostRoutesAssociation', { subnetId: this.subnet.id, routeTableId: routes.id });
    this.routeTableId = routes.id;
    if (this.internetFacing) {
      const gateway = new InternetGateway(this, 'InternetGateway', { vpcId: this.vpc.id, tags: { Name: this.node.path } });
      new Route(this, 'InternetRoute', { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: gateway.id });
    }
    if (props.systemsManagerEndpoints ?? !this.internetFacing) this.addSystemsManagerEndpoints(routes);
  }

  private addFlowLogs(retentionDays: number, kmsKeyArn: string | undefined): CloudwatchLogGroup {
    const logGroup = new CloudwatchLogGroup(this, 'FlowLogGroup', {
      namePrefix: 'rdp-vpc-flow-logs-',
      retentionInDays: retentionDays,
      kmsKeyId: kmsKeyArn,
    });
    const assume = new DataAwsIamPolicyDocument(this, 'FlowLogAssumeRole', {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }] }],
    });
    const role = new IamRole(this, 'FlowLogRole', { namePrefix: 'rdp-flow-logs-', assumeRolePolicy: assume.json });
    const write = new DataAwsIamPolicyDocument(this, 'FlowLogWrite', {
      statement: [
        {
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [`${logGroup.arn}:*`],
        },
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

  private addSystemsManagerEndpoints(routes: RouteTable): void {
    const region = new DataAwsRegion(this, 'Region');
    const endpointGroup = new SecurityGroup(this, 'EndpointSecurityGroup', {
      namePrefix: 'rdp-ssm-endpoints-',
      description: 'HTTPS from the VPC to the Systems Manager endpoints',
      vpcId: this.vpc.id,
      revokeRulesOnDelete: true,
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupIngressRule(this, 'EndpointHttpsFromVpc', {
      securityGroupId: endpointGroup.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: this.vpcCidr,
      description: 'HTTPS from hosts in the VPC to Systems Manager',
    });
    for (const service of SSM_INTERFACE_ENDPOINTS) {
      new VpcEndpoint(this, `Endpoint-${service}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${region.name}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [this.subnet.id],
        securityGroupIds: [endpointGroup.id],
      });
    }
    new VpcEndpoint(this, 'Endpoint-s3', {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${region.name}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [routes.id],
    });
  }
}
