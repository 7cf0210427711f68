import { describe, expect, it } from 'vitest';
import { layoutSchedule, slotAt, UNASSIGNED, viewDates } from '@renderer/features/schedule/layout';
import { aServerBooking } from '@test/support/builders';

describe('schedule layout', () => {
  it('shows one day, or Monday to Sunday of the week', () => {
    expect(viewDates('day', '2026-03-04')).toEqual(['2026-03-04']);
    expect(viewDates('week', '2026-03-04')).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
  });

  it('groups by aircraft, puts bookings without one last, and sets overlapping ones side by side', () => {
    const bookings = [
      aServerBooking(1, { bookingId: 'a1', bookingDate: '2026-03-02', bookingTime: '09:00', details: { aircraft: 'C-GABC', duration: 120 } }),
      aServerBooking(1, { bookingId: 'a2', bookingDate: '2026-03-02', bookingTime: '10:00', details: { aircraft: 'C-GABC', duration: 60 } }),
      aServerBooking(1, { bookingId: 'a3', bookingDate: '2026-03-02', bookingTime: '12:00', details: { aircraft: 'C-GABC', duration: 60 } }),
      aServerBooking(1, { bookingId: 'n1', bookingDate: '2026-03-02', bookingTime: '09:00' }),
      aServerBooking(1, { bookingId: 'other-day', bookingDate: '2026-03-05', details: { aircraft: 'C-GABC' } }),
    ];
    const layout = layoutSchedule(bookings, ['2026-03-02'], 'aircraft');
    expect(layout.groups.map((group) => group.key)).toEqual(['C-GABC', UNASSIGNED]);
    const placed = Object.fromEntries(layout.groups[0]!.items.map((item) => [item.booking.bookingId, [item.column, item.columns]]));
    expect(placed).toEqual({ a1: [0, 2], a2: [1, 2], a3: [0, 1] });
  });

  it('puts every spelling of one registration in one lane, and shows the register’s free aircraft too', () => {
    const bookings = [
      aServerBooking(1, { bookingId: 'b1', bookingDate: '2026-03-02', bookingTime: '09:00', details: { aircraft: 'N2KLUX' } }),
      aServerBooking(1, { bookingId: 'b2', bookingDate: '2026-03-02', bookingTime: '11:00', details: { aircraft: 'n2klux ' } }),
    ];
    const layout = layoutSchedule(bookings, ['2026-03-02'], 'aircraft', ['N172PF', 'N2KLUX']);
    expect(layout.groups.map((group) => [group.key, group.items.map((item) => item.booking.bookingId)])).toEqual([
      ['N172PF', []],
      ['N2KLUX', ['b1', 'b2']],
    ]);
  });

  it('widens the office-hours axis to fit early and late bookings and cuts a booking at midnight', () => {
    const layout = layoutSchedule(
      [
        aServerBooking(1, { bookingId: 'early', bookingDate: '2026-03-02', bookingTime: '05:30' }),
        aServerBooking(1, { bookingId: 'late', bookingDate: '2026-03-02', bookingTime: '23:00', details: { duration: 120 } }),
      ],
      ['2026-03-02'],
      'location',
    );
    expect([layout.axis.startMinute, layout.axis.endMinute]).toEqual([5 * 60, 24 * 60]);
    const late = layout.groups[0]!.items.find((item) => item.booking.bookingId === 'late')!;
    expect([late.endMinute, late.continues]).toEqual([1440, true]);
  });

  it('turns a click on the grid into the slot under it', () => {
    const layout = layoutSchedule([], viewDates('week', '2026-03-02'), 'instructor');
    expect(layout.axis).toMatchObject({ startMinute: 360, endMinute: 1200 });
    expect(slotAt(layout, 2, 0)).toEqual({ date: '2026-03-04', time: '06:00' });
    expect(slotAt(layout, 0, 0.5)).toEqual({ date: '2026-03-02', time: '13:00' });
    expect(slotAt(layout, 6, 1)).toEqual({ date: '2026-03-08', time: '19:30' });
  });
});
