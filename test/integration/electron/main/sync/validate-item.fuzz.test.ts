import { type AttributeValue, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '@main/aws/clients';
import { pullEntity } from '@renderer/sync/downstream';
import { initialSync } from '@renderer/sync/initial-sync';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import { keyAttribute, syncBucketOf, tableName } from '@shared/tables';
import { testEndpoints } from '@test/support/backend';
import { fuzzParameters, fuzzRuns, fuzzTimeout } from '@test/support/fuzz';
import { type SimulatedApp, simulatedApp } from '@test/integration/sync/clients';
import { createSyncTables } from '@test/integration/sync/harness';

/** Cases are items: each run writes a batch of about ten raw items (as another tool would) and pulls them. */
const items = fuzzRuns(50);
const BATCH = 10;
const runs = Math.ceil(items / BATCH);
const { endpoint } = testEndpoints();
const prefix = `t${randomUUID().slice(0, 8)}-`;
const writer = createAwsClients({ endpoint, region: 'us-east-1', tablePrefix: prefix, bucket: 'pilotforce-user-assets' });
let app: SimulatedApp;

beforeAll(async () => {
  await createSyncTables(writer, prefix);
  // The app has synced the empty tables once: from here on it pulls deltas, as it does all day.
  app = await simulatedApp({ endpoint, prefix, overlapMs: 500 });
  for (const entity of ENTITY_NAMES) await initialSync(app.db, app.main.api, entity, { totalSegments: 2 });
});
afterAll(() => {
  app?.close();
  writer.destroy();
});

type Raw = Record<string, AttributeValue>;
const S = (value: string): AttributeValue => ({ S: value });
const N = (value: string): AttributeValue => ({ N: value });

/** An item of each table as another tool could have written it, fitting the schema, with sync attributes so the delta pull sees it. */
function validRaw(entity: EntityName, key: string): Raw {
  const sync = { version: N('1'), updatedAt: S(new Date().toISOString()), clientSeq: { M: {} }, syncBucket: N(String(syncBucketOf(key))) };
  const createdAt = S('2026-01-01T00:00:00Z');
  switch (entity) {
    case 'resources':
      return { resourceId: S(key), resourceType: S('aircraft'), name: S('Cessna 172 N172PF'), createdAt, ...sync };
    case 'users':
      return { userId: S(key), email: S('ann@example.com'), name: S('Ann'), role: S('staff'), createdAt, ...sync };
    case 'bookings':
      return { bookingId: S(key), userId: S('u-1'), serviceType: S('pilot_training'), bookingDate: S('2026-02-03'), bookingTime: S('10:00'), status: S('pending'), createdAt, ...sync };
    case 'assets':
      return { assetId: S(key), assetType: S('image'), fileName: S('a.png'), s3Key: S(`users/u-1/${key}/a.png`), mimeType: S('image/png'), size: N('10'), userId: S('u-1'), tags: { L: [S('x')] }, createdAt, ...sync };
  }
}

/** Modelled attributes by what may be done to them without DynamoDB refusing the write (index keys keep their type). */
const REQUIRED: Record<EntityName, string[]> = {
  resources: ['resourceType', 'name', 'createdAt'],
  users: ['email', 'name', 'role', 'createdAt'],
  bookings: ['userId', 'serviceType', 'bookingDate', 'bookingTime', 'status', 'createdAt'],
  assets: ['assetType', 'fileName', 's3Key', 'mimeType', 'size', 'userId', 'createdAt'],
};
const RETYPABLE: Record<EntityName, string[]> = { resources: ['name', 'createdAt'], users: ['email', 'name', 'role', 'createdAt'], bookings: ['serviceType', 'bookingTime', 'status', 'createdAt'], assets: ['fileName', 's3Key', 'mimeType'] };
const BOUNDED_TEXT: Record<EntityName, string> = { resources: 'name', users: 'name', bookings: 'serviceType', assets: 'fileName' };
/** For resources: a type this version does not know (a newer desk's), quarantined like any unfit item. */
const BAD_TEXT: Record<EntityName, [string, string]> = { resources: ['resourceType', 'hangar'], users: ['email', 'not-an-email'], bookings: ['bookingDate', 'tomorrow'], assets: ['assetType', 'spreadsheet'] };

/** Any DynamoDB attribute value, in DynamoDB's own form (numbers past JavaScript's safe range, sets, binary). */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('9007199254740993', '-12345678901234567890123456789012345678', '1E+125', '1E-130', '0.1000000000000000000000000000000000001'),
);
const { attribute } = fc.letrec<{ attribute: AttributeValue }>((tie) => ({
  attribute: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 20 }).map(S),
    numberText.map(N),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uniqueArray(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
    fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 4 }).map((ns) => ({ NS: ns.map(String) })),
    fc.uniqueArray(fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => Buffer.from(b).toString('hex')), { minLength: 1, maxLength: 3 }).map((bs) => ({ BS: bs.map((hex) => Buffer.from(hex, 'hex')) })),
    fc.uint8Array({ maxLength: 8 }).map((B) => ({ B })),
    fc.array(tie('attribute'), { maxLength: 3 }).map((L) => ({ L })),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.startsWith('$')), tie('attribute'), { maxKeys: 3 }).map((M) => ({ M })),
  ),
}));

/** One thing done to an item, and whether it must keep the item out (`breaks`) or not. */
type Corruption = { label: string; breaks: boolean; apply: (raw: Raw, entity: EntityName) => void };
const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.nat().map((i): Corruption => ({ label: 'missing required attribute', breaks: true, apply: (raw, entity) => void delete raw[REQUIRED[entity][i % REQUIRED[entity].length] as string] })),
  fc.tuple(fc.nat(), fc.constantFrom<AttributeValue>(N('1'), { BOOL: true }, { NULL: true }, { SS: ['a'] }, { M: {} }, { L: [] })).map(([i, value]): Corruption => ({
    label: 'wrong type',
    breaks: true,
    apply: (raw, entity) => void (raw[RETYPABLE[entity][i % RETYPABLE[entity].length] as string] = value),
  })),
  fc.constant<Corruption>({ label: 'value outside its domain', breaks: true, apply: (raw, entity) => void (raw[BAD_TEXT[entity][0]] = S(BAD_TEXT[entity][1])) }),
  fc.constantFrom('123456789012345678901', '1E+30').map((n): Corruption => ({ label: 'version past 2^53', breaks: true, apply: (raw) => void (raw.version = N(n)) })),
  fc.constant<Corruption>({ label: 'sync attribute of the wrong type', breaks: true, apply: (raw) => void (raw.clientSeq = { L: [N('1')] }) }),
  fc.constant<Corruption>({ label: 'a tag-like map', breaks: true, apply: (raw) => void (raw.extraTagLike = { M: { $ss: { L: [] } } }) }),
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), attribute).map(([name, value]): Corruption => ({
    label: 'unknown attribute',
    breaks: false,
    apply: (raw) => void (raw[`x_${name}`] = value),
  })),
);

/** Far past every modelled limit (at most 255 characters), and small enough that thousands fit in DynamoDB Local's memory. */
const HUGE = 100_000;
/**
 * A string near DynamoDB's item limit, in about one item of eight, and never more than about 1,500 in a run: they are
 * slow to write and read, and at `--runs 100000` one in eight (12,500 items of 100 KB, held by DynamoDB Local and by
 * each fake IndexedDB in this worker) ran the worker out of heap.
 */
const HUGE_ONE_IN = Math.max(8, Math.ceil(items / 1500));
const hugeCorruption = fc.tuple(
  fc.nat({ max: HUGE_ONE_IN - 1 }),
  fc.constantFrom<Corruption>(
    { label: 'huge modelled string', breaks: true, apply: (raw, entity) => void (raw[BOUNDED_TEXT[entity]] = S('x'.repeat(HUGE))) },
    { label: 'huge unknown attribute', breaks: false, apply: (raw) => void (raw.x_huge = S('y'.repeat(HUGE))) },
  ),
).map(([dice, huge]) => (dice === 0 ? [huge] : []));

/** A batch: one item fit as it is beside one to three damaged ones, over the four tables. */
const batch = fc.array(
  fc.record({
    entity: fc.constantFrom(...ENTITY_NAMES),
    corruptions: fc.tuple(fc.array(corruption, { maxLength: 3 }), hugeCorruption).map(([some, huge]) => [...some, ...huge]),
  }),
  { minLength: BATCH - 1, maxLength: BATCH + 1 },
);
let itemsChecked = 0;
let batchesDone = 0;

/** Every key written, by what must become of it. */
const expected = { fit: new Map<string, EntityName>(), quarantined: new Map<string, EntityName>() };

describe('items in DynamoDB that do not fit the schema (fuzz)', () => {
  it(
    'are quarantined with a reason by the delta pull, never stop it, and their fit neighbours arrive',
    async () => {
      await fc.assert(
        fc.asyncProperty(batch, async (entries) => {
          const written = [{ entity: 'bookings' as EntityName, corruptions: [] as Corruption[] }, ...entries].map(({ entity, corruptions }) => {
            // A resource's key is typed (shared/models/resource.ts).
            const key = `${entity === 'resources' ? 'aircraft#' : ''}k-${randomUUID()}`;
            const raw = validRaw(entity, key);
            const applied = corruptions;
            for (const c of applied) c.apply(raw, entity);
            return { entity, key, raw, breaks: applied.some((c) => c.breaks), labels: applied.map((c) => c.label) };
          });
          await Promise.all(written.map(({ entity, raw }) => writer.dynamo.send(new PutItemCommand({ TableName: tableName(entity, prefix), Item: raw }))));
          const reports = await Promise.all([...new Set(written.map((w) => w.entity))].map((entity) => pullEntity(app.db, app.main.api, entity)));
          for (const report of reports) expect(report.needsInitialSync || report.resyncRequired).toBe(false);
          for (const { entity, key, breaks, labels } of written) {
            const local = await app.db.items(entity).get(key);
            const quarantined = await app.db.quarantine.get([entity, key]);
            if (breaks) {
              expect(local, `${key} (${labels.join(', ')}) must not be applied`).toBeUndefined();
              expect(quarantined?.reason, `${key} (${labels.join(', ')}) is quarantined with a reason`).toMatch(/\S/);
              expected.quarantined.set(key, entity);
            } else {
              expect(quarantined, `${key} (${labels.join(', ')}): ${quarantined?.reason}`).toBeUndefined();
              expect(local?.[keyAttribute(entity) as never]).toBe(key);
              expected.fit.set(key, entity);
            }
            itemsChecked++;
          }
          batchesDone++;
          if (batchesDone % 100 === 0) console.info(`raw DynamoDB items so far: ${itemsChecked} in ${batchesDone} batches, all as expected`);
        }),
        fuzzParameters(runs),
      );
      expect(itemsChecked).toBeGreaterThanOrEqual(items);
      console.info(`raw DynamoDB items fuzzed: ${itemsChecked} (${expected.quarantined.size} quarantined, ${expected.fit.size} fit) in ${runs} batches`);
    },
    fuzzTimeout(runs, 2000),
  );

  it(
    'an initial sync of the same tables quarantines exactly those items and takes every other one',
    async () => {
      // The first app's copy is done with: its memory goes before a second copy of every table is read.
      await app.db.delete();
      const fresh = await simulatedApp({ endpoint, prefix });
      try {
        for (const entity of ENTITY_NAMES) await initialSync(fresh.db, fresh.main.api, entity, { totalSegments: 3, limit: 200 });
        const quarantined = new Set((await fresh.db.quarantine.toArray()).map((record) => record.key));
        expect([...expected.quarantined.keys()].filter((key) => !quarantined.has(key))).toEqual([]);
        for (const key of quarantined) expect(expected.fit.has(key), key).toBe(false);
        for (const [key, entity] of expected.fit) expect(await fresh.db.items(entity).get(key), key).toBeDefined();
      } finally {
        fresh.close();
      }
    },
    fuzzTimeout(runs, 1000),
  );
});
