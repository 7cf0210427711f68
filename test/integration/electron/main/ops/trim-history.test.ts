import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryForWrite, type HistoryEntry } from '@shared/history/entry';
import { historyTableName } from '@shared/tables';
import { trimHistory } from '@main/ops/trim-history';
import { type TestBackend, useTestBackend } from '@test/support/backend';

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const DAY = 86_400_000;

let backend: TestBackend;

beforeAll(async () => {
  backend = await useTestBackend();
});

afterAll(async () => {
  await backend.close();
});

function entryOf(key: string, version: number, ageDays: number, kind: 'update' | 'delete' = 'update', tombstoneExpiresAt?: number): HistoryEntry {
  const updatedAt = new Date(NOW - ageDays * DAY + version).toISOString();
  const stamps = { version, updatedAt, updatedBy: 'Fran Office' };
  return kind === 'delete'
    ? entryForWrite({ entity: 'bookings', key, kind: 'delete', stamps, source: 'pf', ...(tombstoneExpiresAt === undefined ? {} : { tombstoneExpiresAt }) })
    : entryForWrite({ entity: 'bookings', key, kind: 'update', stamps, source: 'pf', changes: [{ op: 'set', path: ['status'], value: `s${version}`, base: null }] });
}

async function put(entries: HistoryEntry[]): Promise<void> {
  for (const Item of entries) await backend.clients.doc.send(new PutCommand({ TableName: historyTableName(backend.prefix), Item }));
}

async function versionsOf(key: string): Promise<number[]> {
  const { Items = [] } = await backend.clients.doc.send(new ScanCommand({ TableName: historyTableName(backend.prefix), ConsistentRead: true }));
  return Items.filter((item) => item.key === key).map((item) => Number(item.version)).sort((a, b) => a - b);
}

describe('db:trim-history on DynamoDB Local', () => {
  it('keeps every item’s latest 100 and all of the last 730 days, drops the history of items deleted for good, and counts before it deletes', async () => {
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    // A busy booking: 130 changes three years ago, 20 last month.
    await put([...range(1, 130).map((v) => entryOf('bk-busy', v, 1100)), ...range(131, 150).map((v) => entryOf('bk-busy', v, 30))]);
    // A quiet one: 5 changes, all old (fewer than 100: all kept).
    await put(range(1, 5).map((v) => entryOf('bk-quiet', v, 1500)));
    // Deleted, the tombstone expired yesterday: its history goes with it.
    await put([entryOf('bk-gone', 1, 60), entryOf('bk-gone', 2, 40, 'delete', Math.floor((NOW - DAY) / 1000))]);
    // Deleted, the tombstone still kept (another 20 days): so is the history.
    await put([entryOf('bk-deleted', 1, 20), entryOf('bk-deleted', 2, 10, 'delete', Math.floor((NOW + 20 * DAY) / 1000))]);

    const dryRun = await trimHistory({ clients: backend.clients, prefix: backend.prefix, apply: false, nowMs: NOW, pause: async () => undefined });
    expect(dryRun).toMatchObject({ dryRun: true, items: 4, entries: 159, trimmed: 52, ofDeletedItems: 2 });
    expect(await versionsOf('bk-busy')).toHaveLength(150);

    const applied = await trimHistory({ clients: backend.clients, prefix: backend.prefix, apply: true, nowMs: NOW, pause: async () => undefined });
    expect(applied).toMatchObject({ dryRun: false, trimmed: 52 });
    expect(await versionsOf('bk-busy')).toEqual(range(51, 150));
    expect(await versionsOf('bk-quiet')).toEqual(range(1, 5));
    expect(await versionsOf('bk-gone')).toEqual([]);
    expect(await versionsOf('bk-deleted')).toEqual([1, 2]);

    // Nothing left past the retention: a second run deletes nothing.
    expect(await trimHistory({ clients: backend.clients, prefix: backend.prefix, apply: true, nowMs: NOW, pause: async () => undefined })).toMatchObject({ entries: 107, trimmed: 0 });
  });
});
