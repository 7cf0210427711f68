/**
 * How often the sync loop runs unasked (README.md, "Sync", "Scheduling"): often while someone works at this desk,
 * so a change made at another desk shows here within seconds; seldom when nobody has touched the window for a
 * while or it is hidden, so an idle desk costs little. Throttling and errors back off on their own (`nextRetryAt`).
 */

/** Key or pointer use within this long counts as someone working at the desk. */
export const ACTIVE_WINDOW_MS = 120_000;

export function nextCycleDelay(intervals: { activeMs: number; idleMs: number }, state: { visible: boolean; sinceActivityMs: number }): number {
  const active = state.visible && state.sinceActivityMs <= ACTIVE_WINDOW_MS;
  // Never slower while active than when idle (a test's long idle interval keeps the loop quiet).
  return active ? Math.min(intervals.activeMs, intervals.idleMs) : intervals.idleMs;
}
