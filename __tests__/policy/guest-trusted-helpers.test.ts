/**
 * The evaluator trusts the renderer's helper functions only by their exact text
 * (policy/guest/trusted-helpers.ts). When the renderer changes a helper, this test fails and prints
 * the fingerprints to pin; until they are pinned the engine reports the guest settings as UNKNOWN.
 */
import { RdpAllowlist, RdpPort } from '../../constructs/core';
import { RdpHardeningProfile, WindowsServerVersion } from '../../constructs/windows';
import { compactHardeningScript, DRIFT_INTERVAL_MINUTES } from '../../constructs/windows/render-hardening-script';
import { parseScript } from '../../policy/guest/powershell-syntax';
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { guestStateOf, Setting } from '../../policy/guest/guest-state';
import { helperFingerprint, trustedHelpers } from '../../policy/guest/trusted-helpers';

/** A profile that renders every optional helper. */
const profile = new RdpHardeningProfile({
  port: RdpPort.of(43389),
  allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24']),
  windowsVersion: WindowsServerVersion.SERVER_2022,
  listenerCertificateThumbprint: 'A'.repeat(40),
});

/** Every form of the script a carrier delivers: the readable one (SSM), the compact one (EC2 user data), the drift-correcting one (Azure run command). */
const VARIANTS: [string, string][] = [
  ['readable', profile.script],
  ['compact', compactHardeningScript(profile.script)],
  ['drift-correcting', profile.driftCorrectingScript],
  ['compact first-boot', compactHardeningScript(profile.firstBootScript)],
];

function renderedHelpers(script: string): Map<string, string> {
  const helpers = new Map<string, string>();
  for (const s of parseScript(script)) if (s.t === 'function') helpers.set(s.name, helperFingerprint(s.text));
  return helpers;
}

test.each(VARIANTS)('the pinned helper fingerprints match the %s script (update policy/guest/trusted-helpers.ts when this fails)', (_label, script) => {
  const rendered = renderedHelpers(script);
  const pinned = trustedHelpers().filter((h) => rendered.has(h.name)).map((h) => [h.name, h.fingerprints.includes(rendered.get(h.name)!) ? 'pinned' : `pin ${rendered.get(h.name)}`]);
  expect(pinned.filter(([, state]) => state !== 'pinned')).toEqual([]);
});

test('every pinned helper is rendered by some form (a renamed helper would never be trusted)', () => {
  const rendered = new Set(VARIANTS.flatMap(([, script]) => [...renderedHelpers(script).keys()]));
  expect(trustedHelpers().map((h) => h.name).filter((n) => !rendered.has(n))).toEqual([]);
});

test.each(VARIANTS.filter(([label]) => !label.includes('first-boot')))('the %s script (every optional helper) evaluates with every RDP setting known', (_label, script) => {
  const g = guestStateOf(script);
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

test('only the drift-correcting form installs the local drift task, with the rendered interval', () => {
  expect(guestStateOf(profile.driftCorrectingScript).localDriftTaskMinutes).toMatchObject({ state: 'set', value: DRIFT_INTERVAL_MINUTES });
  expect(guestStateOf(profile.script).localDriftTaskMinutes).toEqual({ state: 'unset' });
});

test('Remove-Value deletes the listener copy of fEncryptRPCTraffic; the policy copy stays 1', () => {
  const registry = evaluateScript(profile.script).registry;
  const ws = 'hklm:\\system\\currentcontrolset\\control\\terminal server\\winstations\\rdp-tcp\\fencryptrpctraffic';
  const tspol = 'hklm:\\software\\policies\\microsoft\\windows nt\\terminal services\\fencryptrpctraffic';
  expect([registry.get(ws)?.value, registry.get(tspol)?.value]).toEqual([null, 1]);
  // The pending markers (under HKLM:\SOFTWARE\secure-rdp-hosts) are not modelled as tracked settings.
  expect([...registry.keys()].filter((k) => k.startsWith('hklm:\\software\\secure-rdp-hosts'))).toEqual([]);
});
