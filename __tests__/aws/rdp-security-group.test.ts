import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Acknowledge, AwsRdpSecurityGroup, AwsSecurityGroupPeer, Peer, RdpAllowlist, RdpPort } from '../../constructs';
import { bodiesOf, fullSynthJson, onlyResourceOf, synthJson, testStack } from '../helpers/template';

describe('AwsRdpSecurityGroup', () => {
  test('starts closed: no inbound rule without an allowlist', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d' });
    // THEN
    const json = synthJson(stack);
    expect(bodiesOf(json, VpcSecurityGroupIngressRule)).toHaveLength(0);
    expect(onlyResourceOf(json, SecurityGroup)).toMatchObject({ vpc_id: 'vpc-0a1b2c3d', revoke_rules_on_delete: true });
    expect(onlyResourceOf(json, SecurityGroup).ingress).toBeUndefined();
  });

  test('one TCP rule per source on the custom port, with descriptions', () => {
    const stack = testStack();
    new AwsRdpSecurityGroup(stack, 'Sg', {
      vpcId: 'vpc-0a1b2c3d',
      rdpPort: RdpPort.of(50123),
      sources: RdpAllowlist.fromCidrs(['198.51.100.0/24', '10.8.0.0/24']).peers,
    });
    const rules = bodiesOf(synthJson(stack), VpcSecurityGroupIngressRule);
    expect(rules).toHaveLength(2);
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ip_protocol: 'tcp', from_port: 50123, to_port: 50123, cidr_ipv4: '198.51.100.0/24', description: expect.stringContaining('198.51.100.0/24') }),
        expect.objectContaining({ ip_protocol: 'tcp', from_port: 50123, to_port: 50123, cidr_ipv4: '10.8.0.0/24' }),
      ]),
    );
    for (const rule of rules) expect(rule.cidr_ipv6).toBeUndefined();
  });

  test('IPv6 sources are refused with the reason: the networks are IPv4-only, so the rule would be dead', () => {
    expect(() => Peer.cidr('2001:db8:1::/48')).toThrow(/`peer` must be an IPv4 range, got "2001:db8:1::\/48"\. The hosts have IPv4 addresses only .*could never match any traffic \(a dead rule\)/);
    expect(() => RdpAllowlist.fromCidrs(['198.51.100.0/24', 'fd00:1::/48'])).toThrow(/`allowlist\[1\]` must be an IPv4 range/);
  });

  test('adds a UDP rule per source when asked', () => {
    const stack = testStack();
    new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d', udp: true, sources: RdpAllowlist.fromCidrs(['198.51.100.0/24']).peers });
    const protocols = bodiesOf(synthJson(stack), VpcSecurityGroupIngressRule).map((r) => r.ip_protocol).sort();
    expect(protocols).toEqual(['tcp', 'udp']);
  });

  test('allowRdpFrom is additive and idempotent', () => {
    const stack = testStack();
    const sg = new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d' });
    sg.allowRdpFrom(Peer.cidr('203.0.113.0/24'));
    sg.allowRdpFrom(Peer.cidr('203.0.113.0/24'));
    expect(bodiesOf(synthJson(stack), VpcSecurityGroupIngressRule)).toHaveLength(1);
    expect(sg.admittedPeers.map((p) => p.label)).toEqual(['203.0.113.0/24']);
  });

  test('adding a source does not rename the rules of existing ones', () => {
    const names = (cidrs: string[]) => {
      const stack = testStack();
      new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d', sources: RdpAllowlist.fromCidrs(cidrs).peers });
      return Object.keys(synthJson(stack).resource?.aws_vpc_security_group_ingress_rule ?? {});
    };
    const before = names(['198.51.100.0/24']);
    const after = names(['203.0.113.0/24', '198.51.100.0/24']);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  test('a security group peer becomes a referenced-group rule', () => {
    const stack = testStack();
    const sg = new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d' });
    sg.allowRdpFrom(AwsSecurityGroupPeer.of('sg-0123456789abcdef0', 'client VPN'));
    const [rule] = bodiesOf(synthJson(stack), VpcSecurityGroupIngressRule);
    expect(rule).toMatchObject({ referenced_security_group_id: 'sg-0123456789abcdef0', from_port: 43389, to_port: 43389, ip_protocol: 'tcp' });
    expect(rule.cidr_ipv4).toBeUndefined();
  });

  test('no egress unless a management path or internet egress is given', () => {
    const stack = testStack();
    new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d' });
    expect(bodiesOf(synthJson(stack), VpcSecurityGroupEgressRule)).toHaveLength(0);
  });

  test('management endpoints: HTTPS to the endpoints and the S3 prefix list only, and the endpoints admit this group', () => {
    const stack = testStack();
    const admitted: [string, string][] = [];
    const admitHostGroup = (id: string, label: string) => admitted.push([id, label]);
    new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d', managementEndpoints: { securityGroupId: 'sg-0e0e0e0e0e', s3PrefixListId: 'pl-6da54004', admitHostGroup } });
    const json = synthJson(stack);
    const egress = bodiesOf(json, VpcSecurityGroupEgressRule);
    expect(egress.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.referenced_security_group_id ?? r.prefix_list_id ?? r.cidr_ipv4]).sort()).toEqual([
      ['tcp', 443, 443, 'pl-6da54004'],
      ['tcp', 443, 443, 'sg-0e0e0e0e0e'],
    ]);
    // The endpoints (their owner) are asked to admit this group's security group.
    expect(admitted).toEqual([[expect.stringMatching(/^\$\{TfToken/), 'test/Sg']]);
  });

  test('internet egress: HTTPS and HTTP to the world only with the acknowledgement, recorded on each rule', () => {
    const ack = Acknowledge.risk('RDP-NET-INTERNET-EGRESS', 'Windows Update from Microsoft, no WSUS');
    const stack = testStack();
    new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d', internetEgress: ack });
    const egress = bodiesOf(fullSynthJson(stack), VpcSecurityGroupEgressRule);
    expect(egress.map((r) => [r.from_port, r.cidr_ipv4]).sort()).toEqual([
      [443, '0.0.0.0/0'],
      [80, '0.0.0.0/0'],
    ]);
    for (const rule of egress) expect((rule['//'] as Record<string, unknown>).rdp_acknowledgements).toEqual([ack.toJSON()]);
    expect(() => new AwsRdpSecurityGroup(testStack(), 'Sg', { vpcId: 'vpc-0a1b2c3d', internetEgress: Acknowledge.risk('RDP-NET-PUBLIC-IP', 'the wrong acknowledgement') })).toThrow(/`internetEgress\.id` must be "RDP-NET-INTERNET-EGRESS"/);
  });
});

describe('AwsSecurityGroupPeer', () => {
  test('is never public, and the guest admits the ranges its traffic comes from, not the group', () => {
    const sources = [Peer.cidr('10.42.1.0/24'), Peer.cidr('10.42.2.0/24')];
    const peer = AwsSecurityGroupPeer.of('sg-0123456789abcdef0', 'client VPN', sources);
    expect({ isPublic: peer.isPublic, guest: peer.guestSources.map((p) => p.cidr), uniqueId: peer.uniqueId }).toEqual({ isPublic: false, guest: ['10.42.1.0/24', '10.42.2.0/24'], uniqueId: 'sg-client-VPN' });
  });
});
