/**
 * The guest evaluator's value model (policy/guest/values.ts) on its own: PowerShell's truthiness, string and
 * `[int]` conversions, `-eq` equality, lists and the display of values in findings. Cheap direct checks (no
 * script is read), so a mutant of this module is killed without walking a script. Expected values follow
 * PowerShell's documented conversions (about_Booleans, about_Type_Conversion); not run against a PowerShell runtime.
 */
import { asList, isUnknownValue, PsHash, PsValue, sameValue, showValue, toInt, toStr, truthy, Unknown } from '../../policy/guest/values';

/** A row's value; a hashtable is built by a function called inside the test (nothing is built while the file loads). */
type Val = PsValue | (() => PsValue);

function val(v: Val): PsValue {
  return typeof v === 'function' ? v() : v;
}

function hash(entries: Record<string, PsValue>): PsHash {
  return Object.entries(entries).reduce((h, [k, v]) => h.with(k, v), new PsHash());
}

describe('truthy: PowerShell truthiness', () => {
  test.each<[string, Val, boolean | undefined]>([
    ['$null', null, false],
    ['$true', true, true],
    ['$false', false, false],
    ['0', 0, false],
    ['1', 1, true],
    ['-1', -1, true],
    ['0.5', 0.5, true],
    ["''", '', false],
    ["'0' (a non-empty string)", '0', true],
    ["'False' (a non-empty string)", 'False', true],
    ['@()', [], false],
    ['@(0): the single element decides', [0], false],
    ['@(1)', [1], true],
    ["@('')", [''], false],
    ['@(0, 0): two elements are true', [0, 0], true],
    ['@($null, $null)', [null, null], true],
    ['a hashtable', new PsHash(), true],
    ['an unknown', new Unknown('x'), undefined],
    ['@(unknown): the single element decides', [new Unknown('x')], undefined],
    ['@(unknown, unknown): two elements are true', [new Unknown('x'), new Unknown('y')], true],
  ])('%s', (_name, value, expected) => {
    expect(truthy(val(value))).toBe(expected);
  });
});

describe('toStr: PowerShell string conversion', () => {
  test.each<[string, Val, string | undefined]>([
    ['$null', null, ''],
    ['$true', true, 'True'],
    ['$false', false, 'False'],
    ['a number', 3389, '3389'],
    ['a negative number', -2, '-2'],
    ['a string', 'HKLM:\\X', 'HKLM:\\X'],
    ['an array: elements joined by a space', [1, 'a', true], '1 a True'],
    ['an empty array', [], ''],
    ['a nested array', [1, [2, 3]], '1 2 3'],
    ['an array holding an unknown', [1, new Unknown('x')], undefined],
    ['a hashtable', () => hash({ a: 1 }), 'System.Collections.Hashtable'],
    ['an unknown', new Unknown('x'), undefined],
  ])('%s', (_name, value, expected) => {
    expect(toStr(val(value))).toBe(expected);
  });
});

describe('toInt: PowerShell [int] conversion', () => {
  test.each<[string, Val, number | undefined]>([
    ['$null', null, 0],
    ['$true', true, 1],
    ['$false', false, 0],
    ['an integer', 3389, 3389],
    ['a fraction rounds', 2.6, 3],
    ['a fraction rounds down', 2.4, 2],
    ["'42'", '42', 42],
    ["' 42 ' (spaces trimmed)", ' 42 ', 42],
    ["'+7'", '+7', 7],
    ["'-7'", '-7', -7],
    ["'1.6' rounds", '1.6', 2],
    ["'0x10' (hex)", '0x10', 16],
    ["'0XfF' (hex, any case)", '0XfF', 255],
    ["'-0x10'", '-0x10', -16],
    ["'0x' alone", '0x', undefined],
    ["'1.25'", '1.25', 1],
    ["'12abc'", '12abc', undefined],
    ["'abc0x10' (hex only as the whole text)", 'abc0x10', undefined],
    ["'0x10zz'", '0x10zz', undefined],
    ["'abc12'", 'abc12', undefined],
    ["''", '', undefined],
    ["'1 2'", '1 2', undefined],
    ['@(5): the single element', [5], 5],
    ["@('0x1')", ['0x1'], 1],
    ['@(1, 2)', [1, 2], undefined],
    ['@()', [], undefined],
    ['a hashtable', () => hash({}), undefined],
    ['an unknown', new Unknown('x'), undefined],
  ])('%s', (_name, value, expected) => {
    expect(toInt(val(value))).toBe(expected);
  });
});

describe('sameValue: -eq equality of known values', () => {
  test.each<[string, Val, Val, boolean]>([
    ['equal strings', 'a', 'a', true],
    ['strings differing in case (case-insensitive)', 'Tls', 'tLS', true],
    ['different strings', 'a', 'b', false],
    ['equal numbers', 1, 1, true],
    ['different numbers', 1, 2, false],
    ["a number and its string (not converted here)", 1, '1', false],
    ['$null and $null', null, null, true],
    ['$null and 0', null, 0, false],
    ['booleans', true, true, true],
    ['two unknowns', new Unknown('x'), new Unknown('x'), false],
    ['a value and an unknown', 1, new Unknown('x'), false],
    ['an unknown and a value', new Unknown('x'), 1, false],
    ['equal arrays', [1, 'A'], [1, 'a'], true],
    ['arrays differing in one element', [1, 2], [1, 3], false],
    ['arrays differing in the first element only', [0, 2], [1, 2], false],
    ['arrays of different lengths', [1], [1, 2], false],
    ['a longer first array', [1, 2], [1], false],
    ['an array and a scalar', [1], 1, false],
    ['a scalar and an array', 1, [1], false],
    ['two empty arrays', [], [], true],
    ["an array and a string of its length", ['a', 'b'], 'ab', false],
    ["a string and an array of its length", 'ab', ['a', 'b'], false],
    ['equal hashtables (keys case-insensitive)', () => hash({ Name: 'x' }), () => hash({ name: 'X' }), true],
    ['hashtables differing in a value', () => hash({ a: 1 }), () => hash({ a: 2 }), false],
    ['hashtables differing in a key', () => hash({ a: 1 }), () => hash({ b: 1 }), false],
    ['hashtables of different sizes', () => hash({ a: 1 }), () => hash({ a: 1, b: 2 }), false],
    ['a larger first hashtable', () => hash({ a: 1, b: 2 }), () => hash({ a: 1 }), false],
    ['a hashtable and a string', () => hash({}), 'System.Collections.Hashtable', false],
    ['a string and a hashtable', 'x', () => hash({}), false],
    ['two empty hashtables', new PsHash(), new PsHash(), true],
  ])('%s', (_name, a, b, expected) => {
    expect(sameValue(val(a), val(b))).toBe(expected);
  });
});

test('sameValue: an unknown is not even equal to itself (two reads of it may differ)', () => {
  const u = new Unknown('x');
  expect(sameValue(u, u)).toBe(false);
});

describe('lists, hashtables and the display of values', () => {
  test('asList: $null is empty, a scalar one element, an array itself', () => {
    expect(asList(null)).toEqual([]);
    expect(asList(0)).toEqual([0]);
    expect(asList('')).toEqual(['']);
    const list = [1, 2];
    expect(asList(list)).toBe(list);
    const u = new Unknown('x');
    expect(asList(u)).toEqual([u]);
  });

  test('isUnknownValue: only an unknown itself', () => {
    expect(isUnknownValue(new Unknown('x'))).toBe(true);
    expect(isUnknownValue(null)).toBe(false);
    expect(isUnknownValue([new Unknown('x')])).toBe(false);
    expect(isUnknownValue('unknown')).toBe(false);
  });

  test('PsHash: keys are case-insensitive; with() returns a new hashtable and leaves the old one alone', () => {
    const a = new PsHash().with('TSPOL', 'HKLM:\\A');
    const b = a.with('tspol', 'HKLM:\\B').with('Other', 1);
    expect(a.get('tspol')).toBe('HKLM:\\A');
    expect(a.get('Other')).toBeUndefined();
    expect(b.get('TsPol')).toBe('HKLM:\\B');
    expect(b.get('OTHER')).toBe(1);
    expect(b.entries.size).toBe(2);
    expect([...b.entries.keys()]).toEqual(['tspol', 'other']);
    expect(new PsHash().entries.size).toBe(0);
  });

  test.each<[string, Val, string]>([
    ['an unknown names its origin', new Unknown('the output of Get-Random'), 'unknown (the output of Get-Random)'],
    ['a string is quoted', 'Tls12', "'Tls12'"],
    ['a number', 2, '2'],
    ['$true', true, 'true'],
    ['$null', null, 'null'],
    ['an array', [1, 'a', [2]], "@(1, 'a', @(2))"],
    ['an empty array', [], '@()'],
    ['a hashtable', () => hash({ a: 1 }), '@{…}'],
  ])('showValue: %s', (_name, value, expected) => {
    expect(showValue(val(value))).toBe(expected);
  });
});
