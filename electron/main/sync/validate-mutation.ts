import { z } from 'zod';
import { ENTITY_FIELD_SHAPES, ENTITY_SCHEMAS, requiredMapKeys, type EntityName } from '@shared/models';
import { describeIssues } from '@shared/models/validate';
import { fixedPathReason, isWritablePath, pathText } from '@shared/sync/changes';
import type { FieldChange, Mutation, ServerItem } from '@shared/sync/protocol';
import { keyAttribute } from '@shared/tables';
import { type DynamoValue, MAX_NESTING_LEVELS, MAX_PARSED_DEPTH, nestingLevels } from '@shared/values';

/** DynamoDB's item size limit. */
export const MAX_ITEM_BYTES = 400 * 1024;
/** Attributes a new item may have: as many as an update may change (the protocol's limit), well inside 4 KB of expression. */
export const MAX_CREATE_ATTRIBUTES = 200;

/**
 * The one name a JavaScript object cannot hold as a key of its own by assignment: the SDK's unmarshaller
 * (and zod) drop it, so an attribute, map key or client id of that name would be lost on its way back.
 */
const UNREADABLE_NAME = '__proto__';

/**
 * Checks a mutation before it is written: a create as a whole item, an update field by field against
 * its entity schema (without reading the item, so pushes stay one write each). Returns the reason a
 * mutation can never succeed, or null. Nesting is counted before anything recursive runs; size is
 * estimated from the JSON form; DynamoDB's own limit errors on the final item are reported as
 * rejections too (push.ts).
 */
export function rejectionReason(mutation: Mutation, now: string): string | null {
  if (mutation.clientId === UNREADABLE_NAME) return `the client id ${UNREADABLE_NAME} cannot be recorded on an item`;
  switch (mutation.kind) {
    case 'create':
      return createRejection(mutation.entity, mutation.key, mutation.item, now);
    case 'update':
      return firstReason(mutation.changes.map((change) => changeRejection(mutation.entity, change)));
    case 'delete':
      return null;
  }
}

function createRejection(entity: EntityName, key: string, item: ServerItem, now: string): string | null {
  const keyName = keyAttribute(entity);
  if (item[keyName] !== undefined && item[keyName] !== key) return `${keyName} must equal the mutation's key`;
  const unwritable = Object.keys(item).find((name) => name !== keyName && !isWritablePath(entity, [name]));
  if (unwritable) return `${unwritable} is written by the sync engine only`;
  const attributes = Object.keys(item).length;
  // One UpdateItem writes the whole new item, and its expression is limited to 4 KB.
  if (attributes > MAX_CREATE_ATTRIBUTES) return `the item has ${attributes} attributes; the app writes at most ${MAX_CREATE_ATTRIBUTES} at once`;
  const tooDeep = firstReason(Object.entries(item).map(([name, value]) => nestingRejection(name, 1, value)));
  if (tooDeep) return tooDeep;
  if (byteSize(item) > MAX_ITEM_BYTES) return `the item is larger than DynamoDB's ${MAX_ITEM_BYTES / 1024} KB limit`;
  const candidate = { createdAt: now, ...item, [keyName]: key, version: 1, updatedAt: now, clientSeq: {} };
  const result = ENTITY_SCHEMAS[entity].safeParse(candidate);
  return result.success ? null : describeIssues(result.error.issues, candidate);
}

function changeRejection(entity: EntityName, change: FieldChange): string | null {
  const text = pathText(change.path);
  if (!isWritablePath(entity, change.path)) return `${text} is written by the sync engine only`;
  if (change.path.includes(UNREADABLE_NAME)) return `a field cannot be called ${UNREADABLE_NAME}: the app could not read it back`;
  const tooDeep = change.op === 'set' ? nestingRejection(text, change.path.length, change.value) : null;
  if (tooDeep) return tooDeep;
  const fixed = fixedPathReason(entity, change.path);
  if (fixed) return fixed;
  if (change.op === 'set' && byteSize(change.value) > MAX_ITEM_BYTES) return `${text} is larger than DynamoDB's item limit`;
  const [top, child] = change.path;
  if (child !== undefined && requiredMapKeys(entity, top).length > 0) {
    // A map with required keys could be left, or created, incomplete by a change of one key.
    return `${top} is changed as a whole (it requires ${requiredMapKeys(entity, top).join(', ')}), not ${text}`;
  }
  const schema = fieldSchema(entity, change.path);
  if (!schema) return null; // an attribute the app does not model is kept as any DynamoDB value
  const value = change.op === 'set' ? change.value : undefined;
  const result = schema.safeParse(value);
  if (result.success) return null;
  if (change.op === 'remove') return `${text} is required`;
  // Issues are relative to the field: name them by the whole path, as item validation does.
  const issues = result.error.issues.map((issue) => ({ ...issue, path: [...change.path, ...issue.path] }));
  return describeIssues(issues, nestAt(change.path, value));
}

/**
 * DynamoDB counts the item and each map on the way to the value as levels (`maps` of them), then the
 * value's own lists and maps; past 32 it refuses the write. Counted without recursion.
 */
function nestingRejection(text: string, maps: number, value: DynamoValue): string | null {
  const levels = maps + nestingLevels(value, MAX_PARSED_DEPTH);
  if (levels <= MAX_NESTING_LEVELS) return null;
  return `${text} holds lists or maps nested ${levels} levels deep (counting the item); DynamoDB stores at most ${MAX_NESTING_LEVELS}`;
}

function unwrapped(schema: z.ZodType | undefined): z.ZodType | undefined {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/** The schema of a top-level attribute, or of a key inside a modelled map (its catch-all for others). */
function fieldSchema(entity: EntityName, path: FieldChange['path']): z.ZodType | undefined {
  const [top, child] = path;
  const field = ownSchema(ENTITY_FIELD_SHAPES[entity], top);
  if (child === undefined || !field) return field;
  const parent = unwrapped(field);
  if (!(parent instanceof z.ZodObject)) return undefined;
  return ownSchema(parent.shape, child) ?? (parent._zod.def.catchall as z.ZodType | undefined);
}

/** A shape's own entry only: a path naming `constructor` or `toString` is not the shape object's member. */
function ownSchema(shape: object, name: string): z.ZodType | undefined {
  return Object.hasOwn(shape, name) ? ((shape as Record<string, z.ZodType>)[name]) : undefined;
}

function firstReason(reasons: Array<string | null>): string | null {
  return reasons.find((reason) => reason !== null) ?? null;
}

/** `{ details: { notes: value } }` for `['details', 'notes']`: the value where item validation would find it. */
function nestAt(path: FieldChange['path'], value: DynamoValue | undefined): Record<string, DynamoValue> {
  const [top, child] = path;
  if (value === undefined) return {};
  return child === undefined ? { [top]: value } : { [top]: { [child]: value } };
}

/** Close to DynamoDB's count (names and values as UTF-8), from the JSON form. */
export function byteSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}
