import { describe, expect, it } from 'vitest';
import { bookingsToCsv } from '@renderer/features/import/csv-export';
import { errorReport, previewBookingsImport, previewUsersImport } from '@renderer/features/import/csv-import';
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
    const csv = bookingsToCsv([booking], () => ({ name: 'Ann', email: 'ann@example.com' }));
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const preview = previewBookingsImport(csv, { now, newId, existingBookingIds: new Set(), knownUserIds: new Set(['u1']) });
    expect(preview.ignoredColumns).toEqual([]);
    expect(preview.valid[0]).toMatchObject({ bookingId: 'bk-round', details: booking.details, paymentInfo: booking.paymentInfo });
  });

  it('takes a student by email, and reports every error of a row at once in office words (unknown people too)', () => {
    const csv = [
      'userEmail,serviceType,bookingDate,bookingTime,duration,instructorId',
      'RAJ.C@example.com,flight_lesson,2026-12-03,10:00,60,ian@example.com',
      'nobody@example.com,flight_lesson,3/12/2026,9am,an hour,',
      ',checkride,2026-12-04,09:00,,ghost',
    ].join('\n');
    const preview = previewBookingsImport(csv, {
      now,
      newId,
      existingBookingIds: new Set(),
      knownUserIds: new Set(['auth0|raj', 'auth0|ian']),
      userIdByEmail: new Map([
        ['raj.c@example.com', 'auth0|raj'],
        ['ian@example.com', 'auth0|ian'],
      ]),
    });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.valid).toHaveLength(1);
    expect(preview.valid[0]).toMatchObject({ userId: 'auth0|raj', details: { duration: 60, instructorId: 'auth0|ian' } });
    expect(preview.rows[1]!.errors).toEqual([
      { column: 'bookingDate', message: 'Booking date must be a date like 2026-12-03' },
      { column: 'bookingTime', message: 'Time must be a time like 09:30 (24-hour clock)' },
      { column: 'duration', message: 'Duration must be whole minutes from 1 to 1440, like 60' },
      { column: 'userEmail', message: 'No user with the email nobody@example.com: check it, or create the user first' },
    ]);
    expect(preview.rows[2]!.errors).toEqual([
      { column: 'userId', message: 'Student is required: their email (column userEmail) or id (column userId)' },
      { column: 'instructorId', message: 'No instructor with the id ghost: check it, or create the user first' },
    ]);
    for (const row of preview.rows) for (const error of row.errors) expect(error.message).not.toMatch(/Invalid|expected|received/);
  });

  it('needs a student column, by email or id', () => {
    const preview = previewBookingsImport('serviceType,bookingDate,bookingTime\nx,2026-01-01,09:00', { now, newId, existingBookingIds: new Set(), knownUserIds: new Set() });
    expect(preview.fileErrors).toEqual(['The student column is missing: add "userEmail" (their email) or "userId"']);
  });

  it('writes the rows left out as a CSV of the file’s columns with each row’s line and errors', () => {
    const preview = previewBookingsImport('userEmail,serviceType,bookingDate,bookingTime\nnobody@example.com,flight_lesson,2026-13-01,10:00\n', { now, newId, existingBookingIds: new Set(), knownUserIds: new Set() });
    expect(errorReport(preview.rows, preview.header).split('\r\n')).toEqual([
      'userEmail,serviceType,bookingDate,bookingTime,line,errors',
      'nobody@example.com,flight_lesson,2026-13-01,10:00,2,"Booking date must be a date like 2026-12-03; No user with the email nobody@example.com: check it, or create the user first"',
    ]);
  });
});
