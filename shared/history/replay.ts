import { SYNC_ATTRIBUTE_NAMES } from '../models/sync-attributes';
import { applyChanges } from '../sync/changes';
import type { FieldChange, ServerItem } from '../sync/protocol';
import { keyAttribute, syncBucketOf } from '../tables';
import { isExactNumber, isValueMap, numberFromDynamoText, type DynamoValue } from '../values';
import { historyValue, type HistoryEntry } from './entry';

/**
 * The item as the write an entry records left it, from the item just before it (null before a create):
 * what DynamoDB applied, rebuilt from the history alone. The tests' verdicts rebuild every version this way
 * and compare with what DynamoDB holds, so an entry that misstates its write is found. A value the entry left
 * out (too long) is rebuilt as null.
 */
export function replayEntry(previous: ServerItem | null, entry: HistoryEntry): ServerItem {
  const keyName = keyAttribute(entry.entity);
  const priorSeq = previous && isPlainMap(previous.clientSeq) ? previous.clientSeq : undefined;
  const clientSeq = entry.clientSeq ? { ...priorSeq, [entry.clientSeq.clientId]: entry.clientSeq.seq } : priorSeq;
  const stamps: ServerItem = {
    version: entry.version,
    updatedAt: entry.updatedAt,
    updatedBy: entry.updatedBy,
    ...(clientSeq ? { clientSeq } : {}),
    syncBucket: typeof previous?.syncBucket === 'number' ? previous.syncBucket : syncBucketOf(entry.key),
  };
  switch (entry.kind) {
    case 'create': {
      const fields = Object.fromEntries(entry.changes.flatMap((change) => (change.new === undefined ? [] : [[change.path[0], stored(change.new)]])));
      return { [keyName]: entry.key, ...fields, ...stamps, ...(fields.createdAt === undefined ? { createdAt: entry.updatedAt } : {}) };
    }
    case 'update': {
      const changes: FieldChange[] = entry.changes.map((change) =>
        change.new === undefined && change.newOmitted === undefined ? { op: 'remove', path: change.path } : { op: 'set', path: change.path, value: stored(change.new) },
      );
      return { ...applyChanges(previous ?? { [keyName]: entry.key }, changes), ...stamps };
    }
    case 'delete': {
      const kept = Object.fromEntries(Object.entries(previous ?? {}).filter(([name]) => name === keyName || (SYNC_ATTRIBUTE_NAMES as readonly string[]).includes(name)));
      return { ...kept, [keyName]: entry.key, ...stamps, deleted: true, ...(entry.tombstoneExpiresAt === undefined ? {} : { expiresAt: entry.tombstoneExpiresAt }) };
    }
  }
}

/** A recorded value as DynamoDB holds it: a number written as text reads back as a JS number where that is exact. */
function stored(text: string | undefined): DynamoValue {
  return canonicalNumbers(historyValue(text) ?? null);
}

function canonicalNumbers(value: DynamoValue): DynamoValue {
  if (isExactNumber(value)) return numberFromDynamoText(value.$n);
  if (Array.isArray(value)) return value.map(canonicalNumbers);
  if (isValueMap(value)) return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, canonicalNumbers(inner)]));
  return value;
}

function isPlainMap(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
