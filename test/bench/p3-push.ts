import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import PQueue from 'p-queue';
import { buildVersionedUpdate } from '@main/sync/conditional-write';
import { DEFAULT_PUSH_CONFIG } from '@renderer/sync/upstream';
import { callBench } from './bench-api';
import { type CapacityTotals, describeCapacity } from './capacity';
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
  let directWriteUnits = 0;
  for (const [n, concurrency] of CONCURRENCIES.entries()) {
    const first = edits * (n + 1); // bookings [0, edits) are the app's
    const run = await directUpdates(ctx, first, edits, concurrency);
    direct[concurrency] = run.ms;
    directWriteUnits = run.writeUnits;
    ctx.log(`P3 direct UpdateItem x${edits} at concurrency ${concurrency}: ${run.ms.toFixed(0)} ms, ${run.writeUnits} WCU`);
  }
  const appWcuPerEdit = writeUnitsOf(appCapacity) / edits;
  const directWcuPerEdit = directWriteUnits / edits;
  ctx.log(`P3-wcu: ${appWcuPerEdit.toFixed(2)} WCU per edit through the app (the change and its history entry in one transaction) vs ${directWcuPerEdit.toFixed(2)} for the bare UpdateItem, as DynamoDB Local counts them (index writes included)`);
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
    {
      id: 'P3-wcu',
      what: 'write units per booking edit: the app (change + history entry, one transaction) vs the same UpdateItem alone, as the engine reports them (indexes included)',
      value: appWcuPerEdit,
      baseline: directWcuPerEdit,
      goal: 2,
      unit: 'WCU',
      params: { edits, counted: 'DynamoDB Local, ReturnConsumedCapacity TOTAL' },
    },
  ];
}

function writeUnitsOf(totals: CapacityTotals): number {
  return Object.values(totals).reduce((sum, operation) => sum + operation.writeUnits, 0);
}

/** `count` conditional UpdateItem calls, the app's own write shape, on bookings [first, first+count). */
async function directUpdates(ctx: BenchContext, first: number, count: number, concurrency: number): Promise<{ ms: number; writeUnits: number }> {
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
  const results = await Promise.all(commands.map((command) => queue.add(() => ctx.raw.send(new UpdateCommand({ ...command, ReturnConsumedCapacity: 'TOTAL' })))));
  const ms = performance.now() - started;
  return { ms, writeUnits: results.reduce((sum, result) => sum + (result.ConsumedCapacity?.CapacityUnits ?? 0), 0) };
}
