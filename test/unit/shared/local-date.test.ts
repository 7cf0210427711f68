import { describe, expect, it } from 'vitest';
import { dayNumber, daysBetween, todayIn } from '@shared/local-date';

describe('school dates', () => {
  it('gives the school date, which differs from UTC near midnight', () => {
    const instant = new Date('2026-07-01T02:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-07-01');
    expect(todayIn('America/Vancouver', instant)).toBe('2026-06-30');
  });

  it('counts whole days between dates, across a leap day and daylight saving alike', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-04-01', '2026-03-31')).toBe(-1);
  });
});
