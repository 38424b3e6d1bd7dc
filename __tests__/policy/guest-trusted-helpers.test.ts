/**
 * The evaluator trusts the renderer's helper functions only by their exact text
 * (policy/guest/trusted-helpers.ts). When the renderer changes a helper, this test fails and prints
 * the fingerprints to pin; until they are pinned the engine reports the guest settings as UNKNOWN.
 */
import { RdpAllowlist, RdpPort } from '../../constructs/core';
import { RdpHardeningProfile, WindowsServerVersion } from '../../constructs/windows';
import { parseScript } from '../../policy/guest/powershell-syntax';
import { guestStateOf, Setting } from '../../policy/guest/guest-state';
import { helperFingerprint, TRUSTED_HELPERS } from '../../policy/guest/trusted-helpers';

/** Every helper the renderer can emit (the optional ones included). */
function renderedHelpers(): Map<string, string> {
  const profile = new RdpHardeningProfile({
    port: RdpPort.of(43389),
    allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24']),
    windowsVersion: WindowsServerVersion.SERVER_2022,
    listenerCertificateThumbprint: 'A'.repeat(40),
  });
  const helpers = new Map<string, string>();
  for (const s of parseScript(profile.script)) if (s.t === 'function') helpers.set(s.name, helperFingerprint(s.text));
  return helpers;
}

test('the pinned helper fingerprints match the renderer (update policy/guest/trusted-helpers.ts when this fails)', () => {
  const rendered = renderedHelpers();
  const pinned = TRUSTED_HELPERS.filter((h) => rendered.has(h.name)).map((h) => [h.name, h.fingerprints.includes(rendered.get(h.name)!) ? 'pinned' : `pin ${rendered.get(h.name)}`]);
  expect(pinned.filter(([, state]) => state !== 'pinned')).toEqual([]);
  // Helpers whose effect the evaluator pins must all be rendered (a renamed helper would never be trusted).
  expect(TRUSTED_HELPERS.map((h) => h.name).filter((n) => !rendered.has(n))).toEqual([]);
});

test('the full rendered script (every optional helper) evaluates with every RDP setting known', () => {
  const profile = new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24']), windowsVersion: WindowsServerVersion.SERVER_2022, listenerCertificateThumbprint: 'A'.repeat(40) });
  const g = guestStateOf(profile.script);
  const settings: [string, Setting<unknown>][] = [
    ['port', g.port],
    ['securityLayer', g.securityLayer],
    ['nla', g.nla],
    ['udp', g.udp],
    ['firewall', g.firewall],
    ['firewallProfilesEnabled', g.firewallProfilesEnabled],
    ['minEncryptionLevel', g.minEncryptionLevel],
    ['listenerCertificateThumbprint', g.listenerCertificateThumbprint],
    ['lockoutThreshold', g.lockoutThreshold],
    ['lockoutDurationMinutes', g.lockoutDurationMinutes],
    ['lockoutResetMinutes', g.lockoutResetMinutes],
    ['idleSessionLimitMinutes', g.idleSessionLimitMinutes],
    ['disconnectedSessionLimitMinutes', g.disconnectedSessionLimitMinutes],
    ...[...g.protocols].map(([n, v]): [string, Setting<unknown>] => [n, v]),
    ...[...g.redirections].map(([n, v]): [string, Setting<unknown>] => [n, v]),
  ];
  // A setting that is not "set" here means a renderer change the evaluator cannot follow: pin the helper or model it.
  expect(settings.filter(([, v]) => v.state !== 'set').map(([n, v]) => `${n}: ${v.state === 'unknown' ? v.reason : 'unset'}`)).toEqual([]);
});
