import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWithHistory } from '@main/history/record';
import { buildVersionedUpdate } from '@main/sync/conditional-write';
import { classifyRequestFailure } from '@main/sync/aws-errors';
import { entryForMutation } from '@shared/history/entry';
import type { Mutation } from '@shared/sync';
import { historyTableName } from '@shared/tables';
import { type TestBackend, useTestBackend } from '@test/support/backend';

let backend: TestBackend;
beforeAll(async () => {
  backend = await useTestBackend();
});
afterAll(() => backend.close());

const entriesOf = async (itemKey: string) =>
  (await backend.clients.doc.send(new QueryCommand({ TableName: historyTableName(backend.prefix), KeyConditionExpression: 'itemKey = :k', ExpressionAttributeValues: { ':k': itemKey }, ConsistentRead: true }))).Items ?? [];

function write(seq: number, expected: { version: number; updatedAt: string } | 'new', updatedAt: string) {
  const mutation: Mutation =
    expected === 'new'
      ? { clientId: 'desk', seq, entity: 'users', key: 'u-1', updatedBy: 'Sam', kind: 'create', item: { userId: 'u-1', name: 'Ada', email: 'ada@x.test', role: 'customer', createdAt: updatedAt } }
      : { clientId: 'desk', seq, entity: 'users', key: 'u-1', updatedBy: 'Sam', kind: 'update', expected, changes: [{ op: 'set', path: ['name'], value: `Ada ${seq}`, base: 'Ada' }] };
  const update = buildVersionedUpdate({
    entity: 'users',
    prefix: backend.prefix,
    key: 'u-1',
    expected,
    changes: mutation.kind === 'create' ? Object.entries(mutation.item).filter(([name]) => name !== 'userId').map(([name, value]) => ({ op: 'set' as const, path: [name] as [string], value })) : mutation.kind === 'update' ? mutation.changes : [],
    updatedAt,
    updatedBy: 'Sam',
    clientSeq: { clientId: 'desk', seq },
  });
  const entry = entryForMutation(mutation, { version: expected === 'new' ? 1 : expected.version + 1, updatedAt, updatedBy: 'Sam' }, 'desk');
  return writeWithHistory(backend.clients, backend.prefix, update, entry);
}

describe('a change written with its history entry', () => {
  it('writes both, returns the item as written with the capacity the transaction used', async () => {
    const written = await write(1, 'new', '2026-12-01T10:00:00.000Z');
    expect(written).toMatchObject({ exact: true, item: { userId: 'u-1', name: 'Ada', version: 1, clientSeq: { desk: 1 } } });
    // Two items in a transaction: each costs twice its write units.
    expect(written.consumedWriteUnits).toBeGreaterThanOrEqual(4);
    expect(await entriesOf('users#u-1')).toEqual([expect.objectContaining({ mutationId: 'desk:1', kind: 'create', version: 1 })]);
  });

  it('writes neither when the change\'s condition fails, and the failure reads as the item\'s condition failure, with the item', async () => {
    const failure = await write(2, { version: 7, updatedAt: '2026-12-01T10:00:00.000Z' }, '2026-12-01T10:00:01.000Z').catch((error: unknown) => error);
    expect(classifyRequestFailure(failure)).toMatchObject({ kind: 'condition', item: { userId: 'u-1', version: 1 } });
    expect((await entriesOf('users#u-1')).map((entry) => entry.mutationId)).toEqual(['desk:1']);
    await write(3, { version: 1, updatedAt: '2026-12-01T10:00:00.000Z' }, '2026-12-01T10:00:02.000Z');
    expect((await entriesOf('users#u-1')).map((entry) => [entry.mutationId, entry.version])).toEqual([['desk:1', 1], ['desk:3', 2]]);
  });
});
