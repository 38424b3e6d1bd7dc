/**
 * The guest-script evaluator (policy/guest/evaluate-script.ts) on small hand-written PowerShell snippets, part two
 * (issue #20, mutation testing): try/catch/finally paths, loops over unknown items, assignments into hashtables and
 * arrays, invoked script blocks, the modelled cmdlets' parameters, reg.exe, net accounts, and calls. Each case pins what
 * a reviewer sees: the setting, or the reason it is unknown. Pure: every snippet is built inside its test.
 */
import { hardeningScriptFunctions, OPTIONAL_SCRIPT_FUNCTIONS } from '../../constructs/windows/hardening-script-functions';
import { parseScript } from '../../policy/guest/powershell-syntax';
import { guest, nla, nlaOnOff as nlaOf, show, TSPOL, WS } from './guest-snippets';

const port = (value: string | number): string => `Set-ItemProperty -Path '${WS}' -Name 'PortNumber' -Value ${value}`;

const nlaShown = (...lines: string[]): string => show(guest(...lines).nla);
const firewallShown = (...lines: string[]): string => show(guest(...lines).firewall);

/** The text of one of the renderer's pinned helpers (trusted by its fingerprint). */
function helper(name: string): string {
  const all = hardeningScriptFunctions(new Set(OPTIONAL_SCRIPT_FUNCTIONS));
  const start = all.indexOf(`function ${name} `);
  const end = all.indexOf('\nfunction ', start + 1);
  const text = all.slice(start, end < 0 ? undefined : end);
  expect(parseScript(text).map((s) => s.t)).toEqual(['function']);
  return text;
}

describe('hashtables and arrays are shared by reference (bug: a write through one name was not seen through another)', () => {
  // PowerShell hashtables and arrays are references: `$b = $a; $b.v = 0` changes `$a.v`. The evaluator kept `$a.v`
  // at 1 (and ignored `$a[0] = 0` on an array), so a script that turned NLA off this way was read as turning it on.
  test.each<[string, string[], string]>([
    ['an array element set by index', ['$a = @(1)', '$a[0] = 0', nla('$a[0]')], 'unknown'],
    ['a hashtable changed through another name', ['$a = @{ v = 1 }', '$b = $a', '$b.v = 0', nla('$a.v')], 'unknown'],
    ['a hashtable changed through a hashtable holding it', ['$i = @{ v = 1 }', '$h = @{ a = $i }', "$h['a'].v = 0", nla('$i.v')], 'unknown'],
    ['a hashtable changed through an array element', ['$i = @{ v = 1 }', '$l = @($i, 2)', '$l[0].v = 0', nla('$i.v')], 'unknown'],
    ['a hashtable changed by a function it is passed to', ['$a = @{ v = 1 }', 'function F($p) { $p.v = 0 }', 'F $a', nla('$a.v')], 'unknown'],
    ['a caller local changed by a function it is passed to', ['function F($p) { $p.v = 0 }', 'function G { $a = @{ v = 1 }; F $a; ' + nla('$a.v') + ' }', 'G'], 'unknown'],
    ['a hashtable changed through the pipeline variable', ['$a = @{ v = 1 }', '$a | ForEach-Object { $_.v = 0 }', nla('$a.v')], 'unknown'],
    ['a hashtable entry set on the variable itself is followed', ['$a = @{ v = 1 }', '$a.v = 0', nla('$a.v')], 'off'],
    ['an entry set by index on the variable itself', ['$a = @{ v = 1 }', "$a['V'] = 0", nla('$a.v')], 'off'],
    ['+= on an entry', ['$a = @{ v = 0 }', '$a.v += 1', nla('$a.v')], 'on'],
    ['-= on an entry subtracts (bug: it added)', ['$a = @{ v = 2 }', '$a.v -= 1', nla('$a.v')], 'on'],
    ['an unrelated hashtable keeps its entries', ['$a = @{ v = 1 }', '$b = @{ v = 2 }', '$b.v = 0', nla('$a.v')], 'on'],
    ['a copy made by the script keeps its entries', ['$a = @{ v = 1 }', '$b = @{ v = $a.v; w = 1 }', '$b.v = 0', nla('$a.v')], 'on'],
    ['an array of other items keeps them', ['$a = @{ v = 1 }', '$l = @(1, 2)', '$a.v = 0', nla('$l[0]')], 'on'],
    // Paths that meet keep one of two equal hashtables: $b is $a on the else path only.
    ['a hashtable equal to one on another path', ['$a = @{ v = 1 }', 'if ($x) { $b = @{ v = 1 } } else { $b = $a }', '$b.v = 0', nla('$a.v')], 'unknown'],
    ['an equal hashtable made separately is forgotten too (the safe side)', ['$a = @{ v = 1 }', '$b = @{ v = 1 }', '$b.v = 0', nla('$a.v')], 'unknown'],
    ['a scalar variable is not touched', ['$n = 1', '$a = @{ v = 1 }', '$a.v = 0', nla('$n')], 'on'],
    ['an element of a string is not followed and touches nothing', ['$s = "x"', '$a = @{ v = 1 }', '$s.Length = 0', nla('$a.v')], 'on'],
    ['a member of a nested member on an unknown value forgets every hashtable', ['$a = @{ v = 1 }', '$x.y = 0', nla('$a.v')], 'unknown'],
    ['a member set on an unknown value leaves scalars alone', ['$n = 1', '$x.y = 0', nla('$n')], 'on'],
    ['a member set on a number touches no variable holding it', ['$n = 1', '$n.Foo = 0', nla('$n')], 'on'],
    ['an array holding the changed hashtable among other items', ['$i = @{ v = 1 }', '$l = @(2, $i)', '$i.v = 0', nla('($l[1].v)')], 'unknown'],
    ['a hashtable holding the changed hashtable among other entries', ['$i = @{ v = 1 }', '$h = @{ b = 2; a = $i }', '$i.v = 0', nla("($h['a'].v)")], 'unknown'],
    ['a hashtable holding the changed hashtable', ['$i = @{ v = 1 }', '$h = @{ a = $i }', '$i.v = 0', nla("($h['a'].v)")], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('the reasons', () => {
    expect(nlaShown('$a = @{ v = 1 }', '$b = $a', '$b.v = 0', nla('$a'))).toBe('unknown: line 4: an element of a hashtable or array other variables may share is set on line 3');
    expect(nlaShown('$a = @{ v = 1 }', '$a[$k] = 0', nla('$a'))).toBe('unknown: line 3: an entry of $a is set by a computed key');
  });
});

describe('assignments to variables', () => {
  test.each<[string, string[], string]>([
    ['-= subtracts', ['$v = 1', '$v -= 1', nla('$v')], 'off'],
    ['+= adds', ['$v = 0', '$v += 1', nla('$v')], 'on'],
    ['a braced name that only contains variable: is a variable', ['${xvariable:y} = 0', nla('${xvariable:y}')], 'off'],
    ['$variable: redefines a command', [nla(1), '$variable:y = 0'], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('try, catch and finally', () => {
  test.each<[string, string[], string]>([
    // A try/finally nested in a try/catch must not take the outer try's failure points away: the catch below
    // rewrites NLA to 0, and a failed run would leave that, so the pass (NLA 1) cannot be proven.
    ['a try/finally inside a try/catch keeps the outer failure points', ['function S($v) { ' + nla('$v') + ' }', 'S 0', 'try { try { } finally { }; S 1 } catch { S 0; exit 1 }'], 'unknown'],
    ['a catch that changes a setting after a try that always fails', ["try { throw 'x' } catch { " + nla(0) + ' }'], 'off'],
    ['a finally block runs the rest of the script once', ['$n = 0', 'try { } finally { }', '$n = $n + 1', nla('$n')], 'on'],
    ['a catch path that goes on after a finally block', ['$v = 1', 'try { Write-Host x } catch { $v = 0 } finally { }', nla('$v')], 'unknown'],
    ['a try whose catch does not run on the pass', ['$v = 1', 'try { Write-Host x } catch { $v = 1 } finally { }', nla('$v')], 'on'],
    ['a finally block that always exits ends the script with its writes', [nla(1), 'try { ' + nla(0) + ' } finally { exit 0 }', 'Write-Host x'], 'off'],
    ['a finally block that always throws: no run completes after it', [nla(1), 'try { ' + nla(0) + ' } finally { throw "x" }', nla(1)], 'unset'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('a catch in a function reads the function locals, not those of the function the try called', () => {
    // The failure points inside F have F's locals; the catch runs in G, where $a is 0. The catch writes the same fact
    // as line 2 (same line of S), so it changes nothing: NLA stays off.
    const lines = ['function S($v) { ' + nla('$v') + ' }', 'S 0', 'function F { $a = 5; Write-Host x }', 'function G { $a = 0; try { F } catch { S $a } }', 'G'];
    expect(nlaOf(...lines)).toBe('off');
  });

  // Bug found here: inside a function, the catch read the function's locals as they were at the END of the try body,
  // so a failure before `$a = 1` was read as leaving $a = 1, and a catch writing NLA from $a (0 on that path) looked
  // like writing 1: NLA read as on where the failed path turns it off.
  test.each<[string, string[], string]>([
    ['a local changed after the failure point', ['function S($v) { ' + nla('$v') + ' }', 'S 1', 'function G { $a = 0; try { Write-Host x; $a = 1 } catch { S $a } }', 'G'], 'unknown'],
    ['a local changed after a call that may fail', ['function S($v) { ' + nla('$v') + ' }', 'S 1', 'function F { Write-Host x }', 'function G { $a = 0; try { F; $a = 1 } catch { S $a } }', 'G'], 'unknown'],
    ['a local set before the try stays known', ['function S($v) { ' + nla('$v') + ' }', 'S 1', 'function G { $a = 1; try { Write-Host x } catch { S $a } }', 'G'], 'on'],
    ['a failure inside a called function, between its writes', ['function S($v) { ' + nla('$v') + ' }', 'S 1', 'function F { S 0; S 1 }', 'try { F } catch { S 1; exit 1 }'], 'unknown'],
    ['a script variable changed after the failure point', ['function S($v) { ' + nla('$v') + ' }', 'S 1', '$a = 0', 'try { Write-Host x; $a = 1 } catch { S $a }'], 'unknown'],
  ])('a catch in a function sees the locals of the failure point: %s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('a try body that always fails leaves only the catch path, whose unknowns name the try', () => {
    expect(nlaShown('try {', nla(0), "throw 'x'", '} catch { }')).toBe('unknown: line 2: a write in the try on line 1 that a failure may have skipped (written on line 2)');
  });
});

describe('loops over values not known statically', () => {
  test.each<[string, string[], string]>([
    ['the loop variable is unknown inside the body', [nla(1), '$i = 1', 'foreach ($i in $x) { ' + nla('$i') + ' }'], 'unknown'],
    ['a body that flips a value on each pass', ['$v = 0', 'foreach ($i in $x) { $v = 1 - $v }', nla('$v')], 'unknown'],
    ['a body that always throws: only the zero-pass path goes on', ['foreach ($i in $x) { throw "no" }', nla(0)], 'off'],
    ['a body that throws on its second pass', ['foreach ($i in $x) { if ($done) { throw "x" }; $done = $true }', nla(0)], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('script blocks and computed commands', () => {
  test.each<[string, string[], string]>([
    ['an invoked script block that writes nothing', ['& { Write-Host x }', nla(0)], 'off'],
    ['a dot-sourced script block', [nla(1), '. { ' + nla(0) + ' }'], 'unknown'],
    ['a command named by a string', ["& 'Set-ItemProperty' -Path '" + TSPOL + "' -Name UserAuthentication -Value 0"], 'off'],
    ['a command named by a variable', ["$c = 'Write-Host'", '& $c x', nla(0)], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test.each<[string, string[], string]>([
    ['an invoked block', [nla(1), '& { ' + nla(0) + ' }'], 'unknown: line 2: the script block on line 2 is invoked (written on line 1, 2)'],
    ['the output of a block', ['$v = & { 1 }', nla('$v')], 'unknown: line 2: script block output'],
    ['a block passed to a cmdlet', [nla(1), 'ForEach-Object { ' + nla(0) + ' }'], 'unknown: line 2: the script block passed to ForEach-Object on line 2 (written on line 1, 2)'],
    ['a program reached by a parent folder', ["& '..\\net.exe' accounts"], 'unknown: line 1: runs ..\\net.exe, a program the evaluator does not follow'],
    ['a dot-sourced file', ['. .\\x.ps1'], 'unknown: line 1: dot-sources x.ps1'],
    ['a dot-sourced name with .ps1 inside', ['. .\\x.ps1x'], 'unknown: line 1: runs `x.ps1x`, a command the evaluator does not know to leave the settings alone'],
    ['the output of a firewall rule', ['$r = New-NetFirewallRule -Name r1', nla('$r')], 'unknown: line 2: a firewall rule object'],
  ])('reason: %s', (_label, lines, expected) => {
    expect(nlaShown(...lines)).toBe(expected);
  });
});

describe('registry cmdlets: parameters and reasons', () => {
  test.each<[string, string[], string]>([
    ['Set-ItemProperty -PSPath', [`Set-ItemProperty -PSPath '${TSPOL}' -Name UserAuthentication -Value 0`], 'off'],
    ['Set-ItemProperty -LP', [`Set-ItemProperty -LP '${TSPOL}' -Name UserAuthentication -Value 0`], 'off'],
    ['Remove-ItemProperty -LiteralPath', [nla(0), `Remove-ItemProperty -LiteralPath '${TSPOL}' -Name UserAuthentication`], 'unset'],
    ['rp', [nla(0), `rp -Path '${TSPOL}' -Name UserAuthentication`], 'unset'],
    ['Remove-ItemProperty of another value keeps this one', [nla(0), `Remove-ItemProperty -Path '${TSPOL}' -Name Other`], 'off'],
    ['Set-ItemProperty without a name', [nla(1), `Set-ItemProperty -Path '${TSPOL}' -Value 0`], 'unknown'],
    ['a catch that removes the same key again (a later line) changes settings', [`Remove-Item '${TSPOL}'`, `try { Write-Host x } catch { Remove-Item '${TSPOL}'; exit 1 }`], 'unknown'],
    ['a catch that removes a file changes no setting', [nla(0), "try { Write-Host x } catch { Remove-Item 'C:\\x.txt'; exit 1 }"], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test.each<[string, string[], string]>([
    ['no -Value', [`Set-ItemProperty -Path '${TSPOL}' -Name UserAuthentication`], 'unknown: line 1: no -Value'],
    ['no path', ['Set-ItemProperty -Name UserAuthentication -Value 0'], 'unknown: line 1: `Set-ItemProperty` writes a registry value whose path is not known statically'],
    ['a piped path', ["'x' | Set-ItemProperty -Name UserAuthentication -Value 0"], 'unknown: line 1: `Set-ItemProperty` writes a registry value whose path is not known statically'],
    ['Remove-Item without a path', ['Remove-Item'], 'unknown: line 1: `Remove-Item` removes an item whose path is computed (it could be a registry key)'],
    ['a long path is shortened', [`Set-ItemProperty -Path 'SOFTWARE\\${'x'.repeat(100)}' -Name UserAuthentication -Value 0`], `unknown: line 1: \`Set-ItemProperty\` writes to SOFTWARE\\${'x'.repeat(71)}, a path the evaluator cannot place`],
    ['reg add to a path it cannot place', ["reg add 'foo\\bar' /v x /d 1"], 'unknown: line 1: `reg` writes to foo\\bar, a path the evaluator cannot place'],
    ['reg add without /d', [`reg add '${TSPOL.replace('HKLM:', 'HKLM')}' /v UserAuthentication /f`], "unknown: TSPOL\\UserAuthentication is set to '', not a number"],
    ['reg add of a word', [`reg add '${TSPOL.replace('HKLM:', 'HKLM')}' /v UserAuthentication /d abc /f`], "unknown: TSPOL\\UserAuthentication is set to 'abc', not a number"],
    ['the output of reg query', ["$v = reg query 'HKLM\\SOFTWARE\\X'", nla('$v')], 'unknown: line 2: reg output'],
    ['Set-Variable without a name', ['Set-Variable -Value 1'], 'unknown: line 1: `Set-Variable` with a computed name'],
  ])('reason: %s', (_label, lines, expected) => {
    expect(nlaShown(...lines)).toBe(expected);
  });

  test('removing a key touches RDP even when nothing was written under it', () => {
    expect(guest(`Remove-Item '${TSPOL}'`).touchesRdp).toBe(true);
    expect(guest("Remove-Item 'C:\\x.txt'").touchesRdp).toBe(false);
  });

  test.each<[string, string[], string]>([
    ['a numeric text and its number are the same value', ['if ($x) { ' + port("'3390'") + ' } else { ' + port(3390) + ' }'], 'set 3390 @1'],
    ['a negative numeric text', ['if ($x) { ' + port("'-3'") + ' } else { ' + port(-3) + ' }'], 'set -3 @1'],
    ['a one-element list is not its number', ['if ($x) { ' + port('@(3390)') + ' } else { ' + port(3390) + ' }'], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    const s = show(guest(...lines).port);
    expect(expected === 'unknown' ? s.split(':')[0] : s).toBe(expected);
  });
});

describe('firewall rules', () => {
  const RD = "-DisplayGroup 'Remote Desktop'";
  test.each<[string, string[], string]>([
    ['a rule with a computed name', ['New-NetFirewallRule -Name $n -LocalPort 5'], 'set [{"name":"computed name on line 1","protocol":"any","ports":[5],"sources":["Any"],"line":1}] @1'],
    ['Disable by display group agrees with Set -Enabled False', [`if ($x) { Disable-NetFirewallRule ${RD} } else { Enable-NetFirewallRule ${RD}; Set-NetFirewallRule -Name 'builtin:remote desktop' -Enabled False }`], 'set [] @0'],
    ['Disable by name agrees with a rule created disabled', ['if ($x) { New-NetFirewallRule -Name r1 -Enabled False } else { New-NetFirewallRule -Name r1; Disable-NetFirewallRule -Name r1 }'], 'set [] @0'],
    ['Remove by display group agrees with Remove by name', [`if ($x) { Remove-NetFirewallRule ${RD} } else { Remove-NetFirewallRule -Name 'builtin:remote desktop' }`], 'set [] @0'],
    ['the built-in group is one rule', [`Enable-NetFirewallRule ${RD}`, "Disable-NetFirewallRule -Name 'builtin:remote desktop'"], 'set [] @0'],
    ['the built-in group enabled', [`Enable-NetFirewallRule ${RD}`], 'set [{"name":"Remote Desktop (built-in group)","protocol":"tcp","ports":[3389],"sources":["Any"],"line":1}] @1'],
  ])('%s', (_label, lines, expected) => {
    expect(firewallShown(...lines)).toBe(expected);
  });

  test('profiles chosen by a computed value are not proven on', () => {
    expect(show(guest('Set-NetFirewallProfile -Profile $p -Enabled True').firewallProfilesEnabled)).toBe('unknown: line 1: only some firewall profiles are turned on');
    expect(show(guest('Set-NetFirewallProfile -Enabled').firewallProfilesEnabled)).toBe('set true @1');
  });

  test('the trusted Disable-DefaultRdpRules: rules on 3389 among other ports, removed rules', () => {
    const fn = helper('Disable-DefaultRdpRules');
    expect(firewallShown(fn, 'New-NetFirewallRule -Name d -LocalPort 3389, 3390', 'Disable-DefaultRdpRules')).toBe('set [] @0');
    expect(firewallShown(fn, 'New-NetFirewallRule -Name d -LocalPort 3389', 'Remove-NetFirewallRule -Name d', 'Disable-DefaultRdpRules')).toBe('set [] @0');
    expect(firewallShown(fn, 'New-NetFirewallRule -Name d -LocalPort 3389', 'if ($x) { Disable-DefaultRdpRules } else { Disable-NetFirewallRule -Name d }')).toBe('set [] @0');
    const at = fn.split('\n').length + 2;
    expect(nlaShown(fn, '$v = Disable-DefaultRdpRules', nla('$v'))).toBe(`unknown: line ${at}: the output of Disable-DefaultRdpRules`);
  });
});

describe('net accounts and secedit', () => {
  test.each<[string, string[], string]>([
    ['never only as the whole word', ['net accounts /lockoutduration:xnever'], 'unknown: line 1: net accounts /lockoutduration:xnever'],
    ['net accounts without switches', ['net accounts'], 'unset'],
  ])('%s', (_label, lines, expected) => {
    expect(show(guest(...lines).lockoutDurationMinutes)).toBe(expected);
  });

  test('secedit: only a whole /configure word applies a template', () => {
    expect(show(guest("secedit 'a/configure'").lockoutThreshold)).toBe('unset');
  });
});

describe('calls', () => {
  test('a function that returns early on some paths', () => {
    expect(nlaShown(nla(1), 'function F { if ($x) { return }; ' + nla(0) + ' }', 'F')).toBe('unknown: line 1: F (called on line 3) returns early on some paths (written on line 2, 1)');
  });
});
