import { describe, expect, it } from 'vitest';
import { BookingSchema, MAX_OVERRIDES, OverrideSchema, overrideRuleName, withOverride, type Override } from '@shared/models';
import { describeIssues } from '@shared/models/validate';

const override: Override = { rule: 'documents', by: 'Sam Staff', at: '2026-03-10T09:00:00.000Z', reason: 'Medical renewed, paper copy seen', detail: 'Alice Ng (student): Medical certificate expired on 2026-03-01' };
const booking = { bookingId: 'b-1', userId: 'u-1', serviceType: 'lesson', bookingDate: '2026-03-12', bookingTime: '09:00', status: 'pending', createdAt: '2026-03-01T09:00:00Z', updatedAt: '2026-03-01T09:00:00Z' };

describe('overrides', () => {
  it('are kept on a booking with who, when, why and what', () => {
    expect(BookingSchema.parse({ ...booking, overrides: [override] }).overrides).toEqual([override]);
  });

  it('need a reason, an instant and a rule id', () => {
    const input = { ...override, reason: '  ', at: 'yesterday', rule: 'Documents!' };
    const parsed = OverrideSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(describeIssues(parsed.error.issues, input)).toBe(
        'rule: a rule is lowercase letters, digits and - (got "Documents!"); at: not an ISO-8601 instant (e.g. 2023-07-15T10:15:00Z); reason: Say why the booking is saved anyway',
      );
    }
  });

  it('are appended, up to the limit', () => {
    expect(withOverride(undefined, override)).toEqual([override]);
    expect(withOverride([override], { ...override, rule: 'double-booking' }).map((o) => o.rule)).toEqual(['documents', 'double-booking']);
    expect(() => withOverride(Array.from({ length: MAX_OVERRIDES }, () => override), override)).toThrow('A booking records at most 50 overrides: cancel it and make a new booking');
  });

  it('name the rules this version knows, and show others by id', () => {
    expect(overrideRuleName('documents')).toBe('Required documents');
    expect(overrideRuleName('instructor-hours')).toBe('instructor-hours');
    expect(overrideRuleName('constructor')).toBe('constructor');
  });
});
