import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createItem } from '@renderer/db/local-writes';
import { PilotForceDb, SCHEMA_VERSIONS } from '@renderer/db/schema';
import { aBooking } from '@test/support/builders';

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
    expect(v2.verno).toBe(2);
    expect(await v2.outbox.toArray()).toEqual(before);
    // The index added in version 2 covers the items written before it.
    expect(await v2.bookings.where('serviceType').equals('Checkride').primaryKeys()).toEqual(['b-1']);
    v2.close();
  });
});
