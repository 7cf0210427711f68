import { normalizeText, queryTerms } from '@renderer/common/booking-search-index';
import type { BookingItem, UserItem } from '@renderer/common/items';
import { countOf, roleLabel, serviceTypeLabel } from '@renderer/common/labels';
import { STATUS_LABELS } from '@renderer/features/bookings/status-workflow';

/** One thing the palette found: what it shows and the route it opens. */
export type PaletteHit = { id: string; label: string; description: string; group: 'Bookings' | 'People' | 'Aircraft'; open: { bookingId: string } | { userId: string } };

export type PaletteSources = {
  /** Bookings in one order, with each one's search text at the same position (the Bookings list's index). */
  bookings: readonly BookingItem[];
  haystacks: readonly string[];
  users: Iterable<UserItem>;
  nameOf: (userId: string) => string;
  /** The school's date today: upcoming bookings come first, then past ones newest first. */
  today: string;
};

/** A term that is a date or its start (`2026`, `2026-03`, `2026-03-10`): it matches the booking's date. */
const DATE_TERM = /^\d{4}(-\d{1,2}(-\d{1,2})?)?$/;

/** A registration compared without dashes, spaces or case: `cgxyz` finds `C-GXYZ`. */
function registrationKey(text: string): string {
  return normalizeText(text).replace(/[^a-z0-9]/g, '');
}

/** Nearest first: upcoming (today included) soonest first, then past ones newest first. */
function byNearest(today: string) {
  return (a: BookingItem, b: BookingItem) => {
    const aWhen = `${a.bookingDate} ${a.bookingTime}`;
    const bWhen = `${b.bookingDate} ${b.bookingTime}`;
    const aUpcoming = a.bookingDate >= today;
    const bUpcoming = b.bookingDate >= today;
    if (aUpcoming !== bUpcoming) return aUpcoming ? -1 : 1;
    const order = aWhen < bWhen ? -1 : aWhen > bWhen ? 1 : 0;
    return aUpcoming ? order : -order;
  };
}

/** Keeps the `limit` first items of a stream in order, without sorting all of them (a query can match 100,000). */
function keepFirst<T>(kept: T[], item: T, limit: number, compare: (a: T, b: T) => number): void {
  if (kept.length === limit && compare(item, kept[limit - 1]!) >= 0) return;
  const at = kept.findIndex((other) => compare(item, other) < 0);
  kept.splice(at === -1 ? kept.length : at, 0, item);
  if (kept.length > limit) kept.pop();
}

/**
 * What the palette finds for a query: bookings by the student's name, notes, location, aircraft or
 * service and by date (`2026-03-10`, or `2026-03` for a month); people by name or email; aircraft by
 * registration (from the bookings), each opening its nearest booking. At most `limit` of each.
 */
export function searchPalette(query: string, sources: PaletteSources, limit = 6): PaletteHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0 || query.trim().length < 2) return [];
  const dates = terms.filter((term) => DATE_TERM.test(term));
  const words = terms.filter((term) => !DATE_TERM.test(term));
  const nearest = byNearest(sources.today);

  const bookings: BookingItem[] = [];
  const aircraft = new Map<string, { registration: string; count: number; nearest: BookingItem }>();
  const registrationQuery = dates.length === 0 ? registrationKey(query) : '';
  sources.bookings.forEach((booking, index) => {
    const haystack = sources.haystacks[index] ?? '';
    if (words.every((word) => haystack.includes(word)) && dates.every((date) => booking.bookingDate.startsWith(date))) keepFirst(bookings, booking, limit, nearest);
    const registration = booking.details?.aircraft;
    if (registration && registrationQuery && registrationKey(registration).includes(registrationQuery)) {
      const key = registrationKey(registration);
      const entry = aircraft.get(key);
      if (!entry) aircraft.set(key, { registration, count: 1, nearest: booking });
      else {
        entry.count += 1;
        if (nearest(booking, entry.nearest) < 0) entry.nearest = booking;
      }
    }
  });

  const bookingHits = bookings.map((booking): PaletteHit => ({
      id: `booking-${booking.bookingId}`,
      label: `${sources.nameOf(booking.userId)} · ${booking.bookingDate} ${booking.bookingTime}`,
      description: [serviceTypeLabel(booking.serviceType), STATUS_LABELS[booking.status], booking.details?.aircraft, booking.details?.location].filter(Boolean).join(' · '),
      group: 'Bookings',
      open: { bookingId: booking.bookingId },
    }));

  const peopleHits: PaletteHit[] = [];
  if (dates.length === 0) {
    for (const user of sources.users) {
      const text = normalizeText(`${user.name} ${user.email}`);
      if (!terms.every((term) => text.includes(term))) continue;
      peopleHits.push({ id: `user-${user.userId}`, label: user.name, description: `${roleLabel(user.role)} · ${user.email}`, group: 'People', open: { userId: user.userId } });
    }
    peopleHits.sort((a, b) => a.label.localeCompare(b.label));
  }

  const aircraftHits = [...aircraft.values()]
    .sort((a, b) => a.registration.localeCompare(b.registration))
    .slice(0, limit)
    .map(({ registration, count, nearest: next }): PaletteHit => {
      const upcoming = next.bookingDate >= sources.today;
      return {
        id: `aircraft-${registrationKey(registration)}`,
        label: registration,
        description: `${countOf(count, 'booking')}; opens the ${upcoming ? 'next' : 'last'}, ${next.bookingDate} ${next.bookingTime} (${sources.nameOf(next.userId)})`,
        group: 'Aircraft',
        open: { bookingId: next.bookingId },
      };
    });

  return [...bookingHits, ...peopleHits.slice(0, limit), ...aircraftHits];
}
