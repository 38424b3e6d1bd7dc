import { SUBNET_NSG_RISK_ID } from '../../contract';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { validateResourceGroupName } from './names';
import { IAzureRdpSubnet } from './rdp-network';
import { AzureRdpBastion } from './rdp-bastion';
import { AzureRdpNetworkSecurityGroup } from './rdp-network-security-group';
import { Acknowledge } from '../core/acknowledge';
import { RdpValidationError, showValue } from '../core/errors';
import { CidrPeer, IRdpPeer, Peer } from '../core/peer';
import { RdpAccess } from '../core/rdp-access';
import { RdpPort } from '../core/rdp-port';
import { recordAcknowledgements } from '../private/acknowledgements';
import { HostHardeningBinding } from '../private/hardening-binding';
import { RdpHardeningProfile } from '../windows/rdp-hardening-profile';
import { RdpHostHardeningOptions } from '../windows/rdp-hardening-profile-props';
import { WindowsServerVersion } from '../windows/windows-server-version';

export { SUBNET_NSG_RISK_ID } from '../../contract';

/** Which group associated its NSG with a subnet, per stack (a subnet takes one NSG). */
const SUBNET_OWNERS = new WeakMap<TerraformStack, Map<string, string>>();

/** Properties of {@link AzureRdpHostGroup}. */
export interface AzureRdpHostGroupProps {
  /** The group's subnet: `network.addHostSubnet(…)` or `AzureRdpNetwork.fromExistingSubnet(…)`; its members' NICs go there. */
  readonly subnet: IAzureRdpSubnet;
  /** A name (1–64 letters, digits, hyphens) that prefixes the network security group's name. */
  readonly name: string;
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
   * In-guest RDP hardening options; the port, sources and UDP come from the group's NSG.
   * @default - the secure defaults of RdpHardeningProfile
   */
  readonly hardening?: RdpHostHardeningOptions;
  /**
   * Resource group of the network security group.
   * @default - the subnet's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Leave the subnet without the group's network security group (the members' NICs keep it, so exposure
   * is unchanged), e.g. when the subnet's NSG is managed elsewhere. An acknowledgement with ID `RDP-AZ-SUBNET-NSG`.
   * @default - the group is associated with the subnet and with every member's NIC
   */
  readonly skipSubnetNsgAssociation?: Acknowledge;
  /**
   * Tags of every resource the group creates.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * What Azure hosts of one role share: a subnet and one network security group (allows per source on the
 * RDP port, an explicit deny below them) on the subnet and on every member's NIC, the access model and
 * the hardening profile, rendered once for all members. `AzureRdpHost` without a group creates a group
 * of its own.
 */
export class AzureRdpHostGroup extends Construct {
  /** The group's subnet. */
  public readonly subnet: IAzureRdpSubnet;
  /** How RDP reaches the group's hosts. */
  public readonly access: RdpAccess;
  /** The RDP listener port of the group's hosts. */
  public readonly rdpPort: RdpPort;
  /** Whether RDP's UDP transport is admitted. */
  public readonly udp: boolean;
  /** The Windows Server release of the group's images. */
  public readonly windowsVersion: WindowsServerVersion;
  /** The group's network security group; add sources with {@link allowRdpFrom}. */
  public readonly networkSecurityGroup: AzureRdpNetworkSecurityGroup;
  /** The network security group's ID. */
  public readonly networkSecurityGroupId: string;
  /** The acknowledgement for skipping the subnet association, if any. */
  public readonly skipSubnetNsgAssociation?: Acknowledge;
  private readonly hardeningBinding: HostHardeningBinding;

  constructor(scope: Construct, id: string, props: AzureRdpHostGroupProps) {
    super(scope, id);
    if (props.skipSubnetNsgAssociation && props.skipSubnetNsgAssociation.id !== SUBNET_NSG_RISK_ID) {
      throw new RdpValidationError('skipSubnetNsgAssociation.id', props.skipSubnetNsgAssociation.id, `must be "${SUBNET_NSG_RISK_ID}", the risk it accepts, got ${showValue(props.skipSubnetNsgAssociation.id)}.`);
    }
    this.subnet = props.subnet;
    this.access = props.access ?? RdpAccess.vpnOnly();
    this.rdpPort = props.rdpPort ?? RdpPort.default();
    this.udp = props.udp ?? false;
    this.windowsVersion = props.windowsVersion ?? WindowsServerVersion.SERVER_2022;
    this.skipSubnetNsgAssociation = props.skipSubnetNsgAssociation;
    if (this.access.isSessionManager) {
      throw new RdpValidationError('access', this.access.mode, 'is AWS Session Manager access, which Azure hosts cannot use. Use RdpAccess.bastion(bastion) for zero-inbound access on Azure.');
    }
    const resourceGroupName = props.resourceGroupName === undefined ? props.subnet.resourceGroupName : validateResourceGroupName(props.resourceGroupName);

    this.networkSecurityGroup = new AzureRdpNetworkSecurityGroup(this, 'NetworkSecurityGroup', {
      resourceGroupName,
      location: props.subnet.location,
      tags: props.tags,
      name: `${props.name}-nsg`,
      rdpPort: this.rdpPort,
      sources: this.access.sources,
      udp: this.udp,
      allowInternetOutbound: props.subnet.internetEgress !== undefined,
    });
    this.networkSecurityGroupId = this.networkSecurityGroup.networkSecurityGroupId;
    // Internet egress is the subnet's decision; the NSG that lets it out carries the acknowledgement too.
    recordAcknowledgements(this.networkSecurityGroup.networkSecurityGroup, [props.subnet.internetEgress]);
    if (!props.skipSubnetNsgAssociation) {
      this.claimSubnet(props.subnet);
      this.networkSecurityGroup.associateWithSubnet('SubnetAssociation', props.subnet.subnetId);
    }
    this.hardeningBinding = new HostHardeningBinding(this.node.path, props.hardening ?? {}, this.windowsVersion, () => ({
      port: this.rdpPort,
      udp: this.udp,
      sources: this.admittedPeers,
    }));
    if (this.access.tunnel instanceof AzureRdpBastion) {
      this.access.tunnel.serve({ rdpPort: this.rdpPort, hardeningProfile: () => this.hardeningProfile() });
    }
    if (this.access.isVpnOnly) {
      this.node.addValidation({
        validate: () =>
          this.admittedPeers.length > 0
            ? []
            : [`${this.node.path} is VPN-only, but no VPN range was admitted, so nobody can reach RDP. Connect a gateway with \`vpn.allowRdpTo(host)\`, admit a private range with \`host.allowRdpFrom(Peer.cidr(…))\`, or list private sources in RdpAccess.vpnOnly(…).`],
      });
    }
  }

  /** The group itself (so gateways accept a host or a group alike). */
  public get group(): AzureRdpHostGroup {
    return this;
  }

  /** The sources admitted so far (they are also what the guest firewall admits). */
  public get admittedPeers(): readonly CidrPeer[] {
    return this.networkSecurityGroup.admittedPeers;
  }

  /**
   * Admits RDP from one more source, for every host of the group. A public source is refused on a
   * VPN-only group, and on a group whose hosts have no public IP (only a public allowlist entry gives them one).
   * @param peer e.g. `Peer.cidr('10.8.0.0/24')`
   * @param description @default 'RDP (<protocol> <port>) from <source>'
   */
  public allowRdpFrom(peer: IRdpPeer, description?: string): void {
    if (this.access.isBastion) {
      throw new RdpValidationError('peer', peer.label, `cannot be admitted: ${this.node.path} uses bastion access, so its network security group admits RDP only from AzureBastionSubnet (${this.access.sources[0].cidr}). Reach it through the Bastion, or put it in a group with vpn-only or allowlist access.`);
    }
    if (Peer.isCidr(peer) && !peer.isPrivate) {
      if (this.access.isVpnOnly) {
        throw new RdpValidationError('peer', peer.cidr, `is a public range, got "${peer.cidr}", but ${this.node.path} is VPN-only. Allowed: a VPN address pool or another private range.`);
      }
      if (!this.access.needsPublicIp) {
        throw new RdpValidationError('peer', peer.cidr, `is a public range, got "${peer.cidr}", but the hosts of ${this.node.path} have no public IP, so it could never reach them. List a public source in the allowlist (which gives them a public IP), or reach them through a VPN from a private range.`);
      }
    }
    this.networkSecurityGroup.allowRdpFrom(peer, description);
  }

  /** The hardening profile as it stands now, rendered once for all members at synthesis. */
  public hardeningProfile(): RdpHardeningProfile {
    return this.hardeningBinding.profile();
  }

  /** Associates the group's NSG with a member's NIC (and records a subnet-skip acknowledgement there). @internal */
  public attachNetworkInterface(memberName: string, networkInterfaceId: string): Construct {
    const association = this.networkSecurityGroup.associateWithNetworkInterface(`NicAssociation-${memberName}`, networkInterfaceId);
    recordAcknowledgements(association, [this.skipSubnetNsgAssociation]);
    return association;
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
        `is already the subnet of host group ${owner}, whose network security group it carries, got a second group ${showValue(this.node.path)}. ` +
          `A subnet takes one NSG: put the hosts in one group, give each group its own subnet (network.addHostSubnet), or acknowledge "${SUBNET_NSG_RISK_ID}" with skipSubnetNsgAssociation.`,
      );
    }
    owners.set(subnet.subnetId, this.node.path);
  }
}
