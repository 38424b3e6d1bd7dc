import { RdpHostsConfig } from './schema';
import { RdpAccessMode } from '../../constructs/core';

/**
 * The embedded default configuration, used when `RDP_HOSTS_CONFIG` is not set. It synthesizes with no
 * cloud credentials: VPN-only hosts behind a Client VPN (AWS) and a point-to-site VPN gateway with
 * Entra ID sign-in (Azure), a pinned placeholder AMI ID, placeholder ACM ARNs in the documentation
 * account 123456789012, a placeholder Entra ID tenant ID, and (for allowlist examples elsewhere)
 * documentation address ranges (RFC 5737 / RFC 3849) that route nowhere on the real internet.
 */
export const DEFAULT_CONFIG: RdpHostsConfig = {
  aws: {
    stackName: 'aws-rdp-hosts',
    region: 'eu-west-1',
    network: { vpcCidr: '10.42.0.0/16', subnetCidr: '10.42.1.0/24', availabilityZone: 'eu-west-1a', flowLogRetentionDays: 365 },
    clientVpn: {
      serverCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000001',
      clientRootCertificateChainArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000002',
      clientCidr: '10.250.0.0/22',
    },
    hosts: [
      {
        name: 'jump-1',
        amiId: 'ami-0123456789abcdef0',
        instanceType: 't3.large',
        access: RdpAccessMode.VPN_ONLY,
        rdpPort: 43389,
      },
    ],
    tags: { project: 'secure-rdp-hosts', environment: 'example' },
  },
  // VPN-only (no public IP): RDP only from the point-to-site pool of a zone-redundant VPN gateway with
  // Entra ID sign-in (OpenVPN). The tenant ID is a placeholder: replace it with yours
  // (az account show --query tenantId -o tsv). No subscription ID: the provider reads ARM_SUBSCRIPTION_ID
  // at plan time. The Key Vault admits Terraform from an RFC 5737 documentation range: replace it with
  // the CI's egress address.
  azure: {
    stackName: 'azure-rdp-hosts',
    location: 'westeurope',
    network: { addressSpace: '10.52.0.0/16' },
    keyVault: { deployerIpRanges: ['203.0.113.0/24'] },
    vpnGateway: {
      sku: 'VpnGw1AZ',
      gatewaySubnetCidr: '10.52.255.224/27',
      pointToSite: { addressPool: '10.250.0.0/24', entraId: { tenantId: '00000000-0000-4000-8000-000000000000' } },
    },
    hosts: [
      {
        name: 'jump-1',
        subnetCidr: '10.52.1.0/24',
        access: RdpAccessMode.VPN_ONLY,
        rdpPort: 43389,
      },
    ],
    tags: { project: 'secure-rdp-hosts', environment: 'example' },
  },
};
