import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { awsRegionName } from '../compat';

/**
 * Interface endpoints a Windows host needs to be managed by Systems Manager without an internet path:
 * `ssm` (the agent's API, State Manager associations), `ssmmessages` (Session Manager, Run Command
 * channels) and `ec2messages` (Run Command delivery to the agent). The hardening association sends no
 * output to CloudWatch Logs or S3 and reads no KMS-encrypted parameter, so `logs` and `kms` are not
 * needed; add them to the VPC yourself if you send agent output there.
 * Source: https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
 */
export const SYSTEMS_MANAGER_INTERFACE_ENDPOINTS = ['ssm', 'ssmmessages', 'ec2messages'] as const;

/** Where a host's security group must send HTTPS to reach Systems Manager through VPC endpoints. */
export interface AwsManagementEndpoints {
  /**
   * Security group of the interface endpoints: host security groups egress HTTPS to it.
   * @default - unknown: hosts egress HTTPS to {@link cidr}
   */
  readonly securityGroupId?: string;
  /** The range the endpoints' network interfaces are in (the VPC), when their security group is not known. */
  readonly cidr?: string;
  /**
   * Admits HTTPS from a host security group to the endpoints, when their security group belongs to this
   * library (it then admits only the connected host groups). Undefined for endpoints this library does not
   * own: their security group must admit the hosts (or the VPC) already.
   * @param securityGroupId the host group's security group
   * @param label the host group's construct path, for the rule's ID and description
   */
  readonly admitHostGroup?: (securityGroupId: string, label: string) => void;
  /** ID of the S3 prefix list (the S3 gateway endpoint's destinations): hosts egress HTTPS to it. */
  readonly s3PrefixListId: string;
}

/** Properties of {@link AwsSystemsManagerEndpoints}. */
export interface AwsSystemsManagerEndpointsProps {
  /** The VPC. */
  readonly vpcId: string;
  /** The subnet the interface endpoints' network interfaces are placed in (the private host subnet). */
  readonly subnetId: string;
  /** Route tables that get the S3 gateway endpoint's route (every host subnet's). */
  readonly routeTableIds: readonly string[];
}

/**
 * The Systems Manager interface endpoints (private DNS on, so the service names resolve to them in the
 * whole VPC, for hosts with and without public IPs), an S3 gateway endpoint (agent updates and
 * AWS-owned documents come from S3), and a security group for the interface endpoints with no rules:
 * each host group admits its own security group on HTTPS. Interface endpoints cost per hour and per GB
 * (about 0.01 USD per endpoint-hour per AZ in most regions, i.e. about 22 USD a month for the three);
 * the gateway endpoint is free.
 */
export class AwsSystemsManagerEndpoints extends Construct {
  /** Where hosts send HTTPS to reach the endpoints. */
  public readonly endpoints: AwsManagementEndpoints;
  /** The endpoints' security group (escape hatch). */
  public readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: AwsSystemsManagerEndpointsProps) {
    super(scope, id);
    const region = new DataAwsRegion(this, 'Region');
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      namePrefix: 'rdp-ssm-endpoints-',
      description: 'Systems Manager endpoints: HTTPS from connected RDP host groups only',
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: this.node.path },
    });
    for (const service of SYSTEMS_MANAGER_INTERFACE_ENDPOINTS) {
      new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${awsRegionName(region)}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [props.subnetId],
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${this.node.path} ${service}` },
      });
    }
    const s3 = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${awsRegionName(region)}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.routeTableIds],
      tags: { Name: `${this.node.path} s3` },
    });
    this.endpoints = { securityGroupId: this.securityGroup.id, s3PrefixListId: s3.prefixListId, admitHostGroup: (id, label) => this.admitHostGroup(id, label) };
  }

  private admitHostGroup(securityGroupId: string, label: string): void {
    const id = `HttpsFrom-${label.replace(/[^A-Za-z0-9-]+/g, '-')}`;
    if (this.node.tryFindChild(id)) return;
    new VpcSecurityGroupIngressRule(this, id, {
      securityGroupId: this.securityGroup.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: securityGroupId,
      description: `HTTPS from RDP hosts ${label}`,
    });
  }
}
