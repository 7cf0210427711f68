import { describe, expect, it } from 'vitest';
import type { BookingStatus } from '@shared/models';
import { BookingSchema } from '@shared/models';
import { nextSteps, planBulkStatusChange, planStatusChange } from '@renderer/features/bookings/status-workflow';
import { aServerBooking } from '@test/support/builders';

// 11:00 UTC is 11:00 in London on 1 March (GMT): a booking at 10:30 there has started, one at 12:30 has not.
const context = { who: 'Sam Staff', now: new Date('2026-03-01T11:00:00Z'), timeZone: 'Europe/London' };
const at = (status: BookingStatus, bookingTime = '10:30') => ({ status, bookingDate: '2026-03-01', bookingTime });

describe('booking status workflow', () => {
  it('moves pending -> confirmed -> completed and no other way forward', () => {
    expect(planStatusChange(at('pending'), 'confirmed', context)).toEqual({ ok: true, changes: { status: 'confirmed' } });
    expect(planStatusChange(at('confirmed'), 'completed', context)).toEqual({ ok: true, changes: { status: 'completed' } });
    expect(planStatusChange(at('pending'), 'completed', context)).toEqual({ ok: false, error: 'A pending booking cannot become completed' });
    expect(planStatusChange(at('completed'), 'cancelled', { ...context, reason: 'x' }).ok).toBe(false);
    expect(planStatusChange(at('confirmed'), 'pending', { ...context, reason: 'x' }).ok).toBe(false);
  });

  it('offers completion only once the booking has started, read in the school’s zone', () => {
    expect(nextSteps(at('confirmed', '11:00'), context)).toEqual([
      { to: 'completed', kind: 'forward' },
      { to: 'cancelled', kind: 'cancel' },
    ]);
    expect(nextSteps(at('confirmed', '12:30'), context)).toEqual([{ to: 'cancelled', kind: 'cancel' }]);
    // A booking at 11:30 is still to come in London, but began at 09:30 UTC in Athens (UTC+2).
    expect(nextSteps(at('confirmed', '11:30'), context).map((step) => step.to)).not.toContain('completed');
    expect(nextSteps(at('confirmed', '11:30'), { ...context, timeZone: 'Europe/Athens' }).map((step) => step.to)).toContain('completed');
    expect(planStatusChange(at('confirmed', '12:30'), 'completed', context)).toEqual({
      ok: false,
      error: 'This booking starts on 2026-03-01 at 12:30: mark it completed once it has started',
    });
  });

  it('offers the way back from completed and cancelled, and only that', () => {
    expect(nextSteps(at('completed'), context)).toEqual([{ to: 'confirmed', kind: 'back' }]);
    expect(nextSteps(at('cancelled'), context)).toEqual([{ to: 'pending', kind: 'back' }]);
    expect(nextSteps(at('pending'), context).map((step) => step.kind)).toEqual(['forward', 'cancel']);
  });

  it('takes a step back only with a reason, recorded with who and when; a reopened booking drops its cancellation', () => {
    expect(planStatusChange(at('completed'), 'confirmed', { ...context, reason: ' ' })).toEqual({
      ok: false,
      error: 'Say why the booking goes back to confirmed: it is recorded with your name and the time',
    });
    const undone = { from: 'completed', to: 'confirmed', reason: 'Marked by mistake', by: 'Sam Staff', at: '2026-03-01T11:00:00.000Z' };
    expect(planStatusChange(at('completed'), 'confirmed', { ...context, reason: ' Marked by mistake ' })).toEqual({ ok: true, changes: { status: 'confirmed', reversal: undone } });
    const reopened = planStatusChange(at('cancelled'), 'pending', { ...context, reason: 'Student called back' });
    expect(reopened).toEqual({
      ok: true,
      changes: { status: 'pending', cancellation: undefined, reversal: { ...undone, from: 'cancelled', to: 'pending', reason: 'Student called back' } },
    });
    expect(reopened.ok && Object.hasOwn(reopened.changes, 'cancellation')).toBe(true);
    // The booking it makes still fits the model.
    const booking = aServerBooking(2, { status: 'cancelled', cancellation: { reason: 'Weather', by: 'Ann', at: '2026-02-28T09:00:00Z' } });
    const { cancellation: _dropped, ...rest } = booking;
    expect(BookingSchema.safeParse({ ...rest, ...(reopened.ok ? { ...reopened.changes, cancellation: undefined } : {}) }).success).toBe(true);
  });

  it('records a cancel with its reason, who and when, and refuses a cancel without a reason', () => {
    expect(planStatusChange(at('confirmed'), 'cancelled', { ...context, reason: '  Weather below minimums ' })).toEqual({
      ok: true,
      changes: { status: 'cancelled', cancellation: { reason: 'Weather below minimums', by: 'Sam Staff', at: '2026-03-01T11:00:00.000Z' } },
    });
    expect(planStatusChange(at('pending'), 'cancelled', { ...context, reason: '   ' })).toEqual({ ok: false, error: 'A cancellation needs a reason' });
  });

  it('applies a bulk change where the workflow and the clock allow and reports the others', () => {
    const bookings = [
      aServerBooking(1, { bookingId: 'p', status: 'pending' }),
      aServerBooking(1, { bookingId: 'c', status: 'confirmed' }),
      aServerBooking(1, { bookingId: 'd', status: 'completed' }),
    ];
    const plan = planBulkStatusChange(bookings, 'confirmed', context);
    expect(plan.changes).toEqual([{ bookingId: 'p', changes: { status: 'confirmed' } }]);
    expect(plan.skipped.map((skip) => skip.bookingId)).toEqual(['c', 'd']);
    const later = aServerBooking(1, { bookingId: 'later', status: 'confirmed', bookingDate: '2026-03-02', bookingTime: '09:00' });
    const done = planBulkStatusChange([later, { ...later, bookingId: 'earlier', bookingDate: '2026-02-28' }], 'completed', context);
    expect(done.changes.map((change) => change.bookingId)).toEqual(['earlier']);
    expect(done.skipped).toEqual([{ bookingId: 'later', error: 'This booking starts on 2026-03-02 at 09:00: mark it completed once it has started' }]);
  });
});
