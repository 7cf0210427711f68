import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionReason } from '../../../../../electron/main/sync/validate-mutation';
import { createItem } from '../../../../../renderer/src/db/local-writes';
import type { PilotForceDb } from '../../../../../renderer/src/db/schema';
import { BOOKING_COLUMNS, BOOKING_READ_ONLY_COLUMNS, USER_COLUMNS } from '../../../../../renderer/src/features/import/csv-columns';
import { bookingsToCsv, usersToCsv } from '../../../../../renderer/src/features/import/csv-export';
import { type ImportPreview, previewBookingsImport, previewUsersImport } from '../../../../../renderer/src/features/import/csv-import';
import type { BookingItem, UserItem } from '../../../../../renderer/src/features/items';
import { BookingSchema, type EntityName, UserSchema } from '../../../../../shared/models';
import { fuzzParameters, fuzzRuns, fuzzTimeout } from '../../../../support/fuzz';
import { freshDb } from '../../db/fixtures';

const runs = fuzzRuns(100);
const now = new Date('2026-03-01T12:00:00Z');
const NOW = now.toISOString();
const pad = (n: number) => String(n).padStart(2, '0');

/** Text as a cell keeps it: import trims cells, so generated text has no outer spaces. */
const cellText = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' }).map((text) => text.trim());
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);

const bookingArb = fc.record({
  bookingId: id,
  userId: id,
  serviceType: cellText(64).filter((text) => text !== ''),
  bookingDate: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  bookingTime: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`),
  status: fc.constantFrom('pending', 'confirmed', 'completed'),
  details: fc.record(
    { duration: fc.integer({ min: 1, max: 1440 }), location: cellText(200), notes: cellText(2000), aircraft: cellText(64), instructorId: cellText(100) },
    { requiredKeys: [] },
  ),
  paymentInfo: fc.record(
    {
      amount: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.stringMatching(/^[1-9]\d{16,30}\.\d{1,7}$/).map(($n) => ({ $n }))),
      currency: fc.stringMatching(/^[A-Z]{3}$/),
      paymentMethod: cellText(64),
      paymentStatus: cellText(64),
    },
    { requiredKeys: [] },
  ),
  createdAt: fc.constant(NOW),
  updatedAt: fc.constant(NOW),
});

const userArb = fc.record({
  userId: id,
  email: fc.stringMatching(/^[a-z0-9_+-]{1,12}(\.[a-z0-9_+-]{1,12})?@[a-z0-9]{1,12}\.[a-z]{2,6}$/),
  name: cellText(200).filter((text) => text !== ''),
  phoneNumber: fc.option(fc.stringMatching(/^\+?[0-9][0-9 ()-]{1,29}[0-9]$/), { nil: undefined }),
  role: fc.oneof(fc.constantFrom('admin', 'staff', 'instructor', 'customer'), cellText(64).filter((text) => text !== '')),
  preferences: fc.record({ theme: fc.constantFrom('light', 'dark'), notifications: fc.boolean() }, { requiredKeys: [] }),
  createdAt: fc.constant(NOW),
  updatedAt: fc.constant(NOW),
});

/** Without empty maps and empty strings: what a CSV row can say. */
function asRowSays<T extends Record<string, unknown>>(item: T): T {
  const entries = Object.entries(item)
    .map(([key, value]) => [key, value !== null && typeof value === 'object' && !('$n' in value) ? asRowSays(value as Record<string, unknown>) : value] as const)
    .filter(([, value]) => value !== '' && value !== undefined && !(typeof value === 'object' && value !== null && Object.keys(value).length === 0));
  return Object.fromEntries(entries) as T;
}

const uniqueBy = <T, K>(items: T[], key: (item: T) => K) => items.filter((item, i) => items.findIndex((other) => key(other) === key(item)) === i);

/** Cells people put in spreadsheets: anything, near misses, formulas, quotes, separators and line breaks. */
const hostileCell = fc.oneof(
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ maxLength: 11_000, unit: 'grapheme-ascii' }),
  fc.constantFrom('', ' ', '=1+1', "'=HYPERLINK(\"x\")", '@SUM(A1)', '"', '""', ',', '\n', '\r\n', '2026-02-30', '24:00', 'yes', 'maybe', '-1', '1e400', '1'.repeat(50), 'cancelled', 'USD', 'a@b.cc'),
);

type Entity = Extract<EntityName, 'users' | 'bookings'>;
const COLUMNS: Record<Entity, readonly string[]> = { users: USER_COLUMNS, bookings: [...BOOKING_COLUMNS, ...BOOKING_READ_ONLY_COLUMNS] };

const hostileCsv = fc.constantFrom<Entity>('users', 'bookings').chain((entity) =>
  fc
    .tuple(
      fc.shuffledSubarray([...COLUMNS[entity], 'colour', ''], { minLength: 1 }),
      fc.array(fc.array(hostileCell, { maxLength: 25 }), { maxLength: 8 }),
      fc.constantFrom('', '\uFEFF'),
    )
    .map(([header, rows, bom]) => ({ entity, text: bom + toCsvRaw(header, rows) })),
);

/** CSV text without the export's escaping: cells as a hand-edited file may hold them (ragged rows too). */
function toCsvRaw(header: string[], rows: string[][]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n');
}

let db: PilotForceDb;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.close());

let counter = 0;
const context = { now, newId: () => `gen-${++counter}` };

function preview(entity: Entity, text: string): ImportPreview<Record<string, unknown>> {
  return (
    entity === 'users'
      ? previewUsersImport(text, { ...context, existingUserIds: new Set(['u-existing']) })
      : previewBookingsImport(text, { ...context, existingBookingIds: new Set(['b-existing']), knownUserIds: new Set(['u1', 'a', 'A']) })
  ) as ImportPreview<Record<string, unknown>>;
}

describe('CSV import (fuzz)', () => {
  it(
    'an export of valid bookings and users imports again as the same items',
    () => {
      fc.assert(
        fc.property(fc.array(bookingArb, { maxLength: 6 }), fc.array(userArb, { maxLength: 6 }), (rawBookings, rawUsers) => {
          const bookings = uniqueBy(rawBookings, (b) => b.bookingId).map((b) => BookingSchema.parse(b) as BookingItem);
          const users = uniqueBy(rawUsers, (u) => u.userId).map((u) => UserSchema.parse(u) as UserItem);
          const bookingPreview = previewBookingsImport(bookingsToCsv(bookings, () => 'Someone'), {
            ...context,
            existingBookingIds: new Set(),
            knownUserIds: new Set(bookings.map((b) => b.userId)),
          });
          expect(bookingPreview.fileErrors).toEqual([]);
          expect(bookingPreview.rows.flatMap((row) => row.errors)).toEqual([]);
          expect(bookingPreview.valid).toEqual(
            bookings.map(({ updatedAt: _u, version: _v, clientSeq: _s, ...fields }) => asRowSays({ ...fields, serviceType: fields.serviceType.trim() })),
          );
          const userPreview = previewUsersImport(usersToCsv(users), { ...context, existingUserIds: new Set() });
          expect(userPreview.rows.flatMap((row) => row.errors)).toEqual([]);
          expect(userPreview.valid).toEqual(users.map(({ updatedAt: _u, version: _v, clientSeq: _s, ...fields }) => asRowSays({ ...fields, name: fields.name.trim(), role: fields.role.trim() })));
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 10),
  );

  it(
    'any file: every bad row is reported with its line and column before anything is written, and every row it accepts saves',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileCsv, async ({ entity, text }) => {
          const result = preview(entity, text);
          if (result.fileErrors.length > 0 && result.rows.length === 0) {
            result.fileErrors.forEach((error) => expect(error.length).toBeGreaterThan(0));
            return;
          }
          expect(result.valid.length + result.invalidCount).toBe(result.rows.length);
          result.rows.forEach((row, index) => {
            expect(row.line).toBe(index + 2);
            expect(row.item === undefined).toBe(row.errors.length > 0);
            for (const error of row.errors) {
              expect([...COLUMNS[entity], 'row', 'details', 'paymentInfo', 'preferences']).toContain(error.column);
              expect(error.message.length).toBeGreaterThan(0);
            }
          });
          // The rows it accepts are what the server accepts, and each saves locally (a fresh outbox per case).
          await Promise.all([db.users.clear(), db.bookings.clear(), db.outbox.clear(), db.bases.clear()]);
          for (const item of result.valid) {
            const key = String(item[entity === 'users' ? 'userId' : 'bookingId']);
            expect(rejectionReason({ kind: 'create', clientId: 'c', seq: 1, entity, key, updatedBy: 'ann', item: item as never }, NOW)).toBeNull();
            await createItem(db, entity, item, 'ann');
          }
          expect(await db.outbox.count()).toBe(result.valid.length);
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 20),
  );
});
