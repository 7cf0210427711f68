import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamoValueSchema, MAX_PARSED_DEPTH, fitsDynamoNumber, isExactNumber, jsonDepth, nestingLevels, numberFromDynamoText, numberText, valuesEqual } from '@shared/values';

describe('numberFromDynamoText', () => {
  it('gives a JS number when it is exact', () => {
    expect(numberFromDynamoText('42')).toBe(42);
    expect(numberFromDynamoText('-0.5')).toBe(-0.5);
    expect(numberFromDynamoText('1.50')).toBe(1.5);
    expect(numberFromDynamoText(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('keeps text for numbers a JS number would round', () => {
    expect(numberFromDynamoText('9007199254740993')).toEqual({ $n: '9007199254740993' });
    expect(numberFromDynamoText('12345678901234567890123456789012345678')).toEqual({ $n: '12345678901234567890123456789012345678' });
    expect(numberFromDynamoText('0.1000000000000000000000000000000000001')).toEqual({ $n: '0.1000000000000000000000000000000000001' });
  });

  it('keeps text beyond 2^53 even when the double is exact (the SDK would refuse to write it back)', () => {
    expect(numberFromDynamoText('9007199254740994')).toEqual({ $n: '9007199254740994' });
  });

  it('round-trips any decimal text of up to 38 digits to the same number text', () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[1-9]\d{0,24}$/), fc.option(fc.stringMatching(/^\d{1,13}$/), { nil: undefined }))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);
    fc.assert(
      fc.property(decimalText, (text) => {
        const value = numberFromDynamoText(text);
        const back = numberText(value);
        // Exact either way: as text it is the same text; as a number it parses back to the same number.
        if (isExactNumber(value)) expect(back).toBe(text);
        else expect(Number(back)).toBe(Number(text));
        expect(numberFromDynamoText(back)).toEqual(value);
      }),
    );
  });
});

describe('fitsDynamoNumber', () => {
  it("accepts what DynamoDB stores (38 significant digits, 1E-130 to below 1E+126) and refuses the rest before a write", () => {
    for (const text of ['0', '-0', '1', '0.10000000000000000000000000000000000001', '9.9999999999999999999999999999999999999E+125', '1E-130', '-1e125', '100000000000000000000000000000000000000000'])
      expect(fitsDynamoNumber(text), text).toBe(true);
    for (const text of ['1.000000000000000000000000000000000000001', '1E+126', '1E-131', '', 'abc'])
      expect(fitsDynamoNumber(text), text).toBe(false);
    expect(DynamoValueSchema.safeParse(1e300).success).toBe(false);
    expect(DynamoValueSchema.safeParse(5e-324).success).toBe(false);
    expect(DynamoValueSchema.safeParse({ $n: '123456789012345678901234567890123456789' }).success).toBe(false);
    expect(DynamoValueSchema.safeParse(2 ** 60).success).toBe(false);
    expect(DynamoValueSchema.safeParse({ $ss: ['a', 'a'] }).success).toBe(false);
    expect(DynamoValueSchema.safeParse({ $ns: [] }).success).toBe(false);
    expect(DynamoValueSchema.safeParse({ $b: 'not base64!' }).success).toBe(false);
    expect(DynamoValueSchema.safeParse({ $ss: ['a', 'b'], x: 1 }).success).toBe(true);
  });
});

describe('valuesEqual', () => {
  it('compares maps by keys, sets and exact numbers by content', () => {
    expect(valuesEqual({ a: 1, b: { $ss: ['x'] } }, { b: { $ss: ['x'] }, a: 1 })).toBe(true);
    expect(valuesEqual({ $n: '1e40' }, { $n: '1e40' })).toBe(true);
    expect(valuesEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(valuesEqual([1, 2], [2, 1])).toBe(false);
  });
});

/** `depth` lists inside each other around `leaf`, built without recursion. */
function nested(depth: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

describe('nesting depth', () => {
  it('counts lists and maps; DynamoDB counts a set, binary or exact number as one value', () => {
    expect(nestingLevels('x')).toBe(0);
    expect(nestingLevels([])).toBe(1);
    expect(nestingLevels({ a: [1, { b: [] }] })).toBe(4);
    expect(nestingLevels([{ $ss: ['a'] }, { $ns: [{ $n: '1' }] }, { $b: 'AA==' }])).toBe(1);
    expect(jsonDepth([{ $ns: [{ $n: '1' }] }])).toBe(4);
  });

  it('measures any depth without recursion, and stops counting past its limit', () => {
    const deep = nested(100_000);
    expect(jsonDepth(deep, 200_000)).toBe(100_000);
    expect(jsonDepth(deep)).toBe(MAX_PARSED_DEPTH + 1);
    expect(nestingLevels(deep as never, 40)).toBe(41);
    // A value that contains itself (structured clone keeps cycles) is endlessly deep.
    const cycle: unknown[] = [];
    cycle.push(cycle, cycle);
    expect(jsonDepth(cycle)).toBe(MAX_PARSED_DEPTH + 1);
  });

  it('the value schema parses up to its depth and refuses deeper values before its recursive parse', () => {
    expect(DynamoValueSchema.safeParse(nested(MAX_PARSED_DEPTH)).success).toBe(true);
    for (const depth of [MAX_PARSED_DEPTH + 1, 3_000, 10_000, 100_000]) {
      const result = DynamoValueSchema.safeParse(nested(depth));
      expect(result.success, `depth ${depth}`).toBe(false);
      expect(result.error?.issues).toEqual([expect.objectContaining({ path: [], message: 'lists and maps nested more than 64 levels deep (DynamoDB stores at most 32)' })]);
    }
    // Inside a tag the walk goes on: a record branch of the union would recurse there too.
    expect(DynamoValueSchema.safeParse({ $ss: nested(5_000) }).success).toBe(false);
  });
});
