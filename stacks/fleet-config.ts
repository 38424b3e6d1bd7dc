import { DEFAULT_CONFIG } from './config/default-config';
import { RdpHostsConfig } from './config/schema';

/** The roles of the example fleet: each is one host group (one security group / NSG and hardening) per cloud. */
export const FLEET_ROLES: readonly { readonly name: string; readonly rdpPort: number }[] = [
  { name: 'jump', rdpPort: 43389 },
  { name: 'build', rdpPort: 43390 },
  { name: 'support', rdpPort: 43391 },
  { name: 'ops', rdpPort: 43392 },
];

/**
 * A fleet of `hostCount` VPN-only hosts across both clouds (half on AWS, rounded up, half on Azure, round-robin over
 * {@link FLEET_ROLES}), sharing one network and one VPN per cloud: the configuration behind
 * `examples/fleet.example.json` and `npm run bench -- --fleet …`.
 */
export function fleetConfig(hostCount: number): RdpHostsConfig {
  const aws = DEFAULT_CONFIG.aws!;
  const azure = DEFAULT_CONFIG.azure!;
  const awsCount = Math.ceil(hostCount / 2);
  const role = (i: number) => FLEET_ROLES[i % FLEET_ROLES.length];
  const config: RdpHostsConfig = {
    aws: {
      ...aws,
      stackName: 'aws-rdp-fleet',
      hosts: Array.from({ length: awsCount }, (_, i) => ({ name: `aws-${role(i).name}-${i + 1}`, group: role(i).name, amiId: aws.hosts[0].amiId, rdpPort: role(i).rdpPort, access: aws.hosts[0].access })),
    },
    azure: {
      ...azure,
      stackName: 'azure-rdp-fleet',
      hosts: Array.from({ length: hostCount - awsCount }, (_, i) => {
        const r = FLEET_ROLES.indexOf(role(i));
        return { name: `az-${role(i).name}-${i + 1}`, group: role(i).name, subnetCidr: `10.52.${r + 1}.0/24`, rdpPort: role(i).rdpPort, access: azure.hosts[0].access };
      }),
    },
  };
  // A fleet of one has no Azure host; a cloud section needs at least one.
  if (hostCount - awsCount === 0) delete config.azure;
  return config;
}
