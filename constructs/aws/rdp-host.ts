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
import { AwsSessionManagerOptions } from './session-manager-access';
import { WindowsAmi } from './windows-ami';
import { Acknowledge } from '../core/acknowledge';
import { RdpValidationError, showValue } from '../core/errors';
import { terraformLiteral } from '../core/terraform-literal';
import { CidrPeer, IRdpPeer } from '../core/peer';
import { RdpAccess } from '../core/rdp-access';
import { RdpPort } from '../core/rdp-port';
import { ACCESS_MODE_KEY, recordAcknowledgements } from '../private/acknowledgements';
import { RdpHardeningProfile } from '../windows/rdp-hardening-profile';
import { RdpHostHardeningOptions } from '../windows/rdp-hardening-profile-props';
import { WindowsServerVersion } from '../windows/windows-server-version';
import { requireProviderConstructs } from '../private/provider-presence';

export { PASSWORD_DATA_RISK_ID } from '../../contract';

/** Properties of {@link AwsRdpHost}. */
export interface AwsRdpHostProps {
  /** The Windows Server image, e.g. `WindowsAmi.fromId('ami-0123456789abcdef0')`. */
  readonly image: WindowsAmi;
  /**
   * The host group to join: its security group, instance role, access model, port and hardening are
   * shared by every member. When given, `network`, `access`, `rdpPort`, `udp`, `hardening` and
   * `hardeningSchedule` come from the group and must not be set here.
   * @default - a group of its own, built from this host's props
   */
  readonly group?: AwsRdpHostGroup;
  /**
   * The network to place the host in: a new `AwsRdpNetwork` or `AwsRdpNetwork.fromExisting(…)`.
   * Required unless {@link group} is given.
   * @default - the group's network
   */
  readonly network?: IAwsRdpNetwork;
  /**
   * How RDP reaches the host. `RdpAccess.vpnOnly()`: no public IP, RDP only from VPNs connected with
   * `vpn.allowRdpTo(host)` and from private ranges you name. `RdpAccess.allowlist(…)`: RDP from the
   * listed CIDRs; public sources (acknowledged) give the host a public IP and place it in the network's
   * public subnet (the network must have one); every other host goes to the private subnet.
   * `RdpAccess.sessionManager()`: no inbound rule at all, RDP through a Session Manager port-forwarding
   * tunnel (docs/zero-inbound.md).
   * @default RdpAccess.vpnOnly()
   */
  readonly access?: RdpAccess;
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
   * In-guest RDP hardening options (TLS floor, NLA, lockout, session limits, redirection, listener
   * certificate, acknowledgements for weaker values). The port, the guest firewall sources and UDP always
   * come from the security group, so guest and network agree by construction.
   * @default - the secure defaults of RdpHardeningProfile
   */
  readonly hardening?: RdpHostHardeningOptions;
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

const GROUP_OWNED_PROPS = ['network', 'access', 'rdpPort', 'udp', 'hardening', 'hardeningSchedule', 'internetEgress', 'sessionManager'] as const;

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
export class AwsRdpHost extends Construct {
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
    this.group = props.group ?? this.ownGroup(props);
    if (props.group) {
      const conflicting = GROUP_OWNED_PROPS.filter((name) => props[name] !== undefined);
      if (conflicting.length > 0) {
        throw new RdpValidationError(conflicting[0], conflicting, `comes from the host group ${props.group.node.path}; do not set it on a member host (set: ${conflicting.join(', ')}). Configure it on the group.`);
      }
    }
    if (props.image.windowsVersion !== this.group.windowsVersion) {
      throw new RdpValidationError('image', props.image.windowsVersion.name, `is Windows Server ${props.image.windowsVersion.name}, but the group ${this.group.node.path} is hardened for ${this.group.windowsVersion.name}. Put hosts of different Windows releases in different groups.`);
    }
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
    recordAcknowledgements(this.instance, () => [...hostAcknowledgements, ...this.group.hardeningProfile().acknowledgements.filter((a) => !hostAcknowledgements.some((h) => h.id === a.id))]);
    this.instance.addOverride(`//.${ACCESS_MODE_KEY}`, access.mode);
    this.group.addMember(this.instance);
    this.instanceId = this.instance.id;
    this.privateIp = this.instance.privateIp;
    this.publicIp = access.needsPublicIp ? this.instance.publicIp : undefined;
  }

  /** The security group ID (the group's). */
  public get securityGroupId(): string {
    return this.group.securityGroupId;
  }

  /** The RDP listener port (the group's). */
  public get rdpPort(): RdpPort {
    return this.group.rdpPort;
  }

  /** How RDP reaches the host (the group's access model). */
  public get access(): RdpAccess {
    return this.group.access;
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

  /** The Windows Server release the host is hardened for. */
  public get windowsVersion(): WindowsServerVersion {
    return this.group.windowsVersion;
  }

  /** The sources the guest firewall admits (the group's). */
  public get guestFirewallSources(): CidrPeer[] {
    return this.group.guestFirewallSources;
  }

  /**
   * Admits RDP from one more source (for every member of the host's group).
   * @param peer e.g. `Peer.cidr('10.9.0.0/16')`
   * @param description @default 'RDP from <source>'
   */
  public allowRdpFrom(peer: IRdpPeer, description?: string): void {
    this.group.allowRdpFrom(peer, description);
  }

  /** The hardening profile as it stands now (the group's). */
  public hardeningProfile(): RdpHardeningProfile {
    return this.group.hardeningProfile();
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
      hardeningSchedule: props.hardeningSchedule,
      internetEgress: props.internetEgress,
      sessionManager: props.sessionManager,
    });
  }
}
