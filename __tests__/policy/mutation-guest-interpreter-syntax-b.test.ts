/**
 * The PowerShell reader's commands, arguments, expressions, groups and hashtables (policy/guest/powershell-syntax.ts,
 * from assignment targets to the end) on the inputs the interpreter's mutation run (issue #20,
 * STRYKER_SCOPE=interpreter) left open: tokens whose kind and value disagree (a quoted `'&'` is no call operator),
 * the first and later tokens of a bareword argument, a negative number glued to letters, the end of a cast, member
 * and index access, the end of a group, and the text kept for blocks and opaque hashtable entries.
 * A reader that took a string for an operator could read data as code, or code as data.
 */
import { parseScript } from '../../policy/guest/powershell-syntax';
import { exprText as ex, nla, nlaAtOrWhy as nlaOf, stmtText as st } from './guest-snippets';

const read = (text: string): string => parseScript(text).map(st).join(' ;; ');

describe('a token is an operator only when it is punctuation, not a string or a word with the same text', () => {
  test.each<[string, string]>([
    // pipeline start: a quoted & or . is a value, not a call
    ["'&' x", "opaque:unparsed|'&' x"],
    ["'.' x", "opaque:unparsed|'.' x"],
    // command arguments: a quoted ; | ) } does not end the command, a quoted > < is no redirection
    ["x ')' y", "x ')' w:y"],
    ["x ';' y", "x ';' w:y"],
    ["x '>' y", "x '>' w:y"],
    ["x '<' y", "x '<' w:y"],
    // the first token of a bareword argument, and the tokens glued to it
    ["x '='", "x '='"],
    ["x '-'5", "x '-' 5"],
    ["x a'-'", "x w:a '-'"],
    ["x a'.'", "x w:a '.'"],
    // expressions: a word `and`/`eq`/`not` or a quoted `-5`, `!`, `-` is no operator
    ['$x = 1 and 2', '$x = opaque:unparsed|1 and 2'],
    ['$x = 1 eq 2', '$x = opaque:unparsed|1 eq 2'],
    ["$x = 1 '-5'", "$x = opaque:unparsed|1 '-5'"],
    ['$x = 1 + not 1', '$x = opaque:unparsed|1 + not 1'],
    ["$x = '-' 5", "$x = opaque:unparsed|'-' 5"],
    ["$x = 1 + '!' 1", "$x = opaque:unparsed|1 + '!' 1"],
    // a quoted [ is no type literal
    ["$x = '['", "$x = '['"],
    ["$x = 1 + '[' 1", "$x = opaque:unparsed|1 + '[' 1"],
    // members and indexes: a quoted . or [ after a value is no access
    ["$x = $a'.'b", "$x = opaque:unparsed|$a '.' b"],
    ["$x = $a'['", "$x = opaque:unparsed|$a '['"],
    // the end of a cast: a word `eq` or a quoted `)` is what is cast
    ['$x = [int] eq', '$x = [int]w:eq'],
    ["$x = [int] ')'", "$x = [int]')'"],
  ])('%j', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  test('a quoted & before a command that turns NLA off does not run it: the statement is not evaluated', () => {
    expect(nlaOf(nla(1), `'&' ${nla(0)}`)).toMatch(/^unknown: line 2: .* \(unparsed\) is not evaluated$/);
  });
});

describe('command arguments', () => {
  test.each<[string, string]>([
    // punctuation that starts a bareword argument
    ['x !a', 'x w:!a'],
    ['x -', 'x w:-'],
    ['x -/a', 'x w:-/a'],
    ['x .b', 'x w:.b'],
    // a `:` token follows a parameter only: after `,-a` it starts the next argument
    ['x 1,-a:b', 'x @(1,w:-a) w::b'],
    // punctuation glued to a bareword argument
    ['x =.b', 'x w:=.b'],
    ['x =-', 'x w:=-'],
    ['x =+', 'x w:=+'],
    ['x =/', 'x w:=/'],
    // a negative number followed by letters is one bareword, up to a space or a bracket
    ['x -5abc', 'x w:-5abc'],
    ['x -5a b', 'x w:-5a w:b'],
    ['x -5a(1)', 'x w:-5a 1'],
    // a redirection before the end of the statement has no target
    ['x >; y', 'x ;; y'],
  ])('%j', (text, expected) => {
    expect(read(text)).toBe(expected);
  });
});

describe('expressions', () => {
  test.each<[string, string]>([
    // a word inside an expression is a word, not a parameter
    ['$x = 1 + a', '$x = (1 + w:a)'],
    ['$x = 1, a', '$x = @(1,w:a)'],
    // a cast ends at an operator parameter only: other parameters are what is cast
    ['$x = [int] -x', '$x = [int]w:-x'],
    ['$x = [int] -xand', '$x = [int]w:-xand'],
    ['$x = [int] -andx', '$x = [int]w:-andx'],
    ['$x = $a[[int]]', '$x = $a[[int]]'],
    ['x ([int] = 1)', 'x $([int];opaque:unparsed|= 1)'],
    // a member name is a word, a variable or a string: not a number
    ['$x = $a.5', '$x = opaque:unparsed|$a . 5'],
    // an index on an assignment target that does not close is no assignment
    ['$x[1 y= 3]', '$x[$(opaque:unparsed|y = 3 ])]'],
    // the end of a line where an operand is expected: unreadable, and the next line is a statement of its own
    ['$x = -\ny', '$x = (- bad:end of line) ;; y'],
    ['$x = -,', '$x = (- bad:,)'],
    // an assignment in parentheses
    ['$y = ($x = 1)', '$y = $($x = 1)'],
    // the case-sensitive prefix of a comparison, in any case
    ['$x = 1 -eq 2', '$x = (1 eq 2)'],
    ['$x = 1 -CEQ 2', '$x = (1 ceq 2)'],
    ['$x = 1 -Ilike 2', '$x = (1 like 2)'],
  ])('%j', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  test('an assignment in parentheses is evaluated', () => {
    expect(nlaOf('$y = ($x = 0)', nla('$x'))).toBe('off@2');
  });
});

describe('parentheses, indexes and method arguments that hold more than PowerShell allows are read as unknown', () => {
  // Before the fix, `(1 0)`, `(0; 1)`, `$v[0 1]` and `.M(1 2)` were read up to the first value and the rest as further
  // arguments or statements: a script PowerShell refuses to run (so it turns nothing on) read as NLA on.
  test.each<[string, string[], string]>([
    ['two values in parentheses as an argument', [nla('(1 0)')], 'unknown: line 1: `0` (unparsed) is not evaluated'],
    ['two statements in parentheses assigned', [nla(1), '$v = (0; 1)'], 'unknown: line 2: `; 1` (unparsed) is not evaluated'],
    ['two values in parentheses in a command argument', [nla(1), 'Write-Output (1 2)'], 'unknown: line 2: `2` (unparsed) is not evaluated'],
    ['a value on the next line in parentheses', [nla('(1\n0)')], 'unknown: line 2: `0` (unparsed) is not evaluated'],
    ['two indexes without a comma', ['$v = @(1, 0)', nla('$v[0 1]')], 'unknown: line 2: `1` (unparsed) is not evaluated'],
    ['two method arguments without a comma', [nla("'1'.Trim('a' 'b')")], "unknown: line 1: `'b'` (unparsed) is not evaluated"],
  ])('%s', (_name, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('a list of indexes in a parameter default is one default', () => {
    const f = parseScript('function f($p = $a[0,1], $q) {}')[0];
    expect(f.t === 'function' ? f.params.map((p) => `${p.name}=${p.default ? ex(p.default) : ''}`) : []).toEqual(['p=$a[@(0,1)]', 'q=']);
  });

  test('the index and the arguments that are read still count', () => {
    expect(nlaOf('$v = @(1, 0)', nla('$v[1]'))).toBe('off@2');
    expect(nlaOf('$v = @(1, 0)', nla('$v[0]'))).toBe('on@2');
  });

  test.each<[string, string]>([
    ['$x = (1; 2)', '$x = $(1;opaque:unparsed|; 2)'],
    ['x (1 2) y', 'x $(1;opaque:unparsed|2) w:y'],
    ['$x = (1)', '$x = 1'],
    ['$x = (x\n| y)', '$x = $(x | y)'],
    ['$x = $a[0]', '$x = $a[0]'],
    ['$x = $a[0 1]', '$x = $a[$(opaque:unparsed|1)]'],
    ['$x = $a[0,1]', '$x = $a[@(0,1)]'],
    ['$x = [Math]::Max($a[0,1], 2)', '$x = [Math]::Max($a[@(0,1)],2)'],
    ['$x = $a.b(1, 2)', '$x = $a.b(1,2)'],
    ['$x = $a.b(1 2)', '$x = $a.b(1,$(opaque:unparsed|2))'],
    ['$x = $a.b(1 2, 3)', '$x = $a.b(1,$(opaque:unparsed|2 , 3))'],
  ])('%j', (text, expected) => {
    expect(read(text)).toBe(expected);
  });
});

describe('a block keeps its own text, without the end of the script, when something inside runs to the end', () => {
  test.each<[string, string]>([
    ['$x = { - }', '$x = {(- bad:})|"{ - }"}'],
    ['$x = { $a.b(-) }', '$x = {$a.b((- bad:)),$(opaque:unparsed|}))|"{ $a . b ( - ) }"}'],
    ['$x = { $a[-] }', '$x = {$a[$(opaque:unparsed|})]|"{ $a [ - ] }"}'],
    ['$x = { $(-) }', '$x = {$((- bad:));bad:})|"{ $( - ) }"}'],
    ['$x = { (-) }', '$x = {$((- bad:));opaque:unparsed|})|"{ ( - ) }"}'],
    ['$x = { @{ a = $(-) } }', '$x = {@{\'a\'=$((- bad:));bad:};bad:})}|"{ @{ a = $( - ) } }"}'],
  ])('%j', (text, expected) => {
    expect(read(text)).toBe(expected);
  });
});

describe('a hashtable entry without `=`', () => {
  test('is not evaluated, and the reason shows the entry', () => {
    expect(nlaOf(nla(1), '$h = @{ a b }')).toBe('unknown: line 2: `a b` (hashtable) is not evaluated');
    expect(read('$h = @{ a b; c = 1 }')).toBe("$h = @{'a'=opaque:hashtable|a b;'c'=1}");
  });
});
