import { NetworkInterface } from '@cdktf/provider-azurerm/lib/network-interface';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { WindowsVirtualMachine } from '@cdktf/provider-azurerm/lib/windows-virtual-machine';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AzureRdpHardeningRunCommand } from './rdp-hardening-run-command';
import { AzureAdminPassword } from './admin-password';
import { checkIntegerInRange } from './integer-range';
import { MAX_COMPUTER_NAME_LENGTH, validateAdminUsername, validateComputerName, validateResourceGroupName, validateVirtualMachineName } from './names';
import { IAzureRdpKeyVault } from './rdp-key-vault';
import { IAzureRdpSubnet } from './rdp-network';
import { AzureRdpNetworkSecurityGroup } from './rdp-network-security-group';
import { AzureWindowsImage } from './windows-image';
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

/** Acknowledgement ID for leaving the host's subnet without the host's network security group. */
export const SUBNET_NSG_RISK_ID = 'RDP-AZ-SUBNET-NSG';
/** Administrator user name used when none is given. */
export const DEFAULT_AZURE_ADMIN_USERNAME = 'rdpadmin';
/** VM size used when none is given: 2 vCPUs, premium storage, Trusted Launch and encryption at host capable. */
export const DEFAULT_AZURE_VM_SIZE = 'Standard_D2s_v5';

/** Properties of {@link AzureRdpHost}. */
export interface AzureRdpHostProps {
  /** The host's own subnet: `network.addHostSubnet(…)` or `AzureRdpNetwork.fromExistingSubnet(…)`. */
  readonly subnet: IAzureRdpSubnet;
  /** The virtual machine's name (1–64 letters, digits, hyphens); prefixes the names of its NIC, NSG, IP and disk. */
  readonly name: string;
  /**
   * How RDP reaches the host. `RdpAccess.vpnOnly()` (recommended): no public IP, RDP only from the VPN
   * ranges and private ranges admitted. `RdpAccess.allowlist(…)`: RDP from the listed CIDRs; public
   * sources give the host a Standard, static public IP.
   */
  readonly access: RdpAccess;
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

/** Which host associated its NSG with a subnet, per stack (a subnet takes one NSG). */
const SUBNET_OWNERS = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * A Windows Server VM reachable over RDP only from its allowlist, on a custom port.
 *
 * Secure by default: Trusted Launch (secure boot, vTPM), encryption at host, platform patching and
 * patch assessment, boot diagnostics (managed storage), a system-assigned identity, the VM agent on
 * (run commands need it); a generated administrator password kept in Key Vault and never in the
 * synthesized JSON; a network security group (allowlist → RDP port, deny the rest) on both the NIC
 * and the subnet; no public IP unless a public source is allowlisted.
 *
 * Guest configuration (the listener port in the registry, the guest firewall, TLS-only RDP) is applied
 * by a run command on {@link virtualMachineId}: the host exposes everything it needs
 * (`virtualMachineId`, `location`, `rdpPort`, `udp`, `admittedPeers`, `image.windowsServerRelease`).
 * Until it runs, the guest still listens on 3389, which the network security group denies.
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
  /** The RDP listener port. */
  public readonly rdpPort: RdpPort;
  /** How RDP reaches the host. */
  public readonly access: RdpAccess;
  /** True when RDP's UDP transport is admitted too. */
  public readonly udp: boolean;
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
  /** The host's network security group construct; add sources with {@link allowRdpFrom}. */
  public readonly networkSecurityGroup: AzureRdpNetworkSecurityGroup;
  /** The generated administrator password and its secret. */
  public readonly adminPassword: AzureAdminPassword;
  /** The run command that applies the RDP hardening inside the guest (escape hatch). */
  public readonly hardening: AzureRdpHardeningRunCommand;
  private readonly hardeningBinding: HostHardeningBinding;

  constructor(scope: Construct, id: string, props: AzureRdpHostProps) {
    super(scope, id);
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
    if (props.skipSubnetNsgAssociation && props.skipSubnetNsgAssociation.id !== SUBNET_NSG_RISK_ID) {
      throw new RdpValidationError('skipSubnetNsgAssociation.id', props.skipSubnetNsgAssociation.id, `must be "${SUBNET_NSG_RISK_ID}", the risk it accepts, got ${showValue(props.skipSubnetNsgAssociation.id)}.`);
    }
    this.rdpPort = props.rdpPort ?? RdpPort.default();
    this.access = props.access;
    this.udp = props.udp ?? false;
    this.image = props.image ?? AzureWindowsImage.server2022DatacenterAzureEdition();
    this.location = props.subnet.location;
    this.resourceGroupName = props.resourceGroupName === undefined ? props.subnet.resourceGroupName : validateResourceGroupName(props.resourceGroupName);
    const common = { resourceGroupName: this.resourceGroupName, location: this.location, tags: props.tags };

    this.networkSecurityGroup = new AzureRdpNetworkSecurityGroup(this, 'NetworkSecurityGroup', {
      ...common,
      name: `${name}-nsg`,
      rdpPort: this.rdpPort,
      sources: props.access.sources,
      udp: this.udp,
    });
    this.networkSecurityGroupId = this.networkSecurityGroup.networkSecurityGroupId;

    const publicIp = props.access.needsPublicIp
      ? new PublicIp(this, 'PublicIp', { ...common, name: `${name}-pip`, sku: 'Standard', allocationMethod: 'Static', zones: props.zone ? [props.zone] : undefined })
      : undefined;
    this.publicIp = publicIp?.ipAddress;
    this.networkInterface = new NetworkInterface(this, 'Nic', {
      ...common,
      name: `${name}-nic`,
      ipConfiguration: [{ name: 'primary', primary: true, subnetId: props.subnet.subnetId, privateIpAddressAllocation: 'Dynamic', publicIpAddressId: publicIp?.id }],
    });
    this.privateIp = this.networkInterface.privateIpAddress;
    const nicAssociation = this.networkSecurityGroup.associateWithNetworkInterface('NicAssociation', this.networkInterface.id);
    if (props.skipSubnetNsgAssociation) {
      recordAcknowledgements(nicAssociation, [props.skipSubnetNsgAssociation]);
    } else {
      this.claimSubnet(props.subnet);
      this.networkSecurityGroup.associateWithSubnet('SubnetAssociation', props.subnet.subnetId);
    }

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
    this.virtualMachine.addOverride(`//.${ACCESS_MODE_KEY}`, props.access.mode);
    recordAcknowledgements(this.virtualMachine, [props.access.internetExposure]);
    if (props.access.isVpnOnly) {
      this.node.addValidation({
        validate: () =>
          this.admittedPeers.length > 0
            ? []
            : [`${this.node.path} is VPN-only, but no VPN range was admitted, so nobody can reach RDP. Admit the VPN's client address pool or on-premises range with \`host.allowRdpFrom(Peer.cidr(…))\`, or list private sources in RdpAccess.vpnOnly(…).`],
      });
    }
    this.virtualMachineId = this.virtualMachine.id;
    this.principalId = this.virtualMachine.identity.principalId;

    // Applied by a managed run command after the VM exists (a failing script fails the deployment); the
    // single Custom Script Extension slot stays free for the user.
    this.hardeningBinding = new HostHardeningBinding(this.node.path, props.hardening ?? {}, WindowsServerVersion.fromName(this.image.windowsServerRelease, 'image'), () => ({
      port: this.rdpPort,
      udp: this.udp,
      sources: this.admittedPeers,
    }));
    this.hardening = new AzureRdpHardeningRunCommand(this, 'Hardening', {
      profile: () => this.hardeningBinding.profile(),
      virtualMachineId: this.virtualMachine.id,
      location: this.location,
      dependsOn: [this.virtualMachine],
      tags: props.tags,
    });
  }

  /**
   * The hardening profile as it stands now: the host's port, UDP setting and admitted sources with the
   * configured options. Rendered at synthesis, after every `allowRdpFrom`.
   */
  public hardeningProfile(): RdpHardeningProfile {
    return this.hardeningBinding.profile();
  }

  /** The sources admitted so far. */
  public get admittedPeers(): readonly CidrPeer[] {
    return this.networkSecurityGroup.admittedPeers;
  }

  /**
   * Admits RDP from one more source, e.g. a VPN's client address pool. A public source is refused on a
   * VPN-only host, and on a host without a public IP (only a public allowlist entry creates one).
   * @param peer e.g. `Peer.cidr('10.8.0.0/24')`
   * @param description @default 'RDP (<protocol> <port>) from <source>'
   */
  public allowRdpFrom(peer: IRdpPeer, description?: string): void {
    if (Peer.isCidr(peer) && !peer.isPrivate) {
      if (this.access.isVpnOnly) {
        throw new RdpValidationError('peer', peer.cidr, `is a public range, got "${peer.cidr}", but ${this.node.path} is VPN-only. Allowed: a VPN address pool or another private range.`);
      }
      if (this.publicIp === undefined) {
        throw new RdpValidationError('peer', peer.cidr, `is a public range, got "${peer.cidr}", but ${this.node.path} has no public IP, so it could never reach the host. List a public source in the host's allowlist (which gives it a public IP), or reach the host through a VPN from a private range.`);
      }
    }
    this.networkSecurityGroup.allowRdpFrom(peer, description);
  }

  private claimSubnet(subnet: IAzureRdpSubnet): void {
    const stack = TerraformStack.of(this);
    const owners = SUBNET_OWNERS.get(stack) ?? new Map<string, string>();
    SUBNET_OWNERS.set(stack, owners);
    const owner = owners.get(subnet.subnetId);
    if (owner !== undefined) {
      throw new RdpValidationError(
        'subnet',
        this.node.path,
        `is already the subnet of host ${owner}, whose network security group it carries, got a second host ${showValue(this.node.path)}. ` +
          `A subnet takes one NSG: give each host its own subnet (network.addHostSubnet), or acknowledge "${SUBNET_NSG_RISK_ID}" with skipSubnetNsgAssociation.`,
      );
    }
    owners.set(subnet.subnetId, this.node.path);
  }
}
