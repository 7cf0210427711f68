import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHOOL_SETTINGS_ID } from '@shared/models';
import { syncBucketOf, tableName } from '@shared/tables';
import { type SampleData, generateSampleData } from '@main/ops/sample-data';
import { seedSampleData } from '@main/ops/seed';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { runCli } from '@test/support/run-cli';
import { daysBetween, todayIn } from '@shared/local-date';
import type { Asset } from '@shared/models';

let backend: TestBackend;
let data: SampleData;
let target: string[];

beforeAll(async () => {
  backend = await useTestBackend();
  data = generateSampleData(21, { users: 12, bookings: 80, assets: 30 }, { anchorDate: '2026-08-15' });
  data.assets.push(...documentsOfOneStudent(data));
  await seedSampleData(backend.clients, backend.prefix, data);
  target = ['--endpoint', backend.config.endpoint!, '--prefix', backend.prefix];
});
afterAll(() => backend.close());

/** The sample school's date `days` from now, in its zone (the settings item's). */
const schoolDate = (days: number) => todayIn('America/Los_Angeles', new Date(Date.now() + days * 86_400_000));

/** A medical expiring in 10 days, one renewed (its old one expired), an ID expired 5 days ago, a licence valid 200 days. */
function documentsOfOneStudent(sample: SampleData): Asset[] {
  const base = sample.assets.find((asset) => asset.assetType === 'document')!;
  const userId = sample.users[2]!.userId;
  const doc = (assetId: string, metadata: Record<string, string>): Asset => ({ ...base, assetId, userId, fileName: `${assetId}.pdf`, s3Key: `users/${userId}/${assetId}/${assetId}.pdf`, metadata });
  return [
    doc('doc-medical', { documentKind: 'medical', expiresOn: schoolDate(10) }),
    doc('doc-id-old', { documentKind: 'id', expiresOn: schoolDate(-400) }),
    doc('doc-id', { documentKind: 'id', issuedOn: schoolDate(-700), expiresOn: schoolDate(-5) }),
    doc('doc-licence', { documentKind: 'licence', expiresOn: schoolDate(200) }),
    doc('doc-insurance-old', { documentKind: 'insurance', expiresOn: schoolDate(3) }),
    doc('doc-insurance', { documentKind: 'insurance', expiresOn: schoolDate(300) }),
  ];
}

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

  it('lists the documents expiring within N days of the school’s today, or expired and not renewed, as JSON', { timeout: 300_000 }, async () => {
    const [run, badWithin] = await Promise.all([runCli('pf', ['documents', 'expiring', '--within', '30', ...target]), runCli('pf', ['documents', 'expiring', '--within', 'soon', ...target])]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const report = run.json as { today: string; timeZone: string; withinDays: number; documents: Array<{ assetId: string; kindName: string; expiresOn: string; daysLeft: number; state: string }>; invalid: unknown[] };
    expect(report).toMatchObject({ timeZone: 'America/Los_Angeles', withinDays: 30, invalid: [] });
    const listed = report.documents.filter((entry) => entry.assetId.startsWith('doc-'));
    expect(listed.map(({ assetId, kindName, state }) => ({ assetId, kindName, state }))).toEqual([
      { assetId: 'doc-id', kindName: 'id', state: 'expired' },
      { assetId: 'doc-medical', kindName: 'Medical certificate', state: 'expiring' },
    ]);
    for (const entry of listed) expect(entry.daysLeft).toBe(daysBetween(report.today, entry.expiresOn));
    expect(badWithin).toMatchObject({ code: 1, stdout: '' });
    expect(badWithin.stderr).toContain('--within must be a whole number >= 0');
  });

  it("prints an item's history: the seed's creation is not the app's, the CLI's own change is, with who and old -> new", { timeout: 300_000 }, async () => {
    const booking = data.bookings.find((b) => b.status === 'pending' && b.bookingId !== data.bookings.find((x) => x.status === 'pending')?.bookingId)!;
    const changed = await runCli('pf', ['booking', 'status', booking.bookingId, 'confirmed', '--updated-by', 'ops-ann', ...target]);
    expect(changed.code).toBe(0);
    const history = await runCli('pf', ['history', 'bookings', booking.bookingId, ...target]);
    expect(history).toMatchObject({ code: 0, stderr: '' });
    expect(history.json).toMatchObject({
      complete: true,
      outside: null,
      entries: [{ kind: 'update', source: 'pf', updatedBy: 'ops-ann', version: 2, changes: [{ path: ['status'], old: '"pending"', new: '"confirmed"' }] }],
    });
    const wrongTable = await runCli('pf', ['history', 'flights', 'x', ...target]);
    expect(wrongTable.code).not.toBe(0);
    expect(wrongTable.stderr).toMatch(/flights.*(resources, users, bookings, assets|choices)/s);
  });

  it('lists the aircraft register and grounds an aircraft with a conditional write, refusing bad input in one line', { timeout: 300_000 }, async () => {
    const stamp = { createdAt: '2026-01-01T00:00:00.000Z', version: 1, updatedAt: '2026-01-01T00:00:00.000Z', clientSeq: {} };
    for (const [registration, extra] of [['N172PF', { hobbs: 1243.5, hundredHourDueHobbs: 1250 }], ['G-ABCD', {}]] as const) {
      const resourceId = `aircraft#${registration}`;
      await backend.clients.doc.send(new PutCommand({ TableName: tableName('resources', backend.prefix), Item: { resourceId, resourceType: 'aircraft', name: registration, aircraftType: 'C172', ...extra, ...stamp, syncBucket: syncBucketOf(resourceId) } }));
    }
    const grounded = await runCli('pf', ['aircraft', 'ground', 'n172pf', '--reason', 'Magneto check', '--until', '2099-01-01T17:00:00Z', '--updated-by', 'Ada Admin', '--expect-version', '1', ...target]);
    expect(grounded).toMatchObject({ code: 0, json: { resourceId: 'aircraft#N172PF', version: 2, grounding: { reason: 'Magneto check', until: '2099-01-01T17:00:00.000Z', by: 'Ada Admin' } } });
    const list = await runCli('pf', ['aircraft', 'list', ...target]);
    expect(list.code).toBe(0);
    // Beside the sample school's own fleet, sorted by registration.
    const listed = (list.json as { aircraft: Array<{ registration: string }> }).aircraft;
    expect(listed.map((entry) => entry.registration)).toEqual([...listed.map((entry) => entry.registration)].sort());
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ registration: 'G-ABCD', grounded: false, maintenance: expect.objectContaining({ state: 'ok' }) }),
        expect.objectContaining({ registration: 'N172PF', grounded: true, hobbs: 1243.5, maintenance: expect.objectContaining({ state: 'due-soon', reasons: ['100-hour inspection due in 6.5 h'] }) }),
      ]),
    );
    const [stale, backwards, unknown] = await Promise.all([
      runCli('pf', ['aircraft', 'ground', 'G-ABCD', '--reason', 'Tyre', '--expect-version', '7', ...target]),
      runCli('pf', ['aircraft', 'ground', 'G-ABCD', '--reason', 'Tyre', '--until', '2001-01-01T00:00:00Z', ...target]),
      runCli('pf', ['aircraft', 'ground', 'N999ZZ', '--reason', 'Tyre', ...target]),
    ]);
    expect(stale).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: resource aircraft#G-ABCD is at version 1.*not the expected version 7: nothing was changed$/) });
    expect(backwards).toMatchObject({ code: 1, stderr: expect.stringContaining('a grounding ends after it starts') });
    expect(unknown).toMatchObject({ code: 1, stderr: 'error: resource aircraft#N999ZZ does not exist' });
  });
});
