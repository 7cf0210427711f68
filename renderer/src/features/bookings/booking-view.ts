import type { BookingStatus } from '../../../../shared/models';
import type { BookingItem } from '../items';
import { matchesTerms } from './search-index';

/** The Bookings list's filters; empty values filter nothing. */
export type BookingFilters = {
  statuses: BookingStatus[];
  from: string;
  to: string;
  serviceType: string;
  userId: string;
};

export const NO_FILTERS: BookingFilters = { statuses: [], from: '', to: '', serviceType: '', userId: '' };

export const SORTS = {
  'date-desc': 'Date, newest first',
  'date-asc': 'Date, oldest first',
  user: 'User name',
  status: 'Status',
  updated: 'Last changed',
} as const;
export type BookingSort = keyof typeof SORTS;

const when = (booking: BookingItem) => `${booking.bookingDate} ${booking.bookingTime}`;

/**
 * All bookings in one order. Sorting once per change of data or order, and then only filtering
 * (which keeps the order), keeps a keystroke in the search box cheap at 100,000 bookings.
 */
export function sortBookings(bookings: Iterable<BookingItem>, sort: BookingSort, nameOf: (userId: string) => string): BookingItem[] {
  const list = [...bookings];
  const byId = (a: BookingItem, b: BookingItem) => (a.bookingId < b.bookingId ? -1 : a.bookingId > b.bookingId ? 1 : 0);
  switch (sort) {
    case 'date-asc':
      return list.sort((a, b) => compare(when(a), when(b)) || byId(a, b));
    case 'date-desc':
      return list.sort((a, b) => compare(when(b), when(a)) || byId(a, b));
    case 'user': {
      const names = new Map<string, string>();
      const name = (userId: string) => names.get(userId) ?? names.set(userId, nameOf(userId).toLowerCase()).get(userId)!;
      return list.sort((a, b) => compare(name(a.userId), name(b.userId)) || compare(when(a), when(b)) || byId(a, b));
    }
    case 'status':
      return list.sort((a, b) => compare(a.status, b.status) || compare(when(a), when(b)) || byId(a, b));
    case 'updated':
      return list.sort((a, b) => compare(b.updatedAt, a.updatedAt) || byId(a, b));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A free-text query, with the searched text of each sorted booking at the same position. */
export type TextSearch = { terms: readonly string[]; haystacks: readonly string[] };

/** The bookings passing the filters and (when there are search terms) the search, in the sorted order. */
export function filterBookings(sorted: readonly BookingItem[], filters: BookingFilters, search?: TextSearch): BookingItem[] {
  const statuses = filters.statuses.length ? new Set(filters.statuses) : undefined;
  const terms = search?.terms.length ? search.terms : undefined;
  return sorted.filter(
    (booking, i) =>
      (!terms || matchesTerms(search?.haystacks[i] ?? '', terms)) &&
      (!statuses || statuses.has(booking.status)) &&
      (!filters.from || booking.bookingDate >= filters.from) &&
      (!filters.to || booking.bookingDate <= filters.to) &&
      (!filters.serviceType || booking.serviceType === filters.serviceType) &&
      (!filters.userId || booking.userId === filters.userId),
  );
}
