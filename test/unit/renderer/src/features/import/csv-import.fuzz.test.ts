import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionReason } from '@main/sync/validate-mutation';
import { createItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { BOOKING_COLUMNS, BOOKING_READ_ONLY_COLUMNS, USER_COLUMNS } from '@renderer/features/import/csv-columns';
import { bookingsToCsv, usersToCsv } from '@renderer/features/import/csv-export';
import { type ImportPreview, previewBookingsImport, previewUsersImport } from '@renderer/features/import/csv-import';
import type { BookingItem, UserItem } from '@renderer/common/items';
import { BookingSchema, type EntityName, UserSchema } from '@shared/models';
import { fuzzParameters, fuzzRuns, fuzzTimeout } from '@test/support/fuzz';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';

const runs = fuzzRuns(60);
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
const REQUIRED: Record<Entity, readonly string[]> = { users: ['email', 'name', 'role'], bookings: ['userId', 'serviceType', 'bookingDate', 'bookingTime'] };

/** A cell that fits its column, so rows get through to the checks past the first bad cell. */
function goodCell(entity: Entity, column: string): fc.Arbitrary<string> {
  const fixed: Record<string, fc.Arbitrary<string>> = {
    userId: entity === 'bookings' ? fc.constantFrom('u1', 'a') : id,
    bookingId: id,
    email: fc.constantFrom('ann@example.com', 'bob.smith@flight-school.org'),
    name: fc.constantFrom('Ann', 'Bob Smith'),
    role: fc.constantFrom('staff', 'customer', 'examiner'),
    phoneNumber: fc.constantFrom('', '+44 20 7946 0000'),
    theme: fc.constantFrom('', 'dark', 'light'),
    notifications: fc.constantFrom('', 'yes', 'false'),
    serviceType: fc.constantFrom('pilot_training', 'checkride'),
    bookingDate: fc.constantFrom('2026-03-04', '2028-02-29'),
    bookingTime: fc.constantFrom('10:00', '23:59'),
    status: fc.constantFrom('', 'pending', 'confirmed', 'completed'),
    duration: fc.constantFrom('', '60', '1440'),
    amount: fc.constantFrom('', '299.99', '12345678901234567890.12'),
    currency: fc.constantFrom('', 'USD', 'EUR'),
  };
  return fixed[column] ?? cellText(60);
}

const hostileCsv = fc.constantFrom<Entity>('users', 'bookings').chain((entity) =>
  fc
    .tuple(
      // Mostly every column a row needs, in any order with others; sometimes a required one is missing.
      fc.tuple(fc.shuffledSubarray([...COLUMNS[entity], 'colour', '']), fc.nat({ max: 9 })).chain(([columns, dice]) => {
        const header = dice === 0 ? columns : [...new Set([...columns, ...REQUIRED[entity]])];
        return fc.shuffledSubarray(header, { minLength: header.length, maxLength: header.length });
      }),
      fc.constantFrom('', '\uFEFF'),
    )
    .chain(([header, bom]) =>
      fc
        .array(
          fc.tuple(
            fc.tuple(...header.map((column) => fc.oneof({ weight: 6, arbitrary: goodCell(entity, column) }, { weight: 1, arbitrary: hostileCell }))),
            fc.array(hostileCell, { maxLength: 2 }), // ragged rows: extra cells
          ),
          { maxLength: 8 },
        )
        .map((rows) => ({ entity, text: bom + toCsvRaw(header, rows.map(([cells, extra]) => [...cells, ...extra])) })),
    ),
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
let rowsChecked = 0;
let rowsSaved = 0;
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
          const bookingPreview = previewBookingsImport(bookingsToCsv(bookings, () => ({ name: 'Someone', email: 'someone@example.com' })), {
            ...context,
            existingBookingIds: new Set(),
            knownUserIds: new Set(bookings.flatMap((b) => [b.userId, ...(b.details?.instructorId ? [b.details.instructorId] : [])])),
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
          rowsChecked += result.rows.length;
          rowsSaved += result.valid.length;
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
      // The files reached the rows: most cases check rows, and some rows are good enough to save.
      expect(rowsChecked).toBeGreaterThan(runs);
      expect(rowsSaved).toBeGreaterThan(0);
      console.info(`CSV files fuzzed: ${runs}, rows checked: ${rowsChecked}, rows saved: ${rowsSaved}`);
    },
    fuzzTimeout(runs, 20),
  );
});
