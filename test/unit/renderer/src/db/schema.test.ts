import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createItem } from '@renderer/db/local-writes';
import { PilotForceDb, SCHEMA_VERSIONS } from '@renderer/db/schema';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import { aBooking } from '@test/support/builders';

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
    expect(v3.verno).toBe(3);
    expect(await v3.outbox.toArray()).toEqual(before);
    expect(await v3.bookings.toArray()).toEqual(items);
    // The new store takes the school's settings, queued behind the pending bookings.
    await createItem(v3, 'resources', { resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...defaultSchoolSettings('Europe/London'), createdAt: '2026-01-01T00:00:00Z' }, 'alice');
    expect((await v3.outbox.toArray()).map((entry) => [entry.seq, entry.entity])).toEqual([...before.map((entry) => [entry.seq, entry.entity]), [before.length + 1, 'resources']]);
    expect(await v3.resources.where('resourceType').equals('school-settings').primaryKeys()).toEqual([SCHOOL_SETTINGS_ID]);
    v3.close();
  });
});
