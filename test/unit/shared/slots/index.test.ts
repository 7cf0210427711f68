import { describe, expect, it } from 'vitest';
import { bookingInterval, changesSlots, daySlotsOf, describeSlotClash, planSlots, resourceDayId, type DaySlot, type SlotBooking } from '@shared/slots';

function booking(overrides: Partial<SlotBooking> = {}): SlotBooking {
  return { bookingId: 'b-mine', userId: 'u-alice', bookingDate: '2026-12-02', bookingTime: '10:00', status: 'confirmed', details: { aircraft: 'N172PF', duration: 60 }, ...overrides };
}
const N172PF_DEC2 = resourceDayId('aircraft', 'N172PF', '2026-12-02');
const theirs: DaySlot = { bookingId: 'b-theirs', userId: 'u-bob', start: 630, end: 690 };

describe('slots', () => {
  it('measures intervals in wall-clock minutes', () => {
    const { start, end } = bookingInterval(booking({ bookingDate: '1970-01-02', bookingTime: '01:30', details: {} }));
    expect([start, end]).toEqual([1440 + 90, 1440 + 150]);
  });

  it('holds a slot for the aircraft by its folded registration and for the instructor, not for a cancelled or completed booking', () => {
    const slots = daySlotsOf(booking({ details: { aircraft: ' n172pf ', instructorId: 'u-ian', duration: 90 } }));
    expect([...slots.keys()]).toEqual([N172PF_DEC2, resourceDayId('instructor', 'u-ian', '2026-12-02')]);
    expect(slots.get(N172PF_DEC2)?.slot).toEqual({ bookingId: 'b-mine', userId: 'u-alice', start: 600, end: 690 });
    expect(daySlotsOf(booking({ status: 'cancelled' })).size).toBe(0);
    expect(daySlotsOf(booking({ status: 'completed' })).size).toBe(0);
    expect(daySlotsOf(booking({ deleted: true })).size).toBe(0);
    expect(daySlotsOf(booking({ details: { aircraft: '   ' } })).size).toBe(0);
  });

  it('splits a booking past midnight into a slot on each day', () => {
    const slots = daySlotsOf(booking({ bookingDate: '2026-12-31', bookingTime: '23:00', details: { aircraft: 'N172PF', duration: 120 } }));
    expect([...slots.values()].map(({ date, slot }) => [date, slot.start, slot.end])).toEqual([
      ['2026-12-31', 1380, 1440],
      ['2027-01-01', 0, 60],
    ]);
  });

  it('finds the clash with another booking on the same aircraft, and none back to back or with a deliberate slot', () => {
    expect(planSlots(null, booking(), new Map([[N172PF_DEC2, [theirs]]])).clashes).toEqual([{ resource: 'aircraft', value: 'N172PF', date: '2026-12-02', other: theirs }]);
    expect(planSlots(null, booking({ bookingTime: '11:30' }), new Map([[N172PF_DEC2, [theirs]]])).clashes).toEqual([]);
    expect(planSlots(null, booking(), new Map([[N172PF_DEC2, [{ ...theirs, deliberate: true }]]])).clashes).toEqual([]);
    const saved = planSlots(null, booking(), new Map([[N172PF_DEC2, [theirs]]]), true);
    expect(saved.clashes).toEqual([]);
    expect(saved.writes).toEqual([{ id: N172PF_DEC2, slots: [{ bookingId: 'b-mine', userId: 'u-alice', start: 600, end: 660, deliberate: true }, theirs] }]);
  });

  it('moves a slot: a new time frees the old day and takes the new one; a duration change rewrites the day; the same slot writes nothing', () => {
    const before = booking();
    const mine: DaySlot = { bookingId: 'b-mine', userId: 'u-alice', start: 600, end: 660 };
    const next: DaySlot = { ...theirs, start: 660, end: 720 };
    const days = new Map([[N172PF_DEC2, [mine, next]]]);
    const moved = planSlots(before, booking({ bookingDate: '2026-12-03' }), days);
    expect(moved.clashes).toEqual([]);
    expect(moved.writes).toEqual([
      { id: N172PF_DEC2, slots: [next] },
      { id: resourceDayId('aircraft', 'N172PF', '2026-12-03'), slots: [mine] },
    ]);
    // Its own slot is never a clash with itself; a longer flight runs into the next one.
    expect(planSlots(before, booking({ details: { aircraft: 'N172PF', duration: 45 } }), days)).toEqual({ writes: [{ id: N172PF_DEC2, slots: [{ ...mine, end: 645 }, next] }], clashes: [] });
    expect(planSlots(before, booking({ details: { aircraft: 'N172PF', duration: 90 } }), days).clashes).toHaveLength(1);
    expect(planSlots(before, booking({ details: { aircraft: 'N172PF', duration: 60, notes: 'x' } }), days).writes).toEqual([]);
    // A cancellation frees it.
    expect(planSlots(before, booking({ status: 'cancelled' }), days).writes).toEqual([{ id: N172PF_DEC2, slots: [next] }]);
  });

  it('names the fields whose change can move a slot', () => {
    expect(changesSlots([['details', 'notes'], ['paymentInfo']])).toBe(false);
    expect(changesSlots([['details', 'aircraft']])).toBe(true);
    expect(changesSlots([['bookingTime']])).toBe(true);
    expect(changesSlots([['details']])).toBe(true);
  });

  it('says a clash in the office words', () => {
    expect(describeSlotClash({ resource: 'aircraft', value: 'N172PF', date: '2026-12-02', other: theirs }, (id) => (id === 'u-bob' ? 'Bob Pilot' : id))).toBe('Aircraft N172PF is already booked on 2026-12-02 from 10:30 to 11:30 for Bob Pilot');
  });
});
