import { NetworkInterface } from '@cdktf/provider-azurerm/lib/network-interface';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { WindowsVirtualMachine } from '@cdktf/provider-azurerm/lib/windows-virtual-machine';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AzureRdpHardeningRunCommand } from './rdp-hardening-run-command';
import { AzureRdpHostGroup } from './rdp-host-group';
import { AzureAdminPassword } from './admin-password';
import { checkIntegerInRange } from './integer-range';
import { MAX_COMPUTER_NAME_LENGTH, validateAdminUsername, validateComputerName, validateResourceGroupName, validateVirtualMachineName } from './names';
import { IAzureRdpKeyVault } from './rdp-key-vault';
import { IAzureRdpSubnet } from './rdp-network';
import { AzureRdpNetworkSecurityGroup } from './rdp-network-security-group';
import { AzureWindowsImage } from './windows-image';
import { Acknowledge } from '../core/acknowledge';
import { RdpValidationError, showValue } from '../core/errors';
import { CidrPeer, IRdpPeer } from '../core/peer';
import { RdpAccess } from '../core/rdp-access';
import { RdpPort } from '../core/rdp-port';
import { ACCESS_MODE_KEY, recordAcknowledgements } from '../private/acknowledgements';
import { RdpHardeningProfile } from '../windows/rdp-hardening-profile';
import { RdpHostHardeningOptions } from '../windows/rdp-hardening-profile-props';
import { WindowsServerVersion } from '../windows/windows-server-version';
import { requireProviderConstructs } from '../private/provider-presence';
import { terraformLiteralTags } from '../core/terraform-literal';

/** Administrator user name used when none is given. */
export const DEFAULT_AZURE_ADMIN_USERNAME = 'rdpadmin';
/** VM size used when none is given: 2 vCPUs, premium storage, Trusted Launch and encryption at host capable. */
export const DEFAULT_AZURE_VM_SIZE = 'Standard_D2s_v5';

/** Properties of {@link AzureRdpHost}. */
export interface AzureRdpHostProps {
  /**
   * The host group to join: its subnet, network security group, access model, port and hardening are
   * shared by every member. When given, `subnet`, `access`, `rdpPort`, `udp`, `hardening` and
   * `skipSubnetNsgAssociation` come from the group and must not be set here.
   * @default - a group of its own, built from this host's props
   */
  readonly group?: AzureRdpHostGroup;
  /**
   * The host's own subnet: `network.addHostSubnet(…)` or `AzureRdpNetwork.fromExistingSubnet(…)`.
   * Required unless {@link group} is given.
   * @default - the group's subnet
   */
  readonly subnet?: IAzureRdpSubnet;
  /** The virtual machine's name (1–64 letters, digits, hyphens); prefixes the names of its NIC, NSG, IP and disk. */
  readonly name: string;
  /**
   * How RDP reaches the host. `RdpAccess.vpnOnly()` (recommended): no public IP, RDP only from the VPN
   * ranges and private ranges admitted. `RdpAccess.allowlist(…)`: RDP from the listed CIDRs; public
   * sources (acknowledged) give the host a Standard, static public IP.
   * @default RdpAccess.vpnOnly()
   */
  readonly access?: RdpAccess;
  /** The vault that stores the generated administrator password. */
  readonly keyVault: IAzureRdpKeyVault;
  /**
   * The Windows computer name (1–15 characters).
   * @default - the VM name, which must then fit in 15 characters
   */
  readonly computerName?: string;
  /**
   * The RDP listener port; drives the network security group and the in-guest configuration.
   * @default RdpPort.default() (43389)
   */
  readonly rdpPort?: RdpPort;
  /**
   * Also admit RDP's UDP transport on the same port.
   * @default false
   */
  readonly udp?: boolean;
  /**
   * The Windows Server image (always Generation 2, as Trusted Launch needs).
   * @default AzureWindowsImage.server2022DatacenterAzureEdition()
   */
  readonly image?: AzureWindowsImage;
  /**
   * VM size; it must support premium storage, Trusted Launch and encryption at host.
   * @default 'Standard_D2s_v5'
   */
  readonly size?: string;
  /**
   * The local administrator's user name. Azure's reserved names (`administrator`, `admin`, …) are refused.
   * @default 'rdpadmin'
   */
  readonly adminUsername?: string;
  /**
   * Days until the password secret's expiry date (a rotation reminder).
   * @default 90
   */
  readonly passwordValidityDays?: number;
  /**
   * Resource group of the VM and its satellites.
   * @default - the subnet's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Size of the Premium SSD OS disk, in GiB (127–4095).
   * @default 128
   */
  readonly osDiskSizeGiB?: number;
  /**
   * Availability zone (`1`, `2` or `3`) of the VM and its public IP.
   * @default - no zone (regional)
   */
  readonly zone?: string;
  /**
   * Leave the subnet without this host's network security group (the NIC keeps it, so exposure is
   * unchanged), e.g. when the subnet's NSG is managed elsewhere. An acknowledgement with ID `RDP-AZ-SUBNET-NSG`.
   * @default - the group is associated with the subnet and the NIC
   */
  readonly skipSubnetNsgAssociation?: Acknowledge;
  /**
   * Tags of every resource the host creates.
   * @default - none
   */
  readonly tags?: Record<string, string>;
  /**
   * In-guest RDP hardening options (TLS floor, NLA, lockout, session limits, redirection, listener
   * certificate, acknowledgements for weaker values). The port, the guest firewall sources and UDP always
   * come from the host's NSG rules, so guest and network agree by construction.
   * @default - the secure defaults of RdpHardeningProfile
   */
  readonly hardening?: RdpHostHardeningOptions;
}

const GROUP_OWNED_PROPS = ['subnet', 'access', 'rdpPort', 'udp', 'hardening', 'skipSubnetNsgAssociation'] as const;

/**
 * A Windows Server VM reachable over RDP, on a custom port, only through its VPN (VPN-only mode, the
 * default), from its allowlist, or through an Azure Bastion.
 *
 * Secure by default: Trusted Launch (secure boot, vTPM), encryption at host, platform patching and
 * patch assessment, boot diagnostics (managed storage), a system-assigned identity, the VM agent on
 * (run commands need it); a generated administrator password kept in Key Vault and never in the
 * synthesized JSON; a network security group (allowlist → RDP port, deny the rest) on both the NIC
 * and the subnet; no public IP unless a public source is allowlisted.
 *
 * Inside the guest, the TLS-only hardening profile (custom port, guest firewall limited to the NSG's
 * sources, TLS + NLA, SCHANNEL floor, lockout, session limits) is applied by a managed run command after
 * the VM exists; a failing script fails the deployment, and the Custom Script Extension slot stays free.
 * Until it has run, Windows listens on 3389, which the NSG denies from every source.
 *
 * Hosts of one role can share an {@link AzureRdpHostGroup} (one subnet, NSG and hardening profile);
 * a host without a group gets a group of its own.
 */
export class AzureRdpHost extends Construct {
  /** The virtual machine ID. */
  public readonly virtualMachineId: string;
  /** The region. */
  public readonly location: string;
  /** The resource group of the VM. */
  public readonly resourceGroupName: string;
  /** The private IPv4 address. */
  public readonly privateIp: string;
  /** The public IPv4 address, when the allowlist needs one. */
  public readonly publicIp?: string;
  /** The image. */
  public readonly image: AzureWindowsImage;
  /** The administrator's user name. */
  public readonly adminUsername: string;
  /** Versionless ID of the Key Vault secret holding the administrator password. */
  public readonly adminPasswordSecretId: string;
  /** The network security group ID. */
  public readonly networkSecurityGroupId: string;
  /** The principal ID of the VM's system-assigned identity. */
  public readonly principalId: string;
  /** The virtual machine (escape hatch). */
  public readonly virtualMachine: WindowsVirtualMachine;
  /** The network interface (escape hatch). */
  public readonly networkInterface: NetworkInterface;
  /** The group the host belongs to (its own, unless one was given). */
  public readonly group: AzureRdpHostGroup;
  /** The generated administrator password and its secret. */
  public readonly adminPassword: AzureAdminPassword;
  /** The run command that applies the RDP hardening inside the guest (escape hatch). */
  public readonly hardening: AzureRdpHardeningRunCommand;

  constructor(scope: Construct, id: string, props: AzureRdpHostProps) {
    super(scope, id);
    requireProviderConstructs(this);
    const name = validateVirtualMachineName(props.name, 'name');
    if (props.computerName === undefined && name.length > MAX_COMPUTER_NAME_LENGTH) {
      throw new RdpValidationError('computerName', props.computerName, `is required when the VM name is longer than ${MAX_COMPUTER_NAME_LENGTH} characters (the Windows limit), got nothing for ${showValue(name)}. Set a computer name of 1–${MAX_COMPUTER_NAME_LENGTH} characters, or shorten the name.`);
    }
    const computerName = validateComputerName(props.computerName ?? name, 'computerName');
    this.adminUsername = validateAdminUsername(props.adminUsername ?? DEFAULT_AZURE_ADMIN_USERNAME, 'adminUsername');
    const size = props.size ?? DEFAULT_AZURE_VM_SIZE;
    if (!/^Standard_[A-Za-z0-9_]+$/.test(size)) throw new RdpValidationError('size', size, `must be an Azure VM size such as "${DEFAULT_AZURE_VM_SIZE}", got ${showValue(size)}.`);
    const osDiskSizeGiB = checkIntegerInRange(props.osDiskSizeGiB ?? 128, 127, 4095, 'osDiskSizeGiB', 'Windows Server images need 127 GiB');
    if (props.zone !== undefined && !['1', '2', '3'].includes(props.zone)) {
      throw new RdpValidationError('zone', props.zone, `must be "1", "2" or "3", got ${showValue(props.zone)}. Leave it unset for a regional VM.`);
    }
    this.image = props.image ?? AzureWindowsImage.server2022DatacenterAzureEdition();
    const imageRelease = WindowsServerVersion.fromName(this.image.windowsServerRelease, 'image');
    if (props.group) {
      const conflicting = GROUP_OWNED_PROPS.filter((key) => props[key] !== undefined);
      if (conflicting.length > 0) {
        throw new RdpValidationError(conflicting[0], conflicting, `comes from the host group ${props.group.node.path}; do not set it on a member host (set: ${conflicting.join(', ')}). Configure it on the group.`);
      }
    } else if (props.subnet === undefined) {
      throw new RdpValidationError('subnet', undefined, 'is required for a host without a group. Pass network.addHostSubnet(…) or AzureRdpNetwork.fromExistingSubnet(…), or a `group`.');
    }
    this.group = props.group ?? new AzureRdpHostGroup(this, 'Group', {
      subnet: props.subnet!,
      name,
      access: props.access,
      rdpPort: props.rdpPort,
      udp: props.udp,
      windowsVersion: imageRelease,
      hardening: props.hardening,
      resourceGroupName: props.resourceGroupName,
      skipSubnetNsgAssociation: props.skipSubnetNsgAssociation,
      tags: props.tags,
    });
    if (imageRelease !== this.group.windowsVersion) {
      throw new RdpValidationError('image', this.image.windowsServerRelease, `is Windows Server ${this.image.windowsServerRelease}, but the group ${this.group.node.path} is hardened for ${this.group.windowsVersion.name}. Put hosts of different Windows releases in different groups.`);
    }
    const subnet = this.group.subnet;
    this.location = subnet.location;
    this.resourceGroupName = props.resourceGroupName === undefined ? subnet.resourceGroupName : validateResourceGroupName(props.resourceGroupName);
    const common = { resourceGroupName: this.resourceGroupName, location: this.location, tags: props.tags && terraformLiteralTags(props.tags) };
    this.networkSecurityGroupId = this.group.networkSecurityGroupId;

    const publicIp = this.group.access.needsPublicIp
      ? new PublicIp(this, 'PublicIp', { ...common, name: `${name}-pip`, sku: 'Standard', allocationMethod: 'Static', zones: props.zone ? [props.zone] : undefined })
      : undefined;
    this.publicIp = publicIp?.ipAddress;
    this.networkInterface = new NetworkInterface(this, 'Nic', {
      ...common,
      name: `${name}-nic`,
      ipConfiguration: [{ name: 'primary', primary: true, subnetId: subnet.subnetId, privateIpAddressAllocation: 'Dynamic', publicIpAddressId: publicIp?.id }],
    });
    this.privateIp = this.networkInterface.privateIpAddress;
    const nicAssociation = this.group.attachNetworkInterface(name, this.networkInterface.id) as ITerraformDependable & Construct;

    this.adminPassword = new AzureAdminPassword(this, 'AdminPassword', {
      keyVault: props.keyVault,
      secretName: `${name}-admin-password`,
      validityDays: props.passwordValidityDays,
      tags: { ...props.tags, 'rdp-host': name, 'admin-username': this.adminUsername },
    });
    this.adminPasswordSecretId = this.adminPassword.secretId;

    this.virtualMachine = new WindowsVirtualMachine(this, 'Resource', {
      ...common,
      name,
      computerName,
      size,
      adminUsername: this.adminUsername,
      adminPassword: this.adminPassword.value,
      networkInterfaceIds: [this.networkInterface.id],
      sourceImageReference: { ...this.image.reference },
      osDisk: { name: `${name}-osdisk`, caching: 'ReadWrite', storageAccountType: 'Premium_LRS', diskSizeGb: osDiskSizeGiB },
      secureBootEnabled: true,
      vtpmEnabled: true,
      encryptionAtHostEnabled: true,
      patchMode: 'AutomaticByPlatform',
      patchAssessmentMode: 'AutomaticByPlatform',
      automaticUpdatesEnabled: true,
      provisionVmAgent: true,
      allowExtensionOperations: true,
      bootDiagnostics: {},
      identity: { type: 'SystemAssigned' },
      zone: props.zone,
      // The NSG must filter the NIC before the VM boots with RDP enabled.
      dependsOn: [nicAssociation],
    });
    this.virtualMachine.addOverride(`//.${ACCESS_MODE_KEY}`, this.group.access.mode);
    recordAcknowledgements(this.virtualMachine, [this.group.access.internetExposure]);
    this.virtualMachineId = this.virtualMachine.id;
    this.principalId = this.virtualMachine.identity.principalId;

    // Applied by a managed run command after the VM exists (a failing script fails the deployment); the
    // single Custom Script Extension slot stays free for the user.
    this.hardening = new AzureRdpHardeningRunCommand(this, 'Hardening', {
      profile: () => this.group.hardeningProfile(),
      virtualMachineId: this.virtualMachine.id,
      location: this.location,
      dependsOn: [this.virtualMachine],
      tags: props.tags,
    });
  }

  /** The RDP listener port (the group's). */
  public get rdpPort(): RdpPort {
    return this.group.rdpPort;
  }

  /** How RDP reaches the host (the group's access model). */
  public get access(): RdpAccess {
    return this.group.access;
  }

  /** Whether RDP's UDP transport is admitted (the group's setting). */
  public get udp(): boolean {
    return this.group.udp;
  }

  /** The network security group construct (the group's; shared by every member). */
  public get networkSecurityGroup(): AzureRdpNetworkSecurityGroup {
    return this.group.networkSecurityGroup;
  }

  /** The hardening profile as it stands now (the group's). */
  public hardeningProfile(): RdpHardeningProfile {
    return this.group.hardeningProfile();
  }

  /** The sources admitted so far (the group's). */
  public get admittedPeers(): readonly CidrPeer[] {
    return this.group.admittedPeers;
  }

  /**
   * Admits RDP from one more source (for every member of the host's group), e.g. a VPN's client address
   * pool. A public source is refused on a VPN-only host, and on a host without a public IP.
   * @param peer e.g. `Peer.cidr('10.8.0.0/24')`
   * @param description @default 'RDP (<protocol> <port>) from <source>'
   */
  public allowRdpFrom(peer: IRdpPeer, description?: string): void {
    this.group.allowRdpFrom(peer, description);
  }
}
