/** Retry delays: exponential from `baseMs`, capped at `maxMs`, with "equal jitter" so clients spread out. */
export type BackoffConfig = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: BackoffConfig = { baseMs: 1000, maxMs: 5 * 60_000 };

/** Delay before attempt `attempts + 1`; `random` in [0, 1). */
export function backoffDelay(attempts: number, config: BackoffConfig, random: () => number = Math.random): number {
  const ceiling = Math.min(config.maxMs, config.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
