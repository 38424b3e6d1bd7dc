/**
 * The shipped example stacks (stacks/, embedded default configuration) reviewed exactly as CI does:
 * synthesized to a temporary cdktf.out, read back by the `check` loader. Security properties are
 * asserted first; the reviewer report is snapshot-tested last, for humans to read in review.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { violations } from '../../policy/engine';
import { loadDocuments } from '../../policy/files';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { ExposurePath } from '../../policy/report/exposure';
import { renderMarkdown } from '../../policy/report/markdown';
import { reviewDocuments } from '../../policy/report/review-result';
import { isPublicSource } from '../../policy/network/sources';
import { buildStacks } from '../../stacks/app';
import { loadConfig } from '../../stacks/config/load-config';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-stacks-'));
const app = new App({ outdir });
buildStacks(app, loadConfig({}).config);
app.synth();
const result = reviewDocuments(loadDocuments([outdir], outdir), RdpBaselinePack);

test('both example stacks are reviewed', () => {
  expect(result.report.documents.map((d) => [d.stack, d.source])).toEqual([
    ['aws-rdp-hosts', 'stacks/aws-rdp-hosts/cdk.tf.json'],
    ['azure-rdp-hosts', 'stacks/azure-rdp-hosts/cdk.tf.json'],
  ]);
});

/** Issue 12's invariants are rules (management path, other ports, dead sources, world egress): none may fire. */
test('the AWS example stack has no unsuppressed error', () => {
  expect(violations(result.report).filter((o) => o.stack === 'aws-rdp-hosts')).toEqual([]);
});

test('the Azure example stack has no unsuppressed error', () => {
  expect(violations(result.report).filter((o) => o.stack === 'azure-rdp-hosts')).toEqual([]);
});

test('every host of the example stacks reaches its management plane', () => {
  const hosts = result.exposure.flatMap((s) => s.hosts);
  expect(hosts.map((h) => [h.cloud, h.management.state])).toEqual([
    ['AWS', 'yes'],
    ['Azure', 'yes'],
  ]);
});

test('every example host is VPN-only: no public IP and no public source reaches RDP', () => {
  const hosts = result.exposure.flatMap((s) => s.hosts);
  expect(hosts.length).toBe(2);
  for (const host of hosts) {
    expect(host.accessMode).toBe('vpn-only');
    expect(host.publicAddress.state).toBe('no');
    expect(host.path).toBe(ExposurePath.VPN);
    expect(host.sources.length).toBeGreaterThan(0);
    expect(host.sources.filter((s) => isPublicSource({ kind: s.kind, value: s.label }))).toEqual([]);
  }
});

test('the AWS host runs the TLS-only profile on the port its security group opens to the Client VPN', () => {
  const [host] = result.exposure.find((s) => s.stack === 'aws-rdp-hosts')?.hosts ?? [];
  expect(host).toMatchObject({ ports: [43389], portFromProfile: true, guestTlsMatches: true });
  expect(host.sources.map((s) => s.label)).toEqual([expect.stringMatching(/^security group aws_security_group\.\S+ \(Client VPN endpoint aws_ec2_client_vpn_endpoint\.\S+\)$/)]);
});

test('the Azure host runs the TLS-only profile on the port its NSG opens to the VPN gateway\'s point-to-site pool', () => {
  const [host] = result.exposure.find((s) => s.stack === 'azure-rdp-hosts')?.hosts ?? [];
  expect(host).toMatchObject({ ports: [43389], portFromProfile: true, guestTlsMatches: true });
  expect(host.sources.map((s) => s.label)).toEqual([expect.stringMatching(/^10\.250\.0\.0\/24 \(point-to-site pool of azurerm_virtual_network_gateway\.\S+\)$/)]);
});

test('the Azure VPN gateway is reviewed, not skipped: zone-redundant SKU and OpenVPN-only Entra ID point-to-site are compliant', () => {
  const gatewayOutcomes = result.report.outcomes.filter((o) => o.stack === 'azure-rdp-hosts' && o.type === 'azurerm_virtual_network_gateway');
  expect(gatewayOutcomes.filter((o) => o.ruleId.startsWith('RDP-AZ-VPN-')).map((o) => [o.ruleId, o.compliance]).sort()).toEqual([
    ['RDP-AZ-VPN-GATEWAY-SKU', 'compliant'],
    ['RDP-AZ-VPN-P2S-PROTOCOLS', 'compliant'],
  ]);
});

test('reviewer report (read by a human once; the assertions above carry the security properties)', () => {
  expect(renderMarkdown(result)).toMatchSnapshot();
});
