/**
 * Values of the guest-script evaluator: what a PowerShell expression is known to be statically.
 * `Unknown` stands for anything computed at run time (a registry read, a command's output, a value
 * that depends on a condition). Pure.
 */

/** A value the evaluator cannot know; `why` says what it came from. */
export class Unknown {
  constructor(public readonly why: string) {}
}

/** A PowerShell hashtable (keys compared case-insensitively). */
export class PsHash {
  constructor(public readonly entries: ReadonlyMap<string, PsValue> = new Map()) {}

  get(key: string): PsValue | undefined {
    return this.entries.get(key.toLowerCase());
  }

  with(key: string, value: PsValue): PsHash {
    const next = new Map(this.entries);
    next.set(key.toLowerCase(), value);
    return new PsHash(next);
  }
}

/** A statically known value, or {@link Unknown}. */
export type PsValue = string | number | boolean | null | readonly PsValue[] | PsHash | Unknown;

/** True when the value is unknown (an array holding an unknown is not: callers check its elements). */
export function isUnknownValue(v: PsValue): v is Unknown {
  return v instanceof Unknown;
}

/** PowerShell's truthiness, or `undefined` when it depends on an unknown. */
export function truthy(v: PsValue): boolean | undefined {
  if (v instanceof Unknown) return undefined;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) {
    if (v.length === 0) return false;
    if (v.length === 1) return truthy(v[0]);
    return true;
  }
  return true;
}

/** PowerShell's string conversion, or `undefined` when unknown. */
export function toStr(v: PsValue): string | undefined {
  if (v instanceof Unknown) return undefined;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const parts = v.map(toStr);
    return parts.some((p) => p === undefined) ? undefined : parts.join(' ');
  }
  return 'System.Collections.Hashtable';
}

/** PowerShell's `[int]` conversion (banker's rounding aside), or `undefined` when not a number (or unknown). */
export function toInt(v: PsValue): number | undefined {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Math.round(v);
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?0x[0-9a-f]+$/i.test(t)) return parseInt(t, 16);
    if (/^[-+]?\d+(\.\d+)?$/.test(t)) return Math.round(Number(t));
    return undefined;
  }
  if (Array.isArray(v) && v.length === 1) return toInt(v[0]);
  return undefined;
}

/** Deep equality of known values (strings case-insensitively, as PowerShell's `-eq`). */
export function sameValue(a: PsValue, b: PsValue): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, (b as readonly PsValue[])[i]));
  }
  if (a instanceof PsHash || b instanceof PsHash) {
    if (!(a instanceof PsHash) || !(b instanceof PsHash) || a.entries.size !== b.entries.size) return false;
    return [...a.entries].every(([k, v]) => b.entries.has(k) && sameValue(v, b.entries.get(k)!));
  }
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** Flattens a value into a list (a scalar becomes a one-element list, `$null` an empty one). */
export function asList(v: PsValue): readonly PsValue[] {
  if (v === null) return [];
  return Array.isArray(v) ? v : [v as PsValue];
}

/** Short display of a value for findings. */
export function showValue(v: PsValue): string {
  if (v instanceof Unknown) return `unknown (${v.why})`;
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `@(${v.map(showValue).join(', ')})`;
  if (v instanceof PsHash) return '@{…}';
  return String(v);
}
