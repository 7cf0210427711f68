import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '@main/aws/clients';
import { createItem, updateItem } from '@renderer/db/local-writes';
import { awaitInSync } from '@renderer/sync/in-sync';
import { tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { testEndpoints } from '@test/support/backend';
import { aBooking, anAsset } from '@test/support/builders';
import { type SimulatedApp, simulatedApp } from '@test/integration/sync/clients';
import { createSyncTables } from '@test/integration/sync/harness';

/**
 * DynamoDB's limits reached from the office app (issue 9, "Limits"): the user gets a clear reason, the
 * edit is parked as rejected (never retried in a loop), and the server item is untouched.
 */
const { endpoint } = testEndpoints();
const prefix = `t${randomUUID().slice(0, 8)}-`;
const admin = createAwsClients({ endpoint, region: 'us-east-1', tablePrefix: prefix, bucket: 'pilotforce-user-assets' });
let app: SimulatedApp;

beforeAll(async () => {
  await createSyncTables(admin, prefix);
  app = await simulatedApp({ endpoint, prefix });
  await awaitInSync(app.sync);
});
afterAll(() => {
  app?.close();
  admin.destroy();
});

/** The seven attributes of a booking, no details: the attribute counts below build on them. */
const booking = (bookingId: string, extra: Record<string, unknown> = {}) => aBooking({ bookingId, details: undefined, ...extra });
const KB = 1024;

async function serverItem(bookingId: string) {
  const { Item } = await admin.doc.send(new GetCommand({ TableName: tableName('bookings', prefix), Key: { bookingId }, ConsistentRead: true }));
  return Item;
}

/** The outbox entry of a key: parked with its reason, and how often it was sent. */
async function outboxOf(key: string) {
  return app.db.outbox.where('[entity+key]').equals(['bookings', key]).toArray();
}

/** More sync cycles change nothing about a parked rejection: no resend, no new attempt. */
async function expectParkedForGood(key: string, reason: RegExp) {
  const [entry] = await outboxOf(key);
  expect(entry).toMatchObject({ state: 'parked-rejected', lastError: expect.stringMatching(reason) });
  const attempts = entry?.attempts;
  for (let i = 0; i < 3; i++) await app.sync.syncNow();
  await awaitInSync(app.sync);
  expect((await outboxOf(key))[0]).toMatchObject({ state: 'parked-rejected', attempts });
}

describe('limits', () => {
  it('an item just under 400 KB is written; an edit that would take it past the limit is rejected with the reason and parked, not retried', async () => {
    await createItem(app.db, 'bookings', booking('near-limit', { attachmentIndex: 'a'.repeat(395 * KB) }), 'ann');
    await awaitInSync(app.sync);
    const written = await serverItem('near-limit');
    expect(written?.version).toBe(1);
    expect(String(written?.attachmentIndex).length).toBe(395 * KB);

    // Each change is small; only the item as a whole would exceed DynamoDB's limit.
    await updateItem(app.db, 'bookings', 'near-limit', { details: { notes: 'n'.repeat(9000) } }, 'ann');
    await awaitInSync(app.sync);
    await expectParkedForGood('near-limit', /400 KB/);
    expect((await serverItem('near-limit'))?.version).toBe(1);
  });

  it('a new item over 400 KB is rejected before it is sent to DynamoDB, with the reason', async () => {
    await createItem(app.db, 'bookings', booking('too-large', { attachmentIndex: 'a'.repeat(401 * KB) }), 'ann');
    await awaitInSync(app.sync);
    await expectParkedForGood('too-large', /larger than DynamoDB's 400 KB limit/);
    expect(await serverItem('too-large')).toBeUndefined();
  });

  it('an item with 200 attributes is written; one with 600 is rejected with the reason', async () => {
    const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`field${i}`, i]));
    await createItem(app.db, 'bookings', booking('many-attributes', fields(200 - 7)), 'ann');
    await createItem(app.db, 'bookings', booking('too-many-attributes', fields(600)), 'ann');
    await awaitInSync(app.sync);
    expect((await serverItem('many-attributes'))?.field192).toBe(192);
    await expectParkedForGood('too-many-attributes', /607 attributes; the app writes at most 200/);
    expect(await serverItem('too-many-attributes')).toBeUndefined();
  });

  it('very long notes and too many tags are refused at the local write, naming the field; nothing is queued', async () => {
    const before = await app.db.outbox.count();
    await expect(createItem(app.db, 'bookings', { ...booking('long-notes'), details: { notes: 'n'.repeat(10_001) } }, 'ann')).rejects.toMatchObject({
      code: 'invalid',
      issues: [expect.stringMatching(/^details\.notes: /)],
    });
    const asset = anAsset({ assetId: 'many-tags', fileName: 'a.png', s3Key: 'users/u-1/many-tags/a.png', size: 1 });
    await expect(createItem(app.db, 'assets', { ...asset, tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, 'ann')).rejects.toMatchObject({
      code: 'invalid',
      issues: [expect.stringMatching(/^tags: /)],
    });
    await createItem(app.db, 'assets', { ...asset, tags: Array.from({ length: 100 }, (_, i) => `t${i}`.padEnd(64, 'x')) }, 'ann');
    expect(await app.db.outbox.count()).toBe(before + 1);
    await awaitInSync(app.sync);
    expect(await app.db.outbox.count()).toBe(before);
  });

  it("values nested up to DynamoDB's 32 levels (the item and each map count) are written; one level more is rejected with the reason and parked, not retried", async () => {
    const lists = (depth: number) => {
      let value: DynamoValue = 'x';
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    };
    await createItem(app.db, 'bookings', booking('deepest', { nested: lists(31) }), 'ann');
    await createItem(app.db, 'bookings', booking('too-deep', { nested: lists(32) }), 'ann');
    await awaitInSync(app.sync);
    expect((await serverItem('deepest'))?.nested).toEqual(lists(31));
    await expectParkedForGood('too-deep', /^nested holds lists or maps nested 33 levels deep \(counting the item\); DynamoDB stores at most 32$/);
    expect(await serverItem('too-deep')).toBeUndefined();

    // Inside a map one level fewer fits.
    await updateItem(app.db, 'bookings', 'deepest', { details: { fits: lists(30) } }, 'ann');
    await awaitInSync(app.sync);
    expect((await serverItem('deepest'))?.details).toEqual({ fits: lists(30) });
    await updateItem(app.db, 'bookings', 'deepest', { details: { deeper: lists(31) } }, 'ann');
    await awaitInSync(app.sync);
    await expectParkedForGood('deepest', /^details\.deeper holds lists or maps nested 33 levels deep/);
    expect((await serverItem('deepest'))?.version).toBe(2);

    // Far deeper than any item holds: refused at the local write, before any recursive check.
    await expect(createItem(app.db, 'bookings', { ...booking('absurd'), nested: lists(3_000) }, 'ann')).rejects.toMatchObject({
      code: 'invalid',
      issues: [expect.stringMatching(/^nested: lists and maps nested more than 64 levels deep/)],
    });
  });
});
