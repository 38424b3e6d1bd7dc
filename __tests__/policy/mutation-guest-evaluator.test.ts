/**
 * The guest-script evaluator on small hand-written PowerShell snippets (issue #20, mutation testing).
 * Each test builds its snippet and evaluates it (no renderer, no synth, no cache: `deriveGuestState`
 * over `evaluateScript`, not the memoized `guestStateOf`), and asks what a reviewer asks: is NLA on,
 * off, unknown or untouched after this script? The probe is the policy value `UserAuthentication`
 * (1 = on); the snippets mimic the renderer's forms and the hostile ones (Invoke-Expression, computed
 * values, loops, redefined commands, dead branches, catch blocks that write settings, …).
 * The security-relevant direction: a snippet whose outcome cannot be proven must never read as "on".
 */
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { GuestState, Setting } from '../../policy/guest/guest-state';
import { guest, nla, nlaOnOff as nlaOf, show, TSPOL, WS } from './guest-snippets';

describe('straight-line writes', () => {
  test.each<[string, string[], string]>([
    ['a literal 1', [nla(1)], 'on'],
    ['a literal 0', [nla(0)], 'off'],
    ['the last write wins', [nla(0), nla(1)], 'on'],
    ['the last write wins (off)', [nla(1), nla(0)], 'off'],
    ['a string "1"', [nla("'1'")], 'on'],
    ['a hex string', [nla("'0x1'")], 'on'],
    ['a variable', ['$v = 0', nla('$v')], 'off'],
    ['a variable reassigned', ['$v = 0', '$v = 1', nla('$v')], 'on'],
    ['a variable +=', ['$v = 0', '$v += 1', nla('$v')], 'on'],
    ['a variable -=', ['$v = 2', '$v -= 1', nla('$v')], 'on'],
    ['a computed value', [nla('(Get-Random -Maximum 2)')], 'unknown'],
    ['an unassigned variable', [nla('$nope')], 'unknown'],
    ['an environment variable', [nla('$env:NLA')], 'unknown'],
    ['positional arguments', [`Set-ItemProperty '${TSPOL}' 'UserAuthentication' 0`], 'off'],
    ['New-ItemProperty with -LiteralPath', [`New-ItemProperty -LiteralPath '${TSPOL}' -Name UserAuthentication -PropertyType DWord -Value 0 -Force | Out-Null`], 'off'],
    ['the alias sp and abbreviated -Val', [`sp -Path '${TSPOL}' -Name 'UserAuthentication' -Val 0`], 'off'],
    ['a two-letter abbreviation is not guessed', [`sp -Path '${TSPOL}' -Name 'UserAuthentication' -Va 0`], 'unknown'],
    ['-Value $null is unknown', [nla('$null')], 'unknown'],
    ['Remove-ItemProperty deletes it (unset)', [nla(0), `Remove-ItemProperty -Path '${TSPOL}' -Name 'UserAuthentication'`], 'unset'],
    ['Remove-Item of the key deletes it', [nla(0), `Remove-Item -Path '${TSPOL}' -Recurse -Force`], 'unset'],
    ['Remove-Item of the key, then a write', [`Remove-Item -Path '${TSPOL}'`, nla(0)], 'off'],
    ['the path with forward slashes and a trailing backslash', [`Set-ItemProperty -Path 'HKLM:/SOFTWARE/Policies/Microsoft/Windows NT/Terminal Services\\' -Name UserAuthentication -Value 0`], 'off'],
    ['the path in Registry:: form', [`Set-ItemProperty -Path 'Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -Name UserAuthentication -Value 0`], 'off'],
    ['an HKCU write does not count', [nla(1), `Set-ItemProperty -Path 'HKCU:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -Name UserAuthentication -Value 0`], 'on'],
    ['a write to a path the evaluator cannot place', [nla(1), "Set-ItemProperty -Path 'X:\\weird' -Name UserAuthentication -Value 0"], 'on'],
    ['a write to an unknown provider makes it unknown', [nla(1), "Set-ItemProperty -Path 'Foo::Bar' -Name UserAuthentication -Value 0"], 'unknown'],
    ['a computed path makes it unknown', [nla(1), 'Set-ItemProperty -Path $p -Name UserAuthentication -Value 0'], 'unknown'],
    ['a computed name makes it unknown', [nla(1), `Set-ItemProperty -Path '${TSPOL}' -Name $n -Value 0`], 'unknown'],
    ['a piped item without -Path makes it unknown', [nla(1), `Get-Item '${TSPOL}' | Set-ItemProperty -Name UserAuthentication -Value 0`], 'unknown'],
    ['no -Value is unknown', [`Set-ItemProperty -Path '${TSPOL}' -Name UserAuthentication`], 'unknown'],
    ['the listener value when no policy is set', [`Set-ItemProperty -Path '${WS}' -Name UserAuthentication -Value 0`], 'off'],
    ['the policy wins over the listener', [`Set-ItemProperty -Path '${WS}' -Name UserAuthentication -Value 0`, nla(1)], 'on'],
    ['a value that is not a number is unknown', [nla("'yes'")], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('the line and reasons are reported', () => {
    expect(show(guest('# comment', nla(0)).nla)).toBe('set false @2');
    expect(show(guest(nla("'yes'")).nla)).toBe("unknown: TSPOL\\UserAuthentication is set to 'yes', not a number");
    expect(show(guest(nla('$nope')).nla)).toBe('unknown: line 1: $nope is not assigned in the script');
    expect(show(guest(nla(1), 'Set-ItemProperty -Path $p -Name UserAuthentication -Value 0').nla)).toBe('unknown: line 2: `Set-ItemProperty` writes a registry value whose path is not known statically');
    expect(show(guest(nla(1), `Set-ItemProperty -Path '${TSPOL}' -Name $n -Value 0`).nla)).toBe('unknown: line 2: `Set-ItemProperty` writes a registry value whose name is not known statically');
    expect(show(guest(nla(1), "Set-ItemProperty -Path 'Foo::Bar' -Name X -Value 0").nla)).toBe('unknown: line 2: `Set-ItemProperty` writes to Foo::Bar, a path the evaluator cannot place');
  });
});

describe('reg.exe', () => {
  const key = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
  test.each<[string, string[], string]>([
    ['reg add /d 0', [`reg add "${key}" /v UserAuthentication /t REG_DWORD /d 0 /f`], 'off'],
    ['reg.exe add /d 1', [`reg.exe add "${key}" /v UserAuthentication /t REG_DWORD /d 1 /f`], 'on'],
    ['reg add without /d writes an empty string (not a number)', [`reg add "${key}" /v UserAuthentication /f`], 'unknown'],
    ['reg delete /v removes it', [nla(0), `reg delete "${key}" /v UserAuthentication /f`], 'unset'],
    ['reg delete of a whole key is unknown', [nla(1), `reg delete "${key}" /f`], 'unknown'],
    ['reg add of a whole key changes nothing', [nla(1), `reg add "${key}" /f`], 'on'],
    ['reg query changes nothing', [nla(1), `reg query "${key}" /v UserAuthentication`], 'on'],
    ['reg export changes nothing', [nla(1), `reg export "${key}" C:\\x.reg`], 'on'],
    ['reg import is unknown', [nla(1), 'reg import C:\\x.reg'], 'unknown'],
    ['reg add with a computed value is unknown', [nla(1), `reg add "${key}" /v UserAuthentication /d $v /f`], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('conditions', () => {
  test.each<[string, string[], string]>([
    ['if ($false) is never taken', [nla(1), 'if ($false) {', nla(0), '}'], 'on'],
    ['if ($true) is taken', [nla(1), 'if ($true) {', nla(0), '}'], 'off'],
    ['if (0) is not taken', [nla(1), 'if (0) {', nla(0), '}'], 'on'],
    ["if ('') is not taken", [nla(1), "if ('') {", nla(0), '}'], 'on'],
    ['if ($null) is not taken', [nla(1), 'if ($null) {', nla(0), '}'], 'on'],
    ['if (@()) is not taken', [nla(1), 'if (@()) {', nla(0), '}'], 'on'],
    ['if (@(0)) is not taken', [nla(1), 'if (@(0)) {', nla(0), '}'], 'on'],
    ['if (@(0, 0)) is taken', [nla(1), 'if (@(0, 0)) {', nla(0), '}'], 'off'],
    ['if (@{}) is taken', [nla(1), 'if (@{}) {', nla(0), '}'], 'off'],
    ['if (1) is taken', [nla(1), 'if (1) {', nla(0), '}'], 'off'],
    ['an unknown condition makes a differing write unknown', [nla(1), 'if ($x) {', nla(0), '}'], 'unknown'],
    ['an unknown condition with the same write stays known', [nla(1), 'if ($x) {', nla(1), '}'], 'on'],
    ['both branches agree', ['if ($x) {', nla(1), '} else {', nla(1), '}'], 'on'],
    ['both branches differ', ['if ($x) {', nla(1), '} else {', nla(0), '}'], 'unknown'],
    ['else taken when the condition is false', ['if ($false) {', nla(1), '} else {', nla(0), '}'], 'off'],
    ['elseif taken when it is true', ['if ($false) {', nla(1), '} elseif ($true) {', nla(0), '} else {', nla(1), '}'], 'off'],
    ['elseif after a true clause is skipped', ['if (1) {', nla(1), '} elseif (1) {', nla(0), '}'], 'on'],
    ['-not $false', [nla(1), 'if (-not $false) {', nla(0), '}'], 'off'],
    ['!$true', [nla(1), 'if (!$true) {', nla(0), '}'], 'on'],
    ['-not of an unknown', [nla(1), 'if (-not $x) {', nla(0), '}'], 'unknown'],
    ['$false -and unknown is false', [nla(1), 'if ($false -and $x) {', nla(0), '}'], 'on'],
    ['unknown -and $false is false', [nla(1), 'if ($x -and $false) {', nla(0), '}'], 'on'],
    ['$true -and $true', [nla(1), 'if ($true -and $true) {', nla(0), '}'], 'off'],
    ['$true -and unknown is unknown', [nla(1), 'if ($true -and $x) {', nla(0), '}'], 'unknown'],
    ['$true -or unknown is true', [nla(1), 'if ($true -or $x) {', nla(0), '}'], 'off'],
    ['unknown -or $true is true', [nla(1), 'if ($x -or $true) {', nla(0), '}'], 'off'],
    ['$false -or $false', [nla(1), 'if ($false -or $false) {', nla(0), '}'], 'on'],
    ['$false -or unknown is unknown', [nla(1), 'if ($false -or $x) {', nla(0), '}'], 'unknown'],
    ['a command as the condition is unknown', [nla(1), 'if (Test-Path C:\\x) {', nla(0), '}'], 'unknown'],
    ['an assignment as the condition', [nla(1), 'if ($a = 0) {', nla(0), '}'], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('the unknown reason names the condition line and the lines written', () => {
    expect(show(guest(nla(1), 'if ($x) {', nla(0), '}').nla)).toBe('unknown: line 1: a write under the condition on line 2 (written on line 3, 1)');
    expect(show(guest('if ($x) {', nla(0), '}').nla)).toBe('unknown: line 2: a write under the condition on line 1 (written on line 2)');
  });
});

describe('operators in conditions', () => {
  // `if (<cond>) { NLA off }` after NLA on: 'off' = the condition is true, 'on' = false, 'unknown' = cannot be told.
  test.each<[string, string]>([
    ['1 -eq 1', 'off'],
    ['1 -eq 2', 'on'],
    ["1 -eq '1'", 'off'],
    ["'A' -eq 'a'", 'off'],
    ["'a' -eq 1", 'on'],
    ["'1' -eq 1", 'off'],
    ['1 -ne 1', 'on'],
    ['1 -ne 2', 'off'],
    ["'a' -ne 'A'", 'on'],
    ["1 -ne '1'", 'on'],
    ['2 -gt 1', 'off'],
    ['1 -gt 1', 'on'],
    ['1 -ge 1', 'off'],
    ['0 -ge 1', 'on'],
    ['1 -lt 2', 'off'],
    ['2 -lt 2', 'on'],
    ['2 -le 2', 'off'],
    ['3 -le 2', 'on'],
    ["'b' -gt 'A'", 'off'],
    ["'10' -gt 9", 'on'],
    ["$true -gt 0", 'off'],
    ['$x -eq 1', 'unknown'],
    ['1 -eq $x', 'unknown'],
    ["@(1, 2, 3) -gt 1", 'off'],
    ["@(1, 2) -gt 5", 'on'],
    ['@(1, $x) -eq 1', 'unknown'],
    ["'abc' -like 'a*'", 'off'],
    ["'abc' -like 'a?c'", 'off'],
    ["'abc' -like 'b*'", 'on'],
    ["'a.c' -like 'a.c'", 'off'],
    ["'abc' -like 'a.c'", 'on'],
    ["'abc' -notlike 'b*'", 'off'],
    ["'abc' -match '^A'", 'off'],
    ["'abc' -match 'z'", 'on'],
    ["'abc' -notmatch 'z'", 'off'],
    ["'abc' -match '('", 'unknown'],
    ['$x -match 1', 'unknown'],
    ["@(1, 2) -contains 2", 'off'],
    ["@('A') -contains 'a'", 'off'],
    ["@(1, 2) -contains 3", 'on'],
    ["@(1, 2) -notcontains 3", 'off'],
    ["2 -in @(1, 2)", 'off'],
    ["3 -notin @(1, 2)", 'off'],
    ["3 -in @(1, 2)", 'on'],
    ["@(1, $x) -contains 1", 'unknown'],
    ["@('1') -contains 1", 'off'],
    ['(1 + 1) -eq 2', 'off'],
    ["('a' + 1) -eq 'a1'", 'off'],
    ["(1 + '2') -eq 3", 'off'],
    ["(@(1) + 2).Count -eq 2", 'off'],
    ["(@(1) + @(2, 3)).Count -eq 3", 'off'],
    ['($null + 2) -eq 2', 'off'],
    ['(5 - 2) -eq 3', 'off'],
    ['(2 * 3) -eq 6', 'off'],
    ['(6 / 3) -eq 2', 'off'],
    ['(7 % 3) -eq 1', 'off'],
    ["('4' * 2) -eq 8", 'off'],
    ['(1 / 0) -eq 1', 'unknown'],
    ['(1 % 0) -eq 1', 'unknown'],
    ["('a' - 1) -eq 1", 'unknown'],
    ['(-1) -eq (0 - 1)', 'off'],
    ["(-'2') -eq (0 - 2)", 'off'],
    ["(-'x') -eq 1", 'unknown'],
    ["('a', 'b' -join '-') -eq 'a-b'", 'off'],
    ["(-join @('a', 'b')) -eq 'ab'", 'off'],
    ["(('a-b-c' -split '-').Count) -eq 3", 'off'],
    ["(('a-b-c' -split '-', 2).Count) -eq 2", 'off'],
    ["(('a-b-c' -split '-', 2)[1]) -eq 'b-c'", 'off'],
    ["(('abc' -split '(').Count) -eq 1", 'unknown'],
    ["('abc' -replace 'b', 'x') -eq 'axc'", 'off'],
    ["('aBc' -replace 'b') -eq 'ac'", 'off'],
    ["('abc' -replace '(b)', '[$1]') -eq 'a[b]c'", 'off'],
    ["('abc' -replace '(', 'x') -eq 'abc'", 'unknown'],
    ['(1 -is [int])', 'off'],
    ["('1' -is [int])", 'on'],
    ["('1' -is [string])", 'off'],
    ['($true -is [bool])', 'off'],
    ['(@(1) -is [array])', 'off'],
    ['(@{} -is [hashtable])', 'off'],
    ['(1 -isnot [string])', 'off'],
    ['($x -is [int])', 'unknown'],
    ['(1 -is [datetime])', 'unknown'],
    ["'ABC'.ToLower() -ceq 'abc'", 'unknown'],
    ["'A' -cne 'a'", 'unknown'],
    ["'A' -clike 'a'", 'unknown'],
    ["'A' -ine 'a'", 'on'],
    ["'A' -ieq 'a'", 'off'],
    ["@('A') -icontains 'a'", 'off'],
    ["@('A') -ccontains 'a'", 'unknown'],
    ["'ABC'.ToLower() -eq 'abc'", 'off'],
    ["('abc'.ToUpper()) -eq 'ABC'", 'off'],
    ["(' a '.Trim()).Length -eq 1", 'off'],
    ["('abc'.Length) -eq 3", 'off'],
    ["(@(1, 2).Count) -eq 2", 'off'],
    ["(@(1, 2).Contains(2))", 'off'],
    ["(@(1, 2).Contains(3))", 'on'],
    ["(@{ a = 1 }.ContainsKey('A'))", 'off'],
    ["(@{ a = 1 }.ContainsKey('b'))", 'on'],
    ["('abc'.Substring(1)) -eq 'bc'", 'unknown'],
    ['($x.Name) -eq 1', 'unknown'],
    ["([int]'2') -eq 2", 'off'],
    ["([int]'x') -eq 2", 'unknown'],
    ["([string]2) -eq '2'", 'off'],
    ["([bool]'') -eq $false", 'off'],
    ["([datetime]'2020-01-01') -eq 1", 'unknown'],
    ["(@(1, 2)[-1]) -eq 2", 'off'],
    ["(@(1, 2)[5]) -eq $null", 'off'],
    ["(@{ a = 3 }['A']) -eq 3", 'off'],
    ["(@{ a = 3 }.a) -eq 3", 'off'],
    ["(@{ a = 3 }['b']) -eq $null", 'off'],
  ])('%s', (cond, expected) => {
    expect(nlaOf(nla(1), `if (${cond}) {`, nla(0), '}')).toBe(expected);
  });
});

describe('loops', () => {
  test.each<[string, string[], string]>([
    ['a loop over known values: the last value', ['foreach ($v in @(1, 0)) {', nla('$v'), '}'], 'off'],
    ['a loop over known values: the last value (on)', ['foreach ($v in @(0, 1)) {', nla('$v'), '}'], 'on'],
    ['a loop over one scalar', ['foreach ($v in 0) {', nla('$v'), '}'], 'off'],
    ['a loop over nothing writes nothing', [nla(1), 'foreach ($v in @()) {', nla(0), '}'], 'on'],
    ['a loop over $null writes nothing', [nla(1), 'foreach ($v in $null) {', nla(0), '}'], 'on'],
    ['a loop over computed values', [nla(1), 'foreach ($v in (Get-ChildItem)) {', nla(0), '}'], 'unknown'],
    ['a loop over computed values writing the same', [nla(1), 'foreach ($v in (Get-ChildItem)) {', nla(1), '}'], 'on'],
    ['a loop whose body writes the loop variable', [nla(1), 'foreach ($v in $items) {', nla('$v'), '}'], 'unknown'],
    ['a loop over computed values that reads its own earlier writes', [nla(1), '$n = 1', 'foreach ($v in $items) {', nla('$n'), '$n = 0', '}'], 'unknown'],
    ['a loop over more than 64 values is not unrolled', [nla(1), `foreach ($v in @(${Array.from({ length: 65 }, () => '1').join(', ')})) {`, nla('$v'), '$x = 0', '}', nla('$x')], 'unknown'],
    ['a loop over 64 values is unrolled', [nla(1), `foreach ($v in @(${Array.from({ length: 64 }, () => '1').join(', ')})) {`, '$x = 0', '}', nla('$x')], 'off'],
    ['break on some iterations', ['foreach ($v in @(0, 1)) {', nla('$v'), 'if ($x) { break }', '}'], 'unknown'],
    ['break on a known iteration', ['foreach ($v in @(0, 1)) {', nla('$v'), 'if ($v -eq 0) { break }', '}'], 'off'],
    ['a while loop is not evaluated', [nla(1), 'while ($true) {', nla(0), '}'], 'unknown'],
    ['a for loop is not evaluated', [nla(1), 'for ($i = 0; $i -lt 2; $i++) {', nla(0), '}'], 'unknown'],
    ['ForEach-Object over piped values', [nla(1), '@(1, 2) | ForEach-Object {', nla(0), '}'], 'unknown'],
    ['Where-Object with a block that writes', [nla(1), `Get-ChildItem | Where-Object { ${nla(0)}; $true }`], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('commands that can run anything', () => {
  test.each<[string, string]>([
    ['Invoke-Expression', "Invoke-Expression 'whoami'"],
    ['iex', "iex 'whoami'"],
    ['a computed command name', "& $cmd"],
    ['Start-Process', 'Start-Process notepad'],
    ['cmd.exe /c', 'cmd.exe /c whoami'],
    ['powershell -EncodedCommand', 'powershell -EncodedCommand SQBFAFgA'],
    ['a program by path', 'C:\\tools\\harden.exe'],
    ['a program by extension', 'tool.bat'],
    ['a program run with &', "& 'C:\\tools\\harden.exe' /quiet"],
    ['dot-sourcing a script', '. .\\more.ps1'],
    ['Set-Alias', 'Set-Alias Set-ItemProperty Write-Host'],
    ['Import-Module', 'Import-Module .\\m.psm1'],
    ['a function: drive assignment', '${function:Set-Foo} = { }'],
    ['an alias: drive assignment', '${alias:sp} = 1'],
    ['Remove-Item of a function', 'Remove-Item function:Set-ItemProperty'],
    ['a script block invoked with &', `& { ${nla(0)} }`],
    ['a script block invoked with .', `. { if ($x) { ${nla(0)} } }`],
    ['a registry write through a .NET method', "[Microsoft.Win32.Registry]::SetValue('HKEY_LOCAL_MACHINE\\X', 'UserAuthentication', 0)"],
    ['a WMI method', '$ts.SetUserAuthenticationRequired(0)'],
    ['a scriptblock created from text', "[scriptblock]::Create('x')"],
    ['a function shadowing Set-ItemProperty', 'function Set-ItemProperty { }'],
    ['a function shadowing net', 'function net { }'],
    ['a function shadowing reg.exe', 'function reg.exe { }'],
    ['a do loop', 'do { $x = 1 } while ($false)'],
    ['a switch', 'switch ($x) { 1 { } }'],
    ['Set-Variable with a computed name', 'Set-Variable -Name $n -Value 0'],
  ])('%s after a secure write makes NLA unknown', (_label, line) => {
    expect(nlaOf(nla(1), line)).toBe('unknown');
  });

  test.each<[string, string]>([
    ['Write-Host', "Write-Host 'hello'"],
    ['a harmless program', 'whoami.exe'],
    ['a harmless program by path', 'C:\\Windows\\System32\\whoami.exe'],
    ['Out-Null in a pipeline', "'x' | Out-Null"],
    ['a type method that only creates an object', "$s = [System.Text.StringBuilder]::Create('x')"],
    ['a firewall change (the registry is not touched)', 'Set-NetFirewallSetting -Foo 1'],
    ['secedit /export', 'secedit /export /cfg C:\\x.inf'],
    ['net user', 'net user bob /add'],
    ['a harmless function', 'function Get-Thing { return 1 }'],
    ['a string method', "$l = 'ABC'.ToLower()"],
    ['a filter definition', 'filter Foo { }'],
  ])('%s after a secure write keeps NLA on', (_label, line) => {
    expect(nlaOf(nla(1), line)).toBe('on');
  });

  test('the reason names the line and the command', () => {
    expect(show(guest(nla(1), "Invoke-Expression 'x'").nla)).toBe('unknown: line 2: `Invoke-Expression` can run arbitrary code or change settings the evaluator does not follow');
    expect(show(guest(nla(1), 'C:\\tools\\h.exe').nla)).toBe('unknown: line 2: runs C:\\tools\\h.exe, a program the evaluator does not follow');
    expect(show(guest(nla(1), 'function Set-ItemProperty { }').nla)).toBe('unknown: line 2: the script defines a function named Set-ItemProperty, shadowing a command');
    expect(show(guest(nla(1), '. .\\more.ps1').nla)).toBe('unknown: line 2: dot-sources more.ps1');
    expect(show(guest(nla(1), '& $cmd').nla)).toBe('unknown: line 2: runs a command whose name is computed');
    expect(show(guest(nla(1), '${function:Foo} = 1').nla)).toBe('unknown: line 2: `$function:Foo` redefines a command');
    expect(show(guest(nla(1), 'Remove-Item alias:ls').nla)).toBe('unknown: line 2: `Remove-Item` removes a command');
    expect(show(guest(nla(1), '$ts.SetSecurityLayer(0)').nla)).toBe('unknown: `.SetSecurityLayer(…)` may write settings or run code the evaluator does not follow');
    expect(show(guest(nla(1), 'while ($true) { }').nla)).toBe('unknown: line 2: `while ( $true ) { }` (while) is not evaluated');
    expect(show(guest(nla(1), 'Remove-Item -Path $p').nla)).toBe('unknown: line 2: `Remove-Item` removes an item whose path is computed (it could be a registry key)');
  });

  test('a firewall change the evaluator does not follow makes the firewall unknown, not the registry', () => {
    const g = guest(nla(1), 'New-NetFirewallRule -Name a -LocalPort 1 -Protocol TCP', 'Set-NetFirewallSetting -Foo 1');
    expect(show(g.firewall)).toBe('unknown: line 3: `Set-NetFirewallSetting` changes the firewall in a way the evaluator does not follow');
    expect(show(g.firewallProfilesEnabled)).toMatch(/^unknown: line 3/);
    expect(show(g.defaultRdpRulesDisabled)).toMatch(/^unknown: line 3/);
    expect(show(g.nla)).toBe('set true @1');
  });

  test('secedit /configure makes the lockout unknown', () => {
    expect(show(guest('net accounts /lockoutthreshold:5', 'secedit /configure /db x.sdb /cfg x.inf').lockoutThreshold)).toBe('unknown: line 2: `secedit /configure` applies a security template the evaluator does not read');
    expect(show(guest('net accounts /lockoutthreshold:5', 'secedit.exe /import /db x.sdb /cfg x.inf').lockoutThreshold)).toMatch(/^unknown: line 2/);
    expect(show(guest('net accounts /lockoutthreshold:5', 'secedit /export /cfg x.inf').lockoutThreshold)).toBe('set 5 @1');
  });
});

describe('flow: exit, throw, return', () => {
  test.each<[string, string[], string]>([
    ['a write after exit 0 does not run', [nla(1), 'exit 0', nla(0)], 'on'],
    ['a write after exit does not run', [nla(1), 'exit', nla(0)], 'on'],
    ['a path that exits 1 is a failed run', [nla(1), 'if ($x) {', nla(0), 'exit 1', '}'], 'on'],
    ['a path that throws is a failed run', [nla(1), 'if ($x) {', nla(0), "throw 'no'", '}'], 'on'],
    ['exit with a computed code is a normal end', [nla(1), 'if ($x) {', nla(0), 'exit $code', '}'], 'unknown'],
    ['a path that exits 0 counts', [nla(1), 'if ($x) {', nla(0), 'exit 0', '}'], 'unknown'],
    ['return at script level ends the script', [nla(1), 'if ($x) {', nla(0), 'return', '}', nla(1)], 'unknown'],
    ['break at script level ends the script', [nla(0), 'if ($x) {', 'break', '}', nla(1)], 'unknown'],
    ['continue at script level ends the script', [nla(0), 'if ($true) {', 'continue', '}', nla(1)], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('a script whose every path fails completes nowhere and sets nothing', () => {
    const g = guest(nla(0), "throw 'x'");
    expect([g.completes, show(g.nla), g.touchesRdp]).toEqual([false, 'unset', false]);
    const e = guest(nla(0), 'exit 2');
    expect([e.completes, show(e.nla)]).toEqual([false, 'unset']);
  });

  test('a script PowerShell cannot parse applies nothing', () => {
    const g = guest(nla(0), "Write-Host 'open");
    expect([g.completes, show(g.nla), g.syntaxErrors]).toEqual([false, 'unset', ['line 2: the string is not terminated']]);
    expect(evaluateScript(`${nla(0)}\n}`).syntaxErrors).toEqual(['line 2: `}` closes nothing']);
    expect(evaluateScript(`${nla(0)}\nif ($x) {`).syntaxErrors).toEqual(['line 2: `{` is never closed']);
    expect(evaluateScript('$a = @(1]').syntaxErrors).toEqual(['line 1: `]` closes `@(` of line 1']);
  });
});

describe('try / catch / finally', () => {
  test.each<[string, string[], string]>([
    ['the try body counts when it passes', ['try {', nla(1), '} catch {', 'exit 1', '}'], 'on'],
    ['a catch that writes a setting makes it unknown', ['try {', nla(1), '} catch {', nla(0), '}'], 'unknown'],
    ['a catch that writes a setting and exits 1 still makes it unknown', ['try {', nla(1), '} catch {', nla(0), 'exit 1', '}'], 'unknown'],
    ['a catch that writes a setting and throws still makes it unknown', ['try {', nla(1), '} catch {', nla(0), 'throw', '}'], 'unknown'],
    ['a catch that goes on: the setting may be unwritten', ['try {', nla(1), '} catch {', "Write-Host 'failed'", '}'], 'unknown'],
    ['a catch that goes on before any write: the earlier value', [nla(1), 'try {', "Write-Host 'x'", '} catch {', "Write-Host 'failed'", '}'], 'on'],
    ['a catch that marks the run failed and exits 1 later', ['$failed = $false', 'try {', nla(1), '} catch {', '$failed = $true', '}', 'if ($failed) { exit 1 }'], 'on'],
    ['a catch that marks the run failed but the script goes on', ['$failed = $false', 'try {', nla(1), '} catch {', '$failed = $true', '}', 'if ($failed) { Write-Host x }'], 'unknown'],
    ['the finally block runs on the pass', ['try {', nla(1), '} finally {', nla(0), '}'], 'off'],
    ['the finally block runs after a catch that goes on', ['try {', nla(1), '} catch {', "Write-Host 'x'", '} finally {', nla(0), '}'], 'off'],
    ['a write after try/catch runs on every path', ['try {', "Write-Host 'x'", '} catch {', "Write-Host 'y'", '}', nla(0)], 'off'],
    ['an exit in finally ends the script', ['try {', nla(1), '} finally {', 'exit 0', '}', nla(0)], 'on'],
    ['a return inside try at script level', ['try {', nla(1), 'return', '} finally {', "Write-Host 'x'", '}', nla(0)], 'on'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('the reasons name the try line', () => {
    expect(show(guest('try {', nla(1), '} catch {', nla(0), '}').nla)).toBe('unknown: line 1: a catch block changes settings that a failed run would leave behind');
    expect(show(guest('try {', nla(1), '} catch {', "Write-Host 'failed'", '}').nla)).toBe('unknown: line 2: the script ends on several paths (written on line 2)');
    expect(show(guest('try {', nla(1), '} catch {', "Write-Host 'failed'", '}', nla(1)).nla)).toBe('set true @6');
  });

  test('a long run of try/catch statements is walked in bounded time and stays sound', () => {
    // Each catch path runs the rest of the block on its own; past 256 such walks (2^8) they are merged instead.
    const lines = [nla(1)];
    for (let i = 0; i < 10; i++) lines.push('try {', "Write-Host 'x'", '} catch {', "Write-Host 'y'", '}');
    expect(nlaOf(...lines, nla(0))).toBe('off');
    expect(nlaOf(...lines)).toBe('on');
    const writes = [];
    for (let i = 0; i < 10; i++) writes.push('try {', nla(i % 2), '} catch {', "Write-Host 'y'", '}');
    expect(nlaOf(...writes)).toBe('unknown');
    const failed = ['$failed = $false'];
    for (let i = 0; i < 10; i++) failed.push('try {', nla(1), '} catch {', '$failed = $true', '}');
    // 7 catch paths are followed one by one: a later write in a try whose catch fails the run is known.
    expect(show(guest(...failed.slice(0, 36), 'try {', nla(0), '} catch { $failed = $true }', 'if ($failed) { exit 1 }').nla)).toBe('set false @38');
    // Past the budget the catch paths are merged: the write is unknown, never guessed.
    expect(show(guest(...failed, 'try {', nla(0), '} catch { $failed = $true }', 'if ($failed) { exit 1 }').nla)).toBe('unknown: line 53: more paths through catch blocks than are followed one by one (written on line 53)');
  });
});

describe('functions the script defines', () => {
  test.each<[string, string[], string]>([
    ['a function that writes', ['function Set-Nla { ' + nla(0) + ' }', 'Set-Nla'], 'off'],
    ['a function defined but never called writes nothing', [nla(1), 'function Set-Nla { ' + nla(0) + ' }'], 'on'],
    ['a parameter by position', ['function Set-Nla($v) { ' + nla('$v') + ' }', 'Set-Nla 0'], 'off'],
    ['a parameter by name', ['function Set-Nla($v) { ' + nla('$v') + ' }', 'Set-Nla -v 0'], 'off'],
    ['a parameter by abbreviated name', ['function Set-Nla($Value) { ' + nla('$Value') + ' }', 'Set-Nla -Val 0'], 'off'],
    ['a parameter default', ['function Set-Nla($v = 0) { ' + nla('$v') + ' }', 'Set-Nla'], 'off'],
    // Was read as one parameter whose default is the array `1, $b`: $b then read the script's 1 ("on").
    ['a parameter default followed by another parameter', ['$b = 1', 'function F($a = 1, $b) { ' + nla('$b') + ' }', 'F 5 0'], 'off'],
    ['a missing parameter is $null (not a number: unknown)', ['function Set-Nla($v) { ' + nla('([string]$v)') + ' }', 'Set-Nla'], 'unknown'],
    ['a typed parameter is cast', ['function Set-Nla([int]$v) { ' + nla('$v') + ' }', "Set-Nla '0'"], 'off'],
    ['a param() block', ['function Set-Nla {', 'param([int]$v)', nla('$v'), '}', 'Set-Nla 0'], 'off'],
    ['a [CmdletBinding()] param() block', ['function Set-Nla {', '[CmdletBinding()]', 'param([Parameter(Mandatory)][int]$v)', nla('$v'), '}', 'Set-Nla -v 0'], 'off'],
    ['$args holds the extra arguments', ['function Set-Nla { ' + nla('$args[0]') + ' }', 'Set-Nla 0'], 'off'],
    ['locals do not leak', ['$v = 1', 'function F { $v = 0 }', 'F', nla('$v')], 'on'],
    ['$script: writes leak', ['$v = 1', 'function F { $script:v = 0 }', 'F', nla('$v')], 'off'],
    ['$global: writes leak', ['$v = 1', 'function F { $global:v = 0 }', 'F', nla('$global:v')], 'off'],
    ['a function reads the script variables', ['$v = 0', 'function F { ' + nla('$v') + ' }', 'F'], 'off'],
    ['a return value', ['function Get-V { return 0 }', nla('(Get-V)')], 'off'],
    ['a return value assigned', ['function Get-V { return 0 }', '$v = Get-V', nla('$v')], 'off'],
    ['two return values are unknown', ['function Get-V { if ($x) { return 0 }; return 1 }', nla('(Get-V)')], 'unknown'],
    ['an early return on some paths', ['function F { if ($x) { return }; ' + nla(0) + ' }', nla(1), 'F'], 'unknown'],
    ['a function that always throws ends the run', [nla(1), "function F { throw 'x' }", 'if ($x) { F; ' + nla(0) + ' }'], 'on'],
    ['a function that always throws: no path completes', [nla(1), "function F { throw 'x' }", 'F'], 'unset'],
    ['a function that exits 0 ends the script', [nla(1), 'function F { exit 0 }', 'F', nla(0)], 'on'],
    ['a function that exits on some paths', [nla(1), 'function F { if ($x) { exit 0 } }', 'F', nla(0)], 'unknown'],
    ['a function redefined later is called in its new form', ['function F { ' + nla(1) + ' }', 'function F { ' + nla(0) + ' }', 'F'], 'off'],
    ['a function defined differently on two paths', ['if ($x) { function F { ' + nla(1) + ' } } else { function F { ' + nla(0) + ' } }', 'F'], 'unknown'],
    ['recursion', [nla(1), 'function F { F }', 'F'], 'unknown'],
    ['function names are case-insensitive', ['function Set-Nla { ' + nla(0) + ' }', 'set-nla'], 'off'],
    ['a function with a scope prefix', ['function script:Set-Nla { ' + nla(0) + ' }', 'Set-Nla'], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('recursion is reported', () => {
    expect(show(guest(nla(1), 'function F { F }', 'F').nla)).toBe('unknown: line 2: calls nest deeper than 24 (recursion)');
  });
});

describe('values', () => {
  test.each<[string, string[], string]>([
    ['a double-quoted string with a variable', ['$v = 0', nla('"$v"')], 'off'],
    ['a double-quoted string with ${}', ['$v = 0', nla('"${v}"')], 'off'],
    ['a double-quoted string with $()', [nla('"$(1 - 1)"')], 'off'],
    ['a double-quoted string with a computed $()', [nla('"$(Get-Random)"')], 'unknown'],
    ['a double-quoted string with an unknown variable', [nla('"$nope"')], 'unknown'],
    ['a double-quoted string with an escaped $', ['$v = 1', `Set-ItemProperty -Path '${TSPOL}' -Name "\`$v" -Value 0`, nla('$v')], 'on'],
    ['a path in a variable, expanded', ["$p = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT'", 'Set-ItemProperty -Path "$p\\Terminal Services" -Name UserAuthentication -Value 0'], 'off'],
    ['a path joined with +', ["$p = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT'", "Set-ItemProperty -Path ($p + '\\Terminal Services') -Name UserAuthentication -Value 0"], 'off'],
    ['a hashtable entry', ['$h = @{ nla = 0 }', nla('$h.nla')], 'off'],
    ['a hashtable entry by index', ["$h = @{ 'nla' = 0 }", nla("$h['NLA']")], 'off'],
    ['a hashtable entry set later', ['$h = @{ nla = 1 }', '$h.nla = 0', nla('$h.nla')], 'off'],
    ['a hashtable entry set by index', ['$h = @{}', "$h['nla'] = 0", nla('$h.nla')], 'off'],
    ['a hashtable entry added to', ['$h = @{ nla = -1 }', "$h['nla'] += 1", nla('$h.nla')], 'off'],
    ['a hashtable entry set by a computed key', ['$h = @{ nla = 0 }', '$h[$k] = 1', nla('$h.nla')], 'unknown'],
    ['a hashtable with a computed key', ['$h = @{ $k = 1; nla = 0 }', nla('$h.nla')], 'unknown'],
    ['an array element', ['$a = @(1, 0)', nla('$a[1]')], 'off'],
    ['an array element from the end', ['$a = @(1, 0)', nla('$a[-1]')], 'off'],
    ['an array element at a computed index', ['$a = @(0, 0)', nla('$a[$i]')], 'unknown'],
    ['an index into a computed value', [nla('$x[0]')], 'unknown'],
    ['a cast target', ['[int]$v = "0"', nla('$v')], 'off'],
    ['a [string] cast of a number', [nla("([string]0)")], 'off'],
    ['a [bool] cast', [nla('([int][bool]0)')], 'off'],
    ['a [byte] cast', [nla("([byte]'0')")], 'off'],
    ['an [int64] cast', [nla("([int64]'0')")], 'off'],
    ['a [long] cast', [nla("([long]'0')")], 'off'],
    ['a [uint32] cast', [nla("([uint32]'0')")], 'off'],
    ['an [int32] cast', [nla("([int32]'0')")], 'off'],
    ['a [System.Int32] cast', [nla("([System.Int32]'0')")], 'off'],
    ['a [boolean] cast', [nla('([int][boolean]1)')], 'on'],
    ['a [switch] cast', [nla('([int][switch]1)')], 'on'],
    ['an [int[]] cast', [nla("([int[]]@('0'))[0]")], 'off'],
    ['a [string[]] cast', [nla('([string[]]@(0))[0]')], 'off'],
    ['an [array] cast', [nla('([array]0)[0]')], 'off'],
    ['an [object[]] cast', [nla('([object[]]0)[0]')], 'off'],
    ['a [void] cast is $null (no value)', [nla('([void]1)')], 'unknown'],
    ['a [hashtable] cast', [nla('([hashtable]@{ a = 0 }).a')], 'off'],
    ['an [ordered] cast', [nla('([ordered]@{ a = 0 }).a')], 'off'],
    ['a [psobject] cast', [nla('([psobject]0)')], 'off'],
    ['an [object] cast', [nla('([object]0)')], 'off'],
    ['a cast of an unknown', [nla('([int]$nope)')], 'unknown'],
    ['an unknown type cast', [nla("([version]'0')")], 'unknown'],
    ['a type literal', [nla('[int]')], 'unknown'],
    ['a subexpression', [nla('$(0)')], 'off'],
    ['a subexpression with two values', [nla('$(0; 1)')], 'unknown'],
    ['a subexpression with an assignment', [nla('$($v = 1; 0)')], 'off'],
    ['a subexpression with a statement', [nla('$(if ($true) { 0 })')], 'unknown'],
    ['a unary plus', [nla('(+0)')], 'off'],
    ['the array operator on a scalar', [nla('@(0)[0]')], 'off'],
    ['a script block is not a value', [nla('{ 0 }')], 'unknown'],
    ['Set-Variable', ['Set-Variable -Name v -Value 0', nla('$v')], 'off'],
    ['Set-Variable by position', ['Set-Variable v 0', nla('$v')], 'off'],
    ['Set-Variable without a value sets $null', ['$v = 0', 'Set-Variable -Name v', nla('([int]$v)')], 'off'],
    ['the pipeline value of an expression', [nla('(0 | Out-Null)')], 'unknown'],
    ['a value from a command', ['$v = Get-ItemPropertyValue -Path x -Name y', nla('$v')], 'unknown'],
    ['a switch parameter with a value after it', [`Set-ItemProperty -Path '${TSPOL}' -Name UserAuthentication -Force -Value 0`], 'off'],
    ['a named parameter followed by its value', [`Set-ItemProperty -Path '${TSPOL}' -Name UserAuthentication -Value: 0`], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('net accounts', () => {
  const lockout = (...lines: string[]): string[] => {
    const g = guest(...lines);
    return [show(g.lockoutThreshold), show(g.lockoutDurationMinutes), show(g.lockoutResetMinutes)];
  };
  test.each<[string, string[], string[]]>([
    ['each switch', ['net accounts /lockoutthreshold:5 /lockoutduration:15 /lockoutwindow:30'], ['set 5 @1', 'set 15 @1', 'set 30 @1']],
    ['net.exe and upper case', ['net.exe ACCOUNTS /LockoutThreshold:3'], ['set 3 @1', 'unset', 'unset']],
    ['/lockoutduration:never is 0', ['net accounts /lockoutduration:never'], ['unset', 'set 0 @1', 'unset']],
    ['a value that is not a number', ['net accounts /lockoutthreshold:lots'], ['unknown: line 1: net accounts /lockoutthreshold:lots', 'unset', 'unset']],
    ['other net commands change nothing', ['net user bob /add', 'net stop termservice'], ['unset', 'unset', 'unset']],
    ['a computed argument to net accounts', ['net accounts $arg'], ['unknown: line 1: `net accounts` with computed arguments', 'unknown: line 1: `net accounts` with computed arguments', 'unknown: line 1: `net accounts` with computed arguments']],
    ['a computed argument to net user changes nothing', ['net user $name'], ['unset', 'unset', 'unset']],
    ['the last write wins', ['net accounts /lockoutthreshold:10', 'net accounts /lockoutthreshold:4'], ['set 4 @2', 'unset', 'unset']],
    ['a switch in an expanded string', ['$n = 7', 'net accounts "/lockoutthreshold:$n"'], ['set 7 @2', 'unset', 'unset']],
    ['other switches are ignored', ['net accounts /minpwlen:14 /forcelogoff:no'], ['unset', 'unset', 'unset']],
  ])('%s', (_label, lines, expected) => {
    expect(lockout(...lines)).toEqual(expected);
  });
});

describe('the guest firewall', () => {
  const fw = (...lines: string[]): string => show(guest(...lines).firewall);
  test.each<[string, string[], string]>([
    ['a rule with defaults', ['New-NetFirewallRule -Name r1'], 'set [{"name":"r1","protocol":"any","ports":"any","sources":["Any"],"line":1}] @1'],
    ['a TCP rule on a port from a list', ["New-NetFirewallRule -Name r1 -Direction Inbound -Action Allow -Protocol TCP -LocalPort 43389 -RemoteAddress @('10.0.0.0/8', '192.0.2.1')"], 'set [{"name":"r1","protocol":"tcp","ports":[43389],"sources":["10.0.0.0/8","192.0.2.1"],"line":1}] @1'],
    ['protocol numbers and a port range', ["New-NetFirewallRule -Name r1 -Protocol 17 -LocalPort '10-12' -RemoteAddress '1.1.1.1,2.2.2.2'"], 'set [{"name":"r1","protocol":"udp","ports":[10,11,12],"sources":["1.1.1.1","2.2.2.2"],"line":1}] @1'],
    ['protocol 6 and comma ports', ["New-NetFirewallRule -Name r1 -Protocol 6 -LocalPort '1,2'"], 'set [{"name":"r1","protocol":"tcp","ports":[1,2],"sources":["Any"],"line":1}] @1'],
    ['another protocol', ['New-NetFirewallRule -Name r1 -Protocol ICMPv4 -LocalPort Any'], 'set [{"name":"r1","protocol":"icmpv4","ports":"any","sources":["Any"],"line":1}] @1'],
    ['a display name only', ["New-NetFirewallRule -DisplayName 'R 1' -LocalPort 5"], 'set [{"name":"R 1","protocol":"any","ports":[5],"sources":["Any"],"line":1}] @1'],
    ['no name', ['New-NetFirewallRule -LocalPort 5'], 'set [{"name":"rule on line 1","protocol":"any","ports":[5],"sources":["Any"],"line":1}] @1'],
    ['an outbound rule is not an allow', ['New-NetFirewallRule -Name r1 -Direction Outbound'], 'set [] @0'],
    ['a block rule is not an allow', ['New-NetFirewallRule -Name r1 -Action Block'], 'set [] @0'],
    ['a disabled rule is not an allow', ['New-NetFirewallRule -Name r1 -Enabled False'], 'set [] @0'],
    ['-Enabled yes', ['New-NetFirewallRule -Name r1 -Enabled yes'], 'set [{"name":"r1","protocol":"any","ports":"any","sources":["Any"],"line":1}] @1'],
    ['-Direction In', ['New-NetFirewallRule -Name r1 -Direction In -Enabled 1'], 'set [{"name":"r1","protocol":"any","ports":"any","sources":["Any"],"line":1}] @1'],
    ['a removed rule', ['New-NetFirewallRule -Name r1', 'Remove-NetFirewallRule -Name r1'], 'set [] @0'],
    ['a disabled rule', ['New-NetFirewallRule -Name r1', 'Disable-NetFirewallRule -Name r1'], 'set [] @0'],
    ['a rule disabled then enabled', ['New-NetFirewallRule -Name r1 -Enabled False', 'Enable-NetFirewallRule -Name r1'], 'set [{"name":"r1","protocol":"any","ports":"any","sources":["Any"],"line":2}] @2'],
    ['Set-NetFirewallRule changes the port and the sources', ['New-NetFirewallRule -Name r1 -LocalPort 1', "Set-NetFirewallRule -Name r1 -LocalPort 2 -RemoteAddress '3.3.3.3' -Protocol UDP -Direction Inbound -Action Allow -Enabled True"], 'set [{"name":"r1","protocol":"udp","ports":[2],"sources":["3.3.3.3"],"line":2}] @2'],
    ['Set-NetFirewallRule on a rule the script did not create', ['Set-NetFirewallRule -Name other -Enabled True'], 'unknown: firewall rule other (line 1): its direction, action or state is not known statically'],
    ['Set-NetFirewallRule on piped rules', ['Get-NetFirewallRule | Set-NetFirewallRule -Enabled True'], 'unknown: line 1: `Set-NetFirewallRule` changes firewall rules chosen at run time'],
    ['Enable-NetFirewallRule with a computed name', ['Enable-NetFirewallRule -Name $n'], 'unknown: line 1: `Enable-NetFirewallRule` changes firewall rules chosen at run time'],
    ['the Remote Desktop group enabled', ["Enable-NetFirewallRule -DisplayGroup 'Remote Desktop'"], 'set [{"name":"Remote Desktop (built-in group)","protocol":"tcp","ports":[3389],"sources":["Any"],"line":1}] @1'],
    ['the Remote Desktop group disabled', ["Disable-NetFirewallRule -DisplayGroup 'Remote Desktop'"], 'set [] @0'],
    ['the Remote Desktop group removed', ["Enable-NetFirewallRule -DisplayGroup 'Remote Desktop'", "Remove-NetFirewallRule -DisplayGroup 'Remote Desktop'"], 'set [] @0'],
    ['the Remote Desktop group set', ["Set-NetFirewallRule -Group 'Remote Desktop' -Enabled True"], 'unknown: firewall rule Remote Desktop (built-in group) (line 1): its direction, action or state is not known statically'],
    ['another group changed by display name', ["Enable-NetFirewallRule -DisplayGroup 'File and Printer Sharing'"], 'unknown: line 1: `Enable-NetFirewallRule` changes firewall rules chosen at run time'],
    ['a computed port', ['New-NetFirewallRule -Name r1 -LocalPort $p'], 'unknown: firewall rule r1 (line 1): its local port is not known statically'],
    ['a computed protocol', ['New-NetFirewallRule -Name r1 -Protocol $p'], 'unknown: firewall rule r1 (line 1): its protocol is not known statically'],
    ['a computed source', ['New-NetFirewallRule -Name r1 -RemoteAddress $s'], 'unknown: firewall rule r1 (line 1): its remote addresses are not known statically'],
    ['a computed state', ['New-NetFirewallRule -Name r1 -Enabled $e'], 'unknown: firewall rule r1 (line 1): its direction, action or state is not known statically'],
    ['a computed direction', ['New-NetFirewallRule -Name r1 -Direction $d'], 'unknown: firewall rule r1 (line 1): its direction, action or state is not known statically'],
    ['a computed action', ['New-NetFirewallRule -Name r1 -Action $a'], 'unknown: firewall rule r1 (line 1): its direction, action or state is not known statically'],
    ['a port that cannot be read', ["New-NetFirewallRule -Name r1 -LocalPort 'RPC'"], 'unknown: firewall rule r1 (line 1): its local port RPC cannot be read'],
    ['a port range too wide', ["New-NetFirewallRule -Name r1 -LocalPort '0-70001'"], 'unknown: firewall rule r1 (line 1): its port range is too wide'],
    ['-Enabled that only ends in a true word is not enabled', ['New-NetFirewallRule -Name r1 -Enabled NotTrue'], 'set [] @0'],
    ['-Enabled that only starts with a true word is not enabled', ['New-NetFirewallRule -Name r1 -Enabled Yesterday'], 'set [] @0'],
    ['-Direction that only ends in In is not inbound', ['New-NetFirewallRule -Name r1 -Direction Within'], 'set [] @0'],
    ['-Direction that only starts with In is not inbound', ['New-NetFirewallRule -Name r1 -Direction Inside'], 'set [] @0'],
    ['-Action that only ends in Allow is not an allow', ['New-NetFirewallRule -Name r1 -Action Disallow'], 'set [] @0'],
    ['-Action that only starts with Allow is not an allow', ['New-NetFirewallRule -Name r1 -Action Allowed'], 'set [] @0'],
    ['sources with spaces after the commas', ["New-NetFirewallRule -Name r1 -RemoteAddress '1.1.1.1, 2.2.2.2'"], 'set [{"name":"r1","protocol":"any","ports":"any","sources":["1.1.1.1","2.2.2.2"],"line":1}] @1'],
    ['ports with spaces after the commas', ['New-NetFirewallRule -Name r1 -LocalPort \'1, 2\''], 'set [{"name":"r1","protocol":"any","ports":[1,2],"sources":["Any"],"line":1}] @1'],
    ['Any after a port, with a space', ['New-NetFirewallRule -Name r1 -LocalPort \'1, Any\''], 'set [{"name":"r1","protocol":"any","ports":"any","sources":["Any"],"line":1}] @1'],
    ['a port word that only ends in Any', ['New-NetFirewallRule -Name r1 -LocalPort \'Many\''], 'unknown: firewall rule r1 (line 1): its local port Many cannot be read'],
    ['a port word that only starts with Any', ['New-NetFirewallRule -Name r1 -LocalPort \'Anything\''], 'unknown: firewall rule r1 (line 1): its local port Anything cannot be read'],
    ['a port with a prefix', ['New-NetFirewallRule -Name r1 -LocalPort \'x1\''], 'unknown: firewall rule r1 (line 1): its local port x1 cannot be read'],
    ['a port with a suffix', ['New-NetFirewallRule -Name r1 -LocalPort \'1x\''], 'unknown: firewall rule r1 (line 1): its local port 1x cannot be read'],
    ['one computed port in a list', ['New-NetFirewallRule -Name r1 -LocalPort @(1, $p)'], 'unknown: firewall rule r1 (line 1): its local port is not known statically'],
    ['one computed source in a list', ['New-NetFirewallRule -Name r1 -RemoteAddress @(\'1.1.1.1\', $s)'], 'unknown: firewall rule r1 (line 1): its remote addresses are not known statically'],
    ['protocol 16 is not TCP', ['New-NetFirewallRule -Name r1 -Protocol 16'], 'set [{"name":"r1","protocol":"16","ports":"any","sources":["Any"],"line":1}] @1'],
    ['protocol 60 is not TCP', ['New-NetFirewallRule -Name r1 -Protocol 60'], 'set [{"name":"r1","protocol":"60","ports":"any","sources":["Any"],"line":1}] @1'],
    ['protocol 117 is not UDP', ['New-NetFirewallRule -Name r1 -Protocol 117'], 'set [{"name":"r1","protocol":"117","ports":"any","sources":["Any"],"line":1}] @1'],
    ['protocol 170 is not UDP', ['New-NetFirewallRule -Name r1 -Protocol 170'], 'set [{"name":"r1","protocol":"170","ports":"any","sources":["Any"],"line":1}] @1'],
    ['a protocol word that only ends in Any', ['New-NetFirewallRule -Name r1 -Protocol Many'], 'set [{"name":"r1","protocol":"many","ports":"any","sources":["Any"],"line":1}] @1'],
    ['a protocol word that only starts with Any', ['New-NetFirewallRule -Name r1 -Protocol AnyX'], 'set [{"name":"r1","protocol":"anyx","ports":"any","sources":["Any"],"line":1}] @1'],
    ['a rule created on one path only', ['if ($x) { New-NetFirewallRule -Name r1 }'], 'unknown: a write under the condition on line 1'],
    ['no rule at all', ['Write-Host x'], 'unset'],
  ])('%s', (_label, lines, expected) => {
    expect(fw(...lines)).toBe(expected);
  });

  test('a port range of exactly 70000 is read', () => {
    const g = guest("New-NetFirewallRule -Name r1 -LocalPort '1-70001'");
    expect(g.firewall.state === 'set' && g.firewall.value[0].ports.length).toBe(70001);
  });

  test.each<[string, string, string]>([
    ['all profiles on', 'Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled True', 'set true @1'],
    ['all profiles on, as a list', 'Set-NetFirewallProfile -Profile Domain, Public, Private -Enabled True', 'set true @1'],
    ['all profiles on, by -All', 'Set-NetFirewallProfile -All -Enabled True', 'set true @1'],
    ['no profile named means all', "Set-NetFirewallProfile -Enabled 'True'", 'set true @1'],
    ['a number is not read as a state', 'Set-NetFirewallProfile -Enabled 1', 'unknown: line 1: -Enabled 1'],
    ["'Any' profile", "Set-NetFirewallProfile -Profile Any -Enabled 'true'", 'set true @1'],
    ['a switch without value', 'Set-NetFirewallProfile -Enabled', 'set true @1'],
    ['$true', 'Set-NetFirewallProfile -Enabled $true', 'set true @1'],
    ['one profile off turns the firewall off', 'Set-NetFirewallProfile -Profile Public -Enabled False', 'set false @1'],
    ['$false', 'Set-NetFirewallProfile -Enabled $false', 'set false @1'],
    ['only some profiles on proves nothing', 'Set-NetFirewallProfile -Profile Domain -Enabled True', 'unknown: line 1: only some firewall profiles are turned on'],
    ['a computed state', 'Set-NetFirewallProfile -Enabled $e', 'unknown: line 1: $e is not assigned in the script'],
    ['a state that is not a boolean', "Set-NetFirewallProfile -Enabled 'maybe'", "unknown: line 1: -Enabled 'maybe'"],
    ['no -Enabled changes nothing', 'Set-NetFirewallProfile -Profile Domain -DefaultInboundAction Block', 'unset'],
  ])('firewall profiles: %s', (_label, line, expected) => {
    expect(show(guest(line).firewallProfilesEnabled)).toBe(expected);
  });
});

describe('settings derived from the registry', () => {
  const pol = (name: string, value: string | number) => `Set-ItemProperty -Path '${TSPOL}' -Name '${name}' -Value ${value}`;
  const schannel = (protocol: string, value: number) => `Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\${protocol}\\Server' -Name Enabled -Value ${value}`;

  test('port, security layer, encryption, transport, session limits', () => {
    const g = guest(`Set-ItemProperty -Path '${WS}' -Name PortNumber -Value 43389`, pol('SecurityLayer', 1), pol('MinEncryptionLevel', 3), pol('SelectTransport', 1), pol('MaxIdleTime', 900000), pol('MaxDisconnectionTime', 60000));
    expect([show(g.port), show(g.securityLayer), show(g.minEncryptionLevel), show(g.udp), show(g.idleSessionLimitMinutes), show(g.disconnectedSessionLimitMinutes)]).toEqual(['set 43389 @1', 'set "negotiate" @2', 'set 3 @3', 'set false @4', 'set 15 @5', 'set 1 @6']);
    expect(g.touchesRdp).toBe(true);
  });

  test.each<[number | string, string]>([
    [0, 'set "rdp" @1'],
    [2, 'set "tls" @1'],
    [7, 'set "7" @1'],
  ])('SecurityLayer %s', (value, expected) => {
    expect(show(guest(pol('SecurityLayer', value)).securityLayer)).toBe(expected);
  });

  test('the listener security layer applies when the policy does not set it; the policy wins', () => {
    expect(show(guest(`Set-ItemProperty -Path '${WS}' -Name SecurityLayer -Value 0`).securityLayer)).toBe('set "rdp" @1');
    expect(show(guest(`Set-ItemProperty -Path '${WS}' -Name SecurityLayer -Value 0`, pol('SecurityLayer', 2)).securityLayer)).toBe('set "tls" @2');
    expect(show(guest(`Set-ItemProperty -Path '${WS}' -Name MinEncryptionLevel -Value 1`).minEncryptionLevel)).toBe('set 1 @1');
  });

  test('UDP on is SelectTransport 0', () => {
    expect(show(guest(pol('SelectTransport', 0)).udp)).toBe('set true @1');
    expect(show(guest(pol('SelectTransport', 2)).udp)).toBe('set true @1');
  });

  test('NLA is on only for 1', () => {
    expect(show(guest(nla(2)).nla)).toBe('set false @1');
  });

  test('SCHANNEL protocols, by name', () => {
    const g = guest(schannel('SSL 2.0', 1), schannel('SSL 3.0', 0), schannel('TLS 1.0', 0), schannel('TLS 1.1', 2), schannel('TLS 1.2', 1));
    expect([...g.protocols].map(([n, s]) => `${n}: ${show(s)}`)).toEqual(['SSL 2.0: set true @1', 'SSL 3.0: set false @2', 'TLS 1.0: set false @3', 'TLS 1.1: set true @4', 'TLS 1.2: set true @5']);
    expect(show(guest(schannel('TLS 1.0', 0)).protocols.get('TLS 1.1')!)).toBe('unset');
  });

  test('redirections: 1 forbids, 0 allows; smart cards the other way round', () => {
    const g = guest(pol('fDisableCdm', 1), pol('fDisableClip', 0), pol('fEnableSmartCard', 0), pol('fDisableCameraRedir', 1), pol('fDisableAudioCapture', 0));
    const r = (n: string) => show(g.redirections.get(n)!);
    expect([r('drive'), r('clipboard'), r('smartCard'), r('camera'), r('audioCapture'), r('printer')]).toEqual(['set false @1', 'set true @2', 'set false @3', 'set false @4', 'set true @5', 'unset']);
    expect(show(guest(pol('fEnableSmartCard', 1)).redirections.get('smartCard')!)).toBe('set true @1');
    expect([...g.redirections.keys()]).toEqual(['drive', 'clipboard', 'printer', 'comPort', 'lptPort', 'pnpDevice', 'location', 'webAuthn', 'audioCapture', 'camera', 'smartCard']);
    expect(['fDisableCpm', 'fDisableCcm', 'fDisableLPT', 'fDisablePNPRedir', 'fDisableLocationRedir', 'fDisableWebAuthn'].map((v, i) => show(guest(pol(v, 0)).redirections.get(['printer', 'comPort', 'lptPort', 'pnpDevice', 'location', 'webAuthn'][i])!))).toEqual(Array(6).fill('set true @1'));
  });

  test.each<[string, string, (g: GuestState) => Setting<unknown>, string]>([
    [WS, 'PortNumber', (g) => g.port, 'WS\\PortNumber'],
    [WS, 'SecurityLayer', (g) => g.securityLayer, 'WS\\SecurityLayer'],
    [TSPOL, 'SecurityLayer', (g) => g.securityLayer, 'TSPOL\\SecurityLayer'],
    [WS, 'MinEncryptionLevel', (g) => g.minEncryptionLevel, 'WS\\MinEncryptionLevel'],
    [TSPOL, 'SelectTransport', (g) => g.udp, 'TSPOL\\SelectTransport'],
    [TSPOL, 'MaxIdleTime', (g) => g.idleSessionLimitMinutes, 'TSPOL\\MaxIdleTime'],
    [TSPOL, 'MaxDisconnectionTime', (g) => g.disconnectedSessionLimitMinutes, 'TSPOL\\MaxDisconnectionTime'],
    [TSPOL, 'fDisableCdm', (g) => g.redirections.get('drive')!, 'TSPOL\\fDisableCdm'],
    ['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server', 'Enabled', (g) => g.protocols.get('TLS 1.0')!, 'SCHANNEL\\TLS 1.0\\Server\\Enabled'],
  ])('a value that is not a number at %s\\%s is unknown, naming it', (path, name, pick, what) => {
    expect(show(pick(guest(`Set-ItemProperty -Path '${path}' -Name ${name} -Value 'x'`)))).toBe(`unknown: ${what} is set to 'x', not a number`);
  });

  test('a value deleted is unset; a computed one is unknown with its line', () => {
    expect(show(guest(pol('MaxIdleTime', 1), `Remove-ItemProperty -Path '${TSPOL}' -Name MaxIdleTime`).idleSessionLimitMinutes)).toBe('unset');
    expect(show(guest(pol('MaxIdleTime', '(Get-Random)')).idleSessionLimitMinutes)).toBe('unknown: line 1: the output of Get-Random');
  });

  test('a registry taint makes every registry setting unknown, with the first reason', () => {
    const g = guest(pol('SecurityLayer', 2), "iex 'a'", 'iex b');
    const why = "unknown: line 2: `iex` can run arbitrary code or change settings the evaluator does not follow";
    expect([show(g.securityLayer), show(g.port), show(g.protocols.get('TLS 1.0')!), show(g.redirections.get('drive')!), show(g.localDriftTaskMinutes), show(g.lockoutThreshold), show(g.firewall)]).toEqual(Array(7).fill(why));
    expect(g.touchesRdp).toBe(true);
  });

  test('touchesRdp: a registry write under Terminal Server, the policy, SCHANNEL, a lockout, a firewall rule; not elsewhere', () => {
    expect(guest(`Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -Value 0`).touchesRdp).toBe(true);
    expect(guest(pol('X', 1)).touchesRdp).toBe(true);
    expect(guest(schannel('TLS 1.0', 0)).touchesRdp).toBe(true);
    expect(guest('net accounts /lockoutthreshold:5').touchesRdp).toBe(true);
    expect(guest('New-NetFirewallRule -Name x').touchesRdp).toBe(true);
    expect(guest("Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Other' -Name X -Value 1", 'Set-NetFirewallProfile -Enabled True').touchesRdp).toBe(false);
    expect(guest('Write-Host x').completes).toBe(true);
    // A script that runs arbitrary code may touch RDP: it is a hardening script for the rules.
    expect(guest("iex 'x'").touchesRdp).toBe(true);
    expect(guest('Write-Host x').touchesRdp).toBe(false);
  });
});
