import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { AwsRdpPeer, AwsSecurityGroupPeer } from './security-group-peer';
import { AwsManagementEndpoints } from './systems-manager-endpoints';
import { Acknowledge, checkInternetEgress, CidrPeer, RdpPort, RdpValidationError, recordAcknowledgements } from '../core';

/** Properties of {@link AwsRdpSecurityGroup}. */
export interface AwsRdpSecurityGroupProps {
  /** The VPC the group belongs to. */
  readonly vpcId: string;
  /**
   * The RDP listener port.
   * @default RdpPort.default() (43389)
   */
  readonly rdpPort?: RdpPort;
  /**
   * Sources admitted to RDP when the group is created; more can be added with {@link AwsRdpSecurityGroup.allowRdpFrom}.
   * @default - none: the group starts with no inbound rule
   */
  readonly sources?: readonly AwsRdpPeer[];
  /**
   * Also admit RDP's UDP transport on the same port (RDP 8+ uses it for better performance).
   * @default - the port's transport (`rdpPort.udp`)
   */
  readonly udp?: boolean;
  /**
   * The Systems Manager endpoints the hosts reach: HTTPS to their security group (or range) and to the
   * S3 prefix list.
   * @default - none (a NAT management path: only {@link internetEgress} reaches Systems Manager)
   */
  readonly managementEndpoints?: AwsManagementEndpoints;
  /**
   * HTTPS and HTTP to the whole internet (Windows Update and Microsoft downloads directly, certificate
   * revocation lists, the public Systems Manager endpoints through NAT). An acknowledgement with ID
   * `RDP-NET-INTERNET-EGRESS`, recorded on the egress rules for the plan review.
   * @default - no internet egress
   */
  readonly internetEgress?: Acknowledge;
}

/**
 * Outbound traffic to the internet, only with an acknowledged `internetEgress`: HTTPS for Windows Update,
 * downloads and the public Systems Manager endpoints; HTTP for Windows Update content and certificate
 * revocation lists. Without it hosts egress HTTPS only to the Systems Manager endpoints. DNS, NTP,
 * instance metadata and Windows activation (the AWS KMS servers at 169.254.169.250/251) use link-local
 * addresses that security groups do not filter, so activation works without internet egress.
 */
export const INTERNET_EGRESS: readonly { port: number; description: string }[] = [
  { port: 443, description: 'HTTPS to the internet (acknowledged): Windows Update, downloads, public AWS endpoints' },
  { port: 80, description: 'HTTP to the internet (acknowledged): Windows Update content, certificate revocation lists' },
];

/**
 * A security group for an RDP host. Its only inbound rules admit the RDP port (TCP, optionally UDP)
 * from named sources, one standalone rule resource per source and protocol, each with a description.
 * It starts closed: no source is admitted until one is allowlisted. Outbound it admits HTTPS to the
 * Systems Manager endpoints and the S3 prefix list, and the internet only when acknowledged.
 */
export class AwsRdpSecurityGroup extends Construct {
  /** The security group ID. */
  public readonly securityGroupId: string;
  /** The RDP listener port the rules admit. */
  public readonly rdpPort: RdpPort;
  /** The security group (escape hatch). */
  public readonly securityGroup: SecurityGroup;
  private readonly udp: boolean;
  private readonly admitted: AwsRdpPeer[] = [];

  constructor(scope: Construct, id: string, props: AwsRdpSecurityGroupProps) {
    super(scope, id);
    this.rdpPort = props.rdpPort ?? RdpPort.default();
    this.udp = props.udp ?? this.rdpPort.udp;
    this.securityGroup = new SecurityGroup(this, 'Resource', {
      namePrefix: 'rdp-host-',
      description: `RDP on ${this.rdpPort.number} from allowlisted sources only`,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: this.node.path },
    });
    this.securityGroupId = this.securityGroup.id;
    const endpoints = props.managementEndpoints;
    if (endpoints) {
      const https = { securityGroupId: this.securityGroup.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443 };
      new VpcSecurityGroupEgressRule(this, 'Egress-Https-SystemsManager', {
        ...https,
        referencedSecurityGroupId: endpoints.securityGroupId,
        cidrIpv4: endpoints.securityGroupId === undefined ? endpoints.cidr : undefined,
        description: 'HTTPS to the Systems Manager VPC endpoints',
      });
      new VpcSecurityGroupEgressRule(this, 'Egress-Https-S3', { ...https, prefixListId: endpoints.s3PrefixListId, description: 'HTTPS to S3 through the gateway endpoint (SSM Agent updates, AWS documents)' });
      endpoints.admitHostGroup?.(this.securityGroup.id, this.node.path);
    }
    const internetEgress = checkInternetEgress(props.internetEgress);
    if (internetEgress) {
      // The policy engine judges a group's egress on the group (RDP-NET-WORLD-EGRESS): the opt-in must be there too.
      recordAcknowledgements(this.securityGroup, [internetEgress]);
      for (const rule of INTERNET_EGRESS) {
        const egress = new VpcSecurityGroupEgressRule(this, `Egress-Internet-Tcp-${rule.port}`, {
          securityGroupId: this.securityGroup.id,
          ipProtocol: 'tcp',
          fromPort: rule.port,
          toPort: rule.port,
          cidrIpv4: '0.0.0.0/0',
          description: rule.description,
        });
        recordAcknowledgements(egress, [internetEgress]);
      }
    }
    for (const peer of props.sources ?? []) this.allowRdpFrom(peer);
  }

  /** True when the protocol list includes UDP. */
  public get admitsUdp(): boolean {
    return this.udp;
  }

  /** The sources admitted so far, in the order they were added. */
  public get admittedPeers(): readonly AwsRdpPeer[] {
    return [...this.admitted];
  }

  /**
   * Admits RDP from one source. Adding the same source twice is a no-op.
   * @param peer the source, e.g. `Peer.cidr('198.51.100.0/24')`
   * @param description shown on the rule @default 'RDP from <source>'
   */
  public allowRdpFrom(peer: AwsRdpPeer, description?: string): void {
    // The declared union is what a rule can render; the check guards JavaScript callers.
    if (!(peer instanceof CidrPeer) && !(peer instanceof AwsSecurityGroupPeer)) {
      throw new RdpValidationError('peer', (peer as { label?: unknown }).label, 'is not a source a security group rule can admit. Allowed: a CIDR (Peer.cidr) or a security group (AwsSecurityGroupPeer.of).');
    }
    if (this.admitted.some((p) => p.uniqueId === peer.uniqueId)) return;
    this.admitted.push(peer);
    const protocols = this.udp ? ['tcp', 'udp'] : ['tcp'];
    for (const protocol of protocols) {
      new VpcSecurityGroupIngressRule(this, `Rdp-${protocol}-${peer.uniqueId}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: protocol,
        fromPort: this.rdpPort.number,
        toPort: this.rdpPort.number,
        cidrIpv4: peer instanceof CidrPeer && peer.family === 'ipv4' ? peer.cidr : undefined,
        cidrIpv6: peer instanceof CidrPeer && peer.family === 'ipv6' ? peer.cidr : undefined,
        referencedSecurityGroupId: peer instanceof AwsSecurityGroupPeer ? peer.securityGroupId : undefined,
        description: description ?? `RDP (${protocol.toUpperCase()} ${this.rdpPort.number}) from ${peer.label}`,
      });
    }
  }
}
