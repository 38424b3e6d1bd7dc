import { PASSWORD_DATA_RISK_ID } from '../../contract';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AwsRdpHardeningAssociation, AwsRdpHardeningAssociationProps } from './rdp-hardening-association';
import { rdpHardeningUserData } from './rdp-hardening-user-data';
import { AwsRdpHostGroup, HOST_GROUP_TAG } from './rdp-host-group';
import { IAwsRdpNetwork } from './rdp-network';
import { AwsRdpSecurityGroup } from './rdp-security-group';
import { tagResources } from './resource-tags';
import { AwsRdpPeer } from './security-group-peer';
import { AwsSessionManagerOptions } from './session-manager-access';
import { WindowsAmi } from './windows-ami';
import { requireProviderConstructs } from '../compat';
import { Acknowledge, RdpValidationError, showValue, terraformLiteral } from '../core';
import { annotateHostResource, checkHostTags, checkImageRelease, checkMemberProps, RdpHostBase, RdpHostBaseProps, requireImage } from '../host';

export { PASSWORD_DATA_RISK_ID } from '../../contract';

/**
 * Properties of {@link AwsRdpHost}: what a host is given on every cloud ({@link RdpHostBaseProps}:
 * image, group, access, rdpPort, udp, hardening, tags) plus its AWS resources' settings.
 */
export interface AwsRdpHostProps extends RdpHostBaseProps<AwsRdpHostGroup, WindowsAmi> {
  /**
   * The network to place the host in: a new `AwsRdpNetwork` or `AwsRdpNetwork.fromExisting(…)`.
   * Required unless {@link group} is given. Allowlist hosts with a public source go to the network's
   * public subnet (the network must have one); every other host goes to the private subnet.
   * @default - the group's network
   */
  readonly network?: IAwsRdpNetwork;
  /**
   * Settings of the State Manager association that re-applies the hardening (drift correction).
   * @default - every 30 minutes; `terraform apply` waits up to 30 minutes for the first run
   */
  readonly hardeningSchedule?: Pick<AwsRdpHardeningAssociationProps, 'scheduleExpression' | 'waitForSuccessTimeoutSeconds' | 'executionTimeoutSeconds'>;
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
   * HTTPS and HTTP egress to the whole internet (see {@link AwsRdpHostGroupProps.internetEgress}).
   * @default - HTTPS to the Systems Manager endpoints and S3 only
   */
  readonly internetEgress?: Acknowledge;
  /**
   * Settings of Session Manager access (see {@link AwsRdpHostGroupProps.sessionManager}).
   * @default - the group's defaults
   */
  readonly sessionManager?: AwsSessionManagerOptions;
}

/** The AWS props a member host must not set because its group owns them (besides the shared ones). */
const AWS_GROUP_OWNED_PROPS = ['network', 'hardeningSchedule', 'internetEgress', 'sessionManager'] as const;

/**
 * A Windows Server EC2 instance reachable over RDP, on a custom port, only through its VPNs (VPN-only
 * mode) or from its allowlist.
 *
 * Inside the guest, the TLS-only RDP hardening profile (custom port, guest firewall restricted to the
 * same sources as the security group, TLS + NLA, SCHANNEL floor, lockout, session limits) is applied
 * at first boot through user data and kept applied by a State Manager association.
 *
 * Secure by default: IMDSv2 required (hop limit 1), encrypted gp3 root volume, detailed monitoring,
 * EBS-optimized, an instance profile with the Systems Manager core policy, no public IP unless a
 * public source is allowlisted (and acknowledged), no password anywhere in the synthesized JSON. The
 * access mode is recorded on the instance as `"//".rdp_access_mode` for the plan review.
 *
 * Hosts of one role can share a {@link AwsRdpHostGroup} (one security group, role and hardening
 * association for all of them); a host without a group gets a group of its own.
 */
export class AwsRdpHost extends RdpHostBase<AwsRdpHostGroup, AwsRdpPeer> {
  /** The instance ID. */
  public readonly instanceId: string;
  /** The instance's private IPv4 address. */
  public readonly privateIp: string;
  /** The public IPv4 address, when the allowlist needs one. */
  public readonly publicIp?: string;
  /** The instance (escape hatch). */
  public readonly instance: Instance;
  /** The group the host belongs to (its own, unless one was given). */
  public readonly group: AwsRdpHostGroup;

  constructor(scope: Construct, id: string, props: AwsRdpHostProps) {
    super(scope, id);
    requireProviderConstructs(this);
    requireImage(props.image, "WindowsAmi.fromId('ami-…') or WindowsAmi.latestFromSsm()");
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
    if (props.group) checkMemberProps(props, props.group, AWS_GROUP_OWNED_PROPS);
    tagResources(this, checkHostTags(props.tags));
    this.group = props.group ?? this.ownGroup(props);
    checkImageRelease(props.image, this.group);
    const access = this.group.access;
    const image = props.image.bind(this);

    this.instance = new Instance(this, 'Resource', {
      ami: image.amiId,
      instanceType: props.instanceType ?? 't3.large',
      subnetId: this.group.subnetId,
      vpcSecurityGroupIds: [this.group.securityGroupId],
      associatePublicIpAddress: access.needsPublicIp,
      iamInstanceProfile: this.group.instanceProfileName,
      keyName: terraformLiteral(props.keyPairName),
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
      // First boot applies the profile; the group's association keeps it applied, so later profile
      // changes (a new source, say) are delivered by SSM instead of stopping the instance to rewrite user data.
      userData: Lazy.stringValue({ produce: () => rdpHardeningUserData(this.group.hardeningProfile()) }),
      lifecycle: { ignoreChanges: image.ignoreAmiChanges ? ['ami', 'user_data'] : ['user_data'] },
      tags: { Name: this.node.path, [HOST_GROUP_TAG]: this.group.tagValue },
    });
    // The user data carries the guest script too, so the profile's acknowledged weakenings are recorded here as
    // well as on the association's document: the policy review finds the reason on every resource that carries them.
    const hostAcknowledgements = [props.passwordDataInState, access.internetExposure].filter((a): a is Acknowledge => a !== undefined);
    annotateHostResource(this.instance, access, () => [...hostAcknowledgements, ...this.group.hardeningProfile().acknowledgements.filter((a) => !hostAcknowledgements.some((h) => h.id === a.id))]);
    this.group.addMember(this.instance);
    this.instanceId = this.instance.id;
    this.privateIp = this.instance.privateIp;
    this.publicIp = access.needsPublicIp ? this.instance.publicIp : undefined;
  }

  /** The security group ID (the group's). */
  public get securityGroupId(): string {
    return this.group.securityGroupId;
  }

  /** The security group construct (the group's; shared by every member). */
  public get securityGroup(): AwsRdpSecurityGroup {
    return this.group.securityGroup;
  }

  /** The instance role (the group's), e.g. to grant access to a secret. */
  public get role(): IamRole {
    return this.group.role;
  }

  /** The SSM document and State Manager association that keep the hardening applied (the group's). */
  public get hardening(): AwsRdpHardeningAssociation {
    return this.group.hardening;
  }

  private ownGroup(props: AwsRdpHostProps): AwsRdpHostGroup {
    if (props.network === undefined) {
      throw new RdpValidationError('network', undefined, 'is required for a host without a group. Pass an AwsRdpNetwork (or AwsRdpNetwork.fromExisting(…)), or a `group`.');
    }
    return new AwsRdpHostGroup(this, 'Group', {
      network: props.network,
      access: props.access,
      rdpPort: props.rdpPort,
      udp: props.udp,
      windowsVersion: props.image.windowsVersion,
      hardening: props.hardening,
      tags: props.tags,
      hardeningSchedule: props.hardeningSchedule,
      internetEgress: props.internetEgress,
      sessionManager: props.sessionManager,
    });
  }
}
