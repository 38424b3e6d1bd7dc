import { DEFAULT_CONFIG } from './config/default-config';
import { RdpHostsConfig } from './config/schema';

/** A role of the example fleet: one host group (one security group / NSG and hardening) per cloud. */
export interface FleetRole {
  readonly name: string;
  readonly rdpPort: number;
}

/** The roles of the example fleet (`examples/fleet.example.json`). */
export const FLEET_ROLES: readonly FleetRole[] = [
  { name: 'jump', rdpPort: 43389 },
  { name: 'build', rdpPort: 43390 },
  { name: 'support', rdpPort: 43391 },
  { name: 'ops', rdpPort: 43392 },
];

/** Most roles {@link fleetRoles} makes: one Azure subnet `10.52.<n>.0/24` each, below the gateway subnet. */
export const MAX_FLEET_ROLES = 200;

/**
 * `count` roles: {@link FLEET_ROLES}, then `role-5`, `role-6`, … on the next ports (43393, …).
 * @param count 1 to {@link MAX_FLEET_ROLES} @default 4
 */
export function fleetRoles(count: number = FLEET_ROLES.length): readonly FleetRole[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_FLEET_ROLES) throw new RangeError(`fleet roles: expected an integer from 1 to ${MAX_FLEET_ROLES}, got ${count}`);
  return Array.from({ length: count }, (_, i) => FLEET_ROLES[i] ?? { name: `role-${i + 1}`, rdpPort: FLEET_ROLES[0].rdpPort + i });
}

/**
 * A fleet of `hostCount` VPN-only hosts across both clouds (half on AWS, rounded up, half on Azure, round-robin over
 * the roles), sharing one network and one VPN per cloud: the configuration behind
 * `examples/fleet.example.json` (4 roles) and `npm run bench -- --fleet … --roles …`.
 * @param roleCount how many roles (host groups per cloud) @default 4 ({@link FLEET_ROLES})
 */
export function fleetConfig(hostCount: number, roleCount: number = FLEET_ROLES.length): RdpHostsConfig {
  const aws = DEFAULT_CONFIG.aws!;
  const azure = DEFAULT_CONFIG.azure!;
  const roles = fleetRoles(roleCount);
  const awsCount = Math.ceil(hostCount / 2);
  const role = (i: number) => roles[i % roles.length];
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
        const r = i % roles.length;
        return { name: `az-${role(i).name}-${i + 1}`, group: role(i).name, subnetCidr: `10.52.${r + 1}.0/24`, rdpPort: role(i).rdpPort, access: azure.hosts[0].access };
      }),
    },
  };
  // A fleet of one has no Azure host; a cloud section needs at least one.
  if (hostCount - awsCount === 0) delete config.azure;
  return config;
}
