import PQueue from 'p-queue';
import { ENTITY_NAMES } from '@shared/models';
import { groupByItem, itemKey, retargetAfterWrite, stampOf, type ExpectedVersion, type Mutation, type PushOutcome, type ServerItem } from '@shared/sync';
import type { ApiClient } from '@shared/api/contract';
import { backoffDelay, type Backoff } from '@shared/backoff';
import type { ConflictRecord, OutboxEntry, PilotForceDb } from '../db/schema';
import { acceptedItemOf, acceptServerItems, serverCopyOf } from '../db/server-copy';
import { activeOutbox, entriesOf, isActive, materialize } from '../db/view';
import { call, SyncCallError } from './call';

export type PushConfig = {
  /** Most mutations per push call (an item's mutations always go in the same call). */
  batchSize: number;
  /** Push calls at once: while one call's outcomes are settled locally, the others are being written. */
  callsInFlight: number;
  /** Most mutations one push takes from the outbox (split into calls of `batchSize`). */
  maxPerPush: number;
  /** Before an entry's next attempt (its attempts count from 1). */
  backoff: Backoff;
  random: () => number;
  now: () => number;
};

export const DEFAULT_PUSH_CONFIG: PushConfig = { batchSize: 100, callsInFlight: 2, maxPerPush: 1000, backoff: { baseMs: 1000, maxMs: 5 * 60_000 }, random: Math.random, now: Date.now };

export type PushReport = {
  sent: number;
  acknowledged: number;
  conflicts: ConflictRecord[];
  rejected: number;
  retried: number;
  /** Set when the call itself failed; the batch stays queued with a backoff. */
  failure: SyncCallError | null;
  /** Earliest local time an entry in backoff may be retried (null: none waiting). */
  nextRetryAt: number | null;
};

/**
 * The next batch: every active mutation in sequence order, so each item's mutations reach the server
 * in order (main writes them one after another and answers `blocked` for those behind one that did
 * not apply) and different items side by side. An item whose oldest mutation is in backoff waits whole;
 * parked mutations are not in the queue at all, so they never block it.
 */
async function nextBatch(db: PilotForceDb, config: PushConfig): Promise<{ batch: OutboxEntry[]; nextRetryAt: number | null }> {
  const now = config.now();
  const active = (await activeOutbox(db).toArray()).sort((a, b) => a.seq - b.seq);
  const waiting = new Set<string>();
  const seen = new Set<string>();
  const batch: OutboxEntry[] = [];
  let nextRetryAt: number | null = null;
  for (const entry of active) {
    const id = itemKey(entry);
    if (!seen.has(id) && entry.notBefore > now) {
      waiting.add(id);
      nextRetryAt = Math.min(nextRetryAt ?? Infinity, entry.notBefore);
    }
    seen.add(id);
    if (!waiting.has(id) && batch.length < config.maxPerPush) batch.push(entry);
  }
  return { batch, nextRetryAt };
}

/**
 * After a mutation was written exactly on the version it expected, the user's later edits of the item
 * made on that version move to the written one (retargetAfterWrite). After a merge the server also holds
 * changes the user has not seen, so later mutations keep their old version and the server judges them
 * field by field.
 */
async function retargetFollowing(db: PilotForceDb, entry: OutboxEntry, written: ExpectedVersion): Promise<void> {
  const following = (await entriesOf(db, entry.entity, entry.key)).filter((next) => next.seq > entry.seq && isActive(next));
  for (const next of following) {
    const mutation = retargetAfterWrite(entry.mutation, written, next.mutation);
    if (mutation !== next.mutation) await db.outbox.put({ ...next, mutation });
  }
}

async function settle(db: PilotForceDb, entry: OutboxEntry, outcome: PushOutcome | undefined, config: PushConfig, report: PushReport): Promise<void> {
  const retryLater = async (reason: string, atLeastMs = 0) => {
    report.retried += 1;
    const delay = Math.max(atLeastMs, backoffDelay(entry.attempts - 1, config.backoff, config.random));
    await db.outbox.put({ ...entry, state: 'pending', lastError: reason, notBefore: config.now() + delay });
  };
  if (!outcome) return retryLater('no outcome for this mutation');
  switch (outcome.status) {
    case 'applied':
    case 'merged': {
      report.acknowledged += 1;
      await db.outbox.delete(entry.seq);
      await acceptServerItem(db, entry, outcome.item);
      if (outcome.status === 'applied' && !outcome.alreadyApplied) {
        const { version, updatedAt } = stampOf(outcome.item);
        await retargetFollowing(db, entry, { version, updatedAt });
      }
      break;
    }
    case 'conflict': {
      const base = await serverCopyOf(db, entry.entity, entry.key);
      if (outcome.server) await acceptServerItem(db, entry, outcome.server);
      const conflict: ConflictRecord = {
        seq: entry.seq,
        entity: entry.entity,
        key: entry.key,
        reason: outcome.reason,
        paths: outcome.paths,
        mine: entry.mutation,
        theirs: outcome.server,
        ...(outcome.clashes ? { clashes: outcome.clashes } : {}),
        base,
        theirsBy: typeof outcome.server?.updatedBy === 'string' ? outcome.server.updatedBy : null,
        theirsAt: typeof outcome.server?.updatedAt === 'string' ? outcome.server.updatedAt : null,
        detectedAt: new Date(config.now()).toISOString(),
      };
      await db.conflicts.put(conflict);
      await db.outbox.put({ ...entry, state: 'parked-conflict', lastError: `conflict: ${outcome.reason}` });
      report.conflicts.push(conflict);
      break;
    }
    case 'rejected':
      report.rejected += 1;
      await db.outbox.put({ ...entry, state: 'parked-rejected', lastError: outcome.reason });
      break;
    case 'retry':
      await retryLater(outcome.reason, outcome.retryAfterMs);
      break;
    case 'blocked':
      // Not attempted at all: it goes again with the next push, in order.
      await db.outbox.put({ ...entry, state: 'pending', attempts: Math.max(0, entry.attempts - 1) });
      break;
  }
  await materialize(db, entry.entity, entry.key);
}

/**
 * The usual outcome in bulk: an applied or merged mutation that is its item's only outbox entry. The entries
 * leave the outbox and the written items are accepted as server copies (`acceptServerItems`), as `settle`
 * would make them, in a few bulk requests for the whole call instead of a round of requests per mutation
 * (each one a round trip to IndexedDB). An item the server copy had already moved past shows that copy.
 * Returns the entries left for `settle`, in order.
 */
async function settleLoneAcknowledged(db: PilotForceDb, stored: readonly OutboxEntry[], bySeq: ReadonlyMap<number, PushOutcome>, report: PushReport): Promise<OutboxEntry[]> {
  const entriesPerItem = new Map<string, number>();
  for (const entry of await db.outbox.where('[entity+key]').anyOf(stored.map((entry) => [entry.entity, entry.key])).toArray()) {
    entriesPerItem.set(itemKey(entry), (entriesPerItem.get(itemKey(entry)) ?? 0) + 1);
  }
  const lone: Array<{ entry: OutboxEntry; item: ServerItem }> = [];
  const rest: OutboxEntry[] = [];
  for (const entry of stored) {
    const outcome = bySeq.get(entry.seq);
    const written = outcome?.status === 'applied' || outcome?.status === 'merged' ? outcome.item : null;
    if (written && entriesPerItem.get(itemKey(entry)) === 1) lone.push({ entry, item: written });
    else rest.push(entry);
  }
  if (lone.length === 0) return rest;
  await db.outbox.bulkDelete(lone.map(({ entry }) => entry.seq));
  const nowMs = Date.now();
  for (const entity of ENTITY_NAMES) {
    const ofEntity = lone.filter(({ entry }) => entry.entity === entity);
    const changed = new Set(await acceptServerItems(db, entity, ofEntity.map(({ entry, item }) => acceptedItemOf(entity, entry.key, item)), nowMs));
    for (const { entry } of ofEntity) if (!changed.has(entry.key)) await materialize(db, entity, entry.key, nowMs);
  }
  report.acknowledged += lone.length;
  return rest;
}

async function acceptServerItem(db: PilotForceDb, entry: OutboxEntry, item: ServerItem): Promise<void> {
  await acceptServerItems(db, entry.entity, [acceptedItemOf(entry.entity, entry.key, item)]);
}

/**
 * The batch split into calls of about `batchSize`, each item's mutations whole (in order) in one call,
 * so calls never depend on each other and may run side by side.
 */
function splitIntoCalls(batch: readonly OutboxEntry[], batchSize: number): OutboxEntry[][] {
  const calls: OutboxEntry[][] = [];
  let current: OutboxEntry[] = [];
  for (const group of groupByItem(batch)) {
    if (current.length > 0 && current.length + group.length > batchSize) {
      calls.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

/**
 * One push: the next batch goes out in calls of different items, a few at a time, and each call's
 * outcomes are settled in one transaction with the items' views as soon as it answers. A failed call
 * leaves its mutations queued with a backoff; nothing is lost or reordered.
 */
export async function pushOnce(db: PilotForceDb, api: ApiClient, config: PushConfig = DEFAULT_PUSH_CONFIG): Promise<PushReport> {
  const { batch, nextRetryAt } = await nextBatch(db, config);
  const report: PushReport = { sent: batch.length, acknowledged: 0, conflicts: [], rejected: 0, retried: 0, failure: null, nextRetryAt };
  if (batch.length === 0) return report;
  const sending = batch.map((entry) => ({ ...entry, state: 'in-flight' as const, attempts: entry.attempts + 1 }));
  await db.outbox.bulkPut(sending);
  const calls = new PQueue({ concurrency: config.callsInFlight });
  await Promise.all(splitIntoCalls(sending, config.batchSize).map((entries) => calls.add(() => pushCall(db, api, entries, config, report))));
  const after = await nextBatch(db, config);
  report.nextRetryAt = after.nextRetryAt;
  return report;
}

async function pushCall(db: PilotForceDb, api: ApiClient, sending: readonly OutboxEntry[], config: PushConfig, report: PushReport): Promise<void> {
  const scope = [...ENTITY_NAMES.map((entity) => db.items(entity)), db.outbox, db.bases, db.conflicts];
  try {
    const { outcomes } = await call(api, 'sync.push', { mutations: sending.map((entry) => entry.mutation as Mutation) });
    const bySeq = new Map(outcomes.map((outcome) => [outcome.seq, outcome]));
    await db.transaction('rw', scope, async () => {
      const stored = (await db.outbox.bulkGet(sending.map((entry) => entry.seq))).filter((entry) => entry !== undefined);
      for (const entry of await settleLoneAcknowledged(db, stored, bySeq, report)) {
        // The entry may have been retargeted meanwhile by its predecessor; settle the stored copy.
        const current = await db.outbox.get(entry.seq);
        if (current) await settle(db, current, bySeq.get(entry.seq), config, report);
      }
    });
  } catch (error) {
    if (!(error instanceof SyncCallError)) throw error;
    report.failure ??= error;
    await db.transaction('rw', db.outbox, async () => {
      for (const entry of sending) {
        const delay = backoffDelay(entry.attempts - 1, config.backoff, config.random);
        await db.outbox.update(entry.seq, { state: 'pending', lastError: error.message, notBefore: config.now() + delay });
      }
    });
  }
}
