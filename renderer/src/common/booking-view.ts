import type { BookingStatus } from '@shared/models';
import type { BookingItem } from './items';
import { matchesTerms } from './booking-search-index';

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
 * A booking's position in an order as ONE string (tuple parts joined by U+0000, which sorts below every
 * other character, so comparing the strings compares the tuples) and a direction; the booking id breaks
 * ties ascending. Computed once per booking per sort, never per comparison.
 */
function sortKeyOf(sort: BookingSort, nameOf: (userId: string) => string): { key: (booking: BookingItem) => string; direction: 1 | -1 } {
  switch (sort) {
    case 'date-asc':
      return { key: when, direction: 1 };
    case 'date-desc':
      return { key: when, direction: -1 };
    case 'user': {
      const names = new Map<string, string>();
      const name = (userId: string) => names.get(userId) ?? names.set(userId, nameOf(userId).toLowerCase()).get(userId)!;
      return { key: (booking) => `${name(booking.userId)}\u0000${when(booking)}`, direction: 1 };
    }
    case 'status':
      return { key: (booking) => `${booking.status}\u0000${when(booking)}`, direction: 1 };
    case 'updated':
      return { key: (booking) => booking.updatedAt, direction: -1 };
  }
}

type Keyed = { key: string; booking: BookingItem };

function keyedComparator(direction: 1 | -1): (a: Keyed, b: Keyed) => number {
  return (a, b) => direction * compare(a.key, b.key) || compare(a.booking.bookingId, b.booking.bookingId);
}

/**
 * All bookings in one order. Sorting once per change of data or order, and then only filtering
 * (which keeps the order), keeps a keystroke in the search box cheap at 100,000 bookings.
 */
export function sortBookings(bookings: Iterable<BookingItem>, sort: BookingSort, nameOf: (userId: string) => string): BookingItem[] {
  const { key, direction } = sortKeyOf(sort, nameOf);
  const keyed: Keyed[] = [];
  for (const booking of bookings) keyed.push({ key: key(booking), booking });
  return keyed.sort(keyedComparator(direction)).map(({ booking }) => booking);
}

/**
 * An order kept up to date by merging: the changed bookings leave the list, then the new versions
 * (sorted among themselves) are merged in, O(n + k log k) instead of sorting all n again.
 */
export function mergeIntoOrder(
  sorted: readonly BookingItem[],
  changedIds: ReadonlySet<string>,
  upserted: readonly BookingItem[],
  sort: BookingSort,
  nameOf: (userId: string) => string,
): BookingItem[] {
  const { key, direction } = sortKeyOf(sort, nameOf);
  const byOrder = keyedComparator(direction);
  const incoming = upserted.map((booking) => ({ key: key(booking), booking })).sort(byOrder);
  const merged: BookingItem[] = [];
  let next = 0;
  for (const booking of sorted) {
    if (changedIds.has(booking.bookingId)) continue;
    if (next < incoming.length) {
      const kept = { key: key(booking), booking };
      while (next < incoming.length && byOrder(incoming[next] as Keyed, kept) < 0) merged.push((incoming[next++] as Keyed).booking);
    }
    merged.push(booking);
  }
  while (next < incoming.length) merged.push((incoming[next++] as Keyed).booking);
  return merged;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A free-text query, with the searched text of each sorted booking at the same position. */
export type TextSearch = { terms: readonly string[]; haystacks: readonly string[] };

/** The bookings passing the filters and (when there are search terms) the search, in the sorted order. */
export function filterBookings(sorted: readonly BookingItem[], filters: BookingFilters, search?: TextSearch): readonly BookingItem[] {
  const statuses = filters.statuses.length ? new Set(filters.statuses) : undefined;
  const terms = search?.terms.length ? search.terms : undefined;
  // Nothing to filter: the sorted list itself, not a copy of 100,000.
  if (!terms && !statuses && !filters.from && !filters.to && !filters.serviceType && !filters.userId) return sorted;
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
