import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { VpnConnection, VpnConnectionConfig } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnConnectionRoute } from '@cdktf/provider-aws/lib/vpn-connection-route';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { Construct } from 'constructs';
import { validateLogRetentionDays } from './flow-log-retention';
import { AwsRdpHostGroup } from './rdp-host-group';
import { IAwsRdpNetwork } from './rdp-network';
import { checkCustomerGatewayIp, checkOnPremisesCidrs, CidrPeer, RdpValidationError, showValue } from '../core';
import { IRdpTarget, IRdpVpn } from '../host';

export { checkCustomerGatewayIp, checkOnPremisesCidrs };

/**
 * IPsec proposals for both tunnels: IKEv2 only, AES-256-GCM, SHA2-384, ECP-384 (DH group 20) for
 * phase 1 and PFS. AWS's defaults also allow IKEv1, SHA-1 and DH group 2, so every list is explicit.
 */
export const STRONG_TUNNEL_OPTIONS = {
  ikeVersions: ['ikev2'],
  phase1EncryptionAlgorithms: ['AES256-GCM-16'],
  phase1IntegrityAlgorithms: ['SHA2-384'],
  phase1DhGroupNumbers: [20],
  phase2EncryptionAlgorithms: ['AES256-GCM-16'],
  phase2IntegrityAlgorithms: ['SHA2-384'],
  phase2DhGroupNumbers: [20],
} as const;

/** Properties of {@link AwsRdpSiteToSiteVpn}. */
export interface AwsRdpSiteToSiteVpnProps {
  /** The network of the hosts. */
  readonly network: IAwsRdpNetwork;
  /** Public IPv4 address of the on-premises VPN device. */
  readonly customerGatewayIp: string;
  /** Private on-premises ranges whose administrators may reach RDP (each /16 or narrower). */
  readonly onPremisesCidrs: readonly string[];
  /**
   * BGP ASN of the on-premises device (used by AWS to identify the gateway; routing is static).
   * @default 65000
   */
  readonly customerGatewayBgpAsn?: number;
  /**
   * Route table that learns the on-premises routes.
   * @default - the network's host route tables: the private one (required when the network does not know
   *   it) and the public one when the network has one and knows it
   */
  readonly routeTableId?: string;
  /**
   * Days to keep tunnel logs; at least 90.
   * @default 365
   */
  readonly logRetentionDays?: number;
}

/**
 * A site-to-site VPN from an on-premises network to the hosts' VPC: virtual private gateway, customer
 * gateway, and a VPN connection with explicit strong tunnel options, tunnel logging, static routes,
 * and pre-shared keys generated and kept in AWS Secrets Manager (never in the configuration or state
 * outputs). Connect hosts with {@link allowRdpTo}: they admit RDP from the on-premises ranges.
 */
export class AwsRdpSiteToSiteVpn extends Construct implements IRdpVpn<AwsRdpHostGroup> {
  /** The on-premises ranges, normalized. */
  public readonly onPremisesPeers: readonly CidrPeer[];
  /** The VPN connection (escape hatch). */
  public readonly connection: VpnConnection;
  private readonly routesPublicSubnet: boolean;

  constructor(scope: Construct, id: string, props: AwsRdpSiteToSiteVpnProps) {
    super(scope, id);
    checkCustomerGatewayIp(props.customerGatewayIp);
    this.onPremisesPeers = checkOnPremisesCidrs(props.onPremisesCidrs, props.network.vpcCidr);
    const asn = props.customerGatewayBgpAsn ?? 65000;
    if (!Number.isInteger(asn) || asn < 1 || asn > 4294967294) {
      throw new RdpValidationError('customerGatewayBgpAsn', asn, `must be an integer ASN from 1 to 4294967294, got ${showValue(asn)}.`);
    }
    const routeTableId = props.routeTableId ?? props.network.routeTableId;
    if (routeTableId === undefined) {
      throw new RdpValidationError('routeTableId', undefined, 'is required when the network does not know its route table (AwsRdpNetwork.fromExisting without routeTableId).');
    }
    const retentionDays = validateLogRetentionDays(props.logRetentionDays ?? 365, 'logRetentionDays');

    const gateway = new VpnGateway(this, 'Gateway', { vpcId: props.network.vpcId, tags: { Name: this.node.path } });
    const customerGateway = new CustomerGateway(this, 'CustomerGateway', {
      ipAddress: props.customerGatewayIp,
      bgpAsn: String(asn),
      type: 'ipsec.1',
      tags: { Name: `${this.node.path} on-premises` },
    });
    const logGroup = new CloudwatchLogGroup(this, 'TunnelLogs', { namePrefix: 'rdp-site-to-site-vpn-', retentionInDays: retentionDays });
    const logOptions = { cloudwatchLogOptions: { logEnabled: true, logGroupArn: logGroup.arn, logOutputFormat: 'json' } };
    const tunnel = (n: 1 | 2): Partial<VpnConnectionConfig> => {
      const o = STRONG_TUNNEL_OPTIONS;
      return n === 1
        ? { tunnel1IkeVersions: [...o.ikeVersions], tunnel1Phase1EncryptionAlgorithms: [...o.phase1EncryptionAlgorithms], tunnel1Phase1IntegrityAlgorithms: [...o.phase1IntegrityAlgorithms], tunnel1Phase1DhGroupNumbers: [...o.phase1DhGroupNumbers], tunnel1Phase2EncryptionAlgorithms: [...o.phase2EncryptionAlgorithms], tunnel1Phase2IntegrityAlgorithms: [...o.phase2IntegrityAlgorithms], tunnel1Phase2DhGroupNumbers: [...o.phase2DhGroupNumbers], tunnel1LogOptions: logOptions }
        : { tunnel2IkeVersions: [...o.ikeVersions], tunnel2Phase1EncryptionAlgorithms: [...o.phase1EncryptionAlgorithms], tunnel2Phase1IntegrityAlgorithms: [...o.phase1IntegrityAlgorithms], tunnel2Phase1DhGroupNumbers: [...o.phase1DhGroupNumbers], tunnel2Phase2EncryptionAlgorithms: [...o.phase2EncryptionAlgorithms], tunnel2Phase2IntegrityAlgorithms: [...o.phase2IntegrityAlgorithms], tunnel2Phase2DhGroupNumbers: [...o.phase2DhGroupNumbers], tunnel2LogOptions: logOptions };
    };
    this.connection = new VpnConnection(this, 'Resource', {
      vpnGatewayId: gateway.id,
      customerGatewayId: customerGateway.id,
      type: 'ipsec.1',
      staticRoutesOnly: true,
      presharedKeyStorage: 'SecretsManager',
      ...tunnel(1),
      ...tunnel(2),
      tags: { Name: this.node.path },
    });
    for (const peer of this.onPremisesPeers) {
      new VpnConnectionRoute(this, `Route-${peer.uniqueId}`, { vpnConnectionId: this.connection.id, destinationCidrBlock: peer.cidr });
    }
    new VpnGatewayRoutePropagation(this, 'RoutePropagation', { vpnGatewayId: gateway.id, routeTableId });
    // Hosts with a public IP answer through the public subnet's route table: it learns the on-premises routes too.
    const publicRouteTableId = props.routeTableId === undefined ? props.network.publicSubnet?.routeTableId : undefined;
    if (publicRouteTableId !== undefined) new VpnGatewayRoutePropagation(this, 'PublicRoutePropagation', { vpnGatewayId: gateway.id, routeTableId: publicRouteTableId });
    this.routesPublicSubnet = publicRouteTableId !== undefined || props.routeTableId !== undefined;
  }

  /** Lets administrators on the on-premises ranges reach a host's (or a whole host group's) RDP port. */
  public allowRdpTo(target: IRdpTarget<AwsRdpHostGroup>): void {
    if (target.group.needsPublicIp && !this.routesPublicSubnet) {
      throw new RdpValidationError('target', target.group.node.path, "is placed in the public subnet, whose route table the network does not know, so it would answer on-premises traffic through the internet gateway (a dead rule). Give the existing network's `publicRouteTableId`.");
    }
    for (const peer of this.onPremisesPeers) target.group.allowRdpFrom(peer, `RDP from on-premises ${peer.cidr} over site-to-site VPN`);
  }
}
