/**
 * Recovers script text from the places a plan carries it: plain strings, base64 literals,
 * `${base64encode("…")}` expressions (cdktf's `Fn.base64encode` over a literal), SSM document
 * JSON/YAML and Azure extension settings. Pure.
 */
import { isRecord, unescapeTemplate } from '../values';

/** Decodes base64 text when it really is base64 of UTF-8 text; `undefined` otherwise. */
export function decodeBase64Text(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? undefined : text;
}

/** Unescapes the body of an HCL quoted string (`\"`, `\\`, `\n`, `\r`, `\t`, `\uXXXX`). */
function unescapeHclString(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e === 'n') return '\n';
    if (e === 'r') return '\r';
    if (e === 't') return '\t';
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return e;
  });
}

/**
 * The text a value stands for: a literal string (template escapes undone), the argument of
 * `${base64encode("…")}`, or the decoded form of a base64 literal. `undefined` when the text
 * cannot be read from the document (a `file()` call, a variable, a value known after apply).
 */
export function scriptText(value: unknown, base64 = false): string | undefined {
  if (typeof value !== 'string') return undefined;
  const wrapped = /^\$\{base64encode\("((?:[^"\\]|\\.)*)"\)\}$/s.exec(value);
  if (wrapped) return unescapeTemplate(unescapeHclString(wrapped[1]));
  if (base64) {
    const decoded = decodeBase64Text(value);
    return decoded === undefined ? undefined : unescapeTemplate(decoded);
  }
  if (/^\$\{[^}]*\}$/.test(value.trim())) return undefined;
  return unescapeTemplate(value);
}

/** Every string inside a JSON value, joined by new lines (script lines of an SSM document). */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (isRecord(value)) return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** The script text inside an SSM document's content (JSON or YAML), or inside extension settings JSON. */
export function embeddedScriptText(content: unknown): string | undefined {
  const text = scriptText(content);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const leaves = stringLeaves(parsed).map((s) => decodeBase64Text(s) ?? s);
    return leaves.join('\n');
  } catch {
    return text;
  }
}
