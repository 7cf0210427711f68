import type { CycleReport, SyncClient } from './scheduler';

export type AwaitInSyncOptions = {
  maxCycles?: number;
  /** Pause before trying again after a failed call (the transport is down for a moment). */
  retryAfterFailureMs?: number;
};

function until(localMs: number, now: () => number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, localMs - now())));
}

/**
 * Resolves when the client is in sync: its outbox holds nothing but parked mutations and a full cycle
 * found nothing new on the server. Tests await this instead of sleeping; waiting only happens for a
 * retry's backoff to end.
 */
export async function awaitInSync(client: SyncClient, options: AwaitInSyncOptions = {}): Promise<CycleReport> {
  const maxCycles = options.maxCycles ?? 200;
  const now = client.options.push.now;
  let last: CycleReport | null = null;
  for (let cycle = 0; cycle < maxCycles; cycle++) {
    last = await client.syncNow();
    if (!last.failure && last.pending === 0 && last.pulledChanged === 0) return last;
    if (last.failure) await until(now() + (options.retryAfterFailureMs ?? 20), now);
    else if (last.nextRetryAt !== null) await until(last.nextRetryAt, now);
  }
  throw new Error(`not in sync after ${maxCycles} cycles: ${JSON.stringify({ ...last, failure: last?.failure?.message })}`);
}
