import { NetworkInterfaceSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/network-interface-security-group-association';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Construct } from 'constructs';
import { validateAzureLocation, validateNetworkResourceName, validateResourceGroupName } from './names';
import { NSG_DENY_ALL_INBOUND_PRIORITY, NsgPriorityAllocator } from './nsg-priorities';
import { CidrPeer, RdpPort, RdpValidationError, showValue, terraformLiteralTags } from '../core';

/** Rules Azure allows in one network security group. */
export const MAX_NSG_RULES = 1000;
/** Rules a group has besides its allow rules, at most: the deny of all inbound and of outbound internet traffic. */
export const NSG_FIXED_RULES = 2;

/** Properties of {@link AzureRdpNetworkSecurityGroup}. */
export interface AzureRdpNetworkSecurityGroupProps {
  /** Name of the network security group (1–80 characters). */
  readonly name: string;
  /** Resource group the group is created in. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /**
   * The RDP listener port the rules admit and deny.
   * @default RdpPort.default() (43389)
   */
  readonly rdpPort?: RdpPort;
  /**
   * Sources admitted to RDP when the group is created (CIDR peers, e.g. `RdpAccess.sources`); more can
   * be added with {@link AzureRdpNetworkSecurityGroup.allowRdpFrom}.
   * @default - none: only the deny-all rule exists
   */
  readonly sources?: readonly CidrPeer[];
  /**
   * Also admit RDP's UDP transport on the same port (one more allow rule per source).
   * @default false
   */
  readonly udp?: boolean;
  /**
   * Let the hosts send to the internet: no deny of outbound traffic to the `Internet` service tag. Set
   * by the host group when its subnet acknowledges `internetEgress`.
   * @default false
   */
  readonly allowInternetOutbound?: boolean;
  /**
   * Tags of the network security group.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** One admitted source and the priorities of its rules. */
export interface AzureRdpAllowRule {
  /** The source. */
  readonly peer: CidrPeer;
  /** `Tcp` or `Udp`. */
  readonly protocol: 'Tcp' | 'Udp';
  /** The rule's priority. */
  readonly priority: number;
  /** The rule resource (escape hatch). */
  readonly rule: NetworkSecurityRule;
}

/**
 * A network security group for an RDP host. For each allowlisted source it has an inbound Allow rule
 * on the RDP port (TCP, optionally UDP); below them, a Deny of all inbound traffic, any source, any
 * port, any protocol (priority 4096, `Deny-All-Inbound`). Without it Azure's default rule
 * `AllowVnetInBound` (65000) would admit every address of the virtual network, peered networks and
 * VPN-connected ranges to every port (SMB, WinRM, RPC, and RDP on 3389 before the hardening has run).
 * With it the group denies by default, like an AWS security group: the RDP port from the listed
 * sources is the only inbound path. There is no option for other ports; see docs/azure.md.
 *
 * Azure Load Balancer health probes (`AllowAzureLoadBalancerInBound`, 65001) are denied too: the hosts
 * sit behind no load balancer. Outbound rules are Azure's defaults; the network decides where outbound
 * traffic can go (see `AzureRdpNetwork` `internetEgress`).
 *
 * Priorities are allocated by the construct from each rule's source and protocol (the scheme is
 * described in docs/azure.md): deterministic, and adding a source never renumbers existing rules.
 * Rules are standalone `azurerm_network_security_rule` resources; never mix them with inline
 * `security_rule` blocks on the group.
 */
export class AzureRdpNetworkSecurityGroup extends Construct {
  /** The network security group ID. */
  public readonly networkSecurityGroupId: string;
  /** The network security group name. */
  public readonly networkSecurityGroupName: string;
  /** The RDP listener port the rules admit. */
  public readonly rdpPort: RdpPort;
  /** The network security group (escape hatch). */
  public readonly networkSecurityGroup: NetworkSecurityGroup;
  /** The rule that denies all inbound traffic no allow rule admits (escape hatch). */
  public readonly denyAllInboundRule: NetworkSecurityRule;
  /** The rule that denies outbound traffic to the internet (escape hatch); undefined with `allowInternetOutbound`. */
  public readonly denyInternetOutboundRule?: NetworkSecurityRule;
  private readonly udp: boolean;
  private readonly resourceGroupName: string;
  private readonly priorities = new NsgPriorityAllocator('sources');
  private readonly allowRules: AzureRdpAllowRule[] = [];
  private ruleCount = 0;

  constructor(scope: Construct, id: string, props: AzureRdpNetworkSecurityGroupProps) {
    super(scope, id);
    this.rdpPort = props.rdpPort ?? RdpPort.default();
    this.udp = props.udp ?? this.rdpPort.udp;
    this.resourceGroupName = validateResourceGroupName(props.resourceGroupName);
    this.networkSecurityGroup = new NetworkSecurityGroup(this, 'Resource', {
      name: validateNetworkResourceName(props.name, 'name'),
      resourceGroupName: this.resourceGroupName,
      location: validateAzureLocation(props.location),
      tags: props.tags && terraformLiteralTags(props.tags),
    });
    this.networkSecurityGroupId = this.networkSecurityGroup.id;
    this.networkSecurityGroupName = this.networkSecurityGroup.name;

    // The construct ID of the 0.1 RDP deny at the same priority: an existing deployment replaces that rule
    // in place (destroy, then create) instead of creating a second rule with priority 4096 beside it.
    this.denyAllInboundRule = this.addDenyAllRule('DenyRdpFromAny');
    if (!props.allowInternetOutbound) this.denyInternetOutboundRule = this.addDenyInternetOutboundRule();
    for (const peer of props.sources ?? []) this.admit(peer, 'sources');
  }

  /** @deprecated the deny now covers every port: use {@link denyAllInboundRule}. */
  public get denyRdpRule(): NetworkSecurityRule {
    return this.denyAllInboundRule;
  }

  /** The sources admitted so far, in the order they were added. */
  public get admittedPeers(): readonly CidrPeer[] {
    return [...new Set(this.allowRules.map((r) => r.peer))];
  }

  /** The allow rules created so far, with their priorities. */
  public get rules(): readonly AzureRdpAllowRule[] {
    return [...this.allowRules];
  }

  /**
   * Admits RDP from one more source. Adding the same source twice is a no-op; existing rules keep
   * their priorities.
   * @param peer the source, e.g. `Peer.cidr('198.51.100.0/24')`
   * @param description shown on the rule @default 'RDP (<protocol> <port>) from <source>'
   */
  public allowRdpFrom(peer: CidrPeer, description?: string): void {
    this.admit(peer, 'peer', description);
  }

  /** Associates the group with a subnet, so it filters traffic to every address in it. */
  public associateWithSubnet(id: string, subnetId: string): SubnetNetworkSecurityGroupAssociation {
    return new SubnetNetworkSecurityGroupAssociation(this, id, { subnetId, networkSecurityGroupId: this.networkSecurityGroupId });
  }

  /** Associates the group with a network interface, so it filters traffic to that interface. */
  public associateWithNetworkInterface(id: string, networkInterfaceId: string): NetworkInterfaceSecurityGroupAssociation {
    return new NetworkInterfaceSecurityGroupAssociation(this, id, { networkInterfaceId, networkSecurityGroupId: this.networkSecurityGroupId });
  }

  private admit(peer: CidrPeer, field: string, description?: string): void {
    // The declared type is what a rule can render; the check guards JavaScript callers.
    if (!(peer instanceof CidrPeer)) {
      throw new RdpValidationError(field, (peer as { label?: unknown }).label, 'is not a source a network security group rule can admit. Allowed: a CIDR peer from Peer.cidr().');
    }
    if (description !== undefined && (typeof description !== 'string' || description.length > 140)) {
      throw new RdpValidationError('description', description, `must be text of at most 140 characters (the Azure limit for rule descriptions), got ${showValue(description)}.`);
    }
    if (this.allowRules.some((r) => r.peer.uniqueId === peer.uniqueId)) return;
    const protocols = this.udp ? (['Tcp', 'Udp'] as const) : (['Tcp'] as const);
    if (this.ruleCount + protocols.length > MAX_NSG_RULES) {
      throw new RdpValidationError(
        field,
        peer.cidr,
        `would need more than ${MAX_NSG_RULES} rules, the most Azure allows in one network security group, got ${showValue(peer.cidr)} after ${this.admittedPeers.length} sources. ` +
          'Summarize adjacent sources into one CIDR, or split the hosts over several groups.',
      );
    }
    for (const protocol of protocols) {
      const priority = this.priorities.allocate(`${protocol}:${peer.cidr}`);
      const rule = new NetworkSecurityRule(this, `Rdp-${protocol}-${peer.uniqueId}`, {
        name: `Allow-Rdp-${protocol}-${peer.uniqueId}`,
        resourceGroupName: this.resourceGroupName,
        networkSecurityGroupName: this.networkSecurityGroup.name,
        priority,
        direction: 'Inbound',
        access: 'Allow',
        protocol,
        sourceAddressPrefix: peer.cidr,
        sourcePortRange: '*',
        destinationAddressPrefix: '*',
        destinationPortRange: this.rdpPort.toString(),
        description: description ?? `RDP (${protocol.toUpperCase()} ${this.rdpPort.number}) from ${peer.label}`,
      });
      this.allowRules.push({ peer, protocol, priority, rule });
      this.ruleCount++;
    }
  }

  /**
   * Outbound to the `Internet` tag, below Azure's `AllowInternetOutBound` (65001). Platform traffic is not
   * subject to NSGs (the VM agent and run commands through 168.63.129.16, DNS, DHCP, IMDS, KMS on 1688).
   */
  private addDenyInternetOutboundRule(): NetworkSecurityRule {
    this.ruleCount++;
    return new NetworkSecurityRule(this, 'DenyInternetOutbound', {
      name: 'Deny-Internet-Outbound',
      resourceGroupName: this.resourceGroupName,
      networkSecurityGroupName: this.networkSecurityGroup.name,
      priority: NSG_DENY_ALL_INBOUND_PRIORITY,
      direction: 'Outbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: '*',
      sourcePortRange: '*',
      destinationAddressPrefix: 'Internet',
      destinationPortRange: '*',
      description: 'No internet egress without the RDP-NET-INTERNET-EGRESS acknowledgement (overrides AllowInternetOutBound)',
    });
  }

  private addDenyAllRule(id: string): NetworkSecurityRule {
    this.ruleCount++;
    return new NetworkSecurityRule(this, id, {
      name: 'Deny-All-Inbound',
      resourceGroupName: this.resourceGroupName,
      networkSecurityGroupName: this.networkSecurityGroup.name,
      priority: NSG_DENY_ALL_INBOUND_PRIORITY,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: '*',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '*',
      description: `Deny all inbound traffic the rules above do not allow (only RDP ${this.rdpPort.number} from the listed sources); overrides AllowVnetInBound`,
    });
  }
}
