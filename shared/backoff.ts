/** Retry delays: exponential from `baseMs`, capped at `maxMs`, with "equal jitter" so clients spread out. */
export type Backoff = { baseMs: number; maxMs: number };

/** Delay before retry `retry + 1` (retry 0 waits about `baseMs`), in the upper half of its ceiling; `random` in [0, 1). */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(Math.max(0, retry), 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
