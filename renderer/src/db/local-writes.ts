import { z } from 'zod';
import {
  AssetFieldsShape,
  BookingFieldsShape,
  checkAssetFile,
  ENTITY_SCHEMAS,
  ResourceCreateSchema,
  requiredMapKeys,
  SYNC_ATTRIBUTE_NAMES,
  UserFieldsShape,
  unknownAttributes,
  type EntityName,
} from '@shared/models';
import { applyPatch, canonicalItem, diffItems, fixedPathReason, isWritablePath, stampOf, type ExpectedVersion, type ItemPatch, type Mutation, type ServerItem } from '@shared/sync';
import { issueLines } from '@shared/models/validate';
import { keyAttribute } from '@shared/tables';
import { clientIdOf, takeSeq } from './meta';
import type { PilotForceDb } from './schema';
import { keepBaseForEdit, serverCopyOf } from './server-copy';
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
  assets: z.object(AssetFieldsShape).catchall(unknownAttributes).superRefine(checkAssetFile),
} satisfies Record<EntityName, z.ZodType>;

/** A mutation made against an item the server has not acknowledged yet: its condition can only fail, and the server then judges it field by field. */
const NO_SERVER_VERSION: ExpectedVersion = { version: 0, updatedAt: '1970-01-01T00:00:00.000Z' };

function validationError(entity: EntityName, error: z.ZodError, input: unknown): LocalWriteError {
  const issues = issueLines(error.issues, input);
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
  await keepBaseForEdit(db, entity, key);
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
  const base = await serverCopyOf(db, entity, key);
  if (!base) return NO_SERVER_VERSION;
  const { version, updatedAt } = stampOf(base);
  return updatedAt ? { version, updatedAt } : NO_SERVER_VERSION;
}

/** Creates an item locally and queues its creation, in one transaction. */
export async function createItem(db: PilotForceDb, entity: EntityName, input: Record<string, unknown>, who: string): Promise<Mutation> {
  const fields = Object.fromEntries(Object.entries(input).filter(([name]) => !(SYNC_ATTRIBUTE_NAMES as readonly string[]).includes(name)));
  const parsed = CREATE_SCHEMAS[entity].safeParse(fields);
  if (!parsed.success) throw validationError(entity, parsed.error, fields);
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
    if (!parsed.success) throw validationError(entity, parsed.error, next);
    const changes = diffItems(current, next, (field) => requiredMapKeys(entity, field).length > 0);
    const forbidden = changes.filter((change) => !isWritablePath(entity, change.path));
    if (forbidden.length > 0) {
      throw new LocalWriteError('invalid', `Cannot change ${forbidden.map((change) => change.path.join('.')).join(', ')}: the key and sync attributes are the sync engine's`);
    }
    const fixed = changes.map((change) => fixedPathReason(entity, change.path)).filter((reason) => reason !== undefined);
    if (fixed.length > 0) throw new LocalWriteError('invalid', `Cannot change the item: ${fixed.join('; ')}`, fixed);
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
