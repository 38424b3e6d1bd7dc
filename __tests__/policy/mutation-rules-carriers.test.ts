/**
 * Which scripts a plan delivers to a host, and how their text is read (issue #20, mutation testing of
 * policy/guest/profile.ts and script-text.ts). A mistake here hides a script from every guest rule: the review
 * says "compliant" while a second carrier undoes the hardening. Every test builds its small plan JSON and its
 * one-line PowerShell snippets itself; expected carriers, attributions and decoded texts are written out.
 */
import { associationsRunning, guestHardeningOf, manifestValue, parseProfile, profilesCarriedBy, stripWrapper } from '../../policy/guest/profile';
import { commandLineScript, decodeBase64Text, embeddedScriptText, scriptText } from '../../policy/guest/script-text';
import { Compliance } from '../../policy/types';
import { awsStack, azureStack, load, patch, script, TfJson, withResource } from './fixtures/builders';
import { compliance, unreadableField, verdict } from './mutation-helpers';

const HOST = 'aws_instance.host';
const VM = 'azurerm_windows_virtual_machine.host';
const POL = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
const WS = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';
/** A one-line script that turns NLA on (1) or off (0). */
const nla = (value: 0 | 1): string => `Set-ItemProperty -Path '${POL}' -Name UserAuthentication -Value ${value}`;
/** A one-line script that writes the listener port. */
const port = (value: number): string => `Set-ItemProperty -Path '${WS}' -Name PortNumber -Value ${value}`;
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const utf16 = (text: string): string => Buffer.from(text, 'utf16le').toString('base64');

/** The scripts delivered to `host`: `"<via> [<carrier>] nla=<…> port=<…>"` per profile, the unreadable ones, the malformed manifests. */
function delivered(json: TfJson, host = HOST): { profiles: string[]; unreadable: string[]; malformed: readonly string[] } {
  const doc = load(json);
  const h = guestHardeningOf(doc.at(host)!, doc);
  const show = (s: { state: string; value?: unknown }): string => (s.state === 'set' ? String(s.value) : s.state);
  return {
    profiles: h.profiles.map((p) => `${p.via} [${p.carrier.address}] nla=${show(p.guest.nla)} port=${JSON.stringify(p.portNumbersInScript)}`),
    unreadable: h.unreadable.map((u) => `${u.via} [${u.carrier.address}]`),
    malformed: h.malformed,
  };
}

/** An AWS instance (no user data unless given) and other resources. */
function aws(host: Record<string, unknown>, more: TfJson['resource'] = {}): TfJson {
  return { resource: { aws_instance: { host: { ami: 'ami-1', instance_type: 't3.medium', ...host }, ...(more.aws_instance ?? {}) }, ...Object.fromEntries(Object.entries(more).filter(([t]) => t !== 'aws_instance')) } };
}

/** An Azure Windows VM and other resources. */
function azure(more: TfJson['resource']): TfJson {
  return { resource: { azurerm_windows_virtual_machine: { host: { name: 'vm' }, other: { name: 'other' } }, ...more } };
}

/** An SSM command document running `lines`. */
const commandDocument = (lines: string[], name = 'harden'): Record<string, unknown> => ({
  name,
  document_type: 'Command',
  content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runPowerShellScript', inputs: { runCommand: lines } }] }),
});

// ---------------------------------------------------------------- script-text.ts

describe('decodeBase64Text: only real base64 of text', () => {
  test('base64 of text decodes, also wrapped over lines; + and / are base64 characters', () => {
    expect(decodeBase64Text(b64('ABCDEF'))).toBe('ABCDEF');
    expect(decodeBase64Text('QUJD\nREVG')).toBe('ABCDEF');
    expect(decodeBase64Text(' QUJD  REVG\r\n')).toBe('ABCDEF');
    expect(b64('???>>>')).toBe('Pz8/Pj4+');
    expect(decodeBase64Text('Pz8/Pj4+')).toBe('???>>>');
  });

  test('padding: one or two = at the end, never three or in the middle', () => {
    expect(decodeBase64Text('QUJDREU=')).toBe('ABCDE');
    expect(decodeBase64Text('QUJDRA==')).toBe('ABCD');
    expect(decodeBase64Text('QUJD====')).toBeUndefined();
    expect(decodeBase64Text('QU=DREVG')).toBeUndefined();
  });

  test('fewer than 8 characters, a length that is no multiple of 4, or another character is not base64', () => {
    expect(decodeBase64Text('QUJD')).toBeUndefined();
    expect(decodeBase64Text('QUJDRE=')).toBeUndefined();
    expect(decodeBase64Text('QUJDREVGR')).toBeUndefined();
    expect(decodeBase64Text('*UJDREVGQUJD')).toBeUndefined();
    expect(decodeBase64Text('QUJDREVGQUJ*')).toBeUndefined();
    expect(decodeBase64Text('QUJD-EVG')).toBeUndefined();
    expect(decodeBase64Text('Write-Host')).toBeUndefined();
  });

  test('bytes that are no text (control characters, invalid UTF-8) are not text; tab, line breaks, VT and FF are', () => {
    expect(decodeBase64Text(b64('a\tb\r\nc\u000b\u000cdefgh'))).toBe('a\tb\r\nc\u000b\u000cdefgh');
    for (const c of ['\u0000', '\u0001', '\u0008', '\u000e', '\u001b', '\u001f']) expect(decodeBase64Text(b64(`abcdefgh${c}ij`))).toBeUndefined();
    expect(decodeBase64Text(Buffer.from([0x41, 0x42, 0xff, 0xfe, 0x43, 0x44]).toString('base64'))).toBeUndefined();
  });
});

describe('scriptText: the text a value stands for, or undefined when the document does not hold it', () => {
  test('a literal: Terraform escapes undone', () => {
    expect(scriptText('Write-Host $${env:TEMP} %%{x}')).toBe('Write-Host ${env:TEMP} %{x}');
    expect(scriptText(nla(1))).toBe(nla(1));
  });

  test('not a string, a whole interpolation, or a template that interpolates a value: unreadable, never empty', () => {
    for (const v of [undefined, null, 5, ['a'], { a: 1 }]) expect(scriptText(v)).toBeUndefined();
    expect(scriptText('${file("harden.ps1")}')).toBeUndefined();
    expect(scriptText('  ${var.script}\n')).toBeUndefined();
    expect(scriptText(`${nla(1)}\n\${var.extra}`)).toBeUndefined();
    expect(scriptText(`%{ if var.harden }${nla(1)}%{ endif }`)).toBeUndefined();
    expect(scriptText(`${nla(1)}\n$RdpPort = \${var.port}`, true)).toBeUndefined();
  });

  test('${base64encode("…")}: the HCL string read (\\", \\\\, \\n, \\r, \\t, \\u, \\U), then the template escapes', () => {
    expect(scriptText('${base64encode("a\\"b\\\\c\\nd\\re\\tf\\u0041\\U0001F600\\$")}')).toBe('a"b\\c\nd\re\tfA\u{1F600}$');
    expect(scriptText('${base64encode("Write-Host $${env:TEMP} %%{x}")}')).toBe('Write-Host ${env:TEMP} %{x}');
    expect(scriptText('${base64encode("line1\nline2")}', true)).toBe('line1\nline2');
    expect(scriptText('${base64encode("x = ${var.y}")}')).toBeUndefined();
    expect(scriptText('${base64encode(file("a.ps1"))}')).toBeUndefined();
    expect(scriptText('x ${base64encode("a")}')).toBeUndefined();
    expect(scriptText('${base64encode("a")}${var.b}')).toBeUndefined();
  });

  test('base64 attributes are decoded, taken as is (Terraform does not template the decoded bytes); plain ones are not decoded', () => {
    expect(scriptText(b64(nla(1)), true)).toBe(nla(1));
    expect(scriptText(b64('Write-Host "$${x}"'), true)).toBe('Write-Host "$${x}"');
    expect(scriptText(b64('Write-Host "${env:TEMP}"'), true)).toBe('Write-Host "${env:TEMP}"');
    expect(scriptText(nla(1), true)).toBeUndefined();
    expect(scriptText(b64(nla(1)))).toBe(b64(nla(1)));
  });
});

describe('embeddedScriptText: the script inside SSM document content and Custom Script extension settings', () => {
  test('schema 2.x mainSteps: every step\'s runCommand lines (a list or a string); a non-string line is empty', () => {
    const content = { schemaVersion: '2.2', mainSteps: [{ inputs: { runCommand: ['a', 5, 'b'] } }, { inputs: { runCommand: 'c' } }, { inputs: {} }, 'junk'] };
    expect(embeddedScriptText(JSON.stringify(content))).toBe('a\n\nb\nc');
  });

  test('schema 1.2 runtimeConfig: properties as a list or an object', () => {
    expect(embeddedScriptText(JSON.stringify({ runtimeConfig: { 'aws:runPowerShellScript': { properties: [{ runCommand: ['a', 'b'] }, 'junk', { runCommand: 'c' }] } } }))).toBe('a\nb\nc');
    expect(embeddedScriptText(JSON.stringify({ runtimeConfig: { run: { properties: { runCommand: 'd' } } } }))).toBe('d');
    expect(embeddedScriptText(JSON.stringify({ mainSteps: [{ inputs: { runCommand: 'e' }, properties: { runCommand: 'f' } }] }))).toBe('e');
  });

  test('Session Manager command sessions: the Windows commands (a string, lines), none, or unreadable', () => {
    const session = (type: string, commands: unknown): string => JSON.stringify({ sessionType: type, properties: { windows: { commands } } });
    expect(embeddedScriptText(session('InteractiveCommands', nla(1)))).toBe(nla(1));
    expect(embeddedScriptText(session('NonInteractiveCommands', ['a', 'b']))).toBe('a\nb');
    expect(embeddedScriptText(session('InteractiveCommands', undefined))).toBe('');
    expect(embeddedScriptText(session('InteractiveCommands', 5))).toBeUndefined();
    expect(embeddedScriptText(session('InteractiveCommands', ['a', 5]))).toBeUndefined();
    expect(embeddedScriptText(JSON.stringify({ sessionType: 'InteractiveCommands', properties: { linux: { commands: 'ls' } } }))).toBe('');
    expect(embeddedScriptText(JSON.stringify({ sessionType: 'InteractiveCommands' }))).toBe('');
    expect(embeddedScriptText(JSON.stringify({ sessionType: 'Port', properties: { windows: { commands: 'x' } } }))).toBe('Port\nx');
  });

  test('Custom Script settings: script (base64 or plain) then commandToExecute; a -File command is unreadable', () => {
    expect(embeddedScriptText(JSON.stringify({ commandToExecute: `powershell -Command "${nla(1)}"` }))).toBe(nla(1));
    expect(embeddedScriptText(JSON.stringify({ script: b64(nla(1)) }))).toBe(nla(1));
    expect(embeddedScriptText(JSON.stringify({ script: 'Write-Host' }))).toBe('Write-Host');
    expect(embeddedScriptText(JSON.stringify({ script: b64('a-script'), commandToExecute: 'powershell -Command b' }))).toBe('a-script\nb');
    expect(embeddedScriptText(JSON.stringify({ script: 5, commandToExecute: 6 }))).toBe('');
    expect(embeddedScriptText(JSON.stringify({ script: b64('only-the-script'), fileUris: ['https://x/y.ps1'] }))).toBe('only-the-script');
    expect(embeddedScriptText(JSON.stringify({ commandToExecute: 'powershell -ExecutionPolicy Bypass -File harden.ps1', fileUris: ['https://x/harden.ps1'] }))).toBeUndefined();
  });

  test('other JSON: every string in it, base64 decoded where it is base64; other text as is; unreadable content stays unreadable', () => {
    expect(embeddedScriptText(JSON.stringify({ a: ['x', { b: b64('hello world') }], n: 5, t: true, z: null }))).toBe('x\nhello world');
    expect(embeddedScriptText('null')).toBe('');
    expect(embeddedScriptText('"just a string"')).toBe('just a string');
    expect(embeddedScriptText(nla(1))).toBe(nla(1));
    expect(embeddedScriptText(5)).toBeUndefined();
    expect(embeddedScriptText('${file("doc.json")}')).toBeUndefined();
    expect(embeddedScriptText(JSON.stringify({ mainSteps: [{ inputs: { runCommand: ['${var.line}'] } }] }))).toBeUndefined();
  });

  test('YAML documents: runCommand items (plain, quoted, blocks), across steps; other lines ignored', () => {
    const yaml = [
      'schemaVersion: "2.2"',
      'mainSteps:',
      '  - action: aws:runPowerShellScript',
      '    inputs:',
      '      runCommand:',
      '        - plain item',
      "        - 'it''s quoted'",
      '        - "double \\"quoted\\"\\tx"',
      '        - |',
      '          block line 1',
      '',
      '            indented',
      '          block line 3',
      '        -',
      '  - action: aws:runPowerShellScript',
      '    inputs:',
      '      runCommand: |',
      '        second step',
      '      timeoutSeconds: 60',
      '  - inputs:',
      '      runCommand: >',
      '        folded',
      '      runCommand:',
      '      - same indent',
    ].join('\n');
    expect(embeddedScriptText(yaml)).toBe(['plain item', "it's quoted", 'double "quoted"\tx', 'block line 1', '', '  indented', 'block line 3', '', 'second step', 'folded', 'same indent'].join('\n'));
  });

  test('YAML: a list item ends at a less indented line; a block ends at its parent\'s indent; CRLF lines', () => {
    expect(embeddedScriptText('runCommand:\n  - a\n  - b\nother: x\n  - c')).toBe('a\nb');
    expect(embeddedScriptText('runCommand:\r\n  - a\r\n  - b')).toBe('a\nb');
    expect(embeddedScriptText('  runCommand:\n  - a\n - b')).toBe('a');
    expect(embeddedScriptText('runCommand:\n  - |\n    x\n    y\n  - z')).toBe('x\ny\nz');
    expect(embeddedScriptText('runCommand: |\n  x\nnext: 1\nrunCommand:\n  - y')).toBe('x\ny');
    expect(embeddedScriptText('runCommand:\n  - >\n      x\n    y\n  - z')).toBe('x\ny\nz');
    expect(embeddedScriptText('runCommand:\n  -\tplain')).toBe('plain');
    expect(embeddedScriptText('runCommand:\n  -x')).toBe('x');
    expect(embeddedScriptText("runCommand:\n  - 'a'b'\n  - \"c\"d\"")).toBe('a\'b\nc"d');
    expect(embeddedScriptText("runCommand:\n  - 'x\n  - \"y")).toBe("'x\n\"y");
    expect(embeddedScriptText("runCommand:\n  - a'b'\n  - 'a'b\n  - a\"b\"\n  - \"a\"b")).toBe('a\'b\'\n\'a\'b\na"b"\n"a"b');
  });

  test('YAML: a lone CR is a line break too (the items after it are read, not dropped); U+2028 is content', () => {
    expect(embeddedScriptText('runCommand:\r  - a\r  - b\r\n  - |\r    c')).toBe('a\nb\nc');
    expect(embeddedScriptText("runCommand:\n  - a\u2028b\n  - 'c\u2028d'\n  - \"e\u2028f\"")).toBe('a\u2028b\nc\u2028d\ne\u2028f');
  });

  test('YAML: chomping indicators, blocks to the end, blank lines in a block, keys spaced from the colon, runCommand only as a key', () => {
    expect(embeddedScriptText('runCommand: |-\n  x\n  y')).toBe('x\ny');
    expect(embeddedScriptText('runCommand: >-\n  x')).toBe('x');
    expect(embeddedScriptText('runCommand:\n  - |+\n    x\n  - >-\n    y')).toBe('x\ny');
    expect(embeddedScriptText('runCommand:\n  - |\n    x\n  \n    y')).toBe('x\n\ny');
    expect(embeddedScriptText('runCommand :\n  - a')).toBe('a');
    expect(embeddedScriptText('runCommand:\n  - a\nrunCommand:\n  - b')).toBe('a\nb');
    expect(embeddedScriptText('runCommand:\n  - a\nnote: runCommand:\n  - b')).toBe('a');
    expect(embeddedScriptText('runCommand:\nfoo - bar')).toBe('');
    expect(embeddedScriptText('Write-Host "see xrunCommand: below"\nx')).toBe('Write-Host "see xrunCommand: below"\nx');
  });
});

describe('commandLineScript: the PowerShell a command line runs', () => {
  test('-Command with a quoted or bare body; any path, pwsh, .exe, other switches, any case', () => {
    expect(commandLineScript(`powershell -Command "${nla(1).replace(/'/g, '\\"')}"`)).toBe(nla(1).replace(/'/g, '"'));
    expect(commandLineScript("powershell.exe -c 'a b'")).toBe('a b');
    expect(commandLineScript('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -ExecutionPolicy Bypass -Command a; b')).toBe('a; b');
    expect(commandLineScript('  pwsh -NoProfile -COMMAND x\ny  ')).toBe('x\ny');
    expect(commandLineScript('PWSH.EXE -command "a\nb"')).toBe('a\nb');
    expect(commandLineScript('powershell -Command "a" "b"')).toBe('a" "b');
    expect(commandLineScript('powershell -Command Write-Host "b"')).toBe('Write-Host "b"');
    expect(commandLineScript('powershell -Command "a" b')).toBe('"a" b');
    expect(commandLineScript("powershell -Command Write-Host 'b'")).toBe("Write-Host 'b'");
    expect(commandLineScript("powershell -Command 'a' b")).toBe("'a' b");
  });

  test('-EncodedCommand (UTF-16LE base64), in every abbreviation', () => {
    for (const flag of ['-EncodedCommand', '-enc', '-ec', '-e']) expect(commandLineScript(`powershell -NoProfile ${flag} ${utf16(nla(0))}`)).toBe(nla(0));
    expect(commandLineScript(`powershell -enc  ${utf16(nla(0))}`)).toBe(nla(0));
  });

  test('-File runs a script that is not in the document: unreadable, unless a -Command is given too', () => {
    expect(commandLineScript('powershell -ExecutionPolicy Bypass -File harden.ps1')).toBeUndefined();
    expect(commandLineScript('powershell -f harden.ps1')).toBeUndefined();
    expect(commandLineScript('powershell -File a.ps1 -Command b')).toBe('b');
    expect(commandLineScript('powershell -Command a -File b.ps1')).toBe('a -File b.ps1');
    expect(commandLineScript('powershell -File a.ps1 -enc ' + utf16('c'))).toBe('c');
    expect(commandLineScript('powershell -Filex a')).toBe('powershell -Filex a');
  });

  test('any other command line is the script itself', () => {
    expect(commandLineScript('cmd /c reg add x')).toBe('cmd /c reg add x');
    expect(commandLineScript('powershell')).toBe('powershell');
    expect(commandLineScript('powershell Set-Item x')).toBe('powershell Set-Item x');
    expect(commandLineScript('xpowershell -Command a')).toBe('xpowershell -Command a');
    expect(commandLineScript('powershell -NoProfile-Command a')).toBe('powershell -NoProfile-Command a');
  });
});

// ---------------------------------------------------------------- profile.ts: reading one script

describe('parseProfile, stripWrapper, manifestValue', () => {
  test('the manifest line: a JSON object, found anywhere and indented; else malformed; absent: nothing', () => {
    expect(parseProfile(`$a = 1\r\n   # secure-rdp-hosts:profile   {"port": 43389}  \r\n# secure-rdp-hosts:profile {"port": 1}`)).toEqual({ manifest: { port: 43389 } });
    expect(parseProfile('# secure-rdp-hosts:profile [1, 2]')).toEqual({ malformed: '[1, 2]' });
    expect(parseProfile('# secure-rdp-hosts:profile null')).toEqual({ malformed: 'null' });
    expect(parseProfile('# secure-rdp-hosts:profile {"port": ')).toEqual({ malformed: '{"port":' });
    expect(parseProfile('# secure-rdp-hosts:profile')).toEqual({ malformed: '' });
    expect(parseProfile('Write-Host "# secure-rdp-hosts:profile {}"')).toEqual({});
    expect(parseProfile(nla(1))).toEqual({});
    expect(parseProfile('# secure-rdp-hosts:profile{"port":1}')).toEqual({ manifest: { port: 1 } });
  });

  test('user data: every <powershell> block (any case, shortest match) joined; text without one as is', () => {
    expect(stripWrapper('<powershell>a</powershell>\n<persist>true</persist>x<PowerShell>\nb\n</POWERSHELL>')).toBe('a\n\nb\n');
    expect(stripWrapper('a <powershell> b')).toBe('a <powershell> b');
    expect(stripWrapper('<script>x</script>')).toBe('<script>x</script>');
  });

  test('manifest settings written flat or nested; the first path that is present wins', () => {
    const m = { lockoutThreshold: 5, lockout: { threshold: 3, duration: 0 }, nested: 'x' };
    expect(manifestValue(m, 'lockoutThreshold', 'lockout.threshold')).toBe(5);
    expect(manifestValue(m, 'lockout.threshold', 'lockoutThreshold')).toBe(3);
    expect(manifestValue(m, 'missing', 'lockout.duration')).toBe(0);
    expect(manifestValue(m, 'nested.deeper', 'lockout.none')).toBeUndefined();
    expect(manifestValue(m)).toBeUndefined();
  });
});

// ---------------------------------------------------------------- profile.ts: which carriers reach which host

describe('AWS instances: user data', () => {
  test('user_data is plain text; user_data_base64 is decoded; both are read', () => {
    expect(delivered(aws({ user_data: `<powershell>${nla(1)}</powershell>`, user_data_base64: b64(nla(0)) }))).toEqual({
      profiles: [`user_data [${HOST}] nla=true port=[]`, `user_data_base64 [${HOST}] nla=false port=[]`],
      unreadable: [],
      malformed: [],
    });
  });

  test('base64 in user_data is not decoded (the provider would encode it again: Windows receives base64 text, an unknown command)', () => {
    expect(delivered(aws({ user_data: b64(nla(0)) })).profiles).toEqual([`user_data [${HOST}] nla=unknown port=[]`]);
  });

  test('user data that cannot be read (file(), a template with a variable, user_data_base64 that is no base64) is unreadable, not empty', () => {
    expect(delivered(aws({ user_data: '${file("harden.ps1")}' })).unreadable).toEqual([`user_data [${HOST}]`]);
    expect(delivered(aws({ user_data: `<powershell>${nla(1)}\n\${var.more}</powershell>` })).unreadable).toEqual([`user_data [${HOST}]`]);
    expect(delivered(aws({ user_data_base64: nla(1) })).unreadable).toEqual([`user_data_base64 [${HOST}]`]);
  });

  test('absent, null or empty user data carries nothing; a script that touches no RDP setting is no hardening profile', () => {
    for (const v of [undefined, null, '']) expect(delivered(aws({ user_data: v, user_data_base64: v }))).toEqual({ profiles: [], unreadable: [], malformed: [] });
    expect(delivered(aws({ user_data: '<powershell>Write-Host hello</powershell>' })).profiles).toEqual([]);
  });

  test('a manifest line alone makes a profile (a claim to compare); a malformed one is reported with the carrier and attribute', () => {
    const doc = load(aws({ user_data: '# secure-rdp-hosts:profile {"port": 43389}\nWrite-Host hi' }));
    const [p] = guestHardeningOf(doc.at(HOST)!, doc).profiles;
    expect([p.hasManifest, p.manifest, p.guest.touchesRdp]).toEqual([true, { port: 43389 }, false]);
    const bad = load(aws({ user_data: '# secure-rdp-hosts:profile [1]\nWrite-Host hi' }));
    const h = guestHardeningOf(bad.at(HOST)!, bad);
    expect([h.malformed, h.profiles.map((q) => [q.hasManifest, q.manifest])]).toEqual([[`${HOST} user_data: [1]`], [[false, {}]]]);
  });

  test('the port the body writes, when it is known', () => {
    expect(delivered(aws({ user_data: port(43389), user_data_base64: b64(`${port(0)}\n${port(50000)}`) })).profiles).toEqual([`user_data [${HOST}] nla=unset port=[43389]`, `user_data_base64 [${HOST}] nla=unset port=[50000]`]);
    expect(delivered(aws({ user_data: `${nla(1)}\nSet-ItemProperty -Path '${WS}' -Name PortNumber -Value (Get-Random)` })).profiles).toEqual([`user_data [${HOST}] nla=true port=[]`]);
  });
});

describe('AWS instances: launch templates', () => {
  const template = (userData: unknown, ref: Record<string, unknown> | unknown[] = { id: '${aws_launch_template.t.id}' }, host: Record<string, unknown> = {}): TfJson =>
    aws({ launch_template: ref, ...host }, { aws_launch_template: { t: { name: 't', user_data: userData } } });

  test('the template\'s base64 user data is the instance\'s, by id or name, block as object or list', () => {
    const expected = { profiles: [`aws_launch_template.t user_data [aws_launch_template.t] nla=false port=[]`], unreadable: [], malformed: [] };
    expect(delivered(template(b64(nla(0))))).toEqual(expected);
    expect(delivered(template(b64(nla(0)), { name: '${aws_launch_template.t.name}' }))).toEqual(expected);
    expect(delivered(template(b64(nla(0)), [{ id: '${aws_launch_template.t.id}', version: '$Latest' }]))).toEqual(expected);
    expect(delivered(template(`\${base64encode(${JSON.stringify(nla(0))})}`))).toEqual(expected);
  });

  test('template user data that is not base64, or a template outside the stack, is unreadable', () => {
    expect(delivered(template(nla(0))).unreadable).toEqual(['aws_launch_template.t user_data [aws_launch_template.t]']);
    expect(delivered(template(b64(nla(0)), { id: 'lt-0123456789' }))).toEqual({ profiles: [], unreadable: [`launch_template (template outside this stack) [${HOST}]`], malformed: [] });
    expect(delivered(template(b64(nla(0)), { name: 'shared-template' })).unreadable).toEqual([`launch_template (template outside this stack) [${HOST}]`]);
    expect(delivered(template(b64(nla(0)), { id: '${aws_instance.other.id}' })).unreadable).toEqual([`launch_template (template outside this stack) [${HOST}]`]);
  });

  test('a launch_template block naming nothing adds nothing', () => {
    expect(delivered(template(b64(nla(0)), { version: '1' }))).toEqual({ profiles: [], unreadable: [], malformed: [] });
  });

  test('the instance\'s own user data overrides the template\'s', () => {
    expect(delivered(template(b64(nla(0)), undefined, { user_data: nla(1) })).profiles).toEqual([`user_data [${HOST}] nla=true port=[]`]);
    expect(delivered(template(b64(nla(0)), undefined, { user_data_base64: b64(nla(1)) })).profiles).toEqual([`user_data_base64 [${HOST}] nla=true port=[]`]);
    expect(delivered(template(b64(nla(0)), { id: 'lt-1' }, { user_data: nla(1) })).unreadable).toEqual([]);
  });
});

describe('AWS instances: SSM associations', () => {
  const docs = (): TfJson['resource'] => ({ aws_ssm_document: { harden: commandDocument([nla(0)]) } });

  test('an association runs its document on the instances it names (instance_id, InstanceIds), never on another one', () => {
    const json = aws({}, {
      ...docs(),
      aws_instance: { other: { ami: 'ami-1' } },
      aws_ssm_association: {
        a: { name: '${aws_ssm_document.harden.name}', instance_id: '${aws_instance.host.id}' },
        b: { name: '${aws_ssm_document.harden.name}', targets: [{ key: 'InstanceIds', values: ['${aws_instance.other.id}', '${aws_instance.host.id}'] }] },
        c: { name: '${aws_ssm_document.harden.name}', instance_id: '${aws_instance.other.id}' },
        d: { name: '${aws_ssm_document.harden.name}', targets: [{ key: 'InstanceIds', values: ['${aws_instance.other.id}'] }] },
      },
    });
    expect(delivered(json).profiles).toEqual(['aws_ssm_document.harden content [aws_ssm_document.harden] nla=false port=[]', 'aws_ssm_document.harden content [aws_ssm_document.harden] nla=false port=[]']);
    expect(delivered(json, 'aws_instance.other').profiles).toHaveLength(3);
    const doc = load(json);
    expect(associationsRunning(doc.at(HOST)!, doc.at('aws_ssm_document.harden')!, doc).map((a) => a.address)).toEqual(['aws_ssm_association.a', 'aws_ssm_association.b']);
  });

  test('tag targets: the instance whose tag has one of the values; not one with another value, no tags, or a tag known after apply', () => {
    const json = (tags: unknown, targets: unknown[] = [{ key: 'tag:Role', values: ['rdp', 'jump'] }]): TfJson =>
      aws({ tags }, { ...docs(), aws_ssm_association: { a: { name: '${aws_ssm_document.harden.name}', targets } } });
    expect(delivered(json({ Role: 'jump' })).profiles).toHaveLength(1);
    expect(delivered(json({ Role: 'web' })).profiles).toEqual([]);
    expect(delivered(json({ Other: 'rdp' })).profiles).toEqual([]);
    expect(delivered(json(undefined)).profiles).toEqual([]);
    expect(delivered(json({ Role: '${var.role}' }, [{ key: 'tag:Role', values: ['${var.role}'] }])).profiles).toEqual([]);
    expect(delivered(json({ Role: 'rdp' }, [{ key: 'Role', values: ['rdp'] }])).profiles).toEqual([]);
    expect(delivered(json({ Role: 'rdp' }, [{ key: 'InstanceIds', values: ['rdp'] }, { key: 'tag:Role', values: ['rdp'] }])).profiles).toHaveLength(1);
    expect(delivered(json({ Role: 'rdp' }, [{ key: 'ta9:Role', values: ['rdp'] }])).profiles).toEqual([]);
    expect(delivered(json({ Role: 'web' }, [{ key: 'tag:Role', values: ['${aws_instance.host.id}'] }])).profiles).toEqual([]);
  });

  test('an association whose instance list cannot be read matches no host by name (tag targets still apply); a literal instance ID names no host here', () => {
    const json = (a: Record<string, unknown>): TfJson => aws({ tags: { Role: 'rdp' } }, { ...docs(), aws_ssm_association: { a: { name: '${aws_ssm_document.harden.name}', ...a } } });
    expect(delivered(json({ instance_id: '${var.instance}' })).profiles).toEqual([]);
    expect(delivered(json({ instance_id: 'i-0123456789' })).profiles).toEqual([]);
    expect(delivered(json({ instance_id: '${var.instance}', targets: [{ key: 'tag:Role', values: ['rdp'] }] })).profiles).toHaveLength(1);
    expect(delivered(json({ targets: [{ key: 'InstanceIds', values: ['${var.a}', '${aws_instance.host.id}'] }] })).profiles).toHaveLength(1);
  });

  test('the document is found by reference or by its one literal name; a name two documents share, or none, is unreadable', () => {
    const json = (name: string, more: Record<string, unknown> = {}): TfJson =>
      aws({}, { aws_ssm_document: { harden: commandDocument([nla(0)]), ...more }, aws_ssm_association: { a: { name, instance_id: '${aws_instance.host.id}' } } });
    expect(delivered(json('harden')).profiles).toEqual(['aws_ssm_document.harden content [aws_ssm_document.harden] nla=false port=[]']);
    expect(delivered(json('harden', { twin: commandDocument([nla(1)]) }))).toEqual({ profiles: [], unreadable: ['aws_ssm_association.a (document outside this stack) [aws_ssm_association.a]'], malformed: [] });
    expect(delivered(json('AWS-GatherSoftwareInventory')).unreadable).toEqual(['aws_ssm_association.a (document outside this stack) [aws_ssm_association.a]']);
    expect(delivered(json('${aws_instance.host.id}')).unreadable).toEqual(['aws_ssm_association.a (document outside this stack) [aws_ssm_association.a]']);
    const listed = aws({}, { aws_ssm_association: { a: { name: ['AWS-RunPowerShellScript'], instance_id: '${aws_instance.host.id}', parameters: { commands: [nla(0)] } } } });
    expect(delivered(listed)).toEqual({ profiles: [], unreadable: ['aws_ssm_association.a (document outside this stack) [aws_ssm_association.a]'], malformed: [] });
  });

  test('AWS-RunPowerShellScript (by name or ARN, any case): the association\'s own commands, a list or a string', () => {
    const json = (name: string, commands: unknown): TfJson => aws({}, { aws_ssm_association: { run: { name, instance_id: '${aws_instance.host.id}', parameters: { commands } } } });
    const own = ['aws_ssm_association.run parameters.commands [aws_ssm_association.run] nla=false port=[43389]'];
    expect(delivered(json('AWS-RunPowerShellScript', [port(43389), nla(0)])).profiles).toEqual(own);
    expect(delivered(json('arn:aws:ssm:eu-west-1::document/AWS-RunPowerShellScript', `${port(43389)}\n${nla(0)}`)).profiles).toEqual(own);
    expect(delivered(json('aws-runpowershellscript', [port(43389), nla(0)])).profiles).toEqual(own);
    const doc = load(json('AWS-RunPowerShellScript', [nla(0)]));
    expect(associationsRunning(doc.at(HOST)!, doc.at('aws_ssm_association.run')!, doc).map((a) => a.address)).toEqual(['aws_ssm_association.run']);
  });

  test('AWS-RunPowerShellScript commands with a line that cannot be read are unreadable; without parameters nothing is carried', () => {
    const json = (parameters: unknown, name = 'AWS-RunPowerShellScript'): TfJson => aws({}, { aws_ssm_association: { run: { name, instance_id: '${aws_instance.host.id}', parameters } } });
    expect(delivered(json({ commands: [nla(1), '${var.line}'] })).unreadable).toEqual(['aws_ssm_association.run parameters.commands [aws_ssm_association.run]']);
    expect(delivered(json({ commands: '${var.script}' })).unreadable).toEqual(['aws_ssm_association.run parameters.commands [aws_ssm_association.run]']);
    expect(delivered(json(undefined))).toEqual({ profiles: [], unreadable: [], malformed: [] });
    expect(delivered(json('commands'))).toEqual({ profiles: [], unreadable: [], malformed: [] });
  });

  test('names that only look like AWS-RunPowerShellScript name a document outside the stack', () => {
    for (const name of ['My-AWS-RunPowerShellScript', 'AWS-RunPowerShellScript-v2', 'arn:aws:ssm:eu-west-1::document/x/AWS-RunPowerShellScript', 'x:arn:aws:ssm:eu-west-1::document/AWS-RunPowerShellScript']) {
      const json = aws({}, { aws_ssm_association: { run: { name, instance_id: '${aws_instance.host.id}', parameters: { commands: [nla(0)] } } } });
      expect(delivered(json)).toEqual({ profiles: [], unreadable: ['aws_ssm_association.run (document outside this stack) [aws_ssm_association.run]'], malformed: [] });
    }
  });

  test('Session documents: a Port or Standard_Stream session runs nothing; command sessions and unreadable content are carriers', () => {
    const json = (documentType: string, content: unknown): TfJson =>
      aws({}, { aws_ssm_document: { s: { name: 's', document_type: documentType, content } }, aws_ssm_association: { a: { name: '${aws_ssm_document.s.name}', instance_id: '${aws_instance.host.id}' } } });
    const portSession = (type: string): string => JSON.stringify({ sessionType: type, properties: { portNumber: '${var.port}' } });
    expect(delivered(json('Session', portSession('Port')))).toEqual({ profiles: [], unreadable: [], malformed: [] });
    expect(delivered(json('Session', portSession('Standard_Stream')))).toEqual({ profiles: [], unreadable: [], malformed: [] });
    expect(delivered(json('Command', portSession('Port'))).unreadable).toEqual(['aws_ssm_document.s content [aws_ssm_document.s]']);
    expect(delivered(json('Session', portSession('InteractiveCommands'))).unreadable).toEqual(['aws_ssm_document.s content [aws_ssm_document.s]']);
    expect(delivered(json('Session', '${file("session.json")}')).unreadable).toEqual(['aws_ssm_document.s content [aws_ssm_document.s]']);
    expect(delivered(json('Session', JSON.stringify({ sessionType: 'NonInteractiveCommands', properties: { windows: { commands: nla(0) } } }))).profiles).toEqual([
      'aws_ssm_document.s content [aws_ssm_document.s] nla=false port=[]',
    ]);
    expect(delivered(json('Session', JSON.stringify([{ sessionType: 'Port' }]))).unreadable).toEqual([]);
    expect(delivered(json('Session', [JSON.stringify({ sessionType: 'Port' })])).unreadable).toEqual(['aws_ssm_document.s content [aws_ssm_document.s]']);
  });

  test('associations are listed in document order, after the instance\'s own user data', () => {
    const json = aws({ user_data: port(43389) }, {
      aws_ssm_document: { one: commandDocument([nla(1)], 'one'), two: commandDocument([nla(0)], 'two') },
      aws_ssm_association: { z: { name: '${aws_ssm_document.one.name}', instance_id: '${aws_instance.host.id}' }, a: { name: '${aws_ssm_document.two.name}', targets: [{ key: 'tag:Role', values: ['rdp'] }] } },
    });
    const tagged = patch(json, 'aws_instance', 'host', { tags: { Role: 'rdp' } });
    expect(delivered(tagged).profiles).toEqual([
      `user_data [${HOST}] nla=unset port=[43389]`,
      'aws_ssm_document.one content [aws_ssm_document.one] nla=true port=[]',
      'aws_ssm_document.two content [aws_ssm_document.two] nla=false port=[]',
    ]);
  });
});

describe('carrier attributes that cannot be read name their field (the rules report UNKNOWN)', () => {
  const hardeningOf = (json: TfJson, host = HOST) => (): unknown => {
    const doc = load(json);
    return guestHardeningOf(doc.at(host)!, doc);
  };

  test('launch_template, an association\'s targets and their values, a run command\'s source', () => {
    expect(unreadableField(hardeningOf(aws({ launch_template: '${var.template}' })))).toBe('launch_template');
    expect(unreadableField(hardeningOf(aws({}, { aws_ssm_association: { a: { name: 'x', targets: '${var.targets}' } } })))).toBe('targets');
    expect(unreadableField(hardeningOf(aws({}, { aws_ssm_association: { a: { name: 'x', targets: [{ key: 'InstanceIds', values: '${var.ids}' }] } } })))).toBe('targets.values');
    expect(unreadableField(hardeningOf(aws({ tags: { Role: 'rdp' } }, { aws_ssm_association: { a: { name: 'x', targets: [{ key: 'tag:Role', values: '${var.roles}' }] } } })))).toBe('targets.values');
    const rc = (source: unknown): TfJson => azure({ azurerm_virtual_machine_run_command: { rc: { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', source } } });
    expect(unreadableField(hardeningOf(rc('${var.source}'), VM))).toBe('source');
    expect(delivered(rc(undefined), VM)).toEqual({ profiles: [], unreadable: [], malformed: [] });
  });
});

describe('carriers whose target hosts cannot be read may run on any host: their unreadable scripts are reported for each', () => {
  test('AWS: an association naming an instance from a variable, running a document outside the stack, unreadable content or commands', () => {
    const json = (a: Record<string, unknown>, more: TfJson['resource'] = {}): TfJson => aws({ user_data: nla(1) }, { aws_ssm_association: { a }, ...more });
    const outside = json({ name: 'shared-hardening', instance_id: '${var.instance}' });
    expect(delivered(outside)).toEqual({ profiles: [`user_data [${HOST}] nla=true port=[]`], unreadable: ['aws_ssm_association.a (targets cannot be read; document outside this stack) [aws_ssm_association.a]'], malformed: [] });
    const fromFile = json({ name: '${aws_ssm_document.d.name}', targets: [{ key: 'InstanceIds', values: ['${var.ids[0]}'] }] }, { aws_ssm_document: { d: { name: 'd', document_type: 'Command', content: '${file("d.json")}' } } });
    expect(delivered(fromFile).unreadable).toEqual(['aws_ssm_document.d content (targets cannot be read) [aws_ssm_document.d]']);
    const commands = json({ name: 'AWS-RunPowerShellScript', instance_id: '${var.instance}', parameters: { commands: ['${var.script}'] } });
    expect(delivered(commands).unreadable).toEqual(['aws_ssm_association.a parameters.commands (targets cannot be read) [aws_ssm_association.a]']);
  });

  test('AWS: readable scripts of such an association are not counted as delivered (they may not run); literal instance IDs are other instances', () => {
    const readable = aws({ user_data: port(43389) }, { aws_ssm_document: { d: commandDocument([nla(0)], 'd') }, aws_ssm_association: { a: { name: '${aws_ssm_document.d.name}', instance_id: '${var.instance}' } } });
    expect(delivered(readable)).toEqual({ profiles: [`user_data [${HOST}] nla=unset port=[43389]`], unreadable: [], malformed: [] });
    expect(delivered(aws({}, { aws_ssm_association: { a: { name: 'shared', instance_id: 'i-0123456789' } } }))).toEqual({ profiles: [], unreadable: [], malformed: [] });
    const both = aws({}, { aws_ssm_association: { a: { name: 'shared', targets: [{ key: 'InstanceIds', values: ['${aws_instance.host.id}', '${var.other}'] }] } } });
    expect(delivered(both).unreadable).toEqual(['aws_ssm_association.a (document outside this stack) [aws_ssm_association.a]']);
    expect(delivered(aws({}, { aws_ssm_association: { a: { name: '${aws_ssm_association.b.name}', instance_id: '${var.i}' }, b: { name: 'AWS-RunPowerShellScript', parameters: { commands: '${var.c}' } } } })).unreadable).toEqual([
      'aws_ssm_association.a (targets cannot be read; document outside this stack) [aws_ssm_association.a]',
    ]);
  });

  test('Azure: a run command or extension whose virtual_machine_id cannot be read; one for a VM outside the stack is not', () => {
    const json = azure({
      azurerm_virtual_machine_run_command: {
        uri: { virtual_machine_id: '${var.vm_id}', source: { script_uri: 'https://x/y.ps1' } },
        readable: { virtual_machine_id: '${var.vm_id}', source: { script: nla(0) } },
        outside: { virtual_machine_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm', source: { script_uri: 'https://x/y.ps1' } },
      },
      azurerm_virtual_machine_extension: { cse: { virtual_machine_id: '${var.vm_id}', type: 'CustomScriptExtension', settings: JSON.stringify({ commandToExecute: 'powershell -File y.ps1' }) } },
    });
    const expected = ['azurerm_virtual_machine_run_command.uri source.script_uri (targets cannot be read) [azurerm_virtual_machine_run_command.uri]', 'azurerm_virtual_machine_extension.cse settings (targets cannot be read) [azurerm_virtual_machine_extension.cse]'];
    expect(delivered(json, VM)).toEqual({ profiles: [], unreadable: expected, malformed: [] });
    expect(delivered(json, 'azurerm_windows_virtual_machine.other').unreadable).toEqual(expected);
  });

  test('RDP-GUEST-PROFILE-MISSING: the complete stack plus such an association is UNKNOWN', () => {
    const json = withResource(awsStack(), 'aws_ssm_association', 'fleet', { name: 'fleet-baseline', targets: [{ key: 'InstanceIds', values: '${var.fleet_ids}' }] });
    expect(verdict('RDP-GUEST-PROFILE-MISSING', json, HOST).compliance).toBe(Compliance.UNKNOWN);
    const named = withResource(awsStack(), 'aws_ssm_association', 'fleet', { name: 'fleet-baseline', instance_id: '${var.fleet_id}' });
    expect(verdict('RDP-GUEST-PROFILE-MISSING', named, HOST)).toEqual({
      compliance: Compliance.UNKNOWN,
      findings: [
        'aws_ssm_association.fleet (targets cannot be read; document outside this stack): the script text cannot be read from the document',
        'the readable scripts set every required setting, but a script that cannot be read may also run on the host and change them',
      ],
    });
  });
});

describe('Azure VMs: run commands and Custom Script extensions', () => {
  test('run commands and extensions of this VM are its carriers, named by resource and attribute; another VM\'s are not', () => {
    const json = azure({
      azurerm_virtual_machine_run_command: {
        mine: { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', source: { script: nla(1) } },
        theirs: { virtual_machine_id: '${azurerm_windows_virtual_machine.other.id}', source: { script: nla(0) } },
        uri: { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', source: [{ script_uri: 'https://x/harden.ps1' }] },
      },
      azurerm_virtual_machine_extension: {
        cse: { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', type: 'CustomScriptExtension', settings: JSON.stringify({ commandToExecute: `powershell -EncodedCommand ${utf16(port(43389))}` }), protected_settings: JSON.stringify({ script: b64(nla(0)) }) },
        file: { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', type: 'customscriptextension', protected_settings: JSON.stringify({ commandToExecute: 'powershell -File harden.ps1' }) },
        bginfo: { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', type: 'BGInfo', settings: JSON.stringify({ script: nla(0) }) },
        untyped: { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', settings: JSON.stringify({ script: nla(0) }) },
        elsewhere: { virtual_machine_id: '${azurerm_windows_virtual_machine.other.id}', type: 'CustomScriptExtension', settings: JSON.stringify({ script: nla(0) }) },
      },
    });
    expect(delivered(json, VM)).toEqual({
      profiles: [
        'azurerm_virtual_machine_run_command.mine source.script [azurerm_virtual_machine_run_command.mine] nla=true port=[]',
        'azurerm_virtual_machine_extension.cse settings [azurerm_virtual_machine_extension.cse] nla=unset port=[43389]',
        'azurerm_virtual_machine_extension.cse protected_settings [azurerm_virtual_machine_extension.cse] nla=false port=[]',
      ],
      unreadable: [
        'azurerm_virtual_machine_run_command.uri source.script_uri [azurerm_virtual_machine_run_command.uri]',
        'azurerm_virtual_machine_extension.file protected_settings [azurerm_virtual_machine_extension.file]',
      ],
      malformed: [],
    });
    expect(delivered(json, 'azurerm_windows_virtual_machine.other').profiles).toEqual([
      'azurerm_virtual_machine_run_command.theirs source.script [azurerm_virtual_machine_run_command.theirs] nla=false port=[]',
      'azurerm_virtual_machine_extension.elsewhere settings [azurerm_virtual_machine_extension.elsewhere] nla=false port=[]',
    ]);
  });

  test('a run command script that interpolates a value is unreadable; an AWS-only carrier on an Azure VM is not read', () => {
    const json = azure({ azurerm_virtual_machine_run_command: { rc: { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', source: { script: `${nla(1)}\n\${var.more}` } } } });
    expect(delivered(json, VM).unreadable).toEqual(['azurerm_virtual_machine_run_command.rc source.script [azurerm_virtual_machine_run_command.rc]']);
    const stray = { resource: { azurerm_windows_virtual_machine: { host: { name: 'vm', user_data: nla(0), launch_template: { id: 'lt-1' } } }, aws_ssm_association: { a: { name: 'x', instance_id: '${azurerm_windows_virtual_machine.host.id}' } } } };
    expect(delivered(stray, VM)).toEqual({ profiles: [], unreadable: [], malformed: [] });
    const crossed = aws({}, { azurerm_virtual_machine_run_command: { rc: { virtual_machine_id: '${aws_instance.host.id}', source: { script: nla(0) } } } });
    expect(delivered(crossed)).toEqual({ profiles: [], unreadable: [], malformed: [] });
  });

  test('profilesCarriedBy reads only the carrier\'s own attributes (a run command\'s host is not read through it)', () => {
    const doc = load(azureStack());
    expect(profilesCarriedBy(doc.at(VM)!).profiles).toEqual([]);
    expect(profilesCarriedBy(doc.at('azurerm_virtual_machine_run_command.harden')!).profiles.map((p) => p.via)).toEqual(['source.script']);
    expect(profilesCarriedBy(doc.at('azurerm_network_security_group.rdp')!)).toEqual({ profiles: [], unreadable: [], malformed: [] });
  });
});

// ---------------------------------------------------------------- what the review says

describe('a second carrier on the same host: the review sees it', () => {
  const NLA = 'RDP-GUEST-NLA-OFF';
  const MISSING = 'RDP-GUEST-PROFILE-MISSING';

  test('AWS: compliant user data, and an association whose document turns NLA off: the document is non-compliant', () => {
    const json = withResource(withResource(awsStack(), 'aws_ssm_document', 'weaken', commandDocument([nla(0)], 'weaken')), 'aws_ssm_association', 'weaken', {
      name: 'weaken',
      targets: [{ key: 'InstanceIds', values: ['${aws_instance.host.id}'] }],
    });
    expect(compliance(NLA, json, HOST)).toBe(Compliance.COMPLIANT);
    expect(verdict(NLA, json, 'aws_ssm_document.weaken')).toEqual({ compliance: Compliance.NON_COMPLIANT, findings: ['content: Network Level Authentication is off (line 1): the logon screen is served before authentication'] });
  });

  test('AWS: a launch template (base64) that turns NLA off, and an AWS-RunPowerShellScript association that does', () => {
    const lt = aws({ launch_template: { id: '${aws_launch_template.t.id}' } }, { aws_launch_template: { t: { user_data: b64(`<powershell>\n${nla(0)}\n</powershell>`) } } });
    expect(verdict(NLA, lt, 'aws_launch_template.t')).toEqual({ compliance: Compliance.NON_COMPLIANT, findings: ['user_data: Network Level Authentication is off (line 2): the logon screen is served before authentication'] });
    const run = withResource(awsStack(), 'aws_ssm_association', 'run', { name: 'AWS-RunPowerShellScript', instance_id: '${aws_instance.host.id}', parameters: { commands: ['Write-Host x', nla(0)] } });
    expect(verdict(NLA, run, 'aws_ssm_association.run')).toEqual({ compliance: Compliance.NON_COMPLIANT, findings: ['parameters.commands: Network Level Authentication is off (line 2): the logon screen is served before authentication'] });
  });

  test('AWS: a YAML document written with CR line breaks that turns NLA off is read, not taken for an empty script', () => {
    const yaml = ['schemaVersion: "2.2"', 'mainSteps:', '  - action: aws:runPowerShellScript', '    name: weaken', '    inputs:', '      runCommand:', '        - Write-Host x', `        - "${nla(0).replace(/\\/g, '\\\\')}"`].join('\r');
    const json = withResource(withResource(awsStack(), 'aws_ssm_document', 'weaken', { name: 'weaken', document_type: 'Command', document_format: 'YAML', content: yaml }), 'aws_ssm_association', 'weaken', {
      name: '${aws_ssm_document.weaken.name}',
      instance_id: '${aws_instance.host.id}',
    });
    expect(verdict(NLA, json, 'aws_ssm_document.weaken')).toEqual({ compliance: Compliance.NON_COMPLIANT, findings: ['content: Network Level Authentication is off (line 2): the logon screen is served before authentication'] });
  });

  test('Azure: a compliant run command, and a Custom Script extension whose -EncodedCommand turns NLA off', () => {
    const json = withResource(azureStack(), 'azurerm_virtual_machine_extension', 'cse', {
      virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}',
      type: 'CustomScriptExtension',
      protected_settings: JSON.stringify({ commandToExecute: `powershell.exe -NoProfile -EncodedCommand ${utf16(nla(0))}` }),
    });
    expect(compliance(NLA, json, 'azurerm_virtual_machine_run_command.harden')).toBe(Compliance.COMPLIANT);
    expect(verdict(NLA, json, 'azurerm_virtual_machine_extension.cse')).toEqual({ compliance: Compliance.NON_COMPLIANT, findings: ['protected_settings: Network Level Authentication is off (line 1): the logon screen is served before authentication'] });
  });

  test('a complete script next to one that cannot be read is UNKNOWN, not compliant (the unreadable one may undo it)', () => {
    const UNDO = 'the readable scripts set every required setting, but a script that cannot be read may also run on the host and change them';
    const uri = withResource(azureStack(), 'azurerm_virtual_machine_run_command', 'later', { virtual_machine_id: '${azurerm_windows_virtual_machine.host.id}', source: { script_uri: 'https://x/undo.ps1' } });
    expect(verdict(MISSING, azureStack(), VM)).toEqual({ compliance: Compliance.COMPLIANT, findings: [] });
    expect(verdict(MISSING, uri, VM)).toEqual({ compliance: Compliance.UNKNOWN, findings: ['azurerm_virtual_machine_run_command.later source.script_uri: the script text cannot be read from the document', UNDO] });
    const templated = withResource(awsStack(), 'aws_ssm_association', 'run', { name: 'AWS-RunPowerShellScript', instance_id: '${aws_instance.host.id}', parameters: { commands: '${var.extra_script}' } });
    expect(verdict(MISSING, templated, HOST)).toEqual({ compliance: Compliance.UNKNOWN, findings: ['aws_ssm_association.run parameters.commands: the script text cannot be read from the document', UNDO] });
  });

  test('user data that interpolates a variable into the script is unreadable: UNKNOWN, not the text with the variable left out', () => {
    const json = patch(awsStack(), 'aws_instance', 'host', { user_data: `<powershell>\n${script()}\n\${var.extra}\n</powershell>` });
    expect(verdict(MISSING, json, HOST)).toEqual({ compliance: Compliance.UNKNOWN, findings: ['user_data: the script text cannot be read from the document'] });
    expect(compliance(NLA, json, HOST)).toBe(Compliance.NOT_APPLICABLE);
  });
});
