/** A PowerShell single-quoted string literal: no expansion, `'` doubled. */
export function psString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A PowerShell array literal of single-quoted strings, e.g. `@('a', 'b')`. */
export function psStringArray(items: readonly string[]): string {
  return `@(${items.map(psString).join(', ')})`;
}

/** A PowerShell boolean literal. */
export function psBool(value: boolean): string {
  return value ? '$true' : '$false';
}

/** Characters allowed in a rendered script: printable ASCII, tab and line feed (no smart quotes, no BOM). */
export const SCRIPT_CHARACTERS = /^[\t\n\x20-\x7e]*$/;
