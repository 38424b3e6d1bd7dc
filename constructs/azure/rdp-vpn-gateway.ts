import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetworkGateway, VirtualNetworkGatewayVpnClientConfiguration } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { Construct } from 'constructs';
import { validateNetworkResourceName } from './names';
import { checkP2sProtocols, P2sAuthentication, P2sProtocol } from './p2s-authentication';
import { AzureRdpHostGroup } from './rdp-host-group';
import { AzureRdpNetwork } from './rdp-network';
import { AzureRdpSiteToSiteConnection, AzureRdpSiteToSiteConnectionOptions } from './rdp-site-to-site-connection';
import { AzureVpnGatewaySku } from './vpn-gateway-sku';
import { AzureNamedRange, checkDistinctRange, checkGatewaySubnetCidr, checkP2sAddressPool, defaultGatewaySubnetCidr } from './vpn-ranges';
import { azureBgpDisabled } from '../compat';
import { CidrPeer, cidrPeerAt, cidrsOverlap, parseCidr, ParsedCidr, RdpValidationError, showValue, terraformLiteralTags } from '../core';
import { IRdpTarget, IRdpVpn } from '../host';

/** Point-to-site client pool used when none is given: 251 clients, as many as VpnGw1AZ serves. */
export const DEFAULT_P2S_ADDRESS_POOL = '10.250.0.0/24';
/** The subnet name Azure requires for a virtual network gateway. */
export const GATEWAY_SUBNET_NAME = 'GatewaySubnet';
/**
 * Terraform timeouts of the gateway. Creating one takes 30–60 minutes and deleting one up to two hours
 * (azurerm 4.55 documentation; DOMAIN.md §3.1): CI jobs running the apply need at least as long.
 */
export const VPN_GATEWAY_TIMEOUTS = { create: '120m', update: '120m', delete: '120m', read: '5m' } as const;

/** Properties of {@link AzureRdpVpnGateway}. */
export interface AzureRdpVpnGatewayProps {
  /** The hosts' virtual network; the gateway's `GatewaySubnet` is added to it (one gateway per network). */
  readonly network: AzureRdpNetwork;
  /**
   * Name of the gateway (1–80 characters); its public IP is `<name>-pip`.
   * @default 'rdp-vpn-gateway'
   */
  readonly name?: string;
  /**
   * The gateway SKU and generation. Only zone-redundant SKUs exist here.
   * @default AzureVpnGatewaySku.vpnGw1AZ() (Generation1)
   */
  readonly sku?: AzureVpnGatewaySku;
  /**
   * Range of the `GatewaySubnet`: /27 or larger, inside the address space, apart from the host subnets.
   * The subnet gets no network security group (a VPN gateway fails with one).
   * @default - the last /27 of the network's address space (`10.52.255.224/27` for `10.52.0.0/16`)
   */
  readonly gatewaySubnetCidr?: string;
  /**
   * Availability zones of the gateway's Standard public IP; an AZ SKU needs a zoned IP.
   * @default ['1', '2', '3'] (zone-redundant)
   */
  readonly publicIpZones?: readonly string[];
  /**
   * Point-to-site authentication: `P2sAuthentication.entraId(tenantId)` (recommended) or
   * `P2sAuthentication.certificate(name, publicCertData)`.
   * @default - no point-to-site: the gateway serves site-to-site connections only
   */
  readonly p2sAuthentication?: P2sAuthentication;
  /**
   * Address pool of point-to-site clients: private IPv4, /16 to /29, apart from the virtual network and
   * on-premises ranges. Hosts connected with {@link AzureRdpVpnGateway.allowRdpTo} admit it.
   * @default '10.250.0.0/24'
   */
  readonly p2sAddressPool?: string;
  /**
   * Point-to-site protocols: OpenVPN and/or IKEv2 (certificate authentication only). SSTP is refused.
   * @default [P2sProtocol.OPEN_VPN]
   */
  readonly p2sProtocols?: readonly P2sProtocol[];
  /**
   * Tags of every resource created.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** Which gateway owns a network's `GatewaySubnet` (a virtual network takes one gateway). */
const GATEWAY_OWNERS = new WeakMap<AzureRdpNetwork, string>();

/**
 * A route-based Azure VPN gateway for RDP administrators: a `GatewaySubnet` without NSG, a Standard,
 * static, zone-redundant public IP, and a zone-redundant gateway (VpnGw1AZ by default, generation
 * matching the SKU, BGP off, active-standby) with timeouts sized for real gateways. Point-to-site uses
 * OpenVPN (IKEv2 optional with certificates, never SSTP) with Entra ID or certificate authentication;
 * site-to-site connections are added with {@link addSiteToSiteConnection}.
 *
 * Connect hosts with {@link allowRdpTo}: each host admits RDP from the point-to-site pool and the
 * on-premises ranges, in its NSG and its guest firewall. One gateway serves any number of hosts.
 */
export class AzureRdpVpnGateway extends Construct implements IRdpVpn<AzureRdpHostGroup> {
  /** The gateway ID. */
  public readonly gatewayId: string;
  /** The gateway's public IPv4 address (known after apply). */
  public readonly publicIpAddress: string;
  /** The SKU and generation. */
  public readonly sku: AzureVpnGatewaySku;
  /** The `GatewaySubnet` range. */
  public readonly gatewaySubnetCidr: string;
  /** The point-to-site client pool, when point-to-site is configured. */
  public readonly p2sAddressPool?: string;
  /** The gateway (escape hatch). */
  public readonly gateway: VirtualNetworkGateway;
  /** The gateway's public IP (escape hatch). */
  public readonly publicIp: PublicIp;
  /** The `GatewaySubnet` (escape hatch). */
  public readonly gatewaySubnet: Subnet;
  private readonly network: AzureRdpNetwork;
  private readonly gatewayName: string;
  private readonly tags?: Record<string, string>;
  private readonly connections: AzureRdpSiteToSiteConnection[] = [];
  private readonly hosts: AzureRdpHostGroup[] = [];

  constructor(scope: Construct, id: string, props: AzureRdpVpnGatewayProps) {
    super(scope, id);
    this.network = props.network;
    this.gatewayName = validateNetworkResourceName(props.name ?? 'rdp-vpn-gateway', 'name');
    this.sku = props.sku ?? AzureVpnGatewaySku.vpnGw1AZ();
    this.tags = props.tags;
    const addressSpace = parseCidr(props.network.addressSpace, '');
    if (!addressSpace.ok) throw new RdpValidationError('network', props.network.addressSpace, 'has an address space that is not a CIDR.');
    const subnetRange = checkGatewaySubnetCidr(props.gatewaySubnetCidr ?? defaultGatewaySubnetCidr(addressSpace.value), addressSpace.value);
    this.gatewaySubnetCidr = subnetRange.cidr;
    const zones = checkZones(props.publicIpZones ?? ['1', '2', '3']);
    const p2s = this.p2sConfiguration(props, addressSpace.value);
    this.p2sAddressPool = p2s?.addressSpace[0];
    this.claimNetwork(props.network);

    this.gatewaySubnet = new Subnet(this, GATEWAY_SUBNET_NAME, {
      name: GATEWAY_SUBNET_NAME,
      resourceGroupName: props.network.resourceGroupName,
      virtualNetworkName: props.network.virtualNetwork.name,
      addressPrefixes: [this.gatewaySubnetCidr],
    });
    for (const problem of this.subnetOverlaps(subnetRange)) throw new RdpValidationError('gatewaySubnetCidr', this.gatewaySubnetCidr, problem);
    // Host subnets added after the gateway are checked at synthesis.
    this.node.addValidation({ validate: () => [...this.subnetOverlaps(subnetRange).map((p) => `\`gatewaySubnetCidr\` ${p}`), ...this.unusedProblems()] });

    const common = { resourceGroupName: props.network.resourceGroupName, location: props.network.location, tags: props.tags && terraformLiteralTags(props.tags) };
    this.publicIp = new PublicIp(this, 'PublicIp', { ...common, name: validateNetworkResourceName(`${this.gatewayName}-pip`, 'name'), sku: 'Standard', allocationMethod: 'Static', zones });
    this.publicIpAddress = this.publicIp.ipAddress;
    this.gateway = new VirtualNetworkGateway(this, 'Resource', {
      ...common,
      name: this.gatewayName,
      type: 'Vpn',
      vpnType: 'RouteBased',
      sku: this.sku.name,
      generation: this.sku.generation,
      activeActive: false,
      ...azureBgpDisabled(),
      ipConfiguration: [{ name: 'default', subnetId: this.gatewaySubnet.id, publicIpAddressId: this.publicIp.id, privateIpAddressAllocation: 'Dynamic' }],
      vpnClientConfiguration: p2s,
      timeouts: { ...VPN_GATEWAY_TIMEOUTS },
    });
    this.gatewayId = this.gateway.id;
  }

  /** The sources connected hosts admit: the point-to-site pool and every on-premises range. */
  public get sourcePeers(): readonly CidrPeer[] {
    const pool = this.p2sAddressPool ? [cidrPeerAt(this.p2sAddressPool, 'p2sAddressPool')] : [];
    return [...pool, ...this.connections.flatMap((c) => c.onPremisesPeers)];
  }

  /**
   * Lets VPN users reach a host's (or a whole host group's) RDP port: the group admits the point-to-site
   * pool and the on-premises ranges of every site-to-site connection, including connections added later.
   * Connecting the same group twice (e.g. through two of its hosts) is a no-op.
   */
  public allowRdpTo(target: IRdpTarget<AzureRdpHostGroup>): void {
    const host = target.group;
    if (this.hosts.includes(host)) return;
    this.hosts.push(host);
    if (this.p2sAddressPool) host.allowRdpFrom(cidrPeerAt(this.p2sAddressPool, 'p2sAddressPool'), `RDP from point-to-site VPN clients (${this.p2sAddressPool})`);
    for (const connection of this.connections) connection.allowRdpTo(host);
  }

  /**
   * Adds a site-to-site connection from an on-premises network; hosts connected to this gateway admit
   * its ranges.
   * @param name the connection's key and name suffix (`<gateway name>-<name>`)
   * @param options the on-premises device and ranges
   */
  public addSiteToSiteConnection(name: string, options: AzureRdpSiteToSiteConnectionOptions): AzureRdpSiteToSiteConnection {
    if (this.connections.some((c) => c.name === `${this.gatewayName}-${name}`)) {
      throw new RdpValidationError('name', name, `repeats the name of another site-to-site connection of this gateway, got ${showValue(name)}. Give each connection its own name.`);
    }
    const reserved: AzureNamedRange[] = [{ label: 'the virtual network address space', cidr: this.network.addressSpace }];
    if (this.p2sAddressPool) reserved.push({ label: 'the point-to-site client pool', cidr: this.p2sAddressPool });
    for (const other of this.connections) other.onPremisesPeers.forEach((p) => reserved.push({ label: `the on-premises ranges of connection ${other.name}`, cidr: p.cidr }));
    const connection = new AzureRdpSiteToSiteConnection(this, `SiteToSite-${name}`, {
      tags: this.tags,
      ...options,
      name: `${this.gatewayName}-${name}`,
      virtualNetworkGatewayId: this.gateway.id,
      resourceGroupName: this.network.resourceGroupName,
      location: this.network.location,
      reservedRanges: reserved,
    });
    this.connections.push(connection);
    for (const host of this.hosts) connection.allowRdpTo(host);
    return connection;
  }

  private p2sConfiguration(props: AzureRdpVpnGatewayProps, addressSpace: ParsedCidr): VirtualNetworkGatewayVpnClientConfiguration | undefined {
    const auth = props.p2sAuthentication;
    if (!auth) {
      for (const field of ['p2sAddressPool', 'p2sProtocols'] as const) {
        if (props[field] !== undefined) throw new RdpValidationError(field, props[field], 'only applies with point-to-site authentication: set `p2sAuthentication` too, or remove it.');
      }
      return undefined;
    }
    const pool = checkP2sAddressPool(props.p2sAddressPool ?? DEFAULT_P2S_ADDRESS_POOL);
    checkDistinctRange('p2sAddressPool', pool.cidr, [{ label: 'the virtual network address space', cidr: addressSpace.cidr }]);
    const protocols = checkP2sProtocols(props.p2sProtocols ?? [P2sProtocol.OPEN_VPN], auth);
    const c = auth.config;
    return {
      addressSpace: [pool.cidr],
      vpnClientProtocols: [...protocols],
      vpnAuthTypes: [c.authType],
      aadTenant: c.aadTenant,
      aadIssuer: c.aadIssuer,
      aadAudience: c.aadAudience,
      rootCertificate: c.rootCertificates.length > 0 ? c.rootCertificates.map((r) => ({ name: r.name, publicCertData: r.publicCertData })) : undefined,
    };
  }

  private claimNetwork(network: AzureRdpNetwork): void {
    const owner = GATEWAY_OWNERS.get(network);
    if (owner !== undefined) {
      throw new RdpValidationError('network', network.node.path, `already has the VPN gateway ${owner}, got a second one ${showValue(this.node.path)}. A virtual network has one GatewaySubnet and one VPN gateway: connect every host to that gateway.`);
    }
    GATEWAY_OWNERS.set(network, this.node.path);
  }

  /** Overlaps of the GatewaySubnet with the network's other subnets (added before or after the gateway). */
  private subnetOverlaps(range: ParsedCidr): string[] {
    return this.network.node.children
      .filter((c): c is Subnet => c instanceof Subnet)
      .flatMap((subnet) => (subnet.addressPrefixesInput ?? []).map((cidr) => ({ subnet, cidr, parsed: parseCidr(cidr, '') })))
      .filter(({ parsed }) => parsed.ok && cidrsOverlap(range, parsed.value))
      .map(({ subnet, cidr }) => `overlaps the subnet ${subnet.nameInput} (${cidr}), got "${range.cidr}". Give the GatewaySubnet its own range, apart from every host subnet.`);
  }

  private unusedProblems(): string[] {
    if (this.p2sAddressPool || this.connections.length > 0) return [];
    return [`${this.node.path} has neither point-to-site authentication nor a site-to-site connection, so nobody can connect through it. Set \`p2sAuthentication\`, or call addSiteToSiteConnection().`];
  }
}

function checkZones(zones: readonly string[]): string[] {
  const valid = Array.isArray(zones) && zones.length > 0 && zones.every((z) => ['1', '2', '3'].includes(z)) && new Set(zones).size === zones.length;
  if (!valid) {
    throw new RdpValidationError('publicIpZones', zones, `must list distinct zones out of "1", "2" and "3", got ${showValue(zones)}. A zone-redundant (AZ) gateway SKU needs a zoned public IP (VmssVpnGatewayPublicIpsMustHaveZonesConfigured).`);
  }
  return [...zones];
}
