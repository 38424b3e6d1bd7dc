import { NSG_ALLOW_PRIORITY_MAX, NSG_ALLOW_PRIORITY_MIN, NsgPriorityAllocator } from '../../constructs/azure/nsg-priorities';

describe('NsgPriorityAllocator', () => {
  test('the same keys in the same order get the same priorities, inside the allow range', () => {
    const keys = ['Tcp:198.51.100.0/24', 'Tcp:203.0.113.0/24', 'Udp:198.51.100.0/24'];
    const first = new NsgPriorityAllocator('sources');
    const second = new NsgPriorityAllocator('sources');
    const a = keys.map((k) => first.allocate(k));
    expect(keys.map((k) => second.allocate(k))).toEqual(a);
    for (const p of a) expect(p).toBeGreaterThanOrEqual(NSG_ALLOW_PRIORITY_MIN);
    for (const p of a) expect(p).toBeLessThanOrEqual(NSG_ALLOW_PRIORITY_MAX);
    expect(new Set(a).size).toBe(a.length);
  });

  test('a key keeps its priority when asked again', () => {
    const allocator = new NsgPriorityAllocator('sources');
    const p = allocator.allocate('Tcp:10.8.0.0/24');
    allocator.allocate('Tcp:10.9.0.0/24');
    expect(allocator.allocate('Tcp:10.8.0.0/24')).toBe(p);
  });

  test('without a collision a key gets its home priority, whatever was allocated before', () => {
    const alone = new NsgPriorityAllocator('sources');
    const crowded = new NsgPriorityAllocator('sources');
    const key = 'Tcp:172.16.50.0/24';
    const home = alone.homeOf(key);
    expect(alone.allocate(key)).toBe(home);
    const taken = [...Array(50).keys()].map((i) => crowded.allocate(`Tcp:10.${i}.0.0/16`));
    expect(taken).not.toContain(home); // the chosen keys do not collide (fixed hash, so this is stable)
    expect(crowded.allocate(key)).toBe(home);
  });

  test('appending keys never renumbers existing ones, even when they collide', () => {
    // A two-slot range forces collisions: the second key probes to the free slot; a third finds none.
    const allocator = new NsgPriorityAllocator('sources', 100, 101);
    const a = allocator.allocate('a');
    const b = allocator.allocate('b');
    expect(new Set([a, b])).toEqual(new Set([100, 101]));
    expect(allocator.allocate('a')).toBe(a);
    expect(allocator.allocate('b')).toBe(b);
  });

  test('collisions probe upward and wrap around', () => {
    const allocator = new NsgPriorityAllocator('sources', 100, 102);
    const keys = ['x', 'y', 'z'];
    const priorities = keys.map((k) => allocator.allocate(k));
    expect([...priorities].sort()).toEqual([100, 101, 102]);
  });

  test('fails with a clear error naming the field when the range is exhausted', () => {
    const allocator = new NsgPriorityAllocator('azure.hosts[0].allowlist', 100, 102);
    ['a', 'b', 'c'].forEach((k) => allocator.allocate(k));
    expect(() => allocator.allocate('d')).toThrow(/`azure\.hosts\[0\]\.allowlist` needs another network security group rule priority for "d", but all 3 priorities from 100 to 102 are taken/);
  });
});
