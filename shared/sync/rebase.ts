import { applyChanges } from './changes';
import { classifyFailedWrite } from './classify';
import type { ConflictReason, FieldPath, Mutation, ServerItem } from './protocol';
import { appliedSeqOf } from './versions';

export type PredictedConflict = { seq: number; reason: ConflictReason; paths: FieldPath[] };

export type Rebased = {
  /** What the screen shows: the server's item with the pending mutations on top (null: no item). */
  item: ServerItem | null;
  /** Mutations still to push, in order (those the server already holds are dropped). */
  pending: Mutation[];
  /** Sequences the server item already records: acknowledged, remove them from the outbox. */
  acknowledged: number[];
  /** Pending mutations that will conflict when pushed, so the screen can say so before the push. */
  predictedConflicts: PredictedConflict[];
};

/**
 * Rebase of pending local mutations on a newly pulled server item (docs/architecture.md, "Rebase on pull").
 * The mutations keep their own base values and expected version: the server judges them against
 * what the user actually saw, so a concurrent change is never overwritten unseen.
 */
export function rebasePending(server: ServerItem | null, mutations: readonly Mutation[]): Rebased {
  let item = server;
  const pending: Mutation[] = [];
  const acknowledged: number[] = [];
  const predictedConflicts: PredictedConflict[] = [];
  for (const mutation of mutations) {
    if (server && appliedSeqOf(server, mutation.clientId) >= mutation.seq) {
      acknowledged.push(mutation.seq);
      continue;
    }
    pending.push(mutation);
    // Judged against the view with this client's earlier pending mutations applied, as the server
    // will be when this one is pushed; those earlier writes also move the version, so a delete's
    // version check only predicts a conflict for the first pending mutation.
    const verdict = classifyFailedWrite(mutation, item);
    const versionMovedByOwnWrites = pending.length > 1 && verdict.kind === 'conflict' && verdict.reason === 'changed';
    if (verdict.kind === 'conflict' && !versionMovedByOwnWrites) {
      predictedConflicts.push({ seq: mutation.seq, reason: verdict.reason, paths: verdict.paths });
    }
    item = applyLocally(item, mutation);
  }
  return { item, pending, acknowledged, predictedConflicts };
}

/** One mutation on the local view; an edit of a missing or deleted item leaves it as it is. */
export function applyLocally(item: ServerItem | null, mutation: Mutation): ServerItem | null {
  switch (mutation.kind) {
    case 'create':
      return item ?? { ...mutation.item };
    case 'update':
      return item && item.deleted !== true ? applyChanges(item, mutation.changes) : item;
    case 'delete':
      return item ? { ...item, deleted: true } : item;
  }
}
