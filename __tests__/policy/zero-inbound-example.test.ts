/**
 * The zero-inbound example (examples/zero-inbound.example.json) through the policy review: no
 * unsuppressed error, the exposure map names the zero-inbound paths, and the Bastion subnet's
 * Microsoft-required front-end rules (443 from Internet, 80 to Internet) are the only world rules, exempt
 * only on an AzureBastionSubnet holding a Bastion.
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
import { buildStacks } from '../../stacks/app';
import { loadConfig } from '../../stacks/config/load-config';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'zero-inbound-'));
const app = new App({ outdir });
buildStacks(app, loadConfig({ RDP_HOSTS_CONFIG: path.join(__dirname, '..', '..', 'examples', 'zero-inbound.example.json') }).config);
app.synth();
const result = reviewDocuments(loadDocuments([outdir], outdir), RdpBaselinePack);
const hosts = result.exposure.flatMap((s) => s.hosts);
const byMode = (mode: string) => hosts.filter((h) => h.accessMode === mode);

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

test('no unsuppressed error in either stack', () => {
  expect(violations(result.report)).toEqual([]);
});

test('the exposure map shows "no inbound (Session Manager)" and "Azure Bastion (tunnel)" as the paths, beside VPN-only hosts', () => {
  expect(byMode('session-manager')).toHaveLength(2);
  for (const h of byMode('session-manager')) {
    expect(h).toMatchObject({ path: ExposurePath.SESSION_MANAGER, publicAddress: { state: 'no' }, guestTlsMatches: true, ports: [44389] });
    expect(h.sources.map((s) => s.label)).toEqual(['Session Manager agent (host loopback 127.0.0.1, ::1)']);
    expect(h.management.state).toBe('yes');
  }
  expect(byMode('bastion')).toHaveLength(3);
  for (const h of byMode('bastion')) {
    expect(h).toMatchObject({ path: ExposurePath.BASTION, publicAddress: { state: 'no' }, guestTlsMatches: true, otherPorts: [] });
    expect(h.sources.map((s) => s.label)).toEqual(['10.54.254.0/26 (private)']);
  }
  expect(byMode('vpn-only').map((h) => h.path)).toEqual([ExposurePath.VPN, ExposurePath.VPN]);
  expect(renderMarkdown(result)).toContain('Azure Bastion (tunnel)');
});

test('the zero-inbound rules judged every session-manager host, bastion host and Bastion compliant', () => {
  const judged = (id: string) => result.report.outcomes.filter((o) => o.ruleId === id).map((o) => [o.type, o.compliance]);
  expect(judged('RDP-AWS-SSM-INBOUND')).toEqual([['aws_instance', 'compliant'], ['aws_instance', 'compliant']]);
  expect(judged('RDP-AZ-BASTION-ONLY')).toEqual([['azurerm_windows_virtual_machine', 'compliant'], ['azurerm_windows_virtual_machine', 'compliant'], ['azurerm_windows_virtual_machine', 'compliant']]);
  expect(judged('RDP-AZ-BASTION-SHAREABLE-LINK')).toEqual([['azurerm_bastion_host', 'compliant']]);
  // The Bastion subnet's Microsoft-required 443-from-Internet rule is judged and exempt, not skipped.
  const frontEnd = result.report.outcomes.find((o) => o.ruleId === 'RDP-NET-WORLD-INGRESS' && /Bastion_AllowHttpsInbound/.test(o.address));
  expect(frontEnd?.compliance).toBe('compliant');
});
