import type { EntityName } from '../models';
import { ASSET_FILE_FIELDS } from '../models/asset';
import { SYNC_ATTRIBUTE_NAMES } from '../models/sync-attributes';
import { keyAttribute } from '../tables';
import { isExactNumber, isValueMap, numberFromDynamoText, valuesEqual, type DynamoValue, type ValueMap } from '../values';
import type { FieldChange, FieldPath, ServerItem } from './protocol';
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

/** Why an update may not change this path (it may be created with it), or undefined when it may. */
export function fixedPathReason(entity: EntityName, path: FieldPath): string | undefined {
  if (entity === 'assets' && ASSET_FILE_FIELDS.includes(path[0])) return `${path[0]} is the uploaded file's and cannot be edited; upload the file again`;
  // The resource's type chooses its schema: a different type is a different resource.
  if (entity === 'resources' && path[0] === 'resourceType') return 'resourceType is fixed when the resource is created';
  return undefined;
}

/** Each path once, in a stable text form (`details.notes`) for display and lookups. */
export function pathText(path: FieldPath): string {
  return path.join('.');
}

/**
 * A partial item: a field set to `undefined` is removed; a map given for a map field (e.g. `details`)
 * changes only the keys it names (`undefined` removes one), so fields the form never showed stay as they are.
 */
export type ItemPatch = Record<string, DynamoValue | Record<string, DynamoValue | undefined> | undefined>;

/**
 * The canonical value form (shared/values): an exact number that a JS number holds exactly becomes
 * that number, as the server will store and return it, so a local value compares equal to the
 * server's copy of it.
 */
export function canonical(value: DynamoValue): DynamoValue {
  if (isExactNumber(value)) return numberFromDynamoText(value.$n);
  if (Array.isArray(value)) return value.map(canonical);
  if (isValueMap(value)) return Object.fromEntries(Object.entries(value as Record<string, DynamoValue>).map(([name, child]) => [name, canonical(child)]));
  return value;
}

export function canonicalItem(item: Record<string, unknown>): ServerItem {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, value === undefined ? value : canonical(value as DynamoValue)])) as ServerItem;
}

export function applyPatch(item: ServerItem, patch: ItemPatch): ServerItem {
  const next: ServerItem = { ...item };
  for (const [field, value] of Object.entries(patch)) {
    const current = next[field];
    if (value === undefined) {
      delete next[field];
    } else if (isValueMap(value as DynamoValue) && isValueMap(current)) {
      const merged: Record<string, DynamoValue> = { ...current };
      for (const [child, childValue] of Object.entries(value as Record<string, DynamoValue | undefined>)) {
        if (childValue === undefined) delete merged[child];
        else merged[child] = childValue;
      }
      next[field] = merged;
    } else {
      next[field] = value as DynamoValue;
    }
  }
  return next;
}

/**
 * The field changes from one item to another: top-level fields, and map fields one key deep except those
 * `changedWhole` names (maps with required keys, which the server takes only whole).
 */
export function diffItems(before: ServerItem, after: ServerItem, changedWhole: (field: string) => boolean = () => false): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[field];
    const now = after[field];
    if (valuesEqual(old, now)) continue;
    if (isValueMap(old) && isValueMap(now) && !changedWhole(field)) {
      const oldMap = old as Record<string, DynamoValue>;
      const nowMap = now as Record<string, DynamoValue>;
      for (const child of new Set([...Object.keys(oldMap), ...Object.keys(nowMap)])) {
        if (!valuesEqual(oldMap[child], nowMap[child])) changes.push(changeOf([field, child], oldMap[child], nowMap[child]));
      }
    } else {
      changes.push(changeOf([field], old, now));
    }
  }
  return changes;
}

function changeOf(path: FieldChange['path'], base: DynamoValue | undefined, value: DynamoValue | undefined): FieldChange {
  const withBase = base === undefined ? {} : { base };
  return value === undefined ? { op: 'remove', path, ...withBase } : { op: 'set', path, value, ...withBase };
}
