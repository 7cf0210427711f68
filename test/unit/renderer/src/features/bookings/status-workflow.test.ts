import { describe, expect, it } from 'vitest';
import { nextStatuses, planBulkStatusChange, planStatusChange } from '@renderer/features/bookings/status-workflow';
import { aServerBooking } from '@test/support/builders';

const context = { who: 'Sam Staff', now: new Date('2026-03-01T10:00:00Z') };

describe('booking status workflow', () => {
  it('moves pending -> confirmed -> completed and no other way', () => {
    expect(nextStatuses('pending')).toEqual(['confirmed', 'cancelled']);
    expect(planStatusChange('pending', 'confirmed', context)).toEqual({ ok: true, changes: { status: 'confirmed' } });
    expect(planStatusChange('confirmed', 'completed', context)).toEqual({ ok: true, changes: { status: 'completed' } });
    expect(planStatusChange('pending', 'completed', context)).toEqual({ ok: false, error: 'A pending booking cannot become completed' });
    expect(planStatusChange('completed', 'cancelled', { ...context, reason: 'x' }).ok).toBe(false);
    expect(planStatusChange('cancelled', 'pending', context).ok).toBe(false);
  });

  it('records a cancel with its reason, who and when, and refuses a cancel without a reason', () => {
    expect(planStatusChange('confirmed', 'cancelled', { ...context, reason: '  Weather below minimums ' })).toEqual({
      ok: true,
      changes: { status: 'cancelled', cancellation: { reason: 'Weather below minimums', by: 'Sam Staff', at: '2026-03-01T10:00:00.000Z' } },
    });
    expect(planStatusChange('pending', 'cancelled', { ...context, reason: '   ' })).toEqual({ ok: false, error: 'A cancellation needs a reason' });
  });

  it('applies a bulk change where the workflow allows and reports the others', () => {
    const bookings = [
      aServerBooking(1, { bookingId: 'p', status: 'pending' }),
      aServerBooking(1, { bookingId: 'c', status: 'confirmed' }),
      aServerBooking(1, { bookingId: 'd', status: 'completed' }),
    ];
    const plan = planBulkStatusChange(bookings, 'confirmed', context);
    expect(plan.changes).toEqual([{ bookingId: 'p', changes: { status: 'confirmed' } }]);
    expect(plan.skipped.map((skip) => skip.bookingId)).toEqual(['c', 'd']);
  });
});
