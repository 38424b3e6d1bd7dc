import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AwsRdpHardeningAssociation, AwsRdpHardeningAssociationProps } from './rdp-hardening-association';
import { rdpHardeningUserData } from './rdp-hardening-user-data';
import { IAwsRdpNetwork } from './rdp-network';
import { AwsRdpSecurityGroup } from './rdp-security-group';
import { WindowsAmi } from './windows-ami';
import { Acknowledge } from '../core/acknowledge';
import { RdpValidationError, showValue } from '../core/errors';
import { CidrPeer, IRdpPeer, Peer } from '../core/peer';
import { RdpAccess } from '../core/rdp-access';
import { RdpPort } from '../core/rdp-port';
import { ACCESS_MODE_KEY, recordAcknowledgements } from '../private/acknowledgements';
import { HostHardeningBinding } from '../private/hardening-binding';
import { RdpHardeningProfile } from '../windows/rdp-hardening-profile';
import { RdpHostHardeningOptions } from '../windows/rdp-hardening-profile-props';
import { WindowsServerVersion } from '../windows/windows-server-version';

/** Acknowledgement ID for keeping the encrypted Administrator password data in Terraform state. */
export const PASSWORD_DATA_RISK_ID = 'RDP-AWS-PASSWORD-DATA';

/** Properties of {@link AwsRdpHost}. */
export interface AwsRdpHostProps {
  /** The network to place the host in: a new `AwsRdpNetwork` or `AwsRdpNetwork.fromExisting(…)`. */
  readonly network: IAwsRdpNetwork;
  /** The Windows Server image, e.g. `WindowsAmi.fromId('ami-0123456789abcdef0')`. */
  readonly image: WindowsAmi;
  /**
   * How RDP reaches the host. `RdpAccess.vpnOnly()` (recommended): no public IP, RDP only from VPNs
   * connected with `vpn.allowRdpTo(host)` and from private ranges you name. `RdpAccess.allowlist(…)`:
   * RDP from the listed CIDRs; public sources give the host a public IP (the network must be internet-facing).
   */
  readonly access: RdpAccess;
  /**
   * The RDP listener port; drives the security group and the in-guest configuration.
   * @default RdpPort.default() (43389)
   */
  readonly rdpPort?: RdpPort;
  /**
   * Also admit RDP's UDP transport on the same port.
   * @default false
   */
  readonly udp?: boolean;
  /**
   * EC2 instance type.
   * @default 't3.large'
   */
  readonly instanceType?: string;
  /**
   * Size of the encrypted gp3 root volume, in GiB (30–16384).
   * @default 60
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * KMS key for the root volume.
   * @default - the account's default EBS key (aws/ebs)
   */
  readonly rootVolumeKmsKeyArn?: string;
  /**
   * Name of an EC2 key pair. With one, the AMI's generated Administrator password can be decrypted
   * outside Terraform (`aws ec2 get-password-data`); it never enters state or outputs.
   * @default - no key pair: sign in with an identity you manage (domain account, SSM Fleet Manager)
   */
  readonly keyPairName?: string;
  /**
   * Let Terraform read the encrypted Administrator password data (`get_password_data`), which puts it
   * in state. Needs {@link keyPairName}. An explicit acknowledgement with ID `RDP-AWS-PASSWORD-DATA`.
   * @default - password data is not read
   */
  readonly passwordDataInState?: Acknowledge;
  /**
   * In-guest RDP hardening options (TLS floor, NLA, lockout, session limits, redirection, listener
   * certificate, acknowledgements for weaker values). The port, the guest firewall sources and UDP always
   * come from the host, so the guest and the security group agree by construction.
   * @default - the secure defaults of RdpHardeningProfile
   */
  readonly hardening?: RdpHostHardeningOptions;
  /**
   * Extra settings of the State Manager association that re-applies the hardening (drift correction).
   * @default - every 30 minutes; `terraform apply` waits up to 30 minutes for the first run
   */
  readonly hardeningSchedule?: Pick<AwsRdpHardeningAssociationProps, 'scheduleExpression' | 'waitForSuccessTimeoutSeconds' | 'executionTimeoutSeconds'>;
}

/**
 * A Windows Server EC2 instance reachable over RDP only from its allowlist, on a custom port.
 *
 * Inside the guest, the TLS-only RDP hardening profile (custom port, guest firewall restricted to the
 * same sources as the security group, TLS + NLA, SCHANNEL floor, lockout, session limits) is applied
 * at first boot through user data and kept applied by a State Manager association.
 *
 * Secure by default: IMDSv2 required (hop limit 1), encrypted gp3 root volume, detailed monitoring,
 * EBS-optimized, an instance profile with the Systems Manager core policy, no public IP unless a
 * public source is allowlisted, no password anywhere in the synthesized JSON. The access mode is
 * recorded on the instance as `"//".rdp_access_mode` for the plan review.
 */
export class AwsRdpHost extends Construct {
  /** The instance ID. */
  public readonly instanceId: string;
  /** The instance's private IPv4 address. */
  public readonly privateIp: string;
  /** The public IPv4 address, when the allowlist needs one. */
  public readonly publicIp?: string;
  /** The security group ID. */
  public readonly securityGroupId: string;
  /** The RDP listener port. */
  public readonly rdpPort: RdpPort;
  /** How RDP reaches the host. */
  public readonly access: RdpAccess;
  /** The instance (escape hatch). */
  public readonly instance: Instance;
  /** The host's security group construct; add sources with {@link allowRdpFrom}. */
  public readonly securityGroup: AwsRdpSecurityGroup;
  /** The instance role (escape hatch), e.g. to grant access to a secret. */
  public readonly role: IamRole;
  /** The SSM document and State Manager association that keep the RDP hardening applied (escape hatch). */
  public readonly hardening: AwsRdpHardeningAssociation;
  /** The image's Windows Server release. */
  public readonly windowsVersion: WindowsServerVersion;
  private readonly hardeningBinding: HostHardeningBinding;

  constructor(scope: Construct, id: string, props: AwsRdpHostProps) {
    super(scope, id);
    this.rdpPort = props.rdpPort ?? RdpPort.default();
    const rootVolumeSizeGiB = props.rootVolumeSizeGiB ?? 60;
    if (!Number.isInteger(rootVolumeSizeGiB) || rootVolumeSizeGiB < 30 || rootVolumeSizeGiB > 16384) {
      throw new RdpValidationError('rootVolumeSizeGiB', rootVolumeSizeGiB, `must be an integer from 30 to 16384 (Windows Server needs at least 30 GiB), got ${showValue(rootVolumeSizeGiB)}.`);
    }
    if (props.passwordDataInState && !props.keyPairName) {
      throw new RdpValidationError('passwordDataInState', props.passwordDataInState.id, 'needs `keyPairName`: password data is encrypted with the key pair. Set `keyPairName`, or drop `passwordDataInState`.');
    }
    if (props.passwordDataInState && props.passwordDataInState.id !== PASSWORD_DATA_RISK_ID) {
      throw new RdpValidationError('passwordDataInState.id', props.passwordDataInState.id, `must be "${PASSWORD_DATA_RISK_ID}", the risk it accepts, got ${showValue(props.passwordDataInState.id)}.`);
    }
    this.access = props.access;
    this.windowsVersion = props.image.windowsVersion;
    this.hardeningBinding = new HostHardeningBinding(this.node.path, props.hardening ?? {}, this.windowsVersion, () => ({
      port: this.rdpPort,
      udp: this.securityGroup.admitsUdp,
      sources: this.guestFirewallSources,
    }));
    const needsPublicIp = props.access.needsPublicIp;
    if (needsPublicIp && !props.network.internetFacing) {
      const publicSources = props.access.sources.filter((p) => !p.isPrivate).map((p) => p.cidr);
      throw new RdpValidationError(
        'allowlist',
        publicSources,
        'has public sources, but the network is not internet-facing, so they could never reach the host. ' +
          'Use an internet-facing network (`internetFacing: true`), or reach the host through a VPN and allowlist private ranges only.',
      );
    }

    this.securityGroup = new AwsRdpSecurityGroup(this, 'SecurityGroup', {
      vpcId: props.network.vpcId,
      rdpPort: this.rdpPort,
      sources: props.access.sources,
      udp: props.udp,
    });
    this.securityGroupId = this.securityGroup.securityGroupId;
    this.role = this.createRole();
    const profile = new IamInstanceProfile(this, 'InstanceProfile', { namePrefix: 'rdp-host-', role: this.role.name });
    const image = props.image.bind(this);

    this.instance = new Instance(this, 'Resource', {
      ami: image.amiId,
      instanceType: props.instanceType ?? 't3.large',
      subnetId: props.network.subnetId,
      vpcSecurityGroupIds: [this.securityGroupId],
      associatePublicIpAddress: needsPublicIp,
      iamInstanceProfile: profile.name,
      keyName: props.keyPairName,
      fetchPasswordData: props.passwordDataInState ? true : undefined,
      monitoring: true,
      ebsOptimized: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'disabled',
      },
      rootBlockDevice: {
        volumeType: 'gp3',
        volumeSize: rootVolumeSizeGiB,
        encrypted: true,
        kmsKeyId: props.rootVolumeKmsKeyArn,
        deleteOnTermination: true,
      },
      // First boot applies the profile; the association below keeps it applied, so later profile changes
      // (a new source, say) are delivered by SSM instead of stopping the instance to rewrite user data.
      userData: Lazy.stringValue({ produce: () => rdpHardeningUserData(this.hardeningProfile()) }),
      lifecycle: { ignoreChanges: image.ignoreAmiChanges ? ['ami', 'user_data'] : ['user_data'] },
      tags: { Name: this.node.path },
    });
    recordAcknowledgements(this.instance, [props.passwordDataInState, props.access.internetExposure]);
    this.hardening = new AwsRdpHardeningAssociation(this, 'Hardening', {
      profile: () => this.hardeningProfile(),
      instanceIds: [this.instance.id],
      ...props.hardeningSchedule,
    });
    this.instance.addOverride(`//.${ACCESS_MODE_KEY}`, props.access.mode);
    if (props.access.isVpnOnly) {
      this.node.addValidation({
        validate: () =>
          this.securityGroup.admittedPeers.some((p) => Peer.isAwsSecurityGroup(p)) || props.access.sources.length > 0
            ? []
            : [`${this.node.path} is VPN-only, but no VPN was connected to it, so nobody can reach RDP. Call \`vpn.allowRdpTo(host)\` with an AwsRdpClientVpn or AwsRdpSiteToSiteVpn, or add private sources.`],
      });
    }
    this.instanceId = this.instance.id;
    this.privateIp = this.instance.privateIp;
    this.publicIp = needsPublicIp ? this.instance.publicIp : undefined;
  }

  /**
   * Admits RDP from one more source.
   * @param peer e.g. `Peer.cidr('198.51.100.0/24')`
   * @param description @default 'RDP from <source>'
   */
  public allowRdpFrom(peer: IRdpPeer, description?: string): void {
    if (this.access.isVpnOnly && Peer.isCidr(peer) && !peer.isPrivate) {
      throw new RdpValidationError('peer', peer.cidr, `is a public range, got "${peer.cidr}", but ${this.node.path} is VPN-only. Allowed: a VPN (vpn.allowRdpTo(host)) or a private range.`);
    }
    this.securityGroup.allowRdpFrom(peer, description);
  }

  /**
   * The sources the guest firewall admits: every CIDR admitted by the security group, plus the ranges
   * that admitted security groups' traffic comes from (a Client VPN endpoint's subnets).
   */
  public get guestFirewallSources(): CidrPeer[] {
    const sources = new Map<string, CidrPeer>();
    for (const peer of this.securityGroup.admittedPeers) {
      const cidrs = Peer.isCidr(peer) ? [peer] : Peer.isAwsSecurityGroup(peer) ? peer.sourceCidrs : [];
      for (const cidr of cidrs) sources.set(cidr.cidr, cidr);
    }
    return [...sources.values()];
  }

  /**
   * The hardening profile as it stands now: the host's port, UDP setting and guest firewall sources with
   * the configured options. Rendered at synthesis, after every `allowRdpFrom` / `vpn.allowRdpTo(host)`.
   */
  public hardeningProfile(): RdpHardeningProfile {
    return this.hardeningBinding.profile();
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
