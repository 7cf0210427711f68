import type { EntityName } from '../models';
import { SYNC_ATTRIBUTE_NAMES } from '../models/sync-attributes';
import { keyAttribute } from '../tables';
import { type DynamoValue, isTaggedValue } from '../values';
import type { FieldChange, FieldPath, ServerItem } from './protocol';

type ValueMap = { [key: string]: DynamoValue };

/** Exact numbers, sets and binary are values, not maps. */
export function isValueMap(value: DynamoValue | undefined): value is ValueMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isTaggedValue(value);
}

/** An attribute or map key the object holds itself: a path may name `constructor` or `toString`. */
function ownValue(map: ValueMap, name: string): DynamoValue | undefined {
  return Object.hasOwn(map, name) ? map[name] : undefined;
}

/** Sets a key as the object's own, even `__proto__` (an assignment would replace the prototype instead). */
function setOwn(map: ValueMap, name: string, value: DynamoValue): void {
  Object.defineProperty(map, name, { value, enumerable: true, writable: true, configurable: true });
}

/** The value at a path, or undefined when it (or its parent map) is absent. */
export function valueAt(item: ServerItem | null | undefined, path: FieldPath): DynamoValue | undefined {
  if (!item) return undefined;
  const [top, child] = path;
  const value = ownValue(item, top);
  if (child === undefined) return value;
  return isValueMap(value) ? ownValue(value, child) : undefined;
}

/** The item with the changes applied; a missing parent map is created for a nested set. */
export function applyChanges(item: ServerItem, changes: readonly FieldChange[]): ServerItem {
  const next: ServerItem = { ...item };
  for (const change of changes) {
    const [top, child] = change.path;
    if (child === undefined) {
      if (change.op === 'set') setOwn(next, top, change.value);
      else delete next[top];
      continue;
    }
    const parent = ownValue(next, top);
    const map: ValueMap = isValueMap(parent) ? { ...parent } : {};
    if (change.op === 'set') setOwn(map, child, change.value);
    else if (!isValueMap(parent)) continue;
    else delete map[child];
    setOwn(next, top, map);
  }
  return next;
}

/** A mutation may change an entity's own fields, never its key or the sync attributes. */
export function isWritablePath(entity: EntityName, path: FieldPath): boolean {
  const top = path[0];
  return top !== keyAttribute(entity) && !(SYNC_ATTRIBUTE_NAMES as readonly string[]).includes(top);
}

/** Each path once, in a stable text form (`details.notes`) for display and lookups. */
export function pathText(path: FieldPath): string {
  return path.join('.');
}
