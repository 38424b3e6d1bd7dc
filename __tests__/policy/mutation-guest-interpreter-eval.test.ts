/**
 * The guest-script evaluator's joins and flow on small hand-written PowerShell snippets (issue #20,
 * mutation testing of policy/guest/evaluate-script.ts): what stays known when paths meet, what becomes
 * unknown, and which taint survives. Pure: every snippet is built inside its test.
 */
import { guest, nla, nlaOnOff as nlaOf, removeNla, show, TSPOL } from './guest-snippets';

describe('paths that meet (merge)', () => {
  test.each<[string, string[], string]>([
    ['both branches write the same value', ['if ($x) { ' + nla(1) + ' } else { ' + nla(1) + ' }'], 'on'],
    ['both branches write different values', ['if ($x) { ' + nla(1) + ' } else { ' + nla(0) + ' }'], 'unknown'],
    ['only the then branch writes', [nla(1), 'if ($x) { ' + nla(0) + ' }'], 'unknown'],
    ['only the else branch writes (first write)', ['if ($x) { } else { ' + nla(0) + ' }'], 'unknown'],
    ['only the else branch writes, the then branch is empty', ['if ($x) { $y = 1 } else { ' + nla(1) + ' }'], 'unknown'],
    ['one branch removes, the other writes', [nla(1), 'if ($x) { ' + removeNla() + ' } else { ' + nla(1) + ' }'], 'unknown'],
    ['one branch writes, the other removes', [nla(1), 'if ($x) { ' + nla(1) + ' } else { ' + removeNla() + ' }'], 'unknown'],
    ['both branches remove', [nla(1), 'if ($x) { ' + removeNla() + ' } else { ' + removeNla() + ' }'], 'unset'],
    ['a branch that throws is not joined', ["if ($x) { " + nla(0) + "; throw 'no' } else { " + nla(1) + ' }'], 'on'],
    ['a branch that exits 0 ends the script with its own value', ['if ($x) { ' + nla(0) + '; exit 0 } else { ' + nla(1) + ' }'], 'unknown'],
    ['a variable equal on both paths', ['if ($x) { $v = 0 } else { $v = 0 }', nla('$v')], 'off'],
    ['a list equal on both paths', ['if ($x) { $v = @(0, 1) } else { $v = @(0, 1) }', nla('$v[0]')], 'off'],
    ['a list different on the paths', ['if ($x) { $v = @(0, 1) } else { $v = @(1, 1) }', nla('$v[0]')], 'unknown'],
    ['a variable set on one path only', ['if ($x) { $v = 0 }', nla('$v')], 'unknown'],
    ['a variable set only on the else path', ['if ($x) { } else { $v = 0 }', nla('$v')], 'unknown'],
    ['a variable different on the paths', ['if ($x) { $v = 0 } else { $v = 1 }', nla('$v')], 'unknown'],
    ['a function local equal on both paths', ['function F { if ($x) { $v = 0 } else { $v = 0 }; ' + nla('$v') + ' }', 'F'], 'off'],
    ['a function local different on the paths', ['function F { if ($x) { $v = 0 } else { $v = 1 }; ' + nla('$v') + ' }', 'F'], 'unknown'],
    ['a function defined before a branch keeps its body', ['function F { ' + nla(0) + ' }', 'if ($x) { $y = 1 } else { $y = 2 }', 'F'], 'off'],
    ['a function defined on one path only', ['if ($x) { function F { ' + nla(0) + ' } }', nla(1), 'F'], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('the reasons name the join and the lines written', () => {
    expect(show(guest('if ($x) { ' + nla(1) + ' } else { ' + nla(0) + ' }').nla)).toMatch(/^unknown: .*\(written on line 1\)$/);
    expect(show(guest('if ($x) {', nla(1), '} else {', nla(0), '}').nla)).toMatch(/\(written on line 2, 4\)$/);
    expect(show(guest('if ($x) { function F { ' + nla(1) + ' } } else { function F { ' + nla(0) + ' } }', 'F').nla)).toBe('unknown: line 0: `f is defined differently on different paths` (function) is not evaluated');
  });

  test('lockout settings join', () => {
    const lockout = (...lines: string[]): string => show(guest(...lines).lockoutThreshold);
    expect(lockout('if ($x) { net accounts /lockoutthreshold:5 } else { net accounts /lockoutthreshold:5 }')).toBe('set 5 @1');
    expect(lockout('if ($x) { net accounts /lockoutthreshold:5 } else { net accounts /lockoutthreshold:6 }')).toMatch(/^unknown: /);
    expect(lockout('net accounts /lockoutthreshold:5', 'if ($x) { net accounts $a }')).toBe('unknown: line 2: `net accounts` with computed arguments');
    expect(lockout('net accounts /lockoutthreshold:5', 'if ($x) { } else { net accounts $a }')).toBe('unknown: line 2: `net accounts` with computed arguments');
  });

  test('firewall rules and profiles join', () => {
    const fw = (...lines: string[]): string => show(guest(...lines).firewall);
    expect(fw('if ($x) { New-NetFirewallRule -Name r1 -LocalPort 5 } else { New-NetFirewallRule -Name r1 -LocalPort 5 }')).toMatch(/^set \[\{"name":"r1"/);
    expect(fw('if ($x) { New-NetFirewallRule -Name r1 -LocalPort 5 } else { New-NetFirewallRule -Name r1 -LocalPort 6 }')).toMatch(/^unknown: /);
    expect(fw('if ($x) { New-NetFirewallRule -Name r1 -LocalPort 5 } else { New-NetFirewallRule -Name r1 -LocalPort 5 -Enabled False }')).toMatch(/^unknown: /);
    expect(fw('New-NetFirewallRule -Name r1 -LocalPort 5', 'if ($x) { Remove-NetFirewallRule -Name r1 }')).toMatch(/^unknown: /);
    expect(fw('New-NetFirewallRule -Name r1 -LocalPort 5', 'if ($x) { } else { Enable-NetFirewallRule -Name $n }')).toBe('unknown: line 2: `Enable-NetFirewallRule` changes firewall rules chosen at run time');
    const prof = (...lines: string[]): string => show(guest(...lines).firewallProfilesEnabled);
    expect(prof('if ($x) { Set-NetFirewallProfile -Enabled True } else { Set-NetFirewallProfile -Enabled True }')).toBe('set true @1');
    expect(prof('if ($x) { Set-NetFirewallProfile -Enabled True } else { Set-NetFirewallProfile -Enabled False }')).toMatch(/^unknown: /);
  });
});

/** `if (<cond>) { NLA off }` after NLA on: 'off' = the condition is true, 'on' = false, 'unknown' = cannot be told. */
function cond(...lines: string[]): string {
  const c = lines.pop() ?? '';
  return nlaOf(nla(1), ...lines, 'if (' + c + ') { ' + nla(0) + ' }');
}

describe('strings, indexes, methods and casts', () => {
  test.each<[string, string[], string]>([
    ['`0 is the NUL character', ['"`0" -eq \'0\''], 'on'],
    ['a backtick escape of a digit', ['"`1" -eq \'1\''], 'off'],
    ['`t is a tab', ['"a`tb" -eq \'a\tb\''], 'off'],
    ['`t is not the letter t', ['"a`tb" -eq \'atb\''], 'on'],
    ['`n is a newline', ['"a`nb" -eq \'a\nb\''], 'off'],
    ['an unknown escape is the character itself', ['"a`qb" -eq \'aqb\''], 'off'],
    ['a doubled quote is one quote', ['"a""b" -eq \'a"b\''], 'off'],
    ['a single quote is kept', ['"a\'b" -eq \'a\'\'b\''], 'off'],
    ['a subexpression', ['"a$(1 + 1)b" -eq \'a2b\''], 'off'],
    ['a nested subexpression', ['"a$((1 + 1) * 2)b" -eq \'a4b\''], 'off'],
    ['a subexpression of something unknown', ['"a$(Get-Random)b" -eq \'a1b\''], 'unknown'],
    ['a variable in a string', ['$v = 5', '"a$($v)b" -eq \'a5b\''], 'off'],
    ['a plain variable in a string', ['$v = 5', '"a$v b" -eq \'a5 b\''], 'off'],
    ['a braced variable in a string', ['${my v} = 5', '"a${my v}b" -eq \'a5b\''], 'off'],
    ['a scoped variable in a string', ['$v = 5', '"a$script:v b" -eq \'a5 b\''], 'off'],
    ['an unknown variable in a string', ['"a$nope b" -eq \'a b\''], 'unknown'],
    ['a lone dollar is text', ['"a$ b" -eq \'a$ b\''], 'off'],
    ['a dollar at the end is text', ['"ab$" -eq \'ab$\''], 'off'],
    ['ToLowerInvariant', ["'AB'.ToLowerInvariant() -eq 'ab'"], 'off'],
    ['ToUpperInvariant', ["'ab'.ToUpperInvariant() -eq 'AB'"], 'off'],
    ['Trim', ["' 1 '.Trim() -eq '1'"], 'off'],
    ['a list Contains', ['@(1, 2).Contains(2)'], 'off'],
    ['a list does not contain', ['@(1, 2).Contains(3)'], 'on'],
    ['a list Contains an unknown', ['@(1, 2).Contains($x)'], 'unknown'],
    ['a list with an unknown Contains', ['@(1, $x).Contains(1)'], 'unknown'],
    ['a list with an unknown in the middle', ['@(1, $x, 3).Contains(1)'], 'unknown'],
    ['a hashtable ContainsKey', ["@{ A = 1 }.ContainsKey('a')"], 'off'],
    ['a hashtable Contains', ["@{ A = 1 }.Contains('a')"], 'off'],
    ['a hashtable does not contain', ["@{ A = 1 }.ContainsKey('b')"], 'on'],
    ['a hashtable ContainsKey of an unknown', ['@{ A = 1 }.ContainsKey($x)'], 'unknown'],
    ['Contains on a string is not followed', ["'abc'.Contains('b')"], 'unknown'],
    ['another method on a list', ['@(1, 2).IndexOf(2) -eq 1'], 'unknown'],
    ['another method on a hashtable', ["@{ A = 1 }.ContainsValue(1)"], 'unknown'],
    ['an index into a string is not followed', ["$s = '01'", '$s[1] -eq \'1\''], 'unknown'],
    ['an index into a list', ['$a = @(5, 6)', '$a[1] -eq 6'], 'off'],
    ['a negative index', ['$a = @(5, 6)', '$a[-1] -eq 6'], 'off'],
    ['a computed index', ['$a = @(5, 6)', '$a[$i] -eq 6'], 'unknown'],
    ['a hashtable key', ['$h = @{ a = 5 }', "$h['A'] -eq 5"], 'off'],
    ['a computed hashtable key', ['$h = @{ a = 5 }', '$h[$k] -eq 5'], 'unknown'],
    ['[string] of a number', ["[string]5 -eq '5'"], 'off'],
    ['[System.String]', ["[System.String]5 -eq '5'"], 'off'],
    ['[string] of an unknown', ["[string]$x -eq '5'"], 'unknown'],
    ['[int] of a string', ["[int]'7' -eq 7"], 'off'],
    ['[int] of a word', ["[int]'seven' -eq 7"], 'unknown'],
    ['[string[]] of numbers', ["([string[]]@(1, 2))[1] -eq '2'"], 'off'],
    ['[int[]] of strings', ["([int[]]@('1', '2'))[1] -eq 2"], 'off'],
    ['[int[]] of a word', ["([int[]]@('1', 'x'))[1] -eq 2"], 'unknown'],
    ['[bool] of 1', ['[bool]1'], 'off'],
    ['[bool] of 0', ['[bool]0'], 'on'],
    ['[void] is $null', ['$null -eq [void]1'], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(cond(...lines)).toBe(expected);
  });

  test('the reasons', () => {
    expect(show(guest(nla('"$(Get-Random)"')).nla)).toBe('unknown: line 1: "$(…)" in a string');
    expect(show(guest(nla('"$nope"')).nla)).toBe('unknown: line 1: $nope in a string');
    expect(show(guest('$a = @(0)', nla('$a[$i]')).nla)).toBe('unknown: line 2: a computed index');
    expect(show(guest('$h = @{ a = 0 }', nla('$h[$k]')).nla)).toBe('unknown: line 2: a computed key');
    expect(show(guest("$s = '0'", nla('$s[0]')).nla)).toBe('unknown: line 2: an index into a value not known statically');
    expect(show(guest(nla("([int]'x')")).nla)).toBe("unknown: line 1: [int] of 'x'");
    expect(show(guest(nla('@(0).Foo()')).nla)).toBe('unknown: line 1: .Foo()');
  });
});

describe('joins of equal values and catch paths', () => {
  test.each<[string, string[], string]>([
    ['strings equal but for case stay known', ["if ($x) { " + nla("'0x1'") + " } else { " + nla("'0X1'") + ' }'], 'on'],
    ['a function redefined in every loop pass keeps its body', ['foreach ($i in 1, 2) { function F { ' + nla(0) + ' } }', 'F'], 'off'],
    ['a function local that differs shadows the script variable as unknown', ['$v = 1', 'function F { if ($x) { $v = 0 } else { $v = 2 }; ' + nla('$v') + ' }', 'F'], 'unknown'],
    ['a catch that rewrites the same fact changes nothing', ['function F { ' + nla(1) + ' }', 'F', 'try {', "Write-Host 'x'", '} catch {', 'F', '}'], 'on'],
    ['a catch that writes another value changes the setting', ['function F($v) { ' + nla('$v') + ' }', 'F 1', 'try {', "Write-Host 'x'", '} catch {', 'F 0', '}'], 'unknown'],
    ['a function whose catch goes on joins both paths', ['function F { try { ' + nla(0) + ' } catch { Write-Host x } }', nla(1), 'F'], 'unknown'],
    ['a function whose try passes', ['function F { try { ' + nla(0) + ' } catch { exit 1 } }', nla(1), 'F'], 'off'],
    ['a loop whose catch goes on joins both paths', [nla(1), 'foreach ($i in 1) { try { ' + nla(0) + ' } catch { Write-Host x } }'], 'unknown'],
    ['a loop whose try passes', [nla(1), 'foreach ($i in 1) { try { ' + nla(0) + ' } catch { exit 1 } }'], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('a function defined differently on two paths, called with an argument', () => {
    expect(nlaOf(nla(1), 'if ($x) { function F($v) { ' + nla('$v') + ' } } else { function F($w) { ' + nla('$w') + ' } }', 'F 1')).toBe('unknown');
  });
});

describe('operators', () => {
  test.each<[string, string]>([
    ["'abc' -like 'a*'", 'off'],
    ["'abc' -like 'A?C'", 'off'],
    ["'abc' -like 'a.c'", 'on'],
    ["'a.c' -like 'a.c'", 'off'],
    ["'a+c' -like 'a+c'", 'off'],
    ["'abc' -notlike 'a*'", 'on'],
    ["'abc' -notlike 'x*'", 'off'],
    ["'abc' -match 'B'", 'off'],
    ["'abc' -match '^b'", 'on'],
    ["'abc' -notmatch 'B'", 'on'],
    ["'abc' -match '('", 'unknown'],
    ["$x -like 'u*'", 'unknown'],
    ["'undefined' -like $x", 'unknown'],
    ["$x -match 'u'", 'unknown'],
    ["@('A', 'b') -contains 'a'", 'off'],
    ["@(1, 2) -contains '2'", 'off'],
    ["@('true') -contains $true", 'off'],
    ['@(1, 2) -contains 3', 'on'],
    ['@(1, 2) -notcontains 1', 'on'],
    ['@(1, 2) -notcontains 3', 'off'],
    ["'a' -in @('A', 'b')", 'off'],
    ["'c' -in @('A', 'b')", 'on'],
    ["'a' -notin @('A', 'b')", 'on'],
    ['@(1, $x) -contains 1', 'unknown'],
    ['1 -in @(2, $x)', 'unknown'],
    // Hashtables compare by reference in PowerShell: never read as equal (a bug: `-ne` of two equal literals read as false skipped a write).
    ['@(@{ a = 1 }) -contains @{ b = 2 }', 'unknown'],
    ['@(@{ a = 1 }) -notcontains @{ a = 1 }', 'unknown'],
    ['@{ a = 1 } -eq @{ a = 1 }', 'unknown'],
    ['@{ a = 1 } -ne @{ a = 1 }', 'unknown'],
    ["'System.Collections.Hashtable' -eq @{ a = 1 }", 'off'],
    ["('a,b,c' -split ',')[2] -eq 'c'", 'off'],
    ["('a,b,c' -split ',').Count -eq 3", 'off'],
    ["('a,b,c' -split ',', 2)[1] -eq 'b,c'", 'off'],
    ["('a,b,c' -split ',', 0)[2] -eq 'c'", 'off'],
    ["('aXb' -split 'x')[1] -eq 'b'", 'off'],
    ["('a,b' -split ',')[0] -eq 'a'", 'off'],
    ["($x -split ',')[0] -eq 'a'", 'unknown'],
    ["('a,b' -split $x)[0] -eq 'a'", 'unknown'],
    ["('a' -split '(')[0] -eq 'a'", 'unknown'],
    ["(@(1, 2) -join ',') -eq '1,2'", 'off'],
    ["(@(1, $x) -join ',') -eq '1,2'", 'unknown'],
    ["(@($x, 1) -join ',') -eq '1,2'", 'unknown'],
    ["(@(1, 2) -join $x) -eq '1,2'", 'unknown'],
    ["('abc' -replace 'B', 'x') -eq 'axc'", 'off'],
    ["('abc' -replace 'b') -eq 'ac'", 'off'],
    ["('abcb' -replace 'b', 'x') -eq 'axcx'", 'off'],
    ["('abc' -replace '(b)', '[$1]') -eq 'a[b]c'", 'off'],
    ["($x -replace 'b', 'x') -eq 'axc'", 'unknown'],
    ["('abc' -replace $x, 'x') -eq 'axc'", 'unknown'],
    ["('abc' -replace 'b', $x) -eq 'axc'", 'unknown'],
    ["('abc' -replace '(', 'x') -eq 'axc'", 'unknown'],
    ["'1' -ne 1", 'on'],
    ["'True' -ne $true", 'on'],
    ["'True' -eq $true", 'off'],
    ["'_' -lt 'a'", 'off'],
    ["'B' -gt 'a'", 'off'],
    ["'a' -lt 'B'", 'off'],
    ["'10' -gt 9", 'on'],
    ["'9' -gt 10", 'off'],
    ["10 -gt '9'", 'off'],
    ["1 -gt 'x'", 'unknown'],
    ["1 -lt 'x'", 'unknown'],
    ['$true -ge 1', 'off'],
    ['$x -gt 1', 'unknown'],
    ['1 -lt $x', 'unknown'],
    ['$x -eq $null', 'unknown'],
    ['$null -ne $x', 'unknown'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });
});

describe('removals, net accounts, secedit, reg.exe, Set-Variable', () => {
  test.each<[string, string[], string]>([
    ['ri', [nla(0), `ri '${TSPOL}'`], 'unset'],
    ['rm', [nla(0), `rm '${TSPOL}'`], 'unset'],
    ['del', [nla(0), `del '${TSPOL}'`], 'unset'],
    ['erase', [nla(0), `erase '${TSPOL}'`], 'unset'],
    ['rd', [nla(0), `rd '${TSPOL}'`], 'unset'],
    ['rmdir', [nla(0), `rmdir '${TSPOL}'`], 'unset'],
    ['Remove-Item -LiteralPath', [nla(0), `Remove-Item -LiteralPath '${TSPOL}'`], 'unset'],
    ['Remove-Item of a parent key', [nla(0), "Remove-Item -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT' -Recurse"], 'unset'],
    ['Remove-Item of a key that only shares a prefix', [nla(0), "Remove-Item -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal'"], 'off'],
    ['Remove-Item of another key', [nla(0), "Remove-Item -Path 'HKLM:\\SOFTWARE\\Other'"], 'off'],
    ['Remove-Item of a file', [nla(0), "Remove-Item -Path 'C:\\temp\\x.txt'"], 'off'],
    ['Remove-Item of a computed path', [nla(0), 'Remove-Item -Path $p'], 'unknown'],
    ['Remove-Item of a function', [nla(0), 'Remove-Item -Path function:Set-Thing'], 'unknown'],
    ['Remove-Item of an alias', [nla(0), 'Remove-Item -Path alias:sp'], 'unknown'],
    ['Remove-Item of a file named like a function drive', [nla(0), "Remove-Item -Path 'C:\\function:x'"], 'off'],
    ['Remove-Item of a file named like an alias drive', [nla(0), "Remove-Item -Path 'C:\\alias:x'"], 'off'],
    ['reg add', ["reg add 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' /v UserAuthentication /t REG_DWORD /d 0 /f"], 'off'],
    ['reg add with /d before /v', ["reg add 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' /d 0 /t REG_DWORD /v UserAuthentication /f"], 'off'],
    ['reg add without /d is an empty string (not a number)', ["reg add 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' /v UserAuthentication /f"], 'unknown'],
    ['reg delete of the value', [nla(0), "reg delete 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' /v UserAuthentication /f"], 'unset'],
    ['reg delete of a whole key', [nla(0), "reg delete 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' /f"], 'unknown'],
    ['reg add of a whole key', [nla(0), "reg add 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' /f"], 'off'],
    ['reg query changes nothing', [nla(0), "reg query 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'"], 'off'],
    ['reg compare changes nothing', [nla(0), 'reg compare $a $b'], 'off'],
    ['reg export changes nothing', [nla(0), 'reg export $a $b'], 'off'],
    ['reg import is not followed', [nla(0), "reg import 'x.reg'"], 'unknown'],
    ['reg with a computed verb', [nla(0), 'reg $verb x'], 'unknown'],
    ['reg add with a computed argument', [nla(0), "reg add 'HKLM\\SOFTWARE\\Other' /v $n /d 1"], 'unknown'],
    ['reg add with a computed last argument', [nla(0), "reg add 'HKLM\\SOFTWARE\\Other' /v X /d $d"], 'unknown'],
    ['Set-Variable', ['Set-Variable -Name v -Value 0', nla('$v')], 'off'],
    ['sv by position', ['sv v 0', nla('$v')], 'off'],
    ['Set-Variable without a value is $null', ['$v = 0', 'Set-Variable -Name v', nla('$v')], 'unknown'],
    ['Set-Variable with a computed name', [nla(0), 'Set-Variable -Name $n -Value 1'], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('reasons', () => {
    expect(show(guest(nla(0), 'Remove-Item -Path $p').nla)).toBe('unknown: line 2: `Remove-Item` removes an item whose path is computed (it could be a registry key)');
    expect(show(guest(nla(0), 'Remove-Item -Path function:F').nla)).toBe('unknown: line 2: `Remove-Item` removes a command');
    expect(show(guest(nla(0), "reg delete 'HKLM\\SOFTWARE\\X' /f").nla)).toBe('unknown: line 2: `reg delete` of a whole key');
    expect(show(guest(nla(0), 'reg $v').nla)).toBe('unknown: line 2: `reg ` with arguments the evaluator cannot read');
    expect(show(guest(nla(0), "reg import 'x'").nla)).toBe('unknown: line 2: `reg import` with arguments the evaluator cannot read');
    expect(show(guest(nla(0), 'Set-Variable -Name $n -Value 1').nla)).toBe('unknown: line 2: `Set-Variable` with a computed name');
  });

  test.each<[string, string[], string]>([
    ['a lockout switch', ['net accounts /lockoutthreshold:5'], 'set 5 @1'],
    ['the first word must be accounts', ['net user /lockoutthreshold:5'], 'unset'],
    ['accounts as a later word does not count', ['net user accounts /lockoutthreshold:5'], 'unset'],
    ['a switch with a prefix is not read', ['net accounts x/lockoutthreshold:5'], 'unset'],
    ['a switch with a suffix after a space is not read', ['net accounts "/lockoutthreshold:5 x"'], 'unset'],
    ['never only as a whole word', ['net accounts /lockoutthreshold:nevermore'], 'unknown: line 1: net accounts /lockoutthreshold:nevermore'],
    ['a computed first word', ['net $a /lockoutthreshold:5'], 'unset'],
    ['a computed argument after accounts', ['net accounts $a'], 'unknown: line 1: `net accounts` with computed arguments'],
    ['no argument', ['net'], 'unset'],
    ['secedit /configure', ['secedit /configure /db x.sdb /cfg x.inf'], 'unknown: line 1: `secedit /configure` applies a security template the evaluator does not read'],
    ['secedit.exe /import', ['secedit.exe /import /db x.sdb /cfg x.inf'], 'unknown: line 1: `secedit /configure` applies a security template the evaluator does not read'],
    ['secedit /export', ['secedit /export /cfg x.inf'], 'unset'],
    ['secedit /configurex', ['secedit /configurex'], 'unset'],
    ['secedit with a /configure positional', ["secedit '/configure'"], 'unknown: line 1: `secedit /configure` applies a security template the evaluator does not read'],
    ['secedit with -configure', ['secedit -configure'], 'unknown: line 1: `secedit /configure` applies a security template the evaluator does not read'],
  ])('lockout: %s', (_label, lines, expected) => {
    expect(show(guest(...lines).lockoutThreshold)).toBe(expected);
  });
});

describe('operators on lists work element by element (as in PowerShell)', () => {
  // Bugs found here: a list was read as its joined text, so `if (@('a', 'b') -like 'a') { <write> }` was read as
  // never writing, and a hashtable element made `-ne` drop it instead of becoming unknown.
  test.each<[string, string]>([
    ["@('a', 'b') -like 'a'", 'off'],
    ["@('a', 'b') -like 'c'", 'on'],
    ["@('a', 'b') -notlike 'a'", 'off'],
    ["@('a', 'a') -notlike 'a'", 'on'],
    ["@('ab', 'cd') -match 'c'", 'off'],
    ["@('ab', 'cd') -match 'x'", 'on'],
    ["@('ab', 'cd') -notmatch 'a'", 'off'],
    ["(@('ab', 'cd') -match 'c')[0] -eq 'cd'", 'off'],
    ["@('a', $x) -like 'a'", 'unknown'],
    ["@(1, $x) -like '*'", 'unknown'],
    ["(@('a,b', 'c') -split ',')[2] -eq 'c'", 'off'],
    ["(@('a,b', 'c') -split ',').Count -eq 3", 'off'],
    ["(@('a,b', $x) -split ',')[0] -eq 'a'", 'unknown'],
    ["(@('ab', 'cb') -replace 'b', '1')[1] -eq 'c1'", 'off'],
    ["(@('ab', $x) -replace 'b', '1')[0] -eq 'a1'", 'unknown'],
    ['@(@{ a = 1 }) -ne @{ a = 1 }', 'unknown'],
    ['@(@{ a = 1 }, 2) -eq 2', 'unknown'],
    ['@(1, 2) -eq 2', 'off'],
    ['@(1, 2) -ne 2', 'off'],
    ['@(2, 2) -ne 2', 'on'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });

  test('a list value element by element reaches the registry', () => {
    expect(nlaOf(nla("((@('1x', '0x') -replace 'x', '')[1])"))).toBe('off');
    expect(nlaOf(nla("((@('1,0') -split ',')[1])"))).toBe('off');
  });
});

describe('firewall rule changes, profiles, reg.exe named switches', () => {
  const fw = (...lines: string[]): string => show(guest(...lines).firewall);
  test.each<[string, string[], string]>([
    ['Set-NetFirewallRule by -ID', ['New-NetFirewallRule -Name r1 -Enabled False', 'Set-NetFirewallRule -ID r1 -Enabled True'], 'set [{"name":"r1","protocol":"any","ports":"any","sources":["Any"],"line":2}] @2'],
    ['Set-NetFirewallRule -Direction Outbound', ['New-NetFirewallRule -Name r1', 'Set-NetFirewallRule -Name r1 -Direction Outbound'], 'set [] @0'],
    ['Set-NetFirewallRule -Action Block', ['New-NetFirewallRule -Name r1', 'Set-NetFirewallRule -Name r1 -Action Block'], 'set [] @0'],
    ['Set-NetFirewallRule -Enabled False', ['New-NetFirewallRule -Name r1', 'Set-NetFirewallRule -Name r1 -Enabled False'], 'set [] @0'],
    ['Set-NetFirewallRule keeps a disabled rule disabled', ['New-NetFirewallRule -Name r1 -Enabled False', 'Set-NetFirewallRule -Name r1 -LocalPort 6'], 'set [] @0'],
    ['Set-NetFirewallRule keeps an enabled rule enabled', ['New-NetFirewallRule -Name r1', 'Set-NetFirewallRule -Name r1 -LocalPort 6'], 'set [{"name":"r1","protocol":"any","ports":[6],"sources":["Any"],"line":2}] @2'],
    ['Disable-NetFirewallRule after Enable', ['New-NetFirewallRule -Name r1', 'Enable-NetFirewallRule -Name r1', 'Disable-NetFirewallRule -Name r1'], 'set [] @0'],
    ['a rule changed through the pipeline by name', ['New-NetFirewallRule -Name r1 -Enabled False', '$r | Enable-NetFirewallRule -Name r1'], 'unknown: line 2: `Enable-NetFirewallRule` changes firewall rules chosen at run time'],
    ['a rule chosen by display name only', ['New-NetFirewallRule -Name r1 -Enabled False', "Enable-NetFirewallRule -DisplayName 'r1'"], 'unknown: line 2: `Enable-NetFirewallRule` changes firewall rules chosen at run time'],
    ['a rule the script did not create, disabled (its direction is not known: conservative)', ['Disable-NetFirewallRule -Name other'], 'unknown: firewall rule other (line 1): its direction, action or state is not known statically'],
  ])('%s', (_label, lines, expected) => {
    expect(fw(...lines)).toBe(expected);
  });

  test('Set-NetFirewallProfile chooses profiles by -Profile or -Name', () => {
    const prof = (...lines: string[]): string => show(guest(...lines).firewallProfilesEnabled);
    expect(prof('Set-NetFirewallProfile -Name Domain -Enabled True')).toBe('unknown: line 1: only some firewall profiles are turned on');
    expect(prof('Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True')).toBe('set true @1');
    expect(prof('Set-NetFirewallProfile -Enabled $true')).toBe('set true @1');
  });

  test('reg.exe with -switches reads them as /switches', () => {
    expect(nlaOf("reg add 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -v UserAuthentication -t REG_DWORD -d 0 -f")).toBe('off');
  });

  test('lockout: never only as the whole value', () => {
    expect(show(guest('net accounts /lockoutduration:forever').lockoutDurationMinutes)).toBe('unknown: line 1: net accounts /lockoutduration:forever');
    expect(show(guest('net accounts /lockoutduration:NEVER').lockoutDurationMinutes)).toBe('set 0 @1');
  });
});

describe('unary, logical, -is and arithmetic operators', () => {
  test.each<[string, string]>([
    ["-'1' -eq -1", 'off'],
    ['-(3 / 2) -eq -1.5', 'off'],
    ["-'x' -eq 0", 'unknown'],
    ['(+5) + 1 -eq 6', 'off'],
    ["(-join @(1, 2)) -eq '12'", 'off'],
    ["(-join @(1, $x)) -eq '12'", 'unknown'],
    ['-not $x', 'unknown'],
    ['-not 0', 'off'],
    ['$x -and $true', 'unknown'],
    ['$x -and $false', 'on'],
    ['$false -and $x', 'on'],
    ['$true -and $true', 'off'],
    ['$x -or $false', 'unknown'],
    ['$x -or $true', 'off'],
    ['$true -or $x', 'off'],
    ['$false -or $false', 'on'],
    ['1 -is [int]', 'off'],
    ['1.5 -is [int]', 'on'],
    ["'1' -is [int]", 'on'],
    ["'a' -is [string]", 'off'],
    ['1 -is [string]', 'on'],
    ['$true -is [bool]', 'off'],
    ['1 -is [bool]', 'on'],
    ['@(1) -is [array]', 'off'],
    ['1 -is [array]', 'on'],
    ['@{ a = 1 } -is [hashtable]', 'off'],
    ['1 -is [double]', 'unknown'],
    ["1 -is 'int'", 'unknown'],
    ['1 -isnot [int]', 'on'],
    ['$x -is [int]', 'unknown'],
    ["('a' + @(1, $x)) -eq 'a1'", 'unknown'],
    ["('a' + 1) -eq 'a1'", 'off'],
    ['(1 + 0.5) -eq 1.5', 'off'],
    ["(1 + '2') -eq 3", 'off'],
    ["(1 + 'x') -eq 1", 'unknown'],
    ['(@{ a = 1 } + 1) -eq 1', 'unknown'],
    ['($null + 1) -eq 1', 'off'],
    ['(@(1) + 2)[1] -eq 2', 'off'],
    ["('6' - 1) -eq 5", 'off'],
    ['(7 - 0.5) -eq 6.5', 'off'],
    ["(1 - 'x') -eq 1", 'unknown'],
    ["('x' * 2) -eq 0", 'unknown'],
    ['(6 * 2) -eq 12', 'off'],
    ['(6 % 4) -eq 2', 'off'],
    ['(6 / 4) -eq 1.5', 'off'],
    ['(1 / 0) -eq 0', 'unknown'],
    ['(1 % 0) -eq 0', 'unknown'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });

  test('reasons', () => {
    expect(show(guest(nla('(-$x)')).nla)).toMatch(/^unknown: line 1: /);
    expect(show(guest(nla("(-'x')")).nla)).toBe('unknown: line 1: negation');
    expect(show(guest(nla('(1 % 0)')).nla)).toBe('unknown: line 1: %');
    expect(show(guest(nla('(1 / 0)')).nla)).toBe('unknown: line 1: /');
    expect(show(guest(nla("(1 + 'x')")).nla)).toBe('unknown: line 1: +');
    expect(show(guest(nla('(1 -is [double])')).nla)).toBe('unknown: line 1: -is [double]');
    expect(show(guest(nla('(-not $x)')).nla)).toBe('unknown: line 1: -not of an unknown');
    expect(show(guest(nla('($x -and $true)')).nla)).toBe('unknown: line 1: -and of an unknown');
    expect(show(guest(nla('($x -or $false)')).nla)).toBe('unknown: line 1: -or of an unknown');
    expect(show(guest(nla('($x + 1)')).nla)).toBe('unknown: line 1: -+ of an unknown');
  });
});

describe('calls, parameters, members, subexpressions, registry paths', () => {
  const chain = (n: number): string[] => {
    const lines: string[] = [];
    for (let i = 1; i < n; i++) lines.push(`function F${i} { F${i + 1} }`);
    lines.push(`function F${n} { ${nla(0)} }`);
    return [nla(1), ...lines, 'F1'];
  };
  test.each<[string, string[], string]>([
    ['a named parameter binds by its own name', ['function F($a, $b) { ' + nla('$a') + ' }', 'F -b 0 -a 1'], 'on'],
    ['a named parameter then a positional one', ['function F($a, $b) { ' + nla('$b') + ' }', 'F -a 1 0'], 'off'],
    ['a positional parameter then a named one', ['function F($a, $b) { ' + nla('$a') + ' }', 'F 0 -b 1'], 'off'],
    ['calls 24 deep', chain(24), 'off'],
    ['calls 25 deep are not followed', chain(25), 'unknown'],
    ['many calls one after another', ['function F { ' + nla(0) + ' }', ...Array.from({ length: 30 }, () => 'F')], 'off'],
    ['a write inside a subexpression statement', [nla(1), '$v = $(if ($x) { ' + nla(0) + ' })'], 'unknown'],
    ['a write inside a subexpression statement that always runs', [nla(1), '$v = $(if ($true) { ' + nla(0) + ' })'], 'off'],
    ['a write in a subexpression pipeline', [nla(1), '$v = $(' + nla(0) + ')'], 'off'],
    // Bug found here: the state a statement inside $( ) or a hashtable value ended in was dropped (the write was lost).
    ['a write inside a subexpression if, else path', [nla(1), '$v = $(if ($x) { ' + nla(0) + ' } else { ' + nla(0) + ' })'], 'off'],
    ['a write in a subexpression call that returns early', ['function F { if ($x) { return }; ' + nla(0) + ' }', nla(1), '$v = $(F)'], 'unknown'],
    ['a write in a hashtable value call that returns early', ['function F { if ($x) { return }; ' + nla(0) + ' }', nla(1), '$h = @{ a = F }'], 'unknown'],
    ['a write in a hashtable value subexpression if', [nla(1), '$h = @{ a = $(if ($x) { ' + nla(0) + ' }) }'], 'unknown'],
    ['a variable assigned in a subexpression', ['$v = $($w = 0)', nla('$w')], 'off'],
    ['a variable assigned in a subexpression branch', ['$w = 1', '$v = $(if ($x) { $w = 0 })', nla('$w')], 'unknown'],
    ['a file path with a function: part is ignored', [nla(1), "Set-ItemProperty -Path 'C:\\function:x' -Name UserAuthentication -Value 0"], 'on'],
    ['a variable: path is not placed', [nla(1), "Set-ItemProperty -Path 'Variable:x' -Name UserAuthentication -Value 0"], 'unknown'],
    ['a numeric string with a minus (not 1: off)', [nla("'-1'")], 'off'],
    ['a string that ends in digits is not a number', [nla("'x1'")], 'unknown'],
    ['a string that starts with digits is not a number', [nla("'1x'")], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test.each<[string, string]>([
    ["'abc'.Length -eq 3", 'off'],
    ['@(1, 2).Count -eq 2', 'off'],
    ["'abc'.LengthX -eq 3", 'unknown'],
    ["'abc'.MyLength -eq 3", 'unknown'],
    ['@{ a = 1 }.a -eq 1', 'off'],
    ['@{ a = 1 }.b -eq $null', 'off'],
    ['(5).Foo -eq 1', 'unknown'],
  ])('member %s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });
});

describe('operators with list operands on the right', () => {
  // Bug found here: a split on a pattern that matches empty text kept the whole string ('1' -split '' is '', '1', '' in PowerShell).
  test.each<[string, string]>([
    ["'a' -like @('a', $x)", 'unknown'],
    ["'a' -match @('a', $x)", 'unknown'],
    ["('a,b' -split @($x, 2))[0] -eq 'a,b'", 'unknown'],
    ["('a,b' -split @(',', 2))[1] -eq 'b'", 'off'],
    ["('abc' -replace @('b', $x)) -eq 'ac'", 'unknown'],
    ["('abc' -replace @($x, 'c')) -eq 'ac'", 'unknown'],
    ["('abc' -replace @('b', 'x')) -eq 'axc'", 'off'],
    ["('1' -split '')[0] -eq '1'", 'unknown'],
    ["('1,2' -split ',*')[0] -eq '1'", 'unknown'],
    ['@(1, $x) -eq 1', 'unknown'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });

  test('an empty-match split never yields a known write', () => {
    expect(nlaOf(nla(0), nla("(('1' -split '')[0])"))).toBe('unknown');
  });
});

describe('a statement used as a value that ends the script', () => {
  // Bug found here: the exit path of `$v = if ($x) { <write>; exit 0 }` was dropped (read as never written).
  test.each<[string, string[], string]>([
    ['an exit inside an if used as a value', [nla(1), '$v = if ($x) { ' + nla(0) + '; exit 0 }'], 'unknown'],
    ['an exit inside a subexpression if', [nla(1), '$v = $(if ($x) { ' + nla(0) + '; exit 0 })'], 'unknown'],
    ['an exit on every path of an if used as a value', [nla(1), '$v = if ($x) { ' + nla(0) + '; exit 0 } else { ' + nla(0) + '; exit 0 }'], 'off'],
    ['a return inside an if used as a value in a function', [nla(1), 'function F { $v = if ($x) { return }; ' + nla(0) + ' }', 'F'], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});
