import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  type Asset,
  type AssetType,
  AssetTypeSchema,
  type Booking,
  type BookingStatus,
  BookingStatusSchema,
  type EntityName,
  type EntityOf,
  LocalDateSchema,
  type Resource,
  type User,
  type UserPreferences,
  UserPreferencesSchema,
  ASSET_TYPES,
  SCHOOL_SETTINGS_ID,
  canChangeStatus,
  defaultSchoolSettings,
  type Grounding,
  GroundingSchema,
  RegistrationSchema,
} from '@shared/models';
import { aircraftId, groundedAt, maintenanceDue, registrationOf, type MaintenanceDue } from '@shared/fleet/rules';
import { expiringDocuments, type ExpiringDocument } from '@shared/documents';
import { todayIn } from '@shared/local-date';
import { describeIssues, validateItem } from '@shared/models/validate';
import type { FieldChange, ServerItem } from '@shared/sync/protocol';
import { isGone } from '@shared/sync/versions';
import { keyAttribute, tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { type AwsClients, fromSdkItem } from '@main/aws/clients';
import { classifyRequestFailure } from '../sync/aws-errors';
import { buildVersionedUpdate } from '../sync/conditional-write';
import { writeWithHistory } from '../history/record';
import { entryForWrite } from '@shared/history/entry';
import { calibrateClock, nextUpdatedAt } from '../sync/write-time';

/**
 * The seed's seven access patterns (seed-schema-guide.txt), typed, on the document client. Reads follow
 * every page, leave out tombstones and expired items, and validate item by item. Writes go through the
 * sync engine's conditional write builder: conditioned on the expected `version` and `updatedAt` (or,
 * for an item never adopted, on `version` being absent), bumping `version` and stamping `updatedAt`
 * from the corrected clock and `updatedBy`.
 */
export type AccessContext = { clients: AwsClients; prefix: string; updatedBy: string };

export type InvalidItem = { key: string | null; reason: string };
export type ReadResult<T> = { items: T[]; invalid: InvalidItem[]; pages: number; consumedReadUnits: number };
export type GetResult<T> = { item: T | null; invalid: InvalidItem[] };

/** What the caller last saw: the write fails (changing nothing) if the item moved on since. */
export type Expectation = { version: number; updatedAt?: string };

export type AccessErrorCode = 'not-found' | 'deleted' | 'stale' | 'invalid-input' | 'invalid-item' | 'not-allowed';

/** A user's error (unknown id, stale version, bad input), with a message fit for a terminal or a dialog. */
export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

const IdSchema = z.string().trim().min(1, 'an id may not be empty').max(1024);

function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AccessError('invalid-input', `${what}: ${describeIssues(parsed.error.issues, value)}`);
  return parsed.data;
}

type Checked<E extends EntityName> = { valid: EntityOf<E> } | { invalid: InvalidItem } | { gone: true };

function check<E extends EntityName>(entity: E, raw: Record<string, unknown>, nowMs: number): Checked<E> {
  const item = fromSdkItem(raw);
  if (isGone(item, nowMs)) return { gone: true };
  const result = validateItem(entity, item);
  return result.ok ? { valid: result.item } : { invalid: { key: result.key, reason: result.reason } };
}

async function queryAll<E extends EntityName>(ctx: AccessContext, entity: E, input: Omit<QueryCommandInput, 'TableName'>): Promise<ReadResult<EntityOf<E>>> {
  const result: ReadResult<EntityOf<E>> = { items: [], invalid: [], pages: 0, consumedReadUnits: 0 };
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.clients.doc.send(
      new QueryCommand({
        ...input,
        TableName: tableName(entity, ctx.prefix),
        ReturnConsumedCapacity: 'TOTAL',
        ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      }),
    );
    result.pages++;
    result.consumedReadUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    const nowMs = ctx.clients.clock.now().getTime();
    for (const raw of page.Items ?? []) {
      const checked = check(entity, raw, nowMs);
      if ('valid' in checked) result.items.push(checked.valid);
      else if ('invalid' in checked) result.invalid.push(checked.invalid);
    }
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
  return result;
}

async function getItem<E extends EntityName>(ctx: AccessContext, entity: E, key: string): Promise<{ raw: ServerItem | null; checked: Checked<E> | null }> {
  const { Item } = await ctx.clients.doc.send(
    new GetCommand({ TableName: tableName(entity, ctx.prefix), Key: { [keyAttribute(entity)]: key }, ConsistentRead: true }),
  );
  if (!Item) return { raw: null, checked: null };
  return { raw: fromSdkItem(Item), checked: check(entity, Item, ctx.clients.clock.now().getTime()) };
}

// 1. Get user by ID
export async function getUser(ctx: AccessContext, userId: string): Promise<GetResult<User>> {
  const { checked } = await getItem(ctx, 'users', parseInput(IdSchema, userId, 'userId'));
  if (!checked || 'gone' in checked) return { item: null, invalid: [] };
  return 'valid' in checked ? { item: checked.valid, invalid: [] } : { item: null, invalid: [checked.invalid] };
}

// 2. Update user preferences
export async function updateUserPreferences(
  ctx: AccessContext,
  userId: string,
  preferences: UserPreferences,
  expected?: Expectation,
): Promise<User> {
  const changes = Object.entries(parseInput(UserPreferencesSchema, preferences, 'preferences')).map(
    ([name, value]): FieldChange => ({ op: 'set', path: ['preferences', name], value: value as DynamoValue }),
  );
  if (changes.length === 0) throw new AccessError('invalid-input', 'preferences: nothing to change');
  return writeChanges(ctx, 'users', parseInput(IdSchema, userId, 'userId'), changes, expected);
}

// 3. Get bookings of a user (UserBookingIndex)
export async function bookingsOfUser(ctx: AccessContext, userId: string): Promise<ReadResult<Booking>> {
  return queryAll(ctx, 'bookings', {
    IndexName: 'UserBookingIndex',
    KeyConditionExpression: 'userId = :userId',
    ExpressionAttributeValues: { ':userId': parseInput(IdSchema, userId, 'userId') },
  });
}

// 4. Get bookings of a user on a date (UserBookingIndex, sort key)
export async function bookingsOfUserOnDate(ctx: AccessContext, userId: string, bookingDate: string): Promise<ReadResult<Booking>> {
  return queryAll(ctx, 'bookings', {
    IndexName: 'UserBookingIndex',
    KeyConditionExpression: 'userId = :userId AND bookingDate = :date',
    ExpressionAttributeValues: {
      ':userId': parseInput(IdSchema, userId, 'userId'),
      ':date': parseInput(LocalDateSchema, bookingDate, `date ${bookingDate}`),
    },
  });
}

// 5. Update booking status (`status` is a reserved word: the builder names every attribute by placeholder)
export async function updateBookingStatus(
  ctx: AccessContext,
  bookingId: string,
  status: BookingStatus,
  expected?: Expectation,
): Promise<Booking> {
  const next = parseInput(BookingStatusSchema, status, 'status');
  return writeChanges(ctx, 'bookings', parseInput(IdSchema, bookingId, 'bookingId'), [{ op: 'set', path: ['status'], value: next }], expected, (current) => {
    const from = BookingStatusSchema.safeParse(current.status);
    if (from.success && from.data !== next && !canChangeStatus(from.data, next)) {
      throw new AccessError('not-allowed', `booking ${bookingId} is ${from.data}: it cannot become ${next}`);
    }
  });
}

// 6. Get assets by type (AssetTypeIndex)
export async function assetsByType(ctx: AccessContext, assetType: AssetType): Promise<ReadResult<Asset>> {
  return queryAll(ctx, 'assets', {
    IndexName: 'AssetTypeIndex',
    KeyConditionExpression: 'assetType = :type',
    ExpressionAttributeValues: { ':type': parseInput(AssetTypeSchema, assetType, 'asset type') },
  });
}

// 7. Get assets of a user: a Query on the app's UserAssetIndex instead of the seed's full-table Scan
export async function assetsOfUser(ctx: AccessContext, userId: string): Promise<ReadResult<Asset>> {
  return queryAll(ctx, 'assets', {
    IndexName: 'UserAssetIndex',
    KeyConditionExpression: 'userId = :userId',
    ExpressionAttributeValues: { ':userId': parseInput(IdSchema, userId, 'userId') },
  });
}

// The app's own: a resource by its typed id (`school#settings`, `aircraft#N172PF`)
export async function getResource(ctx: AccessContext, resourceId: string): Promise<GetResult<Resource>> {
  const { checked } = await getItem(ctx, 'resources', parseInput(IdSchema, resourceId, 'resourceId'));
  if (!checked || 'gone' in checked) return { item: null, invalid: [] };
  return 'valid' in checked ? { item: checked.valid, invalid: [] } : { item: null, invalid: [checked.invalid] };
}

/** Resources of one type (ResourceTypeIndex). Open: a type this version does not model lists its items as invalid, with the reason. */
export async function resourcesByType(ctx: AccessContext, resourceType: string): Promise<ReadResult<Resource>> {
  return queryAll(ctx, 'resources', {
    IndexName: 'ResourceTypeIndex',
    KeyConditionExpression: 'resourceType = :type',
    ExpressionAttributeValues: { ':type': parseInput(z.string().trim().min(1, 'a resource type may not be empty').max(64), resourceType, 'resource type') },
  });
}

/** An aircraft of the register as the ops CLI prints it: its registration, state and maintenance due. */
export type AircraftRecord = { registration: string; aircraftType: string | null; grounded: boolean; grounding: Grounding | null; hobbs: number | null; maintenance: MaintenanceDue };

// The app's own: the aircraft register (ResourceTypeIndex), each with whether it is grounded now and its maintenance due.
export async function aircraftList(ctx: AccessContext): Promise<{ aircraft: AircraftRecord[]; invalid: InvalidItem[]; today: string }> {
  const [read, settingsRead] = await Promise.all([resourcesByType(ctx, 'aircraft'), getResource(ctx, SCHOOL_SETTINGS_ID)]);
  const timeZone = settingsRead.item?.resourceType === 'school-settings' ? settingsRead.item.timeZone : 'UTC';
  const now = ctx.clients.clock.now();
  const today = todayIn(timeZone, now);
  const aircraft = read.items
    .flatMap((item) => (item.resourceType === 'aircraft' ? [item] : []))
    .map((item) => ({
      registration: registrationOf(item),
      aircraftType: item.aircraftType ?? null,
      grounded: groundedAt(item, now.getTime()),
      grounding: item.grounding ?? null,
      hobbs: item.hobbs ?? null,
      maintenance: maintenanceDue(item, today),
    }))
    .sort((a, b) => a.registration.localeCompare(b.registration));
  return { aircraft, invalid: read.invalid, today };
}

// The app's own: ground an aircraft from now (until an instant, or until further notice), conditioned like every write.
export async function groundAircraft(ctx: AccessContext, registration: string, grounding: { reason: string; until?: string }, expected?: Expectation): Promise<Resource> {
  const resourceId = aircraftId(parseInput(RegistrationSchema, registration, 'registration'));
  const value = parseInput(GroundingSchema, { reason: grounding.reason, from: ctx.clients.clock.nowIso(), ...(grounding.until ? { until: grounding.until } : {}), by: ctx.updatedBy }, 'grounding');
  return writeChanges(ctx, 'resources', resourceId, [{ op: 'set', path: ['grounding'], value }], expected, (current) => {
    if (current.resourceType !== 'aircraft') throw new AccessError('not-allowed', `${resourceId} is not an aircraft: nothing was changed`);
  });
}

/** The expiring documents as the ops CLI prints them: one flat record each. */
export type ExpiringDocumentRecord = Pick<ExpiringDocument, 'userId' | 'kindId' | 'kindName' | 'expiresOn' | 'daysLeft' | 'state'> & { assetId: string; fileName: string };
export type ExpiringReport = {
  /** The school's date the days are counted from, in its zone (UTC while no settings item exists). */
  today: string;
  timeZone: string;
  withinDays: number;
  documents: ExpiringDocumentRecord[];
  invalid: InvalidItem[];
  consumedReadUnits: number;
};

// The app's own: documents expiring within N days of the school's today, or expired and not renewed
// (the "Expiring soon" screen's rule, shared/documents). Any asset type may be a document (a scanned
// licence is an image): one AssetTypeIndex Query per type, every page.
export async function documentsExpiring(ctx: AccessContext, withinDays: number): Promise<ExpiringReport> {
  const days = parseInput(z.number().int().min(0, 'at least 0').max(3650, 'at most 3650 (ten years)'), withinDays, 'within');
  const settingsRead = await getResource(ctx, SCHOOL_SETTINGS_ID);
  const school = settingsRead.item?.resourceType === 'school-settings' ? settingsRead.item : null;
  const settings = school ?? defaultSchoolSettings('UTC');
  const reads = await Promise.all(ASSET_TYPES.map((assetType) => assetsByType(ctx, assetType)));
  const today = todayIn(settings.timeZone, ctx.clients.clock.now());
  const documents = expiringDocuments(reads.flatMap((read) => read.items), settings, today, days).map(({ document, userId, kindId, kindName, expiresOn, daysLeft, state }) => ({
    assetId: document.assetId,
    fileName: document.fileName,
    userId,
    kindId,
    kindName,
    expiresOn,
    daysLeft,
    state,
  }));
  return {
    today,
    timeZone: settings.timeZone,
    withinDays: days,
    documents,
    invalid: [...settingsRead.invalid, ...reads.flatMap((read) => read.invalid)],
    consumedReadUnits: reads.reduce((sum, read) => sum + read.consumedReadUnits, 0),
  };
}

/** How messages name one item of each table. */
const ITEM_NOUN: Record<EntityName, string> = { resources: 'resource', users: 'user', bookings: 'booking', assets: 'asset' };

function versionText(item: ServerItem): string {
  const version = typeof item.version === 'number' ? `version ${item.version}` : 'no version (never adopted)';
  const by = typeof item.updatedBy === 'string' ? ` by ${item.updatedBy}` : '';
  return `${version}, updated ${typeof item.updatedAt === 'string' ? item.updatedAt : 'at an unknown time'}${by}`;
}

function staleError(entity: EntityName, key: string, expected: Expectation, current: ServerItem | null): AccessError {
  if (!current) return new AccessError('not-found', `${ITEM_NOUN[entity]} ${key} does not exist (any more): nothing was changed`);
  const wanted = `version ${expected.version}${expected.updatedAt ? ` updated ${expected.updatedAt}` : ''}`;
  return new AccessError('stale', `${ITEM_NOUN[entity]} ${key} is at ${versionText(current)}, not the expected ${wanted}: nothing was changed`);
}

/**
 * Reads the current item (so a write without an expectation is still conditioned on what was read),
 * checks the expectation, and writes conditioned on it. A race lost after the read is the same stale error.
 */
async function writeChanges<E extends EntityName>(
  ctx: AccessContext,
  entity: E,
  key: string,
  changes: FieldChange[],
  expected: Expectation | undefined,
  allow?: (current: ServerItem) => void,
): Promise<EntityOf<E>> {
  await calibrateClock(ctx.clients, ctx.prefix);
  const { raw, checked } = await getItem(ctx, entity, key);
  if (!raw || !checked) throw new AccessError('not-found', `${ITEM_NOUN[entity]} ${key} does not exist`);
  if ('gone' in checked) throw new AccessError('deleted', `${ITEM_NOUN[entity]} ${key} was deleted: nothing was changed`);
  if ('invalid' in checked) {
    throw new AccessError('invalid-item', `${ITEM_NOUN[entity]} ${key} does not fit its schema (${checked.invalid.reason}): nothing was changed`);
  }
  const currentVersion = typeof raw.version === 'number' ? raw.version : 0;
  const currentUpdatedAt = typeof raw.updatedAt === 'string' ? raw.updatedAt : null;
  if (expected && (expected.version !== currentVersion || (expected.updatedAt !== undefined && expected.updatedAt !== currentUpdatedAt))) {
    throw staleError(entity, key, expected, raw);
  }
  allow?.(raw);
  const updatedAt = nextUpdatedAt(ctx.clients, currentUpdatedAt);
  const update = buildVersionedUpdate({
    entity,
    prefix: ctx.prefix,
    key,
    expected: currentVersion === 0 ? { version: 0, updatedAt: currentUpdatedAt } : { version: currentVersion, updatedAt: currentUpdatedAt ?? '' },
    changes,
    updatedAt,
    updatedBy: ctx.updatedBy,
    current: raw,
  });
  const entry = entryForWrite({ entity, key, kind: 'update', changes, current: raw, source: 'pf', stamps: { version: currentVersion + 1, updatedAt, updatedBy: ctx.updatedBy } });
  try {
    const { item } = await writeWithHistory(ctx.clients, ctx.prefix, update, entry);
    const written = validateItem(entity, item);
    // The item was valid and the change passed its schema: only a bug could get here.
    if (!written.ok) throw new Error(`${ITEM_NOUN[entity]} ${key} was written but does not fit its schema: ${written.reason}`);
    return written.item;
  } catch (error) {
    const failure = classifyRequestFailure(error);
    if (failure.kind !== 'condition') throw error;
    throw staleError(entity, key, { version: currentVersion, ...(currentUpdatedAt ? { updatedAt: currentUpdatedAt } : {}) }, failure.item);
  }
}
