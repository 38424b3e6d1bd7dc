/**
 * The guest-script evaluator's joins and flow on small hand-written PowerShell snippets (issue #20,
 * mutation testing of policy/guest/evaluate-script.ts): what stays known when paths meet, what becomes
 * unknown, and which taint survives. Pure: every snippet is built inside its test.
 */
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { deriveGuestState, GuestState, Setting } from '../../policy/guest/guest-state';

const TSPOL = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';

/** `Set-ItemProperty` of the policy value `UserAuthentication` to `value` (PowerShell text). */
const nla = (value: string | number): string => `Set-ItemProperty -Path '${TSPOL}' -Name 'UserAuthentication' -Value ${value}`;
const removeNla = (): string => `Remove-ItemProperty -Path '${TSPOL}' -Name 'UserAuthentication'`;

function guest(...lines: string[]): GuestState {
  return deriveGuestState(evaluateScript(lines.join('\n')));
}

function show<T>(s: Setting<T>): string {
  if (s.state === 'set') return `set ${JSON.stringify(s.value)} @${s.line}`;
  if (s.state === 'unknown') return `unknown: ${s.reason}`;
  return s.state;
}

function nlaOf(...lines: string[]): string {
  const s = guest(...lines).nla;
  return s.state === 'set' ? (s.value ? 'on' : 'off') : s.state;
}

describe('paths that meet (merge)', () => {
  test.each<[string, string[], string]>([
    ['both branches write the same value', ['if ($x) { ' + nla(1) + ' } else { ' + nla(1) + ' }'], 'on'],
    ['both branches write different values', ['if ($x) { ' + nla(1) + ' } else { ' + nla(0) + ' }'], 'unknown'],
    ['only the then branch writes', [nla(1), 'if ($x) { ' + nla(0) + ' }'], 'unknown'],
    ['only the else branch writes (first write)', ['if ($x) { } else { ' + nla(0) + ' }'], 'unknown'],
    ['only the else branch writes, the then branch is empty', ['if ($x) { $y = 1 } else { ' + nla(1) + ' }'], 'unknown'],
    ['one branch removes, the other writes', [nla(1), 'if ($x) { ' + removeNla() + ' } else { ' + nla(1) + ' }'], 'unknown'],
    ['one branch writes, the other removes', [nla(1), 'if ($x) { ' + nla(1) + ' } else { ' + removeNla() + ' }'], 'unknown'],
    ['both branches remove', [nla(1), 'if ($x) { ' + removeNla() + ' } else { ' + removeNla() + ' }'], 'unset'],
    ['a branch that throws is not joined', ["if ($x) { " + nla(0) + "; throw 'no' } else { " + nla(1) + ' }'], 'on'],
    ['a branch that exits 0 ends the script with its own value', ['if ($x) { ' + nla(0) + '; exit 0 } else { ' + nla(1) + ' }'], 'unknown'],
    ['a variable equal on both paths', ['if ($x) { $v = 0 } else { $v = 0 }', nla('$v')], 'off'],
    ['a list equal on both paths', ['if ($x) { $v = @(0, 1) } else { $v = @(0, 1) }', nla('$v[0]')], 'off'],
    ['a list different on the paths', ['if ($x) { $v = @(0, 1) } else { $v = @(1, 1) }', nla('$v[0]')], 'unknown'],
    ['a variable set on one path only', ['if ($x) { $v = 0 }', nla('$v')], 'unknown'],
    ['a variable set only on the else path', ['if ($x) { } else { $v = 0 }', nla('$v')], 'unknown'],
    ['a variable different on the paths', ['if ($x) { $v = 0 } else { $v = 1 }', nla('$v')], 'unknown'],
    ['a function local equal on both paths', ['function F { if ($x) { $v = 0 } else { $v = 0 }; ' + nla('$v') + ' }', 'F'], 'off'],
    ['a function local different on the paths', ['function F { if ($x) { $v = 0 } else { $v = 1 }; ' + nla('$v') + ' }', 'F'], 'unknown'],
    ['a function defined before a branch keeps its body', ['function F { ' + nla(0) + ' }', 'if ($x) { $y = 1 } else { $y = 2 }', 'F'], 'off'],
    ['a function defined on one path only', ['if ($x) { function F { ' + nla(0) + ' } }', nla(1), 'F'], 'unknown'],
  ])('%s', (_label, lines, expected) => {
    expect(nlaOf(...lines)).toBe(expected);
  });

  test('the reasons name the join and the lines written', () => {
    expect(show(guest('if ($x) { ' + nla(1) + ' } else { ' + nla(0) + ' }').nla)).toMatch(/^unknown: .*\(written on line 1\)$/);
    expect(show(guest('if ($x) {', nla(1), '} else {', nla(0), '}').nla)).toMatch(/\(written on line 2, 4\)$/);
    expect(show(guest('if ($x) { function F { ' + nla(1) + ' } } else { function F { ' + nla(0) + ' } }', 'F').nla)).toBe('unknown: line 0: `f is defined differently on different paths` (function) is not evaluated');
  });

  test('lockout settings join', () => {
    const lockout = (...lines: string[]): string => show(guest(...lines).lockoutThreshold);
    expect(lockout('if ($x) { net accounts /lockoutthreshold:5 } else { net accounts /lockoutthreshold:5 }')).toBe('set 5 @1');
    expect(lockout('if ($x) { net accounts /lockoutthreshold:5 } else { net accounts /lockoutthreshold:6 }')).toMatch(/^unknown: /);
    expect(lockout('net accounts /lockoutthreshold:5', 'if ($x) { net accounts $a }')).toBe('unknown: line 2: `net accounts` with computed arguments');
    expect(lockout('net accounts /lockoutthreshold:5', 'if ($x) { } else { net accounts $a }')).toBe('unknown: line 2: `net accounts` with computed arguments');
  });

  test('firewall rules and profiles join', () => {
    const fw = (...lines: string[]): string => show(guest(...lines).firewall);
    expect(fw('if ($x) { New-NetFirewallRule -Name r1 -LocalPort 5 } else { New-NetFirewallRule -Name r1 -LocalPort 5 }')).toMatch(/^set \[\{"name":"r1"/);
    expect(fw('if ($x) { New-NetFirewallRule -Name r1 -LocalPort 5 } else { New-NetFirewallRule -Name r1 -LocalPort 6 }')).toMatch(/^unknown: /);
    expect(fw('if ($x) { New-NetFirewallRule -Name r1 -LocalPort 5 } else { New-NetFirewallRule -Name r1 -LocalPort 5 -Enabled False }')).toMatch(/^unknown: /);
    expect(fw('New-NetFirewallRule -Name r1 -LocalPort 5', 'if ($x) { Remove-NetFirewallRule -Name r1 }')).toMatch(/^unknown: /);
    expect(fw('New-NetFirewallRule -Name r1 -LocalPort 5', 'if ($x) { } else { Enable-NetFirewallRule -Name $n }')).toBe('unknown: line 2: `Enable-NetFirewallRule` changes firewall rules chosen at run time');
    const prof = (...lines: string[]): string => show(guest(...lines).firewallProfilesEnabled);
    expect(prof('if ($x) { Set-NetFirewallProfile -Enabled True } else { Set-NetFirewallProfile -Enabled True }')).toBe('set true @1');
    expect(prof('if ($x) { Set-NetFirewallProfile -Enabled True } else { Set-NetFirewallProfile -Enabled False }')).toMatch(/^unknown: /);
  });
});
