import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BucketCheckpoint,
  type BucketCursor,
  advanceBucket,
  checkpointAt,
  compareCursors,
  emptyCheckpoint,
  hasMorePages,
  needsFullResync,
  planBucketQuery,
} from '@shared/sync/checkpoint';

const now = '2026-06-01T12:00:00.000Z';
const cursor = (updatedAt: string, key = 'k'): BucketCursor => ({ updatedAt, key });

describe('checkpoint passes', () => {
  it('starts from the beginning without a high-water mark, and from high-water minus the overlap after', () => {
    const empty = emptyCheckpoint().buckets[0] as BucketCheckpoint;
    expect(planBucketQuery(empty, now)).toEqual({ from: null, after: null, startedAt: now });
    const seen: BucketCheckpoint = { highWater: cursor('2026-06-01T11:00:00.000Z'), checkedAt: now, pass: null };
    expect(planBucketQuery(seen, now, 60_000).from).toBe('2026-06-01T10:59:00.000Z');
  });

  it('keeps the pass going page by page with the same lower bound, then records when it started', () => {
    const bucket: BucketCheckpoint = { highWater: cursor('2026-06-01T11:00:00.000Z'), checkedAt: '2026-06-01T11:00:00.000Z', pass: null };
    const plan = planBucketQuery(bucket, now, 60_000);
    const afterFirst = advanceBucket(bucket, plan, { read: [cursor('2026-06-01T11:30:00.000Z', 'a')], lastEvaluated: cursor('2026-06-01T11:30:00.000Z', 'a') }, now);
    expect(afterFirst.pass).toEqual({ from: plan.from, startedAt: now, after: cursor('2026-06-01T11:30:00.000Z', 'a') });
    expect(afterFirst.checkedAt).toBe('2026-06-01T11:00:00.000Z');
    const later = '2026-06-01T12:05:00.000Z';
    const plan2 = planBucketQuery(afterFirst, later, 60_000);
    expect(plan2).toEqual({ from: plan.from, after: cursor('2026-06-01T11:30:00.000Z', 'a'), startedAt: now });
    const done = advanceBucket(afterFirst, plan2, { read: [cursor('2026-06-01T11:45:00.000Z', 'b')], lastEvaluated: null }, later);
    expect(done).toEqual({ highWater: cursor('2026-06-01T11:45:00.000Z', 'b'), checkedAt: now, pass: null });
  });

  it('caps the high-water mark at the server time, so a future-stamped item cannot skip later changes', () => {
    const bucket = checkpointAt('2026-06-01T11:00:00.000Z').buckets[0] as BucketCheckpoint;
    const plan = planBucketQuery(bucket, now);
    const next = advanceBucket(bucket, plan, { read: [cursor('2026-06-01T14:00:00.000Z')], lastEvaluated: null }, now);
    expect(next.highWater).toEqual({ updatedAt: now, key: '' });
  });

  it('property: the next pass always starts at or before every item read, less the overlap', () => {
    const iso = fc.integer({ min: 0, max: 10_000_000 }).map((ms) => new Date(Date.parse('2026-06-01T00:00:00Z') + ms).toISOString());
    fc.assert(
      fc.property(fc.array(iso, { minLength: 1, maxLength: 20 }), (times) => {
        const bucket = emptyCheckpoint().buckets[0] as BucketCheckpoint;
        const next = advanceBucket(bucket, planBucketQuery(bucket, now), { read: times.map((t) => cursor(t)), lastEvaluated: null }, now);
        const from = planBucketQuery(next, now, 1000).from as string;
        const newest = times.reduce((a, b) => (a > b ? a : b));
        expect(from <= newest).toBe(true);
        expect(Date.parse(newest) - Date.parse(from)).toBe(1000);
      }),
    );
  });

  it('reports more pages while any bucket is mid-pass', () => {
    const checkpoint = emptyCheckpoint();
    expect(hasMorePages(checkpoint)).toBe(false);
    checkpoint.buckets[2] = { highWater: null, checkedAt: null, pass: { from: null, startedAt: now, after: cursor(now) } };
    expect(hasMorePages(checkpoint)).toBe(true);
  });

  it('asks for a full resync once a bucket was last complete longer ago than tombstones live', () => {
    const day = 24 * 60 * 60_000;
    const old = checkpointAt(new Date(Date.parse(now) - 31 * day).toISOString());
    expect(needsFullResync(old, now, 30 * day)).toBe(true);
    expect(needsFullResync(checkpointAt(new Date(Date.parse(now) - 29 * day).toISOString()), now, 30 * day)).toBe(false);
    expect(needsFullResync(emptyCheckpoint(), now, 30 * day)).toBe(false);
  });

  it('orders cursors as the index does: updatedAt text, then key', () => {
    expect(compareCursors(cursor('a', 'z'), cursor('b', 'a'))).toBe(-1);
    expect(compareCursors(cursor('b', 'a'), cursor('b', 'b'))).toBe(-1);
    expect(compareCursors(cursor('b', 'b'), cursor('b', 'b'))).toBe(0);
  });
});
