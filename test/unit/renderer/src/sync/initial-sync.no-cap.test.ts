import { afterEach, expect, it } from 'vitest';
import type { PilotForceDb } from '@renderer/db/schema';
import { pullEntity } from '@renderer/sync/downstream';
import { initialSync } from '@renderer/sync/initial-sync';
import { checkpointAt, type PullResponse, type ScanRequest } from '@shared/sync';
import { aServerBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { fakeMain } from '@test/unit/renderer/support/fake-main';

let db: PilotForceDb;
afterEach(() => db?.close());

const COUNT = 10_050;
const PAGE = 1000;
const item = (n: number, version = 1) => aServerBooking(version, { bookingId: `b-${String(n).padStart(5, '0')}` });

it('has no silent cap: 10,050 items arrive through the initial Scan and again through delta pages', async () => {
  db = await freshDb();
  const scan = fakeMain({
    'sync.checkpoint': () => ({ checkpoint: checkpointAt('2026-11-02T11:00:00.000Z') }),
    'sync.scan': (input: ScanRequest) => {
      const start = input.exclusiveStartKey ? Number(input.exclusiveStartKey.bookingId?.slice(2)) + 1 : 0;
      const end = Math.min(COUNT, start + PAGE);
      const items = Array.from({ length: end - start }, (_, i) => item(start + i));
      return { items, quarantined: [], lastEvaluatedKey: end < COUNT ? { bookingId: `b-${String(end - 1).padStart(5, '0')}` } : null, consumedReadUnits: 1 };
    },
  });
  await initialSync(db, scan.api, 'bookings', { totalSegments: 1 });
  expect(await db.bookings.count()).toBe(COUNT);

  let served = 0;
  const delta = fakeMain({
    'sync.pull': (): PullResponse => {
      const items = Array.from({ length: Math.min(PAGE, COUNT - served) }, (_, i) => item(served + i, 2));
      served += items.length;
      return { items, quarantined: [], checkpoint: checkpointAt('2026-11-02T12:00:00.000Z'), hasMore: served < COUNT, resyncRequired: false, consumedReadUnits: 1 };
    },
  });
  expect(await pullEntity(db, delta.api, 'bookings')).toMatchObject({ changed: COUNT, pages: 11 });
  expect(await db.bookings.filter((booking) => booking.version === 2).count()).toBe(COUNT);
}, 120_000);
