/**
 * Reading values out of Terraform JSON without ever guessing.
 *
 * A value written as a Terraform expression (`"${aws_security_group.rdp.id}"`, `"${var.port}"`,
 * `"%{ if … }"`) or marked "known after apply" in a plan cannot be judged from the document. The
 * readers below throw {@link UnresolvedValueError} for such values; the engine turns that into an
 * `UNKNOWN` result (as cdk-nag's `resolveIfPrimitive` does), so an unreadable value is never a pass.
 */

/** The placeholder the plan loader writes for a value Terraform only knows after apply. */
export const UNKNOWN_AFTER_APPLY = '${(known after apply)}';

/** Thrown by the readers when a value is an unresolved expression. */
export class UnresolvedValueError extends Error {
  /** What was being read, e.g. `metadata_options.http_tokens`. */
  public readonly what: string;
  /** The expression found instead of a value. */
  public readonly expression: string;

  constructor(what: string, expression: unknown) {
    const shown = typeof expression === 'string' ? expression : JSON.stringify(expression);
    super(`\`${what}\` is ${shown === UNKNOWN_AFTER_APPLY ? 'known only after apply' : `the unresolved expression ${truncate(shown, 120)}`}`);
    this.name = 'UnresolvedValueError';
    this.what = what;
    this.expression = shown;
  }
}

/** True when `value` is a string holding a Terraform interpolation or directive (`${…}`, `%{…}`), not an escaped one. */
export function isUnresolved(value: unknown): boolean {
  return typeof value === 'string' && /(^|[^$])\$\{|(^|[^%])%\{/.test(value);
}

/** True when the whole string is exactly one interpolation, e.g. `${aws_vpc.main.id}`. */
export function isSingleInterpolation(value: unknown): value is string {
  return typeof value === 'string' && /^\$\{[^{}]*\}$/.test(value);
}

/** Replaces Terraform's template escapes (`$${` and `%%{`) with the literal text they stand for. */
export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** Returns `value` unless it is unresolved; throws {@link UnresolvedValueError} naming `what` otherwise. */
export function known<T>(value: T, what: string): T {
  if (isUnresolved(value)) throw new UnresolvedValueError(what, value);
  return value;
}

/** Reads an optional string; `undefined` for null or absent. */
export function str(value: unknown, what: string): string | undefined {
  known(value, what);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** Reads an optional number, accepting numeric strings (plan JSON and hand-written stacks differ). */
export function num(value: unknown, what: string): number | undefined {
  known(value, what);
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new UnresolvedValueError(what, value);
  return n;
}

/** Reads an optional boolean, accepting `"true"` / `"false"`. */
export function bool(value: unknown, what: string): boolean | undefined {
  known(value, what);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UnresolvedValueError(what, value);
}

/** Reads an optional list; `[]` for null or absent. A whole-list expression throws; elements are returned as they are. */
export function list(value: unknown, what: string): unknown[] {
  known(value, what);
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A nested block as an object: cdktf writes single blocks as objects, plan JSON as one-element arrays. */
export function block(value: unknown, what: string): Record<string, unknown> | undefined {
  known(value, what);
  if (Array.isArray(value)) return isRecord(value[0]) ? value[0] : undefined;
  return isRecord(value) ? value : undefined;
}

/** Repeated nested blocks (e.g. `ingress`, `security_rule`) as a list of objects. */
export function blocks(value: unknown, what: string): Record<string, unknown>[] {
  return list(value, what).filter(isRecord);
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shortens long text for messages. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
