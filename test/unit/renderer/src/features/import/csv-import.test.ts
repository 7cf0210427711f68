import { describe, expect, it } from 'vitest';
import { bookingsToCsv } from '@renderer/features/import/csv-export';
import { previewBookingsImport, previewUsersImport } from '@renderer/features/import/csv-import';
import { aServerBooking } from '@test/support/builders';

const now = new Date('2026-03-01T12:00:00Z');
let counter = 0;
const newId = () => `gen-${++counter}`;

describe('CSV import preview', () => {
  it('validates every booking row and names each error with its line and column', () => {
    const csv = [
      'bookingId,userId,serviceType,bookingDate,bookingTime,status,duration,amount,currency,notes',
      'bk1,u1,pilot_training,2026-03-10,14:30,confirmed,90,299.99,USD,First solo',
      'bk2,u1,pilot_training,2026-02-30,25:00,pending,abc,,usd,',
      'bk3,ghost,checkride,2026-03-11,09:00,,,,,',
      'bk1,u1,pilot_training,2026-03-12,09:00,pending,,,,dup',
      ',u1,ground_school,2026-03-12,10:00,,,0.10000000000000000000000000000000000001,EUR,',
    ].join('\n');
    const preview = previewBookingsImport(csv, { now, newId, existingBookingIds: new Set(), knownUserIds: new Set(['u1']) });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rows.map((row) => [row.line, row.errors.map((error) => error.column).sort()])).toEqual([
      [2, []],
      [3, ['bookingDate', 'bookingTime', 'currency', 'duration']],
      [4, ['userId']],
      [5, ['row']],
      [6, []],
    ]);
    expect(preview.invalidCount).toBe(3);
    expect(preview.valid[0]).toMatchObject({
      bookingId: 'bk1',
      status: 'confirmed',
      createdAt: '2026-03-01T12:00:00.000Z',
      details: { duration: 90, notes: 'First solo' },
      paymentInfo: { amount: 299.99, currency: 'USD' },
    });
    // Money keeps every digit, and a row without an id gets a new one.
    expect(preview.valid[1]).toMatchObject({ bookingId: expect.stringMatching(/^gen-/), status: 'pending', paymentInfo: { amount: { $n: '0.10000000000000000000000000000000000001' } } });
  });

  it('refuses a file without a required column and names the columns it ignores', () => {
    const preview = previewBookingsImport('userId,serviceType,bookingDate,colour\nu1,x,2026-01-01,red', {
      now,
      newId,
      existingBookingIds: new Set(),
      knownUserIds: new Set(['u1']),
    });
    expect(preview.fileErrors).toEqual(['The required column "bookingTime" is missing']);
    expect(preview.ignoredColumns).toEqual(['colour']);
    expect(preview.valid).toEqual([]);
  });

  it('reads users with preferences and refuses existing ids and bad emails', () => {
    const csv = 'userId,email,name,role,theme,notifications\nu9,ann@example.com,Ann,staff,dark,yes\nu1,bob@example.com,Bob,customer,,\nu10,not-an-email,Cy,customer,blue,maybe';
    const preview = previewUsersImport(csv, { now, newId, existingUserIds: new Set(['u1']) });
    expect(preview.valid).toEqual([
      { userId: 'u9', email: 'ann@example.com', name: 'Ann', role: 'staff', createdAt: '2026-03-01T12:00:00.000Z', preferences: { theme: 'dark', notifications: true } },
    ]);
    expect(preview.rows[1]!.errors).toEqual([{ column: 'userId', message: 'A user u1 already exists' }]);
    expect(preview.rows[2]!.errors.map((error) => error.column).sort()).toEqual(['email', 'notifications', 'theme']);
  });

  it('imports what it exports, formulas escaped on the way out and restored on the way in', () => {
    const booking = aServerBooking(1, {
      bookingId: 'bk-round',
      userId: 'u1',
      details: { duration: 45, notes: '=HYPERLINK("x")', location: 'Main, "North" apron' },
      paymentInfo: { amount: { $n: '12345678901234567890.5' }, currency: 'CAD' },
    });
    const csv = bookingsToCsv([booking], () => 'Ann');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const preview = previewBookingsImport(csv, { now, newId, existingBookingIds: new Set(), knownUserIds: new Set(['u1']) });
    expect(preview.ignoredColumns).toEqual([]);
    expect(preview.valid[0]).toMatchObject({ bookingId: 'bk-round', details: booking.details, paymentInfo: booking.paymentInfo });
  });
});
