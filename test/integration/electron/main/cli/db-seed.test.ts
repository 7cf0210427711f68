import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { fileTypeFromBuffer } from 'file-type';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedObjectsReport } from '@main/ops/seed';
import { ENTITY_NAMES, type Asset, type Booking } from '@shared/models';
import { keyAttribute, tableName } from '@shared/tables';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { runCli } from '@test/support/run-cli';

const ANCHOR = '2026-12-05'; // a Saturday: the sample school flies at weekends too
let first: TestBackend;
let second: TestBackend;

beforeAll(async () => {
  [first, second] = await Promise.all([useTestBackend(), useTestBackend()]);
});
afterAll(() => Promise.all([first.close(), second.close()]));

const seed = (backend: TestBackend, extra: string[] = []) =>
  runCli('db-seed', [
    '--endpoint', backend.config.endpoint!, '--s3-endpoint', backend.config.s3Endpoint!, '--prefix', backend.prefix, '--bucket', backend.config.bucket,
    '--users', '40', '--bookings', '150', '--assets', '12', '--seed', '4', ...extra,
  ]);

async function everything(backend: TestBackend) {
  const tables = await Promise.all(
    ENTITY_NAMES.map(async (entity) => {
      const { Items = [] } = await backend.clients.doc.send(new ScanCommand({ TableName: tableName(entity, backend.prefix) }));
      const key = keyAttribute(entity);
      // A resource day is stamped when the seed derived it: the same slots, not the same instant.
      const items = Items.map(({ updatedAt, ...item }) => (item.resourceType === 'resource-day' ? item : { ...item, updatedAt }));
      return [entity, items.sort((a, b) => String(a[key]).localeCompare(String(b[key])))] as const;
    }),
  );
  return Object.fromEntries(tables) as { resources: unknown[]; users: unknown[]; bookings: Booking[]; assets: Asset[] };
}

describe('npm run db:seed --anchor-date', () => {
  it('writes the same items for the same anchor date, with today booked and a real file behind every asset', { timeout: 300_000 }, async () => {
    const [one, two] = await Promise.all([seed(first, ['--anchor-date', ANCHOR]), seed(second, ['--anchor-date', ANCHOR])]);
    expect(one).toMatchObject({ code: 0, stderr: '', json: { anchorDate: ANCHOR, objects: { uploaded: 12 } } });
    expect(two.code).toBe(0);
    // The bookings' slots are known to the server after a seed: a new booking on a seeded slot is refused at push.
    expect(one.json).toMatchObject({ slots: { daysWritten: expect.any(Number), overlappingPairs: 0 } });
    expect((one.json as { slots: { daysWritten: number } }).slots.daysWritten).toBeGreaterThan(0);

    const [seeded, again] = await Promise.all([everything(first), everything(second)]);
    expect(seeded.bookings).toHaveLength(150);
    expect(again).toEqual(seeded);

    const today = seeded.bookings.filter((booking) => booking.bookingDate === ANCHOR);
    expect(today.length).toBeGreaterThanOrEqual(8 * 4); // eight aircraft through 09:00-17:00
    expect(today.map((booking) => booking.bookingTime)).toContain('09:00');
    expect(seeded.bookings.some((booking) => booking.bookingDate < ANCHOR) && seeded.bookings.some((booking) => booking.bookingDate > ANCHOR)).toBe(true);

    const { bytes } = (one.json as { objects: SeedObjectsReport }).objects;
    expect(bytes).toBe(seeded.assets.reduce((sum, asset) => sum + asset.size, 0));
    for (const asset of seeded.assets) {
      const head = await first.clients.s3.send(new HeadObjectCommand({ Bucket: first.config.bucket, Key: asset.s3Key }));
      expect({ size: head.ContentLength, type: head.ContentType }).toEqual({ size: asset.size, type: asset.mimeType });
      const object = await first.clients.s3.send(new GetObjectCommand({ Bucket: first.config.bucket, Key: asset.s3Key }));
      const body = await object.Body!.transformToByteArray();
      expect(body.byteLength).toBe(asset.size);
      expect((await fileTypeFromBuffer(body))?.mime).toBe(asset.mimeType);
    }
  });

  it('refuses a bad anchor date or a local endpoint without an S3 endpoint, in one line', { timeout: 120_000 }, async () => {
    const [badDate, noS3] = await Promise.all([
      seed(first, ['--anchor-date', '2026-13-01']),
      runCli('db-seed', ['--endpoint', first.config.endpoint!, '--prefix', first.prefix, '--assets', '3']),
    ]);
    expect(badDate).toMatchObject({ code: 1, stdout: '' });
    expect(badDate.stderr).toContain('--anchor-date: an anchor date is YYYY-MM-DD');
    expect(noS3).toMatchObject({ code: 1, stdout: '' });
    expect(noS3.stderr).toBe("error: the sample assets' files need an S3 endpoint beside the local --endpoint: add --s3-endpoint <url> (or --assets 0)");
  });
});
