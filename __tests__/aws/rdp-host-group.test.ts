import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SsmAssociation } from '@cdktf/provider-aws/lib/ssm-association';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { AwsRdpClientVpn, AwsRdpHost, AwsRdpHostGroup, ClientVpnAuthentication, Peer, RdpAccess, RdpAllowlist, RdpPort, WindowsAmi, WindowsServerVersion } from '../../constructs';
import { plainNetwork } from '../helpers/aws-network';
import { bodiesOf, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const NETWORK = plainNetwork();
const IMAGE = WindowsAmi.fromId('ami-0123456789abcdef0');

function fleet(members: number) {
  const stack = testStack();
  const group = new AwsRdpHostGroup(stack, 'Jump', { network: NETWORK, rdpPort: RdpPort.of(44123) });
  const vpn = new AwsRdpClientVpn(stack, 'Vpn', {
    network: NETWORK,
    serverCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000001',
    authentication: ClientVpnAuthentication.mutualTls('arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000002'),
  });
  const hosts = Array.from({ length: members }, (_, i) => new AwsRdpHost(stack, `Host${i + 1}`, { group, image: IMAGE }));
  vpn.allowRdpTo(group);
  for (const host of hosts) vpn.allowRdpTo(host); // through a member: the same group, a no-op
  return { stack, group, hosts };
}

describe('AwsRdpHostGroup', () => {
  test('members share one security group, role and hardening association; the cost per extra host is one instance', () => {
    const { stack, group } = fleet(3);
    const json = synthJson(stack);
    const instances = bodiesOf(json, Instance);
    expect(instances).toHaveLength(3);
    expect(bodiesOf(json, SecurityGroup)).toHaveLength(2); // the group's and the VPN endpoint's
    expect(bodiesOf(json, IamRole)).toHaveLength(1);
    expect(bodiesOf(json, SsmDocument)).toHaveLength(1);
    for (const instance of instances) {
      expect(instance.vpc_security_group_ids).toEqual([expect.stringMatching(/aws_security_group\.Jump_SecurityGroup_/)]);
      expect(instance.tags).toMatchObject({ 'rdp-host-group': group.tagValue });
      expect(instance.user_data).toBe(instances[0].user_data);
    }
    const association = onlyResourceOf(json, SsmAssociation);
    expect(association.targets).toEqual([{ key: 'tag:rdp-host-group', values: [group.tagValue] }]);
    expect(association.depends_on).toHaveLength(3);
  });

  test('a VPN grant to the group is one ingress and one egress rule, however many members', () => {
    const json = synthJson(fleet(3).stack);
    const rdp = bodiesOf(json, VpcSecurityGroupIngressRule).filter((r) => r.from_port === 44123);
    expect(rdp).toHaveLength(1);
    expect(rdp[0].referenced_security_group_id).toMatch(/aws_security_group\.Vpn_SecurityGroup_/);
    expect(bodiesOf(json, VpcSecurityGroupEgressRule).filter((r) => r.from_port === 44123)).toHaveLength(1);
  });

  test('a member host may not set what the group owns', () => {
    const { stack, group } = fleet(1);
    expect(() => new AwsRdpHost(stack, 'Other', { group, image: IMAGE, rdpPort: RdpPort.of(50000) })).toThrow(/`rdpPort` comes from the host group .*Jump; do not set it on a member host/);
    expect(() => new AwsRdpHost(stack, 'Other2', { group, image: IMAGE, access: RdpAccess.vpnOnly() })).toThrow(/`access` comes from the host group/);
  });

  test('members must run the Windows release the group is hardened for', () => {
    const { stack, group } = fleet(1);
    const image2019 = WindowsAmi.fromId('ami-0123456789abcdef1', { windowsVersion: WindowsServerVersion.SERVER_2019 });
    expect(() => new AwsRdpHost(stack, 'Old', { group, image: image2019 })).toThrow(/`image` is Windows Server 2019, but the group .* is hardened for 2022/);
  });

  test('a host without a group needs a network, and builds a group of its own', () => {
    expect(() => new AwsRdpHost(testStack(), 'Lonely', { image: IMAGE })).toThrow(/`network` is required for a host without a group/);
    const stack = testStack();
    const host = new AwsRdpHost(stack, 'Solo', { network: NETWORK, image: IMAGE, access: RdpAccess.vpnOnly() });
    expect(host.group.node.path).toBe('test/Solo/Group');
    expect(host.access.isVpnOnly).toBe(true);
  });
});

describe('AwsRdpHostGroup tags', () => {
  test("tag every taggable resource the group creates, literally; the resources' own tags win", () => {
    const stack = testStack();
    const group = new AwsRdpHostGroup(stack, 'Ops', { network: plainNetwork(), access: RdpAccess.vpnOnly(), tags: { team: 'ops', note: '${file("x")}', Name: 'spoof', 'rdp-host-group': 'spoof' } });
    group.allowRdpFrom(Peer.cidr('10.8.0.0/24'));
    new AwsRdpHost(stack, 'Ops1', { group, image: WindowsAmi.fromId('ami-0123456789abcdef0') });
    const json = synthJson(stack);
    for (const type of [SecurityGroup, IamRole, SsmDocument]) {
      expect(onlyResourceOf(json, type).tags).toMatchObject({ team: 'ops', note: '$${file("x")}' });
    }
    expect(onlyResourceOf(json, SecurityGroup).tags).toMatchObject({ Name: 'test/Ops/SecurityGroup' });
    // A member takes only its own tags (none here): the group's tags stay on the group's resources.
    expect(onlyResourceOf(json, Instance).tags).toEqual({ Name: 'test/Ops1', 'rdp-host-group': 'test/Ops' });
  });

  test('no tags, no change: the resources carry only their own tags', () => {
    const stack = testStack();
    new AwsRdpHostGroup(stack, 'Ops', { network: plainNetwork(), access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) });
    const json = synthJson(stack);
    expect(onlyResourceOf(json, IamRole).tags).toBeUndefined();
  });
});
