import type { EventSink, Handlers } from '../../../shared/api/contract';
import type { SYNC_CALLS } from '../../../shared/api/sync';
import type { AwsClients } from '../aws/clients';
import { scanPage } from './initial-scan';
import { currentCheckpoint, pullChanges } from './pull';
import { pushMutations } from './push';
import { reconcile } from './reconcile';

export type SyncHandlerDependencies = {
  clients: AwsClients;
  prefix: string;
  events: EventSink;
  overlapMs?: number;
  tombstoneRetentionMs?: number;
};

export type SyncHandlers = Pick<Handlers, keyof typeof SYNC_CALLS>;

/** The `sync.*` calls of the typed API (inputs arrive validated by the dispatcher). */
export function createSyncHandlers({ clients, prefix, events, overlapMs, tombstoneRetentionMs }: SyncHandlerDependencies): SyncHandlers {
  const tuning = { ...(overlapMs !== undefined ? { overlapMs } : {}), ...(tombstoneRetentionMs !== undefined ? { tombstoneRetentionMs } : {}) };
  return {
    'sync.push': async ({ mutations }) => {
      const outcomes = await pushMutations({ clients, prefix, ...tuning }, mutations);
      const changed = new Set(
        mutations.filter((_, i) => outcomes[i]?.status === 'applied' || outcomes[i]?.status === 'merged').map((mutation) => mutation.entity),
      );
      // Other windows (and this one's other tabs) pull what this push wrote.
      for (const entity of changed) events.emit('sync.poke', { reason: 'push', entity });
      return { outcomes };
    },
    'sync.pull': (input) => pullChanges({ clients, prefix, ...tuning }, input),
    // Every table's checkpoint is the server's "now"; the request names the entity to stay explicit.
    'sync.checkpoint': async () => ({ checkpoint: await currentCheckpoint(clients, prefix) }),
    'sync.scan': (input) => scanPage({ clients, prefix }, input),
    'sync.reconcile': (input) => reconcile({ clients, prefix }, input),
  };
}
