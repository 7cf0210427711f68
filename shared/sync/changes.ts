import type { EntityName } from '../models';
import { ASSET_FILE_FIELDS } from '../models/asset';
import { SYNC_ATTRIBUTE_NAMES } from '../models/sync-attributes';
import { keyAttribute } from '../tables';
import { isValueMap, type DynamoValue, type ValueMap } from '../values';
import type { FieldChange, FieldPath, ServerItem } from './protocol';

/** The value at a path, or undefined when it (or its parent map) is absent. */
export function valueAt(item: ServerItem | null | undefined, path: FieldPath): DynamoValue | undefined {
  if (!item) return undefined;
  const [top, child] = path;
  const value = item[top];
  if (child === undefined) return value;
  return isValueMap(value) ? (value as ValueMap)[child] : undefined;
}

/** The item with the changes applied; a missing parent map is created for a nested set. */
export function applyChanges(item: ServerItem, changes: readonly FieldChange[]): ServerItem {
  const next: ServerItem = { ...item };
  for (const change of changes) {
    const [top, child] = change.path;
    if (child === undefined) {
      if (change.op === 'set') next[top] = change.value;
      else delete next[top];
      continue;
    }
    const parent = next[top];
    const map: ValueMap = isValueMap(parent) ? { ...parent } : {};
    if (change.op === 'set') map[child] = change.value;
    else if (!isValueMap(parent)) continue;
    else delete map[child];
    next[top] = map;
  }
  return next;
}

/** A mutation may change an entity's own fields, never its key or the sync attributes. */
export function isWritablePath(entity: EntityName, path: FieldPath): boolean {
  const top = path[0];
  return top !== keyAttribute(entity) && !(SYNC_ATTRIBUTE_NAMES as readonly string[]).includes(top);
}

/** Why an update may not change this path (it may be created with it), or undefined when it may. */
export function fixedPathReason(entity: EntityName, path: FieldPath): string | undefined {
  if (entity === 'assets' && ASSET_FILE_FIELDS.includes(path[0])) return `${path[0]} is the uploaded file's and cannot be edited; upload the file again`;
  return undefined;
}

/** Each path once, in a stable text form (`details.notes`) for display and lookups. */
export function pathText(path: FieldPath): string {
  return path.join('.');
}
