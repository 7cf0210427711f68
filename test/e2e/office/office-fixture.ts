import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../../../electron/main/aws/clients';
import { freeLoopbackPort, startDynamoLocal, type DynamoLocal } from '../../../electron/main/aws/local-backend';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/main/server/loopback-server';
import type { Mutation } from '../../../shared/sync';
import { keyAttribute, tableName } from '../../../shared/tables';
import { createSyncTables } from '../../integration/sync/harness';

/**
 * A TCP proxy in front of DynamoDB Local that the test can cut: main then answers `retry`/offline, as
 * at an airfield without network, while the renderer and its IndexedDB carry on.
 */
export type CuttableLink = { endpoint: string; cut(): void; restore(): void; close(): Promise<void> };

async function cuttableLink(target: string): Promise<CuttableLink> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listenPort = await freeLoopbackPort();
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${listenPort}`,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The school's sample data: a staff member, students, an instructor and bookings on a known date. */
export const SAMPLE_DATE = '2026-03-10';
const createdAt = '2026-03-01T09:00:00.000Z';
export const SAMPLE_USERS = [
  { userId: 'u-sam', email: 'sam@pilotforce.test', name: 'Sam Staff', role: 'staff', createdAt, preferences: { theme: 'light', notifications: true } },
  { userId: 'u-alice', email: 'alice@pilotforce.test', name: 'Alice Ng', role: 'customer', createdAt },
  { userId: 'u-bob', email: 'bob@pilotforce.test', name: 'Bob Roy', role: 'customer', createdAt },
  { userId: 'u-ian', email: 'ian@pilotforce.test', name: 'Ian Instructor', role: 'instructor', createdAt },
];
export const SAMPLE_BOOKINGS = [
  { bookingId: 'bk-a1', userId: 'u-alice', serviceType: 'pilot_training', bookingDate: SAMPLE_DATE, bookingTime: '09:00', status: 'confirmed', details: { duration: 90, location: 'Main Airport', aircraft: 'C-GABC', instructorId: 'u-ian', notes: 'Circuits' }, paymentInfo: { amount: 299.99, currency: 'USD' }, createdAt },
  { bookingId: 'bk-a2', userId: 'u-alice', serviceType: 'ground_school', bookingDate: SAMPLE_DATE, bookingTime: '14:00', status: 'pending', details: { duration: 60, location: 'Classroom 2' }, createdAt },
  { bookingId: 'bk-a3', userId: 'u-alice', serviceType: 'pilot_training', bookingDate: '2026-03-12', bookingTime: '09:00', status: 'pending', details: { duration: 60, aircraft: 'C-GXYZ' }, createdAt },
  { bookingId: 'bk-b1', userId: 'u-bob', serviceType: 'pilot_training', bookingDate: SAMPLE_DATE, bookingTime: '11:00', status: 'confirmed', details: { duration: 60, location: 'North Field', aircraft: 'C-GXYZ' }, createdAt },
];

export type OfficeBackend = {
  services: MainServices;
  server: LoopbackServer;
  link: CuttableLink;
  prefix: string;
  /** The item as DynamoDB holds it now. */
  serverItem(entity: 'users' | 'bookings', key: string): Promise<Record<string, unknown> | undefined>;
};

async function seed(services: MainServices): Promise<void> {
  let seq = 0;
  const create = (entity: 'users' | 'bookings', key: string, item: Record<string, unknown>): Mutation => ({ clientId: 'e2e-seed', seq: ++seq, entity, key, kind: 'create', updatedBy: 'Seed', item: item as never });
  const mutations = [...SAMPLE_USERS.map((user) => create('users', user.userId, user)), ...SAMPLE_BOOKINGS.map((booking) => create('bookings', booking.bookingId, booking))];
  const result = await services.handlers['sync.push']({ mutations } as never, { transport: 'web' });
  const failed = result.outcomes.filter((outcome) => outcome.status !== 'applied');
  if (failed.length) throw new Error(`Seeding failed: ${JSON.stringify(failed)}`);
}

/**
 * One backend per test file (worker): DynamoDB Local behind a cuttable link, the real main services,
 * and the loopback server serving the built renderer, as `npm start` runs them.
 */
export const test = base.extend<{ staffPage: Page }, { backend: OfficeBackend }>({
  // Debian's Chromium: Playwright's own browser download is not possible here.
  launchOptions: [
    { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] },
    { scope: 'worker' },
  ],
  backend: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter
    async ({}, use) => {
      const dynamo: DynamoLocal = await startDynamoLocal();
      const link = await cuttableLink(dynamo.endpoint);
      const prefix = `e2e-${Date.now()}-`;
      const services = createMainServices({
        backend: { endpoint: link.endpoint, s3Endpoint: 'http://127.0.0.1:9', region: 'us-east-1', tablePrefix: prefix, bucket: 'pilotforce-user-assets' },
        dataDir: mkdtempSync(join(tmpdir(), 'pf-e2e-')),
        log: { info: () => undefined, error: () => undefined },
        connectivityIntervalMs: 500,
      });
      await createSyncTables(services.clients.dynamo, prefix);
      await seed(services);
      const server = await startLoopbackServer({ port: await freeLoopbackPort(), staticDir: 'dist/renderer', handlers: services.handlers, events: services.events, log: { info: () => undefined, error: () => undefined } });
      services.start();
      // The test's own view of DynamoDB goes around the link, so it still works while the link is cut.
      const direct = createAwsClients({ endpoint: dynamo.endpoint, region: 'us-east-1', tablePrefix: prefix, bucket: 'pilotforce-user-assets' });
      await use({
        services,
        server,
        link,
        prefix,
        serverItem: async (entity, key) =>
          (await direct.doc.send(new GetCommand({ TableName: tableName(entity, prefix), Key: { [keyAttribute(entity)]: key }, ConsistentRead: true }))).Item,
      });
      direct.destroy();
      services.stop();
      await server.close();
      await link.close();
      await dynamo.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  /** A page signed in as Sam Staff, with the sample data synced. */
  staffPage: async ({ page, backend }, use) => {
    await openAsStaff(page, backend);
    await use(page);
  },
});

export async function openAsStaff(page: Page, backend: OfficeBackend): Promise<void> {
  await page.goto(backend.server.launchUrl);
  await page.getByRole('combobox', { name: 'I am' }).click();
  await page.getByRole('option', { name: /Sam Staff/ }).click();
  await page.getByRole('button', { name: 'Start working' }).click();
  await expect(page.getByRole('button', { name: 'Working as Sam Staff' })).toBeVisible();
}

/** Waits until the header says every local change is on the server. */
export async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 30_000 });
}

/** Moves to a screen the way the navigation does (the hash), keeping the page and its state. */
export async function go(page: Page, hash: string): Promise<void> {
  // Runs in the page; typed without DOM libraries, which this (Node) project does not load.
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, hash);
}

export { expect };
