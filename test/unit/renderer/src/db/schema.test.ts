import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createItem, updateItem } from '@renderer/db/local-writes';
import { serverCopyOf } from '@renderer/db/server-copy';
import { PilotForceDb, SCHEMA_VERSIONS } from '@renderer/db/schema';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import { aBooking, aServerAsset, aServerBooking } from '@test/support/builders';

const LATEST = Math.max(...Object.keys(SCHEMA_VERSIONS).map(Number));

describe('schema upgrades', () => {
  it('keeps the outbox, pending changes and items when upgrading from version 1 to 2', async () => {
    const name = 'upgrade-1-to-2';
    // Version 1 as it shipped, written through the same local write API.
    const v1 = new Dexie(name) as PilotForceDb;
    v1.version(1).stores(SCHEMA_VERSIONS[1] ?? {});
    Object.setPrototypeOf(v1, PilotForceDb.prototype);
    await v1.open();
    await createItem(v1, 'bookings', aBooking({ serviceType: 'Checkride' }), 'alice');
    const before = await v1.outbox.toArray();
    expect(v1.verno).toBe(1);
    v1.close();

    const v2 = new PilotForceDb(name);
    await v2.open();
    expect(v2.verno).toBe(LATEST);
    expect(await v2.outbox.toArray()).toEqual(before);
    // The index added in version 2 covers the items written before it.
    expect(await v2.bookings.where('serviceType').equals('Checkride').primaryKeys()).toEqual(['b-1']);
    v2.close();
  });

  it('keeps the outbox and pending changes when upgrading from version 2 to 3, which adds the resources store', async () => {
    const name = 'upgrade-2-to-3';
    // Version 2 as it shipped: versions 1 and 2 declared, no resources store.
    const v2 = new Dexie(name) as PilotForceDb;
    v2.version(1).stores(SCHEMA_VERSIONS[1] ?? {});
    v2.version(2).stores(SCHEMA_VERSIONS[2] ?? {});
    Object.setPrototypeOf(v2, PilotForceDb.prototype);
    await v2.open();
    await createItem(v2, 'bookings', aBooking({ serviceType: 'Checkride' }), 'alice');
    await createItem(v2, 'bookings', aBooking({ bookingId: 'b-2', serviceType: 'Rental' }), 'alice');
    const before = await v2.outbox.toArray();
    const items = await v2.bookings.toArray();
    expect(before.map((entry) => entry.state)).toEqual(['pending', 'pending']);
    expect(v2.tables.map((table) => table.name)).not.toContain('resources');
    v2.close();

    const v3 = new PilotForceDb(name);
    await v3.open();
    expect(v3.verno).toBe(LATEST);
    expect(await v3.outbox.toArray()).toEqual(before);
    expect(await v3.bookings.toArray()).toEqual(items);
    // The new store takes the school's settings, queued behind the pending bookings.
    await createItem(v3, 'resources', { resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...defaultSchoolSettings('Europe/London'), createdAt: '2026-01-01T00:00:00Z' }, 'alice');
    expect((await v3.outbox.toArray()).map((entry) => [entry.seq, entry.entity])).toEqual([...before.map((entry) => [entry.seq, entry.entity]), [before.length + 1, 'resources']]);
    expect(await v3.resources.where('resourceType').equals('school-settings').primaryKeys()).toEqual([SCHOOL_SETTINGS_ID]);
    v3.close();
  });

  it('keeps one record per item when upgrading from version 3 to 4: base records stay only where the view cannot stand for the server copy', async () => {
    const name = 'upgrade-3-to-4';
    // Version 3 as it shipped: every server item kept twice (base record and view), Scan runs marked on the bases.
    const v3 = new Dexie(name) as PilotForceDb;
    for (const version of [1, 2, 3]) v3.version(version).stores(SCHEMA_VERSIONS[version] ?? {});
    Object.setPrototypeOf(v3, PilotForceDb.prototype);
    await v3.open();
    // More than one chunk of the upgrade (2,000 records), all standing alone but the ones below.
    const plain = Array.from({ length: 2500 }, (_, n) => aServerBooking(1, { bookingId: `b-${String(n).padStart(4, '0')}` }));
    await v3.bookings.bulkPut(plain);
    await v3.bases.bulkPut(plain.map((item) => ({ entity: 'bookings' as const, key: item.bookingId, item, scanRun: 'run-1' })));
    const tombstone = { bookingId: 'b-gone', version: 3, updatedAt: '2026-11-01T00:00:00.000Z', deleted: true };
    await v3.bases.put({ entity: 'bookings', key: 'b-gone', item: tombstone, scanRun: 'run-1' } as never);
    // An asset without tags: its view has `tags: []` filled in, so it is not the server's item.
    const { tags: _tags, ...untagged } = aServerAsset(2);
    await v3.assets.put(aServerAsset(2));
    await v3.bases.put({ entity: 'assets', key: untagged.assetId, item: untagged as never });
    // A pending edit: its base record is the rebase's start.
    await updateItem(v3, 'bookings', 'b-0007', { status: 'confirmed' }, 'alice');
    const outbox = await v3.outbox.toArray();
    await v3.checkpoints.put({ id: 'scan:bookings', scan: { runId: 'run-1', checkpoint: { buckets: [] }, fullResync: true, segments: [{ exclusiveStartKey: { bookingId: 'b-0100' }, done: false, items: 100 }] } } as never);
    v3.close();

    const v4 = new PilotForceDb(name);
    await v4.open();
    expect(v4.verno).toBe(LATEST);
    expect(await v4.outbox.toArray()).toEqual(outbox);
    expect((await v4.bases.toArray()).map((record) => record.key).sort()).toEqual(['a-1', 'b-0007', 'b-gone'].sort());
    expect(await v4.bases.get(['bookings', 'b-gone'])).toEqual({ entity: 'bookings', key: 'b-gone', item: tombstone });
    expect((await v4.bases.get(['bookings', 'b-0007']))?.item).toEqual(plain[7]);
    expect(await v4.bookings.count()).toBe(2500);
    expect(await v4.bookings.get('b-0007')).toMatchObject({ status: 'confirmed' });
    for (const key of ['b-0000', 'b-2499']) expect(await serverCopyOf(v4, 'bookings', key)).toEqual(plain.find((item) => item.bookingId === key));
    // The full resync in progress starts its Scan again under a new run: its marks were on the dropped records.
    const scan = await v4.checkpoints.get('scan:bookings');
    expect(scan && 'scan' in scan ? { runId: scan.scan.runId === 'run-1', segments: scan.scan.segments } : null).toEqual({ runId: false, segments: [{ exclusiveStartKey: null, done: false, items: 0 }] });
    v4.close();
  });
});
