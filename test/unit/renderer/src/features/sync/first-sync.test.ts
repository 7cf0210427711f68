import { describe, expect, it } from 'vitest';
import { tableProgress } from '@renderer/features/sync/first-sync';
import { timeLeftText } from '@renderer/common/labels';

const segments = (...parts: Array<[number, boolean]>) => parts.map(([items, done]) => ({ items, done }));

describe('the first sync’s progress', () => {
  it('has no ETA while no segment is done: the total is unknown', () => {
    expect(tableProgress({ entity: 'users', items: 900, segmentsDone: 0, totalSegments: 4, segments: segments([200, false], [250, false], [200, false], [250, false]) }, 3_000)).toEqual({
      entity: 'users',
      items: 900,
      done: false,
      secondsLeft: undefined,
    });
  });

  it('estimates the total from the finished segments and the time left from the rate so far', () => {
    // One of 4 segments done with 500 items: about 2,000 in all; 1,000 read in 5 s leaves about 5 s.
    const progress = tableProgress({ entity: 'bookings', items: 1_000, segmentsDone: 1, totalSegments: 4, segments: segments([500, true], [200, false], [150, false], [150, false]) }, 5_000);
    expect(progress).toMatchObject({ items: 1_000, done: false, secondsLeft: 5 });
  });

  it('is done when every segment is', () => {
    expect(tableProgress({ entity: 'assets', items: 8, segmentsDone: 2, totalSegments: 2, segments: segments([4, true], [4, true]) }, 100)).toMatchObject({ done: true, secondsLeft: undefined });
  });

  it('says the time left in seconds, then minutes', () => {
    expect([timeLeftText(0), timeLeftText(42), timeLeftText(200)]).toEqual(['about 1 s left', 'about 42 s left', 'about 3 min left']);
  });
});
