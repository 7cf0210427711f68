import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeClash, findAllClashes, findClashes } from '@renderer/features/bookings/overlap';
import { aServerBooking } from '@test/support/builders';
import { serviceTypeLabel } from '@renderer/common/labels';

describe('double-booking detection', () => {
  const existing = [
    aServerBooking(1, { bookingId: 'a', bookingDate: '2026-03-02', userId: 'alice', bookingTime: '09:00', details: { duration: 90, aircraft: 'C-GABC', instructorId: 'ian' } }),
    aServerBooking(1, { bookingId: 'b', bookingDate: '2026-03-02', userId: 'bob', bookingTime: '13:00', details: { duration: 60, aircraft: 'C-GXYZ' } }),
    aServerBooking(1, { bookingId: 'c', bookingDate: '2026-03-02', userId: 'carol', bookingTime: '09:00', status: 'cancelled', details: { aircraft: 'C-GABC' } }),
  ];

  it('flags the same student, aircraft or instructor at an overlapping time', () => {
    const draft = aServerBooking(1, { bookingId: 'new', bookingDate: '2026-03-02', userId: 'alice', bookingTime: '10:00', details: { aircraft: 'c-gabc ', instructorId: 'ian' } });
    const clashes = findClashes(draft, existing);
    expect(clashes.map((clash) => [clash.resource, clash.other.bookingId])).toEqual([
      ['student', 'a'],
      ['aircraft', 'a'],
      ['instructor', 'a'],
    ]);
    const nameOf = (id: string) => ({ alice: 'Alice Ng', ian: 'Ian Instructor' })[id] ?? id;
    const words = clashes.map((clash) => describeClash(clash, nameOf));
    expect(words[0]).toBe(`Alice Ng already has a booking on 2026-03-02 at 09:00 (${serviceTypeLabel(existing[0]!.serviceType)})`);
    expect(words[2]).toBe(`Instructor Ian Instructor is already booked on 2026-03-02 at 09:00 for Alice Ng (${serviceTypeLabel(existing[0]!.serviceType)})`);
    for (const text of words) expect(text).not.toMatch(/\(a\)|, a\)/);
  });

  it('does not flag back-to-back bookings, other days, cancelled bookings or the booking itself', () => {
    expect(findClashes(aServerBooking(1, { bookingId: 'n1', bookingDate: '2026-03-02', userId: 'alice', bookingTime: '10:30' }), existing)).toEqual([]);
    expect(findClashes(aServerBooking(1, { bookingId: 'n2', userId: 'alice', bookingDate: '2026-03-03' }), existing)).toEqual([]);
    expect(findClashes(aServerBooking(1, { bookingId: 'n3', bookingDate: '2026-03-02', userId: 'zed', details: { aircraft: 'C-GXYZ' }, bookingTime: '09:00' }), existing)).toEqual([]);
    expect(findClashes(existing[0]!, existing)).toEqual([]);
    expect(findClashes(aServerBooking(1, { bookingId: 'n4', bookingDate: '2026-03-02', userId: 'alice', status: 'cancelled' }), existing)).toEqual([]);
  });

  it('sees a booking that runs past midnight into the next day', () => {
    const late = aServerBooking(1, { bookingId: 'late', userId: 'dora', bookingDate: '2026-03-02', bookingTime: '23:30', details: { duration: 120 } });
    const early = aServerBooking(1, { bookingId: 'early', userId: 'dora', bookingDate: '2026-03-03', bookingTime: '00:30' });
    expect(findClashes(early, [late]).map((clash) => clash.other.bookingId)).toEqual(['late']);
  });

  it('finds the same pairs over a whole table as checking each booking on its own', () => {
    const bookingArb = fc.record({
      userId: fc.constantFrom('u1', 'u2', 'u3'),
      bookingDate: fc.constantFrom('2026-03-01', '2026-03-02'),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.constantFrom(0, 15, 30, 45),
      duration: fc.integer({ min: 15, max: 240 }),
      aircraft: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }),
      status: fc.constantFrom('pending', 'confirmed', 'cancelled' as const),
    });
    fc.assert(
      fc.property(fc.array(bookingArb, { maxLength: 25 }), (specs) => {
        const bookings = specs.map((spec, i) =>
          aServerBooking(1, {
            bookingId: `b${i}`,
            userId: spec.userId,
            bookingDate: spec.bookingDate,
            bookingTime: `${String(spec.hour).padStart(2, '0')}:${String(spec.minute).padStart(2, '0')}`,
            status: spec.status,
            details: { duration: spec.duration, ...(spec.aircraft ? { aircraft: spec.aircraft } : {}) },
          }),
        );
        const all = findAllClashes(bookings);
        for (const booking of bookings) {
          const pairs = (list: ReturnType<typeof findClashes>) => list.map((clash) => `${clash.resource}:${clash.other.bookingId}`).sort();
          expect(pairs(all.get(booking.bookingId) ?? [])).toEqual(pairs(findClashes(booking, bookings)));
        }
      }),
    );
  });
});
