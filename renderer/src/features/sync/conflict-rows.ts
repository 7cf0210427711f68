import type { FieldPath, Mutation, ServerItem } from '@shared/sync';
import type { DynamoValue } from '@shared/values';
import type { ConflictRecord } from '@renderer/db';

/** One field of a conflict: its value at the base, mine, and theirs; `conflicting` when both sides changed it differently. */
export type ConflictRow = { path: FieldPath; base: DynamoValue | undefined; mine: DynamoValue | undefined; theirs: DynamoValue | undefined; conflicting: boolean };

function valueAt(item: ServerItem | null, path: FieldPath): DynamoValue | undefined {
  const [top, child] = path;
  const value = item?.[top];
  if (child === undefined) return value;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, DynamoValue>)[child] : undefined;
}

/** What my mutation set, field by field (a create sets every field, a delete none). */
function myChanges(mine: Mutation): Array<{ path: FieldPath; value: DynamoValue | undefined; base: DynamoValue | undefined }> {
  if (mine.kind === 'create') return Object.entries(mine.item).map(([field, value]) => ({ path: [field], value, base: undefined }));
  if (mine.kind === 'update') return mine.changes.map((change) => ({ path: change.path, value: change.op === 'set' ? change.value : undefined, base: change.base }));
  return [];
}

export const pathText = (path: FieldPath) => path.join('.');

/** Every field my edit touched, side by side with theirs; the conflicting ones first. */
export function conflictRows(conflict: ConflictRecord): ConflictRow[] {
  const conflicting = new Set(conflict.paths.map(pathText));
  const rows = myChanges(conflict.mine).map(({ path, value, base }) => {
    const theirs = valueAt(conflict.theirs, path);
    return { path, base, mine: value, theirs, conflicting: conflicting.has(pathText(path)) };
  });
  // A conflicting path my mutation did not name (e.g. a parent map): show it too.
  for (const path of conflict.paths) {
    if (!rows.some((row) => pathText(row.path) === pathText(path))) {
      rows.push({ path, base: valueAt(conflict.base, path), mine: undefined, theirs: valueAt(conflict.theirs, path), conflicting: true });
    }
  }
  return rows.sort((a, b) => Number(b.conflicting) - Number(a.conflicting));
}

/** An edited resolution: for each field the chosen value, as a patch (`undefined` removes the field). */
export function resolutionPatch(rows: readonly ConflictRow[], chosen: ReadonlyMap<string, DynamoValue | undefined>): Record<string, DynamoValue | Record<string, DynamoValue | undefined> | undefined> {
  const patch: Record<string, DynamoValue | Record<string, DynamoValue | undefined> | undefined> = {};
  for (const row of rows) {
    const key = pathText(row.path);
    if (!chosen.has(key)) continue;
    const value = chosen.get(key);
    const [top, child] = row.path;
    if (child === undefined) patch[top] = value;
    else patch[top] = { ...((patch[top] as Record<string, DynamoValue | undefined> | undefined) ?? {}), [child]: value };
  }
  return patch;
}
