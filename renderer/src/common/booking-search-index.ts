import type { BookingItem as Booking } from './items';

/** What search reads from a booking; the user's name comes from the users table. */
export type SearchableBooking = Pick<Booking, 'bookingId' | 'userId' | 'serviceType' | 'details'>;

/** Lowercase without accents, so "zoe" finds "Zoë". */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Search terms of a query: every term must appear (in any field). */
export function queryTerms(query: string): string[] {
  return normalizeText(query).split(/\s+/).filter(Boolean);
}

// Fields are joined with a character no term can contain, so a term never matches across two fields.
const FIELD_SEPARATOR = '\u0000';

/**
 * Free-text search over bookings that stays fast at 100,000: one normalized haystack string per booking,
 * built once and patched as live changes arrive, so a keystroke never reads IndexedDB. A list aligns
 * the haystacks with its own order once (`haystack(id)` per row); a keystroke is then one `includes`
 * pass over plain strings, with no Set or Map built per keystroke (those cost more than the search).
 * Searched: the user's name, notes, location, aircraft, service type and booking id.
 */
export class BookingSearchIndex {
  private readonly bookingIds: string[] = [];
  private readonly haystacks: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly bookings = new Map<string, SearchableBooking>();
  private readonly bookingsOfUser = new Map<string, Set<string>>();
  private readonly names = new Map<string, string>();

  get size(): number {
    return this.bookingIds.length;
  }

  /** Every indexed booking id (a copy). */
  ids(): string[] {
    return [...this.bookingIds];
  }

  setUserName(userId: string, name: string): void {
    if (this.names.get(userId) === name) return;
    this.names.set(userId, name);
    for (const bookingId of this.bookingsOfUser.get(userId) ?? []) {
      const booking = this.bookings.get(bookingId);
      if (booking) this.upsert(booking);
    }
  }

  upsert(booking: SearchableBooking): void {
    const previous = this.bookings.get(booking.bookingId);
    if (previous && previous.userId !== booking.userId) this.bookingsOfUser.get(previous.userId)?.delete(booking.bookingId);
    this.bookings.set(booking.bookingId, booking);
    const ofUser = this.bookingsOfUser.get(booking.userId) ?? new Set<string>();
    ofUser.add(booking.bookingId);
    this.bookingsOfUser.set(booking.userId, ofUser);

    const haystack = this.haystackOf(booking);
    const slot = this.slotOf.get(booking.bookingId);
    if (slot === undefined) {
      this.slotOf.set(booking.bookingId, this.bookingIds.length);
      this.bookingIds.push(booking.bookingId);
      this.haystacks.push(haystack);
    } else {
      this.haystacks[slot] = haystack;
    }
  }

  remove(bookingId: string): void {
    const slot = this.slotOf.get(bookingId);
    const booking = this.bookings.get(bookingId);
    if (slot === undefined || !booking) return;
    // Swap the last entry into the freed slot so the arrays stay dense.
    const lastSlot = this.bookingIds.length - 1;
    const lastId = this.bookingIds[lastSlot] as string;
    this.bookingIds[slot] = lastId;
    this.haystacks[slot] = this.haystacks[lastSlot] as string;
    this.slotOf.set(lastId, slot);
    this.bookingIds.pop();
    this.haystacks.pop();
    this.slotOf.delete(bookingId);
    this.bookings.delete(bookingId);
    this.bookingsOfUser.get(booking.userId)?.delete(bookingId);
  }

  /** The ids of the bookings matching every term of the query; `undefined` for an empty query (no filter). */
  search(query: string): Set<string> | undefined {
    const terms = queryTerms(query);
    if (terms.length === 0) return undefined;
    const matches = new Set<string>();
    this.haystacks.forEach((haystack, slot) => {
      if (matchesTerms(haystack, terms)) matches.add(this.bookingIds[slot] as string);
    });
    return matches;
  }

  /** The normalized text of a booking, or undefined for one not indexed. */
  haystack(bookingId: string): string | undefined {
    const slot = this.slotOf.get(bookingId);
    return slot === undefined ? undefined : this.haystacks[slot];
  }

  private haystackOf(booking: SearchableBooking): string {
    const details = booking.details ?? {};
    return normalizeText(
      [this.names.get(booking.userId) ?? '', details.notes ?? '', details.location ?? '', details.aircraft ?? '', booking.serviceType, booking.bookingId].join(
        FIELD_SEPARATOR,
      ),
    );
  }
}

/** True when the haystack holds every term. */
export function matchesTerms(haystack: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!haystack.includes(term)) return false;
  return true;
}
