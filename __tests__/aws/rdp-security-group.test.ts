import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { AwsRdpSecurityGroup, Peer, RdpAllowlist, RdpPort } from '../../constructs';
import { bodiesOf, onlyResourceOf, synthJson, testStack } from '../helpers/template';

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

  test('one TCP rule per source on the custom port, IPv4 and IPv6, with descriptions', () => {
    const stack = testStack();
    new AwsRdpSecurityGroup(stack, 'Sg', {
      vpcId: 'vpc-0a1b2c3d',
      rdpPort: RdpPort.of(50123),
      sources: RdpAllowlist.fromCidrs(['198.51.100.0/24', '2001:db8:1::/48']).peers,
    });
    const rules = bodiesOf(synthJson(stack), VpcSecurityGroupIngressRule);
    expect(rules).toHaveLength(2);
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ip_protocol: 'tcp', from_port: 50123, to_port: 50123, cidr_ipv4: '198.51.100.0/24', description: expect.stringContaining('198.51.100.0/24') }),
        expect.objectContaining({ ip_protocol: 'tcp', from_port: 50123, to_port: 50123, cidr_ipv6: '2001:db8:1::/48' }),
      ]),
    );
    for (const rule of rules) expect(rule.cidr_ipv4 === undefined || rule.cidr_ipv6 === undefined).toBe(true);
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
    sg.allowRdpFrom(Peer.awsSecurityGroup('sg-0123456789abcdef0', 'client VPN'));
    const [rule] = bodiesOf(synthJson(stack), VpcSecurityGroupIngressRule);
    expect(rule).toMatchObject({ referenced_security_group_id: 'sg-0123456789abcdef0', from_port: 43389, to_port: 43389, ip_protocol: 'tcp' });
    expect(rule.cidr_ipv4).toBeUndefined();
  });

  test('egress is HTTPS and HTTP only', () => {
    const stack = testStack();
    new AwsRdpSecurityGroup(stack, 'Sg', { vpcId: 'vpc-0a1b2c3d' });
    const egress = bodiesOf(synthJson(stack), VpcSecurityGroupEgressRule);
    expect(egress.map((r) => [r.ip_protocol, r.from_port, r.to_port]).sort()).toEqual([
      ['tcp', 443, 443],
      ['tcp', 80, 80],
    ]);
  });
});
