import { expect, it } from 'vitest';
import { backoffDelay } from '@shared/backoff';

it('doubles the backoff up to its cap, with jitter in the upper half', () => {
  const backoff = { baseMs: 100, maxMs: 1_000 };
  expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, backoff, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
  expect(backoffDelay(2, backoff, () => 1)).toBe(400);
  expect(backoffDelay(-1, backoff, () => 0)).toBe(50);
});
