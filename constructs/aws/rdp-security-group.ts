import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { RdpValidationError } from '../core/errors';
import { IRdpPeer, Peer } from '../core/peer';
import { RdpPort } from '../core/rdp-port';

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
  readonly sources?: readonly IRdpPeer[];
  /**
   * Also admit RDP's UDP transport on the same port (RDP 8+ uses it for better performance).
   * @default false
   */
  readonly udp?: boolean;
}

/**
 * Outbound traffic a managed Windows host needs, and nothing else: HTTPS for Systems Manager, CloudWatch,
 * Windows Update and activation; HTTP for Windows Update content and certificate revocation lists.
 * DNS, NTP, instance metadata and Windows licence activation use link-local addresses that security
 * groups do not filter.
 */
export const WINDOWS_EGRESS: readonly { port: number; description: string }[] = [
  { port: 443, description: 'HTTPS: Systems Manager, CloudWatch, Windows Update' },
  { port: 80, description: 'HTTP: Windows Update content and certificate revocation lists' },
];

/**
 * A security group for an RDP host. Its only inbound rules admit the RDP port (TCP, optionally UDP)
 * from named sources, one standalone rule resource per source and protocol, each with a description.
 * It starts closed: no source is admitted until one is allowlisted.
 */
export class AwsRdpSecurityGroup extends Construct {
  /** The security group ID. */
  public readonly securityGroupId: string;
  /** The RDP listener port the rules admit. */
  public readonly rdpPort: RdpPort;
  /** The security group (escape hatch). */
  public readonly securityGroup: SecurityGroup;
  private readonly udp: boolean;
  private readonly admitted: IRdpPeer[] = [];

  constructor(scope: Construct, id: string, props: AwsRdpSecurityGroupProps) {
    super(scope, id);
    this.rdpPort = props.rdpPort ?? RdpPort.default();
    this.udp = props.udp ?? false;
    this.securityGroup = new SecurityGroup(this, 'Resource', {
      namePrefix: 'rdp-host-',
      description: `RDP on ${this.rdpPort.number} from allowlisted sources only`,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: this.node.path },
    });
    this.securityGroupId = this.securityGroup.id;
    for (const rule of WINDOWS_EGRESS) {
      new VpcSecurityGroupEgressRule(this, `Egress-Tcp-${rule.port}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: 'tcp',
        fromPort: rule.port,
        toPort: rule.port,
        cidrIpv4: '0.0.0.0/0',
        description: rule.description,
      });
    }
    for (const peer of props.sources ?? []) this.allowRdpFrom(peer);
  }

  /** True when the protocol list includes UDP. */
  public get admitsUdp(): boolean {
    return this.udp;
  }

  /** The sources admitted so far, in the order they were added. */
  public get admittedPeers(): readonly IRdpPeer[] {
    return [...this.admitted];
  }

  /**
   * Admits RDP from one source. Adding the same source twice is a no-op.
   * @param peer the source, e.g. `Peer.cidr('198.51.100.0/24')`
   * @param description shown on the rule @default 'RDP from <source>'
   */
  public allowRdpFrom(peer: IRdpPeer, description?: string): void {
    if (!Peer.isCidr(peer) && !Peer.isAwsSecurityGroup(peer)) {
      throw new RdpValidationError('peer', peer.label, 'is not a source a security group rule can admit. Allowed: a CIDR (Peer.cidr) or a security group (Peer.awsSecurityGroup).');
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
        cidrIpv4: Peer.isCidr(peer) && peer.family === 'ipv4' ? peer.cidr : undefined,
        cidrIpv6: Peer.isCidr(peer) && peer.family === 'ipv6' ? peer.cidr : undefined,
        referencedSecurityGroupId: Peer.isAwsSecurityGroup(peer) ? peer.securityGroupId : undefined,
        description: description ?? `RDP (${protocol.toUpperCase()} ${this.rdpPort.number}) from ${peer.label}`,
      });
    }
  }
}
