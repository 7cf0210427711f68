import { describe, expect, it } from 'vitest';
import { aircraftId, bookingInstants, groundedAt, groundedDuring, maintenanceDue, matchRegistration, registrationOf, unmatchedAircraft } from '@shared/fleet/rules';

const REGISTER = new Set(['N172PF', 'G-ABCD']);

describe('registrations', () => {
  it('folds case and spacing, keeps hyphens, and names the item by it', () => {
    expect(aircraftId(' n 172pf ')).toBe('aircraft#N172PF');
    expect(registrationOf({ resourceId: 'aircraft#G-ABCD' })).toBe('G-ABCD');
    expect(matchRegistration('n172pf', REGISTER)).toBe('N172PF');
    expect(matchRegistration('G-abcd ', REGISTER)).toBe('G-ABCD');
    expect(matchRegistration('GABCD', REGISTER)).toBeNull();
    expect(matchRegistration('', REGISTER)).toBeNull();
    expect(matchRegistration(undefined, REGISTER)).toBeNull();
  });

  it('lists free text the register does not know, each spelling of one aircraft together, the most used first', () => {
    const values = ['N2KLUX', 'n2klux', 'N172PF', 'c-gabc', 'N2KLUX', undefined, '  '];
    expect(unmatchedAircraft(values, REGISTER)).toEqual([
      { registration: 'N2KLUX', spellings: ['N2KLUX', 'n2klux'], bookings: 3 },
      { registration: 'C-GABC', spellings: ['c-gabc'], bookings: 1 },
    ]);
  });
});

describe('grounding', () => {
  const grounding = { reason: 'Magneto check', from: '2026-12-02T10:00:00.000Z', until: '2026-12-03T10:00:00.000Z', by: 'Ada Admin' };

  it('covers the bookings that overlap it, not those that only touch it', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(groundedDuring({ grounding }, at('2026-12-02T09:00:00Z'), at('2026-12-02T10:00:00Z'))).toBe(false);
    expect(groundedDuring({ grounding }, at('2026-12-02T09:30:00Z'), at('2026-12-02T10:30:00Z'))).toBe(true);
    expect(groundedDuring({ grounding }, at('2026-12-03T10:00:00Z'), at('2026-12-03T11:00:00Z'))).toBe(false);
    expect(groundedAt({ grounding: { ...grounding, until: undefined } }, at('2030-01-01T00:00:00Z'))).toBe(true);
    expect(groundedAt({}, at('2026-12-02T12:00:00Z'))).toBe(false);
  });

  it('reads a booking’s wall-clock time in the school’s zone, across a DST change and midnight', () => {
    // Europe/London leaves summer time on 2026-10-25 at 02:00: a night flight from 23:30 across it starts in summer time (UTC+1) and lasts its 3 hours.
    const night = bookingInstants({ bookingDate: '2026-10-24', bookingTime: '23:30', durationMinutes: 180 }, 'Europe/London');
    expect(new Date(night.startMs).toISOString()).toBe('2026-10-24T22:30:00.000Z');
    expect(night.endMs - night.startMs).toBe(3 * 3_600_000);
    const tokyo = bookingInstants({ bookingDate: '2026-12-02', bookingTime: '09:00', durationMinutes: 60 }, 'Asia/Tokyo');
    expect(new Date(tokyo.startMs).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    // The 09:00 Tokyo lesson falls before a grounding that starts at 10:00 UTC the same day.
    expect(groundedDuring({ grounding }, tokyo.startMs, tokyo.endMs)).toBe(false);
  });
});

describe('maintenance due', () => {
  it('is ok, due soon within 10 hours or 30 days, and overdue past either, with reasons in words', () => {
    expect(maintenanceDue({ hobbs: 1200, hundredHourDueHobbs: 1250, annualDueOn: '2027-06-01' }, '2026-12-02')).toMatchObject({ state: 'ok', hundredHourLeft: 50, reasons: [] });
    expect(maintenanceDue({ hobbs: 1243.5, hundredHourDueHobbs: 1250 }, '2026-12-02')).toMatchObject({ state: 'due-soon', hundredHourLeft: 6.5, reasons: ['100-hour inspection due in 6.5 h'] });
    expect(maintenanceDue({ annualDueOn: '2026-12-03' }, '2026-12-02')).toMatchObject({ state: 'due-soon', annualDaysLeft: 1, reasons: ['annual inspection due in 1 day'] });
    const both = maintenanceDue({ hobbs: 1252, hundredHourDueHobbs: 1250, annualDueOn: '2026-12-20' }, '2026-12-02');
    expect(both).toMatchObject({ state: 'overdue', hundredHourLeft: -2 });
    expect(both.reasons).toEqual(['100-hour inspection overdue by 2 h', 'annual inspection due in 18 days']);
    expect(maintenanceDue({ annualDueOn: '2026-11-29' }, '2026-12-02').reasons).toEqual(['annual inspection overdue by 3 days']);
    expect(maintenanceDue({}, '2026-12-02')).toEqual({ state: 'ok', hundredHourLeft: null, annualDaysLeft: null, reasons: [] });
  });
});
