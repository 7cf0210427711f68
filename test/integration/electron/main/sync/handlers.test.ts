import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createSyncHandlers } from '@main/sync/handlers';
import { dispatch } from '@shared/api/dispatch';
import type { EventName, EventPayload, EventSink, Handlers } from '@shared/api/contract';
import { PullRequestSchema, ReconcileRequestSchema, ScanRequestSchema } from '@shared/sync/protocol';
import type { Mutation, ServerItem } from '@shared/sync/protocol';
import { tableName } from '@shared/tables';
import { anAsset, aUser } from '@test/support/builders';
import { useSyncTables } from './sync-fixture';

const { connect, prefix } = useSyncTables();
const { clients, faults } = connect();
const emitted: Array<{ event: EventName; payload: unknown }> = [];
const events: EventSink = {
  emit<E extends EventName>(event: E, payload: EventPayload<E>) {
    emitted.push({ event, payload });
  },
};
const handlers = createSyncHandlers({ clients, prefix, events });
const context = { transport: 'web' as const };

const asset = (id: string): ServerItem => anAsset({ assetId: id, fileName: `${id}.png`, s3Key: `users/u-1/${id}.png` });

describe('sync handlers', () => {
  it('push writes and pokes other windows to pull that entity', async () => {
    const mutations: Mutation[] = [{ kind: 'create', clientId: 'H', seq: 1, entity: 'assets', key: 'a-1', updatedBy: 'ann', item: asset('a-1') }];
    const { outcomes } = await handlers['sync.push']({ mutations }, context);
    expect(outcomes[0]?.status).toBe('applied');
    expect(emitted).toContainEqual({ event: 'sync.poke', payload: { reason: 'push', entity: 'assets' } });
  });

  it('an initial sync: checkpoint first, then every segment of the parallel Scan, resumable by page', async () => {
    await handlers['sync.push']({ mutations: Array.from({ length: 30 }, (_, i): Mutation => ({ kind: 'create', clientId: 'H', seq: 10 + i, entity: 'assets', key: `scan-${i}`, updatedBy: 'ann', item: asset(`scan-${i}`) })) }, context);
    const { checkpoint } = await handlers['sync.checkpoint']({ entity: 'assets' }, context);
    expect(checkpoint.buckets.every((bucket) => bucket.highWater !== null)).toBe(true);
    const seen = new Set<string>();
    const totalSegments = 3;
    for (let segment = 0; segment < totalSegments; segment++) {
      let exclusiveStartKey: Record<string, string> | null = null;
      do {
        const page = await handlers['sync.scan'](ScanRequestSchema.parse({ entity: 'assets', segment, totalSegments, exclusiveStartKey, limit: 4 }), context);
        for (const item of page.items) seen.add(item.assetId as string);
        exclusiveStartKey = page.lastEvaluatedKey;
      } while (exclusiveStartKey);
    }
    for (let i = 0; i < 30; i++) expect(seen.has(`scan-${i}`)).toBe(true);
    const delta = await handlers['sync.pull'](PullRequestSchema.parse({ entity: 'assets', checkpoint }), context);
    expect(delta.resyncRequired).toBe(false);
  });

  it('reconcile adopts items written without sync attributes, so the delta pull finally sees them', async () => {
    const table = tableName('users', prefix);
    await clients.doc.send(new PutCommand({ TableName: table, Item: aUser({ userId: 'legacy-1', email: 'l1@example.com', name: 'Legacy', createdAt: '2023-07-15T10:15:00Z', updatedAt: '2023-07-15T10:15:00Z' }) }));
    await clients.doc.send(new PutCommand({ TableName: table, Item: aUser({ userId: 'legacy-2', email: 'l2@example.com', name: 'No stamp', createdAt: '2023-07-15T10:15:00Z' }) }));
    const { checkpoint } = await handlers['sync.checkpoint']({ entity: 'users' }, context);
    const before = await handlers['sync.pull'](PullRequestSchema.parse({ entity: 'users', checkpoint }), context);
    expect(before.items.map((item) => item.userId)).not.toContain('legacy-1');
    const report = await handlers['sync.reconcile'](ReconcileRequestSchema.parse({ entity: 'users', maxReadUnitsPerSecond: 1000 }), context);
    expect(report).toMatchObject({ adopted: 2, lastEvaluatedKey: null });
    expect(report.consumedReadUnits).toBeGreaterThan(0);
    expect(report.consumedWriteUnits).toBeGreaterThan(0);
    const after = await handlers['sync.pull'](PullRequestSchema.parse({ entity: 'users', checkpoint }), context);
    expect(after.items.find((item) => item.userId === 'legacy-1')).toMatchObject({ version: 1, name: 'Legacy', updatedBy: 'sync-reconciler' });
    // legacy-2 had no updatedAt: adopted with one, and it fits the schema now.
    expect(after.items.map((item) => item.userId)).toContain('legacy-2');
    const again = await handlers['sync.reconcile'](ReconcileRequestSchema.parse({ entity: 'users', maxReadUnitsPerSecond: 1000 }), context);
    expect(again.adopted).toBe(0);
  });

  it('a pull that fails for a network reason or throttling is `unavailable` (offline), with no raw AWS text', async () => {
    const logged: unknown[] = [];
    for (const fault of ['connectionReset', 'throttling', 'serviceUnavailable'] as const) {
      faults.script(fault, 'Query');
      const result = await dispatch(handlers as Handlers, 'sync.pull', { entity: 'bookings', checkpoint: null }, context, (_message, details) => void logged.push(details));
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(JSON.stringify(result)).not.toMatch(/injected/);
    }
    expect(logged).toEqual([]);
  });
});

