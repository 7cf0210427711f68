import type { InitialSyncProgress } from '@renderer/sync';

/** One table's first sync as the first-start view shows it. */
export type TableProgress = { entity: InitialSyncProgress['entity']; items: number; done: boolean; secondsLeft: number | undefined };

/**
 * Items so far and, once known, the seconds left of one table's initial Scan. Segments split the table
 * by hash, so they are about the same size: when one is done its size stands for every segment's, the
 * total is about that times the segments, and the rate so far gives the time left. Until a segment is
 * done the total is unknown, and so is the ETA (never a guess shown as a fact).
 */
export function tableProgress(progress: InitialSyncProgress, elapsedMs: number): TableProgress {
  const done = progress.segmentsDone === progress.totalSegments;
  const finished = progress.segments.filter((segment) => segment.done);
  if (done || finished.length === 0 || elapsedMs <= 0 || progress.items === 0) return { entity: progress.entity, items: progress.items, done, secondsLeft: undefined };
  const perSegment = finished.reduce((sum, segment) => sum + segment.items, 0) / finished.length;
  const expected = Math.max(progress.items, perSegment * progress.totalSegments);
  const rate = progress.items / elapsedMs;
  return { entity: progress.entity, items: progress.items, done, secondsLeft: Math.ceil((expected - progress.items) / rate / 1000) };
}
