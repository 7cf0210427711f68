import { callBench } from './bench-api';
import type { BenchContext } from './context';
import { logProfile, maybeProfiled } from './profile';
import { percentile, type Figure } from './report';
import { bookingDate, bookingUser, userId, userName } from './sample-items';

const LOOKUPS = 300;
const MOUNTS = 3;

/**
 * P4: the renderer over the local database P1 filled, in Chromium: a `[userId+bookingDate]` lookup,
 * the first render of the real BookingsScreen, and free-text search keystrokes with their match counts
 * checked against a count computed straight from the generated items. Screens read IndexedDB and
 * memory only: they consume no DynamoDB capacity.
 */
export async function benchRenderer(ctx: BenchContext): Promise<Figure[]> {
  const { users, bookings } = ctx.sizes.large;
  const pairs: Array<[string, string]> = Array.from({ length: LOOKUPS }, (_, n) => {
    const i = (n * 7919) % bookings;
    return [userId(bookingUser(i, users)), bookingDate(i)];
  });
  const lookups = await callBench(ctx.page, 'lookups', pairs);
  if (lookups.found < LOOKUPS) throw new Error(`P4: ${lookups.found} bookings found for ${LOOKUPS} lookups of existing ones`);

  const profiled = await maybeProfiled(ctx.profile, ctx.page, ctx.main, () => callBench(ctx.page, 'firstRender', MOUNTS));
  const render = profiled.result;
  logProfile(ctx, 'P4 first render', profiled);
  if (render.rows === 0) throw new Error('P4: the bookings list rendered no rows');

  const queries = ['crosswind', 'main airport', userName(42).toLowerCase(), 'night rating', 'c-g', `#${Math.floor(bookings / 3)}`];
  const profiledSearch = await maybeProfiled(ctx.profile, ctx.page, ctx.main, () => callBench(ctx.page, 'searchKeystrokes', queries, ctx.sizes.large));
  const search = profiledSearch.result;
  logProfile(ctx, 'P4 search (index build, keystrokes and expected counts)', profiledSearch);
  if (search.wrong.length > 0) throw new Error(`P4: wrong search counts: ${search.wrong.slice(0, 5).join('; ')}`);
  ctx.log(`P4 lookup p95 ${percentile(lookups.durations, 95).toFixed(2)} ms; first render ${render.renders.map((ms) => ms.toFixed(0)).join('/')} ms; search p95 ${percentile(search.durations, 95).toFixed(1)} ms`);

  const base = { counts: { ...ctx.sizes.large }, engine: ctx.engine, capacity: '0 RCU, 0 WCU (local database only)' };
  return [
    {
      id: 'P4-query-p95',
      what: `bookings of a user on a date ([userId+bookingDate]) p95, ${bookings} bookings`,
      value: percentile(lookups.durations, 95),
      goal: 5,
      unit: 'ms',
      params: { ...base, lookups: LOOKUPS, found: lookups.found, p50: percentile(lookups.durations, 50) },
    },
    {
      id: 'P4-first-render',
      what: `first render of BookingsScreen over ${bookings} bookings`,
      value: render.renders[0] as number,
      goal: 200,
      unit: 'ms',
      params: { ...base, mounts: render.renders.map(Math.round), mirrorLoadMs: Math.round(render.mirrorLoadMs), rowsRendered: render.rows, measured: 'mount to first row in the DOM, laid out; mirrors already loaded' },
    },
    {
      id: 'P4-search-p95',
      what: `free-text search keystroke p95 over ${bookings} bookings, counts checked`,
      value: percentile(search.durations, 95),
      goal: 50,
      unit: 'ms',
      params: { ...base, queries, keystrokes: search.checked, p50: percentile(search.durations, 50), max: Math.max(...search.durations), indexBuildMs: Math.round(search.buildMs), measured: "per typed prefix, BookingsScreen's filter of the sorted list with the index's texts (after its 80 ms debounce; rendering ~30 rows not included)" },
    },
  ];
}
