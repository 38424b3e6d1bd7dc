/**
 * Shared pieces of the guest evaluation's snippet tests (`mutation-guest-*.test.ts`, issue #20): the registry paths and
 * writes the snippets are made of, and the settings a script leaves, in short texts a test can compare. Nothing is
 * evaluated at module load (a mutant of the evaluator is never "static").
 */
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { deriveGuestState, GuestState, Setting } from '../../policy/guest/guest-state';
import type { Expr, Stmt } from '../../policy/guest/powershell-syntax';

/** The Terminal Services policy key (NLA, security layer). */
export const TSPOL = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
/** The RDP listener's key (port). */
export const WS = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';

/** `Set-ItemProperty` of the policy value `UserAuthentication` (NLA) to `value` (PowerShell text). */
export const nla = (value: string | number): string => `Set-ItemProperty -Path '${TSPOL}' -Name 'UserAuthentication' -Value ${value}`;
/** `Remove-ItemProperty` of `UserAuthentication`. */
export const removeNla = (): string => `Remove-ItemProperty -Path '${TSPOL}' -Name 'UserAuthentication'`;

/** The guest state of the script made of `lines`. */
export function guest(...lines: string[]): GuestState {
  return deriveGuestState(evaluateScript(lines.join('\n')));
}

/** A setting as a short text: `set <value> @<line>`, `unknown: <reason>` or `unset`. */
export function show<T>(s: Setting<T>): string {
  if (s.state === 'set') return `set ${JSON.stringify(s.value)} @${s.line}`;
  if (s.state === 'unknown') return `unknown: ${s.reason}`;
  return s.state === 'unset' && Object.keys(s).length === 1 ? 'unset' : `not a setting: ${JSON.stringify(s)}`;
}

/** What the script leaves NLA as: `on`, `off`, `unknown` or `unset`. */
export function nlaOnOff(...lines: string[]): string {
  const s = guest(...lines).nla;
  return s.state === 'set' ? (s.value ? 'on' : 'off') : s.state;
}

/** NLA with the line that set it: `on@2`, `off@1`, `unknown` or `unset`. */
export function nlaAt(...lines: string[]): string {
  const s = guest(...lines).nla;
  return s.state === 'set' ? `${s.value ? 'on' : 'off'}@${s.line}` : s.state;
}

/** `nlaAt`, with the reason of an unknown: `unknown: <reason>`. */
export function nlaAtOrWhy(...lines: string[]): string {
  const s = guest(...lines).nla;
  return s.state === 'unknown' ? `unknown: ${s.reason}` : nlaAt(...lines);
}

/** An expression in short: `$v`, `w:word`, `'s'`, `"x"`, numbers, `(l op r)`, `(op x)`, `t.m`, `t[i]`, `[T]x`, `{body|text}`, `bad:text`; any other node `?kind`. */
export function exprText(e: Expr): string {
  switch (e.t) {
    case 'str': return `'${e.value}'`;
    case 'xstr': return `"${e.value}"`;
    case 'num': return `${e.value}`;
    case 'var': return `$${e.name}`;
    case 'word': return `w:${e.value}`;
    case 'array': return `@(${e.items.map(exprText).join(',')})`;
    case 'binary': return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case 'unary': return `(${e.op} ${exprText(e.expr)})`;
    case 'member': return `${exprText(e.target)}${e.isStatic ? '::' : '.'}${e.name}`;
    case 'call': return `${exprText(e.target)}${e.isStatic ? '::' : '.'}${e.name}(${e.args.map(exprText).join(',')})`;
    case 'index': return `${exprText(e.target)}[${exprText(e.index)}]`;
    case 'cast': return `[${e.type}]${exprText(e.expr)}`;
    case 'type': return `[${e.type}]`;
    case 'hash': return `@{${e.entries.map(([k, v]) => `${exprText(k)}=${stmtText(v)}`).join(';')}}`;
    case 'sub': return `$(${e.body.map(stmtText).join(';')})`;
    case 'block': return `{${e.body.map(stmtText).join(';')}|${JSON.stringify(e.text)}}`;
    case 'bad': return `bad:${e.text}`;
    default: return `?${(e as { t: string }).t}`;
  }
}

/** A statement in short: pipelines as `cmd -name:value pos | …`, assignments as `target op value`, opaque ones with keyword and text. */
export function stmtText(s: Stmt): string {
  if (s.t === 'assign') return `${exprText(s.target)} ${s.op} ${stmtText(s.value)}`;
  if (s.t === 'pipeline') {
    return s.elements
      .map((el) => (el.t === 'expr' ? exprText(el.expr) : [`${el.invoke}${typeof el.name === 'string' ? el.name : exprText(el.name)}`, ...el.args.map((a) => (a.t === 'named' ? `-${a.name}${a.value ? `:${exprText(a.value)}` : ''}` : exprText(a.value)))].join(' ')))
      .join(' | ');
  }
  if (s.t === 'opaque') return `opaque:${s.keyword}|${s.text}`;
  return s.t;
}
