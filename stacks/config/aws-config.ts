import { z } from 'zod';
import { acknowledgementField, allowlistField, nameField, rdpPortField, refineByThrowing, tagsField } from './fields';
import { AwsRdpNetwork, DEFAULT_SUBNET_CIDR, DEFAULT_VPC_CIDR, RdpValidationError, validateLogRetentionDays, WindowsAmi } from '../../constructs';
import { checkAllowlistCidr, isPrivateCidr } from '../../constructs/private/cidr';
import { checkNetworkCidr } from '../../constructs/private/network-cidr';

const awsNetwork = z
  .object({
    vpcCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'vpcCidr'))).optional().meta({ description: 'New VPC IPv4 range (private, /16–/28). Default 10.42.0.0/16.' }),
    subnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'subnetCidr'))).optional().meta({ description: 'New host subnet range inside vpcCidr. Default 10.42.1.0/24.' }),
    availabilityZone: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'must be an availability zone such as "eu-west-1a"').optional(),
    flowLogRetentionDays: z.number().int().superRefine(refineByThrowing((v: number) => validateLogRetentionDays(v, 'flowLogRetentionDays'))).optional().meta({ description: 'VPC flow log retention in days (a CloudWatch value, at least 90). Default 365.' }),
    existingVpcId: z.string().superRefine(refineByThrowing((v: string) => AwsRdpNetwork.fromExisting({ vpcId: v, subnetId: 'subnet-00000000' }))).optional().meta({ description: 'Use this existing VPC (vpc-…) instead of creating one; needs existingSubnetId.' }),
    existingSubnetId: z.string().superRefine(refineByThrowing((v: string) => AwsRdpNetwork.fromExisting({ vpcId: 'vpc-00000000', subnetId: v }))).optional().meta({ description: 'Existing subnet (subnet-…) for the hosts; needs existingVpcId.' }),
    internetFacing: z.boolean().optional().meta({ description: 'The host subnet routes to an internet gateway. Default: for a new VPC, true only when a host allowlists a public source; for an existing subnet, false.' }),
  })
  .strict()
  .superRefine((network, ctx) => {
    const existing = network.existingVpcId !== undefined || network.existingSubnetId !== undefined;
    if (!existing) {
      const vpcCidr = network.vpcCidr ?? DEFAULT_VPC_CIDR;
      const subnetCidr = network.subnetCidr ?? DEFAULT_SUBNET_CIDR;
      try {
        checkNetworkCidr(subnetCidr, 'subnetCidr', checkNetworkCidr(vpcCidr, 'vpcCidr'));
      } catch (e) {
        // Syntax problems are reported on the fields themselves; here only "subnet outside the VPC".
        if (RdpValidationError.isRdpValidationError(e) && e.field === 'subnetCidr') ctx.addIssue({ code: 'custom', path: ['subnetCidr'], message: e.problem });
      }
      return;
    }
    for (const key of ['existingVpcId', 'existingSubnetId'] as const) {
      if (network[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when an existing network is used (set both existingVpcId and existingSubnetId).' });
    }
    for (const key of ['vpcCidr', 'subnetCidr', 'availabilityZone', 'flowLogRetentionDays'] as const) {
      if (network[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `only applies to a new VPC, got ${JSON.stringify(network[key])} together with existingVpcId. Remove it, or remove the existing* fields.` });
    }
  });

/** One AWS host in the configuration file. */
export const awsHostConfig = z
  .object({
    name: nameField,
    amiId: z.string().superRefine(refineByThrowing((v: string) => v === 'latest' || WindowsAmi.fromId(v))).meta({ description: 'Pinned Windows Server AMI ID (ami-…), or "latest" to look up the public SSM parameter at plan time (needs AWS access).' }),
    instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an EC2 instance type such as "t3.large"').optional(),
    rdpPort: rdpPortField.optional(),
    udp: z.boolean().optional().meta({ description: 'Also admit RDP over UDP on the same port. Default false.' }),
    allowlist: allowlistField,
    rootVolumeSizeGiB: z.number().int().min(30).max(16384).optional().meta({ description: 'Encrypted gp3 root volume size, 30–16384 GiB. Default 60.' }),
    keyPairName: z.string().min(1).optional().meta({ description: 'EC2 key pair to decrypt the generated Administrator password outside Terraform.' }),
    passwordDataInState: acknowledgementField.optional().meta({ description: 'Opt-in: read the encrypted password data into Terraform state (id must be RDP-AWS-PASSWORD-DATA).' }),
  })
  .strict();

/** The `aws` section of the configuration file. */
export const awsConfig = z
  .object({
    stackName: nameField.optional().meta({ description: 'Terraform stack name. Default "aws-rdp-hosts".' }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as "eu-west-1"').meta({ description: 'AWS region, e.g. eu-west-1.' }),
    network: awsNetwork.optional().meta({ description: 'A new VPC (default) or an existing VPC and subnet.' }),
    hosts: z.array(awsHostConfig).min(1).meta({ description: 'The Windows RDP hosts.' }),
    tags: tagsField.optional(),
  })
  .strict()
  .superRefine((aws, ctx) => {
    const subnetReachesInternet = aws.network?.existingVpcId === undefined || aws.network.internetFacing === true;
    aws.hosts.forEach((host, index) => {
      if (subnetReachesInternet) return;
      const publicSources = host.allowlist.filter((cidr) => { const c = checkAllowlistCidr(cidr); return c.ok && !isPrivateCidr(c.value); });
      if (publicSources.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['hosts', index, 'allowlist'], message: `has public sources (${publicSources.join(', ')}), but the existing subnet is not internet-facing, so they could never reach the host. Set network.internetFacing to true if the subnet routes to an internet gateway, or allowlist private ranges reached through a VPN.` });
      }
    });
    const seen = new Set<string>();
    aws.hosts.forEach((host, index) => {
      if (seen.has(host.name)) ctx.addIssue({ code: 'custom', path: ['hosts', index, 'name'], message: `repeats the name of another host, got ${JSON.stringify(host.name)}. Host names must be unique.` });
      seen.add(host.name);
    });
  });

/** The validated `aws` section. */
export type AwsConfig = z.infer<typeof awsConfig>;
/** One validated AWS host. */
export type AwsHostConfig = z.infer<typeof awsHostConfig>;
