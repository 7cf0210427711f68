import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNEXPECTED_FAILURE_REASON } from '@main/sync/push';
import { CALLS } from '@shared/api/contract';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import type { Result } from '@shared/api/result';
import type { PushOutcome, ServerItem } from '@shared/sync/protocol';
import { keyAttribute } from '@shared/tables';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { deepValue, fuzzParameters, fuzzRuns, fuzzTimeout, hostileMap, hostileName, jsonText, longValue } from '@test/support/fuzz';
import { type MainOverSocket, startMainOverSocket } from '@test/support/main-over-socket';

/**
 * An attacker on the loopback WebSocket of a real main process (no guard installed, so anything left
 * unhandled ends it): well-formed pushes whose names are Object.prototype's members or look-alikes,
 * values nested from 1 to 10,000 levels, long arrays and strings; calls of any name with any input;
 * frames that are not calls. Each gets a clear answer (never `internal`, never a `retry` of something
 * DynamoDB will refuse again), and main answers the next call.
 */
const runs = fuzzRuns(40);

let backend: TestBackend;
let main: MainOverSocket;
let seq = 0;
const EXISTING_KEY = 'fuzz-existing';
/** Resources have typed ids. */
const EXISTING_RESOURCE = 'aircraft#FUZZ-EXISTING';
const existingKey = (name: EntityName) => (name === 'resources' ? EXISTING_RESOURCE : EXISTING_KEY);

const VALID_ITEMS: Record<EntityName, ServerItem> = {
  resources: { resourceType: 'aircraft', name: 'Fuzz' },
  users: { email: 'ann@example.com', name: 'Ann', role: 'staff', createdAt: '2026-01-01T00:00:00Z', details: { phone: '1' } },
  bookings: { userId: 'u-1', serviceType: 'training', bookingDate: '2026-07-01', bookingTime: '10:00', status: 'pending', details: { notes: 'n' }, createdAt: '2026-01-01T00:00:00Z' },
  assets: { assetType: 'document', fileName: 'f.pdf', s3Key: 'users/u-1/a/f.pdf', mimeType: 'application/pdf', size: 1, userId: 'u-1', createdAt: '2026-01-01T00:00:00Z' },
};

/** What an attacker puts where a value goes. */
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: deepValue },
  // Long values cost the most time per case (hundreds of KB each way): one case in about twelve.
  { weight: 1, arbitrary: longValue },
  { weight: 3, arbitrary: hostileMap },
  { weight: 3, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom<unknown>({ $ss: [] }, { $n: '1e999' }, null, 0)) },
);
const hostilePath = fc.oneof(
  hostileName.map((name) => [name]),
  fc.tuple(fc.constantFrom('details', 'paymentInfo', 'preferences', 'metadata', 'cancellation'), hostileName),
  fc.tuple(hostileName, hostileName),
);
const entity = fc.constantFrom(...ENTITY_NAMES);

const pushCall = fc
  .array(
    fc.oneof(
      fc.record({
        kind: fc.constant('update'),
        entity,
        key: fc.oneof(fc.constantFrom(EXISTING_KEY, EXISTING_RESOURCE), hostileName),
        // Mostly a version the item is not at: the failed condition is judged field by field against the item.
        expected: fc.record({ version: fc.integer({ min: 0, max: 3 }), updatedAt: fc.constant('2026-01-01T00:00:00.000Z') }),
        changes: fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('set'), path: hostilePath, value: hostileValue }),
            fc.record({ op: fc.constant('remove'), path: hostilePath }),
          ),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      fc.record({ kind: fc.constant('create'), entity, valid: fc.boolean(), extra: fc.dictionary(hostileName, hostileValue, { maxKeys: 3 }) }).map(({ entity: name, valid, extra }) => ({
        kind: 'create',
        entity: name,
        key: `fuzz-${++seq}`,
        item: { ...(valid ? VALID_ITEMS[name] : {}), ...extra },
      })),
      fc.record({ kind: fc.constant('delete'), entity, key: hostileName, expected: fc.record({ version: fc.integer({ min: 0, max: 3 }), updatedAt: fc.constant('2026-01-01T00:00:00.000Z') }) }),
    ),
    // Few per push: one value the contract refuses fails the whole call, and the handler is where names and depths matter.
    { minLength: 1, maxLength: 2 },
  )
  .map((mutations) => ({ kind: 'push' as const, mutations: mutations.map((mutation) => ({ ...mutation, clientId: 'attacker', seq: ++seq, updatedBy: 'ann' })) }));

/** Any call name (the contract's, or a hostile one) with any input. */
const anyCall = fc.record({
  kind: fc.constant('call' as const),
  name: fc.oneof(fc.constantFrom(...Object.keys(CALLS)), hostileName),
  input: fc.oneof(hostileMap, deepValue, fc.anything({ maxDepth: 3, withNullPrototype: true })),
});

/** Frames that are not calls: junk text, binary, an envelope nested deep, an id or name of the wrong kind. */
const notACall = fc.oneof(
  fc.string({ maxLength: 40 }).map((text) => ({ kind: 'raw' as const, frame: text })),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => ({ kind: 'raw' as const, frame: Buffer.from(bytes) })),
  fc.record({ id: fc.oneof(deepValue, hostileName, fc.constant(-1)), name: fc.oneof(deepValue, hostileName) }).map((envelope) => ({ kind: 'raw' as const, frame: jsonText(envelope) })),
);

const attack = fc.oneof({ weight: 5, arbitrary: pushCall }, { weight: 2, arbitrary: anyCall }, { weight: 1, arbitrary: notACall });

beforeAll(async () => {
  backend = await useTestBackend();
  main = await startMainOverSocket(backend.config);
  // One live item per table, so updates meet a real item whose condition fails and is judged.
  const mutations = ENTITY_NAMES.map((name) => ({ kind: 'create', clientId: 'setup', seq: ++seq, entity: name, key: existingKey(name), updatedBy: 'ann', item: { [keyAttribute(name)]: existingKey(name), ...VALID_ITEMS[name] } }));
  const result = await main.call('sync.push', { mutations });
  expect(result).toMatchObject({ ok: true, value: { outcomes: ENTITY_NAMES.map(() => ({ status: 'applied' })) } });
}, 120_000);
afterAll(async () => {
  await main?.close();
  await backend?.close();
});

describe('an attacker on the loopback WebSocket of a real main process (fuzz)', () => {
  it(
    'every hostile message gets a clear answer, never an internal error or a retry of a refusal, and main answers the next call',
    async () => {
      const counts = { push: 0, call: 0, raw: 0, outcomes: 0, rejected: 0, invalid: 0 };
      let answerId = 0;
      await fc.assert(
        fc.asyncProperty(attack, async (message) => {
          // A case that killed main fails; while fast-check shrinks it, each candidate meets a live main again.
          if (!main.alive()) {
            await main.close();
            main = await startMainOverSocket(backend.config);
          }
          let result: Result<unknown>;
          if (message.kind === 'raw') {
            result = await main.send(message.frame, null);
          } else {
            const id = `fuzz-${++answerId}`;
            const name = message.kind === 'push' ? 'sync.push' : message.name;
            const input = message.kind === 'push' ? { mutations: message.mutations } : message.input;
            result = await main.send(jsonText({ id, name, input }), id);
          }
          counts[message.kind]++;
          if (!result.ok) {
            expect(result.error.code, result.error.message).not.toBe('internal');
            expect(result.error.message.length).toBeLessThan(700);
            if (result.error.code === 'invalid_input') counts.invalid++;
          } else if (message.kind === 'push') {
            const { outcomes } = result.value as { outcomes: PushOutcome[] };
            expect(outcomes).toHaveLength(message.mutations.length);
            for (const outcome of outcomes) {
              counts.outcomes++;
              // Nothing here is flaky (no faults, one writer): a retry would be a refusal sent again for ever.
              expect(outcome.status, JSON.stringify(outcome).slice(0, 300)).not.toBe('retry');
              if (outcome.status === 'rejected') {
                counts.rejected++;
                expect(outcome.reason).not.toBe(UNEXPECTED_FAILURE_REASON);
              }
            }
          }
          // Main is still there and answers the next call.
          expect(main.alive(), main.stderr()).toBe(true);
          expect(await main.call('settings.connection', {})).toMatchObject({ ok: true });
        }),
        fuzzParameters(runs),
      );
      console.info(`socket attacks: ${JSON.stringify(counts)}`);
      expect(counts.push).toBeGreaterThan(runs / 3);
      expect(counts.rejected).toBeGreaterThan(0);
    },
    // Plus ten minutes: shrinking a case that kills main starts main again for each candidate.
    fuzzTimeout(runs, 300) + 600_000,
  );
});
