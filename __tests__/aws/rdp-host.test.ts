import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformStack } from 'cdktf';
import { Acknowledge, AwsRdpHost, AwsRdpHostProps, Peer, RdpAccess, RdpAllowlist, RdpPort, WindowsAmi } from '../../constructs';
import { plainNetwork, plainNetworkWithPublicSubnet, TEST_NETWORK } from '../helpers/aws-network';
import { plaintextSecrets } from '../helpers/security-assertions';
import { bodiesOf, dataOf, fullSynthJson, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const PUBLIC_SUBNET_ID = TEST_NETWORK.publicSubnetId;

/** A host in an existing network (endpoints exist; a public subnet only when asked). */
function addHost(stack: TerraformStack, id: string, overrides: Partial<AwsRdpHostProps> & { publicSubnet?: boolean } = {}): AwsRdpHost {
  const { publicSubnet, ...props } = overrides;
  return new AwsRdpHost(stack, id, {
    network: publicSubnet ? plainNetworkWithPublicSubnet() : plainNetwork(),
    image: WindowsAmi.fromId('ami-0123456789abcdef0'),
    access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['10.8.0.0/16'])),
    ...props,
  });
}

describe('AwsRdpHost', () => {
  test('secure defaults: IMDSv2, encrypted gp3, monitoring, EBS-optimized, SSM profile, no public IP', () => {
    const stack = testStack();
    addHost(stack, 'Host');
    const json = synthJson(stack);
    const instance = onlyResourceOf(json, Instance);
    expect(instance).toMatchObject({
      ami: 'ami-0123456789abcdef0',
      instance_type: 't3.large',
      associate_public_ip_address: false,
      monitoring: true,
      ebs_optimized: true,
      metadata_options: { http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 },
      root_block_device: { encrypted: true, volume_type: 'gp3', volume_size: 60 },
    });
    expect(instance.iam_instance_profile).toMatch(/aws_iam_instance_profile\./);
    expect(instance.get_password_data).toBeUndefined();
    expect(instance.key_name).toBeUndefined();
    expect(onlyResourceOf(json, IamRolePolicyAttachment).policy_arn).toMatch(/:iam::aws:policy\/AmazonSSMManagedInstanceCore$/);
  });

  test('the port drives the security group', () => {
    const stack = testStack();
    const host = addHost(stack, 'Host', { rdpPort: RdpPort.of(50123) });
    expect(host.rdpPort.number).toBe(50123);
    const rules = bodiesOf(synthJson(stack), VpcSecurityGroupIngressRule);
    expect(rules.map((r) => [r.from_port, r.to_port, r.cidr_ipv4])).toEqual([[50123, 50123, '10.8.0.0/16']]);
  });

  test('a public source gives the host a public IP and places it in the public subnet, which the network must have', () => {
    const stack = testStack();
    const host = addHost(stack, 'Host', { publicSubnet: true, access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['198.51.100.0/24']), Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from a fixed office range')) });
    expect(onlyResourceOf(synthJson(stack), Instance)).toMatchObject({ associate_public_ip_address: true, subnet_id: PUBLIC_SUBNET_ID });
    expect(host.publicIp).toBeDefined();
    expect(() => addHost(testStack(), 'Host', { access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['198.51.100.0/24']), Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from a fixed office range')) })).toThrow(/`allowlist` has public sources, so the hosts get a public IP, but the network has no public subnet/);
  });

  test('records the access mode on the instance for the plan review', () => {
    const stack = testStack();
    addHost(stack, 'Host');
    expect((onlyResourceOf(fullSynthJson(stack), Instance)['//'] as Record<string, unknown>).rdp_access_mode).toBe('allowlist');
  });

  test('VPN-only: no public IP and the private subnet, even when the network has a public subnet; public sources refused', () => {
    const stack = testStack();
    const host = addHost(stack, 'Host', { publicSubnet: true, access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/16'])) });
    const instance = onlyResourceOf(fullSynthJson(stack), Instance);
    expect(instance).toMatchObject({ associate_public_ip_address: false, subnet_id: 'subnet-0a1b2c3d' });
    expect((instance['//'] as Record<string, unknown>).rdp_access_mode).toBe('vpn-only');
    expect(() => host.allowRdpFrom(Peer.cidr('198.51.100.0/24'))).toThrow(/`peer` is a public range, got "198\.51\.100\.0\/24", but .* is VPN-only/);
    expect(() => RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/16', '203.0.113.0/24']))).toThrow(/`allowlist\[1\]` is a public range/);
  });

  test('VPN-only with no VPN connected fails synth with the fix', () => {
    const stack = testStack();
    addHost(stack, 'Host', { access: RdpAccess.vpnOnly() });
    expect(() => synthJson(stack, true)).toThrow(/is VPN-only, but no VPN was connected to it.*vpn\.allowRdpTo\(host\)/s);
  });

  test('allowRdpFrom refuses a public source on a host without a public IP (the rule would be dead)', () => {
    const host = addHost(testStack(), 'Host');
    expect(() => host.allowRdpFrom(Peer.cidr('198.51.100.0/24'))).toThrow(/`peer` is a public range, got "198\.51\.100\.0\/24", but the hosts of .* have no public IP, so it could never reach them \(a dead rule\)/);
  });

  test('allowRdpFrom adds a source', () => {
    const stack = testStack();
    const host = addHost(stack, 'Host');
    host.allowRdpFrom(Peer.cidr('10.9.0.0/16'));
    expect(bodiesOf(synthJson(stack), VpcSecurityGroupIngressRule).map((r) => r.cidr_ipv4).sort()).toEqual(['10.8.0.0/16', '10.9.0.0/16']);
  });

  test('password data is opt-in, needs a key pair, and is recorded as an acknowledged risk', () => {
    const ack = Acknowledge.risk('RDP-AWS-PASSWORD-DATA', 'Lab host without a directory; key kept in the team vault');
    expect(() => addHost(testStack(), 'Host', { passwordDataInState: ack })).toThrow(/`passwordDataInState` needs `keyPairName`/);
    expect(() => addHost(testStack(), 'Host', { keyPairName: 'ops', passwordDataInState: Acknowledge.risk('RDP-OTHER-RISK', 'a long enough reason') })).toThrow(/`passwordDataInState\.id` must be "RDP-AWS-PASSWORD-DATA"/);

    const stack = testStack();
    addHost(stack, 'Host', { keyPairName: 'ops', passwordDataInState: ack });
    const json = fullSynthJson(stack);
    const instance = onlyResourceOf(json, Instance);
    expect(instance.get_password_data).toBe(true);
    expect((instance['//'] as Record<string, unknown>).rdp_acknowledgements).toEqual([ack.toJSON()]);
    expect(plaintextSecrets(json)).toEqual([]);
  });

  test('latest AMI from SSM is opt-in and never replaces the instance on a new AMI', () => {
    const stack = testStack();
    addHost(stack, 'Host', { image: WindowsAmi.latestFromSsm() });
    const json = synthJson(stack);
    expect(Object.values(dataOf(json, DataAwsSsmParameter))[0]).toMatchObject({ name: '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base' });
    const instance = onlyResourceOf(json, Instance);
    expect(instance.ami).toMatch(/insecure_value/);
    expect(instance.lifecycle).toEqual({ ignore_changes: ['ami', 'user_data'] });
  });

  test('fails on bad props, naming the field', () => {
    expect(() => WindowsAmi.fromId('ami-123')).toThrow(/`amiId` must be an AMI ID/);
    expect(() => WindowsAmi.latestFromSsm('/my/param')).toThrow(/`parameterName`/);
    expect(() => addHost(testStack(), 'Host', { rootVolumeSizeGiB: 20 })).toThrow(/`rootVolumeSizeGiB` must be an integer from 30 to 16384.*got 20/);
  });
});
