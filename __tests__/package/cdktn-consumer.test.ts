/**
 * The CDK Terrain flavour as a team on cdktn gets it: `npm run pack:cdktn`'s build (bin/pack-cdktn.ts) packs
 * `secure-rdp-hosts-cdktn` from the same sources, and a throwaway consumer whose only CDK packages are
 * cdktn, @cdktn/provider-aws, @cdktn/provider-azurerm, @cdktn/provider-random and constructs (no cdktf
 * at all) installs it, type-checks its app, synthesizes an AWS and an Azure stack with the policy gate on,
 * and runs the installed `secure-rdp-hosts check` on the result. The consumer lives in fixtures/cdktn-consumer/.
 *
 * The cdktn packages come from the npm registry, installed once per lockfile into a cache folder outside the
 * repository (first run ~30 s more); the repository's own install never contains them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cdktfSpecifiers, cdktnPins, CDKTN_PACKAGE_NAME, ensureCdktnDeps, packCdktn, rewriteImports } from '../../bin/pack-cdktn';
import { bodiesOf, resourcesOf, TerraformJson } from '../helpers/template';
import { CommandResult, declarationSpecifiers, installTarball, PackedManifest, requiredSpecifiers, ROOT, runCommand, tarballEntries } from './packed-package';

jest.setTimeout(600_000);

const FIXTURE = path.join(__dirname, 'fixtures', 'cdktn-consumer');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const WORLD = new Set(['0.0.0.0/0', '::/0', '*', 'Internet', 'Any']);

interface AwsHost {
  readonly id: string;
  readonly rdpPort: number;
  readonly extraPrivateSource?: string;
}
interface AzureHost {
  readonly id: string;
  readonly name: string;
  readonly rdpPort: number;
}
interface CheckReport {
  documents: { stack: string; resources: number }[];
  rules: { id: string; counts: { compliant: number; nonCompliant: number } }[];
}

function expectSuccess(result: CommandResult, what: string): void {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
}

function readStack(consumerDir: string, name: string): TerraformJson {
  return JSON.parse(fs.readFileSync(path.join(consumerDir, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
}

/** Resources whose construct path lies under `prefix` (from the `"//"` metadata the synthesizer writes). */
function underPath(resources: Record<string, Record<string, unknown>>, prefix: string): Record<string, unknown>[] {
  return Object.values(resources).filter((r) => String((r['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path).startsWith(prefix));
}

function requiredProvider(stack: TerraformJson, name: string): { version?: string; source?: string } | undefined {
  return (stack.terraform as { required_providers?: Record<string, { version?: string; source?: string }> } | undefined)?.required_providers?.[name];
}

describe('the rewrite that makes the cdktn flavour', () => {
  test('renames cdktf and its provider bindings (with their deep paths) in every import form, and nothing else', () => {
    const source = [
      "import { App } from 'cdktf';",
      "import { Instance } from '@cdktf/provider-aws/lib/instance';",
      'export { Password } from "@cdktf/provider-random/lib/password";',
      "const vm = require('@cdktf/provider-azurerm/lib/windows-virtual-machine');",
      "type S = import('cdktf').TerraformStack;",
      "import { Construct } from 'constructs';",
      "import { x } from './cdktf-helpers';",
      "const note = 'from cdktf';",
    ].join('\n');
    const rewritten = rewriteImports(source);
    expect(rewritten).toBe(
      [
        "import { App } from 'cdktn';",
        "import { Instance } from '@cdktn/provider-aws/lib/instance';",
        'export { Password } from "@cdktn/provider-random/lib/password";',
        "const vm = require('@cdktn/provider-azurerm/lib/windows-virtual-machine');",
        "type S = import('cdktn').TerraformStack;",
        "import { Construct } from 'constructs';",
        "import { x } from './cdktf-helpers';",
        "const note = 'from cdktf';",
      ].join('\n'),
    );
    expect(cdktfSpecifiers(source)).toEqual(['cdktf', '@cdktf/provider-aws/lib/instance', '@cdktf/provider-random/lib/password', '@cdktf/provider-azurerm/lib/windows-virtual-machine', 'cdktf']);
    expect(cdktfSpecifiers(rewritten)).toEqual([]);
  });
});

describe('the cdktn flavour, installed into a consumer project without cdktf', () => {
  let workDir: string;
  let consumerDir: string;
  let installedDir: string;
  let entries: string[];
  let manifest: PackedManifest;
  let compile: CommandResult;
  let synth: CommandResult;
  let aws: TerraformJson;
  let azure: TerraformJson;
  let awsHosts: AwsHost[];
  let azureHosts: AzureHost[];
  let azurePool: string;
  const pins = cdktnPins();

  beforeAll(() => {
    const depsDir = ensureCdktnDeps();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-cdktn-package-'));
    const tarball = packCdktn(workDir, depsDir);
    entries = tarballEntries(tarball);

    consumerDir = path.join(workDir, 'consumer');
    fs.mkdirSync(consumerDir);
    for (const file of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, file), path.join(consumerDir, file));
    // The flavour's peer dependencies (the cdktn packages) come from the cdktn install, its own dependencies from the repository's.
    installedDir = installTarball(tarball, consumerDir, (name) => path.join(name in pins ? depsDir : ROOT, 'node_modules'));
    manifest = JSON.parse(fs.readFileSync(path.join(installedDir, 'package.json'), 'utf8'));

    compile = runCommand(process.execPath, [TSC, '-p', 'tsconfig.json'], consumerDir);
    synth = compile.status === 0 ? runCommand(process.execPath, ['main.cjs'], consumerDir) : compile;
    if (synth.status === 0) {
      aws = readStack(consumerDir, 'consumer-aws');
      azure = readStack(consumerDir, 'consumer-azure');
      const listed = runCommand(process.execPath, ['-p', "JSON.stringify([require('./aws-hosts.cjs').HOSTS, require('./azure-hosts.cjs').AZURE_HOSTS, require('./azure-hosts.cjs').AZURE_VPN_POOL])"], consumerDir);
      expectSuccess(listed, 'reading the consumer hosts');
      [awsHosts, azureHosts, azurePool] = JSON.parse(listed.stdout);
    }
  });

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  test('the package is secure-rdp-hosts-cdktn: the cdktn packages are its peers, its runtime dependencies are the default flavour’s', () => {
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackedManifest;
    expect(manifest.name).toBe(CDKTN_PACKAGE_NAME);
    expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual(['@cdktn/provider-aws', '@cdktn/provider-azurerm', '@cdktn/provider-random', 'cdktn', 'constructs']);
    for (const name of ['cdktn', '@cdktn/provider-aws', '@cdktn/provider-azurerm', '@cdktn/provider-random']) expect(manifest.peerDependencies?.[name]).toBe(pins[name]);
    expect(manifest.dependencies).toEqual(base.dependencies);
    expect(manifest.bin).toEqual(base.bin);
    expect((manifest as unknown as { scripts?: unknown }).scripts).toBeUndefined();
  });

  test('nothing in the installed package refers to cdktf, and cdktf cannot be resolved from the consumer or the package', () => {
    const references = entries
      .filter((e) => e.endsWith('.js') || e.endsWith('.d.ts'))
      .flatMap((e) => {
        const source = fs.readFileSync(path.join(installedDir, e), 'utf8');
        return [...requiredSpecifiers(source), ...declarationSpecifiers(source)].filter((s) => /^(cdktf|@cdktf\/)/.test(s)).map((s) => `${e}: ${s}`);
      });
    expect(references).toEqual([]);
    expect(entries).toContain('dist/constructs/compat/providers.js');
    for (const from of [consumerDir, installedDir]) {
      for (const name of ['cdktf', '@cdktf/provider-aws/lib/instance']) {
        const resolved = runCommand(process.execPath, ['-e', `require.resolve(${JSON.stringify(name)}, { paths: [${JSON.stringify(from)}] })`], consumerDir);
        expect(resolved.status).not.toBe(0);
        expect(resolved.stderr).toMatch(/Cannot find module/);
      }
    }
    const cdktn = runCommand(process.execPath, ['-p', "require('cdktn/package.json').version"], consumerDir);
    expectSuccess(cdktn, 'resolving cdktn');
    expect(cdktn.stdout.trim()).toBe(pins.cdktn);
  });

  test('the consumer app type-checks against the shipped declarations and the cdktn packages (strict, library declarations checked)', () => {
    expectSuccess(compile, 'tsc in the cdktn consumer project');
  });

  test('AWS: the hosts synthesize for hashicorp/aws 6.x, VPN-only on their custom ports, with the 6.x region attribute', () => {
    expectSuccess(synth, 'the cdktn consumer app');
    expect(requiredProvider(aws, 'aws')?.version).toMatch(/^6\./);
    expect(bodiesOf(aws, 'aws_instance')).toHaveLength(awsHosts.length);
    for (const instance of bodiesOf(aws, 'aws_instance')) {
      expect(instance.associate_public_ip_address).toBe(false);
      expect(instance.metadata_options).toMatchObject({ http_tokens: 'required' });
      expect(instance.root_block_device).toMatchObject({ encrypted: true });
    }
    const ingress = resourcesOf(aws, 'aws_vpc_security_group_ingress_rule');
    for (const host of awsHosts) {
      const rules = underPath(ingress, `consumer-aws/${host.id}/`);
      expect(rules.filter((r) => String(r.referenced_security_group_id).includes('aws_security_group.AdminVpn_SecurityGroup'))).toHaveLength(1);
      expect(rules.map((r) => r.cidr_ipv4 ?? r.cidr_ipv6).filter(Boolean)).toEqual(host.extraPrivateSource ? [host.extraPrivateSource] : []);
      for (const rule of rules) expect([rule.ip_protocol, rule.from_port, rule.to_port]).toEqual(['tcp', host.rdpPort, host.rdpPort]);
    }
    for (const rule of Object.values(ingress)) {
      expect(WORLD.has(String(rule.cidr_ipv4)) || WORLD.has(String(rule.cidr_ipv6))).toBe(false);
      expect(rule.from_port).not.toBe(3389);
    }
    // constructs/compat/providers.ts, cdktn implementation: aws 6 reads the region from `region`, not the deprecated `name`.
    const endpoints = bodiesOf(aws, 'aws_vpc_endpoint').map((e) => String(e.service_name));
    expect(endpoints.length).toBeGreaterThan(0);
    for (const name of endpoints) expect(name).toMatch(/^com\.amazonaws\.\$\{data\.aws_region\.[A-Za-z0-9_]+\.region\}\.[a-z0-9]+$/);
  });

  test('Azure: the hosts synthesize for azurerm 4.73, admitting only the VPN client pool on their custom ports, no password in the JSON', () => {
    expectSuccess(synth, 'the cdktn consumer app');
    expect(requiredProvider(azure, 'azurerm')?.version).toMatch(/^4\.73\./);
    // constructs/compat/providers.ts, cdktn implementation: azurerm 4.73's `bgp_enabled`, not the deprecated `enable_bgp`.
    const gateways = bodiesOf(azure, 'azurerm_virtual_network_gateway');
    expect(gateways).toHaveLength(1);
    expect(gateways[0]).toMatchObject({ bgp_enabled: false, active_active: false, vpn_type: 'RouteBased' });
    expect(gateways[0]).not.toHaveProperty('enable_bgp');
    expect(bodiesOf(azure, 'azurerm_windows_virtual_machine')).toHaveLength(azureHosts.length);
    const allows = bodiesOf(azure, 'azurerm_network_security_rule').filter((r) => r.access === 'Allow' && r.direction === 'Inbound');
    expect(allows.length).toBeGreaterThan(0);
    const ports = new Set(azureHosts.map((h) => String(h.rdpPort)));
    for (const rule of allows) {
      const sources = [rule.source_address_prefix, ...((rule.source_address_prefixes as string[] | undefined) ?? [])].filter((s) => s !== undefined);
      expect(sources).toEqual([azurePool]);
      expect(ports.has(String(rule.destination_port_range))).toBe(true);
    }
    for (const host of azureHosts) expect(allows.some((r) => String(r.destination_port_range) === String(host.rdpPort))).toBe(true);
    for (const rule of bodiesOf(azure, 'azurerm_network_security_rule')) expect(String(rule.destination_port_range)).not.toBe('3389');
    expect(JSON.stringify(azure)).not.toMatch(/"(admin_)?password"\s*:\s*"[^$]/);
  });

  test('the policy gate runs under cdktn: a hand-made internet-open RDP rule fails synth', () => {
    expectSuccess(synth, 'the cdktn consumer app');
    const gated = runCommand(process.execPath, ['main.cjs'], consumerDir, { ...process.env, RDP_CONSUMER_OPEN_RDP: '1' });
    expect(gated.status).not.toBe(0);
    expect(`${gated.stdout}${gated.stderr}`).toMatch(/RDP-NET-INTERNET-RDP/);
    expect(`${gated.stdout}${gated.stderr}`).toMatch(/LegacyOpenRdp/);
  });

  test('the installed bin checks both stacks: every resource is read, and the composition passes', () => {
    expectSuccess(synth, 'the cdktn consumer app');
    const bin = path.join(consumerDir, 'node_modules', '.bin', 'secure-rdp-hosts');
    const check = runCommand(bin, ['check', 'cdktf.out', '--format', 'json'], consumerDir);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const report = JSON.parse(check.stdout) as CheckReport;
    const count = (stack: TerraformJson) => Object.values(stack.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    const documents = new Map(report.documents.map((d) => [d.stack, d.resources]));
    expect([...documents.keys()].sort()).toEqual(['consumer-aws', 'consumer-azure']);
    expect(documents.get('consumer-aws')).toBeGreaterThanOrEqual(count(aws));
    expect(documents.get('consumer-azure')).toBeGreaterThanOrEqual(count(azure));
    const internetRdp = report.rules.find((r) => r.id === 'RDP-NET-INTERNET-RDP');
    expect(internetRdp?.counts.nonCompliant).toBe(0);
    expect(internetRdp?.counts.compliant).toBeGreaterThan(0);
  });
});
