import { Acknowledge, Peer, RdpAllowlist, RdpPort, RdpValidationError, RdpValidationErrors } from '../../constructs/core';
import {
  RdpGuestRisk,
  RdpHardeningProfile,
  RdpHardeningProfileProps,
  RdpRedirection,
  RdpSecurityLayer,
  TlsVersion,
  WindowsServerVersion,
} from '../../constructs/windows';

const ALLOWLIST = RdpAllowlist.fromCidrs(['203.0.113.0/24', '192.0.2.0/24']);
const REASON = 'Legacy thin clients until the Q3 refresh';

function profile(overrides: Partial<RdpHardeningProfileProps> = {}): RdpHardeningProfile {
  return new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: ALLOWLIST, ...overrides });
}

describe('RdpHardeningProfile: secure defaults', () => {
  test('TLS only, NLA, TLS 1.2 floor, CIS lockout and session limits, no redirection, TCP only, Server 2022', () => {
    const p = profile();
    expect(p.securityLayer).toBe(RdpSecurityLayer.TLS);
    expect(p.requireNla).toBe(true);
    expect(p.minimumTlsVersion).toBe(TlsVersion.TLS_1_2);
    expect(p.windowsVersion).toBe(WindowsServerVersion.SERVER_2022);
    expect(p.udp).toBe(false);
    expect([p.lockoutThreshold, p.lockoutDurationMinutes, p.lockoutResetMinutes]).toEqual([5, 15, 15]);
    expect([p.idleSessionLimitMinutes, p.disconnectedSessionLimitMinutes]).toEqual([15, 1]);
    expect(p.allowedRedirections).toEqual([]);
    expect(p.listenerCertificateThumbprint).toBeUndefined();
    expect(p.acknowledgements).toEqual([]);
  });

  test('keeps the very port and peers it was given, so network rules built from them match by construction', () => {
    const port = RdpPort.of(50001);
    const p = new RdpHardeningProfile({ port, allowlist: ALLOWLIST });
    expect(p.port).toBe(port);
    expect(p.allowlist).toBe(ALLOWLIST.peers);
    const peers = [Peer.cidr('198.51.100.7/32')];
    expect(new RdpHardeningProfile({ port, allowlist: peers }).allowlist).toBe(peers);
  });

  test('the manifest mirrors the resolved settings', () => {
    expect(profile().manifest).toEqual({
      version: 1,
      port: 43389,
      udp: false,
      allowlist: ['203.0.113.0/24', '192.0.2.0/24'],
      securityLayer: 'tls',
      nla: true,
      minTls: '1.2',
      tls13: true,
      windowsVersion: '2022',
      minEncryptionLevel: 3,
      lockoutThreshold: 5,
      lockoutDurationMinutes: 15,
      lockoutResetMinutes: 15,
      idleSessionLimitMinutes: 15,
      disconnectedSessionLimitMinutes: 1,
      allowedRedirections: [],
      listenerCertificateThumbprint: null,
      acknowledged: [],
      localDriftTask: null,
    });
  });
});

describe('RdpHardeningProfile: weakening needs an acknowledgement', () => {
  const weakenings: [string, Partial<RdpHardeningProfileProps>, string, RegExp][] = [
    ['TLS 1.1 floor', { minimumTlsVersion: TlsVersion.TLS_1_1 }, RdpGuestRisk.TLS_LEGACY, /`minimumTlsVersion` leaves deprecated TLS 1.1 enabled/],
    ['TLS 1.0 floor', { minimumTlsVersion: TlsVersion.TLS_1_0 }, RdpGuestRisk.TLS_LEGACY, /`minimumTlsVersion`/],
    ['NLA off', { requireNla: false }, RdpGuestRisk.NLA_OFF, /`requireNla` lets anyone who reaches the port/],
    ['Negotiate security layer', { securityLayer: RdpSecurityLayer.NEGOTIATE }, RdpGuestRisk.SECURITY_LAYER, /`securityLayer`/],
    ['lockout off', { lockoutThreshold: 0 }, RdpGuestRisk.LOCKOUT, /`lockoutThreshold` turns account lockout off/],
    ['lockout threshold 10', { lockoutThreshold: 10 }, RdpGuestRisk.LOCKOUT, /`lockoutThreshold` allows more than 5/],
    ['lockout duration 5', { lockoutDurationMinutes: 5, lockoutResetMinutes: 5 }, RdpGuestRisk.LOCKOUT, /`lockoutDurationMinutes`/],
    ['reset window 10', { lockoutResetMinutes: 10 }, RdpGuestRisk.LOCKOUT, /`lockoutResetMinutes`/],
    ['idle limit 60', { idleSessionLimitMinutes: 60 }, RdpGuestRisk.SESSION_LIMITS, /`idleSessionLimitMinutes`/],
    ['idle limit never', { idleSessionLimitMinutes: 0 }, RdpGuestRisk.SESSION_LIMITS, /`idleSessionLimitMinutes`/],
    ['disconnected limit 30', { disconnectedSessionLimitMinutes: 30 }, RdpGuestRisk.SESSION_LIMITS, /`disconnectedSessionLimitMinutes`/],
    ['clipboard redirection', { allowedRedirections: [RdpRedirection.CLIPBOARD] }, RdpGuestRisk.REDIRECTION, /`allowedRedirections`/],
  ];

  test.each(weakenings)('fails on %s without the acknowledgement, naming the field and the ID', (_name, overrides, riskId, fieldPattern) => {
    expect(() => profile(overrides)).toThrow(fieldPattern);
    expect(() => profile(overrides)).toThrow(new RegExp(`Acknowledge\\.risk\\('${riskId}'`));
  });

  test.each(weakenings)('accepts %s with the acknowledgement and lists it in the manifest', (_name, overrides, riskId) => {
    const p = profile({ ...overrides, acknowledgements: [Acknowledge.risk(riskId, REASON)] });
    expect(p.acknowledgements.map((a) => a.id)).toEqual([riskId]);
    expect(p.manifest.acknowledged).toEqual([riskId]);
  });

  test('an acknowledgement for the wrong risk does not count', () => {
    expect(() => profile({ requireNla: false, acknowledgements: [Acknowledge.risk(RdpGuestRisk.TLS_LEGACY, REASON)] })).toThrow(RdpValidationErrors);
  });

  test('fails on an acknowledgement for a risk the profile does not take', () => {
    expect(() => profile({ acknowledgements: [Acknowledge.risk(RdpGuestRisk.NLA_OFF, REASON)] })).toThrow(/`acknowledgements\[0\]` acknowledges a risk this profile does not take, got "RDP-GUEST-NLA-OFF"/);
  });

  test('one acknowledgement covers every weakening of its kind; several kinds need several', () => {
    const p = profile({
      lockoutThreshold: 10,
      lockoutDurationMinutes: 10,
      lockoutResetMinutes: 10,
      requireNla: false,
      acknowledgements: [Acknowledge.risk(RdpGuestRisk.NLA_OFF, REASON), Acknowledge.risk(RdpGuestRisk.LOCKOUT, REASON)],
    });
    expect(p.acknowledgedRiskIds).toEqual([RdpGuestRisk.LOCKOUT, RdpGuestRisk.NLA_OFF]);
  });

  test('stricter-than-default values need no acknowledgement', () => {
    const p = profile({ lockoutThreshold: 3, lockoutDurationMinutes: 60, lockoutResetMinutes: 30, idleSessionLimitMinutes: 5 });
    expect(p.acknowledgements).toEqual([]);
  });
});

describe('RdpHardeningProfile: invalid input is refused with the field named', () => {
  test('fails when the port is a number instead of an RdpPort', () => {
    expect(() => profile({ port: 43389 as unknown as RdpPort })).toThrow(/`port` must be an RdpPort, got 43389/);
  });

  test('fails on an empty allowlist and on duplicate peers, reusing the allowlist validator', () => {
    expect(() => profile({ allowlist: [] })).toThrow(/`allowlist` must list at least one source/);
    expect(() => profile({ allowlist: [Peer.cidr('10.0.0.0/16'), Peer.cidr('10.0.0.0/16')] })).toThrow(/`allowlist\[1\]` repeats entry 0/);
  });

  test('fails on an allowlist of strings', () => {
    expect(() => profile({ allowlist: ['10.0.0.0/16'] as unknown as [] })).toThrow(/`allowlist\[0\]` must be a CidrPeer/);
  });

  test.each([
    [{ lockoutThreshold: 2.5 }, /`lockoutThreshold` must be an integer from 0 to 999/],
    [{ lockoutDurationMinutes: 0 }, /`lockoutDurationMinutes` must be an integer from 1 to 99999/],
    [{ idleSessionLimitMinutes: -1 }, /`idleSessionLimitMinutes` must be an integer from 0 to 10080/],
    [{ rebootDelayMinutes: 0 }, /`rebootDelayMinutes` must be an integer from 1 to 1440/],
    [{ udp: 'yes' as unknown as boolean }, /`udp` must be true or false/],
    [{ windowsVersion: '2022' as unknown as WindowsServerVersion }, /`windowsVersion` must be one of the WindowsServerVersion constants/],
    [{ minimumTlsVersion: '1.2' as unknown as TlsVersion }, /`minimumTlsVersion` must be one of the TlsVersion constants/],
    [{ lockoutResetMinutes: 30 }, /`lockoutResetMinutes` must not exceed `lockoutDurationMinutes` \(15\), got 30/],
    [{ listenerCertificateThumbprint: 'abc' }, /`listenerCertificateThumbprint` must be a SHA-1 certificate thumbprint of 40 hexadecimal digits/],
    [{ allowedRedirections: [RdpRedirection.DRIVE, RdpRedirection.DRIVE] }, /`allowedRedirections\[1\]` repeats "drive"/],
  ])('fails on %p', (overrides, pattern) => {
    expect(() => profile(overrides as Partial<RdpHardeningProfileProps>)).toThrow(pattern);
  });

  test('suggests the cleaned thumbprint when it has separators', () => {
    expect(() => profile({ listenerCertificateThumbprint: 'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01' })).toThrow(/Did you mean "ABCDEF0123456789ABCDEF0123456789ABCDEF01"\?/);
  });

  test('a lower-case thumbprint is accepted and normalized to upper case', () => {
    expect(profile({ listenerCertificateThumbprint: 'abcdef0123456789abcdef0123456789abcdef01' }).listenerCertificateThumbprint).toBe('ABCDEF0123456789ABCDEF0123456789ABCDEF01');
  });

  test('fails when lockout is off but a duration is still given', () => {
    expect(() => profile({ lockoutThreshold: 0, lockoutDurationMinutes: 30, acknowledgements: [Acknowledge.risk(RdpGuestRisk.LOCKOUT, REASON)] })).toThrow(
      /`lockoutDurationMinutes` has no effect when `lockoutThreshold` is 0/,
    );
  });

  test('reports every problem at once, each under its field, with a prefix for configuration paths', () => {
    try {
      new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: ALLOWLIST, lockoutThreshold: -1, rebootDelayMinutes: 5000 }, 'aws.hosts[0].hardening');
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(RdpValidationErrors);
      expect((e as RdpValidationErrors).errors.map((x) => x.field)).toEqual(['aws.hosts[0].hardening.lockoutThreshold', 'aws.hosts[0].hardening.rebootDelayMinutes']);
    }
  });

  test('a single problem is a plain RdpValidationError carrying field and value', () => {
    try {
      profile({ requireNla: false });
      throw new Error('expected a throw');
    } catch (e) {
      expect(RdpValidationError.isRdpValidationError(e)).toBe(true);
      expect((e as RdpValidationError).field).toBe('requireNla');
      expect((e as RdpValidationError).value).toBe(false);
    }
  });
});

describe('enum-like choices', () => {
  test('TLS 1.3 is supported from Windows Server 2022 on', () => {
    expect(WindowsServerVersion.ALL.map((v) => [v.name, v.supportsTls13])).toEqual([
      ['2019', false],
      ['2022', true],
      ['2025', true],
    ]);
  });

  test('configuration names resolve, and unknown names fail naming the field', () => {
    expect(WindowsServerVersion.fromName('2025')).toBe(WindowsServerVersion.SERVER_2025);
    expect(() => WindowsServerVersion.fromName('2016', 'azure.hosts[1].windowsVersion')).toThrow(/`azure\.hosts\[1\]\.windowsVersion` must name a supported Windows Server release, got "2016"/);
    expect(RdpRedirection.fromName('clipboard')).toBe(RdpRedirection.CLIPBOARD);
    expect(() => RdpRedirection.fromName('usb')).toThrow(/`allowedRedirections` must name a redirection kind, got "usb"/);
  });
});
