/**
 * The guest rules on edited script bodies (issue #20, mutation testing): each rule says non-compliant on a
 * weak value (naming it and its line), compliant on the secure one, and UNKNOWN (never compliant) when the
 * value is computed at run time. The script is the fixtures' direct-write body plus the lines under test.
 */
import { Compliance } from '../../policy/types';
import { awsStack, manifest, patch, script, TfJson } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const HOST = 'aws_instance.host';
const POL = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
const SCHANNEL = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols';
const setPol = (name: string, value: string | number): string => `Set-ItemProperty -Path '${POL}' -Name '${name}' -Value ${value}`;
const setProtocol = (protocol: string, value: string | number): string => `Set-ItemProperty -Path '${SCHANNEL}\\${protocol}\\Server' -Name 'Enabled' -Value ${value}`;

/** The fixture host whose user data is the secure script followed by `lines`. */
function hostWith(...lines: string[]): TfJson {
  return patch(awsStack(), 'aws_instance', 'host', { user_data: `<powershell>\n${[script(), ...lines].join('\n')}\n</powershell>` });
}

/** Rule verdict on the host with extra lines: compliance and the findings joined. */
function judge(ruleId: string, ...lines: string[]): [Compliance, string] {
  const result = verdict(ruleId, hostWith(...lines), HOST);
  return [result.compliance, result.findings.join('\n')];
}

const COMPUTED = '(Get-Random -Maximum 2)';

describe('RDP-GUEST-TLS-LEGACY (GuestTlsFloor)', () => {
  test('the secure body is compliant; enabling TLS 1.2 keeps it so', () => {
    expect(judge('RDP-GUEST-TLS-LEGACY')).toEqual([Compliance.COMPLIANT, '']);
    expect(judge('RDP-GUEST-TLS-LEGACY', setProtocol('TLS 1.2', 1))).toEqual([Compliance.COMPLIANT, '']);
  });

  test.each(['SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1'])('%s enabled is a finding naming it and its line', (protocol) => {
    const [c, findings] = judge('RDP-GUEST-TLS-LEGACY', setProtocol(protocol, 1));
    expect(c).toBe(Compliance.NON_COMPLIANT);
    expect(findings).toMatch(new RegExp(`${protocol.replace('.', '\\.')} is enabled \\(line \\d+; floor TLS 1\\.2\\)`));
  });

  test('a computed value is UNKNOWN and says why; a finding elsewhere still wins', () => {
    const [c, findings] = judge('RDP-GUEST-TLS-LEGACY', setProtocol('TLS 1.0', COMPUTED));
    expect(c).toBe(Compliance.UNKNOWN);
    expect(findings).toMatch(/SCHANNEL TLS 1\.0 cannot be proven from the script body: /);
    expect(judge('RDP-GUEST-TLS-LEGACY', setProtocol('TLS 1.0', COMPUTED), setProtocol('TLS 1.1', 1))[0]).toBe(Compliance.NON_COMPLIANT);
  });

  test('SSL 3.0 disabled explicitly is compliant', () => {
    expect(judge('RDP-GUEST-TLS-LEGACY', setProtocol('SSL 3.0', 0))[0]).toBe(Compliance.COMPLIANT);
  });
});

describe('RDP-GUEST-NLA-OFF (GuestNlaRequired)', () => {
  test('on is compliant, off is a finding with its line, computed is UNKNOWN', () => {
    expect(judge('RDP-GUEST-NLA-OFF', setPol('UserAuthentication', 1))).toEqual([Compliance.COMPLIANT, '']);
    const [off, finding] = judge('RDP-GUEST-NLA-OFF', setPol('UserAuthentication', 0));
    expect(off).toBe(Compliance.NON_COMPLIANT);
    expect(finding).toMatch(/Network Level Authentication is off \(line \d+\): the logon screen is served before authentication/);
    const [unknown, why] = judge('RDP-GUEST-NLA-OFF', setPol('UserAuthentication', COMPUTED));
    expect(unknown).toBe(Compliance.UNKNOWN);
    expect(why).toMatch(/UserAuthentication cannot be proven from the script body: /);
  });
});

test('a setting the script leaves unset is not judged per script (RDP-GUEST-PROFILE-MISSING judges it)', () => {
  const withoutNla = patch(awsStack(), 'aws_instance', 'host', { user_data: `<powershell>\n${script({ manifest: manifest({ nla: undefined, securityLayer: undefined }) })}\n</powershell>` });
  expect(verdict('RDP-GUEST-NLA-OFF', withoutNla, HOST)).toEqual({ compliance: Compliance.COMPLIANT, findings: [] });
  expect(verdict('RDP-GUEST-SECURITY-LAYER', withoutNla, HOST)).toEqual({ compliance: Compliance.COMPLIANT, findings: [] });
});

describe('RDP-GUEST-SECURITY-LAYER (GuestSecurityLayerTls)', () => {
  test.each([
    [2, Compliance.COMPLIANT, ''],
    [1, Compliance.NON_COMPLIANT, 'security layer is "negotiate"'],
    [0, Compliance.NON_COMPLIANT, 'security layer is "rdp"'],
  ])('SecurityLayer %i: %s', (value, expected, finding) => {
    const [c, findings] = judge('RDP-GUEST-SECURITY-LAYER', setPol('SecurityLayer', value));
    expect(c).toBe(expected);
    expect(findings).toContain(finding);
  });

  test('computed is UNKNOWN', () => {
    expect(judge('RDP-GUEST-SECURITY-LAYER', setPol('SecurityLayer', COMPUTED))).toEqual([Compliance.UNKNOWN, expect.stringMatching(/SecurityLayer cannot be proven/)]);
  });
});

describe('RDP-GUEST-LOCKOUT (GuestAccountLockout)', () => {
  test.each([
    ['net accounts /lockoutthreshold:5', Compliance.COMPLIANT, /^$/],
    ['net accounts /lockoutthreshold:1', Compliance.COMPLIANT, /^$/],
    ['net accounts /lockoutthreshold:6', Compliance.NON_COMPLIANT, /lockout after 6 failed logons \(line \d+; CIS: 5 or fewer\)/],
    ['net accounts /lockoutthreshold:0', Compliance.NON_COMPLIANT, /account lockout is off \(line \d+\): passwords can be guessed without limit/],
    ['net accounts /lockoutduration:15 /lockoutwindow:15', Compliance.COMPLIANT, /^$/],
    ['net accounts /lockoutduration:14 /lockoutwindow:15', Compliance.NON_COMPLIANT, /accounts unlock after 14 minutes \(line \d+; CIS: 15 or more\)/],
    ['net accounts /lockoutduration:15 /lockoutwindow:14', Compliance.NON_COMPLIANT, /the failed-logon counter resets after 14 minutes \(line \d+; CIS: 15 or more\)/],
  ])('%s: %s', (line, expected, finding) => {
    const [c, findings] = judge('RDP-GUEST-LOCKOUT', line);
    expect(c).toBe(expected);
    expect(findings).toMatch(finding);
  });

  test('lockout off is the only finding even with a short duration', () => {
    const [c, findings] = judge('RDP-GUEST-LOCKOUT', 'net accounts /lockoutthreshold:0', 'net accounts /lockoutduration:5 /lockoutwindow:5');
    expect(c).toBe(Compliance.NON_COMPLIANT);
    expect(findings).toMatch(/account lockout is off/);
    expect(findings).not.toMatch(/unlock after|resets after/);
  });

  test('a computed threshold is UNKNOWN', () => {
    const [c, findings] = judge('RDP-GUEST-LOCKOUT', 'net accounts /lockoutthreshold:$n');
    expect(c).toBe(Compliance.UNKNOWN);
    expect(findings).toMatch(/the lockout threshold cannot be proven/);
  });
});

describe('RDP-GUEST-SESSION-LIMITS (GuestSessionLimits)', () => {
  test.each([
    [setPol('MaxIdleTime', 15 * 60000), Compliance.COMPLIANT, /^$/],
    [setPol('MaxIdleTime', 16 * 60000), Compliance.NON_COMPLIANT, /idle sessions last 16 minutes \(line \d+; CIS: 15 or fewer\)/],
    [setPol('MaxIdleTime', 0), Compliance.NON_COMPLIANT, /idle sessions never end \(line \d+\)/],
    [setPol('MaxDisconnectionTime', 60000), Compliance.COMPLIANT, /^$/],
    [setPol('MaxDisconnectionTime', 2 * 60000), Compliance.NON_COMPLIANT, /disconnected sessions are kept 2 minutes \(line \d+; CIS: 1\)/],
    [setPol('MaxDisconnectionTime', 0), Compliance.NON_COMPLIANT, /disconnected sessions are kept forever \(line \d+\)/],
  ])('%s: %s', (line, expected, finding) => {
    const [c, findings] = judge('RDP-GUEST-SESSION-LIMITS', line);
    expect(c).toBe(expected);
    expect(findings).toMatch(finding);
  });

  test('computed limits are UNKNOWN', () => {
    expect(judge('RDP-GUEST-SESSION-LIMITS', setPol('MaxIdleTime', COMPUTED))).toEqual([Compliance.UNKNOWN, expect.stringMatching(/MaxIdleTime cannot be proven/)]);
    expect(judge('RDP-GUEST-SESSION-LIMITS', setPol('MaxDisconnectionTime', COMPUTED))).toEqual([Compliance.UNKNOWN, expect.stringMatching(/MaxDisconnectionTime cannot be proven/)]);
  });
});

describe('RDP-GUEST-REDIRECTION (GuestRedirectionOff)', () => {
  test('each allowed redirection is named, all in one finding', () => {
    const [c, findings] = judge('RDP-GUEST-REDIRECTION', setPol('fDisableClip', 0), setPol('fDisableCdm', 0));
    expect(c).toBe(Compliance.NON_COMPLIANT);
    expect(findings).toMatch(/redirection allowed for drive \(line \d+\), clipboard \(line \d+\)|redirection allowed for clipboard \(line \d+\), drive \(line \d+\)/);
  });

  test('forbidden is compliant, computed is UNKNOWN', () => {
    expect(judge('RDP-GUEST-REDIRECTION', setPol('fDisableClip', 1))).toEqual([Compliance.COMPLIANT, '']);
    expect(judge('RDP-GUEST-REDIRECTION', setPol('fDisableClip', COMPUTED))).toEqual([Compliance.UNKNOWN, expect.stringMatching(/clipboard redirection cannot be proven/)]);
  });
});
