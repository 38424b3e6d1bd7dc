import { PolicyDocument } from '../../document';
import { azureNicsOf, isHost } from '../../network/hosts';
import { reachabilityOf, SourceClass } from '../../network/reachability';
import { cidrContains, classifyCidr, SourceKind } from '../../network/sources';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { isUnresolved, list } from '../../values';

/** Types that put a host behind a load balancer, so a public source may reach it without a public IP of its own. */
function frontedBy(): readonly (readonly [string, string])[] {
  return [
    ['aws_lb_target_group_attachment', 'target_id'],
    ['aws_elb_attachment', 'instance'],
    ['azurerm_network_interface_backend_address_pool_association', 'network_interface_id'],
    ['azurerm_network_interface_nat_rule_association', 'network_interface_id'],
  ];
}


/**
 * Every source a host's filters list can actually reach it (no dead rules): public sources need a
 * public address (or a load balancer in front) and, on AWS, a subnet routed to an internet gateway;
 * IPv6 sources need an IPv6 network, and a Client
 * VPN endpoint's group needs an authorization rule covering the host's subnet and a path to it (a
 * network association in the host's VPC, or a Client VPN route).
 */
export default function NoDeadSources(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (!isHost(resource)) return Compliance.NOT_APPLICABLE;
  const model = reachabilityOf(resource, doc);
  const fronted = frontedBy().some(([type, attribute]) =>
    doc.ofType(type).some((r) => doc.refersTo(r.body[attribute], resource, r) || azureNicsOf(resource, doc).some((nic) => doc.refersTo(r.body[attribute], nic, r))),
  );
  const findings = new Set<string>();
  for (const e of model.entries) {
    const listed = `${e.source.value} (${e.via})`;
    if ((e.sourceClass === SourceClass.WORLD || e.sourceClass === SourceClass.PUBLIC) && model.publicAddress.state === 'no' && !fronted) {
      findings.add(`${listed} is a public source, but the host has no public address: nobody on the internet can use it`);
    }
    if ((e.sourceClass === SourceClass.WORLD || e.sourceClass === SourceClass.PUBLIC) && model.publicAddress.state === 'yes' && model.internetRoute === 'no' && !fronted) {
      findings.add(`${listed} is a public source, but the host's subnet has no route to an internet gateway: its public address is unreachable`);
    }
    if (e.source.family === 'ipv6' && model.ipv6 === 'no') findings.add(`${listed} is an IPv6 source, but the host's network has no IPv6`);
    if (e.sourceClass === SourceClass.VPN && e.source.kind === SourceKind.GROUP) {
      const gap = clientVpnAuthorizationGap(resource, e.source.value, doc);
      if (gap) findings.add(`${listed}: ${gap}`);
    }
  }
  return [...findings];
}

/** Why the Client VPN endpoint that uses `groupRef` cannot authorize traffic to the host's subnet, if it cannot. */
function clientVpnAuthorizationGap(host: SynthResource, groupRef: string, doc: PolicyDocument): string | undefined {
  const group = doc.resolve(groupRef);
  if (!group) return undefined;
  const subnet = doc.resolve(host.body.subnet_id, host);
  const cidr = subnet?.body.cidr_block;
  if (typeof cidr !== 'string' || isUnresolved(cidr)) return undefined;
  for (const endpoint of doc.ofType('aws_ec2_client_vpn_endpoint').filter((e) => list(e.body.security_group_ids, 'security_group_ids').some((v) => doc.refersTo(v, group, e)))) {
    const targets = doc.ofType('aws_ec2_client_vpn_authorization_rule').filter((a) => doc.refersTo(a.body.client_vpn_endpoint_id, endpoint, a)).map((a) => a.body.target_network_cidr);
    if (targets.some((t) => typeof t !== 'string' || isUnresolved(t))) return undefined;
    if (!targets.some((t) => cidrContains(classifyCidr(String(t)), classifyCidr(cidr)))) {
      return `no authorization rule of ${endpoint.address} covers the host's subnet ${cidr}, so VPN users cannot reach it`;
    }
    const gap = clientVpnRouteGap(endpoint, subnet as SynthResource, cidr, doc);
    if (gap) return gap;
  }
  return undefined;
}

/**
 * Client VPN routes: associating a subnet adds a route to that subnet's VPC; any other destination
 * needs an `aws_ec2_client_vpn_route`. Undefined when the route exists or the document cannot tell.
 */
function clientVpnRouteGap(endpoint: SynthResource, subnet: SynthResource, cidr: string, doc: PolicyDocument): string | undefined {
  const associations = doc.ofType('aws_ec2_client_vpn_network_association').filter((a) => doc.refersTo(a.body.client_vpn_endpoint_id, endpoint, a));
  if (associations.length === 0) return `${endpoint.address} has no network association, so it carries no traffic to the host`;
  const hostVpc = doc.resolve(subnet.body.vpc_id, subnet);
  const associatedVpcs = associations.map((a) => doc.resolve(a.body.subnet_id, a)).map((s) => (s ? doc.resolve(s.body.vpc_id, s) : undefined));
  if (!hostVpc || associatedVpcs.some((v) => v === undefined)) return undefined;
  if (associatedVpcs.some((v) => v?.address === hostVpc.address)) return undefined;
  const routes = doc.ofType('aws_ec2_client_vpn_route').filter((r) => doc.refersTo(r.body.client_vpn_endpoint_id, endpoint, r)).map((r) => r.body.destination_cidr_block);
  if (routes.some((d) => typeof d !== 'string' || isUnresolved(d))) return undefined;
  if (routes.some((d) => cidrContains(classifyCidr(String(d)), classifyCidr(cidr)))) return undefined;
  return `${endpoint.address} is associated with another VPC and has no route to the host's subnet ${cidr}`;
}
