/**
 * The guest-script evaluator's expressions, casts, operators and calls on small hand-written PowerShell snippets
 * (issue #20, mutation testing of policy/guest/evaluate-script.ts from line 861 to the end): what a value is
 * known to be, when it becomes unknown, and the reason a reviewer reads then. Pure: every snippet is built
 * inside its test.
 */
import { guest, nla, nlaOnOff as nlaOf, show } from './guest-snippets';

/** `if (<cond>) { NLA off }` after NLA on: 'off' = the condition is true, 'on' = false, 'unknown' = cannot be told. */
function cond(...lines: string[]): string {
  const c = lines.pop() ?? '';
  return nlaOf(nla(1), ...lines, 'if (' + c + ') { ' + nla(0) + ' }');
}

describe('the reason a reviewer reads when NLA is written from a value the evaluator cannot know', () => {
  test.each<[string, string]>([
    ['(F)', 'the output of F'],
    ['$(if ($true) { 1 })', 'a statement in a subexpression'],
    ['@{ $k = 0 }', 'a hashtable with a computed key'],
    ['{ 0 }', 'a script block'],
    ['([int])', '[int]'],
    ['(5).Foo', '.Foo'],
    ['(5).ToLower()', '.ToLower()'],
    ['@(1, 2).Trim()', '.Trim()'],
    ['@(0).Contains($x)', 'contains'],
    ['@{ a = 0 }.ContainsKey($x)', 'containskey'],
    ["([bool]([int[]]'x'))", '[bool]'],
    ["([string]([int[]]'x'))", '[string]'],
    ['([string[]]@(1, $x))[1]', '[string[]]'],
    ["([int[]]@(1, 'x'))[1]", '[int[]]'],
    ['([double]0)', '[double]'],
    // In argument mode `[` starts no expression the reader follows.
    ['[double]0', 'unreadable expression ['],
    // A bareword expands like a double-quoted string (PowerShell's reading of `$-$v` was not verified here: unknown is the safe side).
    ['$-$nope', '$nope in a string'],
    ["([insystem.t]'0')", '[insystem.t]'],
    ['(-join @(1, $x))', '-join'],
    ['(-bnot 0)', '-bnot'],
    ['($x -is [int])', '-is'],
    ["(1 -is 'int')", '-is []'],
    ["('a' + @(1, $x))", '+'],
    ['(@{ a = 1 } + 1)', '+'],
    ['(@(1, $x) -eq 1)', '-eq'],
    ["(1 -gt 'x')", '-gt'],
    ["(@('a', $x) -like 'a')", '-like'],
    ["('a' -like @('a', $x))", '-like'],
    ["('a' -match '(')", '-match'],
    ['(@(1, $x) -contains 1)', '-contains'],
    ["(@('a', $x) -split ',')", '-split'],
    ["('a,b' -split @($x, 2))", '-split'],
    ["('a' -split '(')", '-split'],
    ["('1' -split '')", '-split with a pattern that matches empty text'],
    ["(@(1, 2) -join @(',', $x))", '-join'],
    ["(@('a', $x) -replace 'a', 'b')", '-replace'],
    ["('abc' -replace @($x, 'c'))", '-replace'],
    ["('abc' -replace @('b', @(1, $x)))", '-replace'],
    ["('abc' -replace '(', 'x')", '-replace'],
    ["('abc' -replace 'b', '$0')", '-replace with a substitution the evaluator does not follow'],
    ["('a' -ceq 'a')", '-ceq'],
  ])('%s', (value, reason) => {
    expect(show(guest('function F { if ($x) { return 0 }; 1 }', nla(value)).nla)).toBe(`unknown: line 2: ${reason}`);
  });

  test('a text value shows as written (case kept), and is no number', () => {
    const shown = (value: string): string => show(guest(nla(value)).nla);
    expect(shown("'AB'.ToLower()")).toBe("unknown: TSPOL\\UserAuthentication is set to 'ab', not a number");
    expect(shown("'ab'.ToUpper()")).toBe("unknown: TSPOL\\UserAuthentication is set to 'AB', not a number");
    expect(shown("('abc' -replace @('b'))")).toBe("unknown: TSPOL\\UserAuthentication is set to 'ac', not a number");
    // A here-string: a lone double quote is one quote; a backtick with nothing after it stays as it is (how PowerShell
    // reads a backtick at the very end of a here-string was not verified here).
    expect(shown('@"\na"b\n"@')).toBe("unknown: TSPOL\\UserAuthentication is set to 'a\"b', not a number");
    expect(shown('@"\nab`\n"@')).toBe("unknown: TSPOL\\UserAuthentication is set to 'ab`', not a number");
  });
});

describe('expandable strings', () => {
  test.each<[string, string[], string]>([
    ['a parenthesis after a letter is text, not a subexpression', ['"a(b)" -eq \'a(b)\''], 'off'],
    ['a subexpression inside parentheses', ['"($(0))" -eq \'(0)\''], 'off'],
    ['a lone dollar before a variable', ['$v = 5', '"a$ $v" -eq \'a$ 5\''], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(cond(...lines)).toBe(expected);
  });
});

describe('casts', () => {
  test.each<[string, string]>([
    ["([string[]]@('a'))[0] -eq 'a'", 'off'],
    ['([string[]]@(1))[0] -is [string]', 'off'],
    ['([array]@(1))[0] -is [int]', 'off'],
    ['([object[]]@(1))[0] -is [int]', 'off'],
    ['([string]5) -is [string]', 'off'],
    ["([insystem.t]'5') -eq 5", 'unknown'],
    ['@([void]1).Count -eq 0', 'off'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });
});

describe('arithmetic and comparisons keep fractions', () => {
  // Bugs found here: a number on the right of a comparison was rounded (`2 -eq 1.5` read as true, `1 -lt 1.4` as false).
  test.each<[string, string]>([
    ['((1 + 0.5) * 2) -eq 3', 'off'],
    ['(2.5 * 2) -eq 5', 'off'],
    ['(5 - 2.5) -eq 2.5', 'off'],
    ['2 -eq 1.5', 'on'],
    ['1 -eq 2', 'on'],
    ['2 -ne 1.5', 'off'],
    ["2 -eq '2'", 'off'],
    ['1 -lt 1.4', 'off'],
    ['1.4 -gt 1', 'off'],
    ['$true -ge 1', 'off'],
    ["$true -ge 'x'", 'unknown'],
    ['$null -lt 1', 'off'],
    ["'a' -ne 'b'", 'off'],
    ["'a' -ne 'A'", 'on'],
    ['@((1, 2), 3) -gt 1', 'unknown'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });
});

describe('comparisons with a list holding an unknown on the right', () => {
  // Bug found here: PowerShell converts the right side to the left side's type (`'1 2' -eq @(1, 2)` is true); a list
  // holding an unknown was read as never equal, so `if ('1 2' -eq @(1, $x)) { <NLA off> }` looked like no write at all.
  test.each<[string, string]>([
    ["'1 2' -eq @(1, $x)", 'unknown'],
    ["'1 2' -ne @(1, $x)", 'unknown'],
    ["'1 2' -gt @(1, $x)", 'unknown'],
    ["'1 2' -eq @(1, 2)", 'off'],
    ["'1 3' -eq @(1, 2)", 'on'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });
});

describe('-contains with nested lists', () => {
  test.each<[string, string]>([
    ['@((1, $x), 2) -contains 2', 'off'],
    ['@(1) -contains @(1, $y)', 'on'],
    ['@((1, $x), 2) -contains @(3, $y)', 'on'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });
});

describe('-replace substitutions', () => {
  // Bug found here: the replacement went to JavaScript as it was, and .NET reads `$0`, `$_`, `${name}`, `$10` or the
  // numbers of named groups differently: `'1' -replace '(?<a>1)', '$<a>'` is '1' to JavaScript, '$<a>' to PowerShell.
  test.each<[string, string]>([
    ["('abc' -replace '(b)', '$1$1') -eq 'abbc'", 'off'],
    ["('abc' -replace '(b)', '[$1]x') -eq 'a[b]xc'", 'off'],
    ["('abc' -replace 'b', '$$') -eq 'a$c'", 'off'],
    ["('abc' -replace 'b', '$$1') -eq 'a$1c'", 'off'],
    ["('abc' -replace 'b', 'x') -eq 'axc'", 'off'],
    ["('abc' -replace '(?<n>b)', 'x') -eq 'axc'", 'off'],
    ["('abc' -replace 'b', '$0') -eq 'a$0c'", 'unknown'],
    ["('abc' -replace 'b', '$') -eq 'a$c'", 'unknown'],
    ["('abc' -replace 'b', '$_') -eq 'aabcc'", 'unknown'],
    ["('abc' -replace 'b', '${0}') -eq 'abc'", 'unknown'],
    ["('abc' -replace '(b)', '$10') -eq 'ab0c'", 'unknown'],
    ["('abc' -replace '(?<n>b)(c)', '$1') -eq 'ab'", 'unknown'],
    ["('abc' -replace '(?<n>b)', '$<n>') -eq 'abc'", 'unknown'],
  ])('%s', (c, expected) => {
    expect(cond(c)).toBe(expected);
  });
});

describe('calls', () => {
  test.each<[string, string[], string]>([
    ['a function that always exits, called for a value, ends the script', ['function F { exit 0 }', '$v = F', nla(0)], 'unset'],
    ['the same inside a subexpression', ['function F { exit 0 }', '$v = $(F)', nla(0)], 'unset'],
    ['the same as a condition', ['function F { exit 0 }', 'if (F) { }', nla(0)], 'unset'],
    ['a parameter bound by an abbreviation', [nla(1), 'function F($Value) { ' + nla('$Value') + ' }', 'F -Val 0'], 'off'],
    ['a named parameter and a positional one after it', [nla(1), 'function F($a, $b) { ' + nla('$a') + ' }', 'F -b 1 0'], 'off'],
    ['a parameter left without an argument is $null', [nla(1), 'function F($a, $b) { if ($null -eq $b) { ' + nla('$a') + ' } }', 'F 0'], 'off'],
    ['extra positional arguments go to $args', [nla(1), 'function F($a) { ' + nla('$args[0]') + ' }', 'F 1 0'], 'off'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('firewall profiles', () => {
  test('-Enabled given a list holding an unknown is unknown, with the value shown', () => {
    expect(show(guest('Set-NetFirewallProfile -Enabled @(1, $x)').firewallProfilesEnabled)).toBe('unknown: line 1: -Enabled @(1, unknown ($x is not assigned in the script))');
    expect(show(guest('Set-NetFirewallProfile -Enabled $true').firewallProfilesEnabled)).toBe('set true @1');
    expect(show(guest("Set-NetFirewallProfile -Enabled 'false'").firewallProfilesEnabled)).toBe('set false @1');
  });
});
