import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TEST_ROOT_CERTIFICATE, TEST_ROOT_CERTIFICATE_PEM } from '../azure/rdp-vpn-gateway-fixtures';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { expectProblem, problemsOf } from '../helpers/config-problems';

const ROOT = path.join(__dirname, '..', '..');
const SUBNET_ID = '/subscriptions/3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/rdp';

/** The default config with only its `azure` section, `change` applied to the first host and `section` to the section. */
function azureOnly(change: Record<string, unknown> = {}, section: Record<string, unknown> = {}): unknown {
  const azure = JSON.parse(JSON.stringify(DEFAULT_CONFIG.azure));
  Object.assign(azure.hosts[0], change);
  Object.assign(azure, section);
  return JSON.parse(JSON.stringify({ azure }));
}

const allowlistMode = { access: 'allowlist' };

describe('azure configuration section', () => {
  test('the embedded default is valid on its own, with no subscription ID', () => {
    expect(problemsOf(azureOnly())).toEqual([]);
    expect((DEFAULT_CONFIG.azure as Record<string, unknown>).subscriptionId).toBeUndefined();
  });

  // The foundation's catalogue, replayed through the azure section: one validator, the same words.
  test.each([
    ['a world range', { ...allowlistMode, allowlist: ['198.51.100.0/24', '0.0.0.0/0'] }, 'azure.hosts[0].allowlist[1]', /must not mean the whole internet, got "0\.0\.0\.0\/0"/],
    ['IPv6 world', { ...allowlistMode, allowlist: ['::/0'] }, 'azure.hosts[0].allowlist[0]', /whole internet/],
    ['"*"', { ...allowlistMode, allowlist: ['*'] }, 'azure.hosts[0].allowlist[0]', /whole internet/],
    ['"Internet"', { ...allowlistMode, allowlist: ['Internet'] }, 'azure.hosts[0].allowlist[0]', /whole internet/],
    ['"Any"', { ...allowlistMode, allowlist: ['Any'] }, 'azure.hosts[0].allowlist[0]', /whole internet/],
    ['an empty string', { allowlist: [''] }, 'azure.hosts[0].allowlist[0]', /must not be empty/],
    ['host bits set', { allowlist: ['10.8.0.5/24'] }, 'azure.hosts[0].allowlist[0]', /Did you mean "10\.8\.0\.0\/24"/],
    ['a bare address', { allowlist: ['10.8.0.5'] }, 'azure.hosts[0].allowlist[0]', /Did you mean "10\.8\.0\.5\/32"/],
    ['a malformed CIDR', { allowlist: ['10.8.0/24'] }, 'azure.hosts[0].allowlist[0]', /is not a valid IPv4 CIDR/],
    ['a too-broad prefix', { allowlist: ['10.0.0.0/8'] }, 'azure.hosts[0].allowlist[0]', /broader than \/16/],
    ['a link-local range', { allowlist: ['169.254.169.254/32'] }, 'azure.hosts[0].allowlist[0]', /link-local/],
    ['an empty allowlist', { allowlist: [] }, 'azure.hosts[0].allowlist', /too small|at least 1|must list/i],
    ['a duplicate source', { allowlist: ['10.8.0.0/24', '10.8.0.0/24'] }, 'azure.hosts[0].allowlist[1]', /repeats entry 0/],
    ['port 3389', { rdpPort: 3389 }, 'azure.hosts[0].rdpPort', /must not be 3389/],
    ['a WinRM port', { rdpPort: 5986 }, 'azure.hosts[0].rdpPort', /must not be 5986 \(WinRM over HTTPS\)/],
    ['a privileged port', { rdpPort: 443 }, 'azure.hosts[0].rdpPort', /between 1024 and 65535, got 443/],
    ['a port as text', { rdpPort: '43389' }, 'azure.hosts[0].rdpPort', /must be a number, got "43389"/],
    ['an unknown setting', { rdpport: 43389 }, 'azure.hosts[0].rdpport', /is not a known setting/],
    ['a short acknowledgement reason', { skipSubnetNsgAssociation: { id: 'RDP-AZ-SUBNET-NSG', reason: 'hub' } }, 'azure.hosts[0].skipSubnetNsgAssociation.reason', /too small|at least 10/],
    ['a public range on a VPN-only host', { allowlist: ['10.8.0.0/24', '198.51.100.0/24'] }, 'azure.hosts[0].allowlist[1]', /is a public range, got "198\.51\.100\.0\/24", but the host is VPN-only/],
  ])('fails on %s, naming the field by its path', (_label, change, field, message) => {
    expectProblem(azureOnly(change), field, message);
  });

  test.each([
    ['a Windows computer name over 15 characters', { computerName: 'jump-host-westeurope' }, 'azure.hosts[0].computerName', /must be a Windows computer name, got "jump-host-westeurope".*1–15/],
    ['a name over 15 characters without a computer name', { name: 'jump-host-westeurope' }, 'azure.hosts[0].computerName', /is required when the name is longer than 15 characters/],
    ['an all-digit computer name', { computerName: '20260101' }, 'azure.hosts[0].computerName', /not only digits/],
    ['the reserved admin name "administrator"', { adminUsername: 'administrator' }, 'azure.hosts[0].adminUsername', /is a user name Azure reserves, got "administrator"/],
    ['the reserved admin name "admin"', { adminUsername: 'Admin' }, 'azure.hosts[0].adminUsername', /is a user name Azure reserves, got "Admin"/],
    ['the reserved admin name "root"', { adminUsername: 'root' }, 'azure.hosts[0].adminUsername', /reserves/],
    ['an admin name over 20 characters', { adminUsername: 'operations-administrator' }, 'azure.hosts[0].adminUsername', /1–20 characters/],
    ['an admin name with a forbidden character', { adminUsername: 'ops@corp' }, 'azure.hosts[0].adminUsername', /cannot have/],
    ['an admin name ending with a period', { adminUsername: 'ops.' }, 'azure.hosts[0].adminUsername', /ends with a period/],
    ['an unknown image', { image: '2016-datacenter' }, 'azure.hosts[0].image', /must name a supported Windows Server image/],
    ['a size that is not an Azure size', { size: 't3.large' }, 'azure.hosts[0].size', /must be an Azure VM size/],
    ['an OS disk below the image size', { osDiskSizeGiB: 64 }, 'azure.hosts[0].osDiskSizeGiB', /127/],
    ['a zone that does not exist', { zone: '4' }, 'azure.hosts[0].zone', /1|2|3/],
    ['neither a new nor an existing subnet', { subnetCidr: undefined }, 'azure.hosts[0].subnetCidr', /must be set, or existingSubnetId, but not both, got neither/],
    ['both a new and an existing subnet', { existingSubnetId: SUBNET_ID }, 'azure.hosts[0].subnetCidr', /got both/],
    ['a subnet outside the address space', { subnetCidr: '10.60.1.0/24' }, 'azure.hosts[0].subnetCidr', /must lie inside 10\.52\.0\.0\/16/],
    ['a public subnet range', { subnetCidr: '52.1.0.0/24' }, 'azure.hosts[0].subnetCidr', /not a usable network range/],
    ['a malformed existing subnet ID', { subnetCidr: undefined, existingSubnetId: 'subnet-1' }, 'azure.hosts[0].existingSubnetId', /must be a subnet resource ID/],
    ['a wrong acknowledgement ID', { skipSubnetNsgAssociation: { id: 'RDP-OTHER', reason: 'the hub NSG is managed by the platform team' } }, 'azure.hosts[0].skipSubnetNsgAssociation.id', /must be "RDP-AZ-SUBNET-NSG"/],
  ])('Azure-specific: fails on %s', (_label, change, field, message) => {
    expectProblem(azureOnly(change), field, message);
  });

  test.each([
    ['a display-name location', { location: 'West Europe' }, 'azure.location', /must be an Azure region name such as "westeurope"/],
    ['a placeholder subscription', { subscriptionId: '00000000-0000-0000-0000-000000000000' }, 'azure.subscriptionId', /must be a subscription ID/],
    ['a subscription that is not a GUID', { subscriptionId: 'prod' }, 'azure.subscriptionId', /ARM_SUBSCRIPTION_ID/],
    ['a resource group name over 90 characters', { network: { existingResourceGroupName: 'rg-'.repeat(31) } }, 'azure.network.existingResourceGroupName', /1–90/],
    ['a resource group name ending with a period', { network: { existingResourceGroupName: 'rdp.' } }, 'azure.network.existingResourceGroupName', /not ending with a period/],
    ['a name prefix too long for Azure', { network: { namePrefix: 'p'.repeat(81) } }, 'azure.network.namePrefix', /1–80/],
    ['a Key Vault name over 24 characters', { keyVault: { name: 'kv-secure-rdp-hosts-production' } }, 'azure.keyVault.name', /3–24/],
    ['a Key Vault name with a double hyphen', { keyVault: { name: 'kv--rdp' } }, 'azure.keyVault.name', /consecutive hyphens/],
    ['a world range as deployer address', { keyVault: { deployerIpRanges: ['0.0.0.0/0'] } }, 'azure.keyVault.deployerIpRanges[0]', /whole internet/],
    ['a private deployer address', { keyVault: { deployerIpRanges: ['10.1.0.0/16'] } }, 'azure.keyVault.deployerIpRanges[0]', /public IPv4/],
    ['a soft-delete retention Key Vault refuses', { keyVault: { softDeleteRetentionDays: 365 } }, 'azure.keyVault.softDeleteRetentionDays', /90/],
  ])('Azure-specific: fails on %s in the section', (_label, section, field, message) => {
    expectProblem(azureOnly({}, section), field, message);
  });

  test('fails on overlapping subnets, a shared existing subnet and duplicate names, all at once', () => {
    const azure = JSON.parse(JSON.stringify(DEFAULT_CONFIG.azure));
    azure.hosts.push(
      { name: 'jump-2', subnetCidr: '10.52.1.128/25', allowlist: ['10.8.0.0/24'] },
      { name: 'jump-3', existingSubnetId: SUBNET_ID, allowlist: ['10.8.0.0/24'] },
      { name: 'jump-3', existingSubnetId: SUBNET_ID, allowlist: ['10.8.0.0/24'] },
    );
    const fields = problemsOf({ azure }).map((p) => p.field).sort();
    expect(fields).toEqual(['azure.hosts[1].subnetCidr', 'azure.hosts[3].existingSubnetId', 'azure.hosts[3].name']);
  });

  test('every host on an existing subnet needs an existing resource group', () => {
    const onExisting = { subnetCidr: undefined, existingSubnetId: SUBNET_ID, allowlist: ['10.8.0.0/24'] };
    const config = azureOnly(onExisting, { vpnGateway: undefined });
    expect(problemsOf(config).map((p) => p.field)).toEqual(['azure.network.existingResourceGroupName']);
    expect(problemsOf(azureOnly(onExisting, { vpnGateway: undefined, network: { existingResourceGroupName: 'rdp-rg' } }))).toEqual([]);
  });

  test('an allowlist that would exceed Azure\'s NSG rule limit is refused up front', () => {
    const allowlist = Array.from({ length: 500 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
    expectProblem(azureOnly({ allowlist, udp: true }), 'azure.hosts[0].allowlist', /needs 1002 network security group rules, more than the 1000 Azure allows/);
  });

  test('the subscription may come from the environment', () => {
    const config = azureOnly({}, { subscriptionId: '${env:ARM_SUBSCRIPTION_ID}' });
    expect(validateConfig(config, { ARM_SUBSCRIPTION_ID: '3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f' }).azure?.subscriptionId).toBe('3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f');
  });
});

/** The default config with `vpnGateway` replaced by the default one with `change` applied (undefined values remove keys). */
function withGateway(change: Record<string, unknown>, host: Record<string, unknown> = {}): unknown {
  const gateway = { ...JSON.parse(JSON.stringify(DEFAULT_CONFIG.azure!.vpnGateway)), ...change };
  return azureOnly(host, { vpnGateway: gateway });
}

const entraP2s = (change: Record<string, unknown>) => ({ pointToSite: { ...DEFAULT_CONFIG.azure!.vpnGateway!.pointToSite, ...change } });
const certificateP2s = (publicCertData: string) => ({ pointToSite: { rootCertificates: [{ name: 'p2s-root', publicCertData }] } });
const office = { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['172.16.50.0/24'] };

describe('azure.vpnGateway', () => {
  test('the default is a VpnGw1AZ gateway with Entra ID point-to-site, and the host lists no allowlist: the gateway makes it redundant', () => {
    expect(DEFAULT_CONFIG.azure!.vpnGateway).toMatchObject({ sku: 'VpnGw1AZ', pointToSite: { entraId: { tenantId: expect.any(String) } } });
    expect(DEFAULT_CONFIG.azure!.hosts[0]).toMatchObject({ access: 'vpn-only' });
    expect(DEFAULT_CONFIG.azure!.hosts[0].allowlist).toBeUndefined();
  });

  test.each([
    ['SSTP', entraP2s({ protocols: ['OpenVPN', 'SSTP'] }), 'azure.vpnGateway.pointToSite.protocols[1]', /must not be SSTP/],
    ['Entra ID with IKEv2', entraP2s({ protocols: ['IkeV2'] }), 'azure.vpnGateway.pointToSite.protocols[0]', /does not work with Entra ID authentication, which needs OpenVPN alone, got "IkeV2"/],
    ['the Basic SKU', { sku: 'Basic' }, 'azure.vpnGateway.sku', /is the legacy Basic SKU/],
    ['a retired non-AZ SKU', { sku: 'VpnGw2' }, 'azure.vpnGateway.sku', /non-zone-redundant SKU.*got "VpnGw2"/],
    ['a generation the SKU cannot run on', { sku: 'VpnGw1AZ', generation: 'Generation2' }, 'azure.vpnGateway.generation', /must be Generation1 for VpnGw1AZ, got "Generation2"/],
    ['a pool overlapping the virtual network', entraP2s({ addressPool: '10.52.128.0/24' }), 'azure.vpnGateway.pointToSite.addressPool', /overlaps the virtual network address space \(10\.52\.0\.0\/16\), got "10\.52\.128\.0\/24"/],
    ['a pool of the wrong size', entraP2s({ addressPool: '10.250.0.0/30' }), 'azure.vpnGateway.pointToSite.addressPool', /is too small \(a \/30\)/],
    ['a public pool', entraP2s({ addressPool: '198.51.100.0/24' }), 'azure.vpnGateway.pointToSite.addressPool', /must be a private IPv4 range/],
    ['a PEM-wrapped root certificate', certificateP2s(TEST_ROOT_CERTIFICATE_PEM), 'azure.vpnGateway.pointToSite.rootCertificates[0].publicCertData', /must not contain PEM header lines/],
    ['a root certificate with line breaks', certificateP2s(TEST_ROOT_CERTIFICATE.replace(/(.{64})/g, '$1\n')), 'azure.vpnGateway.pointToSite.rootCertificates[0].publicCertData', /must be on one line/],
    ['a tenant ID that is not a GUID', entraP2s({ entraId: { tenantId: 'contoso.onmicrosoft.com' } }), 'azure.vpnGateway.pointToSite.entraId.tenantId', /must be a directory \(tenant\) ID/],
    ['an audience that is not a GUID', entraP2s({ entraId: { tenantId: '3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f', audience: 'azurevpn' } }), 'azure.vpnGateway.pointToSite.entraId.audience', /must be an application \(client\) ID/],
    ['both Entra ID and certificates', entraP2s({ rootCertificates: [{ name: 'root', publicCertData: TEST_ROOT_CERTIFICATE }] }), 'azure.vpnGateway.pointToSite', /exactly one of entraId \(recommended\) and rootCertificates/],
    ['neither point-to-site nor site-to-site', { pointToSite: undefined }, 'azure.vpnGateway', /must configure pointToSite, siteToSite or both/],
    ['a GatewaySubnet over a host subnet', { gatewaySubnetCidr: '10.52.1.0/27' }, 'azure.vpnGateway.gatewaySubnetCidr', /overlaps hosts\[0\]\.subnetCidr \(10\.52\.1\.0\/24\)/],
    ['a GatewaySubnet outside the address space', { gatewaySubnetCidr: '10.60.0.0/27' }, 'azure.vpnGateway.gatewaySubnetCidr', /must lie inside 10\.52\.0\.0\/16/],
    ['a GatewaySubnet smaller than /27', { gatewaySubnetCidr: '10.52.255.240/28' }, 'azure.vpnGateway.gatewaySubnetCidr', /too small for a VPN gateway \(a \/28\)/],
    ['an on-premises range over the point-to-site pool', { siteToSite: { ...office, onPremisesCidrs: ['10.250.0.0/16'] } }, 'azure.vpnGateway.siteToSite.onPremisesCidrs[0]', /overlaps the point-to-site client pool \(10\.250\.0\.0\/24\)/],
    ['an on-premises range inside the virtual network', { siteToSite: { ...office, onPremisesCidrs: ['172.16.50.0/24', '10.52.9.0/24'] } }, 'azure.vpnGateway.siteToSite.onPremisesCidrs[1]', /overlaps the virtual network address space/],
    ['a private on-premises device address', { siteToSite: { ...office, customerGatewayIp: '192.168.1.1' } }, 'azure.vpnGateway.siteToSite.customerGatewayIp', /must be the public IPv4 address of the on-premises VPN device/],
    ['an unknown setting', { activeActive: true }, 'azure.vpnGateway.activeActive', /is not a known setting/],
  ])('fails on %s, naming the field', (_label, change, field, message) => {
    expectProblem(withGateway(change), field, message);
  });

  test('the default GatewaySubnet (the last /27 of the address space) must not collide with a host subnet', () => {
    expectProblem(withGateway({ gatewaySubnetCidr: undefined }, { subnetCidr: '10.52.255.0/24' }), 'azure.vpnGateway.gatewaySubnetCidr', /overlaps hosts\[0\]\.subnetCidr \(10\.52\.255\.0\/24\), got "10\.52\.255\.224\/27"\. That is the default GatewaySubnet, the last \/27 of 10\.52\.0\.0\/16/);
    expect(problemsOf(withGateway({ gatewaySubnetCidr: '10.52.254.0/27' }, { subnetCidr: '10.52.255.0/24' }))).toEqual([]);
  });

  test('a public allowlist entry on a VPN-only host behind the gateway is refused, naming the entry', () => {
    expectProblem(withGateway({}, { allowlist: ['172.16.50.0/24', '203.0.113.0/24'] }), 'azure.hosts[0].allowlist[1]', /is a public range, got "203\.0\.113\.0\/24", but the host is VPN-only/);
  });

  test('a VPN-only host needs a gateway or private sources', () => {
    expectProblem(azureOnly({}, { vpnGateway: undefined }), 'azure.hosts[0].access', /is "vpn-only", but the azure section configures no vpnGateway and the host lists no private sources/);
    expect(problemsOf(azureOnly({ allowlist: ['10.8.0.0/24'] }, { vpnGateway: undefined }))).toEqual([]);
  });

  test('the gateway needs the virtual network the stack creates', () => {
    const onExisting = { subnetCidr: undefined, existingSubnetId: SUBNET_ID };
    expectProblem(azureOnly(onExisting, { network: { existingResourceGroupName: 'rdp-rg' } }), 'azure.vpnGateway', /needs the virtual network the stack creates/);
  });

  test('valid variants: certificates with IKEv2, site-to-site only, a Generation1 VpnGw2AZ', () => {
    expect(problemsOf(withGateway(certificateP2s(TEST_ROOT_CERTIFICATE)))).toEqual([]);
    expect(problemsOf(withGateway({ pointToSite: { rootCertificates: [{ name: 'p2s-root', publicCertData: TEST_ROOT_CERTIFICATE }], protocols: ['OpenVPN', 'IkeV2'] } }))).toEqual([]);
    expect(problemsOf(withGateway({ pointToSite: undefined, siteToSite: office }))).toEqual([]);
    expect(problemsOf(withGateway({ sku: 'VpnGw2AZ', generation: 'Generation1' }))).toEqual([]);
  });
});

describe('bad Azure input through the main job', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-azure-main-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('exit 1, every problem named by its path, nothing written', () => {
    const outdir = path.join(dir, 'bad.out');
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(azureOnly({ access: 'allowlist', allowlist: ['Internet'], rdpPort: 3389, computerName: 'jump-host-westeurope', adminUsername: 'administrator' })));
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'synth.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CDKTF_OUTDIR: outdir, RDP_HOSTS_CONFIG: file },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    for (const field of ['allowlist\\[0\\]', 'rdpPort', 'computerName', 'adminUsername']) {
      expect(result.stderr).toMatch(new RegExp(`\`azure\\.hosts\\[0\\]\\.${field}\``));
    }
    expect(result.stderr).toMatch(/Nothing was written/);
    expect(fs.existsSync(outdir)).toBe(false);
  });
});

test('azure.network flow log settings are checked and reach the stack', () => {
  expectProblem(azureOnly({}, { network: { flowLogStorageAccountId: 'logs' } }), 'azure.network.flowLogStorageAccountId', /must be a storage account resource ID/);
  expectProblem(azureOnly({}, { network: { flowLogStorageAccountId: '/subscriptions/3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/rdplogs', flowLogRetentionDays: 7 } }), 'azure.network.flowLogRetentionDays', /90|too small/);
});

describe('azure host groups', () => {
  test('members share the first host\'s subnet; differing group settings are named', () => {
    const azure = JSON.parse(JSON.stringify(DEFAULT_CONFIG.azure));
    const member = { ...azure.hosts[0], group: 'jump' };
    azure.hosts = [member, { ...member, name: 'jump-2' }, { ...member, name: 'jump-3', rdpPort: 44000 }];
    const problems = problemsOf({ azure });
    expect(problems.map((p) => p.field)).toEqual(['azure.hosts[2].rdpPort']);
    expect(problems[0].message).toMatch(/differs from `azure\.hosts\[0\]\.rdpPort` in the same group "jump"/);
    azure.hosts[2].rdpPort = member.rdpPort;
    expect(problemsOf({ azure })).toEqual([]);
  });
});
