import { describe, expect, it } from 'vitest';
import { generateSampleData } from '@main/ops/sample-data';
import { ENTITY_NAMES, SCHOOL_SETTINGS_ID } from '@shared/models';
import { validateItem } from '@shared/models/validate';
import { keyAttribute, syncBucketOf } from '@shared/tables';
import type { DynamoValue } from '@shared/values';

describe('generateSampleData', () => {
  const data = generateSampleData(7, { users: 60, bookings: 500, assets: 200 });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateSampleData(7, { users: 60, bookings: 500, assets: 200 })).toEqual(data);
    expect(generateSampleData(8, { users: 60, bookings: 500, assets: 200 }).users[5]).not.toEqual(data.users[5]);
  });

  it('gives every item valid against its schema, with sync attributes and unique keys', () => {
    for (const entity of ENTITY_NAMES) {
      const items = data[entity] as unknown as Array<Record<string, DynamoValue>>;
      for (const item of items) {
        const result = validateItem(entity, item);
        if (!result.ok) throw new Error(`${entity} ${result.key}: ${result.reason}`);
        const key = String(item[keyAttribute(entity)]);
        expect(item).toMatchObject({ version: 1, syncBucket: syncBucketOf(key), clientSeq: {} });
      }
      const keys = items.map((item) => JSON.stringify(item[keyAttribute(entity)]));
      expect(new Set(keys).size).toBe(items.length);
    }
  });

  it('holds the school settings item, fit for every desk', () => {
    expect(data.resources.map((resource) => resource.resourceId)).toEqual([SCHOOL_SETTINGS_ID]);
    expect(data.resources[0]).toMatchObject({ resourceType: 'school-settings', timeZone: 'America/Los_Angeles', bookingDefaults: { serviceType: 'lesson' } });
  });

  it('links bookings and assets to existing users, as the app expects', () => {
    const byId = new Map(data.users.map((u) => [u.userId, u]));
    expect(new Set(data.users.map((u) => u.role))).toEqual(new Set(['admin', 'staff', 'instructor', 'customer']));
    for (const booking of data.bookings) {
      expect(byId.get(booking.userId)?.role).toBe('customer');
      if (booking.details?.instructorId) expect(byId.get(booking.details.instructorId)?.role).toBe('instructor');
      expect(booking.createdAt <= `${booking.bookingDate}T23:59:59Z`).toBe(true);
      expect(booking.status === 'cancelled').toBe(booking.cancellation !== undefined);
    }
    for (const asset of data.assets) {
      expect(byId.has(asset.userId)).toBe(true);
      expect(asset.s3Key).toBe(`users/${asset.userId}/${asset.assetId}/${asset.fileName}`);
    }
    expect(new Set(data.bookings.map((b) => b.serviceType))).toEqual(new Set(['lesson', 'checkride', 'rental', 'discovery-flight']));
  });
});
