import { AwsManagementPath } from './rdp-network';
import { INTERNET_EGRESS_RISK_ID } from '../core';

/** What decides where a host group's hosts go and what they may reach (see {@link awsPlacementProblems}). */
export interface AwsPlacementFacts {
  /** The hosts get a public IP (public sources in the allowlist). */
  readonly needsPublicIp: boolean;
  /** The group acknowledged internet egress. */
  readonly internetEgress: boolean;
  /** The network has an internet-routed public subnet. */
  readonly hasPublicSubnet: boolean;
  /** The private host subnet routes to the internet (NAT). */
  readonly privateInternetRoute: boolean;
  /** How the network reaches Systems Manager. */
  readonly managementPath: AwsManagementPath;
}

/** A placement problem: the host-group field at fault and what is wrong (a sentence without the field name). */
export interface AwsPlacementProblem {
  /** The host-group setting at fault. */
  readonly field: 'allowlist' | 'internetEgress';
  /** What is wrong and how to fix it, without the field name. */
  readonly problem: string;
}

/**
 * Every reason a host group cannot be placed as configured, by construction: public sources need the
 * public subnet (otherwise the rules are dead); internet egress needs an internet path (public IP, or a
 * NAT route for the private subnet; otherwise the rules are dead); and a NAT management path needs
 * internet egress (otherwise the hosts cannot reach Systems Manager and the hardening never runs).
 * One check for the constructs and the configuration file.
 */
export function awsPlacementProblems(facts: AwsPlacementFacts): AwsPlacementProblem[] {
  const problems: AwsPlacementProblem[] = [];
  if (facts.needsPublicIp && !facts.hasPublicSubnet) {
    problems.push({
      field: 'allowlist',
      problem:
        'has public sources, so the hosts get a public IP, but the network has no public subnet (routed to an internet gateway): the sources could never reach them. ' +
        'Give the network a public subnet (AwsRdpNetwork `publicSubnet: true`, or `publicSubnetId` for an existing network), or reach the hosts through a VPN and allowlist private ranges only.',
    });
  }
  const internetPath = facts.needsPublicIp ? facts.hasPublicSubnet : facts.privateInternetRoute;
  if (facts.internetEgress && !internetPath) {
    problems.push({
      field: 'internetEgress',
      problem:
        `is acknowledged (${INTERNET_EGRESS_RISK_ID}), but the hosts have no path to the internet (no public IP, and the private subnet has no NAT route), so the egress rules would be dead. ` +
        'Give the network a NAT gateway (`natGateway: true`), or remove the acknowledgement.',
    });
  }
  if (facts.managementPath === AwsManagementPath.NAT && !facts.internetEgress) {
    problems.push({
      field: 'internetEgress',
      problem:
        `is required: the network reaches Systems Manager through NAT (managementPath "nat"), i.e. its public endpoints, which needs HTTPS egress to the internet. ` +
        `Acknowledge it with Acknowledge.risk('${INTERNET_EGRESS_RISK_ID}', '<why>'), or use managementPath "create-endpoints" (hosts then egress only to the VPC endpoints).`,
    });
  }
  return problems;
}
