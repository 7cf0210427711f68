import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookingOrders } from '@renderer/common/booking-order';
import { mergeIntoOrder, sortBookings, SORTS, type BookingSort } from '@renderer/common/booking-view';
import { BookingSearchIndex } from '@renderer/common/booking-search-index';
import type { BookingItem } from '@renderer/common/items';
import { aServerBooking } from '@test/support/builders';

const SORT_NAMES = Object.keys(SORTS) as BookingSort[];
const names: Record<string, string> = { u1: 'Zoë Lane', u2: 'max power', u3: 'Ann Lee' };
const nameOf = (id: string) => names[id] ?? id;

// Few distinct values, so ties (broken by id) are common.
const aBooking = fc
  .record({
    id: fc.integer({ min: 0, max: 30 }),
    userId: fc.constantFrom('u1', 'u2', 'u3', 'u9'),
    day: fc.integer({ min: 1, max: 3 }),
    time: fc.constantFrom('08:00', '09:30'),
    status: fc.constantFrom('pending', 'confirmed', 'cancelled', 'completed') as fc.Arbitrary<BookingItem['status']>,
    minute: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ id, userId, day, time, status, minute }) =>
    aServerBooking(1, { bookingId: `b${id}`, userId, bookingDate: `2026-03-0${day}`, bookingTime: time, status, updatedAt: `2026-03-01T00:0${minute}:00.000Z` }),
  );
const uniqueBookings = fc.uniqueArray(aBooking, { selector: (booking) => booking.bookingId, maxLength: 25 });

describe('bookings kept in order', () => {
  it('merging changed and removed bookings into an order gives the order of the changed set, in every sort', () => {
    fc.assert(
      fc.property(uniqueBookings, uniqueBookings, fc.array(fc.integer({ min: 0, max: 30 })), fc.constantFrom(...SORT_NAMES), (before, upserted, removedIds, sort) => {
        const removed = removedIds.map((id) => `b${id}`).filter((id) => !upserted.some((booking) => booking.bookingId === id));
        const after = new Map(before.map((booking) => [booking.bookingId, booking]));
        for (const id of removed) after.delete(id);
        for (const booking of upserted) after.set(booking.bookingId, booking);
        const changed = new Set([...upserted.map((booking) => booking.bookingId), ...removed]);
        const merged = mergeIntoOrder(sortBookings(before, sort, nameOf), changed, upserted, sort, nameOf);
        expect(merged).toEqual(sortBookings(after.values(), sort, nameOf));
      }),
    );
  });

  it('sorts an order once, patches it on changes, and refreshes names and search texts when users change', () => {
    const items = new Map<string, BookingItem>();
    const search = new BookingSearchIndex();
    const add = (booking: BookingItem) => {
      items.set(booking.bookingId, booking);
      search.upsert(booking);
    };
    add(aServerBooking(1, { bookingId: 'b1', userId: 'u1', bookingDate: '2026-03-02' }));
    add(aServerBooking(1, { bookingId: 'b2', userId: 'u2', bookingDate: '2026-03-01' }));
    const userNames: Record<string, string> = { ...names };
    const orders = new BookingOrders(items, search, (id) => userNames[id] ?? id);
    const first = orders.get('date-desc');
    expect(first.sorted.map((b) => b.bookingId)).toEqual(['b1', 'b2']);
    expect(orders.get('date-desc')).toBe(first);

    const moved = aServerBooking(1, { bookingId: 'b1', userId: 'u1', bookingDate: '2026-02-01' });
    const added = aServerBooking(1, { bookingId: 'b3', userId: 'u3', bookingDate: '2026-03-05' });
    add(moved);
    add(added);
    orders.bookingsChanged({ reset: false, upserted: [moved, added], removed: [] });
    expect(orders.get('date-desc').sorted.map((b) => b.bookingId)).toEqual(['b3', 'b2', 'b1']);
    expect(first.sorted.map((b) => b.bookingId)).toEqual(['b1', 'b2']); // an order once handed out never changes

    expect(orders.get('user').sorted.map((b) => b.bookingId)).toEqual(['b3', 'b2', 'b1']);
    const byDate = orders.get('date-desc');
    userNames.u1 = 'Aaron First';
    search.setUserName('u1', userNames.u1);
    orders.usersChanged();
    const byUser = orders.get('user');
    expect(byUser.sorted.map((b) => b.bookingId)).toEqual(['b1', 'b3', 'b2']);
    expect(byUser.haystacks[0]).toContain('aaron first');
    expect(orders.get('date-desc').haystacks[2]).toContain('aaron first');
    expect(byDate.haystacks[2]).not.toContain('aaron first');
  });
});
