/**
 * Methods that change a hashtable or an array in place (issue #20): PowerShell's containers are shared by reference,
 * so a method the evaluator does not model (`.Remove`, `.Add`, `.Clear`, `[array]::Reverse`) may change what every
 * variable holding the object reads. Those variables become unknown; methods known to change nothing keep them.
 * Pure: every snippet is built inside its test.
 */
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { deriveGuestState } from '../../policy/guest/guest-state';
import { parseScript } from '../../policy/guest/powershell-syntax';
import { nla, nlaOnOff as nlaOf } from './guest-snippets';

describe('a container changed by a method', () => {
  test.each<[string, string, string]>([
    ['.Remove and .Add replace an entry (PowerShell: off)', `$h = @{v=1}; $h.Remove('v'); $h.Add('v', 0); ${nla('$h.v')}`, 'unknown'],
    ['.Clear through another variable holding the same hashtable', `$h = @{v=1}; $g = $h; $g.Clear(); ${nla('$h.v')}`, 'unknown'],
    ['a hashtable inside another one, changed through the outer one', `$in = @{v=1}; $out = @{in=$in}; $out['in'].Remove('v'); ${nla('$in.v')}`, 'unknown'],
    ['[array]::Reverse changes the array passed to it (PowerShell: off)', `$a = @(1, 0); [array]::Reverse($a); ${nla('$a[0]')}`, 'unknown'],
    ['a method of an unknown object, given the hashtable', `$h = @{v=1}; $list.Add($h); ${nla('$h.v')}`, 'unknown'],
    ['a method whose name only ends like a pure one', `$h = @{v=1}; $h.ClearAndClone(); ${nla('$h.v')}`, 'unknown'],
    ['a method whose name only starts like a pure one', `$h = @{v=1}; $h.ContainsKeyOrAdd('v', 0); ${nla('$h.v')}`, 'unknown'],
  ])('%s', (_name, script, expected) => {
    expect(nlaOf(script)).toBe(expected);
  });

  test('the reason names the method', () => {
    const s = deriveGuestState(evaluateScript(`$h = @{v=1}; $h.Remove('v'); ${nla('$h')}`)).nla;
    expect(s).toMatchObject({ state: 'unknown', reason: expect.stringContaining('passed to `.Remove(…)`, which may change it') });
  });

  test.each<[string, string]>([
    ['.ContainsKey', `$h = @{v=1}; if ($h.ContainsKey('v')) { $x = 1 }; ${nla('$h.v')}`],
    ['.Contains of an array', `$a = @(1); $found = $a.Contains(1); ${nla('$a[0]')}`],
    ['.Clone, and a change of the clone', `$h = @{v=1}; $c = $h.Clone(); $c.Clear(); ${nla('$h.v')}`],
    ['a method given a number, not a container', `$h = @{v=1}; $list.Add(1); ${nla('$h.v')}`],
  ])('%s changes nothing: the value stays known', (_name, script) => {
    expect(nlaOf(script)).toBe('on');
  });
});

describe('a member of a member', () => {
  // `$c.a.b` reaches the reader as `.` and the word `a.b`: it was read as one member named `a.b`, which no hashtable
  // has, so `if ($c.a.b)` was false whatever `b` held.
  test.each<[string, string, string]>([
    ['a nested entry decides a branch (PowerShell: off)', `$c = @{a=@{b=1}}; if ($c.a.b) { ${nla('0')} } else { ${nla('1')} }`, 'off'],
    ['a nested entry is the value written', `$c = @{a=@{b=1}}; ${nla('$c.a.b')}`, 'on'],
    ['three levels', `$c = @{a=@{b=@{d=0}}}; ${nla('$c.a.b.d')}`, 'off'],
    ['a quoted name with a dot is one name', `$c = @{'a.b'=0; a=@{b=1}}; ${nla("$c.'a.b'")}`, 'off'],
    ['a method of a nested entry', `$c = @{a=@{b='X'}}; if ($c.a.b.ToLower() -eq 'x') { ${nla('0')} }`, 'off'],
    ['an empty name between dots is not read', `$c = @{a=1}; ${nla('$c.a..1')}`, 'unknown'],
  ])('%s', (_name, script, expected) => {
    expect(nlaOf(script)).toBe(expected);
  });
});

describe('a member of a member, as read', () => {
  test.each<[string, unknown]>([
    ['$c.a.b', { t: 'member', target: { t: 'member', target: { t: 'var', name: 'c' }, name: 'a', isStatic: false }, name: 'b', isStatic: false }],
    ['[T]::A.B', { t: 'member', target: { t: 'member', target: { t: 'type', type: 'T' }, name: 'A', isStatic: true }, name: 'B', isStatic: false }],
    ['[T]::A.B.C', { t: 'member', target: { t: 'member', target: { t: 'member', target: { t: 'type', type: 'T' }, name: 'A', isStatic: true }, name: 'B', isStatic: false }, name: 'C', isStatic: false }],
    ['[T]::A', { t: 'member', target: { t: 'type', type: 'T' }, name: 'A', isStatic: true }],
    ['$c.a.b()', { t: 'call', target: { t: 'member', target: { t: 'var', name: 'c' }, name: 'a', isStatic: false }, name: 'b', isStatic: false, args: [] }],
    ['$c.a..1', { t: 'bad', text: '.a..1' }],
    ['$c.a.', { t: 'bad', text: '.a.' }],
  ])('%s', (text, expected) => {
    expect(parseScript(text)).toEqual([{ t: 'pipeline', elements: [{ t: 'expr', expr: expected }], line: 1 }]);
  });

  test('an empty name after a dot (`$c.a.`, a parse error in PowerShell) is unknown, never the entry named ""', () => {
    const s = deriveGuestState(evaluateScript(`$c = @{a=@{''=0}}; ${nla('$c.a.')}`)).nla;
    expect(s).toMatchObject({ state: 'unknown', reason: expect.stringContaining('.a.') });
  });
});
