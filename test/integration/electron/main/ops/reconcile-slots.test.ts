import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { reconcileSlots } from '@main/ops/reconcile-slots';
import { pushMutations } from '@main/sync/push';
import { resourceDayId } from '@shared/slots';
import { tableName } from '@shared/tables';
import { aBooking } from '@test/support/builders';
import { useSyncTables } from '../sync/sync-fixture';

const { connect, prefix, admin } = useSyncTables();
const desk = connect();

describe('db:reconcile-slots', () => {
  it('finds days that drifted from the bookings and the overlaps a tool wrote, rewrites them with --apply, and then finds none', async () => {
    const booking = (key: string, time: string, aircraft: string) => aBooking({ bookingId: key, bookingDate: '2026-12-02', bookingTime: time, status: 'confirmed', details: { aircraft, duration: 60 } });
    const outcomes = await pushMutations({ clients: desk.clients, prefix }, [
      { entity: 'bookings', kind: 'create', clientId: 'A', seq: 1, key: 'r-app', updatedBy: 'Sam', item: booking('r-app', '10:00', 'N172PF') },
      { entity: 'bookings', kind: 'create', clientId: 'A', seq: 2, key: 'r-other', updatedBy: 'Sam', item: booking('r-other', '10:00', 'N738SP') },
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'applied']);
    // Another tool writes an overlapping booking straight into the table, and a day item is damaged.
    await admin.doc.send(new PutCommand({ TableName: tableName('bookings', prefix), Item: { ...booking('r-tool', '10:30', 'n172pf'), version: 1, updatedAt: '2026-12-01T00:00:00.000Z' } }));
    await admin.doc.send(new PutCommand({ TableName: tableName('resources', prefix), Item: { resourceId: resourceDayId('aircraft', 'N738SP', '2026-12-02'), resourceType: 'resource-day', slots: 'broken', version: 1 } }));

    const dry = await reconcileSlots({ clients: admin, prefix, apply: false });
    expect(dry).toMatchObject({ dryRun: true, bookings: 3, rewritten: 0 });
    expect(dry.drift).toEqual(expect.arrayContaining([
      { resourceId: resourceDayId('aircraft', 'N172PF', '2026-12-02'), problem: 'differs' },
      { resourceId: resourceDayId('aircraft', 'N738SP', '2026-12-02'), problem: 'invalid' },
    ]));
    expect(dry.overlaps).toEqual([{ resourceId: resourceDayId('aircraft', 'N172PF', '2026-12-02'), bookings: ['r-app', 'r-tool'] }]);
    expect((await reconcileSlots({ clients: admin, prefix, apply: false })).drift).toHaveLength(2); // a dry run wrote nothing

    expect(await reconcileSlots({ clients: admin, prefix, apply: true })).toMatchObject({ rewritten: 2, changedMeanwhile: 0 });
    const after = await reconcileSlots({ clients: admin, prefix, apply: false });
    expect(after.drift).toEqual([]);
    expect(after.overlaps).toHaveLength(1); // the office still has to move one of them: the tool does not decide
    // From here the app sees the tool's booking: a new one at 10:45 on N172PF clashes with both.
    const [late] = await pushMutations({ clients: desk.clients, prefix }, [{ entity: 'bookings', kind: 'create', clientId: 'A', seq: 3, key: 'r-late', updatedBy: 'Sam', item: booking('r-late', '10:45', 'N172PF') }]);
    expect(late).toMatchObject({ status: 'conflict', reason: 'clash' });
    expect((late as { clashes: Array<{ other: { bookingId: string } }> }).clashes.map((clash) => clash.other.bookingId).sort()).toEqual(['r-app', 'r-tool']);
  });
});
