import { describe, expect, it } from 'vitest';
import { splitByToday } from '@renderer/features/users/user-bookings';
import type { BookingItem } from '@renderer/common/items';
import { aServerBooking } from '@test/support/builders';

const booking = (bookingId: string, bookingDate: string, bookingTime = '09:00') => aServerBooking(1, { bookingId, bookingDate, bookingTime }) as unknown as BookingItem;

describe('a person’s bookings', () => {
  it('puts upcoming ones first, soonest on top (far-future ones below), then past ones newest first', () => {
    const { upcoming, past } = splitByToday(
      [booking('far', '2030-01-01'), booking('old', '2025-01-01'), booking('today-late', '2026-03-10', '16:00'), booking('yesterday', '2026-03-09'), booking('today', '2026-03-10', '08:00'), booking('next', '2026-03-12')],
      '2026-03-10',
    );
    expect(upcoming.map((b) => b.bookingId)).toEqual(['today', 'today-late', 'next', 'far']);
    expect(past.map((b) => b.bookingId)).toEqual(['yesterday', 'old']);
  });

  it('has nothing upcoming when every booking is past, and nothing past when none is', () => {
    expect(splitByToday([booking('a', '2026-01-01')], '2026-03-10')).toEqual({ upcoming: [], past: [expect.objectContaining({ bookingId: 'a' })] });
    expect(splitByToday([booking('b', '2026-05-01')], '2026-03-10').past).toEqual([]);
  });
});
