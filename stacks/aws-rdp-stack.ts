import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsConfig, AwsHostConfig, awsHostAccess } from './config/aws-config';
import { toAcknowledge } from './config/fields';
import { probeCommand, sessionManagerTunnelCommand } from './outputs';
import { RdpStackOptions } from './stack-options';
import { configureStateBackend } from './state-backend';
import { toHardeningOptions } from './config/hardening-config';
import { AwsRdpClientVpn, AwsRdpHost, AwsRdpHostGroup, AwsRdpNetwork, AwsRdpSiteToSiteVpn, ClientVpnAuthentication, IAwsRdpNetwork, WindowsAmi } from '../constructs/aws';
import { RdpPort, terraformLiteralTags } from '../constructs/core';
import { WindowsServerVersion } from '../constructs/windows';

/** The Windows Server release a host config names (2022 when unset). */
function windowsVersionOf(host: AwsHostConfig): WindowsServerVersion {
  return WindowsServerVersion.fromName(host.windowsVersion ?? '2022');
}

/** The public SSM parameter of the latest English Full Base AMI of a Windows Server release. */
function latestParameterFor(release = '2022'): string {
  return `/aws/service/ami-windows-latest/Windows_Server-${release}-English-Full-Base`;
}

/** Default name of the AWS example stack. */
export const DEFAULT_AWS_STACK_NAME = 'aws-rdp-hosts';

/**
 * The AWS example stack: one network, the configured VPNs (Client VPN and/or site-to-site), and the
 * Windows RDP hosts, each reachable on its custom port only through the VPNs (VPN-only mode) or from its
 * allowlist. Hosts of one `group` share a security group, instance role and hardening association; every
 * VPN serves every group. Built from the validated `aws` section of the configuration.
 */
export class AwsRdpStack extends TerraformStack {
  /** The hosts, by configured name. */
  public readonly hosts: ReadonlyMap<string, AwsRdpHost>;

  constructor(scope: Construct, id: string, config: AwsConfig, options: RdpStackOptions = {}) {
    super(scope, id);
    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [{ tags: terraformLiteralTags({ ...config.tags, 'managed-by': 'secure-rdp-hosts' }) }],
    });
    configureStateBackend(this, 'aws', options.state, options.environment);

    const network = this.network(config);
    const vpns = this.vpns(config, network);
    const groups = new Map<string, AwsRdpHostGroup>();
    const hosts = new Map<string, AwsRdpHost>();
    config.hosts.forEach((hostConfig, index) => {
      const field = `aws.hosts[${index}]`;
      const groupName = hostConfig.group ?? hostConfig.name;
      let group = groups.get(groupName);
      if (!group) {
        group = this.group(groupName, hostConfig, field, network);
        // Session-manager groups have no inbound rule at all: no VPN is connected to them.
        if (!group.access.isZeroInbound) for (const vpn of vpns) vpn.allowRdpTo(group);
        groups.set(groupName, group);
      }
      const host = this.host(hostConfig, field, group);
      hosts.set(hostConfig.name, host);
      this.outputs(hostConfig.name, host);
    });
    this.hosts = hosts;
  }

  private vpns(config: AwsConfig, network: IAwsRdpNetwork): (AwsRdpClientVpn | AwsRdpSiteToSiteVpn)[] {
    const vpns: (AwsRdpClientVpn | AwsRdpSiteToSiteVpn)[] = [];
    const client = config.clientVpn;
    if (client) {
      const vpn = new AwsRdpClientVpn(this, 'ClientVpn', {
        network,
        serverCertificateArn: client.serverCertificateArn,
        authentication: client.saml ? ClientVpnAuthentication.saml(client.saml) : ClientVpnAuthentication.mutualTls(client.clientRootCertificateChainArn!),
        clientCidr: client.clientCidr,
        sessionTimeoutHours: client.sessionTimeoutHours,
        loginBanner: client.loginBanner,
        logRetentionDays: client.logRetentionDays,
      });
      new TerraformOutput(this, 'client_vpn_endpoint_id', { value: vpn.endpointId, description: 'Client VPN endpoint: download its client configuration with `aws ec2 export-client-vpn-client-configuration`' });
      vpns.push(vpn);
    }
    const siteToSite = config.siteToSiteVpn;
    if (siteToSite) {
      vpns.push(
        new AwsRdpSiteToSiteVpn(this, 'SiteToSiteVpn', {
          network,
          customerGatewayIp: siteToSite.customerGatewayIp,
          onPremisesCidrs: siteToSite.onPremisesCidrs,
          customerGatewayBgpAsn: siteToSite.customerGatewayBgpAsn,
          logRetentionDays: siteToSite.logRetentionDays,
        }),
      );
    }
    return vpns;
  }

  /**
   * A new VPC (private subnet for hosts without a public IP; a public subnet only when a host needs one or
   * the NAT gateway does) or the existing one, with the configured path to Systems Manager.
   */
  private network(config: AwsConfig): IAwsRdpNetwork {
    const network = config.network ?? {};
    if (network.existingVpcId && network.existingSubnetId) {
      return AwsRdpNetwork.fromExisting(this, 'Network', {
        vpcId: network.existingVpcId,
        subnetId: network.existingSubnetId,
        managementPath: network.managementPath!,
        vpcCidr: network.existingVpcCidr,
        subnetCidr: network.existingSubnetCidr,
        routeTableId: network.existingRouteTableId,
        publicSubnetId: network.existingPublicSubnetId,
        publicSubnetCidr: network.existingPublicSubnetCidr,
        publicRouteTableId: network.existingPublicRouteTableId,
        endpointSecurityGroupId: network.existingEndpointSecurityGroupId,
      });
    }
    const anyPublicSource = config.hosts.some((h, i) => awsHostAccess(h, `aws.hosts[${i}]`).needsPublicIp);
    return new AwsRdpNetwork(this, 'Network', {
      vpcCidr: network.vpcCidr,
      subnetCidr: network.subnetCidr,
      publicSubnet: anyPublicSource,
      publicSubnetCidr: network.publicSubnetCidr,
      availabilityZone: network.availabilityZone,
      flowLogRetentionDays: network.flowLogRetentionDays,
      managementPath: network.managementPath,
      natGateway: network.natGateway,
    });
  }

  /** The group of hosts sharing a security group, role and hardening; its settings come from its first host (the config check makes every member agree). */
  private group(name: string, host: AwsHostConfig, field: string, network: IAwsRdpNetwork): AwsRdpHostGroup {
    return new AwsRdpHostGroup(this, `Group-${name}`, {
      network,
      access: awsHostAccess(host, field),
      rdpPort: host.rdpPort === undefined ? undefined : RdpPort.of(host.rdpPort),
      udp: host.udp,
      windowsVersion: windowsVersionOf(host),
      hardening: toHardeningOptions(host.hardening, `${field}.hardening`),
      internetEgress: toAcknowledge(host.internetEgress, `${field}.internetEgress`),
      sessionManager: host.sessionManager,
    });
  }

  private host(host: AwsHostConfig, field: string, group: AwsRdpHostGroup): AwsRdpHost {
    return new AwsRdpHost(this, `Host-${host.name}`, {
      group,
      image: host.amiId === 'latest' ? WindowsAmi.latestFromSsm(latestParameterFor(host.windowsVersion)) : WindowsAmi.fromId(host.amiId, { windowsVersion: windowsVersionOf(host) }),
      instanceType: host.instanceType,
      rootVolumeSizeGiB: host.rootVolumeSizeGiB,
      keyPairName: host.keyPairName,
      passwordDataInState: toAcknowledge(host.passwordDataInState, `${field}.passwordDataInState`),
    });
  }

  private outputs(name: string, host: AwsRdpHost): void {
    const prefix = name.replace(/-/g, '_');
    new TerraformOutput(this, `${prefix}_instance_id`, { value: host.instanceId, description: `Instance ID of ${name}` });
    new TerraformOutput(this, `${prefix}_private_ip`, { value: host.privateIp, description: `Private IPv4 address of ${name}` });
    if (host.publicIp) new TerraformOutput(this, `${prefix}_public_ip`, { value: host.publicIp, description: `Public IPv4 address of ${name} (allowlisted sources only)` });
    new TerraformOutput(this, `${prefix}_rdp_port`, { value: host.rdpPort.number, description: `RDP listener port of ${name}` });
    new TerraformOutput(this, `${prefix}_security_group_id`, { value: host.securityGroupId, description: `Security group of ${name}` });
    const sessionManager = host.group.sessionManager;
    if (sessionManager) {
      new TerraformOutput(this, `${prefix}_session_document`, { value: sessionManager.documentName, description: `Session Manager document that forwards a local port to ${name}'s RDP port` });
      new TerraformOutput(this, `${prefix}_operator_policy_arn`, { value: sessionManager.operatorPolicy.arn, description: `IAM policy to attach to the operators' role or permission set for ${name}'s group` });
      new TerraformOutput(this, `${prefix}_tunnel_command`, { value: sessionManagerTunnelCommand(host.instanceId, sessionManager.documentName, host.rdpPort), description: `Open the RDP tunnel to ${name}, then connect mstsc (or the probe) to localhost:${host.rdpPort.number}` });
      new TerraformOutput(this, `${prefix}_probe_command`, { value: `npx secure-rdp-hosts probe localhost:${host.rdpPort.number}`, description: `Verify ${name}'s live RDP endpoint through the open Session Manager tunnel` });
      return;
    }
    new TerraformOutput(this, `${prefix}_probe_command`, { value: probeCommand(host.privateIp, host.rdpPort), description: `Verify ${name}'s live RDP endpoint (run from inside the network or VPN)` });
  }
}
