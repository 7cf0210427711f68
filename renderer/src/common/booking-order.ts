import type { BookingItem } from './items';
import type { MirrorChange } from './live-mirror';
import { mergeIntoOrder, sortBookings, type BookingSort } from './booking-view';
import type { BookingSearchIndex } from './booking-search-index';

/** The bookings in one order, with each one's search text at the same position. */
export type OrderedBookings = { readonly sorted: readonly BookingItem[]; readonly haystacks: readonly string[] };

/**
 * The Bookings list's orders, kept with the mirrors rather than in the screen, so opening the list does
 * not sort 100,000 bookings: an order is sorted once when first asked for (the default one as soon as
 * the bookings load), then patched as bookings change (merged, not sorted again). A change of users
 * drops the user-name order and refreshes the search texts.
 */
export class BookingOrders {
  private readonly orders = new Map<BookingSort, { sorted: BookingItem[]; haystacks: readonly string[] | null }>();

  constructor(
    private readonly bookings: ReadonlyMap<string, BookingItem>,
    private readonly search: BookingSearchIndex,
    private readonly nameOf: (userId: string) => string,
  ) {}

  /** The bookings in `sort` order; the same object until bookings or users change (never changed once handed out). */
  get(sort: BookingSort): OrderedBookings {
    const order = this.orders.get(sort);
    if (order?.haystacks) return order as OrderedBookings;
    const sorted = order?.sorted ?? sortBookings(this.bookings.values(), sort, this.nameOf);
    const ready = { sorted, haystacks: sorted.map((booking) => this.search.haystack(booking.bookingId) ?? '') };
    this.orders.set(sort, ready);
    return ready;
  }

  /** Called after the search index took the same change. */
  bookingsChanged(change: MirrorChange<BookingItem>): void {
    if (change.reset) {
      this.orders.clear();
      return;
    }
    const changedIds = new Set([...change.upserted.map((booking) => booking.bookingId), ...change.removed]);
    for (const [sort, order] of this.orders) {
      this.orders.set(sort, { sorted: mergeIntoOrder(order.sorted, changedIds, change.upserted, sort, this.nameOf), haystacks: null });
    }
  }

  /** Called after the search index took the new names. */
  usersChanged(): void {
    this.orders.delete('user');
    for (const [sort, order] of this.orders) this.orders.set(sort, { sorted: order.sorted, haystacks: null });
  }
}
