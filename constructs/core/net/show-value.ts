/** Longest rendering of a value in an error message; longer values are cut (a message never echoes megabytes). */
export const MAX_SHOWN_VALUE_LENGTH = 120;

/** Renders a value for an error message: strings quoted, everything else as JSON, cut to {@link MAX_SHOWN_VALUE_LENGTH} characters. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'string') {
    return value.length > MAX_SHOWN_VALUE_LENGTH ? `${JSON.stringify(value.slice(0, MAX_SHOWN_VALUE_LENGTH))}… (${value.length} characters)` : JSON.stringify(value);
  }
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return shown.length > MAX_SHOWN_VALUE_LENGTH ? `${shown.slice(0, MAX_SHOWN_VALUE_LENGTH)}…` : shown;
}
