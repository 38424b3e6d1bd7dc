/**
 * The guest-script evaluator's state, joins and statement walk (policy/guest/evaluate-script.ts, its first part:
 * scopes, merges, forks through catch blocks, failure points, statements used as values, `if` and `foreach`) on
 * small hand-written PowerShell snippets (issue #20, mutation testing). Each case asks what a reviewer would ask:
 * is NLA (the firewall, the lockout policy) known, and if not, which reason is shown. Pure: every snippet is
 * built inside its test.
 */
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { deriveGuestState, GuestState, Setting } from '../../policy/guest/guest-state';
import { guest, nla, show } from './guest-snippets';

/** NLA as a reviewer sees it: `set true @line`, `unknown: reason` or `unset`. */
const nlaOf = (...lines: string[]): string => show(guest(...lines).nla);

/** `n` catch clauses (each sets `$v` to its number) after a `try` whose body always throws. */
function catches(n: number): string {
  const clauses = Array.from({ length: n }, (_, i) => (i === n - 1 ? `catch { $v = ${i} }` : `catch [T${i}] { $v = ${i} }`));
  return `try { throw 'x' } ${clauses.join(' ')}`;
}

/** Loops whose bodies hold a try/catch: one catch path followed on its own per round (`rounds` in all). */
function catchRounds(rounds: number): string[] {
  const loops: string[] = [];
  for (let left = rounds; left > 0; left -= 64) {
    const items = Array.from({ length: Math.min(64, left) }, (_, i) => i + 1).join(', ');
    loops.push(`foreach ($i in @(${items})) { try { $null = 1 } catch { } }`);
  }
  return loops;
}

describe('what is left when no path completes', () => {
  test.each<[string, string, boolean, boolean]>([
    ['a syntax error (nothing runs)', 'if ($x) {', false, true],
    ['every path throws', "throw 'no'", false, false],
    ['a script that completes', '$x = 1', true, false],
  ])('%s', (_label, text, completes, syntaxError) => {
    const facts = evaluateScript(text);
    expect({ completes: facts.completes, registryTaint: facts.registryTaint, firewallTaint: facts.firewallTaint, lockoutTaint: facts.lockoutTaint }).toEqual({ completes, registryTaint: [], firewallTaint: [], lockoutTaint: [] });
    expect(facts.syntaxErrors.length > 0).toBe(syntaxError);
    expect(show(deriveGuestState(facts).nla)).toBe('unset');
  });

  test('a value passed to `exit` by a function that always throws: the script fails there', () => {
    const facts = evaluateScript(["function F { throw 'x' }", nla(0), 'exit (F)'].join('\n'));
    expect(facts.completes).toBe(false);
  });
});

describe('arbitrary code before a try: a catch path starts from a state that keeps its taint', () => {
  const IEX = 'line 1: `Invoke-Expression` can run arbitrary code or change settings the evaluator does not follow';
  test.each<[string, (g: GuestState) => Setting<unknown>, string]>([
    ['NLA (registry)', (g) => g.nla, nla(1)],
    ['the firewall', (g) => g.firewall, 'New-NetFirewallRule -Name r1 -LocalPort 5'],
    ['the lockout policy', (g) => g.lockoutThreshold, 'net accounts /lockoutthreshold:5'],
  ])('%s', (_label, pick, write) => {
    expect(show(pick(guest('Invoke-Expression $x', "try { throw 'no' } catch { }", write)))).toBe(`unknown: ${IEX}`);
  });
});

describe('variable scopes', () => {
  test.each<[string, string[], string]>([
    ['$env: is never known, whatever the script assigns', ['$x = 1', nla('$env:X')], 'unknown: line 2: $env:x'],
    ['$global: reads the global, not the local of the same name', ['$v = 1', 'function F { $v = 0; ' + nla('$global:v') + ' }', 'F'], 'set true @2'],
    ['$script: reads the global, not the local of the same name', ['$v = 1', 'function F { $v = 0; ' + nla('$script:v') + ' }', 'F'], 'set true @2'],
    ['$local: reads the local', ['$v = 1', 'function F { $v = 0; ' + nla('$local:v') + ' }', 'F'], 'set false @2'],
    ['a plain name reads the local', ['$v = 1', 'function F { $v = 0; ' + nla('$v') + ' }', 'F'], 'set false @2'],
    ['a scope prefix with a longer name', ['$global:ab = 1', nla('$ab')], 'set true @2'],
    ['a scope word inside a braced name is no prefix', ['$b = 1', nla('${a global:b}')], 'unknown: line 2: $a global:b is not assigned in the script'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('a braced name across lines is one name (no scope prefix)', () => {
    expect(nlaOf('${global:a', 'b} = 1', nla('$a'))).toMatch(/^unknown: line \d+: \$a is not assigned in the script$/);
  });
});

describe('paths that meet', () => {
  test('two writes of one unknown value agree: the reason stays the value\'s own', () => {
    expect(nlaOf('$u = $env:X', 'if ($c) {', nla('$u'), '} else {', nla('$u'), '}')).toBe('unknown: line 3: $env:x');
  });

  test('a value the paths share (not a copy) stays as it is, even an unknown one', () => {
    expect(nlaOf('$u = $env:X', 'if ($c) { $y = 1 } else { $y = 2 }', nla('$u'))).toBe('unknown: line 3: $env:x');
    expect(show(guest('Set-NetFirewallRule -Name r9 -Enabled True', 'if ($c) { $y = 1 } else { $y = 2 }').firewall)).toBe('unknown: firewall rule r9 (line 1): its direction, action or state is not known statically');
  });

  test('a rule removed on the second path only', () => {
    expect(show(guest('New-NetFirewallRule -Name r1 -LocalPort 5', 'if ($x) { } else { Remove-NetFirewallRule -Name r1 }').firewall)).toBe('unknown: a write under the condition on line 2');
  });

  test('a rule unknown on both paths for different reasons: the later join names itself', () => {
    const script = ['if ($o) {', '  if ($a) { New-NetFirewallRule -Name r1 -LocalPort 5 } else { New-NetFirewallRule -Name r1 -LocalPort 6 }', '} else {', '  if ($b) { New-NetFirewallRule -Name r1 -LocalPort 5 } else { New-NetFirewallRule -Name r1 -LocalPort 6 }', '}'];
    expect(show(guest(...script).firewall)).toBe('unknown: a write under the condition on line 1');
  });

  test('a function defined by the same statement on both paths is kept', () => {
    expect(nlaOf('function G { function F { ' + nla(0) + ' } }', 'if ($x) { G } else { G }', 'F')).toBe('set false @1');
  });

  test('a function defined differently on the paths is not evaluated, whatever its arguments', () => {
    expect(nlaOf('if ($x) { function F { } } else { function F { ' + nla(1) + ' } }', 'F -Name 1')).toBe('unknown: line 0: `f is defined differently on different paths` (function) is not evaluated');
  });

  test('a local that differs on the paths is unknown, with the join as the reason', () => {
    expect(nlaOf('function F {', '  if ($x) { $v = 0 } else { $v = 1 }', '  ' + nla('$v'), '}', 'F')).toBe('unknown: line 3: a write under the condition on line 2');
  });
});

describe('catch paths inside loops', () => {
  test.each<[string, string[], string]>([
    ['the path that passes the try and the catch path both count', ['foreach ($i in @(1)) { try { $w = 1; Get-Item x } catch { $w = 2 } }', nla('$w')], 'unknown: line 2: a catch block inside the loop on line 1'],
    ['only the catch path goes on', ["foreach ($i in @(1)) { try { throw 'x' } catch { $w = 1 } }", nla('$w')], 'set true @2'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('where a catch block can start (failure points)', () => {
  const N1 = nla(1);
  const N0 = nla(0);
  test.each<[string, string[], string]>([
    // Found by the mutation run (fixed; each read NLA as on where a run can end with it off): the state after a
    // command inside a value, and the state a `throw` fails in, were not places a catch block starts from.
    ['a throw whose value wrote first: the catch sees that write', [N1, `try { throw (${N0}) } catch { }`], 'unknown: line 2: a write in the try on line 2 that a failure may have skipped (written on line 1, 2)'],
    ['a value that fails after a command in it wrote', [N1, '$c = 0', `try { $r = $(${N0}; Get-Item x) } catch { $c = 1 }`, 'if ($c -ne 1) { ' + N1 + ' }'], 'unknown: line 3: the script ends on several paths (written on line 4, 3)'],
    ['a condition that fails after a command in it wrote', [N1, '$c = 0', `try { if ($(${N0}; Get-Item x)) { } } catch { $c = 1 }`, 'if ($c -ne 1) { ' + N1 + ' }'], 'unknown: line 3: the script ends on several paths (written on line 4, 3)'],
    ['a throw whose value is an assignment: the catch sees the assignment', [N1, '$a = 0', '$c = 0', 'try { throw $a = 1 } catch { $c = $a }', 'if ($c -eq 1) { ' + N0 + ' }'], 'unknown: line 1: a write under the condition on line 5 (written on line 5, 1)'],
    // Not every state is one a catch can start from: the evaluator stays precise where PowerShell cannot fail.
    ['an assignment that cannot fail after it wrote', [N1, '$c = 0', 'try { $r = 1 } catch { $c = 1 }', 'if ($c -ne 1) { ' + N1 + ' }'], 'set true @4'],
    ['a function that exits ends the script: no catch starts from there', [N1, '$a = 0', '$c = 0', 'function F { exit $global:a = 1 }', 'try { F } catch { $c = $a }', 'if ($c -ne 0) { ' + N0 + ' }'], 'set true @1'],
    ['a throw at the end of a try', [N1, "try { throw 'x' } catch { }"], 'set true @1'],
    ['the catch starts before an assignment that ends the try', ['$v = 0', '$c = 0', 'try { $v = 1 } catch { $c = $v }', nla('$c')], 'set false @4'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('how many catch paths are followed one by one', () => {
  const end = (): string => nla('$v');
  test('16 catch paths are followed to the end of the script', () => {
    expect(nlaOf(catches(16), end())).toBe('unknown: line 2: the script ends on several paths (written on line 2)');
  });

  test('17 catch paths in one block are merged into one', () => {
    expect(nlaOf(catches(17), end())).toBe('unknown: line 2: more paths through catch blocks than are followed one by one (written on line 2)');
  });

  const decisive = ['$c = 0', '$w = 1', 'try { $null = 1 } catch { $c = 1; $w = 0 }', 'if ($c -eq 1) { exit 1 }'];
  test('the 256th catch path is still followed on its own (its failed run drops out)', () => {
    expect(nlaOf(...catchRounds(255), ...decisive, nla('$w'))).toBe('set true @9');
  });

  test('the 257th is merged into the path that passed the try', () => {
    expect(nlaOf(...catchRounds(256), ...decisive, nla('$w'))).toBe('unknown: line 9: more paths through catch blocks than are followed one by one');
  });

  test('the 257th catch path of a try that always throws becomes the path that goes on', () => {
    expect(nlaOf(...catchRounds(256), "try { throw 'x' } catch { $w = 1 }", nla('$w'))).toBe('set true @6');
  });
});

describe('functions that shadow the commands the evaluator models', () => {
  const SHADOW = (name: string, line = 1): string => `unknown: line ${line}: the script defines a function named ${name}, shadowing a command`;
  test.each<[string, string]>([
    ['New-NetFirewallRule', SHADOW('New-NetFirewallRule')],
    ['Set-ItemProperty', SHADOW('Set-ItemProperty')],
    ['reg.exe', SHADOW('reg.exe')],
    ['Set-ItemPolicy', 'set true @2'],
    ['Reset-Item', 'set true @2'],
    ['Subnet', 'set true @2'],
  ])('function %s', (name, expected) => {
    expect(nlaOf(`function ${name} { }`, nla(1))).toBe(expected);
  });
});

test('a statement the reader leaves opaque is named by its first 60 characters', () => {
  const long = 'while ($x) { $' + 'a'.repeat(80) + ' = 1 }';
  expect(nlaOf(long, nla(1))).toBe('unknown: line 1: `while ( $x ) { $' + 'a'.repeat(44) + '` (while) is not evaluated');
});

describe('statements used as values', () => {
  test.each<[string, string[], string]>([
    ['an assignment', ['$a = $b = 1', nla('$a')], 'unknown: line 2: an assignment used as a value'],
    ['an assignment whose value runs a function that writes on one path', [nla(1), 'function F { if ($x) { ' + nla(0) + ' } }', '$a = $b = F'], 'unknown: line 1: a write under the condition on line 2 (written on line 2, 1)'],
    ['an if', ['$v = if ($true) { 1 }', nla('$v')], 'unknown: line 2: a if statement used as a value'],
    ['an if whose branch holds a try/catch', ['$v = if ($true) { try { $w = 1; Get-Item x } catch { $w = 2 } }', nla('$w')], 'unknown: line 2: a if statement used as a value ends on several paths'],
    ['an if that returns on some paths', ['$v = if ($x) { return 1 }', nla(1)], 'unknown: line 1: a if statement used as a value returns or breaks on some paths'],
    ['an if that breaks on some paths', ['$v = if ($x) { break }', nla(1)], 'unknown: line 1: a if statement used as a value returns or breaks on some paths'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});

describe('if and foreach', () => {
  test.each<[string, string[], string]>([
    ['a value returned from the one clause that runs', ['function F { if ($true) { return 0 } }', nla('(F)')], 'set false @2'],
    ['a loop over values not known statically', ['foreach ($i in $x) { ' + nla(0) + ' }'], 'unknown: line 1: the loop on line 1 runs over values not known statically (written on line 1)'],
    ['a loop that leaves early on some paths', [nla(1), 'foreach ($i in @(1, 2)) { if ($x) { break }; ' + nla(0) + ' }'], 'unknown: line 2: the loop on line 2 leaves early on some paths (written on line 2, 1)'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });
});
