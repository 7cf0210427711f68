import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listHistory } from '@main/history/read';
import { pushMutations } from '@main/sync/push';
import { historyValue } from '@shared/history/entry';
import type { Mutation } from '@shared/sync';
import { tableName } from '@shared/tables';
import { aBooking } from '@test/support/builders';
import { type TestBackend, useTestBackend } from '@test/support/backend';

let backend: TestBackend;
beforeAll(async () => {
  backend = await useTestBackend();
});
afterAll(() => backend.close());

async function push(mutation: Mutation) {
  const [outcome] = await pushMutations({ clients: backend.clients, prefix: backend.prefix }, [mutation]);
  if (outcome?.status !== 'applied') throw new Error(`not applied: ${JSON.stringify(outcome)}`);
  return outcome.item;
}

describe("an item's history", () => {
  it('lists the app\'s changes newest first with who, when and each field old -> new', async () => {
    const created = await push({ clientId: 'desk-a', seq: 1, entity: 'bookings', key: 'h-1', updatedBy: 'Sam Staff', kind: 'create', item: aBooking({ bookingId: 'h-1', status: 'pending' }) });
    await push({ clientId: 'desk-b', seq: 1, entity: 'bookings', key: 'h-1', updatedBy: 'Ann Office', kind: 'update', expected: { version: 1, updatedAt: String(created.updatedAt) }, changes: [{ op: 'set', path: ['status'], value: 'confirmed', base: 'pending' }] });
    const page = await listHistory(backend.clients, backend.prefix, 'bookings', 'h-1');
    expect(page).toMatchObject({ complete: true, outside: null });
    expect(page.entries.map((entry) => [entry.kind, entry.version, entry.updatedBy])).toEqual([['update', 2, 'Ann Office'], ['create', 1, 'Sam Staff']]);
    expect(page.entries[0]?.changes).toEqual([{ path: ['status'], old: '"pending"', new: '"confirmed"' }]);
  });

  it("shows another tool's change since the app's newest entry, with the fields that differ", async () => {
    await push({ clientId: 'desk-a', seq: 2, entity: 'bookings', key: 'h-2', updatedBy: 'Sam Staff', kind: 'create', item: aBooking({ bookingId: 'h-2', status: 'pending', details: { notes: 'Circuits' } }) });
    await backend.clients.doc.send(
      new UpdateCommand({
        TableName: tableName('bookings', backend.prefix),
        Key: { bookingId: 'h-2' },
        UpdateExpression: 'SET #s = :s, details.notes = :n, updatedAt = :u',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'cancelled', ':n': 'Called off by phone', ':u': '2099-01-01T00:00:00.000Z' },
      }),
    );
    const { outside } = await listHistory(backend.clients, backend.prefix, 'bookings', 'h-2');
    expect(outside).toMatchObject({ afterVersion: 1, version: 1, updatedAt: '2099-01-01T00:00:00.000Z' });
    expect(outside?.changes?.map((change) => [change.path.join('.'), historyValue(change.old), historyValue(change.new)])).toEqual([
      ['status', 'pending', 'cancelled'],
      ['details.notes', 'Circuits', 'Called off by phone'],
    ]);
  });

  it('cannot tell the fields of an outside change on an item whose history does not start with its creation', async () => {
    await backend.clients.doc.send(
      new UpdateCommand({ TableName: tableName('bookings', backend.prefix), Key: { bookingId: 'h-3' }, UpdateExpression: 'SET #s = :s, updatedAt = :u', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'pending', ':u': '2026-01-01T00:00:00.000Z' } }),
    );
    expect(await listHistory(backend.clients, backend.prefix, 'bookings', 'h-3')).toMatchObject({ entries: [], outside: { afterVersion: 0, changes: null } });
    expect(await listHistory(backend.clients, backend.prefix, 'bookings', 'nothing-here')).toMatchObject({ entries: [], outside: null, complete: true });
  });
});
