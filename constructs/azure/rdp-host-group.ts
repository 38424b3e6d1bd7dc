import { SUBNET_NSG_RISK_ID } from '../../contract';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { validateResourceGroupName } from './names';
import { IAzureRdpSubnet } from './rdp-network';
import { AzureRdpBastion } from './rdp-bastion';
import { AzureRdpNetworkSecurityGroup } from './rdp-network-security-group';
import { Acknowledge, CidrPeer, RdpValidationError, recordAcknowledgements, showValue } from '../core';
import { RdpHostGroupBase, RdpHostGroupBaseProps } from '../host';

/** The peers an Azure network security group rule can render: address ranges. */
export type AzureRdpPeer = CidrPeer;

export { SUBNET_NSG_RISK_ID } from '../../contract';

/** Which group associated its NSG with a subnet, per stack (a subnet takes one NSG). */
const SUBNET_OWNERS = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * Properties of {@link AzureRdpHostGroup}: what a group is on every cloud ({@link RdpHostGroupBaseProps}:
 * access, rdpPort, udp, windowsVersion, hardening, tags) plus its Azure resources' settings.
 */
export interface AzureRdpHostGroupProps extends RdpHostGroupBaseProps {
  /** The group's subnet: `network.addHostSubnet(…)` or `AzureRdpNetwork.fromExistingSubnet(…)`; its members' NICs go there. */
  readonly subnet: IAzureRdpSubnet;
  /** A name (1–64 letters, digits, hyphens) that prefixes the network security group's name. */
  readonly name: string;
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
}

/**
 * What Azure hosts of one role share: a subnet and one network security group (allows per source on the
 * RDP port, an explicit deny below them) on the subnet and on every member's NIC, the access model and
 * the hardening profile, rendered once for all members. `AzureRdpHost` without a group creates a group
 * of its own.
 */
export class AzureRdpHostGroup extends RdpHostGroupBase<AzureRdpPeer> {
  /** The group's subnet. */
  public readonly subnet: IAzureRdpSubnet;
  /** The group's network security group; add sources with {@link allowRdpFrom}. */
  public readonly networkSecurityGroup: AzureRdpNetworkSecurityGroup;
  /** The network security group's ID. */
  public readonly networkSecurityGroupId: string;
  /** The acknowledgement for skipping the subnet association, if any. */
  public readonly skipSubnetNsgAssociation?: Acknowledge;

  constructor(scope: Construct, id: string, props: AzureRdpHostGroupProps) {
    super(scope, id, props, 'azure');
    if (props.skipSubnetNsgAssociation && props.skipSubnetNsgAssociation.id !== SUBNET_NSG_RISK_ID) {
      throw new RdpValidationError('skipSubnetNsgAssociation.id', props.skipSubnetNsgAssociation.id, `must be "${SUBNET_NSG_RISK_ID}", the risk it accepts, got ${showValue(props.skipSubnetNsgAssociation.id)}.`);
    }
    this.subnet = props.subnet;
    this.skipSubnetNsgAssociation = props.skipSubnetNsgAssociation;
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
    if (this.access.tunnel instanceof AzureRdpBastion) {
      this.access.tunnel.serve({ rdpPort: this.rdpPort, hardeningProfile: () => this.hardeningProfile() });
    }
  }

  /** The sources the network security group admits so far (they are also what the guest firewall admits). */
  public get admittedPeers(): readonly AzureRdpPeer[] {
    return this.networkSecurityGroup.admittedPeers;
  }

  /** Associates the group's NSG with a member's NIC (and records a subnet-skip acknowledgement there). @internal */
  public attachNetworkInterface(memberName: string, networkInterfaceId: string): Construct {
    const association = this.networkSecurityGroup.associateWithNetworkInterface(`NicAssociation-${memberName}`, networkInterfaceId);
    recordAcknowledgements(association, [this.skipSubnetNsgAssociation]);
    return association;
  }

  protected admit(peer: AzureRdpPeer, description: string | undefined): void {
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
        `is already the subnet of host group ${owner}, whose network security group it carries, got a second group ${showValue(this.node.path)}. ` +
          `A subnet takes one NSG: put the hosts in one group, give each group its own subnet (network.addHostSubnet), or acknowledge "${SUBNET_NSG_RISK_ID}" with skipSubnetNsgAssociation.`,
      );
    }
    owners.set(subnet.subnetId, this.node.path);
  }
}
