import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MainServices, createMainServices } from '@main/services';
import { CALLS, type CallName, type Handlers } from '@shared/api/contract';
import { dispatch } from '@shared/api/dispatch';
import { ENTITY_NAMES } from '@shared/models';
import { checkpointAt } from '@shared/sync/checkpoint';
import { type Mutation, type ServerItem, PullRequestSchema } from '@shared/sync/protocol';
import { tableName } from '@shared/tables';
import { type DynamoValue, type ExactNumber, fitsDynamoNumber, isExactNumber, numberFromDynamoText, numberText } from '@shared/values';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { LOOK_ALIKE_NAMES, PROTOTYPE_NAMES, deepValue, fuzzParameters, fuzzRuns, fuzzTimeout, hostileMap, jsonText, longValue } from '@test/support/fuzz';

const runs = fuzzRuns(150);
/** Each valid case is one mutation, a DynamoDB write; a push carries ten of them (as the sync client batches). */
const validCases = fuzzRuns(30);
const PUSH_SIZE = 10;
const writeRuns = Math.ceil(validCases / PUSH_SIZE);

let backend: TestBackend;
let services: MainServices;
let dataDir: string;
/** Calls that reached a handler: invalid input must never get that far. */
const reached: string[] = [];
let handlers: Handlers;

beforeAll(async () => {
  backend = await useTestBackend();
  dataDir = await mkdtemp(join(tmpdir(), 'pf-contract-fuzz-'));
  services = createMainServices({ backend: backend.config, dataDir, log: { info: () => undefined, error: () => undefined } });
  handlers = Object.fromEntries(
    Object.entries(services.handlers).map(([name, handler]) => [
      name,
      (input: never, context: never) => {
        reached.push(name);
        return (handler as (input: never, context: never) => Promise<unknown>)(input, context);
      },
    ]),
  ) as unknown as Handlers;
});
afterAll(async () => {
  services?.stop();
  await backend?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** How each transport carries a payload: the loopback WebSocket as JSON (of any depth), Electron IPC by structured clone. */
const TRANSPORTS = {
  web: (payload: unknown) => JSON.parse(jsonText({ input: payload })).input as unknown,
  electron: (payload: unknown) => structuredClone(payload),
} as const;
type Transport = keyof typeof TRANSPORTS;

/** One valid input of every call: the fuzz corrupts one part of it at a time. */
const VALID_INPUTS: Record<CallName, unknown> = {
  'sync.push': {
    mutations: [
      { kind: 'create', clientId: 'c1', seq: 1, entity: 'assets', key: 'a-1', updatedBy: 'ann', item: { assetType: 'image', size: 1, tags: ['x'] } },
      { kind: 'update', clientId: 'c1', seq: 2, entity: 'bookings', key: 'b-1', updatedBy: 'ann', expected: { version: 1, updatedAt: '2026-01-01T00:00:00Z' }, changes: [{ op: 'set', path: ['details', 'notes'], value: 'hi', base: 'ho' }] },
      { kind: 'delete', clientId: 'c1', seq: 3, entity: 'users', key: 'u-1', updatedBy: 'ann', expected: { version: 2, updatedAt: '2026-01-01T00:00:00Z' } },
    ],
  },
  'sync.pull': { entity: 'users', checkpoint: checkpointAt('2026-01-01T00:00:00.000Z'), limit: 10 },
  'sync.checkpoint': { entity: 'users' },
  'sync.scan': { entity: 'users', segment: 0, totalSegments: 2, exclusiveStartKey: { userId: 'u-1' }, limit: 10 },
  'sync.reconcile': { entity: 'users', exclusiveStartKey: null, maxReadUnitsPerSecond: 5, maxPages: 1 },
  'connectivity.check': {},
  'settings.connection': {},
  'settings.testConnection': {},
  'uploads.stagePath': { path: '/tmp/photo.png' },
  'uploads.staged': {},
  'uploads.discard': { stagingId: 'abcdefgh-1234' },
  'uploads.enqueue': { stagingId: 'abcdefgh-1234', userId: 'u-1', tags: ['a'] },
  'uploads.list': {},
  'uploads.pause': { jobId: 'abcdefgh-1234' },
  'uploads.resume': { jobId: 'abcdefgh-1234' },
  'uploads.cancel': { jobId: 'abcdefgh-1234' },
  'assets.previewUrl': { s3Key: 'users/u-1/a-1/photo.png' },
  'assets.thumbnail': { assetId: 'a-1', s3Key: 'users/u-1/a-1/photo.png' },
  'history.list': { entity: 'bookings', key: 'b-1' },
};

type Path = Array<string | number>;

/** Every place in a payload a value could be replaced: the whole payload, each key and each element. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const children = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...children.flatMap((key) => pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]))];
}

function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1) as string | number] = replacement;
  return copy;
}

/** What a renderer (buggy, compromised or just unlucky) could send in place of a value. */
const hostileValue = fc.oneof(
  fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, maxDepth: 3 }),
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 60,
    -(2 ** 53) - 2,
    1e300,
    5e-324,
    -1,
    0.5,
    '',
    'x'.repeat(100_000),
    { $n: '1e999' },
    { $n: '1'.repeat(39) },
    { $n: 'twelve' },
    { $ss: [] },
    { $ss: ['a', 'a'] },
    { $ns: [1, 1.0] },
    { $b: 'not base64!' },
    new Set(['a']),
    new Map([['a', 1]]),
    10n ** 30n,
    new Date(0),
    ['__proto__'],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
  ),
  // An attacker's: Object.prototype's names and look-alikes as keys, nesting from 1 to 10,000 levels, long arrays and strings.
  hostileMap,
  deepValue,
  longValue,
);

const corruptedCall = fc
  .constantFrom(...(Object.keys(VALID_INPUTS) as CallName[]))
  .chain((name) => fc.tuple(fc.constant(name), fc.constantFrom(...pathsOf(VALID_INPUTS[name])), hostileValue, fc.constantFrom<Transport>('web', 'electron')));

/** A value as compared after the round trip: numbers by value, set members sorted (DynamoDB keeps its own order). */
function canonical(value: DynamoValue): unknown {
  if (typeof value === 'number' || isExactNumber(value)) return numberKey(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonical);
  if ('$ss' in value || '$bs' in value) return { set: [...(Object.values(value)[0] as string[])].sort() };
  if ('$ns' in value) return { set: (value.$ns as Array<number | ExactNumber>).map(numberKey).sort() };
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, canonical(inner as DynamoValue)]));
}

/** `1000000000000000.0`, `1e15` and `1000000000000000` are one number; exact text loses insignificant zeros. */
function numberKey(value: number | ExactNumber): string {
  const read = numberFromDynamoText(numberText(value));
  if (typeof read === 'number') return `n:${read}`;
  return `n:${read.$n.replace(/^(-?)0+(?=\d)/, '$1').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}`;
}

/** Any value DynamoDB stores, in the app's value form, including what JSON cannot carry (exact numbers past 2^53, sets, binary). */
const base64 = fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64'));
const safeNumber = fc.oneof(
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).filter((n) => fitsDynamoNumber(String(n))),
);
const exactNumber = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[1-9]\d{16,37}$/), fc.integer({ min: 0, max: 20 }))
  .map(([negative, digits, point]) => {
    const at = Math.max(1, digits.length - point);
    return { $n: `${negative ? '-' : ''}${digits.slice(0, at)}${at < digits.length ? `.${digits.slice(at)}` : ''}` };
  });
// Keys an object has by inheritance too: the SDK's marshaller once read a map's `constructor` key as its class.
// Any of Object.prototype's names (but `__proto__`, which no object holds by assignment) and their look-alikes.
const mapKey = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !key.startsWith('$') && key !== '__proto__'),
  fc.constantFrom(...PROTOTYPE_NAMES.filter((name) => name !== '__proto__'), ...LOOK_ALIKE_NAMES),
);
const { dynamoValue } = fc.letrec<{ dynamoValue: DynamoValue }>((tie) => ({
  dynamoValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 30, unit: 'grapheme' }),
    fc.string({ maxLength: 10, unit: 'binary' }),
    fc.constantFrom('\uD800', 'a\uDC00b', '\u0000', '\u202Egnp.exe'),
    safeNumber,
    fc.boolean(),
    fc.constant(null),
    exactNumber,
    fc.uniqueArray(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 5 }).map(($ss) => ({ $ss })),
    fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 5 }).map(($ns) => ({ $ns })),
    fc.uniqueArray(base64, { minLength: 1, maxLength: 3 }).map(($bs) => ({ $bs })),
    base64.map(($b) => ({ $b })),
    fc.array(tie('dynamoValue'), { maxLength: 4 }),
    fc.dictionary(mapKey, tie('dynamoValue'), { maxKeys: 4 }),
  ),
}));

async function countItems(table: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await backend.clients.doc.send(new ScanCommand({ TableName: table, Select: 'COUNT', Limit: 500, ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

let seq = 0;
const created = new Map<string, ServerItem>();

describe('contract payloads from the renderer, through the real dispatch and main services (fuzz)', () => {
  it(
    'a corrupted payload gets a clear invalid_input answer over either transport and reaches no handler',
    async () => {
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(corruptedCall, async ([name, path, value, transport]) => {
          let carried: unknown;
          try {
            carried = TRANSPORTS[transport](replaceAt(VALID_INPUTS[name], path, value));
          } catch {
            return; // the transport itself cannot carry it (a BigInt over JSON): it never reaches main
          }
          if (CALLS[name].input.safeParse(carried).success) return; // still valid: not this property's case
          checked++;
          const before = reached.length;
          const result = await dispatch(handlers, name, carried, { transport: transport }, () => undefined);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('invalid_input');
          expect(result.error.message).toMatch(new RegExp(`^Invalid input for ${name.replace('.', '\\.')}: .+`));
          expect(result.error.message.length).toBeLessThan(700);
          expect(reached.length).toBe(before);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          // Main answers the next call.
          expect(await dispatch(handlers, 'settings.connection', {}, { transport }, () => undefined)).toMatchObject({ ok: true });
        }),
        fuzzParameters(runs),
      );
      expect(checked).toBeGreaterThan(runs / 4);
    },
    fuzzTimeout(runs, 40),
  );

  it(
    'a valid create with any DynamoDB value (exact numbers past 2^53, sets, binary, nested maps) round-trips over either transport',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.dictionary(mapKey, dynamoValue, { minKeys: 1, maxKeys: 5 }), { minLength: PUSH_SIZE, maxLength: PUSH_SIZE }), fc.constantFrom<Transport>('web', 'electron'), async (extras, transport) => {
          const items = new Map<string, ServerItem>();
          const mutations = extras.map((extra): Mutation => {
            seq += 1;
            const key = `fuzz-${seq}`;
            const item: ServerItem = {
              assetType: 'document',
              fileName: 'f.pdf',
              s3Key: `users/u-1/${key}/f.pdf`,
              mimeType: 'application/pdf',
              size: 1,
              userId: 'u-1',
              createdAt: '2026-01-01T00:00:00Z',
              ...Object.fromEntries(Object.entries(extra).map(([name, value]) => [`x_${name}`, value])),
            };
            items.set(key, item);
            return { kind: 'create', clientId: 'fuzz', seq, entity: 'assets', key, updatedBy: 'ann', item };
          });
          const result = await dispatch(handlers, 'sync.push', TRANSPORTS[transport]({ mutations }), { transport }, () => undefined);
          expect(result).toMatchObject({ ok: true });
          if (!result.ok) return;
          const { outcomes } = result.value as { outcomes: Array<{ status: string; item?: ServerItem; reason?: string }> };
          outcomes.forEach((outcome, i) => {
            const { key } = mutations[i] as Mutation;
            const item = items.get(key) as ServerItem;
            expect(outcome.reason).toBeUndefined();
            expect(outcome.status).toBe('applied');
            const stored = outcome.item ?? {};
            for (const [name, value] of Object.entries(item)) expect(canonical(stored[name] as DynamoValue), `${key}.${name}`).toEqual(canonical(value));
            created.set(key, item);
          });
        }),
        fuzzParameters(writeRuns),
      );
      // The delta pull gives every item back the same way, over the transport's form.
      const pulled = new Map<string, ServerItem>();
      let checkpoint = null;
      for (;;) {
        const page = await dispatch(handlers, 'sync.pull', PullRequestSchema.parse({ entity: 'assets', checkpoint, limit: 500 }), { transport: 'web' }, () => undefined);
        if (!page.ok) throw new Error(page.error.message);
        const value = TRANSPORTS.web(page.value) as { items: ServerItem[]; quarantined: unknown[]; checkpoint: never; hasMore: boolean };
        expect(value.quarantined).toEqual([]);
        for (const item of value.items) pulled.set(item.assetId as string, item);
        checkpoint = value.checkpoint;
        if (!value.hasMore) break;
      }
      for (const [key, item] of created) {
        for (const [name, value] of Object.entries(item)) expect(canonical(pulled.get(key)?.[name] as DynamoValue), `${key}.${name}`).toEqual(canonical(value));
      }
      expect(created.size).toBeGreaterThanOrEqual(validCases);
      console.info(`valid mutations round-tripped: ${created.size} in ${writeRuns} pushes`);
    },
    fuzzTimeout(writeRuns, 600),
  );

  it('nothing but the valid creates was written, and nothing was staged', async () => {
    const counts = await Promise.all(ENTITY_NAMES.map((entity) => countItems(tableName(entity, backend.prefix))));
    expect(Object.fromEntries(ENTITY_NAMES.map((entity, i) => [entity, counts[i]]))).toEqual({ resources: 0, users: 0, bookings: 0, assets: created.size });
    expect(await readdir(join(dataDir, 'staging')).catch(() => [])).toEqual([]);
  }, fuzzTimeout(validCases, 20));
});
