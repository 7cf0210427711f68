import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAY_MS, type ReconcileRun, jsonFileReconcileStore, reconcileDueTables } from '@main/sync/reconcile-schedule';
import type { EventName } from '@shared/api/contract';
import { tableName } from '@shared/tables';
import { useSyncTables } from './sync-fixture';
import { aBooking } from '@test/support/builders';

const { connect, prefix } = useSyncTables();
const { clients } = connect();
const folder = await mkdtemp(join(tmpdir(), 'pf-reconcile-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('reconcile schedule', () => {
  it('runs each table when due, keeps its state across restarts, reports capacity and pokes when it adopted', async () => {
    await clients.doc.send(new PutCommand({ TableName: tableName('bookings', prefix), Item: aBooking({ bookingId: 'legacy-b', createdAt: '2023-01-01T00:00:00Z', updatedAt: '2023-01-01T00:00:00Z' }) }));
    const pokes: Array<{ event: EventName; payload: unknown }> = [];
    const reports: ReconcileRun[] = [];
    let now = Date.parse('2026-06-01T00:00:00Z');
    const options = () => ({
      clients,
      prefix,
      events: { emit: (event: EventName, payload: unknown) => void pokes.push({ event, payload }) },
      store: jsonFileReconcileStore(join(folder, 'reconcile.json')), // a fresh store object: as after a restart
      maxReadUnitsPerSecond: 1000,
      report: (run: ReconcileRun) => void reports.push(run),
      now: () => now,
    });
    const first = await reconcileDueTables(options());
    expect(first.map((run) => run.entity).sort()).toEqual(['assets', 'bookings', 'resources', 'users']);
    expect(first.find((run) => run.entity === 'bookings')).toMatchObject({ adopted: 1, complete: true });
    expect(reports.find((run) => run.entity === 'bookings')?.consumedReadUnits).toBeGreaterThan(0);
    expect(reports.find((run) => run.entity === 'bookings')?.consumedWriteUnits).toBeGreaterThan(0);
    expect(pokes).toEqual([{ event: 'sync.poke', payload: { reason: 'reconcile', entity: 'bookings' } }]);

    now += DAY_MS - 1;
    expect(await reconcileDueTables(options())).toEqual([]);
    now += 1;
    expect((await reconcileDueTables(options())).map((run) => run.adopted)).toEqual([0, 0, 0, 0]);
  });
});
