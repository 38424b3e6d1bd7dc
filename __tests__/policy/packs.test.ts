/**
 * Pins the RdpBaseline pack: adding, removing or re-levelling a rule must show up as a diff here
 * (cdk-nag's Packs.test.ts), and every rule must be documented well enough for docs/RULES.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RISK_IDS } from '../../contract';
import { acknowledges } from '../../policy/engine';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { Severity } from '../../policy/types';

const idsAt = (severity: Severity): string[] => RdpBaselinePack.rules.filter((r) => r.severity === severity).map((r) => r.id);

test('pack name and version', () => {
  expect(RdpBaselinePack.name).toBe('RdpBaseline');
  expect(RdpBaselinePack.version).toBe('1.2.0');
});

test('error-level rule IDs', () => {
  expect(idsAt(Severity.ERROR)).toEqual([
    'RDP-NET-INTERNET-RDP',
    'RDP-NET-WORLD-INGRESS',
    'RDP-NET-DEFAULT-PORT',
    'RDP-NET-PUBLIC-IP',
    'RDP-NET-VPN-ONLY-PUBLIC-IP',
    'RDP-NET-VPN-ONLY-SOURCES',
    'RDP-NET-HOST-FILTERED',
    'RDP-NET-MANAGEMENT-PATH',
    'RDP-NET-PRIVATE-OTHER-PORTS',
    'RDP-NET-WORLD-EGRESS',
    'RDP-GUEST-PROFILE-MISSING',
    'RDP-GUEST-PORT-MISMATCH',
    'RDP-GUEST-TLS-LEGACY',
    'RDP-GUEST-SECURITY-LAYER',
    'RDP-GUEST-NLA-OFF',
    'RDP-GUEST-MANIFEST-MISMATCH',
    'RDP-AWS-IMDSV2',
    'RDP-AWS-EBS-ENCRYPTION',
    'RDP-AWS-PASSWORD-DATA',
    'RDP-AWS-DEFAULT-SG',
    'RDP-AWS-CLIENT-VPN-LOGGING',
    'RDP-AWS-CLIENT-VPN-AUTHZ',
    'RDP-AWS-S2S-CRYPTO',
    'RDP-AWS-DEFAULT-VPC',
    'RDP-AWS-IAM-TRUST-WILDCARD',
    'RDP-AWS-SSM-PARAMETER-SECRET',
    'RDP-AWS-SSM-INBOUND',
    'RDP-AZ-NSG-RDP-DENY',
    'RDP-AZ-NSG-PRIORITY',
    'RDP-AZ-TRUSTED-LAUNCH',
    'RDP-AZ-ENCRYPTION-AT-HOST',
    'RDP-AZ-KV-RECOVERABLE',
    'RDP-AZ-VPN-GATEWAY-SKU',
    'RDP-AZ-VPN-P2S-PROTOCOLS',
    'RDP-AZ-VPN-IPSEC-POLICY',
    'RDP-AZ-DEFAULT-OUTBOUND',
    'RDP-AZ-DISK-PUBLIC',
    'RDP-AZ-PUBLIC-IP-BASIC',
    'RDP-AZ-BASTION-ONLY',
    'RDP-AZ-BASTION-SHAREABLE-LINK',
    'RDP-SECRET-IN-CLEAR',
    'RDP-SECRET-OUTPUT',
  ]);
});

test('warning-level rule IDs', () => {
  expect(idsAt(Severity.WARNING)).toEqual([
    'RDP-NET-ALL-TRAFFIC',
    'RDP-NET-BROAD-SOURCE',
    'RDP-NET-DEAD-SOURCE',
    'RDP-NET-BROAD-PRIVATE-SOURCE',
    'RDP-GUEST-DRIFT-CORRECTION',
    'RDP-GUEST-LOCKOUT',
    'RDP-GUEST-SESSION-LIMITS',
    'RDP-GUEST-REDIRECTION',
    'RDP-GUEST-ALLOWLIST-DRIFT',
    'RDP-AWS-INSTANCE-PROFILE',
    'RDP-AWS-VPC-FLOW-LOGS',
    'RDP-AWS-S2S-TUNNEL-LOGS',
    'RDP-AWS-PUBLIC-SUBNET',
    'RDP-AZ-KV-NETWORK',
    'RDP-AZ-KV-SECRET-EXPIRY',
    'RDP-AZ-FLOW-LOGS',
    'RDP-AZ-SUBNET-NSG',
    'RDP-LOG-RETENTION',
  ]);
});

test('info-level rule IDs', () => {
  expect(idsAt(Severity.INFO)).toEqual([]);
});

test('IDs are unique, well-formed, and every rule is described', () => {
  const ids = RdpBaselinePack.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of RdpBaselinePack.rules) {
    expect(r.id).toMatch(/^RDP-(NET|GUEST|AWS|AZ|SECRET|LOG)-[A-Z0-9]+(-[A-Z0-9]+)*$/);
    expect(r.title.length).toBeGreaterThan(15);
    expect(r.rationale.length).toBeGreaterThan(30);
    expect(r.remediation.length).toBeGreaterThan(20);
  }
});

test.each([...RISK_IDS])('the constructs\' risk ID %s is acknowledged by exactly one rule of the pack', (id) => {
  expect(RdpBaselinePack.rules.filter((r) => acknowledges(r, id)).map((r) => r.rule.name)).toHaveLength(1);
});

test('an acknowledgedBy alias is a contract risk ID and never another rule\'s own ID', () => {
  const ids = new Set(RdpBaselinePack.rules.map((r) => r.id));
  const aliases = RdpBaselinePack.rules.flatMap((r) => r.acknowledgedBy ?? []);
  expect(aliases.filter((a) => ids.has(a) || !RISK_IDS.includes(a))).toEqual([]);
});

test('rule function names are their file names (cdk-nag convention)', () => {
  const rulesDir = path.join(__dirname, '..', '..', 'policy', 'rules');
  const files = ['aws', 'azure', 'common'].flatMap((d) => fs.readdirSync(path.join(rulesDir, d)).filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')));
  expect(RdpBaselinePack.rules.map((r) => r.rule.name).sort()).toEqual(files.sort());
});
