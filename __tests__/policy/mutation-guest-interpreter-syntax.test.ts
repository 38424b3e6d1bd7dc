/**
 * The PowerShell reader (policy/guest/powershell-syntax.ts) on token boundaries the interpreter's mutation run
 * (issue #20, STRYKER_SCOPE=interpreter) left open: whitespace kinds, continuations, block comments, here-strings,
 * typographic quotes, unterminated strings, numbers, negative numbers after operands, dashes and stray characters.
 * A reader that moved a token boundary could read code as text, or text as code.
 */
import { tokenize } from '../../policy/guest/powershell-syntax';

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
