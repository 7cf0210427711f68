import { valuesEqual } from '../values';
import { valueAt } from './changes';
import type { ConflictReason, FieldChange, FieldPath, Mutation, ServerItem } from './protocol';
import { appliedSeqOf, isAtVersion } from './versions';

/** What a failed conditional write means, judged against the item as it is now. */
export type Classification =
  /** This client's sequence is already on the item: the write landed before (a lost response). */
  | { kind: 'alreadyApplied' }
  /** Nothing this mutation touches changed elsewhere: write it again on top of the current version. */
  | { kind: 'merge' }
  /** A delete whose item is already a tombstone: the intent holds, nothing to write. */
  | { kind: 'alreadyDeleted' }
  | { kind: 'conflict'; reason: ConflictReason; paths: FieldPath[] };

/**
 * Three-way check of each change: the server's value conflicts when it differs from the base the
 * client saw AND from the client's own new value (both sides changed the field, differently).
 */
export function conflictingPaths(changes: readonly FieldChange[], current: ServerItem | null): FieldPath[] {
  return changes
    .filter((change) => {
      const server = valueAt(current, change.path);
      const mine = change.op === 'set' ? change.value : undefined;
      return !valuesEqual(server, change.base) && !valuesEqual(server, mine);
    })
    .map((change) => change.path);
}

export function classifyFailedWrite(mutation: Mutation, current: ServerItem | null): Classification {
  if (current && appliedSeqOf(current, mutation.clientId) >= mutation.seq) return { kind: 'alreadyApplied' };
  switch (mutation.kind) {
    case 'create':
      return current ? { kind: 'conflict', reason: 'exists', paths: [] } : { kind: 'merge' };
    case 'update': {
      if (!current) return { kind: 'conflict', reason: 'missing', paths: [] };
      if (current.deleted === true) return { kind: 'conflict', reason: 'deleted', paths: [] };
      const paths = conflictingPaths(mutation.changes, current);
      return paths.length > 0 ? { kind: 'conflict', reason: 'fields', paths } : { kind: 'merge' };
    }
    case 'delete':
      if (!current) return { kind: 'conflict', reason: 'missing', paths: [] };
      if (current.deleted === true) return { kind: 'alreadyDeleted' };
      // Deleting over a change the user has not seen would lose that change silently.
      return isAtVersion(current, mutation.expected) ? { kind: 'merge' } : { kind: 'conflict', reason: 'changed', paths: [] };
  }
}
