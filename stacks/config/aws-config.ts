import { z } from 'zod';
import { acknowledgementField, awsAccessField, allowlistField, checkHostGroups, checkHostsAccess, hostAccess, internetExposureField, nameField, rdpPortField, refineByThrowing, tagsField } from './fields';
import { hardeningField, windowsVersionField } from './hardening-config';
import { AWS_ID_PATTERNS, AWS_MANAGEMENT_PATHS, AwsManagementPath, awsPlacementProblems, checkAcmCertificateArn, checkAmiId, checkClientCidr, CLIENT_VPN_SESSION_HOURS, ClientVpnAuthentication, DEFAULT_SESSION_LOG_RETENTION_DAYS, DEFAULT_SUBNET_CIDR, DEFAULT_VPC_CIDR, resolvePublicSubnetCidr, validateLogRetentionDays } from '../../constructs/aws';
import { checkCustomerGatewayIp, checkNetworkCidr, checkOnPremisesCidrs, INTERNET_EGRESS_RISK_ID, RdpAccess, RdpErrorCode, RdpValidationError } from '../../constructs/core';

const NEW_NETWORK_PATHS = [AwsManagementPath.CREATE_ENDPOINTS, AwsManagementPath.NAT];
const idField = (kind: keyof typeof AWS_ID_PATTERNS) => z.string().regex(AWS_ID_PATTERNS[kind], `must be an ID like "${kind}-0a1b2c3d4e5f60718"`);

const awsNetwork = z
  .object({
    vpcCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'vpcCidr'))).optional().meta({ description: `New VPC IPv4 range (private, /16–/28). Default ${DEFAULT_VPC_CIDR}.` }),
    subnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'subnetCidr'))).optional().meta({ description: `New private host subnet (hosts without a public IP; no internet gateway route) inside vpcCidr. Default ${DEFAULT_SUBNET_CIDR}.` }),
    publicSubnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'publicSubnetCidr'))).optional().meta({ description: 'New public subnet (hosts whose allowlist has public sources, and the NAT gateway) inside vpcCidr, apart from subnetCidr. Created only when needed. Default: the block of the same size after subnetCidr.' }),
    availabilityZone: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'must be an availability zone such as "eu-west-1a"').optional(),
    flowLogRetentionDays: z.number().int().superRefine(refineByThrowing((v: number) => validateLogRetentionDays(v, 'flowLogRetentionDays'))).optional().meta({ description: 'VPC flow log retention in days (a CloudWatch value, at least 90). Default 365.' }),
    managementPath: z
      .enum(AWS_MANAGEMENT_PATHS as [AwsManagementPath, ...AwsManagementPath[]])
      .optional()
      .meta({
        description:
          'How hosts reach Systems Manager (which applies and re-applies the RDP hardening). "create-endpoints": interface endpoints ssm, ssmmessages, ec2messages and an S3 gateway endpoint in the VPC (about 22 USD a month); ' +
          '"existing-endpoints": the existing VPC has them (existing networks only); "nat": through a NAT gateway (every host must then acknowledge internetEgress). Default "create-endpoints" for a new VPC; required with an existing network.',
      }),
    natGateway: z.boolean().optional().meta({ description: 'New VPC: a NAT gateway (about 33 USD a month plus 0.045 USD per GB) so hosts without a public IP can reach the internet when they acknowledge internetEgress. Default: only with managementPath "nat".' }),
    existingVpcId: idField('vpc').optional().meta({ description: 'Use this existing VPC (vpc-…) instead of creating one; needs existingSubnetId and managementPath.' }),
    existingSubnetId: idField('subnet').optional().meta({ description: 'Existing private subnet (subnet-…, no internet gateway route) for hosts without a public IP; needs existingVpcId.' }),
    existingVpcCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'vpcCidr'))).optional().meta({ description: 'The existing VPC\'s range (VPN pools are checked against it).' }),
    existingSubnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'subnetCidr'))).optional().meta({ description: 'The existing private subnet\'s range (Client VPN authorization is scoped to it; required with clientVpn).' }),
    existingRouteTableId: idField('rtb').optional().meta({ description: 'The existing private subnet\'s route table (required with siteToSiteVpn and with managementPath "create-endpoints").' }),
    existingPublicSubnetId: idField('subnet').optional().meta({ description: 'Existing subnet routed to an internet gateway, for hosts whose allowlist has public sources.' }),
    existingPublicSubnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'publicSubnetCidr'))).optional().meta({ description: 'The existing public subnet\'s range (required with clientVpn when a host has public sources).' }),
    existingPublicRouteTableId: idField('rtb').optional().meta({ description: 'The existing public subnet\'s route table (required with siteToSiteVpn when a host has public sources).' }),
    existingEndpointSecurityGroupId: idField('sg').optional().meta({ description: 'With managementPath "existing-endpoints": the endpoints\' security group, which hosts egress HTTPS to (it must admit them). Default: hosts egress HTTPS to existingVpcCidr.' }),
  })
  .strict()
  .superRefine((network, ctx) => {
    const existing = network.existingVpcId !== undefined || network.existingSubnetId !== undefined;
    const issueAt = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    if (!existing) {
      for (const key of ['existingVpcCidr', 'existingSubnetCidr', 'existingRouteTableId', 'existingPublicSubnetId', 'existingPublicSubnetCidr', 'existingPublicRouteTableId', 'existingEndpointSecurityGroupId'] as const) {
        if (network[key] !== undefined) issueAt(key, 'only applies to an existing network (set existingVpcId and existingSubnetId).');
      }
      if (network.managementPath !== undefined && !NEW_NETWORK_PATHS.includes(network.managementPath)) issueAt('managementPath', `must be "create-endpoints" or "nat" for a new VPC, got ${JSON.stringify(network.managementPath)}: the endpoints of a new VPC do not exist yet.`);
      if (network.managementPath === AwsManagementPath.NAT && network.natGateway === false) issueAt('natGateway', 'must not be false with managementPath "nat": hosts would have no path to Systems Manager.');
      try {
        checkNetworkCidr(network.subnetCidr ?? DEFAULT_SUBNET_CIDR, 'subnetCidr', checkNetworkCidr(network.vpcCidr ?? DEFAULT_VPC_CIDR, 'vpcCidr'));
      } catch (e) {
        // Syntax problems are reported on the fields themselves; here only "subnet outside the VPC".
        if (RdpValidationError.isRdpValidationError(e) && e.code === RdpErrorCode.CIDR_OUTSIDE_RANGE) issueAt('subnetCidr', e.problem);
      }
      return;
    }
    for (const key of ['existingVpcId', 'existingSubnetId'] as const) {
      if (network[key] === undefined) issueAt(key, 'is required when an existing network is used (set both existingVpcId and existingSubnetId).');
    }
    for (const key of ['vpcCidr', 'subnetCidr', 'publicSubnetCidr', 'availabilityZone', 'flowLogRetentionDays', 'natGateway'] as const) {
      if (network[key] !== undefined) issueAt(key, `only applies to a new VPC, got ${JSON.stringify(network[key])} together with existingVpcId. Remove it, or remove the existing* fields.`);
    }
    if (network.managementPath === undefined) {
      issueAt('managementPath', 'is required with an existing network: say how hosts without a public address reach Systems Manager ("create-endpoints", "existing-endpoints" or "nat"). It is never guessed: without a path the hardening association never runs and `terraform apply` fails.');
    }
    if (network.managementPath === AwsManagementPath.CREATE_ENDPOINTS && network.existingRouteTableId === undefined) issueAt('existingRouteTableId', 'is required with managementPath "create-endpoints": the S3 gateway endpoint is added to the private subnet\'s route table.');
    if (network.managementPath === AwsManagementPath.EXISTING_ENDPOINTS && network.existingEndpointSecurityGroupId === undefined && network.existingVpcCidr === undefined) {
      issueAt('existingEndpointSecurityGroupId', 'is required with managementPath "existing-endpoints" unless existingVpcCidr is given: hosts egress HTTPS only to the endpoints.');
    }
    if (network.existingPublicSubnetId !== undefined && network.existingPublicSubnetId === network.existingSubnetId) issueAt('existingPublicSubnetId', 'must differ from existingSubnetId: hosts with and without public IPs never share a subnet.');
  });

/** One AWS host in the configuration file. */
export const awsHostConfig = z
  .object({
    name: nameField,
    group: nameField.optional().meta({ description: 'Hosts with the same group share one security group, instance role and hardening association (a fleet role). Every member must then agree on access, allowlist, internetExposure, internetEgress, rdpPort, udp, windowsVersion and hardening. Default: the host name (a group of its own).' }),
    amiId: z.string().superRefine(refineByThrowing((v: string) => v === 'latest' || checkAmiId(v))).meta({ description: 'Pinned Windows Server AMI ID (ami-…), or "latest" to look up the public SSM parameter at plan time (needs AWS access).' }),
    access: awsAccessField.optional(),
    internetExposure: internetExposureField.optional(),
    sessionManager: z
      .object({
        logRetentionDays: z.number().int().optional().meta({ description: `Days CloudWatch Logs keeps the session logs (a CloudWatch retention value, at least 90). Default ${DEFAULT_SESSION_LOG_RETENTION_DAYS}.` }),
        logKmsKeyArn: z.string().optional().meta({ description: 'KMS key ARN that encrypts the session log group (its policy must admit logs.<region>.amazonaws.com). Default: a key created per group, rotation on.' }),
        idleSessionTimeoutMinutes: z.number().int().min(1).max(60).optional().meta({ description: 'Minutes without traffic before Session Manager ends a session (1–60). Default 20.' }),
      })
      .strict()
      .optional()
      .meta({ description: 'Settings of access "session-manager": session logging and idle timeout. Only with that access mode.' }),
    instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an EC2 instance type such as "t3.large"').optional(),
    rdpPort: rdpPortField.optional(),
    udp: z.boolean().optional().meta({ description: 'Also admit RDP over UDP on the same port. Default false.' }),
    allowlist: allowlistField.optional(),
    rootVolumeSizeGiB: z.number().int().min(30).max(16384).optional().meta({ description: 'Encrypted gp3 root volume size, 30–16384 GiB. Default 60.' }),
    windowsVersion: windowsVersionField.optional(),
    hardening: hardeningField.optional(),
    keyPairName: z.string().min(1).optional().meta({ description: 'EC2 key pair to decrypt the generated Administrator password outside Terraform.' }),
    passwordDataInState: acknowledgementField.optional().meta({ description: 'Opt-in: read the encrypted password data into Terraform state (id must be RDP-AWS-PASSWORD-DATA).' }),
    internetEgress: acknowledgementField
      .optional()
      .meta({ description: `Opt-in: HTTPS/HTTP egress to the whole internet (Windows Update from Microsoft, downloads; required with managementPath "nat"); id must be ${INTERNET_EGRESS_RISK_ID}. Needs an internet path: public sources (public IP) or a NAT gateway. Default: HTTPS to the Systems Manager endpoints only; Windows activation still works (AWS KMS servers are link-local).` }),
  })
  .strict();

const awsClientVpn = z
  .object({
    serverCertificateArn: z.string().superRefine(refineByThrowing((v: string) => checkAcmCertificateArn(v, 'serverCertificateArn'))).meta({ description: 'ACM ARN of the endpoint\'s server certificate.' }),
    clientRootCertificateChainArn: z.string().superRefine(refineByThrowing((v: string) => checkAcmCertificateArn(v, 'clientRootCertificateChainArn'))).optional().meta({ description: 'Mutual TLS: ACM ARN of the client root CA chain. Exactly one of this and saml.' }),
    saml: z
      .object({
        samlProviderArn: z.string(),
        accessGroupIds: z.array(z.string()),
        selfServiceSamlProviderArn: z.string().optional(),
      })
      .strict()
      .superRefine(refineByThrowing((v: { samlProviderArn: string; accessGroupIds: string[]; selfServiceSamlProviderArn?: string }) => ClientVpnAuthentication.saml(v)))
      .optional()
      .meta({ description: 'SAML federation with per-group authorization. Exactly one of this and clientRootCertificateChainArn.' }),
    clientCidr: z.string().superRefine(refineByThrowing((v: string) => checkClientCidr(v, undefined))).optional().meta({ description: 'Client address pool: private IPv4 /12–/22, not overlapping the VPC. Default 10.250.0.0/22.' }),
    sessionTimeoutHours: z.number().int().refine((v) => CLIENT_VPN_SESSION_HOURS.includes(v), `must be one of ${CLIENT_VPN_SESSION_HOURS.join(', ')}`).optional().meta({ description: 'VPN session length in hours (8, 10, 12 or 24). Default 8.' }),
    loginBanner: z.string().min(1).max(1400).optional().meta({ description: 'Text shown on connect. Default: an authorized-use notice.' }),
    logRetentionDays: z.number().int().superRefine(refineByThrowing((v: number) => validateLogRetentionDays(v, 'logRetentionDays'))).optional().meta({ description: 'Connection log retention in days (at least 90). Default 365.' }),
  })
  .strict()
  .superRefine((vpn, ctx) => {
    if ((vpn.clientRootCertificateChainArn === undefined) === (vpn.saml === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'must set exactly one of clientRootCertificateChainArn (mutual TLS) and saml (federated, per-group authorization).' });
    }
  });

const awsSiteToSiteVpn = z
  .object({
    customerGatewayIp: z.string().superRefine(refineByThrowing(checkCustomerGatewayIp)).meta({ description: 'Public IPv4 address of the on-premises VPN device.' }),
    onPremisesCidrs: z.array(z.string()).superRefine(refineByThrowing((v: string[]) => checkOnPremisesCidrs(v, undefined))).meta({ description: 'Private on-premises ranges (IPv4, /16 or narrower) whose administrators may reach RDP.' }),
    customerGatewayBgpAsn: z.number().int().min(1).max(4294967294).optional().meta({ description: 'BGP ASN of the on-premises device. Default 65000.' }),
    logRetentionDays: z.number().int().superRefine(refineByThrowing((v: number) => validateLogRetentionDays(v, 'logRetentionDays'))).optional().meta({ description: 'Tunnel log retention in days (at least 90). Default 365.' }),
  })
  .strict();

/** The `aws` section of the configuration file. */
export const awsConfig = z
  .object({
    stackName: nameField.optional().meta({ description: 'Terraform stack name. Default "aws-rdp-hosts".' }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as "eu-west-1"').meta({ description: 'AWS region, e.g. eu-west-1.' }),
    network: awsNetwork.optional().meta({ description: 'A new VPC (default) or an existing VPC and subnet.' }),
    clientVpn: awsClientVpn.optional().meta({ description: 'An AWS Client VPN endpoint for administrators; connected to every host.' }),
    siteToSiteVpn: awsSiteToSiteVpn.optional().meta({ description: 'A site-to-site VPN from an on-premises network; connected to every host.' }),
    hosts: z.array(awsHostConfig).min(1).meta({ description: 'The Windows RDP hosts.' }),
    tags: tagsField.optional(),
  })
  .strict()
  .superRefine((aws, ctx) => checkAwsSection(aws, ctx));

/** The validated `aws` section. */
export type AwsConfig = z.infer<typeof awsConfig>;
/** One validated AWS host. */
export type AwsHostConfig = z.infer<typeof awsHostConfig>;

/** Host settings that belong to the host's group: every member must agree on them. */
const GROUP_SETTINGS = ['access', 'allowlist', 'internetExposure', 'internetEgress', 'rdpPort', 'udp', 'windowsVersion', 'hardening', 'sessionManager'] as const;

/** The host's access model (see {@link hostAccess}). */
export function awsHostAccess(host: AwsHostConfig, field: string): RdpAccess {
  return hostAccess(host, field);
}

function issue(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/** Runs a library check and reports its error at `path`. */
function reportLibraryCheck(ctx: z.RefinementCtx, path: PropertyKey[], check: () => unknown): void {
  try {
    check();
  } catch (e) {
    if (!RdpValidationError.isRdpValidationError(e)) throw e;
    issue(ctx, path, e.problem);
  }
}

/** What the network section says about subnets and paths, as the placement check needs it. */
export function awsNetworkFacts(network: NonNullable<AwsConfig['network']>): { hasPublicSubnet: boolean; privateInternetRoute: boolean; managementPath: AwsManagementPath } {
  const existing = network.existingVpcId !== undefined;
  const managementPath = network.managementPath ?? AwsManagementPath.CREATE_ENDPOINTS;
  const nat = existing ? managementPath === AwsManagementPath.NAT : (network.natGateway ?? managementPath === AwsManagementPath.NAT);
  // A new VPC gets its public subnet whenever a host needs one (the stack asks for it), so only existing networks can lack it.
  return { hasPublicSubnet: existing ? network.existingPublicSubnetId !== undefined : true, privateInternetRoute: nat, managementPath };
}

/** Checks that span fields of the `aws` section: host access vs. VPNs and network, VPN ranges vs. the VPC, unique names. */
function checkAwsSection(aws: AwsConfig, ctx: z.RefinementCtx): void {
  const network = aws.network ?? {};
  const existing = network.existingVpcId !== undefined;
  const vpcCidr = existing ? network.existingVpcCidr : (network.vpcCidr ?? DEFAULT_VPC_CIDR);
  const hasVpn = aws.clientVpn !== undefined || aws.siteToSiteVpn !== undefined;
  checkHostGroups(aws.hosts, GROUP_SETTINGS, 'aws', ctx);
  const facts = awsNetworkFacts(network);
  const noVpn = hasVpn ? undefined : 'is "vpn-only", but the aws section configures no VPN (clientVpn or siteToSiteVpn) and the host lists no private sources, so nobody could reach RDP. Add a VPN, or use access "allowlist".';
  const accesses = checkHostsAccess(aws.hosts, 'aws', ctx, awsHostAccess, noVpn, (host, index, access) => {
    if (host.sessionManager !== undefined && !access.isSessionManager) issue(ctx, ['hosts', index, 'sessionManager'], `applies only to access "session-manager", got access "${access.mode}". Remove it, or set access "session-manager".`);
    const sm = host.sessionManager;
    if (sm?.logRetentionDays !== undefined) reportLibraryCheck(ctx, ['hosts', index, 'sessionManager', 'logRetentionDays'], () => validateLogRetentionDays(sm.logRetentionDays!, 'logRetentionDays'));
    if (sm?.logKmsKeyArn !== undefined && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-fA-F-]{36}$/.test(sm.logKmsKeyArn)) {
      issue(ctx, ['hosts', index, 'sessionManager', 'logKmsKeyArn'], `must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), got ${JSON.stringify(sm.logKmsKeyArn.slice(0, 120))}.`);
    }
    if (host.internetEgress !== undefined && host.internetEgress.id !== INTERNET_EGRESS_RISK_ID) issue(ctx, ['hosts', index, 'internetEgress', 'id'], `must be "${INTERNET_EGRESS_RISK_ID}", the risk it accepts, got ${JSON.stringify(host.internetEgress.id)}.`);
    for (const p of awsPlacementProblems({ ...facts, needsPublicIp: access.needsPublicIp, internetEgress: host.internetEgress !== undefined })) {
      issue(ctx, ['hosts', index, p.field], p.problem);
    }
    if (access.needsPublicIp && existing && aws.clientVpn && network.existingPublicSubnetCidr === undefined) issue(ctx, ['network', 'existingPublicSubnetCidr'], `is required with clientVpn: ${host.name} has public sources, so it lives in the public subnet, which VPN users must be authorized to.`);
    if (access.needsPublicIp && existing && aws.siteToSiteVpn && network.existingPublicRouteTableId === undefined) issue(ctx, ['network', 'existingPublicRouteTableId'], `is required with siteToSiteVpn: ${host.name} has public sources, so it lives in the public subnet, whose route table must learn the on-premises routes.`);
  });
  const needsPublicSubnet = facts.privateInternetRoute || accesses.some((access) => access?.needsPublicIp);
  if (!existing && needsPublicSubnet) {
    try {
      resolvePublicSubnetCidr(network.publicSubnetCidr, network.subnetCidr ?? DEFAULT_SUBNET_CIDR, network.vpcCidr ?? DEFAULT_VPC_CIDR);
    } catch (e) {
      if (!RdpValidationError.isRdpValidationError(e)) throw e;
      if (e.field === 'publicSubnetCidr') issue(ctx, ['network', 'publicSubnetCidr'], e.problem);
    }
  }
  const cross: [PropertyKey[], () => unknown][] = [];
  if (aws.clientVpn?.clientCidr && vpcCidr) cross.push([['clientVpn', 'clientCidr'], () => checkClientCidr(aws.clientVpn!.clientCidr!, vpcCidr)]);
  if (aws.siteToSiteVpn && vpcCidr) cross.push([['siteToSiteVpn', 'onPremisesCidrs'], () => checkOnPremisesCidrs(aws.siteToSiteVpn!.onPremisesCidrs, vpcCidr)]);
  for (const [path, check] of cross) {
    try {
      check();
    } catch (e) {
      if (!RdpValidationError.isRdpValidationError(e)) throw e;
      // Syntax problems are reported on the fields themselves; here only the overlap with the VPC.
      if (e.code === RdpErrorCode.CIDR_OVERLAP) issue(ctx, path, e.problem);
    }
  }
  if (existing && aws.clientVpn && network.existingSubnetCidr === undefined) issue(ctx, ['network', 'existingSubnetCidr'], 'is required with clientVpn on an existing network: VPN authorization is scoped to the host subnet.');
  if (existing && aws.siteToSiteVpn && network.existingRouteTableId === undefined) issue(ctx, ['network', 'existingRouteTableId'], 'is required with siteToSiteVpn on an existing network: on-premises routes are propagated into it.');
}
