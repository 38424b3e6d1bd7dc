/**
 * Regular expressions of `-match`, `-split` and `-replace` (issue #20): they are .NET patterns, which the evaluator
 * runs as JavaScript ones only inside the subset both read the same way; anything else (`\A`, inline options, class
 * subtraction, Unicode or carriage returns in the text, …) is unknown. A pattern read differently could take a branch
 * the script does not take. Pure: every snippet is built inside its test.
 */
import { guest, nla, nlaOnOff, show } from './guest-snippets';

/** `on` when `condition` is false, `off` when it is true, `unknown` when the evaluator cannot tell. */
const decide = (condition: string, ...before: string[]): string => nlaOnOff(...before, `if (${condition}) { ${nla(0)} } else { ${nla(1)} }`);

describe('-match: the patterns both read alike are followed', () => {
  test.each<[string, string]>([
    ["'abc' -match 'b'", 'off'],
    ["'abc' -match 'x'", 'on'],
    ["'a.b' -match '\\.'", 'off'],
    ["'ab' -match '\\.'", 'on'],
    ["'a1' -match 'a\\d'", 'off'],
    ["'a_' -match '^\\w+$'", 'off'],
    ["'a-' -match '^\\w+$'", 'on'],
    ["'a b' -match 'a\\sb'", 'off'],
    ["'ab' -match '\\bab\\b'", 'off'],
    ["'AB' -match 'ab'", 'off'],
    ["'A' -match '\\x41'", 'off'],
    ["'A' -match '\\u0041'", 'off'],
    ["'ab' -match '(?:a)b'", 'off'],
    ["'ab' -match 'a(?=b)'", 'off'],
    ["'ab' -match 'a(?!b)'", 'on'],
    ["'ab' -match '(?<=a)b'", 'off'],
    ["'ab' -match '(?<!a)b'", 'on'],
    ["'ab' -match '(?<first>a)b'", 'off'],
    ["'x' -match '[$]'", 'on'],
    ['"a`tb" -match \'a\\tb\'', 'off'],
    ['"a`nb" -match \'a\\nb\'', 'off'],
    ["'a-b' -match 'a\\-b'", 'off'],
    ["'ab' -notmatch 'b'", 'on'],
    ["'ab' -match 'a[b]'", 'off'],
    ['"a`n" -match \'a\'', 'off'],
    ["'x`' -match '`'", 'off'],
  ])('%s', (condition, expected) => {
    expect(decide(condition)).toBe(expected);
  });
});

describe('-match: what .NET reads differently is unknown', () => {
  test.each<[string, string]>([
    ['\\A (start of text; a literal A in JavaScript)', "'A' -match '\\A'"],
    ['\\Z', "'a' -match 'a\\Z'"],
    ['\\z', "'a' -match 'a\\z'"],
    ['\\G', "'a' -match '\\Ga'"],
    ['\\p{L}', "'a' -match '\\p{L}'"],
    ['\\k<n>', "'aa' -match '(?<n>a)\\k<n>'"],
    ['\\e (escape; a literal e in JavaScript)', "'e' -match '\\e'"],
    ['a numbered escape', "'aa' -match '(a)\\1'"],
    ['\\x with one hex digit', "'x4' -match '\\x4'"],
    ['\\u with three hex digits', "'u004' -match '\\u004'"],
    ['an inline option', "'A' -match '(?i)a'"],
    ['a group named with quotes', "'a' -match \"(?'n'a)\""],
    ['an atomic group', "'a' -match '(?>a)'"],
    ['a conditional group', "'a' -match '(?(a)a|b)'"],
    ['a comment group', "'a' -match 'a(?#note)'"],
    ['a pattern beyond ASCII on an ASCII text', "'e' -match '\u00e9'"],
    ['class subtraction', "'b' -match '[a-z-[aeiou]]'"],
    ['a pattern beyond ASCII', "'\u00e9' -match '\u00e9'"],
    ['a text beyond ASCII', "'\u00e9' -match '.'"],
    ['a text with a carriage return (`.` stops there in JavaScript only)', '"a`rb" -match \'a.b\''],
    ['`$` on a text ending with a line break (.NET matches before it)', '"a`n" -match \'a$\''],
  ])('%s', (_name, condition) => {
    expect(decide(condition)).toBe('unknown');
  });

  test('the reason names the operator and says why', () => {
    const s = guest(`$v = 'A' -match '\\A'`, nla('$v')).nla;
    expect(show(s)).toMatch(/^unknown: .*-match with a pattern the evaluator does not read the way \.NET does/);
  });
});

describe('-like, -split and -replace', () => {
  test.each<[string, string]>([
    ["'a*' -like 'a`*' (a backtick escapes a wildcard)", 'unknown'],
    ["'ab' -like 'a*'", 'off'],
    ["'ab' -notlike 'a?'", 'on'],
    ["'a*' -notlike 'a`*' (the same for -notlike)", 'unknown'],
  ])('%s', (text, expected) => {
    expect(decide(text.replace(/ \(.*\)$/, ''))).toBe(expected);
  });

  test.each<[string, string]>([
    ["('a,b' -split ',')[1] -eq 'b'", 'off'],
    ["('a.b' -split '\\.')[1] -eq 'b'", 'off'],
    ["('a1b' -split '\\d', 2)[1] -eq 'b'", 'off'],
    ["('aAb' -split '\\A')[1] -eq 'b'", 'unknown'],
    ["('a.b' -split '.', 0, 'SimpleMatch')[1] -eq 'b'", 'unknown'],
    ["('abc' -replace 'b', 'x') -eq 'axc'", 'off'],
    ["('abc' -replace '\\Ab', 'x') -eq 'abc'", 'unknown'],
    ["('a\u00e9' -replace 'a', 'x') -eq 'x\u00e9'", 'unknown'],
  ])('%s', (condition, expected) => {
    expect(decide(condition)).toBe(expected);
  });

  test('the reasons of -split and -replace say why', () => {
    expect(show(guest(`$v = 'aAb' -split '\\A'`, nla('$v')).nla)).toMatch(/-split with a pattern the evaluator does not read the way \.NET does/);
    expect(show(guest(`$v = 'abc' -replace '\\Ab', 'x'`, nla('$v')).nla)).toMatch(/-replace with a pattern the evaluator does not read the way \.NET does/);
    expect(show(guest(`$v = 'a*' -like 'a\`*'`, nla('$v')).nla)).toMatch(/-like with a backtick in the pattern/);
  });
});
