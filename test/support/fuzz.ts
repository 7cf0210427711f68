import fc from 'fast-check';

/**
 * Cases per property of the fuzz suites: `FUZZ_RUNS` (set by `npm run test:fuzz -- --runs N`), else the
 * suite's small default so `npm test` stays fast.
 */
export function fuzzRuns(quickRuns: number): number {
  const given = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(given) && given > 0 ? given : quickRuns;
}

/** A test's timeout for `runs` cases at about `msPerCase` each (generous: the machine is shared). */
export function fuzzTimeout(runs: number, msPerCase: number): number {
  return Math.max(60_000, runs * msPerCase * 4);
}

/** fast-check parameters of a fuzz property: its run count, and the seed to replay when FUZZ_SEED is set. */
export function fuzzParameters<T>(runs: number): fc.Parameters<T> {
  const seed = Number(process.env.FUZZ_SEED);
  return { numRuns: runs, ...(Number.isInteger(seed) ? { seed } : {}) };
}

/**
 * Names an attacker tries wherever the app looks a name up (paths, map keys, attribute names, call
 * names, client ids): Object.prototype's own members (`__proto__` among them), dotted forms, and
 * look-alikes that must NOT be taken for them (Cyrillic о, full-width letters, zero-width joiners).
 */
export const PROTOTYPE_NAMES: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'constructor.prototype', '__proto__.polluted'];
export const LOOK_ALIKE_NAMES: readonly string[] = [
  'c\u043Enstructor', // Cyrillic о
  '\uFF43\uFF4F\uFF4E\uFF53\uFF54\uFF52\uFF55\uFF43\uFF54\uFF4F\uFF52', // full-width "constructor"
  'con\u200Dstructor', // zero-width joiner
  '__proto\u200D__',
  '\uFF3F\uFF3Fproto\uFF3F\uFF3F', // full-width low lines
  'toString\u200B', // zero-width space
  'Constructor',
  ' constructor',
];

export const hostileName: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...LOOK_ALIKE_NAMES) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 300 }).map((length) => 'k'.repeat(length)) },
);

/**
 * `depth` lists and/or maps inside each other around `leaf`, built in a loop (a recursive builder, like
 * JSON.stringify, runs out of stack near 10,000 levels). Depths are drawn across DynamoDB's limit
 * (31-33 levels), the schema's (64), and far past both.
 */
export const deepValue: fc.Arbitrary<unknown> = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(30, 31, 32, 33, 63, 64, 65, 500, 3_000), fc.integer({ min: 1, max: 10_000 })),
    shape: fc.constantFrom('list', 'map', 'mixed'),
    key: hostileName,
    leaf: fc.oneof(fc.constant<unknown>('x'), fc.constant<unknown>([]), fc.constant<unknown>({}), fc.constant<unknown>({ $ss: ['a'] }), fc.constant<unknown>({ $n: '1' })),
  })
  .map(({ depth, shape, key, leaf }) => {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = shape === 'list' || (shape === 'mixed' && i % 2 === 0) ? [value] : { [key]: value };
    return value;
  });

/** Long arrays and strings: past DynamoDB's 400 KB item, past the notes' 10,000 characters, or just long. */
export const longValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 1_000, max: 120_000 }).map((length) => Array.from({ length }, (_, i) => i)),
  fc.tuple(fc.integer({ min: 1_000, max: 450_000 }), fc.constantFrom('x', 'é', '\u{1F6E9}', '\u0000', '"')).map(([length, unit]) => unit.repeat(length)),
);

/** A map whose keys are hostile names, holding small values or more such maps. */
export const hostileMap: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(hostileName, fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.dictionary(hostileName, fc.string({ maxLength: 4 }), { maxKeys: 3 })), {
  minKeys: 1,
  maxKeys: 4,
});

/**
 * JSON text of any value, built without recursion, so a value 10,000 levels deep can be sent as the
 * loopback socket sends it (JSON.stringify itself overflows the stack there). Own enumerable keys only,
 * `__proto__` included, as JSON.stringify would write them.
 */
export function jsonText(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next instanceof JsonPunctuation) {
      out.push(next.text);
      continue;
    }
    if (typeof next !== 'object' || next === null || typeof (next as { toJSON?: unknown }).toJSON === 'function') {
      out.push(JSON.stringify(next) ?? 'null');
      continue;
    }
    const array = Array.isArray(next);
    const entries: Array<[string | undefined, unknown]> = array
      ? Array.from(next as unknown[], (item): [undefined, unknown] => [undefined, isWritten(item) ? item : null])
      : Object.entries(next).filter(([, inner]) => isWritten(inner));
    const parts: unknown[] = [new JsonPunctuation(array ? '[' : '{')];
    entries.forEach(([key, inner], i) => parts.push(new JsonPunctuation(`${i > 0 ? ',' : ''}${key === undefined ? '' : `${JSON.stringify(key)}:`}`), inner));
    parts.push(new JsonPunctuation(array ? ']' : '}'));
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
  }
  return out.join('');
}

class JsonPunctuation {
  constructor(readonly text: string) {}
}

/** What JSON.stringify writes as a value (in arrays the rest becomes null, in objects it is left out). */
function isWritten(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
