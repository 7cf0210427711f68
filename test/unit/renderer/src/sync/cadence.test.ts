import { describe, expect, it } from 'vitest';
import { ACTIVE_WINDOW_MS, nextCycleDelay } from '@renderer/sync/cadence';

describe('sync cadence', () => {
  const intervals = { activeMs: 3_000, idleMs: 60_000 };
  it('runs often while the window is visible and used, seldom when untouched for two minutes or hidden', () => {
    expect(nextCycleDelay(intervals, { visible: true, sinceActivityMs: 0 })).toBe(3_000);
    expect(nextCycleDelay(intervals, { visible: true, sinceActivityMs: ACTIVE_WINDOW_MS })).toBe(3_000);
    expect(nextCycleDelay(intervals, { visible: true, sinceActivityMs: ACTIVE_WINDOW_MS + 1 })).toBe(60_000);
    expect(nextCycleDelay(intervals, { visible: false, sinceActivityMs: 0 })).toBe(60_000);
  });
  it('is never slower while active than when idle', () => {
    expect(nextCycleDelay({ activeMs: 3_000, idleMs: 1_000 }, { visible: true, sinceActivityMs: 0 })).toBe(1_000);
  });
});
