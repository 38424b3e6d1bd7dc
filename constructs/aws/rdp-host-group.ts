import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { Construct } from 'constructs';
import { awsPlacementProblems } from './host-placement';
import { AwsRdpHardeningAssociation, AwsRdpHardeningAssociationProps } from './rdp-hardening-association';
import { IAwsRdpNetwork } from './rdp-network';
import { AwsRdpSecurityGroup } from './rdp-security-group';
import { AwsRdpSessionManagerAccess, AwsSessionManagerOptions } from './session-manager-access';
import { tagResources } from './resource-tags';
import { AwsRdpPeer } from './security-group-peer';
import { Acknowledge, checkInternetEgress, RdpValidationError, RdpValidationErrors } from '../core';
import { RdpHostGroupBase, RdpHostGroupBaseProps } from '../host';

/** Tag that marks the instances of a host group; the group's hardening association targets it. */
export const HOST_GROUP_TAG = 'rdp-host-group';

/**
 * Properties of {@link AwsRdpHostGroup}: what a group is on every cloud ({@link RdpHostGroupBaseProps}:
 * access, rdpPort, udp, windowsVersion, hardening, tags) plus its AWS resources' settings.
 */
export interface AwsRdpHostGroupProps extends RdpHostGroupBaseProps {
  /** The network the group's hosts are placed in. */
  readonly network: IAwsRdpNetwork;
  /**
   * Settings of the State Manager association that re-applies the hardening (drift correction).
   * @default - every 30 minutes; `terraform apply` waits up to 30 minutes for the first run
   */
  readonly hardeningSchedule?: Pick<AwsRdpHardeningAssociationProps, 'scheduleExpression' | 'waitForSuccessTimeoutSeconds' | 'executionTimeoutSeconds'>;
  /**
   * Let the group's hosts send HTTPS and HTTP to the whole internet (Windows Update and downloads from
   * Microsoft directly, certificate revocation lists; required when the network's management path is
   * NAT). Needs an internet path: a public IP, or a NAT route for the private subnet. An
   * acknowledgement with ID `RDP-NET-INTERNET-EGRESS`. Windows activation does not need it (AWS's KMS
   * servers are link-local); without it, updates come through Systems Manager (Patch Manager) or WSUS
   * inside your network.
   * @default - HTTPS to the Systems Manager endpoints and S3 only
   */
  readonly internetEgress?: Acknowledge;
  /**
   * Settings of Session Manager access (log retention, KMS key, idle timeout); only with `RdpAccess.sessionManager()`.
   * @default - 365 days of logs encrypted with a key created for the group, 20 minutes idle timeout
   */
  readonly sessionManager?: AwsSessionManagerOptions;
}

/**
 * What hosts of one role share: the security group (so one grant admits a source to every member),
 * the instance role and profile (Systems Manager core policy), and the hardening: one profile, one SSM
 * document and one State Manager association that targets the members by tag. A fleet of N hosts in a
 * few groups costs N instances plus a constant per group. `AwsRdpHost` without a group creates a group
 * of its own.
 */
export class AwsRdpHostGroup extends RdpHostGroupBase<AwsRdpPeer> {
  /** The network of the group's hosts. */
  public readonly network: IAwsRdpNetwork;
  /** The group's security group; add sources with {@link allowRdpFrom}. */
  public readonly securityGroup: AwsRdpSecurityGroup;
  /** The security group ID. */
  public readonly securityGroupId: string;
  /** The instance role of the group's hosts (escape hatch), e.g. to grant access to a secret. */
  public readonly role: IamRole;
  /** The instance profile name of the group's hosts. */
  public readonly instanceProfileName: string;
  /** The SSM document and State Manager association that keep the hardening applied (escape hatch). */
  public readonly hardening: AwsRdpHardeningAssociation;
  /** The value of the `rdp-host-group` tag on the group's instances. */
  public readonly tagValue: string;
  /** The subnet of the group's hosts: the network's public subnet when they get a public IP, else its private subnet. */
  public readonly subnetId: string;
  /** The Session Manager document, operator policy and session logging, in session-manager mode. */
  public readonly sessionManager?: AwsRdpSessionManagerAccess;
  private readonly members: Instance[] = [];

  constructor(scope: Construct, id: string, props: AwsRdpHostGroupProps) {
    super(scope, id, props, 'aws');
    this.network = props.network;
    this.tagValue = this.node.path;
    if (props.sessionManager && !this.access.isSessionManager) {
      throw new RdpValidationError('sessionManager', this.access.mode, `applies only to session-manager access, got access "${this.access.mode}". Remove it, or use RdpAccess.sessionManager().`);
    }
    const internetEgress = checkInternetEgress(props.internetEgress);
    const problems = awsPlacementProblems({
      needsPublicIp: this.access.needsPublicIp,
      internetEgress: internetEgress !== undefined,
      hasPublicSubnet: props.network.publicSubnet !== undefined,
      privateInternetRoute: props.network.privateInternetRoute,
      managementPath: props.network.managementPath,
    }).map((p) => new RdpValidationError(p.field, p.field === 'allowlist' ? this.access.sources.filter((s) => !s.isPrivate).map((s) => s.cidr) : internetEgress?.id, p.problem));
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new RdpValidationErrors(problems, `Host group ${this.node.path} cannot be placed`);
    this.subnetId = this.access.needsPublicIp ? props.network.publicSubnet!.subnetId : props.network.subnetId;
    tagResources(this, this.tags);

    this.securityGroup = new AwsRdpSecurityGroup(this, 'SecurityGroup', {
      vpcId: props.network.vpcId,
      rdpPort: this.rdpPort,
      sources: this.access.sources,
      udp: this.udp,
      managementEndpoints: props.network.managementEndpoints,
      internetEgress,
    });
    this.securityGroupId = this.securityGroup.securityGroupId;
    this.role = this.createRole();
    this.instanceProfileName = new IamInstanceProfile(this, 'InstanceProfile', { namePrefix: 'rdp-host-', role: this.role.name }).name;
    this.hardening = new AwsRdpHardeningAssociation(this, 'Hardening', {
      profile: () => this.hardeningProfile(),
      instanceTag: { key: HOST_GROUP_TAG, value: this.tagValue },
      ...props.hardeningSchedule,
    });
    if (this.access.isSessionManager) {
      this.sessionManager = new AwsRdpSessionManagerAccess(this, 'SessionManager', {
        ...props.sessionManager,
        rdpPort: this.rdpPort,
        instanceRole: this.role,
        instanceArns: () => this.members.map((m) => m.arn),
      });
    }
  }

  /** The sources the security group admits so far (ranges and security groups), in the order they were added. */
  public get admittedPeers(): readonly AwsRdpPeer[] {
    return this.securityGroup.admittedPeers;
  }

  /** Registers a member instance: the association waits for it, so `terraform apply` waits for its first run. @internal */
  public addMember(instance: Instance): void {
    this.members.push(instance);
    this.hardening.association.dependsOn = this.members.map((m) => `${m.terraformResourceType}.${m.friendlyUniqueId}`);
  }

  protected admit(peer: AwsRdpPeer, description: string | undefined): void {
    this.securityGroup.allowRdpFrom(peer, description);
  }

  private createRole(): IamRole {
    const partition = new DataAwsPartition(this, 'Partition');
    const assume = new DataAwsIamPolicyDocument(this, 'AssumeRole', {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }],
    });
    const role = new IamRole(this, 'Role', { namePrefix: 'rdp-host-', assumeRolePolicy: assume.json });
    new IamRolePolicyAttachment(this, 'SystemsManagerCore', {
      role: role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    return role;
  }
}
