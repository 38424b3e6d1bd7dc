/**
 * The PowerShell reader (policy/guest/powershell-syntax.ts) on token boundaries the interpreter's mutation run
 * (issue #20, STRYKER_SCOPE=interpreter) left open: whitespace kinds, continuations, block comments, here-strings,
 * typographic quotes, unterminated strings, numbers, negative numbers after operands, dashes and stray characters.
 * A reader that moved a token boundary could read code as text, or text as code.
 */
import { parseNumber, parseScript, readScript, tokenize, type Stmt } from '../../policy/guest/powershell-syntax';
import { nla, nlaAt as nlaOf, stmtText as st, TSPOL } from './guest-snippets';

/** Statements in short: opaque ones with keyword and text, blocks with their bodies, functions with parameters and types. */
function sum(stmts: readonly Stmt[]): string {
  return stmts
    .map((s) => {
      if (s.t === 'opaque') return `opaque(${s.keyword}|${s.text})@${s.line}`;
      if (s.t === 'pipeline') return `pipe@${s.line}`;
      if (s.t === 'if') return `if[${s.clauses.map((c) => sum(c.body)).join('/')}${s.otherwise ? ` else ${sum(s.otherwise)}` : ''}]@${s.line}`;
      if (s.t === 'function') return `function ${s.name}(${s.params.map((p) => `${p.type === undefined ? '' : `${p.type}:`}$${p.name}`).join(',')})[${sum(s.body)}]@${s.line}`;
      if (s.t === 'try') return `try[${sum(s.body)}]${s.catches.map((c) => `catch[${sum(c)}]`).join('')}${s.final ? `finally[${sum(s.final)}]` : ''}@${s.line}`;
      if (s.t === 'foreach') return `foreach $${s.variable}[${sum(s.body)}]@${s.line}`;
      return `${s.t}@${s.line}`;
    })
    .join('; ');
}

/** Tokens as `kind:value@line` (`nl` tokens left out). */
const toks = (text: string): string[] => tokenize(text).filter((t) => t.kind !== 'nl').map((t) => `${t.kind}:${t.value}@${t.line}`);
/** The line of the closing `nl` token (the line count the reader ends on). */
const lastLine = (text: string): number => tokenize(text).at(-1)!.line;
/** Which tokens follow whitespace or a line start. */
const spacing = (text: string): string[] => tokenize(text).filter((t) => t.kind !== 'nl').map((t) => `${t.value}:${t.spaced ? 's' : '-'}`);

describe('token boundaries', () => {
  test.each<[string, string, string[]]>([
    ['a tab separates words', 'a\tb', ['word:a@1', 'word:b@1']],
    ['a form feed separates words', 'a\fb', ['word:a@1', 'word:b@1']],
    ['a vertical tab separates words', 'a\vb', ['word:a@1', 'word:b@1']],
    ['a backtick not before a line end is a character of its own', 'a `x b', ['word:a@1', 'punct:`@1', 'word:x@1', 'word:b@1']],
    ['a backtick before a word and a line end', 'a `x\nb', ['word:a@1', 'punct:`@1', 'word:x@1', 'word:b@2']],
    ['a backtick before a carriage return not followed by a line feed', 'a `\rx', ['word:a@1', 'punct:`@1', 'word:x@1']],
    ['a # inside a word is not a comment', 'x a#b c', ['word:x@1', 'word:a#b@1', 'word:c@1']],
    ['a < is an operator, not a comment', 'a < b', ['word:a@1', 'punct:<@1', 'word:b@1']],
    ['a block comment opening with <#> ends at the next #>', '<#> x #> y', ['word:y@1']],
    ['a word before a quote and a line end is no here-string', "a'\nb'", ['word:a@1', "str:\nb@1"]],
    ['@ then a quote not at a line end is no here-string', "@'x\ny'", ['punct:@@1', "str:x\ny@1"]],
    ['an empty here-string', "@'\n'@\nx", ['str:@1', 'word:x@3']],
    ['an unterminated here-string keeps its last line', "@'\nab", ['str:ab@1']],
    ['a here-string keeps carriage returns inside', "@'\r\na\rb\r\n'@", ['str:a\rb@1']],
    ['a here-string drops the carriage return of its last line', "@'\r\nab\r\n'@ x", ['str:ab@1', 'word:x@3']],
    ['a right single quotation mark opens a string', '\u2019ab\u2019 c', ['str:ab@1', 'word:c@1']],
    ['a right double quotation mark opens a string', '\u201dab\u201d c', ['xstr:ab@1', 'word:c@1']],
    ['an unterminated single-quoted string', "x 'ab", ['word:x@1', 'str:ab@1']],
    ['an unterminated double-quoted string', 'x "ab', ['word:x@1', 'xstr:ab@1']],
    ['an unterminated double-quoted string ending in a backtick', 'x "ab`', ['word:x@1', 'xstr:ab`@1']],
    ['a doubled double quote stays doubled in the text', '"a""b" c', ['xstr:a""b@1', 'word:c@1']],
    ['an unterminated ${ variable', 'x ${abc', ['word:x@1', 'var:abc@1']],
    ['a $ at the end is a word', 'a $', ['word:a@1', 'word:$@1']],
    ['a digit after a member dot is not a decimal', '$x.5', ['var:x@1', 'punct:.@1', 'num:5@1']],
    ['a word that starts with a digit', 'x 1abc', ['word:x@1', 'word:1abc@1']],
    ['an exponent with a sign', '1e+5 x', ['num:1e+5@1', 'word:x@1']],
    ['a decimal with two digits after the point', '1.25 x', ['num:1.25@1', 'word:x@1']],
    ['an exponent with two digits', '1e10 x', ['num:1e10@1', 'word:x@1']],
    ['an em dash opens a parameter', '\u2014Name x', ['param:Name@1', 'word:x@1']],
    ['a - at the end', 'a -', ['word:a@1', 'punct:-@1']],
    ['an en dash alone is a minus', '1 \u2013 2', ['num:1@1', 'punct:-@1', 'num:2@1']],
    ['a negative number after an opening parenthesis', '(-5)', ['punct:(@1', 'num:-5@1', 'punct:)@1']],
    ['a minus after a number', '5-3', ['num:5@1', 'punct:-@1', 'num:3@1']],
    ['a minus after a variable', '$a-3', ['var:a@1', 'punct:-@1', 'num:3@1']],
    ['a minus after a string', "'a'-3", ['str:a@1', 'punct:-@1', 'num:3@1']],
    ['a minus after an expandable string', '"a"-3', ['xstr:a@1', 'punct:-@1', 'num:3@1']],
    ['a minus after a closing parenthesis', '(1)-3', ['punct:(@1', 'num:1@1', 'punct:)@1', 'punct:-@1', 'num:3@1']],
    ['a minus after a closing bracket', '$a[0]-3', ['var:a@1', 'punct:[@1', 'num:0@1', 'punct:]@1', 'punct:-@1', 'num:3@1']],
    ['a negative hexadecimal number', 'x -0xff', ['word:x@1', 'num:-0xff@1']],
    ['a negative decimal with two digits', 'x -1.25', ['word:x@1', 'num:-1.25@1']],
    ['a negative number with two digits', 'x -12', ['word:x@1', 'num:-12@1']],
    ['a relative path after a space is a word', 'x .\\a.exe', ['word:x@1', 'word:.\\a.exe@1']],
    ['a relative path with a slash is a word', 'x ./a', ['word:x@1', 'word:./a@1']],
    ['a dot before a word is a member access', '$a .b', ['var:a@1', 'punct:.@1', 'word:b@1']],
    ['a dot inside a word after a variable is punctuation', '$a.\\b', ['var:a@1', 'punct:.@1', 'word:\\b@1']],
    ['an @ alone', '@x', ['punct:@@1', 'word:x@1']],
  ])('%s', (_name, text, expected) => {
    expect(toks(text)).toEqual(expected);
  });

  test.each<[string, string, number]>([
    ['an unterminated here-string counts its lines', "@'\nab", 2],
    ['a block comment counts its lines', '<#\n\n#>', 3],
  ])('%s', (_name, text, line) => {
    expect(lastLine(text)).toBe(line);
  });

  test.each<[string, string, string[]]>([
    ['after a line end', 'a\nb', ['a:s', 'b:s']],
    ['after a continuation', 'a`\nb', ['a:s', 'b:s']],
    ['after a block comment', 'a<# c #>b', ['a:s', 'b:s']],
    ['not after a word', 'a(b', ['a:s', '(:-', 'b:-']],
  ])('spacing %s', (_name, text, expected) => {
    expect(spacing(text)).toEqual(expected);
  });
});

describe('statement boundaries', () => {
  test.each<[string, string]>([
    ['while ($x) { a }; x', 'opaque(while|while ( $x ) { a })@1; pipe@1'],
    ['while ($x)\n{ a }\nx', 'opaque(while|while ( $x ) \n { a })@1; pipe@3'],
    ['do { a }\nwhile ($x)\ny', 'opaque(do|do { a } \n while ( $x ))@1; pipe@3'],
    ['do { a } until ($x); y', 'opaque(do|do { a } until ( $x ))@1; pipe@1'],
    ['do { a }\nwhilex\ny', 'opaque(do|do { a })@1; pipe@2; pipe@3'],
    ['do { a }\nxuntil\ny', 'opaque(do|do { a })@1; pipe@2; pipe@3'],
    ['while [a;b] x\ny', 'opaque(while|while [ a ; b ] x)@1; pipe@2'],
    ['while @{a;b} x\ny', 'opaque(while|while @{ a ; b } x)@1; pipe@2'],
    ['while $(a;b) x\ny', 'opaque(while|while $( a ; b ) x)@1; pipe@2'],
    ['while [a]; x', 'opaque(while|while [ a ])@1; pipe@1'],
    ["while '(' ; x", "opaque(while|while '(')@1; pipe@1"],
    ["while ')' ; x", "opaque(while|while ')')@1; pipe@1"],
    ['if ($a) { while ($x) { a } }\ny', 'if[opaque(while|while ( $x ) { a })@1]@1; pipe@2'],
    ['while ($x) { a } | Out-Null\ny', 'opaque(while|while ( $x ) { a } | Out-Null)@1; pipe@2'],
    ["while ($x)\n'{'", 'opaque(while|while ( $x ))@1; pipe@2'],
    ["do { a }\n'while'", 'opaque(do|do { a })@1; pipe@2'],
    ['if x { a }\ny', 'if[opaque(block expected|)@1]@1; pipe@2'],
    ["if ($a) { b }\n'else'\n{ c }", 'if[pipe@1]@1; pipe@2; opaque({|{ c })@3'],
    ['if ($a) { b }\nx', 'if[pipe@1]@1; pipe@2'],
    ['if ($a -eq\n1) { b }', 'if[pipe@2]@1'],
    ['if ($a\n) { b }', 'if[pipe@2]@1'],
    ['foreach ($x in $y) { a }', 'foreach $x[pipe@1]@1'],
    ['foreach (x in $y) { a }', 'opaque(foreach|( x in $y ) { a })@1'],
    ['foreach ($x on $y) { a }', 'opaque(foreach|( $x on $y ) { a })@1'],
    ["foreach ($x 'in' $y) { a }", "opaque(foreach|( $x 'in' $y ) { a })@1"],
    ['foreach ($X in $y) { a }', 'foreach $x[pipe@1]@1'],
    ['foreach ($x in $y\n) { a }', 'foreach $x[pipe@2]@1'],
    ['foreach ($x in 1,\n2) { a }', 'foreach $x[pipe@2]@1'],
  ])('%j', (text, expected) => {
    expect(sum(parseScript(text))).toBe(expected);
  });
});

describe('functions: names, param blocks, parameter types', () => {
  test.each<[string, string]>([
    ['function a-global:b { }', 'function a-global:b()[]@1'],
    ['function f\nx', 'opaque(function|\n)@1; pipe@2'],
    ['function f { param($a) x }', 'function f($a)[pipe@1]@1'],
    ["function f { 'param' ($a) }", "function f()[opaque(unparsed|'param' ( $a ))@1]@1"],
    ['function f { xparam ($a) }', 'function f()[pipe@1]@1'],
    ['function f { params ($a) }', 'function f()[pipe@1]@1'],
    ['function f { [CmdletBinding()] param($a) x }', 'function f($a)[pipe@1]@1'],
    ['function f { [x] paramx ($a) }', 'function f()[pipe@1]@1'],
    ['function f { [x] xparam ($a) }', 'function f()[pipe@1]@1'],
    ['function f { [x] y ($a) }', 'function f()[pipe@1]@1'],
    ["function f { [x] 'param' ($a) }", "function f()[opaque(unparsed|'param' ( $a ))@1]@1"],
    ["function f('[' $a) {}", 'function f($a)[]@1'],
    ['function f(; $a) {}', 'function f($a)[]@1'],
    ['function f([Parameter(Mandatory)]$a) {}', 'function f($a)[]@1'],
    ['function f([xvalidate]$a) {}', 'function f(xvalidate:$a)[]@1'],
    ['function f(x $a) {}', 'function f($a)[]@1'],
    ['function f([Foo(1)]$a) {}', 'function f(Foo:$a)[]@1'],
    ["function f([a '(' b]$a) {}", 'function f(a(b:$a)[]@1'],
    ['function f([int]$a,\n$b) {}', 'function f(int:$a,$b)[]@1'],
    // Attributes with nested @( ) and $( ): the reader must find their closing ] (fixed in this change).
    ['function f { [ValidateSet(@(1))] param($a) x }\ny', 'function f($a)[pipe@1]@1; pipe@2'],
    ['[ValidateSet(@(1))]$x = 1\ny', 'assign@1; pipe@2'],
    ['function f([ValidateSet($(1))][int]$a) { x }\ny', 'function f(int:$a)[pipe@1]@1; pipe@2'],
    ['$v = [int[]]@(1)\ny', 'assign@1; pipe@2'],
    ['function f([ValidateScript({ $_ -gt 0 })][int]$a) { x }\ny', 'function f(int:$a)[pipe@1]@1; pipe@2'],
    ['function f([A(@{ a = 1 })][int]$a) { x }\ny', 'function f(int:$a)[pipe@1]@1; pipe@2'],
    ["function f([A(']')][int]$a) { x }\ny", 'function f(int:$a)[pipe@1]@1; pipe@2'],
  ])('%j', (text, expected) => {
    expect(sum(parseScript(text))).toBe(expected);
  });
});

describe('an attribute with @( ) or $( ) inside does not hide the rest of the script', () => {
  // Before the fix, `[ValidateSet(@(1))]` opened a bracket level that only `]` closed: the writes after it
  // were read as part of the attribute, and a script that turns NLA off read as NLA on.
  test.each<[string, string[], string]>([
    ['in a function body', [nla(1), 'function f { [ValidateSet(@(1))] param($a) }', nla(0)], 'off@3'],
    ['in a parameter list', [nla(1), 'function f([ValidateSet(@(1))]$a) { }', nla(0)], 'off@3'],
    ['on a script variable', [nla(1), '[ValidateSet(@(1))]$x = 1', nla(0)], 'off@3'],
    ['with $( ) inside', [nla(1), '[ValidateScript($(1))]$x = 1', nla(0)], 'off@3'],
  ])('%s', (_name, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('expressions and command arguments', () => {
  test.each<[string, string]>([
    ["x /a:5 C:\\x.exe", "x w:/a:5 w:C:\\x.exe"],
    ["x a=b+c*d%e!f-g", "x w:a=b+c*d%e!f-g"],
    ["x a:b.c/d", "x w:a:b.c/d"],
    ["x 5kb", "x 5120"],
    ["x 5abc", "x w:5abc"],
    ["x 5abc7", "x w:5abc7"],
    ["x 5 abc", "x 5 w:abc"],
    ["x -a:b", "x -a:w:b"],
    ["x a-b", "x w:a-b"],
    ["x a +b", "x w:a w:+b"],
    ["x a'b'", "x w:a 'b'"],
    ["$x = 1 -and 2", "$x = (1 and 2)"],
    ["$x = 1 -or 2 -xor 3", "$x = ((1 or 2) xor 3)"],
    ["$x = 1 -band 2", "$x = (1 band 2)"],
    ["$x = 1 -ceq 2", "$x = (1 ceq 2)"],
    ["$x = 1 -ieq 2", "$x = (1 eq 2)"],
    ["$x = 1 -cne 2", "$x = (1 cne 2)"],
    ["$x = 1 -contains 2", "$x = (1 contains 2)"],
    ["$x = -not 1", "$x = (not 1)"],
    ["$x = -bnot 1", "$x = (bnot 1)"],
    ["$x = -split \"a b\"", "$x = (split \"a b\")"],
    ["$x = -join $a", "$x = (join $a)"],
    ["$x = -x 1", "$x = opaque:unparsed|-x 1"],
    ["$x = 1 -5", "$x = (1 - 5)"],
    ["$x = $a -5", "$x = ($a - 5)"],
    ["$x = [int]", "$x = [int]"],
    ["$x = [Math]::Max(1, 2)", "$x = [Math]::Max(1,2)"],
    ["$x = $a.b", "$x = $a.b"],
    ["$x = $a .b", "$x = opaque:unparsed|$a . b"],
    ["$x = $a.b(1, 2)", "$x = $a.b(1,2)"],
    ["$x = $a.'b'", "$x = $a.b"],
    ["$x = $a.$b", "$x = $a.b"],
    ["$x = $a[1]", "$x = $a[1]"],
    ["$x = @{ a = 1; 2 = 3 }", "$x = @{'a'=1;'2'=3}"],
    ["$x = @{ \"a\" = 1 }", "$x = @{\"a\"=1}"],
    ["$x = (1)", "$x = 1"],
    ["$x = @(1)", "$x = (@ $(1))"],
    ["$x = { a }", "$x = {a|\"{ a }\"}"],
    ["$x = $(1)", "$x = $(1)"],
    ["$x = 1, 2", "$x = @(1,2)"],
    ["x (1) (2)", "x 1 2"],
    ["x 1 -eq 2", "x 1 -eq 2"],
    ["Write-Host $a -f 1", "Write-Host $a -f 1"],
    ["$x = 1 -andx 2", "$x = opaque:unparsed|1 -andx 2"],
    ["$x = 1 -xand 2", "$x = opaque:unparsed|1 -xand 2"],
    ["$x = -notx 1", "$x = opaque:unparsed|-notx 1"],
    ["$x = -xnot 1", "$x = opaque:unparsed|-xnot 1"],
    ["$x = 1 -eq\n2", "$x = (1 eq 2)"],
    ["$x = 1 -and\n2", "$x = (1 and 2)"],
    ["x @(1,\n2)", "x (@ $(@(1,2)))"],
    ["$x = $a::b", "$x = $a::b"],
    ["$x = $a[1;2]", "$x = $a[$(opaque:unparsed|; 2)]"],
    ["x a:", "x w:a:"],
    ["x .5", "x 0.5"],
    ["x 1.5.6", "x w:1.5.6"],
  ])('%j', (text, expected) => {
    expect(parseScript(text).map(st).join(' ;; ')).toBe(expected);
  });
});

describe('parseNumber', () => {
  test.each<[string, number]>([
    ['42', 42],
    ['0x1F', 31],
    ['0XFF', 255],
    ['-0x10', -16],
    ['1.25', 1.25],
    ['1e+5', 100000],
    ['1e10', 1e10],
    ['2kb', 2048],
    ['1MB', 1024 ** 2],
    ['1l', 1],
  ])('%s is %d', (text, n) => {
    expect(parseNumber(text)).toBe(n);
  });

  test.each(['x1', '1x', 'abc', '', '1e', '0x'])('%j is not a number', (text) => {
    expect(parseNumber(text)).toBeNaN();
  });
});

describe('assignments, pipelines, redirections, members, calls, groups and hashtables', () => {
  test.each<[string, string]>([
    ["$x = if ($a) { 1 }", "$x = if"],
    ["$x = xif ($a)", "$x = xif $a"],
    ["$x = iffy", "$x = iffy"],
    ["$x = 'if'", "$x = 'if'"],
    ["$x = foreach ($a in $b) { 1 }", "$x = foreach"],
    ["$x = 1 | y", "$x = 1 | y"],
    ["[int]$x = 1", "[int]$x = 1"],
    ["[int]'a' | y", "[int]'a' | y"],
    ["$x.y = 1", "$x.y = 1"],
    ["$x .y = 1", "opaque:unparsed|$x . y = 1"],
    ["$x.y.z = 1", "$x.y.z = 1"],
    ["$x[0] = 1", "$x[0] = 1"],
    ["$x [0] = 1", "opaque:unparsed|$x [ 0 ] = 1"],
    ["[int]$x.y = 1", "$x.y = 1"],
    ["$x += 1", "$x += 1"],
    ["$x -= 1", "$x -= 1"],
    ["(x\ny)", "$(x w:y)"],
    ["x > out.txt\ny", "x ;; y"],
    ["x 2> nul; y", "x ;; y"],
    ["x 2>&1 -a 0", "x -a 0"],
    ["x 1>$null", "x"],
    ["x *>> log b", "x w:b"],
    ["x 2>$null 0", "x 0"],
    ["x 2 > a", "x 2"],
    ["x >> a.txt b", "x w:b"],
    ["x < in", "x"],
    ["x >", "x"],
    ["x ; y", "x ;; y"],
    ["x | y", "x | y"],
    ["(x\n| y)", "$(x | y)"],
    ["x }", "x ;; bad:}"],
    ["x )", "x ;; bad:)"],
    ["($a.b\n)", "$a.b"],
    ["x $a =", "x $a w:="],
    ["$x = 1 2", "$x = opaque:unparsed|1 2"],
    ["$x.'y' = 1", "opaque:unparsed|$x . 'y' = 1"],
    ["$x.$y = 1", "opaque:unparsed|$x . $y = 1"],
    ["& $f a", "&$f w:a"],
    [". $f a", ".$f w:a"],
    ["& \"x\" a", "&\"x\" w:a"],
    ["$x = [Math]::Max(1,\n2)", "$x = [Math]::Max(1,2)"],
    ["$x = $a.b (1)", "$x = opaque:unparsed|$a . b ( 1 )"],
    ["$x = $a [0]", "$x = opaque:unparsed|$a [ 0 ]"],
    ["$x = (x a)", "$x = $(x w:a)"],
    ["$x = (\"a\")", "$x = \"a\""],
    ["$x = @{ 1 = 2 }", "$x = @{'1'=2}"],
    ["$x = @{ a }", "$x = @{'a'=opaque:hashtable|a}"],
    ["$x = @{ $k = 1 }", "$x = @{$k=1}"],
    ["$x = @{\na = 1\n}", "$x = @{'a'=1}"],
    ["$x = (-a)", "$x = w:-a"],
    ["$x = (\n1\n)", "$x = 1"],
    ["$x = $(a; b)", "$x = $(a;b)"],
    ["$x = @(a; b)", "$x = (@ $(a;b))"],
    ["$x = $a.b()", "$x = $a.b()"],
    ["$x = $a.b(\n)", "$x = $a.b()"],
    ["$x = $a::b()", "$x = $a::b()"],
    ["$x = $a.b(1)(2)", "$x = opaque:unparsed|$a . b ( 1 ) ( 2 )"],
    ["$x = $a[0][1]", "$x = $a[0][1]"],
    ["$x = $a.b[0]", "$x = $a.b[0]"],
    ["$x = 1 -eq 2 -and 3 -lt 4", "$x = ((1 eq 2) and (3 lt 4))"],
    ["x -a:1 -b 2", "x -a:1 -b 2"],
    ["x -a: 1", "x -a:1"],
    ["x -a:'v'", "x -a:'v'"],
  ])('%j', (text, expected) => {
    expect(parseScript(text).map(st).join(' ;; ')).toBe(expected);
  });
});

describe('statement starts, flow statements, comparison operator names, readScript', () => {
  test.each<[string, string]>([
    ['if ($a) x\ny', 'if[opaque(block expected|x)@1]@1; pipe@2'],
    ['if ($a) { x', 'if[pipe@1]@1'],
    ["'if' ($a) { x }", "opaque(unparsed|'if' ( $a ) { x })@1"],
    ['return; x', 'flow@1; pipe@1'],
    ['exit\nx', 'flow@1; pipe@2'],
    ['{ a }\nx', 'opaque({|{ a })@1; pipe@2'],
  ])('%j', (text, expected) => {
    expect(sum(parseScript(text))).toBe(expected);
  });

  test.each<[string, string]>([
    ['$x = 1 -xeq 2', '$x = opaque:unparsed|1 -xeq 2'],
    ['$x = 1 -eqx 2', '$x = opaque:unparsed|1 -eqx 2'],
    ['$x = 1 -ceqx 2', '$x = opaque:unparsed|1 -ceqx 2'],
    ['$x = 1 -ceq 2 -ieq 3', '$x = ((1 ceq 2) eq 3)'],
  ])('%j', (text, expected) => {
    expect(parseScript(text).map(st).join(' ;; ')).toBe(expected);
  });

  test.each<[string, string[], number]>([
    ["x '", ['line 1: the string is not terminated'], 0],
    ['x (', ['line 1: `(` is never closed'], 0],
    ['x\n)', ['line 2: `)` closes nothing'], 0],
    ['x', [], 1],
  ])('readScript %j', (text, errors, statements) => {
    const r = readScript(text);
    expect(r.errors).toEqual(errors);
    expect(r.statements).toHaveLength(statements);
  });
});

describe('try, catch and finally', () => {
  test.each<[string, string]>([
    ['try { a } catch { b }', 'try[pipe@1]catch[pipe@1]@1'],
    ['try { a }\ncatch [System.Exception] { b }\nfinally { c }', 'try[pipe@1]catch[pipe@2]finally[pipe@3]@1'],
    ['try { a } catch [A], [B] { b }\nx', 'try[pipe@1]catch[pipe@1]@1; pipe@2'],
    ['try { a } catch [A] [B] { b }', 'try[pipe@1]catch[pipe@1]@1'],
    ["try { a }\n'catch' { b }", "try[pipe@1]@1; opaque(unparsed|'catch' { b })@2"],
    ['try { a }\nx', 'try[pipe@1]@1; pipe@2'],
    ['try { a } finally { c } catch { d }', 'try[pipe@1]finally[pipe@1]@1; pipe@1'],
  ])('%j', (text, expected) => {
    expect(sum(parseScript(text))).toBe(expected);
  });
});

describe('the stream number of a redirection is no argument', () => {
  // Before the fix, `1>$null` gave a command without -Value the value 1: NLA read as on where nothing set it.
  test.each<[string, string[], string]>([
    ['2>$null after the name, no value', [`Set-ItemProperty '${TSPOL}' 'UserAuthentication' 2>$null`], 'unknown'],
    ['1>$null after the name, no value', [nla(0), `Set-ItemProperty '${TSPOL}' 'UserAuthentication' 1>$null`], 'unknown'],
    ['2>&1 after the value', [`Set-ItemProperty '${TSPOL}' 'UserAuthentication' 0 2>&1`], 'off@1'],
    ['2>$null before the value', [`Set-ItemProperty '${TSPOL}' 'UserAuthentication' 2>$null 0`], 'off@1'],
  ])('%s', (_name, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('bareword arguments and type literals at an expression end', () => {
  test.each<[string, string]>([
    ["x -a:1,2", "x -a:@(1,2)"],
    ["x 1,2", "x @(1,2)"],
    ["x 5a.b", "x w:5a.b"],
    ["x 5a:b", "x w:5a:b"],
    ["x 5a-b", "x w:5a-b"],
    ["x 5a+b", "x w:5a+b"],
    ["x 5a/b", "x w:5a/b"],
    ["x 5a 6", "x w:5a 6"],
    ["x 5a7b", "x w:5a7b"],
    ["$x = [int] -5", "$x = [int]-5"],
    ["$x = $a -band 1", "$x = ($a band 1)"],
    ["$x = 1 -cLike 'a'", "$x = (1 clike 'a')"],
    ["x *a", "x w:*a"],
    ["x %a", "x w:%a"],
    ["x :a", "x w::a"],
    ["x (1)%a", "x 1 w:%a"],
    ["x a(1)", "x w:a 1"],
    ["x =a", "x w:=a"],
    ["x a=1", "x w:a=1"],
    ["x a:5", "x w:a:5"],
    ["x a.5", "x w:a.5"],
    ["x a-5", "x w:a-5"],
    ["x a+5", "x w:a+5"],
    ["x a/5", "x w:a/5"],
    ["x a 5", "x w:a 5"],
    ["$x = [int]\ny", "$x = [int] ;; y"],
    ["$x = [int];y", "$x = [int] ;; y"],
    ["$x = ([int])", "$x = [int]"],
    ["$x = [int] -eq 1", "$x = ([int] eq 1)"],
    ["$x = [int] -and 1", "$x = ([int] and 1)"],
    ["$x = [int], 1", "$x = @([int],1)"],
    ["$x = [int] | y", "$x = [int] | y"],
  ])('%j', (text, expected) => {
    expect(parseScript(text).map(st).join(' ;; ')).toBe(expected);
  });
});
