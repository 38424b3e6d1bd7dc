import { RdpHostsConfig } from './schema';

/**
 * The embedded default configuration, used when `RDP_HOSTS_CONFIG` is not set. It synthesizes with no
 * cloud credentials: a pinned placeholder AMI ID and documentation address ranges (RFC 5737 /
 * RFC 3849) as the allowlist, which route nowhere on the real internet.
 */
export const DEFAULT_CONFIG: RdpHostsConfig = {
  aws: {
    stackName: 'aws-rdp-hosts',
    region: 'eu-west-1',
    network: { vpcCidr: '10.42.0.0/16', subnetCidr: '10.42.1.0/24', availabilityZone: 'eu-west-1a', flowLogRetentionDays: 365 },
    hosts: [
      {
        name: 'jump-1',
        amiId: 'ami-0123456789abcdef0',
        instanceType: 't3.large',
        rdpPort: 43389,
        allowlist: ['198.51.100.0/24', '203.0.113.10/32', '2001:db8:1::/48'],
      },
    ],
    tags: { project: 'secure-rdp-hosts', environment: 'example' },
  },
};
