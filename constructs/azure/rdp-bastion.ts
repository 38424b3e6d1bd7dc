import { BastionHost } from '@cdktf/provider-azurerm/lib/bastion-host';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { validateNetworkResourceName } from './names';
import { AzureRdpNetwork } from './rdp-network';
import { checkNetworkCidr, CidrPeer, cidrPeerAt, IRdpTunnelService, RdpErrorCode, RdpPort, RdpValidationError, RdpValidationErrors, showValue } from '../core';
import { RdpHardeningProfile, RdpRedirection } from '../windows';

/** The subnet name Azure requires for a Bastion. */
export const BASTION_SUBNET_NAME = 'AzureBastionSubnet';
/** Broadest prefix length Azure accepts for `AzureBastionSubnet` (/26 or larger). */
export const BASTION_SUBNET_MAX_PREFIX = 26;
/** Bastion SKUs that tunnel a native client to a custom port. Basic and Developer reach only 3389. */
export const BASTION_SKUS = ['Standard', 'Premium'] as const;
/** A Bastion SKU this library builds. */
export type AzureBastionSku = (typeof BASTION_SKUS)[number];

/** Properties of {@link AzureRdpBastion}. */
export interface AzureRdpBastionProps {
  /** The hosts' virtual network; the Bastion's `AzureBastionSubnet` is added to it (one Bastion per network). */
  readonly network: AzureRdpNetwork;
  /** Range of `AzureBastionSubnet`: /26 or larger, inside the address space, apart from the host subnets. */
  readonly subnetCidr: string;
  /**
   * `Standard` or `Premium` (both tunnel native clients to a custom port; Premium adds session recording).
   * @default 'Standard'
   */
  readonly sku?: AzureBastionSku;
  /**
   * Record graphical sessions (Premium only; recordings go to a storage container you configure on the Bastion in Azure).
   * @default false
   */
  readonly sessionRecording?: boolean;
  /**
   * Scale units (2–50), about 20 concurrent RDP sessions each.
   * @default 2
   */
  readonly scaleUnits?: number;
  /**
   * Name of the Bastion (and prefix of its public IP and NSG names).
   * @default 'rdp-bastion'
   */
  readonly name?: string;
  /**
   * Tags of every resource the Bastion creates.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** A host group as the Bastion sees it: its port and hardening profile. */
interface ServedGroup {
  readonly rdpPort: RdpPort;
  readonly hardeningProfile: () => RdpHardeningProfile;
}

/**
 * An Azure Bastion that relays RDP to the hosts of its virtual network without a public IP on them and
 * without any inbound rule but one: the host NSGs admit the RDP port only from `AzureBastionSubnet`.
 * Use it with `RdpAccess.bastion(bastion)`; one Bastion serves every host and group of the network.
 *
 * - `azurerm_bastion_host` Standard or Premium with native-client tunneling on (`az network bastion
 *   rdp` / `tunnel` to the custom port), IP-based connect off, shareable links off, Kerberos off;
 *   copy/paste and file copy on only when every served host's hardening allows clipboard / drive
 *   redirection; session recording on Premium when asked.
 * - `AzureBastionSubnet` (/26 or larger) with an NSG holding the rules Microsoft documents for it
 *   (inbound 443 from Internet, GatewayManager and AzureLoadBalancer; 8080/5701 inside the network;
 *   outbound to the served RDP ports, AzureCloud 443, 8080/5701 and Internet 80).
 * - A Standard, static, zone-redundant public IP (the Bastion's front end; Private-only Bastion is not in
 *   azurerm 4.55).
 * Source: https://learn.microsoft.com/en-us/azure/bastion/bastion-nsg ; docs/zero-inbound.md.
 */
export class AzureRdpBastion extends Construct implements IRdpTunnelService {
  /** The `AzureBastionSubnet` range: the only RDP source of bastion-mode hosts. */
  public readonly sourcePeer: CidrPeer;
  /** @inheritdoc */
  public readonly label = 'Azure Bastion';
  /** The Bastion host (escape hatch). */
  public readonly bastionHost: BastionHost;
  /** The Bastion's public IP (escape hatch). */
  public readonly publicIp: PublicIp;
  /** The `AzureBastionSubnet` (escape hatch). */
  public readonly subnet: Subnet;
  /** The subnet's network security group (escape hatch). */
  public readonly networkSecurityGroup: NetworkSecurityGroup;
  /** The Bastion's resource ID (`--name`/`--resource-group` or `--ids` of `az network bastion`). */
  public readonly bastionId: string;
  /** The Bastion's name. */
  public readonly bastionName: string;
  /** The resource group of the Bastion. */
  public readonly resourceGroupName: string;
  private readonly served: ServedGroup[] = [];

  constructor(scope: Construct, id: string, props: AzureRdpBastionProps) {
    super(scope, id);
    const sku = props.sku ?? 'Standard';
    const scaleUnits = props.scaleUnits ?? 2;
    const problems: RdpValidationError[] = [];
    const attempt = (check: () => void) => {
      try {
        check();
      } catch (e) {
        if (!RdpValidationError.isRdpValidationError(e)) throw e;
        problems.push(e);
      }
    };
    if (!(BASTION_SKUS as readonly string[]).includes(sku)) {
      problems.push(new RdpValidationError('sku', sku, `must be ${BASTION_SKUS.join(' or ')}, got ${showValue(sku)}. Basic and Developer reach only port 3389, so they cannot serve a custom RDP port.`));
    }
    if (props.sessionRecording && sku !== 'Premium') {
      problems.push(new RdpValidationError('sessionRecording', props.sessionRecording, `needs sku "Premium", got sku ${showValue(sku)}. Session recording is a Premium feature.`));
    }
    if (!Number.isInteger(scaleUnits) || scaleUnits < 2 || scaleUnits > 50) {
      problems.push(new RdpValidationError('scaleUnits', scaleUnits, `must be an integer from 2 to 50, got ${showValue(scaleUnits)}.`));
    }
    let range: CidrPeer | undefined;
    attempt(() => {
      range = checkBastionSubnetCidr(props.subnetCidr, props.network.addressSpace);
      props.network.reserveRange(BASTION_SUBNET_NAME, range.cidr, 'subnetCidr');
    });
    const name = props.name ?? 'rdp-bastion';
    attempt(() => validateNetworkResourceName(name, 'name'));
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new RdpValidationErrors(problems, 'Invalid AzureRdpBastion props');
    this.sourcePeer = range!;
    this.resourceGroupName = props.network.resourceGroupName;
    const common = { resourceGroupName: this.resourceGroupName, location: props.network.location, tags: props.tags };

    this.subnet = new Subnet(this, BASTION_SUBNET_NAME, {
      name: BASTION_SUBNET_NAME,
      resourceGroupName: this.resourceGroupName,
      virtualNetworkName: props.network.virtualNetwork.name,
      addressPrefixes: [this.sourcePeer.cidr],
    });
    this.networkSecurityGroup = new NetworkSecurityGroup(this, 'NetworkSecurityGroup', { ...common, name: `${name}-nsg` });
    this.addSubnetRules();
    new SubnetNetworkSecurityGroupAssociation(this, 'SubnetAssociation', { subnetId: this.subnet.id, networkSecurityGroupId: this.networkSecurityGroup.id });

    this.publicIp = new PublicIp(this, 'PublicIp', { ...common, name: `${name}-pip`, sku: 'Standard', allocationMethod: 'Static', zones: ['1', '2', '3'] });
    this.bastionHost = new BastionHost(this, 'Resource', {
      ...common,
      name,
      sku,
      scaleUnits,
      ipConfiguration: { name: 'default', subnetId: this.subnet.id, publicIpAddressId: this.publicIp.id },
      tunnelingEnabled: true,
      ipConnectEnabled: false,
      shareableLinkEnabled: false,
      kerberosEnabled: false,
      copyPasteEnabled: Lazy.anyValue({ produce: () => this.everyServedAllows(RdpRedirection.CLIPBOARD) }) as unknown as boolean,
      fileCopyEnabled: Lazy.anyValue({ produce: () => this.everyServedAllows(RdpRedirection.DRIVE) }) as unknown as boolean,
      sessionRecordingEnabled: sku === 'Premium' ? props.sessionRecording ?? false : undefined,
    });
    this.bastionId = this.bastionHost.id;
    this.bastionName = this.bastionHost.name;
    this.node.addValidation({ validate: () => (this.served.length > 0 ? [] : [`${this.node.path} serves no host: give a host group RdpAccess.bastion(bastion), or remove the Bastion.`]) });
  }

  /** Registers a host group the Bastion relays RDP to (its port opens in the subnet's outbound rules). @internal */
  public serve(group: ServedGroup): void {
    this.served.push(group);
  }

  /** The RDP ports of the served groups, sorted. */
  public get servedPorts(): number[] {
    return [...new Set(this.served.map((g) => g.rdpPort.number))].sort((a, b) => a - b);
  }

  private everyServedAllows(redirection: RdpRedirection): boolean {
    return this.served.length > 0 && this.served.every((g) => g.hardeningProfile().allowedRedirections.includes(redirection));
  }

  private addSubnetRules(): void {
    const rule = (ruleId: string, priority: number, direction: 'Inbound' | 'Outbound', protocol: string, source: string, destination: string, ports: string[] | (() => string[])) =>
      new NetworkSecurityRule(this, ruleId, {
        name: ruleId,
        resourceGroupName: this.resourceGroupName,
        networkSecurityGroupName: this.networkSecurityGroup.name,
        priority,
        direction,
        access: 'Allow',
        protocol,
        sourcePortRange: '*',
        sourceAddressPrefix: source,
        destinationAddressPrefix: destination,
        destinationPortRanges: typeof ports === 'function' ? Lazy.listValue({ produce: ports }) : ports,
      });
    rule('AllowHttpsInbound', 120, 'Inbound', 'Tcp', 'Internet', '*', ['443']);
    rule('AllowGatewayManagerInbound', 130, 'Inbound', 'Tcp', 'GatewayManager', '*', ['443']);
    rule('AllowAzureLoadBalancerInbound', 140, 'Inbound', 'Tcp', 'AzureLoadBalancer', '*', ['443']);
    rule('AllowBastionHostCommunication', 150, 'Inbound', '*', 'VirtualNetwork', 'VirtualNetwork', ['8080', '5701']);
    // Microsoft documents 22 and 3389; a Standard+ Bastion reaching a custom port needs that port instead.
    rule('AllowRdpOutbound', 100, 'Outbound', 'Tcp', '*', 'VirtualNetwork', () => this.servedPorts.map(String));
    rule('AllowAzureCloudOutbound', 110, 'Outbound', 'Tcp', '*', 'AzureCloud', ['443']);
    rule('AllowBastionCommunication', 120, 'Outbound', '*', 'VirtualNetwork', 'VirtualNetwork', ['8080', '5701']);
    rule('AllowHttpOutbound', 130, 'Outbound', '*', '*', 'Internet', ['80']);
  }
}

/**
 * Checks an `AzureBastionSubnet` range: a private IPv4 CIDR inside the address space, /26 or larger.
 * @returns the range as a peer (the bastion hosts' only RDP source)
 */
export function checkBastionSubnetCidr(cidr: string, addressSpace: string, field = 'subnetCidr'): CidrPeer {
  const range = checkNetworkCidr(cidr, field, checkNetworkCidr(addressSpace, 'addressSpace'));
  if (range.prefix > BASTION_SUBNET_MAX_PREFIX) {
    throw new RdpValidationError(field, cidr, `must be /${BASTION_SUBNET_MAX_PREFIX} or larger (Azure requires it for AzureBastionSubnet), got ${showValue(cidr)}.`, RdpErrorCode.CIDR_TOO_SMALL);
  }
  return cidrPeerAt(range.cidr, field);
}
