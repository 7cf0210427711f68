import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMainServices } from '@main/services';
import { tableName } from '@shared/tables';
import { testEndpoints } from '@test/support/backend';
import { useSyncTables } from './sync/sync-fixture';
import { aBooking } from '@test/support/builders';

const { admin, prefix } = useSyncTables();
const dataDir = await mkdtemp(join(tmpdir(), 'pf-services-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('main services', () => {
  it('reconcile on start: an item another tool wrote without sync attributes is adopted and the windows are poked', async () => {
    const bookings = tableName('bookings', prefix);
    await admin.doc.send(
      new PutCommand({
        TableName: bookings,
        Item: aBooking({ bookingId: 'legacy-1', createdAt: '2023-01-01T00:00:00Z' }),
      }),
    );
    const { endpoint, s3Endpoint } = testEndpoints();
    const services = createMainServices({
      backend: { endpoint, s3Endpoint, region: 'us-east-1', tablePrefix: prefix, bucket: 'pilotforce-user-assets' },
      dataDir,
      log: { info: () => undefined, error: () => undefined },
      connectivityIntervalMs: 60_000,
    });
    const poked = new Promise<unknown>((resolve) => {
      services.events.subscribe((event, payload) => {
        if (event === 'sync.poke') resolve(payload);
      });
    });
    services.start();
    try {
      expect(await poked).toEqual({ reason: 'reconcile', entity: 'bookings' });
      const { Item } = await admin.doc.send(new GetCommand({ TableName: bookings, Key: { bookingId: 'legacy-1' }, ConsistentRead: true }));
      expect(Item).toMatchObject({ bookingId: 'legacy-1', version: expect.anything(), syncBucket: expect.anything(), updatedAt: expect.any(String) });
      // The run is remembered in the data folder, so a restart does not scan again before a day has passed.
      await expect.poll(async () => JSON.parse(await readFile(join(dataDir, 'reconcile.json'), 'utf8').catch(() => '{}')).tables?.bookings?.lastCompletedAt).toEqual(expect.any(Number));
    } finally {
      services.stop();
    }
  });
});
