import { GetCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { entryForMutation, type HistoryEntry } from '@shared/history/entry';
import PQueue from 'p-queue';
import { classifyFailedWrite } from '@shared/sync/classify';
import { groupByItem } from '@shared/sync/item-key';
import type { ExpectedVersion, Mutation, PushOutcome, ServerItem } from '@shared/sync/protocol';
import { isAtVersion, retargetAfterWrite, stampOf } from '@shared/sync/versions';
import { keyAttribute, tableName } from '@shared/tables';
import { type AwsClients, fromSdkItem } from '../aws/clients';
import { classifyRequestFailure } from './aws-errors';
import { calibrateClock, nextUpdatedAt } from './write-time';
import { buildTombstone, buildVersionedUpdate, tombstoneExpiresAt } from './conditional-write';
import { writeWithHistory } from '../history/record';
import { rejectionReason } from './validate-mutation';
import { dayConditionFailed, InvalidResourceDayError } from '../slots/days';
import { movesSlots, planBookingSlots } from '../slots/plan';

export type PushOptions = {
  clients: AwsClients;
  prefix: string;
  /** Items written at the same time (each item's mutations stay in order). */
  concurrency?: number;
  /** Re-writes on top of concurrent changes before giving up with a `retry`. */
  maxMergeAttempts?: number;
  tombstoneRetentionMs?: number;
  /** Where the cause of a mutation's unexpected failure goes (main's log); the renderer gets a safe reason. */
  log?: (message: string, details: Record<string, unknown>) => void;
};

/** The outcome of a mutation whose check or write failed in a way nothing classifies (a bug): parked and shown, never retried blindly. */
export const UNEXPECTED_FAILURE_REASON = 'the app failed while checking this change; the details are in its log';

/**
 * Pushes a batch (electron/main/sync/README.md, "Writes"): different items in parallel, each item's
 * mutations strictly in order; after one of them does not apply, the item's later mutations come back
 * `blocked`, so the client keeps them queued in order while every other item goes on.
 * Returns one outcome per mutation, in the request's order.
 */
export async function pushMutations(options: PushOptions, mutations: readonly Mutation[]): Promise<PushOutcome[]> {
  try {
    await calibrateClock(options.clients, options.prefix);
  } catch (error) {
    // No answer from DynamoDB yet, so no trustworthy time to stamp: nothing is attempted, all is retried.
    const failure = classifyRequestFailure(error);
    const retryAfterMs = failure.kind === 'transient' ? failure.retryAfterMs : 2000;
    const reason = failure.kind === 'condition' ? 'DynamoDB is unavailable' : failure.reason;
    return mutations.map((mutation) => ({ seq: mutation.seq, status: 'retry', reason, retryAfterMs }));
  }
  const outcomes = new Map<Mutation, PushOutcome>();
  const queue = new PQueue({ concurrency: options.concurrency ?? 32 });
  // Awaited, not left to the queue: an unexpected throw rejects this call (its caller answers with an error)
  // instead of becoming an unhandled rejection that ends main.
  const groups = groupByItem(mutations).map((group) =>
    queue.add(async () => {
      let previous: { mutation: Mutation; outcome: PushOutcome } | null = null;
      for (const mutation of group) {
        if (previous && previous.outcome.status !== 'applied' && previous.outcome.status !== 'merged') {
          outcomes.set(mutation, { seq: mutation.seq, status: 'blocked', after: blockingSeq(previous) });
          previous = { mutation, outcome: outcomes.get(mutation) as PushOutcome };
          continue;
        }
        const next: Mutation = previous ? chainExpected(previous, mutation) : mutation;
        // A throw here would reject a task nobody else awaits: it becomes this mutation's outcome instead.
        const outcome: PushOutcome = await pushOne(options, next).catch((error: unknown) => unexpectedOutcome(options, mutation, error));
        outcomes.set(mutation, outcome);
        previous = { mutation, outcome }; // as the client made it: later mutations name its expected version
      }
    }),
  );
  // Every group finishes before the call answers, even when one of them failed.
  const failed = (await Promise.allSettled(groups)).find((group) => group.status === 'rejected');
  if (failed) throw failed.reason;
  return mutations.map((mutation) => outcomes.get(mutation) as PushOutcome);
}

function unexpectedOutcome(options: PushOptions, mutation: Mutation, error: unknown): PushOutcome {
  options.log?.('push: a mutation failed unexpectedly', { entity: mutation.entity, key: mutation.key, seq: mutation.seq, error });
  return { seq: mutation.seq, status: 'rejected', reason: UNEXPECTED_FAILURE_REASON };
}

function blockingSeq(previous: { mutation: Mutation; outcome: PushOutcome }): number {
  return previous.outcome.status === 'blocked' ? previous.outcome.after : previous.mutation.seq;
}

/**
 * Once the previous mutation is written by this push exactly on its expected version (and by nobody
 * else in between), those made on the same version expect that write's result. Never after a merge or
 * an earlier write: there the three-way check against its base must run.
 */
function chainExpected(previous: { mutation: Mutation; outcome: PushOutcome }, mutation: Mutation): Mutation {
  const { outcome } = previous;
  if (outcome.status !== 'applied' || outcome.alreadyApplied) return mutation;
  const { version, updatedAt } = stampOf(outcome.item);
  return retargetAfterWrite(previous.mutation, { version, updatedAt }, mutation);
}

async function pushOne(options: PushOptions, mutation: Mutation): Promise<PushOutcome> {
  const { clients } = options;
  const rejection = rejectionReason(mutation, clients.clock.nowIso());
  if (rejection) return { seq: mutation.seq, status: 'rejected', reason: rejection };
  const maxAttempts = options.maxMergeAttempts ?? 5;
  const original: ExpectedVersion | 'new' = mutation.kind === 'create' ? 'new' : mutation.expected;
  try {
    if (mutation.kind === 'delete' || (mutation.kind === 'update' && movesSlots(mutation))) {
      // A tombstone removes every attribute the item holds, and a booking's slots follow from its whole item: both need the item itself.
      const read = await readItem(options, mutation);
      if (!read || !isAtVersion(read, mutation.expected)) return await settle(options, mutation, read, original, maxAttempts);
      return await writeLoop(options, mutation, original, original, read, maxAttempts);
    }
    return await writeLoop(options, mutation, original, original, undefined, maxAttempts);
  } catch (error) {
    // Kept and retried, never written over: the days are rebuilt from the bookings (npm run db:reconcile-slots).
    if (error instanceof InvalidResourceDayError) return { seq: mutation.seq, status: 'retry', reason: error.message, retryAfterMs: 60_000 };
    return failureOutcome(mutation, error);
  }
}

/**
 * Writes, and on a failed condition judges the current item: already applied, a conflict, or a
 * merge, which writes again conditioned on the current version (a bounded number of times).
 */
async function writeLoop(
  options: PushOptions,
  mutation: Mutation,
  original: ExpectedVersion | 'new',
  start: ExpectedVersion | 'new',
  startCurrent: ServerItem | undefined,
  attemptsLeft: number,
): Promise<PushOutcome> {
  let expected = start;
  let current = startCurrent;
  for (let attempt = 0; attempt < attemptsLeft; attempt++) {
    // A booking's resource days go in the same transaction, conditioned on the versions read (README.md, "No double booking").
    const slots = movesSlots(mutation) ? await planBookingSlots(options.clients, options.prefix, mutation, current ?? null) : null;
    if (slots && slots.clashes.length > 0) return { seq: mutation.seq, status: 'conflict', reason: 'clash', server: current ?? null, paths: [], clashes: slots.clashes };
    const { update, entry } = buildCommand(options, mutation, expected, current);
    try {
      const written = await writeWithHistory(options.clients, options.prefix, update, entry, slots?.writes);
      const { item } = written;
      const onTopOfOthers = original !== 'new' && expected !== 'new' && (expected.version !== original.version || expected.updatedAt !== original.updatedAt);
      // Read back after someone else's write: the client takes that later item as it takes a merge's, and chains nothing onto it.
      return onTopOfOthers || !written.exact
        ? { seq: mutation.seq, status: 'merged', item }
        : { seq: mutation.seq, status: 'applied', item, alreadyApplied: false };
    } catch (error) {
      if (dayConditionFailed(error)) continue; // another desk moved a slot of these days meanwhile: read them again
      const failure = classifyRequestFailure(error);
      if (failure.kind !== 'condition') return failureOutcome(mutation, error);
      const verdict = classifyFailedWrite(mutation, failure.item);
      if (verdict.kind !== 'merge' || !failure.item) return verdictOutcome(mutation, verdict, failure.item);
      current = failure.item;
      const stamp = stampOf(current);
      expected = { version: stamp.version, updatedAt: stamp.updatedAt };
    }
  }
  return { seq: mutation.seq, status: 'retry', reason: 'the item kept changing while it was written', retryAfterMs: 250 };
}

/** The outcome for a failed condition found before writing (a delete's read). */
async function settle(
  options: PushOptions,
  mutation: Mutation,
  current: ServerItem | null,
  original: ExpectedVersion | 'new',
  attempts: number,
): Promise<PushOutcome> {
  const verdict = classifyFailedWrite(mutation, current);
  if (verdict.kind !== 'merge' || !current) return verdictOutcome(mutation, verdict, current);
  const stamp = stampOf(current);
  return writeLoop(options, mutation, original, { version: stamp.version, updatedAt: stamp.updatedAt }, current, attempts);
}

function verdictOutcome(mutation: Mutation, verdict: ReturnType<typeof classifyFailedWrite>, current: ServerItem | null): PushOutcome {
  switch (verdict.kind) {
    case 'alreadyApplied':
      return { seq: mutation.seq, status: 'applied', item: current ?? {}, alreadyApplied: true };
    case 'alreadyDeleted':
      return { seq: mutation.seq, status: 'merged', item: current ?? {} };
    case 'conflict':
      return { seq: mutation.seq, status: 'conflict', reason: verdict.reason, server: current, paths: verdict.paths };
    case 'merge':
      return { seq: mutation.seq, status: 'conflict', reason: 'missing', server: null, paths: [] };
  }
}

function failureOutcome(mutation: Mutation, error: unknown): PushOutcome {
  const failure = classifyRequestFailure(error);
  switch (failure.kind) {
    case 'invalid':
      return { seq: mutation.seq, status: 'rejected', reason: failure.reason };
    case 'transient':
      return { seq: mutation.seq, status: 'retry', reason: failure.reason, retryAfterMs: failure.retryAfterMs };
    case 'condition':
      return { seq: mutation.seq, status: 'retry', reason: 'the item changed while it was read', retryAfterMs: 0 };
  }
}

async function readItem({ clients, prefix }: PushOptions, mutation: Mutation): Promise<ServerItem | null> {
  const result = await clients.doc.send(
    new GetCommand({ TableName: tableName(mutation.entity, prefix), Key: { [keyAttribute(mutation.entity)]: mutation.key }, ConsistentRead: true }),
  );
  return result.Item ? fromSdkItem(result.Item) : null;
}

/** The write of a mutation on `expected`, and its history entry (the same stamps). */
function buildCommand(
  options: PushOptions,
  mutation: Mutation,
  expected: ExpectedVersion | 'new',
  current: ServerItem | undefined,
): { update: UpdateCommandInput; entry: HistoryEntry } {
  const previousUpdatedAt = expected === 'new' ? undefined : expected.updatedAt;
  const header = {
    entity: mutation.entity,
    prefix: options.prefix,
    key: mutation.key,
    updatedAt: nextUpdatedAt(options.clients, previousUpdatedAt),
    updatedBy: mutation.updatedBy,
    clientSeq: { clientId: mutation.clientId, seq: mutation.seq },
    ...(current ? { current } : {}),
  };
  // An item never adopted (no version, or 0) becomes version 1, like a new one.
  const stamps = { version: expected === 'new' ? 1 : expected.version + 1, updatedAt: header.updatedAt, updatedBy: mutation.updatedBy };
  const nowMs = options.clients.clock.now().getTime();
  const expiresAt = mutation.kind === 'delete' ? tombstoneExpiresAt(nowMs, options.tombstoneRetentionMs) : undefined;
  return { update: buildUpdate(options, mutation, expected, header, nowMs), entry: entryForMutation(mutation, stamps, 'desk', current, expiresAt) };
}

function buildUpdate(
  options: PushOptions,
  mutation: Mutation,
  expected: ExpectedVersion | 'new',
  header: Omit<Parameters<typeof buildVersionedUpdate>[0], 'expected' | 'changes'>,
  nowMs: number,
): UpdateCommandInput {
  const { current } = header;
  switch (mutation.kind) {
    case 'create':
      return buildVersionedUpdate({
        ...header,
        expected: 'new',
        changes: Object.entries(mutation.item)
          .filter(([name]) => name !== keyAttribute(mutation.entity))
          .map(([name, value]) => ({ op: 'set', path: [name], value })),
      });
    case 'update':
      return buildVersionedUpdate({ ...header, expected, changes: mutation.changes });
    case 'delete': {
      if (!current || expected === 'new') throw new Error('a tombstone is built from the item it replaces');
      return buildTombstone({
        ...header,
        expected,
        current,
        nowMs,
        ...(options.tombstoneRetentionMs ? { retentionMs: options.tombstoneRetentionMs } : {}),
      });
    }
  }
}
