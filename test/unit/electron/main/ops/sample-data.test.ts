import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { generateSampleData, sampleToday } from '@main/ops/sample-data';
import { ENTITY_NAMES, SCHOOL_SETTINGS_ID, WEEKDAYS, type SchoolSettingsValues } from '@shared/models';
import { validateItem } from '@shared/models/validate';
import { groundedAt, maintenanceDue, registrationOf } from '@shared/fleet/rules';
import { keyAttribute, syncBucketOf } from '@shared/tables';
import type { DynamoValue } from '@shared/values';

const ANCHOR = '2026-12-01'; // a Tuesday
const counts = { users: 60, bookings: 500, assets: 200 };
const dayMs = 86_400_000;
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

describe('generateSampleData', () => {
  const data = generateSampleData(7, counts, { anchorDate: ANCHOR });
  const hours = (data.resources[0] as unknown as SchoolSettingsValues).openingHours;
  const hoursOn = (date: string) => hours[WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!]!;

  // Two more full generations: seconds on a loaded machine.
  it('is deterministic per seed and anchor date, and differs between seeds', { timeout: 60_000 }, () => {
    expect(generateSampleData(7, counts, { anchorDate: ANCHOR })).toEqual(data);
    expect(generateSampleData(8, counts, { anchorDate: ANCHOR }).users[5]).not.toEqual(data.users[5]);
  });

  it('spreads bookings over the weeks around the anchor date, each within its day\'s opening hours', () => {
    const days = data.bookings.map((b) => (Date.parse(`${b.bookingDate}T00:00:00Z`) - Date.parse(`${ANCHOR}T00:00:00Z`)) / dayMs);
    expect(Math.min(...days)).toBeLessThan(-28);
    expect(Math.max(...days)).toBeGreaterThan(28);
    expect(days.every((day) => day >= -56 && day <= 42)).toBe(true);
    for (const booking of data.bookings) {
      const open = hoursOn(booking.bookingDate);
      expect(booking.bookingTime >= open.open).toBe(true);
      expect(minutes(booking.bookingTime) + booking.details!.duration!).toBeLessThanOrEqual(minutes(open.close));
    }
    const past = data.bookings.filter((b) => b.bookingDate < ANCHOR);
    expect(past.filter((b) => b.status === 'completed').length / past.length).toBeGreaterThan(0.8);
    expect(data.bookings.filter((b) => b.bookingDate > ANCHOR).some((b) => b.status === 'completed')).toBe(false);
  });

  it('books the anchor day solid: every aircraft back to back from opening to the last slot that fits', () => {
    const today = data.bookings.filter((b) => b.bookingDate === ANCHOR);
    const open = hoursOn(ANCHOR);
    const aircraft = [...new Set(today.map((b) => b.details!.aircraft!))];
    expect(aircraft).toHaveLength(8);
    for (const tail of aircraft) {
      const sorted = today.filter((b) => b.details!.aircraft === tail).sort((a, b) => a.bookingTime.localeCompare(b.bookingTime));
      expect(sorted[0]!.bookingTime).toBe(open.open);
      for (let i = 1; i < sorted.length; i++) {
        const end = minutes(sorted[i - 1]!.bookingTime) + sorted[i - 1]!.details!.duration!;
        expect(minutes(sorted[i]!.bookingTime) - end).toBeGreaterThanOrEqual(0);
        expect(minutes(sorted[i]!.bookingTime) - end).toBeLessThan(15);
      }
      const last = sorted.at(-1)!;
      // Not even the shortest flight fits after the last one.
      expect(minutes(last.bookingTime) + last.details!.duration! + 45).toBeGreaterThan(minutes(open.close));
    }
  });

  it('books nobody twice at once: no aircraft, customer or instructor double-booked', () => {
    const ranges = new Map<string, Array<[number, number]>>();
    for (const booking of data.bookings) {
      const start = minutes(booking.bookingTime);
      const end = start + booking.details!.duration!;
      for (const who of [booking.details!.aircraft!, booking.userId, booking.details!.instructorId].filter(Boolean)) {
        const key = `${who}|${booking.bookingDate}`;
        const taken = ranges.get(key) ?? [];
        expect(taken.filter(([from, to]) => from < end && start < to), `${booking.bookingId}: ${key}`).toEqual([]);
        ranges.set(key, [...taken, [start, end]]);
      }
    }
    expect(data.bookings.filter((b) => b.details?.instructorId).length).toBeGreaterThan(data.bookings.length / 3);
  });

  it('moves with the anchor date and stamps nothing on or after it', () => {
    const later = generateSampleData(7, counts, { anchorDate: '2027-03-14' });
    expect(later.bookings.some((b) => b.bookingDate === '2027-03-14')).toBe(true);
    expect(data.bookings.some((b) => b.bookingDate === '2027-03-14')).toBe(false);
    for (const entity of ENTITY_NAMES) {
      for (const item of data[entity]) expect(item.updatedAt < `${ANCHOR}T00:00:00Z`).toBe(true);
    }
    expect(() => generateSampleData(7, counts, { anchorDate: '2026-02-30' })).toThrow('an anchor date is YYYY-MM-DD');
    expect(sampleToday(new Date('2026-12-02T07:30:00Z'))).toBe('2026-12-01'); // still the evening before in California
  });

  it('gives every asset a real file: the bytes are of its type and size, an image of its width and height', async () => {
    expect(data.objects.map((o) => o.key)).toEqual(data.assets.map((a) => a.s3Key));
    expect(new Set(data.assets.map((a) => a.mimeType))).toEqual(new Set(['image/png', 'application/pdf']));
    for (const [i, asset] of data.assets.entries()) {
      const object = data.objects[i]!;
      expect(object.contentType).toBe(asset.mimeType);
      expect(object.body.byteLength).toBe(asset.size);
      expect(asset.size).toBeLessThan(100_000);
      expect((await fileTypeFromBuffer(object.body))?.mime).toBe(asset.mimeType);
      if (asset.assetType === 'image') expect(imageSize(object.body)).toMatchObject(asset.metadata!);
    }
    const pdf = Buffer.from(data.objects.find((o) => o.contentType === 'application/pdf')!.body).toString('latin1');
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.matchAll(/(\d{10}) 00000 n /g)].map((match) => Number(match[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
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

  it('holds the school settings item, fit for every desk, and a fleet every booking’s aircraft is in (one grounded, one near its 100-hour)', () => {
    expect(data.resources.map((resource) => resource.resourceId)).toEqual([SCHOOL_SETTINGS_ID, ...['N172PF', 'N4471R', 'N738SP', 'N52394', 'N9120F', 'N23PA', 'N630DA', 'N5128K'].map((registration) => `aircraft#${registration}`)]);
    const fleet = data.resources.flatMap((resource) => (resource.resourceType === 'aircraft' ? [resource] : []));
    const registrations = new Set(fleet.map(registrationOf));
    expect(data.bookings.filter((booking) => !registrations.has(String(booking.details?.aircraft)))).toEqual([]);
    const anchorMs = Date.parse(`${ANCHOR}T12:00:00Z`);
    expect(fleet.filter((aircraft) => groundedAt(aircraft, anchorMs)).map(registrationOf)).toEqual(['N630DA']);
    expect(fleet.filter((aircraft) => maintenanceDue(aircraft, ANCHOR).state === 'due-soon').map(registrationOf).sort()).toEqual(['N52394', 'N738SP']);
    expect(data.resources[0]).toMatchObject({ resourceType: 'school-settings', timeZone: 'America/Los_Angeles', bookingDefaults: { serviceType: 'lesson' } });
    expect(Object.keys(hours)).toEqual([...WEEKDAYS]); // open every day, so any first day has a full schedule
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
