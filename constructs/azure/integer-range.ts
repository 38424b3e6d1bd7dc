import { RdpValidationError, showValue } from '../core';

/**
 * Checks that a prop is an integer from `min` to `max` (inclusive) and returns it; otherwise throws an
 * {@link RdpValidationError} naming `field`, with `why` (e.g. the platform limit) after the range.
 */
export function checkIntegerInRange(value: number, min: number, max: number, field: string, why = ''): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RdpValidationError(field, value, `must be an integer from ${min} to ${max}${why ? ` (${why})` : ''}, got ${showValue(value)}.`);
  }
  return value;
}
