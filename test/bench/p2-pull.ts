import { ENTITY_NAMES, type EntityName } from '@shared/models';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SYNC_BUCKETS } from '@shared/tables';
import type { Checkpoint } from '@shared/sync/checkpoint';
import type { Mutation, ServerItem } from '@shared/sync/protocol';
import type { AwsClients } from '@main/aws/clients';
import { currentCheckpoint, pullChanges } from '@main/sync/pull';
import { pushMutations } from '@main/sync/push';
import { byteSize } from '@main/sync/validate-mutation';
import type { BenchContext } from './context';
import { total } from './context';
import { median, type Figure } from './report';
import { type SampleSizes, assetId, bookingId, resourceId, sampleAsset, sampleBooking, sampleResource, sampleUser, userId } from './sample-items';

const PULL_REPEATS = 7;
const PULL_LIMIT = 500;

/**
 * P2: a delta pull (main's pull, every table side by side as the sync client pulls) of items changed
 * after the checkpoint, spread over the four tables: consumed RCU against the least that reading their
 * bytes once can cost, and the pull's time at the large size against the same pull at the small size.
 */
export async function benchPull(ctx: BenchContext, smallClients: AwsClients): Promise<Figure[]> {
  const sides = [
    await prepareSide(ctx.clients, ctx.largePrefix, ctx.sizes.large, ctx.sizes.changedItems),
    await prepareSide(smallClients, ctx.smallPrefix, ctx.sizes.small, ctx.sizes.changedItems),
  ];
  // One untimed pull each warms the code paths; then the sizes alternate, so drift on a busy machine hits both.
  for (const side of sides) await side.pull();
  for (let repeat = 0; repeat < PULL_REPEATS; repeat++) for (const side of sides) await side.pull();
  const [large, small] = sides.map((side) => side.result()) as [PullMeasure, PullMeasure];
  ctx.log(`P2 pull at ${total(ctx.sizes.large)}: ${large.ms.toFixed(1)} ms, ${large.readUnits} RCU (least ${large.leastReadUnits}); at ${total(ctx.sizes.small)}: ${small.ms.toFixed(1)} ms`);
  const params = {
    changed: ctx.sizes.changedItems,
    changedPerTable: large.perTable,
    changedBytes: large.bytes,
    pullCallsPerTable: large.callsPerTable,
    repeats: PULL_REPEATS,
    order: 'one untimed pull per size, then the sizes alternate; the median of each',
    timesMs: { large: large.times.map(Math.round), small: small.times.map(Math.round) },
  };
  const idle = await idlePullCost(ctx.clients, ctx.largePrefix);
  ctx.log(`P2 a desk's routine pull: ${idle.queries} Queries for the four tables (Resources ${idle.perTable.resources})`);
  return [
    {
      id: 'P2-desk-pull',
      what: "a desk's routine pull of the four tables when nothing changed: Queries made vs one per sync bucket",
      value: idle.queries,
      baseline: ENTITY_NAMES.length * SYNC_BUCKETS,
      goal: 1,
      unit: 'Queries',
      params: {
        queriesPerTable: idle.perTable,
        pullsPerDeskPerDay: DESK_PULLS_PER_DAY,
        // DynamoDB Local reports 0 RCU for a Query that reads nothing; DynamoDB charges each at least MIN_QUERY_RCU.
        rcuPerDeskPerDay: idle.queries * MIN_QUERY_RCU * DESK_PULLS_PER_DAY,
        resourcesRcuPerDeskPerDay: idle.perTable.resources * MIN_QUERY_RCU * DESK_PULLS_PER_DAY,
        note: 'one pull a minute over a 10-hour day; on demand, each such Query is half a read request unit',
      },
    },
    {
      id: 'P2-rcu',
      what: `delta pull of ${ctx.sizes.changedItems} changed items from ${total(ctx.sizes.large)}: consumed RCU vs least`,
      value: large.readUnits,
      baseline: large.leastReadUnits,
      goal: 2,
      unit: 'RCU',
      params: { ...params, items: total(ctx.sizes.large) },
    },
    {
      id: 'P2-growth',
      what: `delta pull time at ${total(ctx.sizes.large)} items vs at ${total(ctx.sizes.small)}`,
      value: large.ms,
      baseline: small.ms,
      goal: 1.5,
      unit: 'ms',
      params: { ...params, items: { large: total(ctx.sizes.large), small: total(ctx.sizes.small) } },
    },
  ];
}

/** DynamoDB's least charge for an eventually consistent Query (one read request unit on demand), even one that reads nothing. */
const MIN_QUERY_RCU = 0.5;
/** A desk open 10 hours a day, pulling at the sync client's 60 s interval. */
const DESK_PULLS_PER_DAY = 600;

/**
 * What a desk's routine pull asks of DynamoDB when the tables are quiet: every table from a checkpoint just past its
 * changes, without the overlap (a desk pulling a minute after a burst re-reads the burst's last 5 minutes: P2-rcu's cost).
 */
async function idlePullCost(clients: AwsClients, prefix: string): Promise<{ queries: number; perTable: Record<EntityName, number> }> {
  const checkpoint = await currentCheckpoint(clients, prefix);
  const perTable = {} as Record<EntityName, number>;
  let queries = 0;
  const counting: AwsClients = { ...clients, doc: { send: (command: Parameters<AwsClients['doc']['send']>[0]) => ((queries += command instanceof QueryCommand ? 1 : 0), clients.doc.send(command)) } as AwsClients['doc'] };
  for (const entity of ENTITY_NAMES) {
    const before = queries;
    const page = await pullChanges({ clients: counting, prefix, overlapMs: 0 }, { entity, checkpoint, limit: PULL_LIMIT });
    if (page.items.length > 0 || page.hasMore) throw new Error(`P2: a quiet ${entity} table returned ${page.items.length} items`);
    perTable[entity] = queries - before;
  }
  return { queries, perTable };
}

type PullMeasure = { ms: number; times: number[]; readUnits: number; leastReadUnits: number; bytes: number; perTable: Record<EntityName, number>; callsPerTable: number[] };

/** Changes the items after taking the checkpoint; each `pull()` then pulls every table from that checkpoint. */
async function prepareSide(clients: AwsClients, prefix: string, sizes: SampleSizes, changed: number) {
  const checkpoint = await currentCheckpoint(clients, prefix);
  const written = await changeItems(clients, prefix, sizes, changed);
  const bytes = written.reduce((sum, { item }) => sum + byteSize(item), 0);
  const times: number[] = [];
  let readUnits = 0;
  let callsPerTable: number[] = [];
  let warmedUp = false;
  return {
    async pull(): Promise<void> {
      const started = performance.now();
      const pulls = await Promise.all(ENTITY_NAMES.map((entity) => pullAll(clients, prefix, entity, checkpoint)));
      const ms = performance.now() - started;
      const got = pulls.reduce((sum, pull) => sum + pull.items, 0);
      if (got !== changed) throw new Error(`P2: the pull found ${got} items, ${changed} were changed`);
      if (warmedUp) times.push(ms);
      warmedUp = true;
      readUnits = pulls.reduce((sum, pull) => sum + pull.readUnits, 0);
      callsPerTable = pulls.map((pull) => pull.calls);
    },
    result(): PullMeasure {
      const perTable = Object.fromEntries(ENTITY_NAMES.map((entity) => [entity, written.filter((change) => change.entity === entity).length])) as Record<EntityName, number>;
      return { ms: median(times), times, readUnits, leastReadUnits: Math.ceil(bytes / 4096) * 0.5, bytes, perTable, callsPerTable };
    },
  };
}

async function pullAll(clients: AwsClients, prefix: string, entity: EntityName, from: Checkpoint) {
  let checkpoint: Checkpoint | null = from;
  let items = 0;
  let readUnits = 0;
  let calls = 0;
  for (;;) {
    const page = await pullChanges({ clients, prefix }, { entity, checkpoint, limit: PULL_LIMIT });
    items += page.items.length;
    readUnits += page.consumedReadUnits;
    calls += 1;
    checkpoint = page.checkpoint;
    if (!page.hasMore) return { items, readUnits, calls };
  }
}

/**
 * Changes `count` items spread over the four tables (the last items of each, away from those P3 edits)
 * through main's push, in fields search does not read (so P4's expected counts stay those of the
 * generated items); returns the items as written.
 */
async function changeItems(clients: AwsClients, prefix: string, sizes: SampleSizes, count: number): Promise<Array<{ entity: EntityName; item: ServerItem }>> {
  const mutations: Mutation[] = [];
  for (let n = 0; n < count; n++) {
    const entity = ENTITY_NAMES[n % ENTITY_NAMES.length] as EntityName;
    const i = sizes[entity] - 1 - Math.floor(n / ENTITY_NAMES.length);
    const base = entity === 'resources' ? sampleResource(i) : entity === 'users' ? sampleUser(i) : entity === 'bookings' ? sampleBooking(i, sizes.users) : sampleAsset(i, sizes.users);
    const key = entity === 'resources' ? resourceId(i) : entity === 'users' ? userId(i) : entity === 'bookings' ? bookingId(i) : assetId(i);
    const change =
      entity === 'resources'
        ? { op: 'set' as const, path: ['name'] as [string], value: `Renamed aircraft ${n}`, base: base.name }
        : entity === 'users'
        ? { op: 'set' as const, path: ['phoneNumber'] as [string], value: `+1 555 ${String(1_000_000 + n)}`, base: base.phoneNumber }
        : entity === 'bookings'
          ? { op: 'set' as const, path: ['details', 'duration'] as [string, string], value: 45, base: (base.details as Record<string, number>).duration }
          : { op: 'set' as const, path: ['fileName'] as [string], value: `changed-${n}.bin`, base: base.fileName };
    mutations.push({
      clientId: 'bench-pull',
      seq: n + 1,
      entity,
      key,
      kind: 'update',
      updatedBy: 'Bench Pull',
      expected: { version: Number(base.version), updatedAt: String(base.updatedAt) },
      changes: [change],
    });
  }
  const outcomes = await pushMutations({ clients, prefix }, mutations);
  return outcomes.map((outcome, n) => {
    if (outcome.status !== 'applied') throw new Error(`P2: change ${n} was ${outcome.status}`);
    return { entity: mutations[n]?.entity as EntityName, item: outcome.item };
  });
}
