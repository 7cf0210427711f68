import type { EventSink, Handlers } from '@shared/api/contract';
import { ApiFailure } from '@shared/api/result';
import type { SYNC_CALLS } from '@shared/api/sync';
import type { Mutation } from '@shared/sync/protocol';
import { type IdentityResolver, stampWriter } from '../aws/caller-identity';
import type { AwsClients } from '../aws/clients';
import { classifyRequestFailure } from './aws-errors';
import { scanPage } from './initial-scan';
import { currentCheckpoint, pullChanges } from './pull';
import { type PushOptions, pushMutations } from './push';
import { reconcile } from './reconcile';

export type SyncHandlerDependencies = {
  clients: AwsClients;
  prefix: string;
  events: EventSink;
  overlapMs?: number;
  tombstoneRetentionMs?: number;
  /** On AWS: who the credentials belong to, named in every pushed write's `updatedBy`. Absent locally. */
  callerIdentity?: IdentityResolver;
  /** Main's log, for the cause of a mutation's unexpected failure. */
  log?: PushOptions['log'];
};

export type SyncHandlers = Pick<Handlers, keyof typeof SYNC_CALLS>;

/** The `sync.*` calls of the typed API (inputs arrive validated by the dispatcher). */
export function createSyncHandlers({ clients, prefix, events, overlapMs, tombstoneRetentionMs, callerIdentity, log }: SyncHandlerDependencies): SyncHandlers {
  const tuning = { ...(overlapMs !== undefined ? { overlapMs } : {}), ...(tombstoneRetentionMs !== undefined ? { tombstoneRetentionMs } : {}) };
  return {
    'sync.push': async ({ mutations }) => {
      const stamped = await stampCaller(mutations, callerIdentity);
      if (!stamped) {
        // Without knowing who is calling, nothing is written under a name the renderer chose alone.
        return { outcomes: mutations.map((mutation) => ({ seq: mutation.seq, status: 'retry' as const, reason: 'AWS has not said who is signed in yet', retryAfterMs: 5_000 })) };
      }
      const outcomes = await pushMutations({ clients, prefix, ...tuning, ...(log ? { log } : {}) }, stamped);
      const changed = new Set(
        mutations.filter((_, i) => outcomes[i]?.status === 'applied' || outcomes[i]?.status === 'merged').map((mutation) => mutation.entity),
      );
      // Other windows (and this one's other tabs) pull what this push wrote.
      for (const entity of changed) events.emit('sync.poke', { reason: 'push', entity });
      return { outcomes };
    },
    'sync.pull': (input) => offlineAsUnavailable(() => pullChanges({ clients, prefix, ...tuning }, input)),
    // Every table's checkpoint is the server's "now"; the request names the entity to stay explicit.
    'sync.checkpoint': () => offlineAsUnavailable(async () => ({ checkpoint: await currentCheckpoint(clients, prefix) })),
    'sync.scan': (input) => offlineAsUnavailable(() => scanPage({ clients, prefix }, input)),
    'sync.reconcile': (input) => offlineAsUnavailable(() => reconcile({ clients, prefix }, input)),
  };
}

/**
 * A read that failed for a transient reason (network, throttling, 5xx) is `unavailable`, which the renderer
 * shows as offline and retries; the reason names only the HTTP status and the AWS error name. Anything else
 * stays an internal error, logged in main.
 */
async function offlineAsUnavailable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    const failure = classifyRequestFailure(error);
    if (failure.kind === 'transient') throw new ApiFailure('unavailable', `The server cannot be reached now: ${failure.reason}.`);
    throw error;
  }
}

/** Main, not the renderer, names the caller: each mutation's `updatedBy` gets the caller's ARN (undefined: STS did not answer). */
async function stampCaller(mutations: Mutation[], callerIdentity: IdentityResolver | undefined): Promise<Mutation[] | undefined> {
  if (!callerIdentity) return mutations;
  try {
    const identity = await callerIdentity();
    return mutations.map((mutation) => ({ ...mutation, updatedBy: stampWriter(mutation.updatedBy, identity) }));
  } catch {
    return undefined;
  }
}
