/**
 * The rules on what reaches a host and what is delivered to it, at their edges (issue #20, mutation testing):
 * RDP-NET-DEAD-SOURCE (NoDeadSources), RDP-GUEST-PROFILE-MISSING (HardeningProfileDelivered) and
 * RDP-GUEST-DRIFT-CORRECTION (HardeningDriftCorrection). Verdicts and the exact finding texts a reviewer reads,
 * on small hand-written documents and scripts built inside each test.
 */
import { hardeningScriptFunctions } from '../../constructs/windows/hardening-script-functions';
import { Compliance } from '../../policy/types';
import { awsStack, azureStack, manifest, patch, script, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const HOST = 'aws_instance.host';
const VM = 'azurerm_windows_virtual_machine.host';

/** Compliance and findings of rule `id` on `subject`. */
function judge(id: string, json: TfJson, subject = HOST): [Compliance, string[]] {
  const r = verdict(id, json, subject);
  return [r.compliance, r.findings];
}

/** Adds resources of several types at once (deep copy). */
function add(json: TfJson, resources: TfJson['resource']): TfJson {
  let out = json;
  for (const [type, byName] of Object.entries(resources)) for (const [name, body] of Object.entries(byName)) out = withResource(out, type, name, body);
  return out;
}

// ---------------------------------------------------------------- RDP-NET-DEAD-SOURCE

const DEAD = 'RDP-NET-DEAD-SOURCE';
const NO_ADDRESS = (source: string, via = 'aws_vpc_security_group_ingress_rule.office'): string =>
  `${source} (${via}) is a public source, but the host has no public address: nobody on the internet can use it`;
const NO_IGW = (source: string): string =>
  `${source} (aws_vpc_security_group_ingress_rule.office) is a public source, but the host's subnet has no route to an internet gateway: its public address is unreachable`;

/** The AWS fixture with the office rule's source replaced. */
const officeFrom = (cidr: string, json: TfJson = awsStack()): TfJson => patch(json, 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: cidr });
/** The host with a public address in a subnet whose default route goes to `route` (an internet gateway or a NAT gateway). */
const publicHost = (route: 'igw' | 'nat', json: TfJson = awsStack()): TfJson =>
  add(patch(json, 'aws_instance', 'host', { associate_public_ip_address: true }), {
    aws_route_table: { hosts: { vpc_id: '${aws_vpc.main.id}', route: [{ cidr_block: '0.0.0.0/0', ...(route === 'igw' ? { gateway_id: '${aws_internet_gateway.main.id}' } : { nat_gateway_id: '${aws_nat_gateway.main.id}' }) }] } },
    aws_route_table_association: { hosts: { subnet_id: '${aws_subnet.hosts.id}', route_table_id: '${aws_route_table.hosts.id}' } },
    aws_internet_gateway: { main: { vpc_id: '${aws_vpc.main.id}' } },
    aws_nat_gateway: { main: { subnet_id: 'subnet-public', allocation_id: 'eipalloc-1' } },
  });

describe('RDP-NET-DEAD-SOURCE (NoDeadSources): public sources', () => {
  test('a public range or the whole internet on a host without a public address is dead', () => {
    expect(judge(DEAD, awsStack())).toEqual([Compliance.NON_COMPLIANT, [NO_ADDRESS('203.0.113.0/24')]]);
    expect(judge(DEAD, officeFrom('0.0.0.0/0'))).toEqual([Compliance.NON_COMPLIANT, [NO_ADDRESS('0.0.0.0/0')]]);
  });

  test('with a public address, a public source is dead only when the subnet has no route to an internet gateway', () => {
    expect(judge(DEAD, publicHost('igw'))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, officeFrom('0.0.0.0/0', publicHost('igw')))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, publicHost('nat'))).toEqual([Compliance.NON_COMPLIANT, [NO_IGW('203.0.113.0/24')]]);
    expect(judge(DEAD, officeFrom('0.0.0.0/0', publicHost('nat')))).toEqual([Compliance.NON_COMPLIANT, [NO_IGW('0.0.0.0/0')]]);
  });

  test('a private source needs neither a public address nor an internet route', () => {
    expect(judge(DEAD, officeFrom('10.0.0.0/16'))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, officeFrom('10.0.0.0/16', publicHost('nat')))).toEqual([Compliance.COMPLIANT, []]);
  });

  test.each([
    ['aws_lb_target_group_attachment', { target_group_arn: 'arn:tg', target_id: '${aws_instance.host.id}' }],
    ['aws_elb_attachment', { elb: 'elb-1', instance: '${aws_instance.host.id}' }],
  ])('a load balancer in front of the host (%s) makes a public source usable', (type, body) => {
    expect(judge(DEAD, withResource(awsStack(), type, 'front', body))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, withResource(publicHost('nat'), type, 'front', body))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a load balancer in front of another instance does not', () => {
    const other = add(awsStack(), {
      aws_lb_target_group_attachment: { front: { target_group_arn: 'arn:tg', target_id: '${aws_instance.other.id}' } },
      aws_elb_attachment: { front: { elb: 'elb-1', instance: '${aws_instance.other.id}' } },
      aws_instance: { other: { ami: 'ami-1', instance_type: 't3.micro', subnet_id: '${aws_subnet.hosts.id}' } },
    });
    expect(judge(DEAD, other)).toEqual([Compliance.NON_COMPLIANT, [NO_ADDRESS('203.0.113.0/24')]]);
  });
});

describe('RDP-NET-DEAD-SOURCE (NoDeadSources): Azure load balancers in front of a NIC', () => {
  const AZ_FINDING = NO_ADDRESS('203.0.113.0/24', 'azurerm_network_security_rule.allow_office');
  const pool = (nic: string) => ({ network_interface_id: `\${azurerm_network_interface.${nic}.id}`, ip_configuration_name: 'ip', backend_address_pool_id: 'pool' });
  const nat = (nic: string) => ({ network_interface_id: `\${azurerm_network_interface.${nic}.id}`, ip_configuration_name: 'ip', nat_rule_id: 'nat' });

  test('a public source on a VM without a public IP is dead, unless a backend pool or NAT rule association puts a load balancer in front of its NIC', () => {
    expect(judge(DEAD, azureStack(), VM)).toEqual([Compliance.NON_COMPLIANT, [AZ_FINDING]]);
    expect(judge(DEAD, withResource(azureStack(), 'azurerm_network_interface_backend_address_pool_association', 'lb', pool('host')), VM)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, withResource(azureStack(), 'azurerm_network_interface_nat_rule_association', 'lb', nat('host')), VM)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a load balancer in front of one of two NICs is in front of the VM; one in front of another VM\'s NIC is not', () => {
    const twoNics = (json: TfJson): TfJson =>
      patch(withResource(json, 'azurerm_network_interface', 'second', { name: 'nic2', ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_subnet.hosts.id}', private_ip_address_allocation: 'Dynamic' }] }), 'azurerm_windows_virtual_machine', 'host', {
        network_interface_ids: ['${azurerm_network_interface.host.id}', '${azurerm_network_interface.second.id}'],
      });
    expect(judge(DEAD, twoNics(withResource(azureStack(), 'azurerm_network_interface_backend_address_pool_association', 'lb', pool('second'))), VM)).toEqual([Compliance.COMPLIANT, []]);
    const otherVm = withResource(
      withResource(azureStack(), 'azurerm_network_interface', 'other', { name: 'nic-other', ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_subnet.hosts.id}', private_ip_address_allocation: 'Dynamic' }] }),
      'azurerm_network_interface_nat_rule_association',
      'lb',
      nat('other'),
    );
    expect(judge(DEAD, otherVm, VM)).toEqual([Compliance.NON_COMPLIANT, [AZ_FINDING]]);
  });

  test('a NIC named by an ID outside the document is skipped; NICs from a variable cannot be read', () => {
    const outside = patch(withResource(azureStack(), 'azurerm_network_interface_backend_address_pool_association', 'lb', pool('host')), 'azurerm_windows_virtual_machine', 'host', {
      network_interface_ids: ['/subscriptions/0/nic', '${azurerm_network_interface.host.id}'],
    });
    expect(judge(DEAD, outside, VM)).toEqual([Compliance.COMPLIANT, []]);
    const variable = patch(withResource(azureStack(), 'azurerm_network_interface_backend_address_pool_association', 'lb', pool('host')), 'azurerm_windows_virtual_machine', 'host', { network_interface_ids: '${var.nics}' });
    const [c, findings] = judge(DEAD, variable, VM);
    expect(c).toBe(Compliance.UNKNOWN);
    expect(findings.join('\n')).toContain('network_interface_ids');
  });
});

describe('RDP-NET-DEAD-SOURCE (NoDeadSources): IPv6 sources', () => {
  const v6 = (json: TfJson): TfJson => patch(json, 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: undefined, cidr_ipv6: '2001:db8:42::/48' });

  test('an IPv6 source on an IPv4-only network is dead; on a dual-stack subnet it is not', () => {
    expect(judge(DEAD, v6(publicHost('igw')))).toEqual([Compliance.NON_COMPLIANT, ['2001:db8:42::/48 (aws_vpc_security_group_ingress_rule.office) is an IPv6 source, but the host\'s network has no IPv6']]);
    const dual = patch(patch(v6(publicHost('igw')), 'aws_subnet', 'hosts', { ipv6_cidr_block: '2001:db8:1::/64' }), 'aws_instance', 'host', { associate_public_ip_address: true, ipv6_address_count: 1 });
    expect(judge(DEAD, dual)).toEqual([Compliance.COMPLIANT, []]);
  });
});

// ---------------------------------------------------------------- Client VPN

const VPN_SOURCE = '${aws_security_group.vpn.id} (aws_vpc_security_group_ingress_rule.office)';
const NOT_AUTHORIZED = (endpoint = 'aws_ec2_client_vpn_endpoint.vpn'): string =>
  `${VPN_SOURCE}: no authorization rule of ${endpoint} covers the host's subnet 10.0.1.0/24, so VPN users cannot reach it`;
const NO_ASSOCIATION = `${VPN_SOURCE}: aws_ec2_client_vpn_endpoint.vpn has no network association, so it carries no traffic to the host`;
const NO_ROUTE = `${VPN_SOURCE}: aws_ec2_client_vpn_endpoint.vpn is associated with another VPC and has no route to the host's subnet 10.0.1.0/24`;

/** A Client VPN endpoint named `name` using the VPN group (or `groups`). */
const endpoint = (groups: unknown = ['${aws_security_group.vpn.id}']) => ({ client_cidr_block: '10.250.0.0/22', security_group_ids: groups, vpc_id: '${aws_vpc.main.id}' });
const authorization = (target: unknown, ep = 'vpn') => ({ client_vpn_endpoint_id: `\${aws_ec2_client_vpn_endpoint.${ep}.id}`, target_network_cidr: target, authorize_all_groups: true });
const association = (subnet: string, ep = 'vpn') => ({ client_vpn_endpoint_id: `\${aws_ec2_client_vpn_endpoint.${ep}.id}`, subnet_id: subnet });
const route = (destination: unknown, ep = 'vpn') => ({ client_vpn_endpoint_id: `\${aws_ec2_client_vpn_endpoint.${ep}.id}`, destination_cidr_block: destination, target_vpc_subnet_id: '${aws_subnet.vpn.id}' });

/** RDP only from the Client VPN endpoint's group; `extra` adds resources (authorization rules, associations, routes). */
function vpn(extra: TfJson['resource'] = {}, base: TfJson = awsStack()): TfJson {
  const json = add(patch(base, 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: undefined, referenced_security_group_id: '${aws_security_group.vpn.id}' }), {
    aws_security_group: { vpn: { name: 'vpn', vpc_id: '${aws_vpc.main.id}' } },
    aws_ec2_client_vpn_endpoint: { vpn: endpoint() },
  });
  return add(json, extra);
}
/** The VPN with an authorization rule for the host subnet and an association in the host subnet. */
const authorizedVpn = (extra: TfJson['resource'] = {}): TfJson =>
  vpn({ aws_ec2_client_vpn_authorization_rule: { hosts: authorization('10.0.1.0/24') }, aws_ec2_client_vpn_network_association: { hosts: association('${aws_subnet.hosts.id}') }, ...extra });
/** A second VPC with a subnet the endpoint can be associated with. */
const OTHER_VPC: TfJson['resource'] = { aws_vpc: { vpn: { cidr_block: '10.9.0.0/16' } }, aws_subnet: { vpn: { vpc_id: '${aws_vpc.vpn.id}', cidr_block: '10.9.1.0/24' } } };
/** The VPN authorized for the host subnet but associated only with the other VPC; `extra` adds routes. */
const elsewhere = (extra: TfJson['resource'] = {}): TfJson =>
  add(vpn({ aws_ec2_client_vpn_authorization_rule: { hosts: authorization('10.0.1.0/24') }, aws_ec2_client_vpn_network_association: { hosts: association('${aws_subnet.vpn.id}') } }), { ...OTHER_VPC, ...extra });

describe('RDP-NET-DEAD-SOURCE (NoDeadSources): a Client VPN group needs an authorization rule for the host subnet', () => {
  test('authorized for the subnet or a range that holds it: compliant; for another subnet, or only by another endpoint: dead', () => {
    expect(judge(DEAD, authorizedVpn())).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, vpn({ aws_ec2_client_vpn_authorization_rule: { hosts: authorization('10.0.0.0/16') }, aws_ec2_client_vpn_network_association: { hosts: association('${aws_subnet.hosts.id}') } }))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, vpn({ aws_ec2_client_vpn_authorization_rule: { hosts: authorization('0.0.0.0/0') }, aws_ec2_client_vpn_network_association: { hosts: association('${aws_subnet.hosts.id}') } }))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, vpn({ aws_ec2_client_vpn_authorization_rule: { hosts: authorization('10.0.9.0/24') } }))).toEqual([Compliance.NON_COMPLIANT, [NOT_AUTHORIZED()]]);
    expect(judge(DEAD, vpn())).toEqual([Compliance.NON_COMPLIANT, [NOT_AUTHORIZED()]]);
    const byOther = vpn({ aws_ec2_client_vpn_endpoint: { other: endpoint([]) }, aws_ec2_client_vpn_authorization_rule: { other: authorization('10.0.1.0/24', 'other') } });
    expect(judge(DEAD, byOther)).toEqual([Compliance.NON_COMPLIANT, [NOT_AUTHORIZED()]]);
  });

  test('one of several authorization rules covering the subnet is enough', () => {
    const rules = { aws_ec2_client_vpn_authorization_rule: { a: authorization('10.0.9.0/24'), b: authorization('10.0.1.0/24') } };
    expect(judge(DEAD, vpn({ ...rules, aws_ec2_client_vpn_network_association: { hosts: association('${aws_subnet.hosts.id}') } }))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an authorization rule that cannot be read (a variable, a missing target) leaves the verdict open: no finding', () => {
    for (const target of ['${var.cidr}', undefined]) {
      expect(judge(DEAD, vpn({ aws_ec2_client_vpn_authorization_rule: { a: authorization('10.0.9.0/24'), b: authorization(target) } }))).toEqual([Compliance.COMPLIANT, []]);
    }
  });

  test('an endpoint that uses the group among others counts; an endpoint that does not use it is not judged', () => {
    const shared = vpn({ aws_security_group: { other: { name: 'other', vpc_id: '${aws_vpc.main.id}' } } });
    shared.resource.aws_ec2_client_vpn_endpoint.vpn.security_group_ids = ['${aws_security_group.other.id}', '${aws_security_group.vpn.id}'];
    expect(judge(DEAD, shared)).toEqual([Compliance.NON_COMPLIANT, [NOT_AUTHORIZED()]]);
    expect(judge(DEAD, authorizedVpn({ aws_ec2_client_vpn_endpoint: { vpn: endpoint(), other: endpoint(['${aws_security_group.rdp.id}']) } }))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('another endpoint whose groups cannot be read makes the verdict UNKNOWN, naming the field', () => {
    const [c, findings] = judge(DEAD, authorizedVpn({ aws_ec2_client_vpn_endpoint: { vpn: endpoint(), other: endpoint('${var.groups}') } }));
    expect(c).toBe(Compliance.UNKNOWN);
    expect(findings.join('\n')).toContain('security_group_ids');
  });

  test('every endpoint that uses the group is judged: a second one without authorization is reported', () => {
    const two = authorizedVpn({ aws_ec2_client_vpn_endpoint: { vpn: endpoint(), second: endpoint() } });
    expect(judge(DEAD, two)).toEqual([Compliance.NON_COMPLIANT, [NOT_AUTHORIZED('aws_ec2_client_vpn_endpoint.second')]]);
  });

  test('a host subnet outside the document, or one whose range cannot be read, is not judged', () => {
    expect(judge(DEAD, patch(vpn(), 'aws_instance', 'host', { subnet_id: 'subnet-0123' }))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, patch(vpn(), 'aws_subnet', 'hosts', { cidr_block: '${var.subnet_cidr}' }))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, patch(vpn(), 'aws_subnet', 'hosts', { cidr_block: undefined, ipv6_cidr_block: '2001:db8:1::/64' }))).toEqual([Compliance.COMPLIANT, []]);
  });
});

describe('RDP-NET-DEAD-SOURCE (NoDeadSources): a Client VPN endpoint needs a path to the host subnet', () => {
  test('an endpoint without a network association carries nothing, even when another endpoint has one', () => {
    expect(judge(DEAD, vpn({ aws_ec2_client_vpn_authorization_rule: { hosts: authorization('10.0.1.0/24') } }))).toEqual([Compliance.NON_COMPLIANT, [NO_ASSOCIATION]]);
    const otherHasOne = vpn({
      aws_ec2_client_vpn_endpoint: { vpn: endpoint(), other: endpoint([]) },
      aws_ec2_client_vpn_authorization_rule: { hosts: authorization('10.0.1.0/24') },
      aws_ec2_client_vpn_network_association: { other: association('${aws_subnet.hosts.id}', 'other') },
    });
    expect(judge(DEAD, otherHasOne)).toEqual([Compliance.NON_COMPLIANT, [NO_ASSOCIATION]]);
  });

  test('associated with another VPC: it needs its own Client VPN route covering the host subnet', () => {
    expect(judge(DEAD, elsewhere())).toEqual([Compliance.NON_COMPLIANT, [NO_ROUTE]]);
    expect(judge(DEAD, elsewhere({ aws_ec2_client_vpn_route: { hosts: route('10.0.0.0/16') } }))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, elsewhere({ aws_ec2_client_vpn_route: { hosts: route('0.0.0.0/0') } }))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, elsewhere({ aws_ec2_client_vpn_route: { hosts: route('10.0.9.0/24') } }))).toEqual([Compliance.NON_COMPLIANT, [NO_ROUTE]]);
    const othersRoute = elsewhere({ aws_ec2_client_vpn_endpoint: { vpn: endpoint(), other: endpoint([]) }, aws_ec2_client_vpn_route: { other: route('10.0.0.0/16', 'other') } });
    expect(judge(DEAD, othersRoute)).toEqual([Compliance.NON_COMPLIANT, [NO_ROUTE]]);
  });

  test('a route that cannot be read (a variable, a missing destination) leaves the verdict open', () => {
    for (const destination of ['${var.cidr}', undefined]) {
      expect(judge(DEAD, elsewhere({ aws_ec2_client_vpn_route: { a: route('10.0.9.0/24'), b: route(destination) } }))).toEqual([Compliance.COMPLIANT, []]);
    }
  });

  test('one association in the host VPC is enough, whatever the others', () => {
    const both = elsewhere({ aws_ec2_client_vpn_network_association: { hosts: association('${aws_subnet.vpn.id}'), second: association('${aws_subnet.hosts.id}') } });
    expect(judge(DEAD, both)).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a VPC outside the document (the host\'s or an associated subnet\'s) leaves the verdict open', () => {
    expect(judge(DEAD, patch(elsewhere(), 'aws_subnet', 'hosts', { vpc_id: 'vpc-0123' }))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DEAD, patch(elsewhere(), 'aws_ec2_client_vpn_network_association', 'hosts', { subnet_id: 'subnet-0123' }))).toEqual([Compliance.COMPLIANT, []]);
    const oneUnknown = elsewhere({ aws_ec2_client_vpn_network_association: { hosts: association('${aws_subnet.vpn.id}'), outside: association('subnet-0123') } });
    expect(judge(DEAD, oneUnknown)).toEqual([Compliance.COMPLIANT, []]);
  });
});

// ---------------------------------------------------------------- RDP-GUEST-PROFILE-MISSING

const MISSING = 'RDP-GUEST-PROFILE-MISSING';
const WS = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';
const PORT_LINE = `Set-ItemProperty -Path '${WS}' -Name PortNumber -Value 43389`;
/** Every required setting but the port, in the rule's order. */
const ALL_BUT_PORT = [
  'the security layer (SecurityLayer)',
  'Network Level Authentication (UserAuthentication)',
  'SCHANNEL TLS 1.0 (enabled by default)',
  'SCHANNEL TLS 1.1 (enabled by default)',
  'the guest firewall rule for RDP',
  'the Windows Firewall profiles (on)',
  'account lockout (net accounts /lockoutthreshold)',
  'the idle session limit (MaxIdleTime)',
  'the disconnected session limit (MaxDisconnectionTime)',
  'drive redirection (fDisableCdm)',
  'clipboard redirection (fDisableClip)',
];
/** The builder script without its `PortNumber` write (it still sets `$RdpPort` for the firewall rule). */
const withoutPortWrite = (): string =>
  script()
    .split('\n')
    .filter((l) => !l.includes("-Name 'PortNumber'"))
    .join('\n');
const userData = (text: string, json: TfJson = awsStack()): TfJson => patch(json, 'aws_instance', 'host', { user_data: `<powershell>\n${text}\n</powershell>` });
/** An `AWS-RunPowerShellScript` association running `text` on the host. */
const runCommand = (text: string, json: TfJson, schedule?: string): TfJson =>
  withResource(json, 'aws_ssm_association', 'harden', { name: 'AWS-RunPowerShellScript', instance_id: '${aws_instance.host.id}', parameters: { commands: text.split('\n') }, ...(schedule ? { schedule_expression: schedule } : {}) });

describe('RDP-GUEST-PROFILE-MISSING (HardeningProfileDelivered): which settings a delivered script must set', () => {
  test('the full script is compliant; a script that only moves the port names every other setting, TLS 1.0 and 1.1 but not 1.2', () => {
    expect(judge(MISSING, awsStack())).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(MISSING, userData(PORT_LINE))).toEqual([Compliance.NON_COMPLIANT, [`no script delivered to the host sets ${ALL_BUT_PORT.join(', ')}`]]);
  });

  test('a script that sets everything but the port names the port', () => {
    expect(judge(MISSING, userData(withoutPortWrite()))).toEqual([Compliance.NON_COMPLIANT, ['no script delivered to the host sets the listener port (PortNumber)']]);
  });

  test('settings split over two scripts (user data and a run command association) count together', () => {
    expect(judge(MISSING, runCommand(PORT_LINE, userData(withoutPortWrite())))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a setting written with a value the reader cannot compute is UNKNOWN, with the reason', () => {
    const [c, findings] = judge(MISSING, userData(`${withoutPortWrite()}\nSet-ItemProperty -Path '${WS}' -Name PortNumber -Value (Get-Random)`));
    expect(c).toBe(Compliance.UNKNOWN);
    expect(findings).toEqual([`the listener port (PortNumber) cannot be proven from the script body: line ${withoutPortWrite().split('\n').length + 2}: the output of Get-Random`]);
  });

  test('a setting that no readable script sets, next to a script that cannot be read, is UNKNOWN, not a finding', () => {
    const elsewhere = (text: string): TfJson => withResource(userData(text), 'aws_ssm_association', 'elsewhere', { name: 'shared-hardening', instance_id: '${aws_instance.host.id}' });
    const UNREADABLE = 'aws_ssm_association.elsewhere (document outside this stack): the script text cannot be read from the document';
    expect(judge(MISSING, elsewhere(withoutPortWrite()))).toEqual([Compliance.UNKNOWN, [UNREADABLE, 'not set by a readable script: the listener port (PortNumber)']]);
    expect(judge(MISSING, elsewhere(PORT_LINE))).toEqual([Compliance.UNKNOWN, [UNREADABLE, `not set by a readable script: ${ALL_BUT_PORT.join(', ')}`]]);
    // Complete readable settings do not outweigh a script that cannot be read: it may undo them.
    expect(judge(MISSING, elsewhere(script()))).toEqual([
      Compliance.UNKNOWN,
      [UNREADABLE, 'the readable scripts set every required setting, but a script that cannot be read may also run on the host and change them'],
    ]);
    expect(judge(MISSING, patch(awsStack(), 'aws_instance', 'host', { user_data: '${file("harden.ps1")}' }))).toEqual([Compliance.UNKNOWN, ['user_data: the script text cannot be read from the document']]);
  });

  test('no script at all, and rules on hosts only', () => {
    expect(judge(MISSING, patch(awsStack(), 'aws_instance', 'host', { user_data: undefined }))).toEqual([
      Compliance.NON_COMPLIANT,
      ['no hardening script reaches the host (user data, SSM association, run command or Custom Script extension)'],
    ]);
    expect(judge(MISSING, userData(PORT_LINE), 'aws_security_group.rdp')[0]).toBe(Compliance.NOT_APPLICABLE);
  });
});

describe('RDP-GUEST-PROFILE-MISSING (HardeningProfileDelivered): scripts that never complete', () => {
  test('a script whose every path throws is a finding, whatever it sets before', () => {
    expect(judge(MISSING, userData(`${script()}\nthrow 'stop'`))).toEqual([Compliance.NON_COMPLIANT, ['user_data: every path of the script ends in `throw` or a non-zero `exit`, so it never completes']]);
  });

  test('a script PowerShell cannot parse runs nothing: the first three syntax errors are named', () => {
    const lines = script().split('\n').length;
    const broken = userData(`${script()}\n$a = (\n$b = {\n$c = (\n$d = (`);
    expect(judge(MISSING, broken)).toEqual([
      Compliance.NON_COMPLIANT,
      [`user_data: PowerShell cannot parse the script (line ${lines + 2}: \`(\` is never closed; line ${lines + 3}: \`{\` is never closed; line ${lines + 4}: \`(\` is never closed), so none of it runs`],
    ]);
  });

  test('a complete script next to one that never completes: the failing one is reported', () => {
    expect(judge(MISSING, runCommand(`${script()}\nthrow 'stop'`, userData(script())))).toEqual([Compliance.NON_COMPLIANT, ['aws_ssm_association.harden parameters.commands: every path of the script ends in `throw` or a non-zero `exit`, so it never completes']]);
  });

  test('a manifest line that is not a JSON object is reported, truncated to 200 characters', () => {
    const long = `{"port": "${'x'.repeat(300)}`;
    const [c, findings] = judge(MISSING, userData(`# secure-rdp-hosts:profile ${long}\n${script()}`));
    expect(c).toBe(Compliance.NON_COMPLIANT);
    expect(findings).toEqual([`the profile manifest is not a JSON object: ${`aws_instance.host user_data: ${long}`.slice(0, 200)}`]);
  });
});

// ---------------------------------------------------------------- RDP-GUEST-DRIFT-CORRECTION

const DRIFT = 'RDP-GUEST-DRIFT-CORRECTION';
const NOTHING = (via: string): string =>
  `nothing re-applies the hardening profile on a schedule (${via}): a setting changed inside Windows stays changed. Run it from an SSM association with rate(30 minutes) (AWS) or deliver the script with its local drift-correction task (Azure run command)`;
/** The script with the pinned Install-DriftCorrectionTask helper (the renderer's text) called with `$DriftIntervalMinutes = interval`. */
const withLocalTask = (interval: string): string => [hardeningScriptFunctions(new Set(['Install-DriftCorrectionTask'])), `$DriftIntervalMinutes = ${interval}`, script(), 'Install-DriftCorrectionTask'].join('\n');
/** The host without user data, an SSM document carrying the script, and associations (name → body) running it. */
function viaDocument(associations: Record<string, Record<string, unknown>>): TfJson {
  const content = JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runPowerShellScript', inputs: { runCommand: script().split('\n') } }] });
  return {
    resource: {
      ...patch(awsStack(), 'aws_instance', 'host', { user_data: undefined }).resource,
      aws_ssm_document: { harden: { name: 'harden', document_type: 'Command', content } },
      aws_ssm_association: associations,
    },
  };
}
const onHost = (o: Record<string, unknown> = {}) => ({ name: '${aws_ssm_document.harden.name}', targets: [{ key: 'InstanceIds', values: ['${aws_instance.host.id}'] }], ...o });

describe('RDP-GUEST-DRIFT-CORRECTION (HardeningDriftCorrection): the local drift-correction task', () => {
  test('a task every 30 minutes corrects drift; every 31 is too slow', () => {
    expect(judge(DRIFT, userData(withLocalTask('30')))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DRIFT, userData(withLocalTask('1')))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DRIFT, userData(withLocalTask('31')))).toEqual([Compliance.NON_COMPLIANT, ['user_data: the local drift-correction task runs every 31 minutes, more than 30', NOTHING('user_data')]]);
  });

  test('an interval the reader cannot compute is UNKNOWN', () => {
    expect(judge(DRIFT, userData(withLocalTask("'often'")))).toEqual([
      Compliance.UNKNOWN,
      ["user_data: whether the script installs its local drift-correction task cannot be told (the drift-correction task interval is set to 'often', not a number)"],
    ]);
  });

  test('the manifest\'s claim of a task is not trusted; without a claim there is just nothing re-applying', () => {
    expect(judge(DRIFT, userData(script({ manifest: manifest({ localDriftTask: { intervalMinutes: 30 } }) })))).toEqual([
      Compliance.NON_COMPLIANT,
      ['user_data: the manifest claims a local drift-correction task, but the script body does not install one', NOTHING('user_data')],
    ]);
    expect(judge(DRIFT, awsStack())).toEqual([Compliance.NON_COMPLIANT, [NOTHING('user_data')]]);
  });

  test('every delivered script is named; one that re-applies is enough', () => {
    expect(judge(DRIFT, runCommand(script(), awsStack()))).toEqual([
      Compliance.NON_COMPLIANT,
      ['aws_ssm_association.harden has no schedule_expression, so it runs the profile once', NOTHING('user_data, aws_ssm_association.harden parameters.commands')],
    ]);
    expect(judge(DRIFT, runCommand(withLocalTask('30'), awsStack()))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(DRIFT, userData(withLocalTask("'often'"), runCommand(withLocalTask('30'), awsStack())))).toEqual([Compliance.COMPLIANT, []]);
  });
});

describe('RDP-GUEST-DRIFT-CORRECTION (HardeningDriftCorrection): State Manager associations', () => {
  test.each([undefined, null, ''])('an association with schedule_expression %j runs the profile once', (schedule) => {
    expect(judge(DRIFT, viaDocument({ harden: onHost({ schedule_expression: schedule }) }))).toEqual([
      Compliance.NON_COMPLIANT,
      ['aws_ssm_association.harden has no schedule_expression, so it runs the profile once', NOTHING('aws_ssm_document.harden content')],
    ]);
  });

  test('an AWS-RunPowerShellScript association with the script as its commands re-applies it on its own schedule', () => {
    const json = runCommand(script(), patch(awsStack(), 'aws_instance', 'host', { user_data: undefined }), 'rate(30 minutes)');
    expect(judge(DRIFT, json)).toEqual([Compliance.COMPLIANT, []]);
    const slow = runCommand(script(), patch(awsStack(), 'aws_instance', 'host', { user_data: undefined }), 'rate(1 hour)');
    expect(judge(DRIFT, slow)).toEqual([Compliance.NON_COMPLIANT, ['aws_ssm_association.harden re-applies the profile every 60 minutes, more than 30', NOTHING('aws_ssm_association.harden parameters.commands')]]);
  });

  test('an association that re-applies the document on ANOTHER instance does not correct drift on this one', () => {
    const json = viaDocument({
      once: onHost(),
      other: { name: '${aws_ssm_document.harden.name}', targets: [{ key: 'InstanceIds', values: ['${aws_instance.other.id}'] }], schedule_expression: 'rate(30 minutes)' },
    });
    json.resource.aws_instance.other = { ...json.resource.aws_instance.host };
    expect(judge(DRIFT, json)).toEqual([Compliance.NON_COMPLIANT, ['aws_ssm_association.once has no schedule_expression, so it runs the profile once', NOTHING('aws_ssm_document.harden content')]]);
    expect(judge(DRIFT, json, 'aws_instance.other')).toEqual([Compliance.COMPLIANT, []]);
  });

  test('an association that names the document by its literal name counts', () => {
    expect(judge(DRIFT, viaDocument({ harden: onHost({ name: 'harden', schedule_expression: 'rate(30 minutes)' }) }))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('user data is no association: an association of another document on the host does not re-apply it', () => {
    const json = withResource(awsStack(), 'aws_ssm_association', 'agent', { name: 'AWS-UpdateSSMAgent', instance_id: '${aws_instance.host.id}', schedule_expression: 'rate(30 minutes)' });
    expect(judge(DRIFT, json)).toEqual([Compliance.NON_COMPLIANT, [NOTHING('user_data')]]);
  });
});
