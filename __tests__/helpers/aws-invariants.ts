/**
 * The AWS network invariants of issue 12, checked on synthesized Terraform JSON (with `"//"` metadata,
 * i.e. `fullSynthJson`). Each function returns findings (empty: the invariant holds), naming the instance.
 *
 * - every host without a public address has a management path: its subnet holds the Systems Manager
 *   interface endpoints (ssm, ssmmessages, ec2messages) and its security group egresses HTTPS to their
 *   security group, or its subnet routes 0.0.0.0/0 to a NAT gateway and its security group egresses HTTPS
 *   to 0.0.0.0/0;
 * - hosts with and without public addresses never share a subnet, and only public hosts' subnets route to
 *   an internet gateway;
 * - no egress rule admits the world unless it carries the RDP-NET-INTERNET-EGRESS acknowledgement;
 * - no dead sources: no IPv6 rule (the networks are IPv4-only), and no public CIDR admitted to a host
 *   without a public address.
 */
import { TerraformJson } from './template';

type Body = Record<string, unknown>;

const INTERFACE_SERVICES = ['ssm', 'ssmmessages', 'ec2messages'];

/** `${aws_x.name.attr}` → `aws_x.name`; literals are returned as they are. */
function ref(value: unknown): string {
  const match = /^\$\{([\w-]+\.[\w-]+)\.[\w]+\}$/.exec(String(value));
  return match ? match[1] : String(value);
}

function entries(json: TerraformJson, type: string): [string, Body][] {
  return Object.entries(json.resource?.[type] ?? {}).map(([name, body]) => [`${type}.${name}`, body]);
}

/** Route targets of each subnet (by address), through its route table association. */
function subnetRoutes(json: TerraformJson): Map<string, Body[]> {
  const tableOf = new Map(entries(json, 'aws_route_table_association').map(([, a]) => [ref(a.subnet_id), ref(a.route_table_id)]));
  const routes = entries(json, 'aws_route').map(([, r]) => r);
  const result = new Map<string, Body[]>();
  for (const [subnet, table] of tableOf) result.set(subnet, routes.filter((r) => ref(r.route_table_id) === table));
  return result;
}

function egressOf(json: TerraformJson, securityGroup: string): Body[] {
  return entries(json, 'aws_vpc_security_group_egress_rule')
    .map(([, r]) => r)
    .filter((r) => ref(r.security_group_id) === securityGroup);
}

/** Instances without a public address that have no management path. */
export function missingManagementPaths(json: TerraformJson): string[] {
  const routes = subnetRoutes(json);
  const endpoints = entries(json, 'aws_vpc_endpoint').map(([, e]) => e).filter((e) => e.vpc_endpoint_type === 'Interface');
  const findings: string[] = [];
  for (const [address, instance] of entries(json, 'aws_instance')) {
    if (instance.associate_public_ip_address === true) continue;
    const subnet = ref(instance.subnet_id);
    const groups = ((instance.vpc_security_group_ids as unknown[]) ?? []).map(ref);
    const egress = groups.flatMap((g) => egressOf(json, g));
    const servicesInSubnet = new Set(endpoints.filter((e) => ((e.subnet_ids as unknown[]) ?? []).map(ref).includes(subnet)).map((e) => String(e.service_name).split('.').pop()));
    const endpointGroups = new Set(endpoints.flatMap((e) => ((e.security_group_ids as unknown[]) ?? []).map(ref)));
    const viaEndpoints = INTERFACE_SERVICES.every((s) => servicesInSubnet.has(s)) && egress.some((r) => r.from_port === 443 && endpointGroups.has(ref(r.referenced_security_group_id)));
    const viaNat = (routes.get(subnet) ?? []).some((r) => r.destination_cidr_block === '0.0.0.0/0' && r.nat_gateway_id !== undefined) && egress.some((r) => r.from_port === 443 && r.cidr_ipv4 === '0.0.0.0/0');
    if (!viaEndpoints && !viaNat) findings.push(`${address}: no path to Systems Manager from ${subnet}`);
  }
  return findings;
}

/** Subnets shared by hosts with and without public addresses, and private hosts in internet-routed subnets. */
export function mixedSubnets(json: TerraformJson): string[] {
  const routes = subnetRoutes(json);
  const kinds = new Map<string, Set<boolean>>();
  const findings: string[] = [];
  for (const [address, instance] of entries(json, 'aws_instance')) {
    const subnet = ref(instance.subnet_id);
    const isPublic = instance.associate_public_ip_address === true;
    kinds.set(subnet, new Set([...(kinds.get(subnet) ?? []), isPublic]));
    const internetRouted = (routes.get(subnet) ?? []).some((r) => r.gateway_id !== undefined && ref(r.gateway_id).startsWith('aws_internet_gateway.'));
    if (internetRouted !== isPublic) findings.push(`${address}: ${isPublic ? 'public host in a subnet without an internet gateway route' : 'host without a public address in an internet-routed subnet'}`);
  }
  for (const [subnet, set] of kinds) if (set.size > 1) findings.push(`${subnet}: shared by hosts with and without public addresses`);
  return findings;
}

/** World egress rules without the internet-egress acknowledgement. */
export function unacknowledgedWorldEgress(json: TerraformJson): string[] {
  return entries(json, 'aws_vpc_security_group_egress_rule')
    .filter(([, r]) => r.cidr_ipv4 === '0.0.0.0/0' || r.cidr_ipv6 === '::/0')
    .filter(([, r]) => !(((r['//'] as Body | undefined)?.rdp_acknowledgements as Body[] | undefined) ?? []).some((a) => a.id === 'RDP-NET-INTERNET-EGRESS'))
    .map(([address]) => address);
}

function isPrivateIpv4(cidr: string): boolean {
  const [a, b] = cidr.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** Ingress rules that can never match: IPv6 sources, or public sources on hosts without a public address. */
export function deadSources(json: TerraformJson): string[] {
  const findings: string[] = [];
  const publicGroups = new Set<string>();
  const privateGroups = new Set<string>();
  for (const [, instance] of entries(json, 'aws_instance')) {
    for (const group of ((instance.vpc_security_group_ids as unknown[]) ?? []).map(ref)) (instance.associate_public_ip_address === true ? publicGroups : privateGroups).add(group);
  }
  for (const [address, rule] of entries(json, 'aws_vpc_security_group_ingress_rule')) {
    if (rule.cidr_ipv6 !== undefined) findings.push(`${address}: IPv6 source ${rule.cidr_ipv6} on an IPv4-only network`);
    const group = ref(rule.security_group_id);
    if (typeof rule.cidr_ipv4 === 'string' && !isPrivateIpv4(rule.cidr_ipv4) && privateGroups.has(group) && !publicGroups.has(group)) {
      findings.push(`${address}: public source ${rule.cidr_ipv4} on hosts without a public address`);
    }
  }
  return findings;
}

/** Every AWS network invariant at once. */
export function awsNetworkInvariantFindings(json: TerraformJson): string[] {
  return [...missingManagementPaths(json), ...mixedSubnets(json), ...unacknowledgedWorldEgress(json), ...deadSources(json)];
}
