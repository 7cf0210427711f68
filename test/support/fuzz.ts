import type fc from 'fast-check';

/**
 * Cases per property of the fuzz suites: `FUZZ_RUNS` (set by `npm run test:fuzz -- --runs N`), else the
 * suite's small default so `npm test` stays fast.
 */
export function fuzzRuns(quickRuns: number): number {
  const given = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(given) && given > 0 ? given : quickRuns;
}

/** A test's timeout for `runs` cases at about `msPerCase` each (generous: the machine is shared). */
export function fuzzTimeout(runs: number, msPerCase: number): number {
  return Math.max(60_000, runs * msPerCase * 4);
}

/** fast-check parameters of a fuzz property: its run count, and the seed to replay when FUZZ_SEED is set. */
export function fuzzParameters<T>(runs: number): fc.Parameters<T> {
  const seed = Number(process.env.FUZZ_SEED);
  return { numRuns: runs, ...(Number.isInteger(seed) ? { seed } : {}) };
}
