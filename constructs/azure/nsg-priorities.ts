import { RdpValidationError, showValue } from '../core';

/** Lowest priority (first evaluated) an RDP allow rule may get. */
export const NSG_ALLOW_PRIORITY_MIN = 100;
/**
 * Highest priority an RDP allow rule may get. 4095 stays free and the deny-all sits above; the range is
 * fixed because a key's home priority depends on its size (changing it would renumber every rule).
 */
export const NSG_ALLOW_PRIORITY_MAX = 4094;
/**
 * Priority of the rule that denies all inbound traffic from any source to any port: the last user
 * priority Azure accepts, so it is evaluated after every allow rule and before Azure's default rules
 * (65000 and up: `AllowVnetInBound`, which would otherwise admit every address of the virtual network,
 * its VPN and peered ranges to every port, and `AllowAzureLoadBalancerInBound`). The NSG then denies by
 * default, like an AWS security group.
 */
export const NSG_DENY_ALL_INBOUND_PRIORITY = 4096;

/** 32-bit FNV-1a hash of a string's UTF-16 code units: tiny, fast, and the same on every platform. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Allocates NSG rule priorities from keys, so users never type a priority and adding a rule never
 * renumbers the existing ones.
 *
 * Scheme: a key's home priority is `min + fnv1a(key) mod (max - min + 1)`. When that priority is
 * taken, the next free one above it is used, wrapping from `max` to `min` (linear probing), in the
 * order keys are allocated. Consequences:
 * - the same keys allocated in the same order always get the same priorities (deterministic synth);
 * - allocating a new key never changes the priority of a key allocated before it (stable);
 * - a key's priority does not depend on how many keys there are, only (rarely) on which keys were
 *   allocated before it and collided with its home priority. With n keys in s slots the chance that
 *   a new key collides at all is about n/s (0.5 % for 20 keys in the 3,995 default slots). Only a key
 *   inserted *before* a colliding one in allocation order can move it; appending never does.
 * Throws an {@link RdpValidationError} naming `field` when every priority in the range is taken.
 */
export class NsgPriorityAllocator {
  private readonly byKey = new Map<string, number>();
  private readonly taken = new Set<number>();

  /**
   * @param field the name reported when the range is exhausted, e.g. `allowlist`
   * @param min lowest priority handed out @default NSG_ALLOW_PRIORITY_MIN
   * @param max highest priority handed out @default NSG_ALLOW_PRIORITY_MAX
   */
  constructor(
    private readonly field: string,
    private readonly min = NSG_ALLOW_PRIORITY_MIN,
    private readonly max = NSG_ALLOW_PRIORITY_MAX,
  ) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) throw new Error(`invalid priority range ${min}–${max}`);
  }

  /** How many priorities the range holds. */
  public get size(): number {
    return this.max - this.min + 1;
  }

  /** The priority a key would get first, before collisions are resolved. */
  public homeOf(key: string): number {
    return this.min + (fnv1a(key) % this.size);
  }

  /**
   * The priority for `key`: the one it already has, or a newly allocated one.
   * @throws RdpValidationError when every priority in the range is taken
   */
  public allocate(key: string): number {
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    if (this.taken.size >= this.size) {
      throw new RdpValidationError(
        this.field,
        key,
        `needs another network security group rule priority for ${showValue(key)}, but all ${this.size} priorities from ${this.min} to ${this.max} are taken. ` +
          'Split the sources over several hosts or subnets, or summarize adjacent sources into one CIDR.',
      );
    }
    let priority = this.homeOf(key);
    while (this.taken.has(priority)) priority = priority === this.max ? this.min : priority + 1;
    this.taken.add(priority);
    this.byKey.set(key, priority);
    return priority;
  }
}
