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
import { Acknowledge, checkInternetEgress, CidrPeer, IRdpPeer, Peer, RdpAccess, RdpPort, RdpValidationError, RdpValidationErrors } from '../core';
import { HostHardeningBinding } from '../host';
import { RdpHardeningProfile, RdpHostHardeningOptions, WindowsServerVersion } from '../windows';

/** Tag that marks the instances of a host group; the group's hardening association targets it. */
export const HOST_GROUP_TAG = 'rdp-host-group';

/** Properties of {@link AwsRdpHostGroup}. */
export interface AwsRdpHostGroupProps {
  /** The network the group's hosts are placed in. */
  readonly network: IAwsRdpNetwork;
  /**
   * How RDP reaches the group's hosts.
   * @default RdpAccess.vpnOnly()
   */
  readonly access?: RdpAccess;
  /**
   * The RDP listener port of every host in the group.
   * @default RdpPort.default() (43389)
   */
  readonly rdpPort?: RdpPort;
  /**
   * Also admit RDP's UDP transport on the same port.
   * @default false
   */
  readonly udp?: boolean;
  /**
   * The Windows Server release of the group's images (decides TLS 1.3 in the guest); every host's image must match.
   * @default WindowsServerVersion.SERVER_2022
   */
  readonly windowsVersion?: WindowsServerVersion;
  /**
   * In-guest RDP hardening options; the port, sources and UDP come from the group's security group.
   * @default - the secure defaults of RdpHardeningProfile
   */
  readonly hardening?: RdpHostHardeningOptions;
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
export class AwsRdpHostGroup extends Construct {
  /** The network of the group's hosts. */
  public readonly network: IAwsRdpNetwork;
  /** How RDP reaches the group's hosts. */
  public readonly access: RdpAccess;
  /** The RDP listener port of the group's hosts. */
  public readonly rdpPort: RdpPort;
  /** The Windows Server release of the group's images. */
  public readonly windowsVersion: WindowsServerVersion;
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
  private readonly hardeningBinding: HostHardeningBinding;
  private readonly members: Instance[] = [];

  constructor(scope: Construct, id: string, props: AwsRdpHostGroupProps) {
    super(scope, id);
    this.network = props.network;
    this.access = props.access ?? RdpAccess.vpnOnly();
    this.rdpPort = props.rdpPort ?? RdpPort.default();
    this.windowsVersion = props.windowsVersion ?? WindowsServerVersion.SERVER_2022;
    this.tagValue = this.node.path;
    if (this.access.isBastion) {
      throw new RdpValidationError('access', this.access.mode, 'is Azure Bastion access, which AWS hosts cannot use. Use RdpAccess.sessionManager() for zero-inbound access on AWS.');
    }
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

    this.securityGroup = new AwsRdpSecurityGroup(this, 'SecurityGroup', {
      vpcId: props.network.vpcId,
      rdpPort: this.rdpPort,
      sources: this.access.sources,
      udp: props.udp,
      managementEndpoints: props.network.managementEndpoints,
      internetEgress,
    });
    this.securityGroupId = this.securityGroup.securityGroupId;
    this.role = this.createRole();
    this.instanceProfileName = new IamInstanceProfile(this, 'InstanceProfile', { namePrefix: 'rdp-host-', role: this.role.name }).name;
    this.hardeningBinding = new HostHardeningBinding(this.node.path, props.hardening ?? {}, this.windowsVersion, () => ({
      port: this.rdpPort,
      udp: this.securityGroup.admitsUdp,
      sources: this.guestFirewallSources,
    }));
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
    if (this.access.isVpnOnly) {
      this.node.addValidation({
        validate: () =>
          this.securityGroup.admittedPeers.length > 0 || this.access.sources.length > 0
            ? []
            : [`${this.node.path} is VPN-only, but no VPN was connected to it, so nobody can reach RDP. Call \`vpn.allowRdpTo(host)\` with an AwsRdpClientVpn or AwsRdpSiteToSiteVpn, or add private sources.`],
      });
    }
  }

  /** The group itself (so VPNs accept a host or a group alike: `vpn.allowRdpTo(hostOrGroup)`). */
  public get group(): AwsRdpHostGroup {
    return this;
  }

  /** True when the group's hosts get a public IP (allowlist access with an acknowledged public source). */
  public get needsPublicIp(): boolean {
    return this.access.needsPublicIp;
  }

  /**
   * Admits RDP from one more source, for every host of the group.
   * @param peer e.g. `Peer.cidr('10.9.0.0/16')`
   * @param description @default 'RDP from <source>'
   */
  public allowRdpFrom(peer: IRdpPeer, description?: string): void {
    if (this.access.isSessionManager) {
      throw new RdpValidationError('peer', peer.label, `cannot be admitted: ${this.node.path} uses session-manager access, whose security group has no inbound rule at all. Reach it with a Session Manager port-forwarding session, or put it in a group with vpn-only or allowlist access.`);
    }
    if (this.access.isVpnOnly && Peer.isCidr(peer) && !peer.isPrivate) {
      throw new RdpValidationError('peer', peer.cidr, `is a public range, got "${peer.cidr}", but ${this.node.path} is VPN-only. Allowed: a VPN (vpn.allowRdpTo(host)) or a private range.`);
    }
    if (!this.access.needsPublicIp && Peer.isCidr(peer) && !peer.isPrivate) {
      throw new RdpValidationError(
        'peer',
        peer.cidr,
        `is a public range, got "${peer.cidr}", but the hosts of ${this.node.path} have no public IP, so it could never reach them (a dead rule). ` +
          'Allowed: a VPN or a private range; or give the group a public source in its access allowlist (acknowledged), which gives its hosts a public IP.',
      );
    }
    this.securityGroup.allowRdpFrom(peer, description);
  }

  /**
   * The sources the guest firewall admits: every CIDR admitted by the security group, plus the ranges
   * that admitted security groups' traffic comes from (a Client VPN endpoint's subnets).
   */
  public get guestFirewallSources(): CidrPeer[] {
    // Session Manager's agent connects to the host's loopback: the only sources (docs/zero-inbound.md).
    if (this.access.isSessionManager) return Peer.loopback();
    const sources = new Map<string, CidrPeer>();
    for (const peer of this.securityGroup.admittedPeers) {
      const cidrs = Peer.isCidr(peer) ? [peer] : Peer.isAwsSecurityGroup(peer) ? peer.sourceCidrs : [];
      for (const cidr of cidrs) sources.set(cidr.cidr, cidr);
    }
    return [...sources.values()];
  }

  /**
   * The hardening profile as it stands now: the group's port, UDP setting and guest firewall sources with
   * the configured options. Rendered once, at synthesis, after every grant.
   */
  public hardeningProfile(): RdpHardeningProfile {
    return this.hardeningBinding.profile();
  }

  /** Registers a member instance: the association waits for it, so `terraform apply` waits for its first run. @internal */
  public addMember(instance: Instance): void {
    this.members.push(instance);
    this.hardening.association.dependsOn = this.members.map((m) => `${m.terraformResourceType}.${m.friendlyUniqueId}`);
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
