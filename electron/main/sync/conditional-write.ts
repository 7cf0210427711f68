import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { EntityName } from '@shared/models';
import { SYNC_ATTRIBUTE_NAMES } from '@shared/models/sync-attributes';
import { DEFAULT_TOMBSTONE_RETENTION_MS } from '@shared/sync/checkpoint';
import type { ExpectedVersion, FieldChange, ServerItem } from '@shared/sync/protocol';
import { keyAttribute, sparseIndexSortKeys, syncBucketOf, tableName } from '@shared/tables';
import { isValueMap, type DynamoValue } from '@shared/values';
import { toSdkValue } from '../aws/clients';

/**
 * The ONE builder of the app's writes (docs/architecture.md, "Exactly once"; README.md, "Sync"): every
 * write is an UpdateItem conditioned on the version and `updatedAt` the writer saw (or on the key's
 * absence for a create), bumps `version`, stamps `updatedAt`/`updatedBy`, and records the client's
 * mutation sequence in `clientSeq`. A failed condition returns the current item (ALL_OLD), which is
 * what push classifies.
 */
export type VersionedUpdateInput = {
  entity: EntityName;
  prefix: string;
  key: string;
  /** The version the change was made against; 'new' for a create; `updatedAt: null` adopts an item written without one. */
  expected: ExpectedVersion | { version: 0; updatedAt: null } | 'new';
  /** For a create: one top-level `set` per attribute of the new item. */
  changes: readonly FieldChange[];
  updatedAt: string;
  updatedBy: string;
  clientSeq?: { clientId: string; seq: number };
  /**
   * The item the write is conditioned on, when known (after a failed condition): a missing parent map
   * or `clientSeq` map is then written whole. When unknown, the condition requires them to be maps, so
   * a missing one fails the condition (with ALL_OLD) rather than the request.
   */
  current?: ServerItem;
};

export type TombstoneInput = Omit<VersionedUpdateInput, 'expected' | 'changes'> & {
  expected: ExpectedVersion;
  /** The item being deleted: every attribute it holds besides the key and sync attributes is removed. */
  current: ServerItem;
  /** Epoch milliseconds, from the corrected clock. */
  nowMs: number;
  retentionMs?: number;
};

/** What every write stamps and is conditioned on, whatever it changes. */
type WriteHeader = Pick<VersionedUpdateInput, 'entity' | 'key' | 'expected' | 'updatedAt' | 'updatedBy' | 'clientSeq' | 'current'>;

/** Placeholders for names and values, so no attribute name can collide with a reserved word. */
class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private nameIds = new Map<string, string>();

  name(attribute: string): string {
    let id = this.nameIds.get(attribute);
    if (!id) {
      id = `#n${this.nameIds.size}`;
      this.nameIds.set(attribute, id);
      this.names[id] = attribute;
    }
    return id;
  }

  path(parts: readonly string[]): string {
    return parts.map((part) => this.name(part)).join('.');
  }

  value(value: unknown): string {
    const id = `:v${Object.keys(this.values).length}`;
    this.values[id] = value;
    return id;
  }
}

const SYNC_NAMES: readonly string[] = SYNC_ATTRIBUTE_NAMES;

/** Groups nested changes under a parent that `current` shows missing into one whole-map set. */
function normalizeChanges(changes: readonly FieldChange[], current: ServerItem | undefined): FieldChange[] {
  if (!current) return [...changes];
  const result: FieldChange[] = [];
  const created = new Map<string, Record<string, DynamoValue>>();
  for (const change of changes) {
    const [top, child] = change.path;
    if (child === undefined || isValueMap(current[top])) {
      result.push(change);
      continue;
    }
    if (change.op === 'remove') continue; // nothing to remove under a missing map
    let map = created.get(top);
    if (!map) {
      map = {};
      created.set(top, map);
      result.push({ op: 'set', path: [top], value: map });
    }
    map[child] = change.value;
  }
  return result;
}

function conditionOn(expr: ExpressionBuilder, input: WriteHeader): string {
  if (input.expected === 'new') return `attribute_not_exists(${expr.name(keyAttribute(input.entity))})`;
  const updatedAt =
    input.expected.updatedAt === null
      ? `attribute_not_exists(${expr.name('updatedAt')})`
      : `${expr.name('updatedAt')} = ${expr.value(input.expected.updatedAt)}`;
  if (input.expected.version === 0) {
    const keyName = expr.name(keyAttribute(input.entity));
    // Never adopted: written by another tool, without a version (or with an explicit 0).
    const version = expr.name('version');
    return `attribute_exists(${keyName}) AND (attribute_not_exists(${version}) OR ${version} = ${expr.value(0)}) AND ${updatedAt}`;
  }
  return `${expr.name('version')} = ${expr.value(input.expected.version)} AND ${updatedAt}`;
}

function syncSets(expr: ExpressionBuilder, input: WriteHeader, conditions: string[]): string[] {
  const sets: string[] = [];
  const version = expr.name('version');
  sets.push(
    input.expected === 'new'
      ? `${version} = ${expr.value(1)}`
      : `${version} = if_not_exists(${version}, ${expr.value(0)}) + ${expr.value(1)}`,
  );
  sets.push(`${expr.name('updatedAt')} = ${expr.value(input.updatedAt)}`);
  sets.push(`${expr.name('updatedBy')} = ${expr.value(input.updatedBy)}`);
  const bucket = expr.name('syncBucket');
  sets.push(`${bucket} = if_not_exists(${bucket}, ${expr.value(syncBucketOf(input.key))})`);
  if (input.clientSeq) {
    const clientSeq = expr.name('clientSeq');
    // A create, or an item never adopted (version 0), has no clientSeq map of its own yet.
    const whole =
      input.expected === 'new' || input.expected.version === 0 || (input.current !== undefined && !isValueMap(input.current.clientSeq));
    if (whole) {
      sets.push(`${clientSeq} = ${expr.value({ [input.clientSeq.clientId]: input.clientSeq.seq })}`);
    } else {
      sets.push(`${expr.path(['clientSeq', input.clientSeq.clientId])} = ${expr.value(input.clientSeq.seq)}`);
      if (!input.current) conditions.push(`attribute_type(${clientSeq}, ${expr.value('M')})`);
    }
  }
  return sets;
}

function assertWritable(entity: EntityName, changes: readonly FieldChange[]): void {
  for (const change of changes) {
    const top = change.path[0];
    if (top === keyAttribute(entity) || SYNC_NAMES.includes(top)) {
      throw new RangeError(`${change.path.join('.')} is written by the sync engine only`);
    }
  }
}

export function buildVersionedUpdate(input: VersionedUpdateInput): UpdateCommandInput {
  assertWritable(input.entity, input.changes);
  const expr = new ExpressionBuilder();
  const conditions = [conditionOn(expr, input)];
  const sets = syncSets(expr, input, conditions);
  const removes: string[] = [];
  // A create starts from nothing: nested changes become whole maps.
  const current = input.expected === 'new' ? {} : input.current;
  const changes = normalizeChanges(input.changes, current);
  for (const change of changes) {
    const path = expr.path(change.path);
    if (change.op === 'set') sets.push(`${path} = ${expr.value(toSdkValue(change.value))}`);
    else removes.push(path);
    const parent = change.path.length === 2 ? change.path[0] : undefined;
    if (parent !== undefined && !current) {
      const condition = `attribute_type(${expr.name(parent)}, ${expr.value('M')})`;
      if (!conditions.includes(condition)) conditions.push(condition);
    }
  }
  if (input.expected === 'new' && !changes.some((change) => change.path[0] === 'createdAt')) {
    sets.push(`${expr.name('createdAt')} = ${expr.value(input.updatedAt)}`);
  }
  return assemble(expr, input, conditions, sets, removes);
}

/**
 * A delete as a tombstone (README.md, "Data model"): keeps the key and the sync attributes (so it stays
 * in SyncIndex and clients see the deletion), removes everything else, including the seed indexes'
 * sort keys, so it falls out of UserBookingIndex, AssetTypeIndex and UserAssetIndex; DynamoDB TTL
 * removes it after the retention.
 */
export function buildTombstone(input: TombstoneInput): UpdateCommandInput {
  const expr = new ExpressionBuilder();
  const conditions = [conditionOn(expr, input)];
  const sets = syncSets(expr, input, conditions);
  const expiresAt = tombstoneExpiresAt(input.nowMs, input.retentionMs);
  sets.push(`${expr.name('deleted')} = ${expr.value(true)}`, `${expr.name('expiresAt')} = ${expr.value(expiresAt)}`);
  const keyName = keyAttribute(input.entity);
  const removable = new Set([...Object.keys(input.current), ...sparseIndexSortKeys(input.entity)]);
  const removes = [...removable].filter((name) => name !== keyName && !SYNC_NAMES.includes(name)).map((name) => expr.name(name));
  return assemble(expr, input, conditions, sets, removes);
}

/** When a tombstone written at `nowMs` expires, in epoch seconds (DynamoDB TTL's unit). */
export function tombstoneExpiresAt(nowMs: number, retentionMs = DEFAULT_TOMBSTONE_RETENTION_MS): number {
  return Math.ceil((nowMs + retentionMs) / 1000);
}

function assemble(
  expr: ExpressionBuilder,
  input: Pick<VersionedUpdateInput, 'entity' | 'prefix' | 'key'>,
  conditions: string[],
  sets: string[],
  removes: string[],
): UpdateCommandInput {
  const update = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return {
    TableName: tableName(input.entity, input.prefix),
    Key: { [keyAttribute(input.entity)]: input.key },
    UpdateExpression: update,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: expr.names,
    ExpressionAttributeValues: expr.values,
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    ReturnConsumedCapacity: 'TOTAL',
  };
}
