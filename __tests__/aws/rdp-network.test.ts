import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { AwsRdpNetwork } from '../../constructs';
import { bodiesOf, onlyResourceOf, synthJson, testStack } from '../helpers/template';

describe('AwsRdpNetwork', () => {
  test('private by default: no internet gateway, Systems Manager through VPC endpoints', () => {
    const stack = testStack();
    new AwsRdpNetwork(stack, 'Net');
    const json = synthJson(stack);
    expect(bodiesOf(json, InternetGateway)).toHaveLength(0);
    expect(bodiesOf(json, Route)).toHaveLength(0);
    const services = bodiesOf(json, VpcEndpoint).map((e) => String(e.service_name).split('.').pop());
    expect(services.sort()).toEqual(['ec2messages', 's3', 'ssm', 'ssmmessages']);
    expect(onlyResourceOf(json, Subnet)).toMatchObject({ cidr_block: '10.42.1.0/24', map_public_ip_on_launch: false });
  });

  test('internet-facing adds a gateway route and no SSM endpoints', () => {
    const stack = testStack();
    new AwsRdpNetwork(stack, 'Net', { internetFacing: true });
    const json = synthJson(stack);
    expect(bodiesOf(json, InternetGateway)).toHaveLength(1);
    expect(onlyResourceOf(json, Route)).toMatchObject({ destination_cidr_block: '0.0.0.0/0' });
    expect(bodiesOf(json, VpcEndpoint)).toHaveLength(0);
  });

  test('closes the default security group and logs all traffic with retention', () => {
    const stack = testStack();
    new AwsRdpNetwork(stack, 'Net', { flowLogRetentionDays: 731 });
    const json = synthJson(stack);
    const defaultGroup = onlyResourceOf(json, DefaultSecurityGroup);
    expect(defaultGroup.ingress).toBeUndefined();
    expect(defaultGroup.egress).toBeUndefined();
    expect(onlyResourceOf(json, FlowLog)).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    expect(onlyResourceOf(json, CloudwatchLogGroup)).toMatchObject({ retention_in_days: 731 });
  });

  test('fails on a retention CloudWatch does not accept or that is too short', () => {
    expect(() => new AwsRdpNetwork(testStack(), 'Net', { flowLogRetentionDays: 100 })).toThrow(/`flowLogRetentionDays` must be a CloudWatch Logs retention of at least 90 days, got 100/);
    expect(() => new AwsRdpNetwork(testStack(), 'Net', { flowLogRetentionDays: 30 })).toThrow(/`flowLogRetentionDays`/);
  });

  test('fails on network ranges that are not private, malformed, or outside the VPC', () => {
    expect(() => new AwsRdpNetwork(testStack(), 'Net', { vpcCidr: '198.51.0.0/16' })).toThrow(/`vpcCidr` is not a usable network range/);
    expect(() => new AwsRdpNetwork(testStack(), 'Net', { vpcCidr: '10.42.0.1/16' })).toThrow(/`vpcCidr` has host bits set.*"10\.42\.0\.0\/16"/);
    expect(() => new AwsRdpNetwork(testStack(), 'Net', { subnetCidr: '10.43.1.0/24' })).toThrow(/`subnetCidr` must lie inside 10\.42\.0\.0\/16/);
  });

  test('fromExisting validates IDs and creates nothing', () => {
    const network = AwsRdpNetwork.fromExisting({ vpcId: 'vpc-0a1b2c3d4e5f60718', subnetId: 'subnet-0a1b2c3d' });
    expect(network).toMatchObject({ vpcId: 'vpc-0a1b2c3d4e5f60718', subnetId: 'subnet-0a1b2c3d', internetFacing: false });
    expect(AwsRdpNetwork.fromExisting({ vpcId: 'vpc-0a1b2c3d', subnetId: 'subnet-0a1b2c3d', vpcCidr: '10.1.0.0/16', subnetCidr: '10.1.2.0/24' })).toMatchObject({ vpcCidr: '10.1.0.0/16', subnetCidr: '10.1.2.0/24' });
    expect(() => AwsRdpNetwork.fromExisting({ vpcId: 'vpc-0a1b2c3d', subnetId: 'subnet-0a1b2c3d', vpcCidr: '10.1.0.0/16', subnetCidr: '10.2.2.0/24' })).toThrow(/`subnetCidr` must lie inside 10\.1\.0\.0\/16/);
    expect(() => AwsRdpNetwork.fromExisting({ vpcId: 'vpc-xyz', subnetId: 'subnet-0a1b2c3d' })).toThrow(/`vpcId` must be an ID like/);
    expect(() => AwsRdpNetwork.fromExisting({ vpcId: 'vpc-0a1b2c3d', subnetId: 'sub-1' })).toThrow(/`subnetId` must be an ID like/);
  });
});
