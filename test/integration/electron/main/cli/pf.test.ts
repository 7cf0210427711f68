import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHOOL_SETTINGS_ID } from '@shared/models';
import { syncBucketOf, tableName } from '@shared/tables';
import { type SampleData, generateSampleData } from '@main/ops/sample-data';
import { seedSampleData } from '@main/ops/seed';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { runCli } from '@test/support/run-cli';

let backend: TestBackend;
let data: SampleData;
let target: string[];

beforeAll(async () => {
  backend = await useTestBackend();
  data = generateSampleData(21, { users: 12, bookings: 80, assets: 30 }, { anchorDate: '2026-08-15' });
  await seedSampleData(backend.clients, backend.prefix, data);
  target = ['--endpoint', backend.config.endpoint!, '--prefix', backend.prefix];
});
afterAll(() => backend.close());

const ids = (items: unknown) => (items as Array<Record<string, string>>).map((item) => item.bookingId ?? item.assetId).sort();

describe('npm run pf', () => {
  it('runs the seven access patterns and prints JSON', { timeout: 300_000 }, async () => {
    // Run at once: the read and the preferences update name different users, so neither sees the other.
    const user = data.users[4]!;
    const edited = data.users[5]!;
    const booked = data.bookings.find((b) => b.status === 'pending')!;
    const owner = data.assets[0]!.userId;
    const [get, prefs, bookings, onDate, status, byType, ofUser] = await Promise.all([
      runCli('pf', ['user', 'get', user.userId, ...target]),
      runCli('pf', ['user', 'prefs', edited.userId, '--theme', 'dark', '--notifications', 'false', '--updated-by', 'staff-bo', ...target]),
      runCli('pf', ['bookings', booked.userId, ...target]),
      runCli('pf', ['bookings', booked.userId, '--date', booked.bookingDate, ...target]),
      runCli('pf', ['booking', 'status', booked.bookingId, 'confirmed', '--expect-version', '1', ...target]),
      runCli('pf', ['assets', '--type', 'document', ...target]),
      runCli('pf', ['assets', '--user', owner, ...target]),
    ]);
    for (const run of [get, prefs, bookings, onDate, status, byType, ofUser]) expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(get.json).toEqual({ item: user, invalid: [] });
    expect(prefs.json).toMatchObject({ userId: edited.userId, version: 2, updatedBy: 'staff-bo', preferences: { theme: 'dark', notifications: false } });
    expect(ids((bookings.json as { items: unknown }).items)).toEqual(ids(data.bookings.filter((b) => b.userId === booked.userId)));
    expect(ids((onDate.json as { items: unknown }).items)).toEqual(ids(data.bookings.filter((b) => b.userId === booked.userId && b.bookingDate === booked.bookingDate)));
    expect(status.json).toMatchObject({ bookingId: booked.bookingId, status: 'confirmed', version: 2 });
    expect(ids((byType.json as { items: unknown }).items)).toEqual(ids(data.assets.filter((a) => a.assetType === 'document')));
    expect(ids((ofUser.json as { items: unknown }).items)).toEqual(ids(data.assets.filter((a) => a.userId === owner)));
  });

  it('reports user errors on stderr in one line with exit code 1, changing nothing', { timeout: 300_000 }, async () => {
    const booking = data.bookings.find((b) => b.status === 'confirmed')!;
    const [stale, unknown, badDate, noTables] = await Promise.all([
      runCli('pf', ['booking', 'status', booking.bookingId, 'completed', '--expect-version', '9', ...target]),
      runCli('pf', ['user', 'get', 'nobody', ...target]),
      runCli('pf', ['bookings', booking.userId, '--date', '2023-02-30', ...target]),
      runCli('pf', ['user', 'get', 'x', '--endpoint', backend.config.endpoint!, '--prefix', 'missing-']),
    ]);
    expect(stale).toMatchObject({ code: 1, stdout: '' });
    expect(stale.stderr).toBe(`error: booking ${booking.bookingId} is at version 1, updated ${booking.updatedAt} by db-seed, not the expected version 9: nothing was changed`);
    expect(unknown).toMatchObject({ code: 1, stderr: 'error: user nobody does not exist' });
    expect(badDate).toMatchObject({ code: 1, stderr: 'error: date 2023-02-30: not a date (YYYY-MM-DD)' });
    expect(noTables.code).toBe(1);
    expect(noTables.stderr).toMatch(/^error: .*run `npm run db:setup` with the same --endpoint and --prefix$/);
    const after = await runCli('pf', ['bookings', booking.userId, '--date', booking.bookingDate, ...target]);
    expect((after.json as { items: Array<{ bookingId: string; version: number; status: string }> }).items.find((b) => b.bookingId === booking.bookingId)).toMatchObject({ version: 1, status: 'confirmed' });
  });

  it("reads the school's resources by typed id and by type; a type this version does not know is listed as invalid with the reason", { timeout: 300_000 }, async () => {
    // Another tool's item of a type this version does not model.
    await backend.clients.doc.send(
      new PutCommand({
        TableName: tableName('resources', backend.prefix),
        Item: { resourceId: 'hangar#H1', resourceType: 'hangar', createdAt: '2026-01-01T00:00:00Z', version: 1, updatedAt: '2026-01-01T00:00:00Z', syncBucket: syncBucketOf('hangar#H1') },
      }),
    );
    const [settings, byType, unknownType, missing, emptyType] = await Promise.all([
      runCli('pf', ['resource', 'get', SCHOOL_SETTINGS_ID, ...target]),
      runCli('pf', ['resource', 'list', '--type', 'school-settings', ...target]),
      runCli('pf', ['resource', 'list', '--type', 'hangar', ...target]),
      runCli('pf', ['resource', 'get', 'aircraft#NOPE', ...target]),
      runCli('pf', ['resource', 'list', '--type', ' ', ...target]),
    ]);
    const stored = data.resources.find((resource) => resource.resourceId === SCHOOL_SETTINGS_ID);
    expect(settings).toMatchObject({ code: 0, stderr: '', json: { item: stored, invalid: [] } });
    expect(byType).toMatchObject({ code: 0, json: { items: [stored] } });
    expect(unknownType).toMatchObject({ code: 0, json: { items: [], invalid: [{ key: 'hangar#H1', reason: expect.stringMatching(/^resourceType: not a resource type this version knows/) }] } });
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'error: resource aircraft#NOPE does not exist' });
    expect(emptyType).toMatchObject({ code: 1, stdout: '', stderr: 'error: resource type: a resource type may not be empty' });
  });
});
