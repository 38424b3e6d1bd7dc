/**
 * Every user string reaches Terraform as that literal. For each string field of a rich configuration
 * (both clouds, every VPN, acknowledgements, state), the value is replaced by text with Terraform
 * template syntax: either the validation refuses it with that field's path, or the synthesized JSON
 * holds it escaped (`$${`, `%%{`) and never as an expression Terraform would evaluate.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isValidationFailure, RdpAccess, RdpAllowlist, RdpValidationErrors, AzureWindowsImage } from '../../constructs';
import { terraformLiteral, terraformLiteralTags } from '../../constructs/core';
import { AwsRdpClientVpn, AwsRdpNetwork, ClientVpnAuthentication } from '../../constructs/aws';
import { AzureRdpHost, AzureRdpKeyVault, AzureRdpNetwork } from '../../constructs/azure';
import { buildStacks } from '../../stacks/app';
import { validateConfig } from '../../stacks/config/load-config';
import { testStack } from '../helpers/template';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-literals-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const REASON = 'Reviewed exception, tracked in the risk register';

/** A configuration that uses (nearly) every string field. */
const RICH = {
  $schema: './rdp-hosts.schema.json',
  state: { s3: { bucket: 'acme-tf-state', region: 'eu-west-1', keyPrefix: 'rdp' }, azurerm: { storageAccountName: 'acmetfstate', containerName: 'tfstate', resourceGroupName: 'rg-state' } },
  aws: {
    stackName: 'aws-rdp-hosts',
    region: 'eu-west-1',
    network: { vpcCidr: '10.42.0.0/16', subnetCidr: '10.42.1.0/24', availabilityZone: 'eu-west-1a' },
    clientVpn: {
      serverCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000001',
      saml: { samlProviderArn: 'arn:aws:iam::123456789012:saml-provider/corp', accessGroupIds: ['rdp-admins'], selfServiceSamlProviderArn: 'arn:aws:iam::123456789012:saml-provider/portal' },
      clientCidr: '10.250.0.0/22',
      loginBanner: 'Authorized use only.',
    },
    siteToSiteVpn: { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['192.168.10.0/24'] },
    hosts: [
      {
        name: 'jump-1',
        group: 'jump',
        amiId: 'ami-0123456789abcdef0',
        access: 'allowlist',
        allowlist: ['198.51.100.0/24'],
        internetExposure: { id: 'RDP-NET-PUBLIC-IP', reason: REASON },
        instanceType: 't3.large',
        windowsVersion: '2022',
        keyPairName: 'ops-key',
        passwordDataInState: { id: 'RDP-AWS-PASSWORD-DATA', reason: REASON },
        hardening: { requireNla: false, listenerCertificateThumbprint: '0123456789abcdef0123456789abcdef01234567', acknowledgements: [{ id: 'RDP-GUEST-NLA-OFF', reason: REASON }] },
      },
    ],
    tags: { team: 'platform' },
  },
  azure: {
    stackName: 'azure-rdp-hosts',
    location: 'westeurope',
    network: { namePrefix: 'rdp', addressSpace: '10.52.0.0/16' },
    keyVault: { name: 'kv-rdp-literals', deployerIpRanges: ['203.0.113.0/24'] },
    vpnGateway: {
      name: 'rdp-vpngw',
      sku: 'VpnGw1AZ',
      gatewaySubnetCidr: '10.52.255.224/27',
      pointToSite: { addressPool: '10.250.0.0/24', entraId: { tenantId: '00000000-0000-4000-8000-000000000000' } },
      siteToSite: { name: 'office', customerGatewayIp: '198.51.100.8', onPremisesCidrs: ['192.168.30.0/24'] },
    },
    hosts: [{ name: 'jump-1', computerName: 'jump1', subnetCidr: '10.52.1.0/24', access: 'vpn-only', image: '2022-datacenter-azure-edition', size: 'Standard_D2s_v5', adminUsername: 'rdpadmin', hardening: { lockoutThreshold: 3 } }],
    tags: { team: 'platform' },
  },
};

/** Every string leaf of a value, with its path. */
function stringLeaves(node: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof node === 'string') return [at];
  if (Array.isArray(node)) return node.flatMap((v, i) => stringLeaves(v, [...at, i]));
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
  return [];
}

/** RICH with the leaf at `path` set to `value`; a leaf of one cloud section keeps only that section (half the synth). */
function withValue(path: readonly (string | number)[], value: string): unknown {
  const copy = JSON.parse(JSON.stringify(RICH));
  if (path[0] === 'aws') delete copy.azure;
  if (path[0] === 'azure') delete copy.aws;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return copy;
}

/** JSON without its `"//"` comment blocks, which Terraform ignores (acknowledgement reasons stay readable there). */
function withoutComments(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutComments);
  if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).filter(([k]) => k !== '//').map(([k, v]) => [k, withoutComments(v)]));
  return node;
}

/** Validates and builds (both phases); the synthesized JSON text of every stack (comments dropped), or the problem paths. */
function synthesize(input: unknown): { text: string } | { fields: string[] } {
  try {
    const config = validateConfig(input, {});
    const outdir = fs.mkdtempSync(path.join(dir, 'out-'));
    const app = new App({ outdir });
    buildStacks(app, config);
    app.synth();
    const stacks = path.join(outdir, 'stacks');
    const text = fs.readdirSync(stacks).map((s) => JSON.stringify(withoutComments(JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8'))), null, 2)).join('\n');
    fs.rmSync(outdir, { recursive: true, force: true });
    return { text };
  } catch (e) {
    if (!isValidationFailure(e)) throw e;
    return { fields: (e instanceof RdpValidationErrors ? e.errors : [e]).map((err) => ('field' in err ? err.field : '')) };
  }
}

const INJECTIONS = ['${file("secrets.txt")}', '%{ if true }x%{ endif }'];
/** An unescaped `${file(` / `%{ if` in JSON text (preceded by anything but the escape character). */
const EVALUATED = [/(^|[^$])\$\{file\(\\"secrets\.txt\\"\)\}/, /(^|[^%])%\{ if true \}/];

describe('configuration text reaches Terraform literally', () => {
  test('the rich configuration is valid and synthesizes', () => {
    expect(synthesize(RICH)).toHaveProperty('text');
  });

  const leaves = stringLeaves(RICH).map((p) => [p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').slice(1), p] as const);
  test.each(leaves)('%s: refused with its path, or synthesized as a literal', (field, leafPath) => {
    const injected = `x ${INJECTIONS.join(' ')} y`;
    const result = synthesize(withValue(leafPath, injected));
    if ('fields' in result) {
      // Refused: the problem names this field (a field inside an environment-free file has no prefix).
      expect(result.fields.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`) || field.startsWith(`${f}.`) || field.startsWith(`${f}[`))).toBe(true);
      return;
    }
    for (const evaluated of EVALUATED) expect(result.text).not.toMatch(evaluated);
  });

  test('tag keys and values, the login banner and SAML group IDs are escaped in cdk.tf.json', () => {
    const config = JSON.parse(JSON.stringify(RICH));
    config.aws.tags = { '${env:HOME}': '${file("secrets.txt")}', plain: '%{ if true }x%{ endif }' };
    config.azure.tags = { note: '${file("secrets.txt")}' };
    config.aws.clientVpn.loginBanner = 'Authorized use only: ${file("secrets.txt")}';
    config.aws.clientVpn.saml.accessGroupIds = ['admins-${path.module}'];
    const result = synthesize(config);
    if (!('text' in result)) throw new Error(`refused: ${result.fields.join(', ')}`);
    const aws = JSON.parse(result.text.split('\n{')[0]);
    expect(aws.provider.aws[0].default_tags[0].tags).toEqual({ '$${env:HOME}': '$${file("secrets.txt")}', plain: '%%{ if true }x%%{ endif }', 'managed-by': 'secure-rdp-hosts' });
    expect(result.text).toContain('"banner_text": "Authorized use only: $${file(\\"secrets.txt\\")}"');
    expect(result.text).toContain('"access_group_id": "admins-$${path.module}"');
    expect(result.text).toMatch(/"note": "\$\$\{file\(\\"secrets\.txt\\"\)\}"/);
    for (const evaluated of EVALUATED) expect(result.text).not.toMatch(evaluated);
  });
});

describe('terraformLiteral', () => {
  test.each([
    ['${file("x")}', '$${file("x")}'],
    ['%{ if a }b%{ endif }', '%%{ if a }b%%{ endif }'],
    ['$${x}', '$$${x}'],
    ['plain $ and % and {}', 'plain $ and % and {}'],
  ])('%s → %s', (input, expected) => {
    expect(terraformLiteral(input)).toBe(expected);
  });

  test('a cdktf token (a reference made on purpose) is left alone', () => {
    const stack = testStack();
    const network = new AwsRdpNetwork(stack, 'Network', {});
    expect(terraformLiteral(network.vpcId)).toBe(network.vpcId);
    expect(terraformLiteralTags({ a: '${x}' })).toEqual({ a: '$${x}' });
  });

  test('a team passing a plain login banner to the construct gets a literal too', () => {
    const stack = testStack();
    const network = new AwsRdpNetwork(stack, 'Network', {});
    new AwsRdpClientVpn(stack, 'Vpn', {
      network,
      serverCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000001',
      authentication: ClientVpnAuthentication.mutualTls('arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000002'),
      loginBanner: 'Hello ${file("x")}',
    });
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    const endpoint = Object.values(json.resource.aws_ec2_client_vpn_endpoint)[0] as { client_login_banner_options: { banner_text: string } };
    expect(endpoint.client_login_banner_options.banner_text).toBe('Hello $${file("x")}');
  });

  test('a team passing tags to the Azure constructs gets them literally on every resource, escaped once', () => {
    const stack = testStack();
    const tags = { owner: '${file("owner.txt")}', '%{ if true }k': 'plain' };
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope', tags });
    new AzureRdpHost(stack, 'Host', { image: AzureWindowsImage.server2022DatacenterAzureEdition(),
      subnet: network.addHostSubnet('host', '10.52.1.0/24'),
      keyVault: new AzureRdpKeyVault(stack, 'Vault', { resourceGroupName: network.resourceGroupName, location: network.location, tags }),
      name: 'host',
      access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])),
      tags,
    });
    const json = JSON.parse(JSON.stringify(stack.toTerraform())) as { resource: Record<string, Record<string, { tags?: Record<string, string> }>> };
    const tagged = Object.entries(json.resource).flatMap(([type, byName]) => Object.entries(byName).filter(([, body]) => body.tags).map(([name, body]) => [`${type}.${name}`, body.tags!] as const));
    // Network, VM, NIC, NSG, vault, secret, run command: every resource that carries tags.
    expect(tagged.length).toBeGreaterThanOrEqual(6);
    for (const [, t] of tagged) {
      expect(t.owner).toBe('$${file("owner.txt")}');
      expect(t['%%{ if true }k']).toBe('plain');
    }
  });
});
