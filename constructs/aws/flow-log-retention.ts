import { RdpValidationError } from '../core';

/** Retention periods (days) that CloudWatch Logs accepts. */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Shortest retention this library accepts for security logs (flow logs, VPN connection logs). */
export const MIN_SECURITY_LOG_RETENTION_DAYS = 90;

/**
 * Checks a CloudWatch Logs retention for security logs: one of the values CloudWatch accepts, and at
 * least {@link MIN_SECURITY_LOG_RETENTION_DAYS} days so an incident can still be investigated.
 */
export function validateLogRetentionDays(days: number, field: string): number {
  if (!CLOUDWATCH_RETENTION_DAYS.includes(days) || days < MIN_SECURITY_LOG_RETENTION_DAYS) {
    throw new RdpValidationError(
      field,
      days,
      `must be a CloudWatch Logs retention of at least ${MIN_SECURITY_LOG_RETENTION_DAYS} days, got ${days}. ` +
        `Allowed: ${CLOUDWATCH_RETENTION_DAYS.filter((d) => d >= MIN_SECURITY_LOG_RETENTION_DAYS).join(', ')}.`,
    );
  }
  return days;
}
