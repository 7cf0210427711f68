import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import { callBench } from './bench-api';
import { describeCapacity } from './capacity';
import type { BenchContext } from './context';
import { total } from './context';
import { logProfile, maybeProfiled } from './profile';
import type { Figure } from './report';

const SEGMENT_COUNTS = [4, 8, 16, 32];

/**
 * P1 and P6: the app's first sync cycle on an empty local database (SyncClient in Chromium over the
 * loopback WebSocket, main's scan handler, every page applied in Dexie) vs the slower of two raw steps
 * run alone: the parallel Scan of the same tables at its best segment count, and a Dexie bulkPut of the
 * same items into the app's schema in the same Chromium. P6: the main process's peak RSS during P1.
 */
export async function benchInitialSync(ctx: BenchContext): Promise<Figure[]> {
  const items = total(ctx.sizes.large);
  // Warm DynamoDB Local's read path once, so neither the app nor the first baseline pays for it.
  await timeScan(ctx.raw, ctx.largePrefix, 8);
  const scans: Record<number, number> = {};
  for (const segments of SEGMENT_COUNTS) {
    scans[segments] = (await timeScan(ctx.raw, ctx.largePrefix, segments)).ms;
    ctx.log(`P1 raw parallel Scan, ${segments} segments: ${scans[segments]?.toFixed(0)} ms`);
  }
  const [bestSegments, scanMs] = Object.entries(scans).sort((a, b) => a[1] - b[1])[0] as [string, number];
  const bulkPut = await callBench(ctx.page, 'rawBulkPut', 'pilotforce-bench-raw', ctx.sizes.large);
  ctx.log(`P1 raw Dexie bulkPut of ${items} items: ${bulkPut.ms.toFixed(0)} ms`);

  await callBench(ctx.page, 'open', 'pilotforce-bench');
  await ctx.main.capacity();
  const before = await ctx.main.resetRss();
  const profiled = await maybeProfiled(ctx.profile, ctx.page, ctx.main, () => callBench(ctx.page, 'initialSync'));
  const sync = profiled.result;
  const rss = await ctx.main.rss();
  logProfile(ctx, 'P1', profiled);
  const capacity = await ctx.main.capacity();
  const synced = Object.values(sync.counts).reduce((sum, count) => sum + count, 0);
  if (synced !== items) throw new Error(`P1: ${synced} items synced, ${items} expected`);
  ctx.log(`P1 app initial sync: ${sync.ms.toFixed(0)} ms; main RSS peak ${rss.maxMb.toFixed(0)} MB (${before.lastMb.toFixed(0)} MB before), event loop ${(rss.eventLoopUtilization * 100).toFixed(0)}% busy; ${describeCapacity(capacity)}`);

  const baseline = Math.max(scanMs, bulkPut.ms);
  const counts = { ...ctx.sizes.large };
  return [
    {
      id: 'P1',
      what: `initial sync of ${items} items into IndexedDB (app vs slower raw step)`,
      value: sync.ms,
      baseline,
      goal: 1.2,
      unit: 'ms',
      params: {
        counts,
        engine: ctx.engine,
        scanSegmentsTried: scans,
        bestScanSegments: Number(bestSegments),
        rawScanMs: Math.round(scanMs),
        rawBulkPutMs: Math.round(bulkPut.ms),
        slowerRawStep: scanMs >= bulkPut.ms ? 'scan' : 'bulkPut',
        appScanSegments: sync.segments,
        appPageLimit: sync.pageLimit,
        appCapacity: describeCapacity(capacity),
        mainEventLoopBusy: Number(rss.eventLoopUtilization.toFixed(2)),
      },
    },
    {
      id: 'P6',
      what: 'main-process peak RSS during P1',
      value: rss.maxMb,
      goal: 200,
      unit: 'MB',
      params: { counts, engine: ctx.engine, rssBeforeSyncMb: Math.round(before.lastMb), rssSamples: rss.samples, sampleEveryMs: 100, runtime: `Node ${process.version} (main services + loopback server, no Electron)` },
    },
  ];
}

/** Every table scanned at once, each in `segments` parallel segments, 1 MB pages, to the end. */
async function timeScan(client: DynamoDBDocumentClient, prefix: string, segments: number): Promise<{ ms: number; items: number }> {
  const started = performance.now();
  const counts = await Promise.all(
    ENTITY_NAMES.flatMap((entity) =>
      Array.from({ length: segments }, async (_, segment) => {
        let items = 0;
        let start: Record<string, unknown> | undefined;
        do {
          const page = await client.send(
            new ScanCommand({ TableName: tableName(entity, prefix), Segment: segment, TotalSegments: segments, ...(start ? { ExclusiveStartKey: start } : {}) }),
          );
          items += page.Items?.length ?? 0;
          start = page.LastEvaluatedKey;
        } while (start);
        return items;
      }),
    ),
  );
  return { ms: performance.now() - started, items: counts.reduce((sum, n) => sum + n, 0) };
}
