import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BucketCheckpoint, type BucketCursor, advanceBucket, compareCursors, planBucketQuery } from '@shared/sync/checkpoint';

/**
 * A model of one sync bucket's index with uneven propagation lag and writer clock error, pulled with the
 * real checkpoint logic at random times: after everything has propagated and the client pulled to the
 * end, it must hold every key's newest version.
 */
type Write = { key: string; at: number; clockError: number; lag: number };
type Version = { version: number; updatedAt: string; visibleAt: number };

const T0 = Date.parse('2026-06-01T00:00:00Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

function simulate(writes: Write[], pullTimes: number[], overlapMs: number, limit: number): { missed: string[] } {
  const history = new Map<string, Version[]>();
  for (const write of [...writes].sort((a, b) => a.at - b.at)) {
    const versions = history.get(write.key) ?? [];
    const previous = versions.at(-1);
    // As push does: updatedAt from the (slightly wrong) corrected clock, strictly after the previous one.
    const stamp = Math.max(write.at + write.clockError, previous ? Date.parse(previous.updatedAt) - T0 + 1 : -Infinity);
    // A GSI applies one item's changes in order: a version never shows before the one it replaced.
    const visibleAt = Math.max(write.at + write.lag, previous?.visibleAt ?? -Infinity);
    versions.push({ version: versions.length + 1, updatedAt: iso(stamp), visibleAt });
    history.set(write.key, versions);
  }
  const indexAt = (now: number): BucketCursor[] =>
    [...history]
      .flatMap(([key, versions]) => {
        const visible = versions.filter((v) => v.visibleAt <= now).at(-1);
        return visible ? [{ key, updatedAt: visible.updatedAt }] : [];
      })
      .sort(compareCursors);

  const delivered = new Map<string, string>();
  let bucket: BucketCheckpoint = { highWater: null, checkedAt: null, pass: null };
  const pullOnce = (now: number) => {
    const plan = planBucketQuery(bucket, iso(now), overlapMs);
    const matching = indexAt(now).filter(
      (entry) => (plan.from === null || entry.updatedAt >= plan.from) && (!plan.after || compareCursors(entry, plan.after) > 0),
    );
    const page = matching.slice(0, limit);
    for (const entry of page) delivered.set(entry.key, entry.updatedAt);
    const lastEvaluated = matching.length > limit ? (page.at(-1) ?? null) : null;
    bucket = advanceBucket(bucket, plan, { read: page, lastEvaluated }, iso(now));
  };
  for (const now of [...pullTimes].sort((a, b) => a - b)) {
    pullOnce(now);
    while (bucket.pass) pullOnce(now);
  }
  // Quiescence: everything has propagated; pull to the end once more.
  const end = Math.max(0, ...writes.map((w) => w.at + w.lag), ...pullTimes) + 1;
  do pullOnce(end);
  while (bucket.pass);
  const missed = [...history].filter(([key, versions]) => delivered.get(key) !== versions.at(-1)?.updatedAt).map(([key]) => key);
  return { missed };
}

const MAX_LAG = 3_000;
const MAX_CLOCK_ERROR = 1_000;
const write = fc.record({
  key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  at: fc.integer({ min: 0, max: 60_000 }),
  clockError: fc.integer({ min: -MAX_CLOCK_ERROR, max: MAX_CLOCK_ERROR }),
  lag: fc.integer({ min: 0, max: MAX_LAG }),
});
const scenario = fc.record({
  writes: fc.array(write, { minLength: 1, maxLength: 30 }),
  pullTimes: fc.array(fc.integer({ min: 0, max: 70_000 }), { maxLength: 15 }),
  limit: fc.integer({ min: 1, max: 5 }),
});

describe('checkpoint passes against a lagging index (model)', () => {
  it('property: with an overlap of at least lag + twice the clock error, no key ends without its newest version', () => {
    fc.assert(
      fc.property(scenario, ({ writes, pullTimes, limit }) => {
        expect(simulate(writes, pullTimes, MAX_LAG + 2 * MAX_CLOCK_ERROR, limit).missed).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('without an overlap the same scenarios do lose changes (the property above has teeth)', () => {
    const result = fc.check(
      fc.property(scenario, ({ writes, pullTimes, limit }) => simulate(writes, pullTimes, 0, limit).missed.length === 0),
      { numRuns: 300, endOnFailure: true },
    );
    expect(result.failed).toBe(true);
  });
});
