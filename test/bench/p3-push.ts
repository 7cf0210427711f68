import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import PQueue from 'p-queue';
import { buildVersionedUpdate } from '@main/sync/conditional-write';
import { DEFAULT_PUSH_CONFIG } from '@renderer/sync/upstream';
import { callBench } from './bench-api';
import { describeCapacity } from './capacity';
import type { BenchContext } from './context';
import { logProfile, maybeProfiled } from './profile';
import type { Figure } from './report';
import { bookingId, sampleBooking } from './sample-items';

const CONCURRENCIES = [8, 16, 32, 64];

/**
 * P3: edits made offline in the app (Chromium, outbox), then the outbox pushed through the app's whole
 * push path (sync client batches over the loopback WebSocket, main's conditional writes, results applied
 * in Dexie); vs the same conditional UpdateItem calls sent straight from the SDK at the best
 * concurrency of those tried, on other bookings of the same shape (bookings the app did not touch).
 */
export async function benchPush(ctx: BenchContext): Promise<Figure[]> {
  const edits = ctx.sizes.edits;
  const queued = await callBench(ctx.page, 'offlineEdits', edits);
  if (queued !== edits) throw new Error(`P3: ${queued} mutations queued, ${edits} expected`);
  await ctx.main.capacity();
  const profiled = await maybeProfiled(ctx.profile, ctx.page, ctx.main, () => callBench(ctx.page, 'pushAll'));
  const pushed = profiled.result;
  const appCapacity = await ctx.main.capacity();
  logProfile(ctx, 'P3', profiled);
  if (pushed.acknowledged !== edits || pushed.left !== 0) throw new Error(`P3: ${pushed.acknowledged} of ${edits} acknowledged, ${pushed.left} left`);
  ctx.log(`P3 app push: ${pushed.ms.toFixed(0)} ms in ${pushed.pushes} pushes of calls of ${DEFAULT_PUSH_CONFIG.batchSize}, ${DEFAULT_PUSH_CONFIG.callsInFlight} in flight; ${describeCapacity(appCapacity)}`);

  const direct: Record<number, number> = {};
  for (const [n, concurrency] of CONCURRENCIES.entries()) {
    const first = edits * (n + 1); // bookings [0, edits) are the app's
    direct[concurrency] = await directUpdates(ctx, first, edits, concurrency);
    ctx.log(`P3 direct UpdateItem x${edits} at concurrency ${concurrency}: ${direct[concurrency]?.toFixed(0)} ms`);
  }
  const [bestConcurrency, bestMs] = Object.entries(direct).sort((a, b) => a[1] - b[1])[0] as [string, number];
  return [
    {
      id: 'P3',
      what: `push ${edits} offline edits (app push path vs direct conditional UpdateItem)`,
      value: pushed.ms,
      baseline: bestMs,
      goal: 1.3,
      unit: 'ms',
      params: {
        edits,
        engine: ctx.engine,
        appPushes: pushed.pushes,
        appBatchSize: DEFAULT_PUSH_CONFIG.batchSize,
        appCallsInFlight: DEFAULT_PUSH_CONFIG.callsInFlight,
        concurrenciesTried: direct,
        bestConcurrency: Number(bestConcurrency),
        appCapacity: describeCapacity(appCapacity),
      },
    },
  ];
}

/** `count` conditional UpdateItem calls, the app's own write shape, on bookings [first, first+count). */
async function directUpdates(ctx: BenchContext, first: number, count: number, concurrency: number): Promise<number> {
  const users = ctx.sizes.large.users;
  const commands = Array.from({ length: count }, (_, n) => {
    const booking = sampleBooking(first + n, users);
    const details = booking.details as Record<string, string>;
    return buildVersionedUpdate({
      entity: 'bookings',
      prefix: ctx.largePrefix,
      key: bookingId(first + n),
      expected: { version: 1, updatedAt: String(booking.updatedAt) },
      changes: [{ op: 'set', path: ['details', 'notes'], value: `Edited directly by the benchmark (${n})`, base: details.notes ?? '' }],
      updatedAt: new Date().toISOString(),
      updatedBy: 'Bench Direct',
      clientSeq: { clientId: 'bench-direct', seq: n + 1 },
    });
  });
  const queue = new PQueue({ concurrency });
  const started = performance.now();
  await Promise.all(commands.map((command) => queue.add(() => ctx.raw.send(new UpdateCommand(command)))));
  return performance.now() - started;
}
