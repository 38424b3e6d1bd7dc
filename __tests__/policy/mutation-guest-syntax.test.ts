/**
 * The PowerShell reader of the guest-script evaluator (policy/guest/powershell-syntax.ts) on small
 * hand-written texts (issue #20, mutation testing): the tokens it reads, and the forms that decide
 * whether a write runs at all (comments, here-strings, continuations, quotes, separators). A reader
 * that mistook a comment for code, or code for a comment, would change what the reviewer is told.
 */
import { parseNumber, parseScript, syntaxErrors, tokenize } from '../../policy/guest/powershell-syntax';
import { nla, nlaAt as nlaOf, TSPOL } from './guest-snippets';

/** Tokens as `kind:value@line` (`nl` tokens left out). */
const toks = (text: string): string[] => tokenize(text).filter((t) => t.kind !== 'nl').map((t) => `${t.kind}:${t.value}@${t.line}`);

describe('what runs and what does not', () => {
  test.each<[string, string[], string]>([
    ['a comment line', [nla(1), `# ${nla(0)}`], 'on@1'],
    ['a comment after code', [`${nla(1)} # ; ${nla(0)}`], 'on@1'],
    ['a block comment', [nla(1), '<#', nla(0), '#>'], 'on@1'],
    ['a block comment on one line, code after it', [`<# x #> ${nla(0)}`], 'off@1'],
    ['lines after a block comment keep their numbers', ['<#', 'a', '#>', nla(0)], 'off@4'],
    ['an unterminated block comment hides the rest', [nla(1), '<#', nla(0)], 'on@1'],
    ['a single-quoted here-string is text', [nla(1), "$t = @'", nla(0), "'@"], 'on@1'],
    ['a double-quoted here-string is text', [nla(1), '$t = @"', nla(0), '"@', nla(0)], 'off@5'],
    ['a here-string with CRLF line ends', [nla(1) + '\r', "$t = @'\r", nla(0) + '\r', "'@\r", nla(0)], 'off@5'],
    ['a backtick continuation', [`Set-ItemProperty -Path '${TSPOL}' \``, "  -Name 'UserAuthentication' `", '  -Value 0'], 'off@1'],
    ['a backtick continuation with CRLF', [`Set-ItemProperty -Path '${TSPOL}' \`\r`, "  -Name 'UserAuthentication' -Value 0", nla(0)], 'off@3'],
    ['two statements on one line', [`${nla(1)}; ${nla(0)}`], 'off@1'],
    ['a string that contains a statement', [nla(1), `Write-Host '${nla(0).replace(/'/g, "''")}'`], 'on@1'],
    ['a doubled quote inside a single-quoted string', [nla(1), "Write-Host 'it''s; fine'", nla(0)], 'off@3'],
    ['typographic quotes', [`Set-ItemProperty -Path \u2018${TSPOL}\u2019 -Name \u201cUserAuthentication\u201d -Value 0`], 'off@1'],
    ['an en dash before a parameter', [`Set-ItemProperty \u2013Path '${TSPOL}' \u2013Name UserAuthentication \u2013Value 0`], 'off@1'],
    ['a parameter with a colon', [`Set-ItemProperty -Path:'${TSPOL}' -Name:UserAuthentication -Value:0`], 'off@1'],
    ['a multi-line string keeps the line count', ["$t = 'a", "b'", nla(0)], 'off@3'],
    ['a multi-line double-quoted string keeps the line count', ['$t = "a', 'b"', nla(0)], 'off@3'],
    ['a "$(…)" with a quote inside', [`$t = "x$(Write-Host "y")"`, nla(0)], 'off@2'],
    ['a doubled double quote', ['$t = "a""b"', nla(0)], 'off@2'],
    ['a hexadecimal value', [nla('0x0')], 'off@1'],
    ['a negative value', [nla('-1')], 'off@1'],
    ['a value with a multiplier', [nla('1kb')], 'off@1'],
    ['a decimal value rounds', [nla('0.4')], 'off@1'],
    ['an exponent', [nla('1e0')], 'on@1'],
    ['a leading-dot decimal', [nla('.9')], 'on@1'],
    ['a value with a type suffix', [nla('1l')], 'on@1'],
    ['a variable in braces', ['${my var} = 0', nla('${my var}')], 'off@2'],
    ['a relative program path runs code', [nla(1), '.\\tool.exe'], 'unknown'],
    ['a parenthesized pipeline', [nla('(0)')], 'off@1'],
    ['an array written with commas', ['$a = 1, 0', nla('$a[1]')], 'off@2'],
    ['a hashtable over several lines', ['$h = @{', '  a = 1', '  b = 0', '}', nla('$h.b')], 'off@5'],
    ['a hashtable with ; separators', ['$h = @{ a = 1; b = 0 }', nla('$h.b')], 'off@2'],
    ['a static member call', ['$v = [Math]::Max(0, 0)', nla('$v')], 'unknown'],
    ['a pipeline split after |', [`Get-Item x |`, `  Set-ItemProperty -Path '${TSPOL}' -Name UserAuthentication -Value 0`], 'off@1'],
    ['an if over several lines', [nla(1), 'if ($true)', '{', nla(0), '}'], 'off@4'],
    ['else on the next line', ['if ($false) {', nla(1), '}', 'else {', nla(0), '}'], 'off@5'],
    ['try/catch/finally over several lines', ['try', '{', nla(1), '}', 'catch', '{', 'exit 1', '}', 'finally', '{', 'Write-Host x', '}'], 'on@3'],
    ['a catch with a type', ['try {', nla(0), '} catch [System.Exception] {', 'exit 1', '}'], 'off@2'],
    ['a foreach over several lines', ['foreach ($v in @(1, 0))', '{', nla('$v'), '}'], 'off@3'],
    ['a function whose body starts on the next line', ['function F', '{', nla(0), '}', 'F'], 'off@3'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('tokens', () => {
  test.each<[string, string[]]>([
    ["'a''b'", ['str:a\'b@1']],
    ['"a`"b"', ['xstr:a`"b@1']],
    ['$env:X $script:y ${a b} $_ $?', ['var:env:X@1', 'var:script:y@1', 'var:a b@1', 'var:_@1', 'var:?@1']],
    ['-Name -Value:1', ['param:Name@1', 'param:Value@1', 'punct::@1', 'num:1@1']],
    ['1 -1 0x1F 2kb 1.5 .5', ['num:1@1', 'num:-1@1', 'num:0x1F@1', 'num:2kb@1', 'num:1.5@1', 'num:.5@1']],
    ['$a-1', ['var:a@1', 'punct:-@1', 'num:1@1']],
    ['$a -1', ['var:a@1', 'num:-1@1']],
    ['@( @{ $( :: += -= ! ;', ['punct:@(@1', 'punct:@{@1', 'punct:$(@1', 'punct:::@1', 'punct:+=@1', 'punct:-=@1', 'punct:!@1', 'punct:;@1']],
    ['.\\x.exe C:\\y.exe', ['word:.\\x.exe@1', 'word:C:\\y.exe@1']],
    ['$x.Name', ['var:x@1', 'punct:.@1', 'word:Name@1']],
    ['a\n`\nb', ['word:a@1', 'word:b@3']],
    ['a `\nb', ['word:a@1', 'word:b@2']],
    ['<# a\nb #> c', ['word:c@2']],
    ["@'\nx\n'@ y", ["str:x@1", 'word:y@3']],
    ['@"\n$a\n"@', ['xstr:$a@1']],
    ['Get-Item$x', ['word:Get-Item@1', 'var:x@1']],
  ])('%s', (text, expected) => {
    expect(toks(text)).toEqual(expected);
  });

  test('spacing is recorded', () => {
    expect(tokenize('a  b(c)').map((t) => `${t.value}:${t.spaced}`)).toEqual(['a:true', 'b:true', '(:false', 'c:false', '):false', '\n:false']);
  });
});

describe('numbers', () => {
  test.each<[string, number]>([
    ['1', 1],
    ['0x1F', 31],
    ['-0x10', -16],
    ['2kb', 2048],
    ['1mb', 1048576],
    ['1gb', 1073741824],
    ['1tb', 1099511627776],
    ['1pb', 1125899906842624],
    ['1.5', 1.5],
    ['3l', 3],
    ['2d', 2],
    ['-7', -7],
    ['1e3', 1000],
  ])('%s is %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
});

describe('syntax errors', () => {
  test.each<[string, string[]]>([
    ["'open", ['line 1: the string is not terminated']],
    ['"open', ['line 1: the string is not terminated']],
    ['a\n(b', ['line 2: `(` is never closed']],
    ['a)', ['line 1: `)` closes nothing']],
    ['{ ]', ['line 1: `]` closes `{` of line 1']],
    ['$( }', ['line 1: `}` closes `$(` of line 1']],
    ['@{ a = 1 }', []],
    ['@( 1 )', []],
    ['"$(1)"', []],
  ])('%j', (text, errors) => {
    expect(syntaxErrors(text)).toEqual(errors);
  });
});

describe('statements', () => {
  test('a function with typed parameters, defaults and attributes', () => {
    const [f] = parseScript('function global:Set-X([Parameter(Mandatory)][int]$A, [string]$B = \'x\', $C) { Write-Host $A }');
    expect(f.t === 'function' && [f.name, f.params.map((p) => `${p.name}:${p.type ?? ''}:${p.default ? JSON.stringify(p.default) : ''}`)]).toEqual(['Set-X', ['a:int:', 'b:string:{"t":"str","value":"x"}', 'c::']]);
  });

  test('the function text is its tokens after the name, single-spaced (the fingerprinted form)', () => {
    const [f] = parseScript("function F($a) {\n  # comment\n  Write-Host   \"x $a\" 'y' -NoNewline\n}");
    expect(f.t === 'function' && f.text).toBe('( $a ) { \n \n Write-Host "x $a" \'y\' -NoNewline \n }');
  });

  test('keywords the reader does not model become opaque statements', () => {
    expect(parseScript('while ($x) { a }\ndo { b } until ($y)\nswitch ($z) { 1 { c } }\nclass K { }\nparam($p)').map((s) => (s.t === 'opaque' ? `${s.keyword}@${s.line}` : s.t))).toEqual(['while@1', 'do@2', 'switch@3', 'class@4', 'param@5']);
  });

  test('flow statements with and without values', () => {
    expect(parseScript('return\nexit 3\nthrow "x"\nbreak\ncontinue').map((s) => (s.t === 'flow' ? `${s.kind}:${s.value ? 'value' : '-'}` : s.t))).toEqual(['return:-', 'exit:value', 'throw:value', 'break:-', 'continue:-']);
  });

  test('assignments: operators and targets', () => {
    expect(parseScript('$a = 1\n$b += 2\n$c -= 3\n$h.x = 4\n$h[\'y\'] = 5\n[int]$d = 6').map((s) => (s.t === 'assign' ? `${s.op}:${s.target.t}` : s.t))).toEqual(['=:var', '+=:var', '-=:var', '=:member', '=:index', '=:cast']);
  });

  test('a command invoked with & or . and its arguments', () => {
    const [p] = parseScript("& 'x.exe' -A 1 b\n");
    expect(p.t === 'pipeline' && p.elements[0]).toEqual({ t: 'cmd', name: { t: 'str', value: 'x.exe' }, invoke: '&', args: [{ t: 'named', name: 'A' }, { t: 'pos', value: { t: 'num', value: 1 } }, { t: 'pos', value: { t: 'word', value: 'b' } }] });
    const [d] = parseScript('. .\\x.ps1');
    expect(d.t === 'pipeline' && d.elements[0]).toEqual({ t: 'cmd', name: '.\\x.ps1', invoke: '.', args: [] });
  });
});
