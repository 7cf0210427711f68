import { describe, expect, it } from 'vitest';
import { searchPalette, type PaletteSources } from '@renderer/app/palette-search';
import { BookingSearchIndex } from '@renderer/common/booking-search-index';
import { aServerBooking, aUser } from '@test/support/builders';
import type { BookingItem, UserItem } from '@renderer/common/items';

const users = [
  aUser({ userId: 'u-alice', name: 'Alice Ng', email: 'alice@school.test', role: 'customer' }),
  aUser({ userId: 'u-zoe', name: 'Zoë Roy', email: 'zoe.roy@school.test', role: 'instructor' }),
] as unknown as UserItem[];
const bookings = [
  aServerBooking(1, { bookingId: 'past', userId: 'u-alice', bookingDate: '2026-02-01', bookingTime: '09:00', details: { aircraft: 'C-GXYZ' } }),
  aServerBooking(1, { bookingId: 'far', userId: 'u-alice', bookingDate: '2027-06-01', bookingTime: '09:00', details: { aircraft: 'C-GXYZ' } }),
  aServerBooking(1, { bookingId: 'soon', userId: 'u-alice', bookingDate: '2026-03-11', bookingTime: '10:30', details: { aircraft: 'C-FABC', location: 'North Field' } }),
  aServerBooking(1, { bookingId: 'zoe', userId: 'u-zoe', bookingDate: '2026-03-10', bookingTime: '08:00' }),
] as unknown as BookingItem[];

function sources(): PaletteSources {
  const nameOf = (userId: string) => users.find((user) => user.userId === userId)?.name ?? userId;
  const index = new BookingSearchIndex();
  for (const user of users) index.setUserName(user.userId, user.name);
  for (const booking of bookings) index.upsert(booking);
  return { bookings, haystacks: bookings.map((booking) => index.haystack(booking.bookingId) ?? ''), users, nameOf, today: '2026-03-10' };
}

describe('the palette search', () => {
  it('finds a student’s bookings by name, upcoming soonest first, then past ones, and the student', () => {
    const hits = searchPalette('alice', sources());
    expect(hits.filter((hit) => hit.group === 'Bookings').map((hit) => hit.open)).toEqual([{ bookingId: 'soon' }, { bookingId: 'far' }, { bookingId: 'past' }]);
    expect(hits.find((hit) => hit.group === 'People')).toMatchObject({ label: 'Alice Ng', description: 'Student · alice@school.test', open: { userId: 'u-alice' } });
    expect(hits[0]).toMatchObject({ label: 'Alice Ng · 2026-03-11 10:30' });
  });

  it('finds bookings by date, or a month, with a name', () => {
    expect(searchPalette('2026-03-10', sources()).map((hit) => hit.id)).toEqual(['booking-zoe']);
    expect(searchPalette('2026-03 alice', sources()).map((hit) => hit.id)).toEqual(['booking-soon']);
  });

  it('finds people by email, accents folded', () => {
    expect(searchPalette('zoe.roy@', sources()).filter((hit) => hit.group === 'People').map((hit) => hit.label)).toEqual(['Zoë Roy']);
  });

  it('finds an aircraft by registration without its dash, opening its next booking', () => {
    const aircraft = searchPalette('cgxyz', sources()).filter((hit) => hit.group === 'Aircraft');
    expect(aircraft).toEqual([expect.objectContaining({ label: 'C-GXYZ', open: { bookingId: 'far' } })]);
    expect(aircraft[0]!.description).toBe('2 bookings; opens the next, 2027-06-01 09:00 (Alice Ng)');
  });

  it('finds nothing for one letter, and keeps each group to its limit', () => {
    expect(searchPalette('a', sources())).toEqual([]);
    expect(searchPalette('alice', sources(), 1).filter((hit) => hit.group === 'Bookings')).toHaveLength(1);
  });
});
