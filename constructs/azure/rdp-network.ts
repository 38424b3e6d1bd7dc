import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { checkIntegerInRange } from './integer-range';
import { validateAzureLocation, validateNetworkResourceName, validateResourceGroupName, validateStorageAccountId, validateSubnetId } from './names';
import { Acknowledge, checkInternetEgress, checkNetworkCidr, cidrsOverlap, ParsedCidr, RdpValidationError, recordAcknowledgements, showValue, terraformLiteralTags } from '../core';
import { requireProviderConstructs } from '../compat';

/**
 * A subnet an Azure RDP host is placed in, with the resource group and region the host's resources
 * go to by default: from {@link AzureRdpNetwork.addHostSubnet} or {@link AzureRdpNetwork.fromExistingSubnet}.
 * Give each host its own subnet: the host associates its network security group with it.
 */
export interface IAzureRdpSubnet {
  /** The subnet's resource ID. */
  readonly subnetId: string;
  /** The resource group a host in this subnet is created in, unless the host says otherwise. */
  readonly resourceGroupName: string;
  /** The region of the subnet's virtual network, e.g. `westeurope`. */
  readonly location: string;
  /**
   * The acknowledgement that hosts in this subnet may send to the internet (`RDP-NET-INTERNET-EGRESS`).
   * Without it, host NSGs deny outbound traffic to the `Internet` service tag.
   */
  readonly internetEgress?: Acknowledge;
}

/** Properties of {@link AzureRdpNetwork}. */
export interface AzureRdpNetworkProps {
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /**
   * Prefix of the names of the resources created (`<namePrefix>-rg`, `<namePrefix>-vnet`, `<namePrefix>-<subnet>`).
   * @default 'rdp-hosts'
   */
  readonly namePrefix?: string;
  /**
   * An existing resource group to create the virtual network in.
   * @default - a new resource group named `<namePrefix>-rg`
   */
  readonly existingResourceGroupName?: string;
  /**
   * The virtual network's IPv4 address space.
   * @default '10.52.0.0/16'
   */
  readonly addressSpace?: string;
  /**
   * Resource ID of a storage account (same region) for VNet flow logs: every flow in and out of the
   * virtual network, kept {@link flowLogRetentionDays} days.
   * @default - no flow logs (the policy review warns RDP-AZ-FLOW-LOGS)
   */
  readonly flowLogStorageAccountId?: string;
  /**
   * Days to keep flow logs (90–365).
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Name of the region's Network Watcher, which owns the flow log.
   * @default - the one Azure creates: `NetworkWatcher_<location>`
   */
  readonly networkWatcherName?: string;
  /**
   * Resource group of the Network Watcher.
   * @default 'NetworkWatcherRG'
   */
  readonly networkWatcherResourceGroupName?: string;
  /**
   * Tags of every resource created.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** Properties for {@link AzureRdpNetwork.fromExistingSubnet}. */
export interface ExistingAzureRdpSubnetProps {
  /** Resource ID of the subnet: `/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>`. */
  readonly subnetId: string;
  /** The resource group the host's resources are created in (it may differ from the subnet's). */
  readonly resourceGroupName: string;
  /** The region of the subnet's virtual network. */
  readonly location: string;
  /**
   * Let the hosts send to the internet through the subnet's own outbound path (a NAT gateway or firewall
   * route you manage): their NSG then does not deny the `Internet` tag outbound. An acknowledgement with
   * ID `RDP-NET-INTERNET-EGRESS`.
   * @default - the hosts' NSG denies outbound traffic to the internet
   */
  readonly internetEgress?: Acknowledge;
}

/** Options of {@link AzureRdpNetwork.addHostSubnet}. */
export interface AzureHostSubnetOptions {
  /**
   * Give the subnet outbound internet access through the network's NAT gateway (created with the first
   * subnet that asks: a Standard NAT gateway and its Standard static public IP). Hosts need it for
   * Windows Update from Microsoft and other downloads; see docs/azure.md for what works without it.
   * An acknowledgement with ID `RDP-NET-INTERNET-EGRESS`; it also lifts the hosts' NSG deny of outbound
   * internet traffic.
   * @default - none: the subnet is private (no default outbound access), has no internet path, and the
   * hosts' NSG denies outbound traffic to the internet (also for hosts with a public IP)
   */
  readonly internetEgress?: Acknowledge;
}

/** Virtual network address space used when none is given. */
export const DEFAULT_AZURE_ADDRESS_SPACE = '10.52.0.0/16';

/**
 * A resource group (new or existing) and a virtual network with one subnet per RDP host. Every host
 * gets its own subnet because the host's network security group is associated with its subnet, and a
 * subnet takes one group. The network adds no route to or from the internet: a host is reachable
 * from outside only through the public IP its allowlist may need, and only from that allowlist.
 *
 * Host subnets are private: `default_outbound_access_enabled = false`, so Azure gives their VMs no
 * implicit outbound public IP (Azure is retiring default outbound access). A subnet gets internet
 * egress only when it acknowledges `internetEgress`, through one NAT gateway shared by such subnets.
 */
export class AzureRdpNetwork extends Construct {
  /** Uses an existing subnet; nothing is created. */
  public static fromExistingSubnet(props: ExistingAzureRdpSubnetProps): IAzureRdpSubnet {
    return {
      subnetId: validateSubnetId(props.subnetId),
      resourceGroupName: validateResourceGroupName(props.resourceGroupName),
      location: validateAzureLocation(props.location),
      ...(props.internetEgress ? { internetEgress: checkInternetEgress(props.internetEgress) } : {}),
    };
  }

  /** The resource group's name. */
  public readonly resourceGroupName: string;
  /** The region. */
  public readonly location: string;
  /** The virtual network ID. */
  public readonly virtualNetworkId: string;
  /** The virtual network's address space. */
  public readonly addressSpace: string;
  /** The new resource group (escape hatch); undefined when an existing group is used. */
  public readonly resourceGroup?: ResourceGroup;
  /** The virtual network (escape hatch). */
  public readonly virtualNetwork: VirtualNetwork;
  /** The VNet flow log (escape hatch), when a storage account was given. */
  public readonly flowLog?: NetworkWatcherFlowLog;
  private readonly namePrefix: string;
  private readonly parsedAddressSpace: ParsedCidr;
  private readonly tags?: Record<string, string>;
  private readonly subnets = new Map<string, ParsedCidr>();
  private nat?: { gateway: NatGateway; publicIp: PublicIp };

  constructor(scope: Construct, id: string, props: AzureRdpNetworkProps) {
    super(scope, id);
    requireProviderConstructs(this);
    this.location = validateAzureLocation(props.location);
    this.namePrefix = validateNetworkResourceName(props.namePrefix ?? 'rdp-hosts', 'namePrefix');
    this.parsedAddressSpace = checkNetworkCidr(props.addressSpace ?? DEFAULT_AZURE_ADDRESS_SPACE, 'addressSpace');
    this.addressSpace = this.parsedAddressSpace.cidr;
    this.tags = props.tags;
    if (props.existingResourceGroupName !== undefined) {
      this.resourceGroupName = validateResourceGroupName(props.existingResourceGroupName, 'existingResourceGroupName');
    } else {
      this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', {
        name: validateResourceGroupName(`${this.namePrefix}-rg`, 'namePrefix'),
        location: this.location,
        tags: this.tags && terraformLiteralTags(this.tags),
      });
      this.resourceGroupName = this.resourceGroup.name;
    }
    this.virtualNetwork = new VirtualNetwork(this, 'Resource', {
      name: validateNetworkResourceName(`${this.namePrefix}-vnet`, 'namePrefix'),
      resourceGroupName: this.resourceGroupName,
      location: this.location,
      addressSpace: [this.addressSpace],
      tags: this.tags && terraformLiteralTags(this.tags),
    });
    this.virtualNetworkId = this.virtualNetwork.id;
    if (props.flowLogStorageAccountId !== undefined) {
      this.flowLog = this.addFlowLog(props, checkIntegerInRange(props.flowLogRetentionDays ?? 365, 90, 365, 'flowLogRetentionDays', 'security logs are kept at least 90 days'));
    }
  }

  /** The NAT gateway (escape hatch), once a subnet asked for internet egress. */
  public get natGateway(): NatGateway | undefined {
    return this.nat?.gateway;
  }

  /** The NAT gateway's public IP (escape hatch): the source address of the hosts' internet egress. */
  public get natGatewayPublicIp(): PublicIp | undefined {
    return this.nat?.publicIp;
  }

  /**
   * Adds a private subnet for one host (or host group): no default outbound access, and internet
   * egress through the NAT gateway only when `options.internetEgress` is acknowledged.
   * @param name the subnet's name suffix (`<namePrefix>-<name>`) and construct ID key, e.g. the host name
   * @param cidr the subnet's range, inside the address space and not overlapping another subnet (errors name it `subnetCidr`)
   * @param options the subnet's internet egress
   */
  public addHostSubnet(name: string, cidr: string, options: AzureHostSubnetOptions = {}): IAzureRdpSubnet {
    const field = 'subnetCidr';
    const internetEgress = options.internetEgress && checkInternetEgress(options.internetEgress);
    const subnetName = validateNetworkResourceName(`${this.namePrefix}-${name}`, 'name');
    if (this.subnets.has(subnetName)) throw new RdpValidationError('name', name, `repeats the name of another subnet, got ${showValue(name)}. Give each host its own subnet name.`);
    const range = checkNetworkCidr(cidr, field, this.parsedAddressSpace);
    for (const [other, otherRange] of this.subnets) {
      if (cidrsOverlap(range, otherRange)) throw new RdpValidationError(field, cidr, `overlaps the subnet ${other} (${otherRange.cidr}), got ${showValue(cidr)}. Give each host a separate range.`);
    }
    this.subnets.set(subnetName, range);
    const subnet = new Subnet(this, `Subnet-${name}`, {
      name: subnetName,
      resourceGroupName: this.resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefixes: [range.cidr],
      // Explicit, not the provider default (true): a private subnet, whatever Azure's API version defaults to.
      defaultOutboundAccessEnabled: false,
    });
    if (internetEgress) {
      const association = new SubnetNatGatewayAssociation(this, `Subnet-${name}-NatGateway`, { subnetId: subnet.id, natGatewayId: this.natGatewayForEgress().gateway.id });
      recordAcknowledgements(association, [internetEgress]);
    }
    return { subnetId: subnet.id, resourceGroupName: this.resourceGroupName, location: this.location, ...(internetEgress ? { internetEgress } : {}) };
  }

  /**
   * Reserves a range for a subnet another construct creates (e.g. `AzureBastionSubnet`): inside the address
   * space and apart from every other subnet. @internal
   */
  public reserveRange(subnetName: string, cidr: string, field: string): void {
    const range = checkNetworkCidr(cidr, field, this.parsedAddressSpace);
    for (const [other, otherRange] of this.subnets) {
      if (cidrsOverlap(range, otherRange)) throw new RdpValidationError(field, cidr, `overlaps the subnet ${other} (${otherRange.cidr}), got ${showValue(cidr)}. Give each subnet a separate range.`);
    }
    this.subnets.set(subnetName, range);
  }

  /** The NAT gateway and its public IP, created once for every subnet with internet egress. */
  private natGatewayForEgress(): { gateway: NatGateway; publicIp: PublicIp } {
    if (this.nat) return this.nat;
    const common = { resourceGroupName: this.resourceGroupName, location: this.location, tags: this.tags && terraformLiteralTags(this.tags) };
    const publicIp = new PublicIp(this, 'NatGatewayPublicIp', { ...common, name: validateNetworkResourceName(`${this.namePrefix}-natgw-pip`, 'namePrefix'), sku: 'Standard', allocationMethod: 'Static' });
    const gateway = new NatGateway(this, 'NatGateway', { ...common, name: validateNetworkResourceName(`${this.namePrefix}-natgw`, 'namePrefix'), skuName: 'Standard', idleTimeoutInMinutes: 4 });
    new NatGatewayPublicIpAssociation(this, 'NatGatewayPublicIpAssociation', { natGatewayId: gateway.id, publicIpAddressId: publicIp.id });
    this.nat = { gateway, publicIp };
    return this.nat;
  }

  private addFlowLog(props: AzureRdpNetworkProps, retentionDays: number): NetworkWatcherFlowLog {
    return new NetworkWatcherFlowLog(this, 'FlowLog', {
      name: validateNetworkResourceName(`${this.namePrefix}-vnet-flow-log`, 'namePrefix'),
      networkWatcherName: validateNetworkResourceName(props.networkWatcherName ?? `NetworkWatcher_${this.location}`, 'networkWatcherName'),
      resourceGroupName: validateResourceGroupName(props.networkWatcherResourceGroupName ?? 'NetworkWatcherRG', 'networkWatcherResourceGroupName'),
      location: this.location,
      targetResourceId: this.virtualNetwork.id,
      storageAccountId: validateStorageAccountId(props.flowLogStorageAccountId!, 'flowLogStorageAccountId'),
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: retentionDays },
      tags: this.tags && terraformLiteralTags(this.tags),
    });
  }
}
