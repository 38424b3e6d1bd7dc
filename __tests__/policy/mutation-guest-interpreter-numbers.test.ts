/**
 * Numbers compared with text (issue #20): PowerShell converts the right side to the left side's type. A fraction on the
 * left is a [double], so decimal text compares as a fraction; a whole number may be an [int] (which rounds the text to
 * even) or a [double], which the evaluator does not track, so a fraction in the text is unknown there. A comparison
 * read the wrong way takes a branch the script does not take. Pure: every snippet is built inside its test.
 */
import { nla, nlaOnOff } from './guest-snippets';

/** `on` when `condition` is false, `off` when it is true, `unknown` when the evaluator cannot tell. */
const decide = (condition: string): string => nlaOnOff(`if (${condition}) { ${nla(0)} } else { ${nla(1)} }`);

test.each<[string, string]>([
  ["1.5 -eq '1.5'", 'off'],
  ["1.5 -ne '1.5'", 'on'],
  ["1.5 -eq ' 1.5 '", 'off'],
  ["1.5 -eq '2'", 'on'],
  ["1.5 -lt '1.6'", 'off'],
  ["1.5 -gt '1.25'", 'off'],
  ["-1.5 -eq '-1.5'", 'off'],
  ["1.5 -eq '.5'", 'on'],
  ["0.5 -eq '.5'", 'off'],
  ["2 -eq '2.5' (an [int] would read 2, a [double] 2.5)", 'unknown'],
  ["2 -lt '2.5'", 'unknown'],
  ["2 -eq '2.0'", 'off'],
  ["2 -eq '2'", 'off'],
  ["2 -eq '3'", 'on'],
  ["2 -eq 2.5", 'on'],
  ["'2.5' -eq 2.5 (text on the left compares as text)", 'off'],
  ["2 -eq '2.55'", 'unknown'],
  ["2 -eq 'x2.5' (not a number: no conversion)", 'on'],
  ["2 -eq '2.5x'", 'on'],
  ["$true -ge '1.2' (a [bool] on the left: '1.2' is $true, and $true -ge $true)", 'off'],
])('%s', (condition, expected) => {
  expect(decide(condition.replace(/ \(.*\)$/, ''))).toBe(expected);
});
