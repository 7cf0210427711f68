import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@playwright/test';
import type { Handlers } from '@shared/api/contract';
import type { Mutation } from '@shared/sync';
import { keyAttribute, tableName } from '@shared/tables';
import { DEFAULT_DB_NAME } from '@renderer/db/schema';
import { ACTIVE_STATES } from '@renderer/db/view';
import { aBooking, aUser } from '@test/support/builders';
import { E2E_BOOKINGS, E2E_USERS } from '../support/sample';
import { expect, test as appTest, type E2eApp } from '../support/app-fixture';

/** The office flows' school: the harness's sample plus a second student, an instructor, an admin and more bookings. */
export const SAMPLE_DATE = '2026-03-10';
const createdAt = '2026-03-01T09:00:00.000Z';
const MORE_USERS = [
  aUser({ userId: 'u-bob', email: 'bob@pilotforce.test', name: 'Bob Roy', role: 'customer', createdAt }),
  aUser({ userId: 'u-ian', email: 'ian@pilotforce.test', name: 'Ian Instructor', role: 'instructor', createdAt }),
  aUser({ userId: 'u-ada', email: 'ada@pilotforce.test', name: 'Ada Admin', role: 'admin', createdAt }),
];
const MORE_BOOKINGS = [
  aBooking({ bookingId: 'bk-a2', userId: 'u-alice', serviceType: 'ground_school', bookingDate: SAMPLE_DATE, bookingTime: '14:00', status: 'pending', details: { duration: 60, location: 'Classroom 2' }, createdAt }),
  aBooking({ bookingId: 'bk-a3', userId: 'u-alice', serviceType: 'pilot_training', bookingDate: '2026-03-12', bookingTime: '09:00', status: 'pending', details: { duration: 60, aircraft: 'C-GXYZ' }, createdAt }),
  aBooking({ bookingId: 'bk-b1', userId: 'u-bob', serviceType: 'pilot_training', bookingDate: SAMPLE_DATE, bookingTime: '11:00', status: 'confirmed', details: { duration: 60, location: 'North Field', aircraft: 'C-GXYZ' }, createdAt }),
];
export const SAMPLE_USERS = [...E2E_USERS, ...MORE_USERS];
export const SAMPLE_BOOKINGS = [...E2E_BOOKINGS, ...MORE_BOOKINGS];

async function seedMore(handlers: Handlers): Promise<void> {
  let seq = 0;
  const create = (entity: 'users' | 'bookings', key: string, item: object): Mutation =>
    ({ clientId: 'e2e-office-seed', seq: ++seq, entity, key, kind: 'create', updatedBy: 'Seed', item }) as Mutation;
  const mutations = [...MORE_USERS.map((user) => create('users', user.userId, user)), ...MORE_BOOKINGS.map((booking) => create('bookings', booking.bookingId, booking))];
  const { outcomes } = await handlers['sync.push']({ mutations }, { transport: 'web' });
  const failed = outcomes.filter((outcome) => outcome.status !== 'applied');
  if (failed.length) throw new Error(`seeding failed: ${JSON.stringify(failed)}`);
}

export type OfficeBackend = E2eApp & {
  /** The item as DynamoDB holds it now (read through main's clients: restore the backend first). */
  serverItem(entity: 'users' | 'bookings' | 'resources' | 'assets', key: string): Promise<Record<string, unknown> | undefined>;
};

/** The app harness (DynamoDB Local and s3rver behind cuttable links, real main, loopback server), with the office sample. */
export const test = appTest.extend<{ staffPage: Page }, { backend: OfficeBackend }>({
  backend: [
    async ({ app }, use) => {
      await seedMore(app.services.handlers);
      await use({
        ...app,
        serverItem: async (entity, key) =>
          (await app.services.clients.doc.send(new GetCommand({ TableName: tableName(entity, app.prefix), Key: { [keyAttribute(entity)]: key }, ConsistentRead: true }))).Item,
      });
    },
    { scope: 'worker' },
  ],
  /** A page working as Sam Staff, with the sample data synced. */
  staffPage: async ({ page, backend }, use) => {
    await openAsStaff(page, backend);
    await use(page);
  },
});

export async function openAsStaff(page: Page, backend: OfficeBackend, name = 'Sam Staff'): Promise<void> {
  await page.goto(backend.launchUrl());
  await page.getByRole('combobox', { name: 'I am' }).click();
  await page.getByRole('option', { name: new RegExp(name) }).click();
  await page.getByRole('button', { name: 'Start working' }).click();
  await expect(page.getByRole('button', { name: `Working as ${name}` })).toBeVisible();
}

/** Waits until the header says every local change is on the server. */
export async function expectSynced(page: Page): Promise<void> {
  // The page's own outbox first, read from IndexedDB: just after a save the header can still show the count of before it.
  await expect.poll(() => page.evaluate(activeOutboxCount, { name: DEFAULT_DB_NAME, states: [...ACTIVE_STATES] }), { timeout: 30_000 }).toBe(0);
  await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 30_000 });
}

/** Runs in the page: the outbox entries still to be sent (typed without DOM libraries, which this Node project does not load). */
function activeOutboxCount({ name, states }: { name: string; states: string[] }): Promise<number> {
  type Request<T> = { result: T; onsuccess: (() => void) | null; onerror: (() => void) | null };
  type Database = { transaction(store: string): { objectStore(store: string): { getAll(): Request<Array<{ state: string }>> } }; close(): void };
  const indexedDB = (globalThis as unknown as { indexedDB: { open(name: string): Request<Database> } }).indexedDB;
  const done = <T,>(request: Request<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error('IndexedDB request failed'));
    });
  return done(indexedDB.open(name)).then(async (db) => {
    const entries = await done(db.transaction('outbox').objectStore('outbox').getAll());
    db.close();
    return entries.filter((entry) => states.includes(entry.state)).length;
  });
}

/** Moves to a screen the way the navigation does (the hash), keeping the page and its state. */
export async function go(page: Page, hash: string): Promise<void> {
  // Runs in the page; typed without DOM libraries, which this (Node) project does not load.
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, hash);
}

export { expect };
