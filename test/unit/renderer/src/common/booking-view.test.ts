import { describe, expect, it } from 'vitest';
import { filterBookings, NarrowingSearch, narrowsQuery, NO_FILTERS, sortBookings } from '@renderer/common/booking-view';
import { BookingSearchIndex, queryTerms } from '@renderer/common/booking-search-index';
import { aServerBooking } from '@test/support/builders';

const names: Record<string, string> = { u1: 'Zoë Lane', u2: 'Max Power' };
const nameOf = (id: string) => names[id] ?? id;
const bookings = [
  aServerBooking(1, { bookingId: 'b1', userId: 'u1', bookingDate: '2026-03-02', bookingTime: '09:00', status: 'pending', serviceType: 'ground_school', details: { location: 'North Field' } }),
  aServerBooking(1, { bookingId: 'b2', userId: 'u2', bookingDate: '2026-03-01', bookingTime: '10:00', status: 'confirmed', details: { notes: 'north circuit' } }),
  aServerBooking(1, { bookingId: 'b3', userId: 'u1', bookingDate: '2026-03-03', bookingTime: '08:00', status: 'cancelled' }),
];

describe('bookings view', () => {
  it('sorts by date either way, by user name and by status, ties by id', () => {
    expect(sortBookings(bookings, 'date-desc', nameOf).map((b) => b.bookingId)).toEqual(['b3', 'b1', 'b2']);
    expect(sortBookings(bookings, 'date-asc', nameOf).map((b) => b.bookingId)).toEqual(['b2', 'b1', 'b3']);
    expect(sortBookings(bookings, 'user', nameOf).map((b) => b.bookingId)).toEqual(['b2', 'b1', 'b3']);
    expect(sortBookings(bookings, 'status', nameOf).map((b) => b.status)).toEqual(['cancelled', 'confirmed', 'pending']);
  });

  it('combines search over the aligned haystacks with every filter, keeping the sorted order', () => {
    const index = new BookingSearchIndex();
    for (const [id, name] of Object.entries(names)) index.setUserName(id, name);
    for (const booking of bookings) index.upsert(booking);
    const sorted = sortBookings(bookings, 'date-asc', nameOf);
    const haystacks = sorted.map((booking) => index.haystack(booking.bookingId) ?? '');
    const view = (query: string, filters = NO_FILTERS) => filterBookings(sorted, filters, new NarrowingSearch().positions({ terms: queryTerms(query), haystacks })).map((b) => b.bookingId);
    expect(view('north')).toEqual(['b2', 'b1']);
    expect(view('zoe')).toEqual(['b1', 'b3']);
    expect(view('zoe', { ...NO_FILTERS, statuses: ['pending', 'confirmed'] })).toEqual(['b1']);
    expect(view('', { ...NO_FILTERS, from: '2026-03-02', to: '2026-03-03' })).toEqual(['b1', 'b3']);
    expect(view('', { ...NO_FILTERS, serviceType: 'ground_school' })).toEqual(['b1']);
    expect(view('north', { ...NO_FILTERS, userId: 'u2' })).toEqual(['b2']);
    expect(view('nothing like it')).toEqual([]);
  });

  it('narrows from the previous matches while the query only grows, and searches everything again when it does not', () => {
    const haystacks = ['smith north', 'smyth south', 'jones north', 'smith south'];
    const seen: string[] = [];
    // Counts which haystacks a keystroke reads: a narrowed one reads only the previous matches.
    const watched = new Proxy(haystacks, { get: (target, property) => (typeof property === 'string' && /^\d+$/.test(property) && seen.push(property), Reflect.get(target, property)) });
    const search = new NarrowingSearch();
    const type = (query: string) => {
      seen.length = 0;
      const positions = search.positions({ terms: queryTerms(query), haystacks: watched });
      return { positions, read: seen.length };
    };
    expect(type('sm')).toEqual({ positions: [0, 1, 3], read: 4 });
    expect(type('smi')).toEqual({ positions: [0, 3], read: 3 });
    expect(type('smi s')).toEqual({ positions: [0, 3], read: 2 });
    expect(type('smi so')).toEqual({ positions: [3], read: 2 });
    // A deleted letter can match more: a full pass again.
    expect(type('smi')).toEqual({ positions: [0, 3], read: 4 });
    expect(type('')).toEqual({ positions: undefined, read: 0 });
    expect(narrowsQuery(['smi'], ['smith', 'x'])).toBe(true);
    expect(narrowsQuery(['smi', 'no'], ['smith'])).toBe(false);
  });
});
