import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@shared/api/result';
import type { FieldPath, Mutation, PushOutcome, ServerItem } from '@shared/sync/protocol';
import { tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { type MainOverSocket, startMainOverSocket } from '@test/support/main-over-socket';

/**
 * The payloads that once ended main, each sent as an attacker would: over the loopback WebSocket of
 * a real main process (no guard installed). Each gets its answer, and main answers the next call.
 */
let backend: TestBackend;
let main: MainOverSocket;
let seq = 0;
let current: ServerItem;

const user = { email: 'ann@example.com', name: 'Ann', role: 'staff', createdAt: '2026-01-01T00:00:00Z', details: { phone: '1' } };
const header = () => ({ clientId: 'attacker', seq: ++seq, entity: 'users' as const, updatedBy: 'ann' });

async function push(mutations: Mutation[]): Promise<PushOutcome[]> {
  const result = await main.call('sync.push', { mutations });
  if (!result.ok) throw new Error(`push refused: ${result.error.code} ${result.error.message}`);
  return (result.value as { outcomes: PushOutcome[] }).outcomes;
}

const update = (path: FieldPath, value: unknown): Mutation =>
  ({ ...header(), kind: 'update', key: 'u-socket', expected: { version: current.version as number, updatedAt: current.updatedAt as string }, changes: [{ op: 'set', path, value }] }) as Mutation;

async function stored(key: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await backend.clients.doc.send(new GetCommand({ TableName: tableName('users', backend.prefix), Key: { userId: key }, ConsistentRead: true }));
  return Item;
}

/** `depth` arrays inside each other around "x", as JSON text (JSON.stringify itself would overflow near 10,000). */
const nestedJson = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

beforeAll(async () => {
  backend = await useTestBackend();
  main = await startMainOverSocket(backend.config);
  const [created] = await push([{ ...header(), kind: 'create', key: 'u-socket', item: user }]);
  if (created?.status !== 'applied') throw new Error(`setup: ${JSON.stringify(created)}`);
  current = created.item;
}, 120_000);
afterAll(async () => {
  await main?.close();
  await backend?.close();
});
afterEach(async () => {
  // Whatever the payload was, main is still there and answers the next call.
  expect(main.alive(), main.stderr()).toBe(true);
  expect(await main.call('settings.connection', {})).toMatchObject({ ok: true, value: { mode: 'local' } });
});

describe('payloads that once crashed main, over the real loopback WebSocket', () => {
  it.each([[['constructor']], [['toString']], [['details', 'toString']], [['constructor', 'prototype']], [['constructor.prototype']], [['hasOwnProperty']]] as Array<[FieldPath]>)(
    'an update of %j is written as an ordinary field of that name',
    async (path) => {
      const [outcome] = await push([update(path, 'attacker')]);
      expect(outcome).toMatchObject({ status: 'applied' });
      current = (outcome as { item: ServerItem }).item;
      const item = await stored('u-socket');
      const [top, child] = path;
      const value = item && Object.hasOwn(item, top) ? item[top] : undefined;
      expect(child === undefined ? value : (value as Record<string, unknown>)[child]).toBe('attacker');
    },
  );

  it('an update of ["__proto__"] is rejected with its reason, and nothing is written', async () => {
    const before = await stored('u-socket');
    const [outcome] = await push([update(['__proto__'], { polluted: true })]);
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'a field cannot be called __proto__: the app could not read it back' });
    expect(await stored('u-socket')).toEqual(before);
  });

  it('a 6 KB item of 3,000 nested arrays gets a clear invalid_input, before any recursive check runs', async () => {
    const create = { ...header(), kind: 'create', key: 'u-deep', item: { ...user, deep: '@DEEP@' } };
    const frame = JSON.stringify({ id: 'deep-create', name: 'sync.push', input: { mutations: [create] } }).replace('"@DEEP@"', nestedJson(3_000));
    expect(frame.length).toBeGreaterThan(6_000);
    const result: Result<unknown> = await main.send(frame, 'deep-create');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toContain('mutations[0].item.deep: lists and maps nested more than 64 levels deep (DynamoDB stores at most 32)');
    expect(await stored('u-deep')).toBeUndefined();
  });

  it('a value nested 33 levels deep is rejected with its reason, as an update and as a create, and is not retried', async () => {
    const deep = JSON.parse(nestedJson(33)) as DynamoValue;
    const before = await stored('u-socket');
    const outcomes = await push([update(['legacy'], deep), { ...header(), kind: 'create', key: 'u-33', item: { ...user, deep } }]);
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'rejected', reason: 'legacy holds lists or maps nested 34 levels deep (counting the item); DynamoDB stores at most 32' }),
      expect.objectContaining({ status: 'rejected', reason: 'deep holds lists or maps nested 34 levels deep (counting the item); DynamoDB stores at most 32' }),
    ]);
    // Sent again (as a client that kept it would), the answer is the same: never a retry.
    expect((await push([update(['legacy'], deep)]))[0]).toMatchObject({ status: 'rejected' });
    expect(await stored('u-socket')).toEqual(before);
    expect(await stored('u-33')).toBeUndefined();
  });

  it('call names inherited from Object.prototype are unknown calls', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(await main.call(name, {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Unknown call') } });
    }
  });
});
