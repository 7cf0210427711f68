import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem, deleteItem, updateItem } from '../../../renderer/src/db/local-writes';
import { resolveConflict } from '../../../renderer/src/sync/conflicts';
import { awaitInSync } from '../../../renderer/src/sync/in-sync';
import { simulatedApp, type SimulatedApp } from './clients';
import { createSyncTables, dynamoEndpoint, simulatedMain, type DynamoEndpoint } from './harness';

const booking = (bookingId: string, overrides: Record<string, unknown> = {}) => ({
  bookingId,
  userId: 'u-1',
  serviceType: 'Flight Training',
  bookingDate: '2026-12-01',
  bookingTime: '10:00',
  status: 'pending',
  details: { duration: 60, notes: 'first lesson' },
  createdAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

let backend: DynamoEndpoint;
const prefix = `h4${randomUUID().slice(0, 6)}-`;
const apps: SimulatedApp[] = [];

async function app(options: { clockSkewMs?: number } = {}): Promise<SimulatedApp> {
  const created = await simulatedApp({ endpoint: backend.endpoint, prefix, overlapMs: 10_000, ...options });
  apps.push(created);
  return created;
}

beforeAll(async () => {
  backend = await dynamoEndpoint();
  const admin = simulatedMain({ endpoint: backend.endpoint, prefix });
  await createSyncTables(admin.clients.dynamo, prefix);
  admin.clients.destroy();
});
afterAll(async () => {
  for (const created of apps) created.close();
  await backend?.stop();
});

describe('what AWS Amplify DataStore users lose, this client keeps', () => {
  it('creates, edits and deletes reach the server and the other client', async () => {
    const alice = await app();
    const bob = await app();
    await createItem(alice.db, 'bookings', booking('smoke-1'), 'alice');
    await updateItem(alice.db, 'bookings', 'smoke-1', { status: 'confirmed' }, 'alice');
    await awaitInSync(alice.sync);
    await awaitInSync(bob.sync);
    expect(await bob.db.bookings.get('smoke-1')).toMatchObject({ status: 'confirmed', version: 2, updatedBy: 'alice' });
    await deleteItem(bob.db, 'bookings', 'smoke-1', 'bob');
    await awaitInSync(bob.sync);
    await awaitInSync(alice.sync);
    expect(await alice.db.bookings.get('smoke-1')).toBeUndefined();
    expect(await alice.db.outbox.count()).toBe(0);
  });
});
