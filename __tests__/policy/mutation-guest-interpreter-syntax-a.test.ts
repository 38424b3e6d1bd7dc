/**
 * The PowerShell reader (policy/guest/powershell-syntax.ts, lines 1–640: tokenizer, statements, attributes,
 * conditions, assignment targets) on the cases the interpreter's mutation run (issue #20, STRYKER_SCOPE=interpreter)
 * left open. Each case asks what a reviewer would ask: does this line write NLA, which statement is left
 * unevaluated (and so makes the settings unknown), what is an assignment and what is not. One survivor showed a real
 * bug, fixed here: a program run by a path like `//server/share/tool.exe` read as an expression with no effect.
 * Pure: every snippet is built inside its test.
 */
import { parseScript, type Stmt } from '../../policy/guest/powershell-syntax';
import { nla, nlaAtOrWhy as nlaOf } from './guest-snippets';

/** Statements in short: opaque ones with keyword and text, blocks with their bodies, functions with their text. */
function sum(stmts: readonly Stmt[]): string {
  return stmts
    .map((s) => {
      if (s.t === 'opaque') return `opaque(${s.keyword}|${s.text})@${s.line}`;
      if (s.t === 'if') return `if[${s.clauses.map((c) => `${sum([c.cond])}:${sum(c.body)}`).join('/')}${s.otherwise ? ` else ${sum(s.otherwise)}` : ''}]@${s.line}`;
      if (s.t === 'function') return `function ${s.name}[${sum(s.body)}|${s.text}]@${s.line}`;
      if (s.t === 'foreach') return `foreach $${s.variable} in ${sum([s.items])}[${sum(s.body)}]@${s.line}`;
      if (s.t === 'assign') return `assign(${sum([s.value])})@${s.line}`;
      if (s.t === 'pipeline') return `pipe${s.elements.length}@${s.line}`;
      return `${s.t}@${s.line}`;
    })
    .join('; ');
}

describe('what is an assignment: only a variable, or a variable after a type, takes a value', () => {
  // A reader that took any token before `=` as a variable would give a value to a name PowerShell never assigns
  // (the line is a parse error there), and a later write reading that name would look known.
  test.each<[string, string[], string]>([
    ['a quoted `=` is no assignment operator', ['$v = 0', "$v '=' 1", nla('$v')], "unknown: line 2: `$v '=' 1` (unparsed) is not evaluated"],
    ['a string before `=` is no variable', ["'[' = 0", nla('${[}')], "unknown: line 1: `'[' = 0` (unparsed) is not evaluated"],
    ['a punctuation mark before `=` is no variable', ['. = 0', nla('${.}')], 'unknown: line 1: runs a command whose name is computed'],
    ['a string after a type is no variable', ["[int]'v' = 0", nla('$v')], "unknown: line 1: `[ int ] 'v' = 0` (unparsed) is not evaluated"],
    ['a quoted `;` does not end the value', ["$v = 0 ';'", nla('$v')], "unknown: line 1: `0 ';'` (unparsed) is not evaluated"],
    ['a quoted `}` does not end the value', ["$v = 0 '}'", nla('$v')], "unknown: line 1: `0 '}'` (unparsed) is not evaluated"],
  ])('%s', (_name, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('an attribute before a variable is skipped whole, whatever brackets and strings it holds', () => {
  // Before a variable, `[Attribute(…)]` must end at its own `]`: ending it earlier leaves a stray `]`, the line is
  // no longer an assignment, and the whole script reads as unknown although it sets NLA on.
  test.each<[string, string]>([
    ['a script block', '[ValidateScript({ $_ -ne 1 })]$v = 0'],
    ['a hashtable', '[ValidateSet(@{ a = 1 }.Keys)]$v = 0'],
    ['a quoted `]`', "[ValidateSet(']', '0')]$v = 0"],
    ['a comma between arguments', '[ValidateRange(0, 1)]$v = 0'],
  ])('%s', (_name, line) => {
    expect(nlaOf(line, nla(1))).toBe('on@2');
    expect(sum(parseScript(`${line}\ny`))).toBe('assign(pipe1@1)@1; pipe1@2');
  });
});

describe('a redirection needs its stream number (1-6 or *) right before `>`', () => {
  test.each<[string, string, string]>([
    ['`0>` is the value 0 and then a redirection', nla('0>$null'), 'off@1'],
    ['a value then `>` after a space', nla('0 >$null'), 'off@1'],
    ['`2>$null` after the value', nla('0 2>$null'), 'off@1'],
  ])('%s', (_name, line, expected) => {
    expect(nlaOf(line)).toBe(expected);
  });
});

describe('a program run by a path at a statement start', () => {
  // PowerShell reads an operator character glued to the next one as the start of a command name in command mode
  // (its tokenizer's CheckOperatorInCommandMode): `//server/share/tool.exe` runs a program from a share. The reader
  // used to take `//x` as a division of nothing by `x`, an expression with no effect, and kept NLA known (fixed).
  test.each<[string, string]>([
    ['//fileserver/tools/set-nla.exe', 'unknown: line 2: runs //fileserver/tools/set-nla.exe, a program the evaluator does not follow'],
    ['/\\fileserver\\tools\\set-nla.exe', 'unknown: line 2: runs /\\fileserver\\tools\\set-nla.exe, a program the evaluator does not follow'],
    ['.\\set-nla.exe', 'unknown: line 2: runs set-nla.exe, a program the evaluator does not follow'],
  ])('%s', (line, expected) => {
    expect(nlaOf(nla(1), line)).toBe(expected);
  });
});

describe('the end of the script', () => {
  test('a lone `function` at the end is unevaluated, not a crash', () => {
    expect(nlaOf(nla(0), 'function')).toBe('unknown: line 2: `` (function) is not evaluated');
  });

  test.each(['if ($a) { $x = 1 }\n\n', 'try { $x = 1 }\n\n', 'if ($a) { $x = 1 }\n\n\n'])('blank lines after a block end the reading: %j', (text) => {
    expect(parseScript(text)).toHaveLength(1);
  });
});

describe('conditions and loop headers', () => {
  test('a condition without parentheses is unevaluated, and the reason says so', () => {
    expect(nlaOf(nla(1), 'if x { a }')).toBe('unknown: line 2: `x { a }` (condition) is not evaluated');
  });

  test.each<[string, string]>([
    // a stray token before `)` is left for the block reader, which reports it; the `)` starts the next statement
    ['if ($a b) { x }\ny', 'if[pipe1@1:opaque(block expected|b)@1]@1; opaque(unparsed|) { x })@1; pipe1@2'],
    ['foreach ($x in $y z) { a }\ny', 'foreach $x in pipe1@1[opaque(block expected|z)@1]@1; opaque(unparsed|) { a })@1; pipe1@2'],
    // inside the parentheses a pipeline continues on the next line
    ['if ($a\n| x) { b }', 'if[pipe2@1:pipe1@2]@1'],
    ['if ($v = xif\n| y) { a }', 'if[assign(pipe2@1)@1:pipe1@2]@1'],
    ['if ($v = iffy\n| y) { a }', 'if[assign(pipe2@1)@1:pipe1@2]@1'],
    ['if ($v = formats\n| y) { a }', 'if[assign(pipe2@1)@1:pipe1@2]@1'],
    ["if ($v = 'if'\n| y) { a }", 'if[assign(pipe2@1)@1:pipe1@2]@1'],
  ])('%j', (text, expected) => {
    expect(sum(parseScript(text))).toBe(expected);
  });
});

describe('opaque statements and quoted punctuation', () => {
  test.each<[string, string]>([
    ["while ';' x\ny", "opaque(while|while ';' x)@1; pipe1@2"],
    ["x '|' y", 'pipe1@1'],
  ])('%j', (text, expected) => {
    expect(sum(parseScript(text))).toBe(expected);
  });
});

describe('unterminated text keeps its own tokens only', () => {
  // `readScript` refuses unpaired brackets, but the text of a `$( )` inside a string is read on its own (the
  // evaluator pairs only parentheses there): a statement's text is its tokens, never the end of the text.
  test.each<[string, string]>([
    ['function f { x', 'function f[pipe1@1|{ x]@1'],
    ['function f { if ($a) { x', 'function f[if[pipe1@1:pipe1@1]@1|{ if ( $a ) { x]@1'],
    ['function f($a', 'opaque(function|( $a)@1'],
  ])('%j', (text, expected) => {
    expect(sum(parseScript(text))).toBe(expected);
  });
});
