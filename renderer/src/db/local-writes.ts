import { z } from 'zod';
import {
  AssetFieldsShape,
  BookingFieldsShape,
  ENTITY_SCHEMAS,
  ResourceCreateSchema,
  requiredMapKeys,
  SYNC_ATTRIBUTE_NAMES,
  UserFieldsShape,
  unknownAttributes,
  type EntityName,
} from '@shared/models';
import { isValueMap, isWritablePath, stampOf, type ExpectedVersion, type FieldChange, type Mutation, type ServerItem } from '@shared/sync';
import { keyAttribute } from '@shared/tables';
import { isExactNumber, numberFromDynamoText, valuesEqual, type DynamoValue } from '@shared/values';
import { clientIdOf, takeSeq } from './meta';
import type { PilotForceDb } from './schema';
import { entriesOf, isActive, materialize } from './view';

/** Why a local write was refused; nothing was written. */
export class LocalWriteError extends Error {
  constructor(
    readonly code: 'invalid' | 'not_found' | 'exists' | 'stale',
    message: string,
    /** One line per problem, `path: message`, for forms. */
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = 'LocalWriteError';
  }
}

/** The fields a new item may carry: the entity's own, never the sync attributes (the server sets them). */
const CREATE_SCHEMAS = {
  resources: ResourceCreateSchema,
  users: z.object(UserFieldsShape).catchall(unknownAttributes),
  bookings: z.object(BookingFieldsShape).catchall(unknownAttributes),
  assets: z.object(AssetFieldsShape).catchall(unknownAttributes),
} satisfies Record<EntityName, z.ZodType>;

/** A mutation made against an item the server has not acknowledged yet: its condition can only fail, and the server then judges it field by field. */
const NO_SERVER_VERSION: ExpectedVersion = { version: 0, updatedAt: '1970-01-01T00:00:00.000Z' };

/**
 * A partial item: a field set to `undefined` is removed; a map given for a map field (e.g. `details`)
 * changes only the keys it names (`undefined` removes one), so fields the form never showed stay as they are.
 */
export type ItemPatch = Record<string, DynamoValue | Record<string, DynamoValue | undefined> | undefined>;

function validationError(entity: EntityName, error: z.ZodError): LocalWriteError {
  const issues = error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`);
  return new LocalWriteError('invalid', `Invalid ${entity} item: ${issues.join('; ')}`, issues);
}

function writeScope(db: PilotForceDb, entity: EntityName) {
  return [db.items(entity), db.outbox, db.bases, db.meta];
}

/** Appends one mutation to the outbox and recomputes the item's view, inside the caller's transaction. */
async function enqueue(db: PilotForceDb, entity: EntityName, key: string, build: (base: { clientId: string; seq: number }) => Mutation): Promise<Mutation> {
  const clientId = await clientIdOf(db);
  const seq = await takeSeq(db);
  const mutation = build({ clientId, seq });
  await db.outbox.add({
    seq,
    entity,
    key,
    mutation,
    state: 'pending',
    attempts: 0,
    lastError: null,
    notBefore: 0,
    createdAt: new Date().toISOString(),
  });
  await materialize(db, entity, key);
  return mutation;
}

/**
 * The version a new mutation is made against. With earlier mutations of the item still pending, the
 * user's view holds their values, which the server has at no version yet: the new mutation joins their
 * chain (same expected version). Once they are written exactly on it, the chain moves to the written
 * version (see upstream); otherwise the server judges each field against its base value, so a change
 * the user never saw is never overwritten.
 */
async function expectedVersionOf(db: PilotForceDb, entity: EntityName, key: string): Promise<ExpectedVersion> {
  const chain = (await entriesOf(db, entity, key)).find(isActive);
  if (chain) return chain.mutation.kind === 'create' ? NO_SERVER_VERSION : chain.mutation.expected;
  const base = await db.bases.get([entity, key]);
  if (!base) return NO_SERVER_VERSION;
  const { version, updatedAt } = stampOf(base.item);
  return updatedAt ? { version, updatedAt } : NO_SERVER_VERSION;
}

/** Creates an item locally and queues its creation, in one transaction. */
export async function createItem(db: PilotForceDb, entity: EntityName, input: Record<string, unknown>, who: string): Promise<Mutation> {
  const fields = Object.fromEntries(Object.entries(input).filter(([name]) => !(SYNC_ATTRIBUTE_NAMES as readonly string[]).includes(name)));
  const parsed = CREATE_SCHEMAS[entity].safeParse(fields);
  if (!parsed.success) throw validationError(entity, parsed.error);
  const item = canonicalItem(parsed.data);
  const key = String(item[keyAttribute(entity)]);
  return db.transaction('rw', writeScope(db, entity), async () => {
    // A deleted item's key stays taken: its tombstone must never come back as a new item.
    if ((await db.items(entity).get(key)) || (await db.bases.get([entity, key]))) {
      throw new LocalWriteError('exists', `A ${entity} item with key ${key} already exists (or was deleted)`);
    }
    return enqueue(db, entity, key, (ids) => ({ ...ids, entity, key, kind: 'create', updatedBy: who, item }));
  });
}

/**
 * Changes some fields of an item locally and queues the change, in one transaction. The mutation holds
 * only the changed fields (one level into maps) with their values before the edit, so the server can
 * tell a concurrent change of another field (merged) from one of the same field (conflict).
 * Successive edits before a push stay separate mutations, pushed in order.
 */
export async function updateItem(db: PilotForceDb, entity: EntityName, key: string, patch: ItemPatch, who: string): Promise<Mutation | null> {
  return db.transaction('rw', writeScope(db, entity), async () => {
    const current = (await db.items(entity).get(key)) as ServerItem | undefined;
    if (!current) throw new LocalWriteError('not_found', `No ${entity} item with key ${key}`);
    const next = applyPatch(current, canonicalItem(patch) as ItemPatch);
    const parsed = ENTITY_SCHEMAS[entity].safeParse(next);
    if (!parsed.success) throw validationError(entity, parsed.error);
    const changes = diffItems(current, next, (field) => requiredMapKeys(entity, field).length > 0);
    const forbidden = changes.filter((change) => !isWritablePath(entity, change.path));
    if (forbidden.length > 0) {
      throw new LocalWriteError('invalid', `Cannot change ${forbidden.map((change) => change.path.join('.')).join(', ')}: the key and sync attributes are the sync engine's`);
    }
    if (changes.length === 0) return null;
    const expected = await expectedVersionOf(db, entity, key);
    return enqueue(db, entity, key, (ids) => ({ ...ids, entity, key, kind: 'update', updatedBy: who, expected, changes }));
  });
}

/** Deletes an item locally and queues the delete (a tombstone on the server), in one transaction. */
export async function deleteItem(db: PilotForceDb, entity: EntityName, key: string, who: string): Promise<Mutation> {
  return db.transaction('rw', writeScope(db, entity), async () => {
    if (!(await db.items(entity).get(key))) throw new LocalWriteError('not_found', `No ${entity} item with key ${key}`);
    const expected = await expectedVersionOf(db, entity, key);
    return enqueue(db, entity, key, (ids) => ({ ...ids, entity, key, kind: 'delete', updatedBy: who, expected }));
  });
}

/**
 * The canonical value form (shared/values): an exact number that a JS number holds exactly becomes
 * that number, as the server will store and return it, so a local value compares equal to the
 * server's copy of it.
 */
function canonical(value: DynamoValue): DynamoValue {
  if (isExactNumber(value)) return numberFromDynamoText(value.$n);
  if (Array.isArray(value)) return value.map(canonical);
  if (isValueMap(value)) return Object.fromEntries(Object.entries(value as Record<string, DynamoValue>).map(([name, child]) => [name, canonical(child)]));
  return value;
}

function canonicalItem(item: Record<string, unknown>): ServerItem {
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
 * The field changes from one item to another: top-level fields, and map fields one key deep except
 * those `changedWhole` names (maps with required keys, which the server takes only whole).
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
