import { isNewer, stampOf, type ItemPatch, type Mutation } from '@shared/sync';
import { applyPatch } from '@shared/sync/changes';
import { isValueMap, type DynamoValue } from '@shared/values';
import { createItem, LocalWriteError, updateItem, deleteItem } from '../db/local-writes';
import type { ConflictRecord, PilotForceDb } from '../db/schema';
import { dropFromOutbox } from '../db/view';
import { acceptedItemOf, acceptServerItems, serverCopyOf } from '../db/server-copy';

/** What the user (or a policy) chose for a conflict. */
export type Resolution =
  /** My values win: a new mutation on top of their version. */
  | { kind: 'mine' }
  /** Their version stands: my mutation is dropped; nothing needs writing, the server already holds it. */
  | { kind: 'theirs' }
  /** A value made from both (e.g. edited in the conflict dialog): a new mutation on top of their version. */
  | { kind: 'merged'; patch: ItemPatch };

/**
 * Decides conflicts as they come: the default leaves every one to the user (returns null). Tests and
 * policies swap it, e.g. "theirs for status, mine for notes".
 */
export type ConflictHandler = (conflict: ConflictRecord) => Promise<Resolution | null> | Resolution | null;

export const askTheUser: ConflictHandler = () => null;

/** My mutation's changes as a patch over the current view. */
function patchOf(mine: Mutation): ItemPatch {
  const patch: Record<string, ItemPatch[string]> = {};
  const set = (path: readonly string[], value: ItemPatch[string]) => {
    const [top, child] = path as [string, string | undefined];
    if (child === undefined) patch[top] = value;
    else patch[top] = { ...((patch[top] as Record<string, ItemPatch[string]> | undefined) ?? {}), [child]: value } as ItemPatch[string];
  };
  if (mine.kind === 'create') for (const [field, value] of Object.entries(mine.item)) set([field], value);
  if (mine.kind === 'update') for (const change of mine.changes) set(change.path, change.op === 'set' ? change.value : undefined);
  return patch as ItemPatch;
}

/**
 * My change with an amendment on top, as one patch (a clash's one-step choices: another aircraft, no
 * instructor, ...): a new item's fields whole, an edit's changes with the amendment's over them.
 */
export function amendedPatch(mine: Mutation, amendment: ItemPatch): ItemPatch {
  if (mine.kind === 'create') return applyPatch(mine.item, amendment) as ItemPatch;
  const patch: ItemPatch = { ...patchOf(mine) };
  for (const [field, value] of Object.entries(amendment)) {
    const current = patch[field];
    patch[field] = isValueMap(value as DynamoValue) && current !== undefined && isValueMap(current as DynamoValue) ? { ...(current as Record<string, DynamoValue | undefined>), ...(value as Record<string, DynamoValue | undefined>) } : value;
  }
  return patch;
}

/**
 * Resolves a conflict. The item's base becomes (at least) their version, my parked mutation leaves the
 * outbox, and "mine" or "merged" is written through the ordinary local write path: a new mutation
 * whose expected version is theirs, so the server writes it only over the version the user has seen.
 * When an even newer server version arrived since, the conflict is refreshed and `stale` is thrown:
 * the user must look again rather than overwrite a change they never saw.
 */
export async function resolveConflict(db: PilotForceDb, seq: number, resolution: Resolution, who: string): Promise<Mutation | null> {
  const conflict = await db.conflicts.get(seq);
  if (!conflict) throw new LocalWriteError('not_found', `No open conflict for mutation ${seq}`);
  const { entity, key } = conflict;
  const result = await db.transaction('rw', [db.items(entity), db.outbox, db.bases, db.conflicts, db.meta], async (): Promise<Mutation | null | 'stale'> => {
    const base = await serverCopyOf(db, entity, key);
    if (base && conflict.theirs && isNewer(stampOf(base), stampOf(conflict.theirs)) && resolution.kind !== 'theirs') {
      await db.conflicts.put({ ...conflict, theirs: base, theirsBy: typeof base.updatedBy === 'string' ? base.updatedBy : null, theirsAt: String(base.updatedAt ?? '') });
      return 'stale';
    }
    if (conflict.theirs) await acceptServerItems(db, entity, [acceptedItemOf(entity, key, conflict.theirs)]);
    await db.conflicts.delete(seq);
    await dropFromOutbox(db, entity, key, [seq]);
    if (resolution.kind === 'theirs') return null;
    const exists = (await db.items(entity).get(key)) !== undefined;
    if (conflict.mine.kind === 'delete' && resolution.kind === 'mine') return exists ? deleteItem(db, entity, key, who) : null;
    // A new item the server refused (a clash): made again, as chosen; the server still checks it.
    if (conflict.mine.kind === 'create' && !exists) return createItem(db, entity, resolution.kind === 'merged' ? resolution.patch : conflict.mine.item, who);
    if (!exists) throw new LocalWriteError('not_found', `${entity} ${key} is deleted on the server; an edit cannot bring it back`);
    return updateItem(db, entity, key, resolution.kind === 'merged' ? resolution.patch : patchOf(conflict.mine), who);
  });
  // Thrown after the transaction, which keeps the refreshed conflict.
  if (result === 'stale') throw new LocalWriteError('stale', `${entity} ${key} changed again on the server: look at the conflict again`);
  return result;
}

/** Drops a mutation the server rejected (it could never succeed as it is); the view shows the server's item again. */
export async function discardRejected(db: PilotForceDb, seq: number): Promise<void> {
  const entry = await db.outbox.get(seq);
  if (!entry || entry.state !== 'parked-rejected') throw new LocalWriteError('not_found', `No rejected mutation ${seq}`);
  await db.transaction('rw', [db.items(entry.entity), db.outbox, db.bases], async () => {
    await dropFromOutbox(db, entry.entity, entry.key, [seq]);
  });
}
