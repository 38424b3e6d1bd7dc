/**
 * An existing AWS network described by value (no construct, no data source), for tests of constructs
 * placed in a network: a private subnet whose hosts reach Systems Manager through existing endpoints.
 */
import { AwsManagementPath, IAwsRdpNetwork } from '../../constructs';

/** IDs of the plain test network. */
export const TEST_NETWORK = {
  vpcId: 'vpc-0a1b2c3d',
  subnetId: 'subnet-0a1b2c3d',
  publicSubnetId: 'subnet-0e0f1a2b3c4d5e6f7',
  endpointSecurityGroupId: 'sg-0a1b2c3d4e',
  s3PrefixListId: 'pl-6da54004',
} as const;

/** The plain test network, with overrides (e.g. `publicSubnet`, `subnetCidr: undefined`). */
export function plainNetwork(overrides: Partial<IAwsRdpNetwork> = {}): IAwsRdpNetwork {
  return {
    vpcId: TEST_NETWORK.vpcId,
    vpcCidr: '10.42.0.0/16',
    subnetId: TEST_NETWORK.subnetId,
    subnetCidr: '10.42.1.0/24',
    routeTableId: 'rtb-0a1b2c3d',
    managementPath: AwsManagementPath.EXISTING_ENDPOINTS,
    managementEndpoints: { securityGroupId: TEST_NETWORK.endpointSecurityGroupId, s3PrefixListId: TEST_NETWORK.s3PrefixListId },
    privateInternetRoute: false,
    ...overrides,
  };
}

/** The plain test network with a public subnet (routed to an internet gateway) for hosts with a public IP. */
export function plainNetworkWithPublicSubnet(overrides: Partial<IAwsRdpNetwork> = {}): IAwsRdpNetwork {
  return plainNetwork({ publicSubnet: { subnetId: TEST_NETWORK.publicSubnetId, cidr: '10.42.2.0/24', routeTableId: 'rtb-0e0f1a2b' }, ...overrides });
}
