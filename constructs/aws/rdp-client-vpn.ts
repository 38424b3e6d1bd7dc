import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogStream } from '@cdktf/provider-aws/lib/cloudwatch-log-stream';
import { Ec2ClientVpnAuthorizationRule } from '@cdktf/provider-aws/lib/ec2-client-vpn-authorization-rule';
import { Ec2ClientVpnEndpoint } from '@cdktf/provider-aws/lib/ec2-client-vpn-endpoint';
import { Ec2ClientVpnNetworkAssociation } from '@cdktf/provider-aws/lib/ec2-client-vpn-network-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Construct } from 'constructs';
import { checkAcmCertificateArn, ClientVpnAuthentication } from './client-vpn-authentication';
import { validateLogRetentionDays } from './flow-log-retention';
import { AwsRdpHostGroup } from './rdp-host-group';
import { IAwsRdpNetwork } from './rdp-network';
import { AwsSecurityGroupPeer } from './security-group-peer';
import { CidrPeer, cidrPeerAt, cidrsOverlap, isPrivateCidr, parseCidr, RdpErrorCode, RdpValidationError, showValue, terraformLiteral } from '../core';
import { IRdpTarget, IRdpVpn, MAX_RULE_DESCRIPTION_LENGTH } from '../host';

/** Session lengths (hours) Client VPN accepts. */
export const CLIENT_VPN_SESSION_HOURS: readonly number[] = [8, 10, 12, 24];

/** The login banner shown when none is given. */
export const DEFAULT_LOGIN_BANNER = 'Authorized administrators only. Connections are logged and monitored.';

const CLIENT_CIDR_ALLOWED = 'Allowed: a private IPv4 CIDR from /12 to /22 (AWS limits) that does not overlap the VPC, e.g. "10.250.0.0/22".';

/** A subnet a Client VPN endpoint is associated with. */
export interface ClientVpnSubnet {
  /** The subnet ID. */
  readonly subnetId: string;
  /** The subnet's IPv4 range. */
  readonly cidr: string;
}

/** Properties of {@link AwsRdpClientVpn}. */
export interface AwsRdpClientVpnProps {
  /** The network of the hosts the VPN serves. */
  readonly network: IAwsRdpNetwork;
  /** ACM ARN of the endpoint's server certificate. */
  readonly serverCertificateArn: string;
  /** How users authenticate: `ClientVpnAuthentication.mutualTls(…)` or `.saml({…})`. */
  readonly authentication: ClientVpnAuthentication;
  /**
   * Address pool for VPN clients: private, /12–/22, not overlapping the VPC.
   * @default '10.250.0.0/22'
   */
  readonly clientCidr?: string;
  /**
   * Subnets the endpoint is associated with (one per availability zone for high availability), with
   * their ranges: clients reach the hosts from the endpoint's network interfaces in these subnets, so
   * the hosts' guest firewalls admit these ranges.
   * @default - the network's host subnet
   */
  readonly associatedSubnets?: readonly ClientVpnSubnet[];
  /**
   * The range VPN users are authorized to reach.
   * @default - the network's host subnet ranges: the private one (required when the network does not know
   *   it) and the public one when the network has one and knows its range
   */
  readonly authorizedCidr?: string;
  /**
   * Maximum VPN session length in hours (8, 10, 12 or 24); users are disconnected when it ends.
   * @default 8
   */
  readonly sessionTimeoutHours?: number;
  /**
   * Text shown to users when they connect (at most 1400 characters).
   * @default DEFAULT_LOGIN_BANNER
   */
  readonly loginBanner?: string;
  /**
   * Days to keep connection logs; at least 90.
   * @default 365
   */
  readonly logRetentionDays?: number;
}

/**
 * An AWS Client VPN endpoint for RDP administrators: split tunnel, connection logging with retention,
 * session timeout, login banner, its own security group (no rules until a host is connected),
 * authorization scoped to the host subnet (per access group with SAML), and raised timeouts.
 *
 * Connect hosts with {@link allowRdpTo}: the host's security group then admits RDP from this
 * endpoint's security group (Client VPN source-NATs clients to the endpoint's network interfaces).
 */
export class AwsRdpClientVpn extends Construct implements IRdpVpn<AwsRdpHostGroup> {
  /** The endpoint ID. */
  public readonly endpointId: string;
  /** The endpoint's security group ID. */
  public readonly securityGroupId: string;
  /** The client address pool. */
  public readonly clientCidr: string;
  /** The endpoint (escape hatch). */
  public readonly endpoint: Ec2ClientVpnEndpoint;
  /** The connection log group (escape hatch). */
  public readonly logGroup: CloudwatchLogGroup;
  private readonly connected = new Set<string>();
  private readonly interfaceSources: CidrPeer[];
  private readonly authorizesPublicSubnet: boolean;
  private readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: AwsRdpClientVpnProps) {
    super(scope, id);
    checkAcmCertificateArn(props.serverCertificateArn, 'serverCertificateArn');
    this.clientCidr = checkClientCidr(props.clientCidr ?? '10.250.0.0/22', props.network.vpcCidr);
    const sessionTimeoutHours = props.sessionTimeoutHours ?? 8;
    if (!CLIENT_VPN_SESSION_HOURS.includes(sessionTimeoutHours)) {
      throw new RdpValidationError('sessionTimeoutHours', sessionTimeoutHours, `must be one of ${CLIENT_VPN_SESSION_HOURS.join(', ')}, got ${showValue(sessionTimeoutHours)}.`);
    }
    const banner = props.loginBanner ?? DEFAULT_LOGIN_BANNER;
    if (banner.length === 0 || banner.length > 1400) {
      throw new RdpValidationError('loginBanner', banner, `must be 1 to 1400 characters, got ${banner.length}.`);
    }
    const authorizedCidr = props.authorizedCidr ?? props.network.subnetCidr;
    if (authorizedCidr === undefined) {
      throw new RdpValidationError('authorizedCidr', undefined, 'is required when the network does not know its host subnet range (AwsRdpNetwork.fromExisting without subnetCidr). Give the host subnet CIDR.');
    }
    const retentionDays = validateLogRetentionDays(props.logRetentionDays ?? 365, 'logRetentionDays');
    const auth = props.authentication.config;

    this.logGroup = new CloudwatchLogGroup(this, 'ConnectionLogs', { namePrefix: 'rdp-client-vpn-', retentionInDays: retentionDays });
    const logStream = new CloudwatchLogStream(this, 'ConnectionLogStream', { name: 'connections', logGroupName: this.logGroup.name });
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      namePrefix: 'rdp-client-vpn-',
      description: 'Client VPN endpoint: egress to connected RDP hosts only',
      vpcId: props.network.vpcId,
      revokeRulesOnDelete: true,
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: this.node.path },
    });
    this.securityGroupId = this.securityGroup.id;

    this.endpoint = new Ec2ClientVpnEndpoint(this, 'Resource', {
      description: `RDP administrators (${this.node.path})`,
      serverCertificateArn: props.serverCertificateArn,
      clientCidrBlock: this.clientCidr,
      authenticationOptions: [
        {
          type: auth.type,
          rootCertificateChainArn: auth.rootCertificateChainArn,
          samlProviderArn: auth.samlProviderArn,
          selfServiceSamlProviderArn: auth.selfServiceSamlProviderArn,
        },
      ],
      connectionLogOptions: { enabled: true, cloudwatchLogGroup: this.logGroup.name, cloudwatchLogStream: logStream.name },
      clientLoginBannerOptions: { enabled: true, bannerText: terraformLiteral(banner) },
      splitTunnel: true,
      sessionTimeoutHours,
      disconnectOnSessionTimeout: true,
      selfServicePortal: auth.selfServiceSamlProviderArn ? 'enabled' : 'disabled',
      transportProtocol: 'udp',
      vpnPort: 443,
      vpcId: props.network.vpcId,
      securityGroupIds: [this.securityGroup.id],
      tags: { Name: this.node.path },
    });
    this.endpointId = this.endpoint.id;

    const subnets = props.associatedSubnets ?? [{ subnetId: props.network.subnetId, cidr: props.network.subnetCidr ?? authorizedCidr }];
    this.interfaceSources = subnets.map((subnet, index) => {
      new Ec2ClientVpnNetworkAssociation(this, index === 0 ? 'Association' : `Association${index + 1}`, {
        clientVpnEndpointId: this.endpoint.id,
        subnetId: subnet.subnetId,
        timeouts: { create: '45m', delete: '45m' },
      });
      return cidrPeerAt(subnet.cidr, `associatedSubnets[${index}].cidr`);
    });
    const groups = auth.accessGroupIds.length > 0 ? auth.accessGroupIds : [undefined];
    // Hosts with a public IP live in the public subnet: VPN users are authorized to it too, so the VPN's
    // rule on those hosts is not dead.
    const targets: [string, string, string][] = [['AuthorizeHostSubnet', authorizedCidr, 'RDP host subnet']];
    const publicCidr = props.authorizedCidr === undefined ? props.network.publicSubnet?.cidr : undefined;
    if (publicCidr !== undefined) targets.push(['AuthorizePublicHostSubnet', publicCidr, 'public RDP host subnet']);
    this.authorizesPublicSubnet = publicCidr !== undefined || props.authorizedCidr !== undefined;
    for (const [id, cidr, label] of targets) {
      for (const group of groups) {
        new Ec2ClientVpnAuthorizationRule(this, group === undefined ? id : `${id}-${group.replace(/[^A-Za-z0-9-]/g, '-')}`, {
          clientVpnEndpointId: this.endpoint.id,
          targetNetworkCidr: cidr,
          accessGroupId: terraformLiteral(group),
          authorizeAllGroups: group === undefined ? true : undefined,
          description: group === undefined ? `Authenticated administrators to the ${label}` : terraformLiteral(`Group ${group} to the ${label}`),
          timeouts: { create: '20m', delete: '20m' },
        });
      }
    }
  }

  /**
   * Lets VPN users reach a host's (or a whole host group's) RDP port: the group's security group admits
   * RDP from this endpoint's security group, and the endpoint may send RDP to it. Connecting the same
   * group twice (e.g. through two of its hosts) is a no-op.
   */
  public allowRdpTo(target: IRdpTarget<AwsRdpHostGroup>): void {
    const group = target.group;
    if (this.connected.has(group.node.path)) return;
    if (group.needsPublicIp && !this.authorizesPublicSubnet) {
      throw new RdpValidationError('target', group.node.path, `is placed in the public subnet, whose range the network does not know, so VPN users could not be authorized to it (a dead rule). Give the existing network's \`publicSubnetCidr\`, or the VPN's \`authorizedCidr\`.`);
    }
    this.connected.add(group.node.path);
    group.allowRdpFrom(AwsSecurityGroupPeer.of(this.securityGroup.id, `client VPN ${this.node.path}`, this.interfaceSources), `RDP from client VPN ${this.node.path}`.slice(0, MAX_RULE_DESCRIPTION_LENGTH));
    const protocols = group.udp ? ['tcp', 'udp'] : ['tcp'];
    for (const protocol of protocols) {
      new VpcSecurityGroupEgressRule(this, `RdpTo-${group.node.path.replace(/[^A-Za-z0-9-]/g, '-')}-${protocol}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: protocol,
        fromPort: group.rdpPort.number,
        toPort: group.rdpPort.number,
        referencedSecurityGroupId: group.securityGroupId,
        description: `RDP (${protocol.toUpperCase()} ${group.rdpPort.number}) to ${group.node.path}`,
      });
    }
  }
}

/** Checks a Client VPN client pool: private IPv4, /12–/22, not overlapping the VPC; returns it normalized. */
export function checkClientCidr(value: string, vpcCidr: string | undefined): string {
  const parsed = parseCidr(value, CLIENT_CIDR_ALLOWED);
  if (!parsed.ok) throw new RdpValidationError('clientCidr', value, parsed.problem);
  const cidr = parsed.value;
  if (cidr.family !== 'ipv4' || cidr.prefix < 12 || cidr.prefix > 22 || !isPrivateCidr(cidr)) {
    throw new RdpValidationError('clientCidr', value, `must be a private IPv4 range of /12 to /22, got ${showValue(value)}. ${CLIENT_CIDR_ALLOWED}`);
  }
  if (vpcCidr !== undefined) {
    const vpc = parseCidr(vpcCidr, '');
    if (vpc.ok && cidrsOverlap(cidr, vpc.value)) {
      throw new RdpValidationError('clientCidr', value, `overlaps the VPC range ${vpcCidr}, got ${showValue(value)}. ${CLIENT_CIDR_ALLOWED}`, RdpErrorCode.CIDR_OVERLAP);
    }
  }
  return cidr.cidr;
}
