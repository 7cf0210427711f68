import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rejectionReason } from '@main/sync/validate-mutation';
import {
  BookingFormSchema,
  type BookingFormValues,
  bookingToForm,
  emptyBookingForm,
  formToDraft,
} from '@renderer/features/bookings/booking-form-schema';
import type { BookingItem } from '@renderer/common/items';
import { BookingSchema } from '@shared/models';
import { numberText } from '@shared/values';
import { fuzzParameters, fuzzRuns, fuzzTimeout } from '@test/support/fuzz';

const runs = fuzzRuns(200);
const NOW = '2026-03-01T12:00:00.000Z';
const FIELDS = Object.keys(emptyBookingForm()) as Array<keyof BookingFormValues>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const validDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const validTime = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`);
/** Money as people type it: up to 38 significant digits, DynamoDB's limit. */
const validAmount = fc
  .tuple(fc.stringMatching(/^[1-9]\d{0,19}$/), fc.option(fc.stringMatching(/^\d{1,18}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });

const validForm = fc.record({
  userId: fc.string({ minLength: 1, maxLength: 40 }),
  serviceType: fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.trim() !== ''),
  bookingDate: validDate,
  bookingTime: validTime,
  status: fc.constantFrom('pending', 'confirmed', 'completed', 'cancelled') as fc.Arbitrary<'pending' | 'confirmed' | 'completed' | 'cancelled'>,
  duration: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 1440 }).map(String)),
  location: text(200),
  aircraft: text(64),
  instructorId: text(200),
  notes: text(2000),
  amount: fc.oneof(fc.constant(''), validAmount),
  currency: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Z]{3}$/)),
  paymentMethod: text(64),
  paymentStatus: text(64),
});

/** What people could type or paste into each input: anything, or a near miss of a valid value. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 80, unit: 'binary' }),
  fc.string({ maxLength: 12_000, unit: 'grapheme-ascii' }),
  fc.stringMatching(/^[-+ ]?\d{0,60}(\.\d{0,60})?([eE][-+]?\d{1,4})?$/),
  fc.constantFrom('2026-02-30', '24:00', '0', '1441', ' ', 'NaN', 'Infinity', '1e400', '00000000000000000000000000000000000000000001', 'usd', '\u0000'),
);
const hostileForm = fc.tuple(validForm, fc.dictionary(fc.constantFrom(...FIELDS), hostileText, { maxKeys: 5 })).map(([form, overrides]) => ({ ...form, ...overrides }));

/** The item a saved form becomes, with what the local write adds. */
function bookingOf(values: BookingFormValues): BookingItem {
  const draft = formToDraft(BookingFormSchema.parse(values));
  return BookingSchema.parse({ ...draft, bookingId: 'b-1', createdAt: NOW, updatedAt: NOW, version: 1 }) as BookingItem;
}

describe('booking form input (fuzz)', () => {
  it(
    'valid input saves as a booking the server accepts, and reads back into the same form',
    () => {
      fc.assert(
        fc.property(validForm, (values) => {
          const booking = bookingOf(values);
          const { bookingId: _id, createdAt: _c, updatedAt: _u, version: _v, clientSeq: _s, ...item } = booking;
          expect(rejectionReason({ kind: 'create', clientId: 'c', seq: 1, entity: 'bookings', key: 'b-1', updatedBy: 'ann', item }, NOW)).toBeNull();
          // What was saved reads back as typed, apart from trimmed text and insignificant zeros of the amount.
          const saved = BookingFormSchema.parse(values);
          const again = BookingFormSchema.parse(bookingToForm(booking));
          expect({ ...again, amount: normalize(again.amount) }).toEqual({
            ...saved,
            serviceType: saved.serviceType.trim(),
            notes: saved.notes.trim(),
            amount: normalize(saved.amount),
          });
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 2),
  );

  it(
    'any input either names the fields to fix, or saves as a booking the server accepts',
    () => {
      fc.assert(
        fc.property(hostileForm, (values) => {
          const parsed = BookingFormSchema.safeParse(values);
          if (!parsed.success) {
            for (const issue of parsed.error.issues) {
              expect(FIELDS).toContain(issue.path[0]);
              expect(issue.message.length).toBeGreaterThan(0);
            }
            return;
          }
          const booking = bookingOf(values);
          const { bookingId: _id, createdAt: _c, updatedAt: _u, version: _v, clientSeq: _s, ...item } = booking;
          expect(rejectionReason({ kind: 'create', clientId: 'c', seq: 1, entity: 'bookings', key: 'b-1', updatedBy: 'ann', item }, NOW)).toBeNull();
          if (booking.paymentInfo?.amount !== undefined) {
            // Every digit typed is kept, and no more than DynamoDB stores.
            const amount = normalize(numberText(booking.paymentInfo.amount));
            expect(amount).toBe(normalize(values.amount?.trim() ?? ''));
            expect(amount.replace('.', '').replace(/^0+/, '').length).toBeLessThanOrEqual(38);
          }
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 5),
  );
});

/** Decimal text without insignificant zeros, to compare what was typed with what is stored. */
function normalize(amount: string): string {
  if (amount === '') return '';
  const [whole = '', fraction = ''] = amount.split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return f ? `${w}.${f}` : w;
}
