import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessContext,
  AccessError,
  assetsByType,
  assetsOfUser,
  bookingsOfUser,
  bookingsOfUserOnDate,
  getUser,
  updateBookingStatus,
  updateUserPreferences,
} from '@main/ops/access-patterns';
import { fromSdkItem, toSdkItem } from '@main/aws/clients';
import { type SampleData, generateSampleData } from '@main/ops/sample-data';
import { seedSampleData } from '@main/ops/seed';
import type { EntityName } from '@shared/models';
import { syncBucketOf, tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { aServerBooking } from '@test/support/builders';

let backend: TestBackend;
let ctx: AccessContext;
let data: SampleData;

const BIG_AMOUNT = { $n: '12345678901234567890123456789012345678' };
const BIG_SET_MEMBERS = [{ $n: '98765432109876543210987654321' }, 7, { $n: '1.0000000000000000000000000000001' }];

async function put(entity: EntityName, item: Record<string, DynamoValue>): Promise<void> {
  await backend.clients.doc.send(new PutCommand({ TableName: tableName(entity, backend.prefix), Item: toSdkItem(item) }));
}

async function rawItem(entity: EntityName, key: Record<string, string>): Promise<Record<string, DynamoValue> | undefined> {
  const { Item } = await backend.clients.doc.send(new GetCommand({ TableName: tableName(entity, backend.prefix), Key: key, ConsistentRead: true }));
  return Item ? fromSdkItem(Item) : undefined;
}

function booking(id: string, userId: string, extra: Record<string, DynamoValue> = {}): Record<string, DynamoValue> {
  const stamp = { createdAt: '2024-03-01T08:00:00Z', updatedAt: '2024-03-01T08:00:00Z', syncBucket: syncBucketOf(id) };
  return aServerBooking(1, { bookingId: id, userId, serviceType: 'lesson', bookingDate: '2024-03-10', bookingTime: '09:30', status: 'confirmed', ...stamp, ...extra });
}

beforeAll(async () => {
  backend = await useTestBackend();
  ctx = { clients: backend.clients, prefix: backend.prefix, updatedBy: 'staff-ann' };
  data = generateSampleData(11, { users: 20, bookings: 200, assets: 60 }, { anchorDate: '2026-08-15' });
  await seedSampleData(backend.clients, backend.prefix, data);
});
afterAll(() => backend.close());

describe('reads', () => {
  it('1: gets a user by id, and null for an unknown one', async () => {
    const user = data.users[5]!;
    expect(await getUser(ctx, user.userId)).toEqual({ item: user, invalid: [] });
    expect(await getUser(ctx, 'nobody')).toEqual({ item: null, invalid: [] });
  });

  it("3, 4: a user's bookings, and those on a date, through UserBookingIndex", async () => {
    const userId = data.bookings[0]!.userId;
    const expected = data.bookings.filter((b) => b.userId === userId);
    const all = await bookingsOfUser(ctx, userId);
    expect(all.invalid).toEqual([]);
    expect(all.items.map((b) => b.bookingId).sort()).toEqual(expected.map((b) => b.bookingId).sort());
    // The index sorts by date.
    expect(all.items.map((b) => b.bookingDate)).toEqual(expected.map((b) => b.bookingDate).sort());
    const date = expected[0]!.bookingDate;
    const onDate = await bookingsOfUserOnDate(ctx, userId, date);
    // A user may fly more than once a day: bookings on one date come in no particular order.
    expect(onDate.items.map((b) => b.bookingId).sort()).toEqual(expected.filter((b) => b.bookingDate === date).map((b) => b.bookingId).sort());
    expect(onDate.items.every((b) => b.bookingDate === date)).toBe(true);
    await expect(bookingsOfUserOnDate(ctx, userId, '2023-02-30')).rejects.toThrow('date 2023-02-30: not a date (YYYY-MM-DD)');
  });

  it('6, 7: assets by type and of a user, each a Query', async () => {
    const documents = await assetsByType(ctx, 'document');
    expect(documents.items.map((a) => a.assetId).sort()).toEqual(data.assets.filter((a) => a.assetType === 'document').map((a) => a.assetId).sort());
    const owner = data.assets[0]!.userId;
    const owned = await assetsOfUser(ctx, owner);
    expect(owned.items.map((a) => a.assetId).sort()).toEqual(data.assets.filter((a) => a.userId === owner).map((a) => a.assetId).sort());
  });

  it('leaves out tombstones and expired items, and reports malformed ones while returning the rest', async () => {
    const userId = 'reader-1';
    await put('bookings', booking('ok-1', userId));
    await put('bookings', booking('gone-1', userId, { deleted: true, expiresAt: Math.floor(Date.now() / 1000) + 86_400 }));
    await put('bookings', booking('expired-1', userId, { expiresAt: Math.floor(Date.now() / 1000) - 60 }));
    await put('bookings', { ...booking('bad-1', userId), bookingDate: '2024-02-30', status: 'done' });
    const result = await bookingsOfUser(ctx, userId);
    expect(result.items.map((b) => b.bookingId)).toEqual(['ok-1']);
    expect(result.invalid).toEqual([
      { key: 'bad-1', reason: 'bookingDate: not a date (YYYY-MM-DD); status: expected one of "pending", "confirmed", "completed", "cancelled", got "done"' },
    ]);
  });

  it('reads numbers beyond JavaScript range back exactly, in known and unknown attributes', async () => {
    await put('bookings', booking('big-1', 'reader-2', { paymentInfo: { amount: BIG_AMOUNT, currency: 'USD' }, loyaltyPoints: { $ns: BIG_SET_MEMBERS } }));
    const [read] = (await bookingsOfUser(ctx, 'reader-2')).items;
    expect(read?.paymentInfo?.amount).toEqual(BIG_AMOUNT);
    // A set has no order.
    const members = (read?.loyaltyPoints as { $ns: unknown[] } | undefined)?.$ns;
    expect(members).toHaveLength(3);
    expect(members).toEqual(expect.arrayContaining(BIG_SET_MEMBERS));
  });

  it('follows LastEvaluatedKey past 1 MB pages', async () => {
    const filler = 'x'.repeat(200_000);
    await Promise.all(Array.from({ length: 12 }, (_, i) => put('bookings', booking(`page-${i}`, 'reader-3', { attachmentText: filler }))));
    const result = await bookingsOfUser(ctx, 'reader-3');
    expect(result.items).toHaveLength(12);
    expect(result.pages).toBeGreaterThan(1);
  });
});

describe('writes', () => {
  it('2: updates preferences conditionally, bumping version and stamping updatedAt/updatedBy, keeping other preferences', async () => {
    const user = data.users[6]!;
    const updated = await updateUserPreferences(ctx, user.userId, { theme: 'dark' });
    expect(updated).toMatchObject({ version: 2, updatedBy: 'staff-ann', preferences: { theme: 'dark', notifications: user.preferences?.notifications } });
    expect(updated.updatedAt > user.updatedAt).toBe(true);
  });

  it('refuses a stale expected version with a clear error and changes nothing', async () => {
    const user = data.users[7]!;
    const before = await rawItem('users', { userId: user.userId });
    const attempt = updateUserPreferences(ctx, user.userId, { notifications: false }, { version: 5 });
    await expect(attempt).rejects.toThrow(new AccessError('stale', `user ${user.userId} is at version 1, updated ${user.updatedAt} by db-seed, not the expected version 5: nothing was changed`));
    expect(await rawItem('users', { userId: user.userId })).toEqual(before);
  });

  it('refuses an expected updatedAt that is not the current one, even at the same version', async () => {
    const user = data.users[8]!;
    await expect(updateUserPreferences(ctx, user.userId, { theme: 'dark' }, { version: 1, updatedAt: '2020-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'stale' });
  });

  it('5: updates a booking status at the expected version, following the workflow', async () => {
    const pending = data.bookings.find((b) => b.status === 'pending')!;
    const confirmed = await updateBookingStatus(ctx, pending.bookingId, 'confirmed', { version: 1, updatedAt: pending.updatedAt });
    expect(confirmed).toMatchObject({ status: 'confirmed', version: 2, updatedBy: 'staff-ann' });
    await expect(updateBookingStatus(ctx, pending.bookingId, 'pending')).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(updateBookingStatus(ctx, pending.bookingId, 'completed', { version: 1 })).rejects.toMatchObject({ code: 'stale' });
    await expect(updateBookingStatus(ctx, 'no-such-booking', 'completed')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('adopts an item written without version (the seed way) on its first write', async () => {
    const { version: _v, syncBucket: _b, ...seedStyle } = booking('seed-style-1', 'reader-4', { status: 'pending' });
    await put('bookings', seedStyle);
    const written = await updateBookingStatus(ctx, 'seed-style-1', 'confirmed');
    expect(written).toMatchObject({ status: 'confirmed', version: 1, syncBucket: syncBucketOf('seed-style-1') });
  });

  it('refuses writes to tombstones and to items that do not fit their schema', async () => {
    await put('bookings', booking('gone-2', 'reader-5', { deleted: true }));
    await expect(updateBookingStatus(ctx, 'gone-2', 'completed')).rejects.toMatchObject({ code: 'deleted' });
    await put('bookings', { ...booking('bad-2', 'reader-5'), bookingTime: '25:00' });
    await expect(updateBookingStatus(ctx, 'bad-2', 'completed')).rejects.toMatchObject({ code: 'invalid-item' });
  });
});
