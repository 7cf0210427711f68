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

/** The positions (in the sorted order) whose text holds every term; only those in `within` when given. */
function matchingPositions({ terms, haystacks }: TextSearch, within?: readonly number[]): number[] {
  const positions: number[] = [];
  if (within) {
    for (const i of within) if (matchesTerms(haystacks[i] ?? '', terms)) positions.push(i);
  } else {
    haystacks.forEach((haystack, i) => {
      if (matchesTerms(haystack, terms)) positions.push(i);
    });
  }
  return positions;
}

/** A query that can only match fewer bookings than an earlier one: each earlier term lies inside one of its terms. */
export function narrowsQuery(earlier: readonly string[], next: readonly string[]): boolean {
  return earlier.length > 0 && earlier.every((old) => next.some((term) => term.includes(old)));
}

/**
 * The text search of one list as the user types: a query that only grows (most keystrokes: "s", "sm", "smi")
 * searches the previous query's matches instead of every booking, so the keystrokes after the first letters,
 * which match nearly everything, cost a fraction of a full pass. A new order or haystacks start again.
 */
export class NarrowingSearch {
  private last: { search: TextSearch; positions: number[] } | null = null;

  /** The matching positions, or undefined for no terms (no text filter). */
  positions(search: TextSearch): readonly number[] | undefined {
    if (search.terms.length === 0) {
      this.last = null;
      return undefined;
    }
    const last = this.last;
    const within = last && last.search.haystacks === search.haystacks && narrowsQuery(last.search.terms, search.terms) ? last.positions : undefined;
    const positions = matchingPositions(search, within);
    this.last = { search, positions };
    return positions;
  }
}

/**
 * The bookings passing the filters and the text search (`positions`: the matching positions in the sorted order,
 * from `NarrowingSearch`; undefined for no text search), in the sorted order.
 */
export function filterBookings(sorted: readonly BookingItem[], filters: BookingFilters, positions?: readonly number[]): readonly BookingItem[] {
  const statuses = filters.statuses.length ? new Set(filters.statuses) : undefined;
  const others = statuses || filters.from || filters.to || filters.serviceType || filters.userId;
  const passes = (booking: BookingItem) =>
    (!statuses || statuses.has(booking.status)) &&
    (!filters.from || booking.bookingDate >= filters.from) &&
    (!filters.to || booking.bookingDate <= filters.to) &&
    (!filters.serviceType || booking.serviceType === filters.serviceType) &&
    (!filters.userId || booking.userId === filters.userId);
  if (positions) {
    const found: BookingItem[] = [];
    for (const i of positions) {
      const booking = sorted[i] as BookingItem;
      if (!others || passes(booking)) found.push(booking);
    }
    return found;
  }
  // Nothing to filter: the sorted list itself, not a copy of 100,000.
  if (!others) return sorted;
  return sorted.filter(passes);
}
