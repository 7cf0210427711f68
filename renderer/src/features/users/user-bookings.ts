import type { BookingItem } from '@renderer/common/items';

/**
 * A person's bookings as the office reads them: upcoming first (today included), soonest first, so the
 * next lesson is on top and far-future ones below it; then past ones, newest first.
 */
export function splitByToday(bookings: readonly BookingItem[], today: string): { upcoming: BookingItem[]; past: BookingItem[] } {
  const when = (booking: BookingItem) => `${booking.bookingDate} ${booking.bookingTime}`;
  const ascending = [...bookings].sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0));
  const firstUpcoming = ascending.findIndex((booking) => booking.bookingDate >= today);
  const split = firstUpcoming === -1 ? ascending.length : firstUpcoming;
  return { upcoming: ascending.slice(split), past: ascending.slice(0, split).reverse() };
}
