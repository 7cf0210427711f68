import { describe, expect, it } from 'vitest';
import { addDays, bookingStart, formatInstant, isValidTimeZone, normalizeTimeText, weekStart } from '@renderer/common/time-zone';

describe('time zone helpers', () => {
  it('enters booking wall-clock times in the school zone, across daylight saving', () => {
    expect(bookingStart('2026-01-15', '14:30', 'Europe/London').toISOString()).toBe('2026-01-15T14:30:00.000Z');
    expect(bookingStart('2026-07-15', '14:30', 'Europe/London').toISOString()).toBe('2026-07-15T13:30:00.000Z');
  });

  it('shows instants in the school zone with its name', () => {
    // The zone's name comes from ICU: BST or GMT+1 depending on its locale data.
    expect(formatInstant('2023-07-15T10:15:00Z', 'Europe/London')).toMatch(/^2023-07-15 11:15 (BST|GMT\+1)$/);
  });

  it('writes a typed 24-hour time as HH:mm and leaves what is not a time for validation to name', () => {
    expect(['9', '930', '9:30', '9.30', '0930', '1430', ' 14:30 ', '0', '23:59'].map(normalizeTimeText)).toEqual(['09:00', '09:30', '09:30', '09:30', '09:30', '14:30', '14:30', '00:00', '23:59']);
    expect(['24:00', '12:60', '2:3', '2pm', '', 'noon'].map(normalizeTimeText)).toEqual(['24:00', '12:60', '2:3', '2pm', '', 'noon']);
  });

  it('moves calendar dates and finds the Monday of a week', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
  });

  it('refuses a time zone that does not exist', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
