import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderSchema, SCHEMA_FILE } from '../../bin/write-config-schema';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { CONFIG_ENV_VAR, loadConfig, validateConfig } from '../../stacks/config/load-config';
import { problemsOf } from '../helpers/config-problems';

const EXAMPLE_FILE = path.join(__dirname, '..', '..', 'examples', 'rdp-hosts.example.json');
const EXAMPLE_ENV = { RDP_WINDOWS_AMI_ID: 'ami-0fedcba9876543210', RDP_VPN_SERVER_CERT_ARN: 'arn:aws:acm:eu-central-1:123456789012:certificate/00000000-0000-4000-8000-000000000003' };

/** A copy of the default config whose first AWS host is in allowlist mode, with `change` applied. */
function withHost(change: Record<string, unknown>): unknown {
  const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
  Object.assign(config.aws.hosts[0], { access: 'allowlist', allowlist: ['198.51.100.0/24'], internetExposure: { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support from a fixed office range' } }, change);
  return config;
}

describe('configuration file validation', () => {
  test('the embedded default is valid', () => {
    expect(problemsOf(DEFAULT_CONFIG)).toEqual([]);
  });

  test('the example file is valid once its environment variables are set', () => {
    const example = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
    expect(problemsOf(example, EXAMPLE_ENV)).toEqual([]);
    const config = validateConfig(example, EXAMPLE_ENV);
    expect(config.aws?.hosts.map((h) => h.amiId)).toEqual(['ami-0fedcba9876543210', 'ami-0fedcba9876543210']);
  });

  test('fails on a missing environment variable, naming the field and the variable', () => {
    const example = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
    const problems = problemsOf(example, { RDP_VPN_SERVER_CERT_ARN: EXAMPLE_ENV.RDP_VPN_SERVER_CERT_ARN });
    expect(problems.map((p) => p.field)).toEqual(['aws.hosts[0].amiId', 'aws.hosts[1].amiId']);
    expect(problems[0].message).toMatch(/RDP_WINDOWS_AMI_ID, which is not set/);
  });

  test.each([
    ['a world range', { allowlist: ['198.51.100.0/24', '0.0.0.0/0'] }, 'aws.hosts[0].allowlist[1]', /must not mean the whole internet, got "0\.0\.0\.0\/0"/],
    ['IPv6 world', { allowlist: ['::/0'] }, 'aws.hosts[0].allowlist[0]', /whole internet/],
    ['an IPv6 source (dead: the networks are IPv4-only)', { allowlist: ['198.51.100.0/24', '2001:db8:1::/48'] }, 'aws.hosts[0].allowlist[1]', /must be an IPv4 range, got "2001:db8:1::\/48"\. .*IPv4-only.*dead rule/],
    ['"*"', { allowlist: ['*'] }, 'aws.hosts[0].allowlist[0]', /whole internet/],
    ['"Internet"', { allowlist: ['Internet'] }, 'aws.hosts[0].allowlist[0]', /whole internet/],
    ['"Any"', { allowlist: ['Any'] }, 'aws.hosts[0].allowlist[0]', /whole internet/],
    ['an empty string', { allowlist: [''] }, 'aws.hosts[0].allowlist[0]', /must not be empty/],
    ['host bits set', { allowlist: ['203.0.113.5/24'] }, 'aws.hosts[0].allowlist[0]', /Did you mean "203\.0\.113\.0\/24"/],
    ['a bare address', { allowlist: ['203.0.113.5'] }, 'aws.hosts[0].allowlist[0]', /Did you mean "203\.0\.113\.5\/32"/],
    ['a malformed CIDR', { allowlist: ['203.0.113/24'] }, 'aws.hosts[0].allowlist[0]', /is not a valid IPv4 CIDR/],
    ['a too-broad prefix', { allowlist: ['198.0.0.0/8'] }, 'aws.hosts[0].allowlist[0]', /broader than \/16/],
    ['an empty allowlist', { allowlist: [] }, 'aws.hosts[0].allowlist', /must list at least one source, got \[\]/],
    ['a duplicate source', { allowlist: ['198.51.100.0/24', '198.51.100.0/24'] }, 'aws.hosts[0].allowlist[1]', /repeats entry 0/],
    ['port 3389', { rdpPort: 3389 }, 'aws.hosts[0].rdpPort', /must not be 3389/],
    ['a WinRM port', { rdpPort: 5986 }, 'aws.hosts[0].rdpPort', /must not be 5986 \(WinRM over HTTPS\)/],
    ['a privileged port', { rdpPort: 443 }, 'aws.hosts[0].rdpPort', /between 1024 and 65535, got 443/],
    ['a port as text', { rdpPort: '43389' }, 'aws.hosts[0].rdpPort', /must be a number, got "43389"/],
    ['a bad AMI id', { amiId: 'ami-xyz' }, 'aws.hosts[0].amiId', /must be an AMI ID/],
    ['an unknown setting', { rdpport: 43389 }, 'aws.hosts[0].rdpport', /is not a known setting/],
    ['a short acknowledgement reason', { keyPairName: 'ops', passwordDataInState: { id: 'RDP-AWS-PASSWORD-DATA', reason: 'lab' } }, 'aws.hosts[0].passwordDataInState.reason', /too small|at least 10/],
  ])('fails on %s, naming the field by its path', (_label, change, field, message) => {
    const problems = problemsOf(withHost(change));
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)?.message).toMatch(message);
  });

  test('fails on network problems with their paths', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    config.aws.network = { vpcCidr: '10.42.0.0/16', subnetCidr: '10.43.0.0/24', flowLogRetentionDays: 14 };
    const problems = problemsOf(config);
    expect(problems.map((p) => p.field).sort()).toEqual(['aws.network.flowLogRetentionDays', 'aws.network.subnetCidr']);
  });

  test('fails on a half-given existing network and on mixing it with new-network fields', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    config.aws.network = { existingVpcId: 'vpc-0a1b2c3d', vpcCidr: '10.42.0.0/16', existingSubnetCidr: '10.42.1.0/24' };
    const fields = problemsOf(config).map((p) => p.field).sort();
    expect(fields).toEqual(['aws.network.existingSubnetId', 'aws.network.managementPath', 'aws.network.vpcCidr']);
  });

  test('fails on public sources behind an existing private subnet', () => {
    const config = withHost({}) as typeof DEFAULT_CONFIG;
    delete config.aws!.clientVpn;
    config.aws!.network = { existingVpcId: 'vpc-0a1b2c3d', existingSubnetId: 'subnet-0a1b2c3d', managementPath: 'existing-endpoints', existingEndpointSecurityGroupId: 'sg-0a1b2c3d4e' } as never;
    const problems = problemsOf(config);
    expect(problems.map((p) => p.field)).toEqual(['aws.hosts[0].allowlist']);
    expect(problems[0].message).toMatch(/the network has no public subnet/);
  });

  test('fails on duplicate host names and reports every problem at once', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    config.aws.hosts.push({ ...config.aws.hosts[0], rdpPort: 3389 });
    config.aws.region = 'Europe';
    const fields = problemsOf(config).map((p) => p.field).sort();
    expect(fields).toEqual(['aws.hosts[1].name', 'aws.hosts[1].rdpPort', 'aws.region']);
  });

  test('hosts of one group must agree on the group settings, each difference named', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    const member = { ...config.aws.hosts[0], group: 'jump' };
    config.aws.hosts = [member, { ...member, name: 'jump-2', rdpPort: 44000, udp: true }, { ...member, name: 'jump-3' }];
    const problems = problemsOf(config);
    expect(problems.map((p) => p.field)).toEqual(['aws.hosts[1].rdpPort', 'aws.hosts[1].udp']);
    expect(problems[0].message).toMatch(/differs from `aws\.hosts\[0\]\.rdpPort` in the same group "jump", got 44000/);
  });

  test('fails on a file with no cloud section', () => {
    expect(problemsOf({})).toEqual([expect.objectContaining({ message: expect.stringMatching(/at least one cloud section/) })]);
  });
});

describe('VPN-only mode and VPN sections', () => {
  test('a VPN-only host refuses public allowlist entries', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    config.aws.hosts[0].allowlist = ['10.8.0.0/16', '198.51.100.0/24'];
    const problems = problemsOf(config);
    expect(problems.map((p) => p.field)).toEqual(['aws.hosts[0].allowlist[1]']);
    expect(problems[0].message).toMatch(/is a public range, got "198\.51\.100\.0\/24", but the host is VPN-only/);
  });

  test('a VPN-only host needs a VPN or private sources', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    delete config.aws.clientVpn;
    expect(problemsOf(config).map((p) => p.field)).toEqual(['aws.hosts[0].access']);
    config.aws.hosts[0].allowlist = ['10.8.0.0/16'];
    expect(problemsOf(config)).toEqual([]);
  });

  test('an allowlist host needs an allowlist', () => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    config.aws.hosts[0].access = 'allowlist';
    expect(problemsOf(config).map((p) => p.field)).toEqual(['aws.hosts[0].allowlist']);
  });

  test.each([
    ['a client pool overlapping the VPC', { clientVpn: { clientCidr: '10.42.0.0/22' } }, 'aws.clientVpn.clientCidr', /overlaps the VPC range 10\.42\.0\.0\/16/],
    ['a client pool of the wrong size', { clientVpn: { clientCidr: '10.250.0.0/24' } }, 'aws.clientVpn.clientCidr', /\/12 to \/22/],
    ['both authentication methods', { clientVpn: { saml: { samlProviderArn: 'arn:aws:iam::123456789012:saml-provider/x', accessGroupIds: ['g'] } } }, 'aws.clientVpn', /exactly one of clientRootCertificateChainArn/],
    ['SAML without groups', { clientVpn: { clientRootCertificateChainArn: undefined, saml: { samlProviderArn: 'arn:aws:iam::123456789012:saml-provider/x', accessGroupIds: [] } } }, 'aws.clientVpn.saml', /at least one identity-provider group/],
    ['a server certificate that is not an ACM ARN', { clientVpn: { serverCertificateArn: 'cert' } }, 'aws.clientVpn.serverCertificateArn', /ACM certificate ARN/],
    ['an on-premises range overlapping the VPC', { siteToSiteVpn: { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['10.42.7.0/24'] } }, 'aws.siteToSiteVpn.onPremisesCidrs', /overlaps the VPC range/],
    ['a private customer gateway address', { siteToSiteVpn: { customerGatewayIp: '192.168.1.1', onPremisesCidrs: ['192.168.10.0/24'] } }, 'aws.siteToSiteVpn.customerGatewayIp', /public IPv4 address/],
  ])('fails on %s, naming the field', (_label, change, field, message) => {
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    for (const [section, values] of Object.entries(change)) config.aws[section] = { ...(config.aws[section] ?? {}), ...values };
    const problems = problemsOf(JSON.parse(JSON.stringify(config)));
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)?.message).toMatch(message);
  });
});

describe('loadConfig', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('uses the embedded default when the variable is unset', () => {
    expect(loadConfig({}).source).toBe('embedded default configuration');
  });

  test('reads the file named by RDP_HOSTS_CONFIG', () => {
    const file = path.join(dir, 'ok.json');
    fs.writeFileSync(file, JSON.stringify(DEFAULT_CONFIG));
    expect(loadConfig({ [CONFIG_ENV_VAR]: file }).config.aws?.hosts).toHaveLength(1);
  });

  test('fails clearly on a missing file or invalid JSON', () => {
    expect(() => loadConfig({ [CONFIG_ENV_VAR]: path.join(dir, 'missing.json') })).toThrow(new RegExp(`\`RDP_HOSTS_CONFIG\` names ${path.join(dir, 'missing.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, which does not exist\\.`));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{ "aws": ');
    expect(() => loadConfig({ [CONFIG_ENV_VAR]: bad })).toThrow(/`RDP_HOSTS_CONFIG` names a file that is not valid JSON/);
  });
});

describe('published JSON Schema', () => {
  test('rdp-hosts.schema.json is generated from the validator (run `npm run schema` after changing it)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderSchema());
  });

  test('editors checking against the schema accept the examples and the default, and flag world ranges and 3389', () => {
    const Ajv2020 = require('ajv2020/dist/2020').default;
    const validate = new Ajv2020({ allErrors: true, strict: false, formats: { date: /^\d{4}-\d{2}-\d{2}$/ } }).compile(JSON.parse(renderSchema()));
    for (const file of ['rdp-hosts.example.json', 'fleet.example.json', 'zero-inbound.example.json']) {
      const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'));
      expect({ file, valid: validate(example), errors: validate.errors }).toEqual({ file, valid: true, errors: null });
    }
    expect(validate(JSON.parse(JSON.stringify(DEFAULT_CONFIG)))).toBe(true);
    const bad = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    bad.aws.hosts[0].rdpPort = 3389;
    bad.aws.hosts[0].allowlist = ['0.0.0.0/0'];
    expect(validate(bad)).toBe(false);
    const paths = (validate.errors as { instancePath: string }[]).map((e) => e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/aws/hosts/0/rdpPort', '/aws/hosts/0/allowlist/0']));
  });

  test('the schema describes the fields editors need', () => {
    const schema = JSON.parse(renderSchema());
    const host = schema.properties.aws.properties.hosts.items;
    expect(host.required).toEqual(['name', 'amiId']);
    expect(host.properties.access.enum).toEqual(['vpn-only', 'allowlist', 'session-manager']);
    expect(host.properties.rdpPort).toMatchObject({ minimum: 1024, maximum: 65535, not: { enum: expect.arrayContaining([3389]) } });
    expect(host.additionalProperties).toBe(false);
  });
});
