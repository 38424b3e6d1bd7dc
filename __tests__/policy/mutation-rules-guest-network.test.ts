/**
 * The rules that hold the guest's script against the plan (issue #20, mutation testing): RDP-GUEST-ALLOWLIST-DRIFT
 * (GuestFirewallMatchesNetwork), RDP-GUEST-PORT-MISMATCH (GuestPortMatchesNetwork), RDP-GUEST-MANIFEST-MISMATCH
 * (GuestManifestMatchesBody) and RDP-GUEST-LOCKOUT (GuestAccountLockout): their verdicts and the exact findings a
 * reviewer reads, on hand-written PowerShell snippets delivered in small plan documents built inside each test.
 * A snippet's line N is line N + 1 of the user data (`<powershell>` is line 1).
 */
import { hardeningScriptFunctions, OPTIONAL_SCRIPT_FUNCTIONS } from '../../constructs/windows/hardening-script-functions';
import { Compliance } from '../../policy/types';
import { awsStack, azureStack, only, patch, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const HOST = 'aws_instance.host';
const VM = 'azurerm_windows_virtual_machine.host';
const AWS_RULE = 'aws_vpc_security_group_ingress_rule.office';
const WS = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';
const POL = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
/** A value PowerShell computes at run time: the evaluator cannot prove it. */
const COMPUTED = '(Get-Random)';

const setPort = (value: string | number): string => `Set-ItemProperty -Path '${WS}' -Name 'PortNumber' -Value ${value}`;
const setPol = (name: string, value: string | number): string => `Set-ItemProperty -Path '${POL}' -Name '${name}' -Value ${value}`;
/** An enabled inbound allow rule of the guest firewall. */
const allow = (name: string, protocol: string, port: string, remote: string): string =>
  `New-NetFirewallRule -Name '${name}' -Direction Inbound -Action Allow -Protocol ${protocol} -LocalPort ${port} -RemoteAddress ${remote} -Enabled True | Out-Null`;
/** The manifest line of a hardening script. */
const manifestLine = (m: Record<string, unknown>): string => `# secure-rdp-hosts:profile ${JSON.stringify(m)}`;

/** The test AWS stack (the security group admits TCP 43389 from 203.0.113.0/24) whose host's user data is `lines`. */
function awsHost(...lines: string[]): TfJson {
  return patch(awsStack(), 'aws_instance', 'host', { user_data: `<powershell>\n${lines.join('\n')}\n</powershell>` });
}

/** `json` plus an SSM document whose script is `lines`, run on the host by an association. */
function withSsmScript(json: TfJson, ...lines: string[]): TfJson {
  const content = JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runPowerShellScript', inputs: { runCommand: lines } }] });
  const withDocument = withResource(json, 'aws_ssm_document', 'harden', { name: 'harden', document_type: 'Command', content });
  return withResource(withDocument, 'aws_ssm_association', 'harden', { name: '${aws_ssm_document.harden.name}', targets: [{ key: 'InstanceIds', values: ['${aws_instance.host.id}'] }], schedule_expression: 'rate(30 minutes)' });
}

/** Compliance and findings of rule `id` on `subject`. */
function judge(id: string, json: TfJson, subject = HOST): [Compliance, string[]] {
  const r = verdict(id, json, subject);
  return [r.compliance, r.findings];
}

describe('RDP-GUEST-ALLOWLIST-DRIFT (GuestFirewallMatchesNetwork)', () => {
  const ID = 'RDP-GUEST-ALLOWLIST-DRIFT';
  const office = (): string => allow('rdp', 'TCP', '43389', '203.0.113.0/24');

  test('the guest admitting exactly the network\'s sources is compliant', () => {
    expect(judge(ID, awsHost(setPort(43389), office()))).toEqual([Compliance.COMPLIANT, []]);
  });

  test.each([
    ['TCP on the RDP port', allow('open', 'TCP', '43389', 'Any'), 'admits Any on 43389'],
    ['UDP on the RDP port (listing its ports)', allow('open', 'UDP', "'43389','443'", 'Any'), 'admits Any on 43389, 443'],
    ['every protocol on every port (listing its sources)', allow('open', 'Any', 'Any', "'0.0.0.0/0','::/0'"), 'admits 0.0.0.0/0, ::/0 on every port'],
    ['TCP on 3389', allow('open', 'TCP', '3389', 'Any'), 'admits Any on 3389'],
  ])('a guest rule admitting the world over %s is a finding naming the rule and its line', (_label, rule, finding) => {
    expect(judge(ID, awsHost(setPort(43389), office(), rule))).toEqual([Compliance.NON_COMPLIANT, [`user_data: the guest firewall rule open (line 4) ${finding}`]]);
  });

  test('a guest rule admitting the world on another port is not this rule\'s concern', () => {
    expect(judge(ID, awsHost(setPort(43389), office(), allow('web', 'TCP', '443', 'Any')))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a public source the network admits to the RDP port that no guest rule on that port admits is a finding', () => {
    // The guest admits 203.0.113.0/24 only on 443: that does not count for RDP.
    const json = awsHost(setPort(43389), allow('rdp', 'TCP', '43389', '198.51.100.0/24'), allow('web', 'TCP', '443', '203.0.113.0/24'));
    expect(judge(ID, json)).toEqual([Compliance.NON_COMPLIANT, ['user_data: the network admits 203.0.113.0/24 (aws_vpc_security_group_ingress_rule.office) but the guest firewall does not']]);
  });

  test('one guest source containing the network\'s source is enough', () => {
    expect(judge(ID, awsHost(setPort(43389), allow('a', 'TCP', '43389', '198.51.100.0/24'), allow('b', 'TCP', '43389', '203.0.112.0/23')))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('guest rules that together hold the network\'s source are enough (a /24 held by two /25s); one half is not', () => {
    const halves = awsHost(setPort(43389), allow('low', 'TCP', '43389', '203.0.113.0/25'), allow('high', 'TCP', '43389', '203.0.113.128/25'));
    expect(judge(ID, halves)).toEqual([Compliance.COMPLIANT, []]);
    const oneHalf = awsHost(setPort(43389), allow('low', 'TCP', '43389', '203.0.113.0/25'), allow('web', 'TCP', '443', '203.0.113.128/25'));
    expect(judge(ID, oneHalf)).toEqual([Compliance.NON_COMPLIANT, ['user_data: the network admits 203.0.113.0/24 (aws_vpc_security_group_ingress_rule.office) but the guest firewall does not']]);
  });

  test('a private source the network admits, or a guest without any rule on the RDP port, is not compared', () => {
    const privateSource = patch(awsHost(setPort(43389), office()), 'aws_vpc_security_group_ingress_rule', 'office', { cidr_ipv4: '10.0.0.0/16' });
    expect(judge(ID, privateSource)).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(ID, awsHost(setPort(43389), allow('web', 'TCP', '443', '198.51.100.0/24')))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('two problems are one finding, joined by "; "', () => {
    const json = awsHost(setPort(43389), allow('rdp', 'TCP', '43389', '198.51.100.0/24'), allow('open', 'UDP', '43389', 'Any'));
    expect(judge(ID, json)).toEqual([
      Compliance.NON_COMPLIANT,
      ['user_data: the guest firewall rule open (line 4) admits Any on 43389; the network admits 203.0.113.0/24 (aws_vpc_security_group_ingress_rule.office) but the guest firewall does not'],
    ]);
  });

  test('the network admitting UDP while the guest has RDP over UDP off is a finding naming the line', () => {
    const json = patch(awsHost(setPort(43389), office(), setPol('SelectTransport', 1)), 'aws_vpc_security_group_ingress_rule', 'office', { ip_protocol: 'udp' });
    expect(judge(ID, json)).toEqual([Compliance.NON_COMPLIANT, ['user_data: the network admits udp 43389 but the guest has RDP over UDP off (line 4)']]);
  });

  test('a computed port, firewall source or SelectTransport is UNKNOWN, naming what cannot be proven', () => {
    expect(judge(ID, awsHost(setPort(COMPUTED), office()))).toEqual([Compliance.UNKNOWN, ['user_data: PortNumber cannot be proven from the script body: line 2: the output of Get-Random']]);
    expect(judge(ID, awsHost(setPort(43389), allow('rdp', 'TCP', '43389', COMPUTED)))).toEqual([
      Compliance.UNKNOWN,
      ['user_data: the guest firewall cannot be proven from the script body: firewall rule rdp (line 3): its remote addresses are not known statically'],
    ]);
    expect(judge(ID, awsHost(setPort(43389), office(), setPol('SelectTransport', COMPUTED)))).toEqual([Compliance.UNKNOWN, ['user_data: SelectTransport cannot be proven from the script body: line 4: the output of Get-Random']]);
  });

  test('a body that never writes PortNumber is not judged here (RDP-GUEST-PORT-MISMATCH reports it); neither is a resource that is no host', () => {
    expect(judge(ID, awsHost(office()))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(ID, awsHost(setPort(43389), office()), AWS_RULE)).toEqual([Compliance.NOT_APPLICABLE, []]);
  });
});

describe('RDP-GUEST-PORT-MISMATCH (GuestPortMatchesNetwork)', () => {
  const ID = 'RDP-GUEST-PORT-MISMATCH';

  test('a resource that is no host, a host without a script, and an SSM document carrying one are not applicable', () => {
    expect(judge(ID, awsHost(setPort(43389)), AWS_RULE)).toEqual([Compliance.NOT_APPLICABLE, []]);
    expect(judge(ID, patch(awsStack(), 'aws_instance', 'host', { user_data: undefined }))).toEqual([Compliance.NOT_APPLICABLE, []]);
    expect(judge(ID, withSsmScript(awsHost(setPort(43389)), setPort(50000)), 'aws_ssm_document.harden')).toEqual([Compliance.NOT_APPLICABLE, []]);
  });

  test('a computed port is UNKNOWN, naming the script', () => {
    expect(judge(ID, awsHost(setPort(COMPUTED)))).toEqual([Compliance.UNKNOWN, ['user_data: PortNumber cannot be proven from the script body: line 2: the output of Get-Random']]);
  });

  test('two scripts writing different ports are a finding listing both', () => {
    expect(judge(ID, withSsmScript(awsHost(setPort(43389)), setPort(50000)))).toEqual([
      Compliance.NON_COMPLIANT,
      ['the scripts delivered to the host write different ports to PortNumber (user_data: 43389, aws_ssm_document.harden content: 50000)'],
    ]);
  });

  test('one script on the admitted port and one with a computed port: UNKNOWN naming the computed one; 3389 is a finding regardless', () => {
    expect(judge(ID, withSsmScript(awsHost(setPort(43389)), setPort(COMPUTED)))).toEqual([
      Compliance.UNKNOWN,
      ['aws_ssm_document.harden content: PortNumber cannot be proven from the script body: line 1: the output of Get-Random'],
    ]);
    expect(judge(ID, withSsmScript(awsHost(setPort(3389)), setPort(COMPUTED)))).toEqual([Compliance.NON_COMPLIANT, ['the guest listens on the default port 3389 (user_data line 2)']]);
  });

  test('a security group admitting only UDP on the port does not admit the TCP listener', () => {
    const json = patch(awsHost(setPort(43389)), 'aws_vpc_security_group_ingress_rule', 'office', { ip_protocol: 'udp' });
    expect(judge(ID, json)).toEqual([Compliance.NON_COMPLIANT, ['the guest listens on 43389 but no security rule of the host admits tcp 43389']]);
  });

  describe('Azure: only a rule someone wrote counts', () => {
    /** The Azure test stack whose run command writes 43389, without the NSG's deny of everything (so the default rules apply), plus `rules`. */
    function nsg(allowPort: string, ...rules: [string, Record<string, unknown>][]): TfJson {
      let json = patch(azureStack(), 'azurerm_virtual_machine_run_command', 'harden', { source: { script: setPort(43389) } });
      json = withResource(json, 'azurerm_network_security_rule', 'deny_rdp', undefined);
      json = patch(json, 'azurerm_network_security_rule', 'allow_office', { destination_port_range: allowPort });
      for (const [name, body] of rules) {
        json = withResource(json, 'azurerm_network_security_rule', name, {
          name, network_security_group_name: '${azurerm_network_security_group.rdp.name}', resource_group_name: 'rg', direction: 'Inbound', access: 'Deny', protocol: '*',
          source_port_range: '*', destination_port_range: '*', destination_address_prefix: '*', ...body,
        });
      }
      return json;
    }
    const finding = (): [Compliance, string[]] => [Compliance.NON_COMPLIANT, ['the guest listens on 43389 but no security rule of the host admits tcp 43389']];

    test('an NSG rule admitting TCP on the port is compliant', () => {
      expect(judge(ID, nsg('43389'), VM)).toEqual([Compliance.COMPLIANT, []]);
    });

    test.each([
      ['both default rules (AllowVnetInBound, AllowAzureLoadBalancerInBound)', []],
      ['AllowVnetInBound alone', [['no_lb', { priority: 4000, source_address_prefix: 'AzureLoadBalancer' }]]],
      ['AllowAzureLoadBalancerInBound alone', [['no_vnet', { priority: 4000, source_address_prefix: 'VirtualNetwork' }]]],
    ] as [string, [string, Record<string, unknown>][]][])('an NSG whose rules open another port, so that %s admit the port, is a finding', (_label, rules) => {
      expect(judge(ID, nsg('50000', ...rules), VM)).toEqual(finding());
    });

    test('a host without any NSG is a finding (nothing was written to admit the port)', () => {
      expect(judge(ID, withResource(nsg('43389'), 'azurerm_subnet_network_security_group_association', 'hosts', undefined), VM)).toEqual(finding());
    });
  });
});

describe('RDP-GUEST-MANIFEST-MISMATCH (GuestManifestMatchesBody): what the body leaves unset, unknown or contradicting', () => {
  const ID = 'RDP-GUEST-MANIFEST-MISMATCH';
  const findings = (...lines: string[]): [Compliance, string[]] => judge(ID, awsHost(...lines));
  const finding = (text: string): [Compliance, string[]] => [Compliance.NON_COMPLIANT, [`user_data: ${text}`]];

  test.each([
    [{ securityLayer: 'tls' }, 'the manifest says securityLayer = "tls" but the body never sets it'],
    [{ nla: true }, 'the manifest says nla = true but the body never sets it'],
    [{ udp: false }, 'the manifest says udp = false but the body never sets it'],
    [{ port: 43389, allowlist: ['203.0.113.0/24'] }, 'the manifest says allowlist = ["203.0.113.0/24"] but the body never sets it'],
  ])('a core field the body never sets is a finding: %j', (claimed, text) => {
    expect(findings(manifestLine(claimed), setPort(43389))).toEqual(finding(text));
  });

  test('an allowlist with firewall rules but no PortNumber is never set (the rules admit no known port)', () => {
    expect(findings(manifestLine({ allowlist: ['203.0.113.0/24'] }), allow('rdp', 'TCP', '43389', '203.0.113.0/24'))).toEqual(finding('the manifest says allowlist = ["203.0.113.0/24"] but the body never sets it'));
  });

  test('a computed port makes the port and the allowlist UNKNOWN (joined by "; "); a rule on 3389 is then no leftover', () => {
    const json = [manifestLine({ port: 43389, allowlist: ['203.0.113.0/24'] }), setPort(COMPUTED), allow('rdp', 'TCP', '43389', '203.0.113.0/24'), allow('old', 'TCP', '3389', '10.0.0.0/8')];
    expect(findings(...json)).toEqual([
      Compliance.UNKNOWN,
      ["user_data: port: the body's value cannot be proven (line 3: the output of Get-Random); allowlist: the body's value cannot be proven (line 3: the output of Get-Random)"],
    ]);
  });

  test('a firewall rule left on TCP 3389 is a finding listing its sources; without PortNumber, or with an unreadable firewall, it is not judged', () => {
    expect(findings(manifestLine({ port: 43389 }), setPort(43389), allow('old', 'TCP', '3389', "'10.0.0.0/8','192.168.0.0/16'"))).toEqual(
      finding('the manifest says port 43389 but the body leaves the firewall rule old (line 4) admitting port 3389 from 10.0.0.0/8, 192.168.0.0/16'),
    );
    expect(findings(manifestLine({}), allow('old', 'TCP', '3389', '10.0.0.0/8'))).toEqual([Compliance.COMPLIANT, []]);
    expect(findings(manifestLine({ port: 43389 }), setPort(43389), allow('old', 'TCP', '3389', COMPUTED))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a computed redirection is UNKNOWN; a body that sets no redirection is not compared (non-core)', () => {
    expect(findings(manifestLine({ allowedRedirections: [] }), setPol('fDisableCdm', COMPUTED))).toEqual([
      Compliance.UNKNOWN,
      ["user_data: allowedRedirections: the body's value cannot be proven (line 3: the output of Get-Random)"],
    ]);
    expect(findings(manifestLine({ allowedRedirections: ['drive'] }), setPort(43389))).toEqual([Compliance.COMPLIANT, []]);
  });

  test('a script without a manifest line claims nothing (even with the firewall off)', () => {
    expect(findings(setPort(43389), 'Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled False')).toEqual([Compliance.COMPLIANT, []]);
  });

  test('the listener certificate thumbprint is compared case-insensitively; a non-string claim is not compared', () => {
    const helpers = hardeningScriptFunctions(new Set(OPTIONAL_SCRIPT_FUNCTIONS));
    expect(findings(manifestLine({ listenerCertificateThumbprint: 'ab12' }), helpers, "Set-ListenerCertificate 'AB12'")).toEqual([Compliance.COMPLIANT, []]);
    const [c, texts] = findings(manifestLine({ listenerCertificateThumbprint: 'ab12' }), helpers, "Set-ListenerCertificate 'CD34'");
    expect(c).toBe(Compliance.NON_COMPLIANT);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^user_data: the manifest says listenerCertificateThumbprint = "AB12" but the body sets "CD34" \(line \d+\)$/);
    expect(findings(manifestLine({ listenerCertificateThumbprint: 12 }), helpers, "Set-ListenerCertificate 'CD34'")).toEqual([Compliance.COMPLIANT, []]);
  });
});

describe('RDP-GUEST-LOCKOUT (GuestAccountLockout): a computed duration or reset window', () => {
  test.each([
    ['lockoutduration', 'the lockout duration'],
    ['lockoutwindow', 'the lockout reset window'],
  ])('Set-Lockout of %s with an unassigned value is UNKNOWN, naming %s', (sw, what) => {
    const others = ['net accounts /lockoutthreshold:5', 'net accounts /lockoutduration:15', 'net accounts /lockoutwindow:15'].filter((l) => !l.includes(sw));
    const [c, texts] = judge('RDP-GUEST-LOCKOUT', awsHost(manifestLine({}), hardeningScriptFunctions(new Set(OPTIONAL_SCRIPT_FUNCTIONS)), ...others, `Set-Lockout @{} 'X' '${sw}' $v`));
    expect(c).toBe(Compliance.UNKNOWN);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(new RegExp(`^user_data: ${what} cannot be proven from the script body: line \\d+: Set-Lockout unknown \\(\\$v is not assigned in the script\\)$`));
  });
});

test('the rules on guest scripts are not applicable to a plan without hosts', () => {
  for (const id of ['RDP-GUEST-ALLOWLIST-DRIFT', 'RDP-GUEST-PORT-MISMATCH']) expect(judge(id, only({ aws_security_group: { rdp: { name: 'rdp' } } }), 'aws_security_group.rdp')).toEqual([Compliance.NOT_APPLICABLE, []]);
});
