import { Acknowledge } from '../../constructs/core/acknowledge';
import { RdpValidationErrors } from '../../constructs/core/errors';
import { RdpAccess, RdpAccessMode } from '../../constructs/core/rdp-access';
import { RdpAllowlist } from '../../constructs/core/rdp-allowlist';

describe('RdpAllowlist.fromCidrs', () => {
  test('keeps the sources in order, normalized', () => {
    const allowlist = RdpAllowlist.fromCidrs(['198.51.100.0/24', '10.8.0.0/24']);
    expect(allowlist.cidrs).toEqual(['198.51.100.0/24', '10.8.0.0/24']);
    expect(allowlist.hasPublicSources).toBe(true);
  });

  test('a private-only allowlist needs no public endpoint', () => {
    expect(RdpAllowlist.fromCidrs(['10.8.0.0/16', '192.168.10.0/24']).hasPublicSources).toBe(false);
  });

  test('fails on an empty allowlist, naming the field', () => {
    expect(() => RdpAllowlist.fromCidrs([])).toThrow(/`allowlist` must list at least one source, got \[\]/);
  });

  test('fails on a duplicate, naming both entries', () => {
    expect(() => RdpAllowlist.fromCidrs(['198.51.100.0/24', '198.51.100.0/24'])).toThrow(/`allowlist\[1\]` repeats entry 0 \(198\.51\.100\.0\/24\)/);
  });

  test('reports every bad entry at once, each with its index', () => {
    let error: unknown;
    try {
      RdpAllowlist.fromCidrs(['0.0.0.0/0', '198.51.100.0/24', '203.0.113.5/24']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RdpValidationErrors);
    const fields = (error as RdpValidationErrors).errors.map((e) => e.field);
    expect(fields).toEqual(['allowlist[0]', 'allowlist[2]']);
    expect((error as Error).message).toMatch(/Did you mean "203\.0\.113\.0\/24"/);
  });

  test('fails on something that is not a list', () => {
    expect(() => RdpAllowlist.fromCidrs('198.51.100.0/24' as unknown as string[])).toThrow(/`allowlist` must be a list of CIDRs/);
  });
});

describe('Acknowledge.risk', () => {
  test('keeps id and reason', () => {
    expect(Acknowledge.risk('RDP-AWS-PASSWORD-DATA', 'Lab account, key in the team vault').toJSON()).toEqual({ id: 'RDP-AWS-PASSWORD-DATA', reason: 'Lab account, key in the team vault' });
  });

  test('fails on a short reason', () => {
    expect(() => Acknowledge.risk('RDP-AWS-PASSWORD-DATA', 'because')).toThrow(/`acknowledgement\.reason` must explain the decision in at least 10 characters/);
  });

  test('fails on a malformed id', () => {
    expect(() => Acknowledge.risk('password data', 'a long enough reason')).toThrow(/`acknowledgement\.id` must be an upper-case ID/);
  });
});

describe('RdpAccess', () => {
  const ack = Acknowledge.risk('RDP-NET-PUBLIC-IP', 'Vendor support from a fixed office range');

  test('VPN-only is the mode that never needs a public IP', () => {
    const access = RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['10.8.0.0/16']));
    expect(access.mode).toBe(RdpAccessMode.VPN_ONLY);
    expect(access.needsPublicIp).toBe(false);
    expect(() => RdpAccess.vpnOnly(RdpAllowlist.fromCidrs(['198.51.100.0/24']))).toThrow(/`allowlist\[0\]` is a public range/);
  });

  test('allowlist mode with a public source needs the RDP-NET-PUBLIC-IP acknowledgement', () => {
    expect(() => RdpAccess.allowlist(RdpAllowlist.fromCidrs(['198.51.100.0/24']), undefined, 'aws.hosts[0]')).toThrow(
      /`aws\.hosts\[0\]\.allowlist` has public sources \(198\.51\.100\.0\/24\).*`aws\.hosts\[0\]\.internetExposure` = Acknowledge\.risk\('RDP-NET-PUBLIC-IP'/,
    );
    const access = RdpAccess.allowlist(RdpAllowlist.fromCidrs(['198.51.100.0/24', '10.8.0.0/16']), ack);
    expect(access.needsPublicIp).toBe(true);
    expect(access.internetExposure).toBe(ack);
  });

  test('the acknowledgement must name the right risk, and only when the risk is taken', () => {
    expect(() => RdpAccess.allowlist(RdpAllowlist.fromCidrs(['198.51.100.0/24']), Acknowledge.risk('RDP-OTHER', 'a long enough reason'))).toThrow(/`internetExposure\.id` must be "RDP-NET-PUBLIC-IP"/);
    expect(() => RdpAccess.allowlist(RdpAllowlist.fromCidrs(['10.8.0.0/16']), ack)).toThrow(/`internetExposure` is not needed/);
    expect(RdpAccess.allowlist(RdpAllowlist.fromCidrs(['10.8.0.0/16'])).needsPublicIp).toBe(false);
  });
});
