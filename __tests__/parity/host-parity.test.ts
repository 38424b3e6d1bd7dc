/**
 * Parity: the same host and group scenarios run against AWS and Azure through one adapter per cloud
 * (./clouds.ts) give the same acceptance, the same error text, the same guest profile and the same
 * exposure, read back from the synthesized JSON by the policy engine's reachability model.
 */
import fc from 'fast-check';
import { Acknowledge, Peer, RdpAccess, RdpAllowlist, RdpHostBase, RdpHostGroupBase, RdpPort, WindowsServerVersion } from '../../constructs';
import { rdpPortProblem } from '../../constructs/core';
import { AWS, AZURE, CloudScenario, CLOUDS, ON_PREMISES_CIDR } from './clouds';
import { bodiesOf, fullSynthJson } from '../helpers/template';

const PUBLIC_ACK = () => Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from a fixed office range');
const publicAllowlist = (...cidrs: string[]) => RdpAccess.allowlist(RdpAllowlist.fromCidrs(cidrs), PUBLIC_ACK());
const privateAllowlist = (...cidrs: string[]) => RdpAccess.allowlist(RdpAllowlist.fromCidrs(cidrs));

/** The outcome of a scenario: `ok`, or the error message (the text users read). */
function outcome(run: (s: CloudScenario) => void, scenario: CloudScenario): string {
  try {
    run(scenario);
    scenario.synth();
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Runs a scenario on both clouds; returns the AWS outcome after checking Azure's is the same. */
function onBoth(run: (s: CloudScenario) => void): string {
  const [aws, azure] = [AWS, AZURE].map((cloud) => outcome(run, cloud.scenario()));
  expect(azure).toBe(aws);
  return aws;
}

describe('the same scenario is accepted or refused with the same error on AWS and Azure', () => {
  test.each<[string, (s: CloudScenario) => void, RegExp | 'ok']>([
    ['VPN-only host with a VPN connected', (s) => s.connectVpn(s.host('H1')), 'ok'],
    ['VPN-only host with a private source and no VPN', (s) => void s.host('H1', { access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])) }), 'ok'],
    ['VPN-only host without a VPN: nobody could reach it', (s) => void s.host('H1'), /test\/H1\/Group is VPN-only, but no VPN was connected to it and no private source admitted, so nobody can reach RDP/],
    ['VPN-only host: a public source is refused', (s) => s.host('H1').allowRdpFrom(Peer.cidr('198.51.100.0/24')), /^`peer` is a public range, got "198\.51\.100\.0\/24", but test\/H1\/Group is VPN-only\. Allowed: a VPN/],
    ['VPN-only host: a private source is admitted', (s) => s.host('H1').allowRdpFrom(Peer.cidr('10.9.0.0/16')), 'ok'],
    [
      'allowlist host without a public IP: a public source is refused (a dead rule)',
      (s) => s.host('H1', { access: privateAllowlist('192.168.20.0/24') }).allowRdpFrom(Peer.cidr('198.51.100.0/24')),
      /^`peer` is a public range, got "198\.51\.100\.0\/24", but the hosts of test\/H1\/Group have no public IP, so it could never reach them \(a dead rule\)/,
    ],
    ['allowlist host with a public IP: another public source is admitted', (s) => s.host('H1', { access: publicAllowlist('203.0.113.0/24') }).allowRdpFrom(Peer.cidr('198.51.100.0/24')), 'ok'],
    ['allowlist host: a VPN is connected too', (s) => s.connectVpn(s.host('H1', { access: privateAllowlist('192.168.20.0/24') })), 'ok'],
    ['a rule description longer than 140 characters is refused', (s) => s.host('H1', { access: privateAllowlist('192.168.20.0/24') }).allowRdpFrom(Peer.cidr('10.9.0.0/16'), 'x'.repeat(141)), /^`description` must be text of at most 140 characters/],
    ['group: a member must not set what the group owns', (s) => void s.member('M1', s.group('G', { access: privateAllowlist('10.8.0.0/24') }), { rdpPort: RdpPort.of(50000), udp: true }), /^`rdpPort` comes from the host group test\/G; do not set it on a member host \(set: rdpPort, udp\)/],
    ['group: a member of another Windows release is refused', (s) => void s.member('M1', s.group('G', { access: privateAllowlist('10.8.0.0/24') }), { windowsVersion: WindowsServerVersion.SERVER_2019 }), /^`image` is Windows Server 2019, but the group test\/G is hardened for 2022/],
    ['group: members of the same release share it', (s) => { const g = s.group('G', { access: privateAllowlist('10.8.0.0/24'), windowsVersion: WindowsServerVersion.SERVER_2019 }); s.member('M1', g); s.member('M2', g); }, 'ok'],
    ['group: a VPN connected through one member admits it for all', (s) => { const g = s.group('G'); const m = s.member('M1', g); s.member('M2', g); s.connectVpn(m); }, 'ok'],
    ['UDP carried by the port value', (s) => void s.host('H1', { access: privateAllowlist('10.8.0.0/24'), rdpPort: RdpPort.of(50123, { udp: true }) }), 'ok'],
    ['a port that carries UDP contradicted by udp: false is refused', (s) => void s.host('H1', { access: privateAllowlist('10.8.0.0/24'), rdpPort: RdpPort.of(50123, { udp: true }), udp: false }), /^`udp` contradicts `rdpPort`, which carries UDP/],
    ['tags on a host', (s) => void s.host('H1', { access: privateAllowlist('10.8.0.0/24'), tags: { team: 'platform', note: '${file("x")}' } }), 'ok'],
    ['allowlist with a public source and an acknowledgement of another risk', (s) => void s.host('H1', { access: RdpAccess.allowlist(RdpAllowlist.fromCidrs(['203.0.113.0/24']), Acknowledge.risk('RDP-NET-INTERNET-EGRESS', 'Needs Windows Update directly')) }), /internetExposure\.id` must be "RDP-NET-PUBLIC-IP"/],
  ])('%s', (_label, run, expected) => {
    const result = onBoth(run);
    if (expected === 'ok') expect(result).toBe('ok');
    else expect(result).toMatch(expected);
  });
});

describe.each(CLOUDS.map((c) => [c.name, c] as const))('%s: cloud-specific modes behave alike', (_name, cloud) => {
  test("the cloud's zero-inbound mode admits no other source, with the shared wording", () => {
    const s = cloud.scenario();
    const host = s.host('H1', { access: s.zeroInbound() });
    expect(() => host.allowRdpFrom(Peer.cidr('10.9.0.0/16'))).toThrow(/^`peer` cannot be admitted: test\/H1\/Group uses (session-manager|bastion) access, so RDP reaches it only through .*\. Reach it that way, or put the hosts in a group with vpn-only or allowlist access\.$/);
    expect(() => s.connectVpn(host)).toThrow(/cannot be admitted/);
    expect(s.exposure().H1.publicAddress).toBe('no');
  });

  test('a host without an image is refused before anything is built', () => {
    const s = cloud.scenario();
    expect(() => s.host('H1', { access: privateAllowlist('10.8.0.0/24') }, { image: undefined })).toThrow(/^`image` is required: the Windows Server image decides the release the guest hardening targets\. Pass /);
  });

  test('UDP folded into the port: the group, the port value, the guest and the network rules all carry it', () => {
    const s = cloud.scenario();
    const host = s.host('H1', { access: privateAllowlist('10.8.0.0/24'), rdpPort: RdpPort.of(50123, { udp: true }) });
    expect([host.udp, host.rdpPort.udp, host.hardeningProfile().udp]).toEqual([true, true, true]);
    expect(s.exposure().H1.rdp).toEqual(['tcp 10.8.0.0/24', 'udp 10.8.0.0/24']);
  });

  test("the other cloud's zero-inbound mode is refused, naming this cloud's", () => {
    const s = cloud.scenario();
    expect(() => s.host('H1', { access: s.foreignZeroInbound() })).toThrow(/^`access` is (AWS session-manager|Azure bastion) access, which (Azure|AWS) hosts cannot use\. Use RdpAccess\.(bastion\(bastion\)|sessionManager\(\)) for zero-inbound access on (Azure|AWS)\.$/);
  });

  test('host and group expose the same accessors: access, rdpPort, udp, windowsVersion, admittedPeers, guestFirewallSources', () => {
    const s = cloud.scenario();
    const host = s.host('H1', { access: privateAllowlist('10.8.0.0/24'), rdpPort: RdpPort.of(50123), udp: true, windowsVersion: WindowsServerVersion.SERVER_2025 });
    expect(host).toBeInstanceOf(RdpHostBase);
    expect(host.group).toBeInstanceOf(RdpHostGroupBase);
    expect({ mode: host.access.mode, port: host.rdpPort.number, udp: host.udp, version: host.windowsVersion.name, admitted: host.admittedPeers.map((p) => p.label), guest: host.guestFirewallSources.map((p) => p.cidr) }).toEqual({
      mode: 'allowlist',
      port: 50123,
      udp: true,
      version: '2025',
      admitted: ['10.8.0.0/24'],
      guest: ['10.8.0.0/24'],
    });
  });

  test('access mode and the public-IP acknowledgement are recorded on the host resource for the plan review', () => {
    const s = cloud.scenario();
    s.host('H1', { access: publicAllowlist('203.0.113.0/24') });
    const json = fullSynthJson(s.stack);
    const [vm] = bodiesOf(json, cloud.name === 'AWS' ? 'aws_instance' : 'azurerm_windows_virtual_machine') as { '//': { rdp_access_mode: string; rdp_acknowledgements: { id: string }[] } }[];
    expect(vm['//'].rdp_access_mode).toBe('allowlist');
    expect(vm['//'].rdp_acknowledgements.map((a) => a.id)).toContain('RDP-NET-PUBLIC-IP');
  });

  test('tags reach the host resource, taken literally; construct-owned tags win', () => {
    const s = cloud.scenario();
    s.host('H1', { access: privateAllowlist('10.8.0.0/24'), tags: { team: 'platform', note: '${file("x")}', Name: 'spoof', 'rdp-host-group': 'spoof' } });
    const json = fullSynthJson(s.stack);
    const [vm] = bodiesOf(json, cloud.name === 'AWS' ? 'aws_instance' : 'azurerm_windows_virtual_machine') as { tags: Record<string, string> }[];
    expect(vm.tags).toMatchObject({ team: 'platform', note: '$${file("x")}' });
    if (cloud.name === 'AWS') expect(vm.tags).toMatchObject({ Name: 'test/H1', 'rdp-host-group': 'test/H1/Group' });
  });
});

describe('the same access model gives the same exposure and the same guest profile on both clouds', () => {
  const build = (s: CloudScenario, kind: string) => {
    switch (kind) {
      case 'vpn-only + VPN':
        s.connectVpn(s.host('H1'));
        break;
      case 'vpn-only + private source, UDP':
        s.host('H1', { access: RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/24'])), udp: true });
        break;
      case 'allowlist, public sources, UDP, custom port':
        s.host('H1', { access: publicAllowlist('198.51.100.0/24', '203.0.113.10/32'), udp: true, rdpPort: RdpPort.of(50123) }).allowRdpFrom(Peer.cidr('192.0.2.0/24'));
        break;
      case 'group of two, VPN through one member, Windows 2019':
        {
          const g = s.group('G', { access: privateAllowlist('172.16.50.0/24'), windowsVersion: WindowsServerVersion.SERVER_2019 });
          s.member('M1', g);
          s.connectVpn(s.member('M2', g));
        }
        break;
    }
    return s;
  };
  test.each([['vpn-only + VPN'], ['vpn-only + private source, UDP'], ['allowlist, public sources, UDP, custom port'], ['group of two, VPN through one member, Windows 2019']])('%s', (kind) => {
    const [aws, azure] = [AWS, AZURE].map((c) => build(c.scenario(), kind));
    const exposure = aws.exposure();
    expect(azure.exposure()).toEqual(exposure);
    // Not vacuous: every host admits something on its RDP port and nothing on the other ports.
    for (const e of Object.values(exposure)) {
      expect(e.rdp.length).toBeGreaterThan(0);
      expect(e.otherPorts).toEqual([]);
    }
    if (kind === 'vpn-only + VPN') expect(exposure.H1).toEqual({ rdp: [`tcp ${ON_PREMISES_CIDR}`], otherPorts: [], publicAddress: 'no', rdpPorts: [43389] });
    if (kind.startsWith('allowlist')) expect(exposure.H1).toMatchObject({ publicAddress: 'yes', rdpPorts: [50123], rdp: expect.arrayContaining(['udp 192.0.2.0/24', 'tcp 198.51.100.0/24']) });
    // The guest script each cloud delivers is the same text: one port, one source list, one transport setting.
    const scripts = (s: CloudScenario) => s.stack.node.findAll().filter((n): n is RdpHostGroupBase => n instanceof RdpHostGroupBase).map((g) => g.hardeningProfile().script);
    expect(scripts(azure)).toEqual(scripts(aws));
  });

  test('property: any allowlist, port and transport give the same exposure on both clouds, exactly the listed sources', () => {
    const privateCidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `10.${a}.${b}.0/24`);
    const publicCidr = fc.constantFrom('198.51.100.0/24', '203.0.113.0/25', '192.0.2.16/28', '203.0.113.200/32');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.oneof(privateCidr, publicCidr), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1024, max: 65535 }).filter((p) => rdpPortProblem(p) === undefined),
        fc.boolean(),
        (cidrs, port, udp) => {
          const isPublic = (c: string) => !c.startsWith('10.');
          const access = () => RdpAccess.allowlist(RdpAllowlist.fromCidrs(cidrs), cidrs.some(isPublic) ? PUBLIC_ACK() : undefined);
          const [aws, azure] = [AWS, AZURE].map((c) => {
            const s = c.scenario();
            s.host('H1', { access: access(), rdpPort: RdpPort.of(port), udp });
            return s.exposure().H1;
          });
          expect(azure).toEqual(aws);
          const expected = cidrs.flatMap((c) => (udp ? [`tcp ${c}`, `udp ${c}`] : [`tcp ${c}`])).sort();
          expect(aws).toEqual({ rdp: expected, otherPorts: [], publicAddress: cidrs.some(isPublic) ? 'yes' : 'no', rdpPorts: [port] });
        },
      ),
      { numRuns: 12 },
    );
  });

  test('property: the same peer is accepted or refused with the same error on both clouds, for every access mode', () => {
    const peer = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `10.${a}.${b}.0/24`),
      fc.constantFrom('198.51.100.0/24', '203.0.113.7/32', '172.16.0.0/16', '100.64.1.0/24'),
    );
    const mode = fc.constantFrom('vpn-only', 'allowlist-private', 'allowlist-public');
    fc.assert(
      fc.property(peer, mode, (cidr, m) => {
        const access = () => (m === 'vpn-only' ? RdpAccess.vpnOnly() : m === 'allowlist-private' ? privateAllowlist('192.168.30.0/24') : publicAllowlist('203.0.113.0/24'));
        const result = onBoth((s) => {
          const host = s.host('H1', { access: access() });
          host.allowRdpFrom(Peer.cidr(cidr));
        });
        const isPublic = !/^(10\.|172\.16\.|100\.64\.)/.test(cidr);
        expect(result === 'ok').toBe(!isPublic || m === 'allowlist-public');
      }),
      { numRuns: 25 },
    );
  });
});
