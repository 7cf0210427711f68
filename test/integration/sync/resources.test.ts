import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem, updateItem } from '@renderer/db/local-writes';
import { resolveConflict } from '@renderer/sync/conflicts';
import { awaitInSync } from '@renderer/sync/in-sync';
import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import { simulatedApp, type SimulatedApp } from './clients';
import { createSyncTables, dynamoEndpoint, simulatedMain, type DynamoEndpoint } from './harness';

/** The school's settings between two desks, through the real push and pull handlers on DynamoDB Local. */
let backend: DynamoEndpoint;
const prefix = `rs${randomUUID().slice(0, 6)}-`;
const apps: SimulatedApp[] = [];

async function desk(): Promise<SimulatedApp> {
  const created = await simulatedApp({ endpoint: backend.endpoint, prefix, overlapMs: 10_000 });
  apps.push(created);
  return created;
}

const settings = (timeZone: string) => ({ resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings', ...defaultSchoolSettings(timeZone), createdAt: '2026-11-01T10:00:00.000Z' });

beforeAll(async () => {
  backend = await dynamoEndpoint();
  const admin = simulatedMain({ endpoint: backend.endpoint, prefix });
  await createSyncTables(admin.clients, prefix);
  admin.clients.destroy();
});
afterAll(async () => {
  for (const created of apps) created.close();
  await backend?.stop();
});

describe('school settings between two desks', () => {
  it('reach the other desk; edits of different settings merge, the same setting is a conflict shown with theirs', async () => {
    const front = await desk();
    const office = await desk();
    await createItem(front.db, 'resources', settings('Europe/London'), 'alice');
    await awaitInSync(front.sync);
    await awaitInSync(office.sync);
    expect(await office.db.resources.get(SCHOOL_SETTINGS_ID)).toMatchObject({ timeZone: 'Europe/London', version: 1, updatedBy: 'alice' });

    // Both edit before either syncs: the zone on both desks, Monday's hours on one, the booking defaults on the other.
    await updateItem(front.db, 'resources', SCHOOL_SETTINGS_ID, { timeZone: 'Europe/Paris', openingHours: { monday: { open: '07:00', close: '19:00' } } }, 'alice');
    await updateItem(office.db, 'resources', SCHOOL_SETTINGS_ID, { bookingDefaults: { durationMinutes: 90, serviceType: 'checkride' } }, 'bob');
    await updateItem(office.db, 'resources', SCHOOL_SETTINGS_ID, { timeZone: 'America/New_York' }, 'bob');
    await awaitInSync(front.sync);
    await awaitInSync(office.sync);

    const [conflict, ...others] = await office.db.conflicts.toArray();
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({ entity: 'resources', key: SCHOOL_SETTINGS_ID, reason: 'fields', paths: [['timeZone']] });
    expect(conflict?.theirs).toMatchObject({ timeZone: 'Europe/Paris', openingHours: { monday: { open: '07:00', close: '19:00' } } });
    // The booking defaults (a map with required keys, so sent whole) merged; the conflicted zone waits for Bob.
    expect((await office.db.outbox.toArray()).map((entry) => entry.state)).toEqual(['parked-conflict']);
    expect(await office.db.resources.get(SCHOOL_SETTINGS_ID)).toMatchObject({ bookingDefaults: { durationMinutes: 90, serviceType: 'checkride' } });

    await resolveConflict(office.db, conflict!.seq, { kind: 'mine' }, 'bob');
    await awaitInSync(office.sync);
    await awaitInSync(front.sync);
    for (const app of [front, office]) {
      expect(await app.db.resources.get(SCHOOL_SETTINGS_ID)).toMatchObject({
        timeZone: 'America/New_York',
        openingHours: { monday: { open: '07:00', close: '19:00' } },
        bookingDefaults: { durationMinutes: 90, serviceType: 'checkride' },
        updatedBy: 'bob',
      });
      expect(await app.db.outbox.count()).toBe(0);
      expect(await app.db.quarantine.count()).toBe(0);
    }
    expect(await front.db.conflicts.count()).toBe(0);
  });

  it('two desks creating the settings offline make one item: the second create is a conflict, never a duplicate', async () => {
    const local = `${prefix}second-`;
    const admin = simulatedMain({ endpoint: backend.endpoint, prefix: local });
    await createSyncTables(admin.clients, local);
    admin.clients.destroy();
    const a = await simulatedApp({ endpoint: backend.endpoint, prefix: local, overlapMs: 10_000 });
    const b = await simulatedApp({ endpoint: backend.endpoint, prefix: local, overlapMs: 10_000 });
    apps.push(a, b);
    await createItem(a.db, 'resources', settings('Europe/Berlin'), 'alice');
    await createItem(b.db, 'resources', settings('Asia/Tokyo'), 'bob');
    await awaitInSync(a.sync);
    await awaitInSync(b.sync);
    expect(await b.db.conflicts.toArray()).toMatchObject([{ entity: 'resources', key: SCHOOL_SETTINGS_ID, reason: 'exists' }]);
    const conflict = (await b.db.conflicts.toArray())[0]!;
    await resolveConflict(b.db, conflict.seq, { kind: 'theirs' }, 'bob');
    await awaitInSync(b.sync);
    expect(await b.db.resources.get(SCHOOL_SETTINGS_ID)).toMatchObject({ timeZone: 'Europe/Berlin', version: 1 });
    expect(await b.db.resources.count()).toBe(1);
  });
});
