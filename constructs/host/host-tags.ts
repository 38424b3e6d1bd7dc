import { RdpValidationError, showValue } from '../core';

/**
 * Checks the tags of a host or host group, the same on both clouds: an object of string values. Keys and
 * values are taken literally (`terraformLiteralTags` where they reach a resource), so `${…}` is never evaluated.
 * @param tags the tags, or undefined
 * @param field the name reported in errors @default 'tags'
 */
export function checkHostTags(tags: Readonly<Record<string, string>> | undefined, field = 'tags'): Record<string, string> | undefined {
  if (tags === undefined) return undefined;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw new RdpValidationError(field, tags, `must be an object of tag names to text values, got ${showValue(tags)}.`);
  }
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') throw new RdpValidationError(`${field}.${key}`, value, `must be text, got ${showValue(value)}.`);
  }
  return { ...tags };
}
