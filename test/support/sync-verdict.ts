import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type AwsClients, fromSdkItem } from '@main/aws/clients';
import type { ConflictRecord } from '@renderer/db/schema';
import { viewOf } from '@renderer/db/view';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import { appliedSeqOf, stampOf, valueAt, type FieldPath, type Mutation, type ServerItem } from '@shared/sync';
import { historyTableName, keyAttribute, tableName } from '@shared/tables';
import { valuesEqual, type DynamoValue } from '@shared/values';
import type { WriteImage } from '../integration/sync/harness';
import { replayEntry } from '@shared/history/replay';
import type { HistoryEntry } from '@shared/history/entry';
import type { ClientCopy } from './client-copy';
import { reconcileSlots } from '@main/ops/reconcile-slots';
import { RESOURCE_DAY_PREFIX } from '@shared/slots';

/**
 * The verdict on a sync run (the multi-client simulation and the crash harness): what DynamoDB holds,
 * what every successful write did (images recorded below any fault injection), and where each
 * acknowledged edit ended up. It rests on what DynamoDB did, not on what clients were told.
 */
export type ServerItems = Map<string, { entity: EntityName; item: ServerItem }>;

export type LedgerOutcome = 'applied' | 'conflict-shown' | 'rejected-shown' | 'lost';

/**
 * Where one acknowledged edit ended up: applied (the write carrying its id holds its values; a delete
 * also when someone else deleted the item first), else shown to its user as a conflict or rejection,
 * else lost. Applied and also shown as a conflict is a problem too (the user was asked for nothing).
 */
export function judgeEdit(
  mutation: Mutation,
  facts: { history: History; server: ServerItems; shownConflict: ConflictRecord | undefined; shownRejection: boolean },
  problems: string[],
): { outcome: LedgerOutcome; version?: number } {
  const id = `${mutation.clientId}:${mutation.seq}`;
  const applied = facts.history.appliedBy.get(id);
  const finalItem = facts.server.get(`${mutation.entity}/${mutation.key}`)?.item;
  const deletedAnyway = mutation.kind === 'delete' && finalItem?.deleted === true && !applied && !facts.shownConflict;
  if ((applied && holdsIntent(applied, mutation)) || deletedAnyway) {
    if (facts.shownConflict) {
      problems.push(`${id} ${mutation.kind} ${mutation.key} was applied (v${stampOf(applied ?? {}).version}) and also shown as a ${facts.shownConflict.reason} conflict against v${stampOf(facts.shownConflict.theirs ?? {}).version}`);
    }
    return { outcome: 'applied', version: stampOf(applied ?? (finalItem as ServerItem)).version };
  }
  if (facts.shownConflict) return { outcome: 'conflict-shown' };
  if (facts.shownRejection) return { outcome: 'rejected-shown' };
  problems.push(`LOST ${id} ${mutation.kind} ${mutation.entity} ${mutation.key}: ${applied ? 'written without its values' : 'never written, never shown'}`);
  return { outcome: 'lost' };
}

export function fieldsOf(mutation: Mutation): Record<string, DynamoValue | null> {
  if (mutation.kind === 'create') return { ...mutation.item };
  if (mutation.kind === 'delete') return { deleted: true };
  return Object.fromEntries(mutation.changes.map((change) => [change.path.join('.'), change.op === 'set' ? change.value : null]));
}

/** Whether the image of the write that applied a mutation holds what the user saved. */
export function holdsIntent(image: ServerItem, mutation: Mutation): boolean {
  if (mutation.kind === 'delete') return image.deleted === true;
  if (mutation.kind === 'create') return Object.entries(mutation.item).every(([field, value]) => valuesEqual(image[field], value));
  return mutation.changes.every((change) => valuesEqual(valueAt(image, change.path), change.op === 'set' ? change.value : undefined));
}

/**
 * Every item of the four tables as DynamoDB holds it now (strongly consistent), keyed `<entity>/<key>`. The
 * resource days are main's own and never on a desk: `checkSlots` judges them.
 */
export async function scanServer(doc: AwsClients['doc'], prefix: string): Promise<ServerItems> {
  const items: ServerItems = new Map();
  for (const entity of ENTITY_NAMES) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName(entity, prefix), ConsistentRead: true, ExclusiveStartKey: start }));
      for (const raw of page.Items ?? []) {
        const item = fromSdkItem(raw);
        if (entity === 'resources' && String(item.resourceId).startsWith(RESOURCE_DAY_PREFIX)) continue;
        items.set(`${entity}/${String(item[keyAttribute(entity)])}`, { entity, item });
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

/**
 * The server's resource days against its bookings (README.md, "No double booking"): every day re-derived from the
 * bookings equals the stored one, and no two active bookings overlap on an aircraft or instructor unless saved so on purpose.
 */
export async function checkSlots(clients: AwsClients, prefix: string, problems: string[]): Promise<{ slotDrift: number; overlappingBookings: number }> {
  const report = await reconcileSlots({ clients, prefix, apply: false });
  for (const drift of report.drift) problems.push(`SLOT DRIFT ${drift.resourceId}: ${drift.problem}`);
  for (const overlap of report.overlaps) problems.push(`OVERLAP ${overlap.resourceId}: ${overlap.bookings.join(' and ')}`);
  return { slotDrift: report.drift.length, overlappingBookings: report.overlaps.length };
}

/** Each client's copy of every item equals the server's: the exact base, and the screen's parsed view. */
export function compareClients(copies: ClientCopy[], server: ServerItems, problems: string[]): number {
  let divergent = 0;
  for (const copy of copies) {
    for (const [id, { entity, item }] of server) {
      const base = copy.bases[id];
      const view = copy.views[id];
      const gone = item.deleted === true;
      const baseOk = base !== undefined && valuesEqual(base, item);
      const viewOk = gone ? view === undefined : view !== undefined && valuesEqual(view, viewOf(entity, item) as ServerItem);
      if (!baseOk || !viewOk) {
        divergent += 1;
        const stamp = (item_: ServerItem | undefined) => (item_ ? `v${stampOf(item_).version} ${String(item_.updatedAt)}${item_.deleted ? ' deleted' : ''}` : 'none');
        problems.push(`DIVERGENT ${copy.label} ${id}: base ${baseOk ? 'ok' : `${stamp(base)} vs server ${stamp(item)}`}, view ${viewOk ? 'ok' : 'differs'}`);
      }
    }
    for (const id of Object.keys(copy.views)) {
      if (!server.has(id)) {
        divergent += 1;
        problems.push(`DIVERGENT ${copy.label} shows ${id}, which the server does not have`);
      }
    }
  }
  return divergent;
}

export type History = {
  /** The image of the write that applied each mutation (`clientId:seq`). */
  appliedBy: Map<string, ServerItem>;
  /** Per item, the state before each app write: the last image of the previous version. */
  before: Map<string, ServerItem | null>;
  duplicated: number;
  resurrected: number;
  gaps: number;
};

/**
 * Every write's image per item (`entity/key`), in the order DynamoDB applied them: by version, and within a
 * version the app's write first, then the other tool's writes (which keep the version) in the order they were
 * answered. An app write is known by its history entry: its image is rebuilt from the one before it, so a
 * history entry that misstates its write shows up as a wrong image in the checks.
 */
export function itemImages(images: readonly WriteImage[]): Map<string, ServerItem[]> {
  return new Map([...orderedWrites(images)].map(([id, list]) => [id, list.map(({ image }) => image)]));
}

/** itemImages, each image with the entry it was rebuilt from (none for another tool's write). */
function orderedWrites(images: readonly WriteImage[]): Map<string, Array<{ image: ServerItem; entry?: HistoryEntry }>> {
  const byItem = new Map<string, Array<{ write: WriteImage; version: number; arrival: number }>>();
  images.forEach((write, arrival) => {
    const key = 'entry' in write ? write.entry.key : String(write.item[keyAttribute(write.entity)]);
    const version = 'entry' in write ? write.entry.version : stampOf(write.item).version;
    const id = `${write.entity}/${key}`;
    byItem.set(id, [...(byItem.get(id) ?? []), { write, version, arrival }]);
  });
  const rank = (by: WriteImage['by']) => (by === 'app' ? 0 : 1);
  const result = new Map<string, Array<{ image: ServerItem; entry?: HistoryEntry }>>();
  for (const [id, list] of byItem) {
    list.sort((a, b) => a.version - b.version || rank(a.write.by) - rank(b.write.by) || a.arrival - b.arrival);
    const replayed: Array<{ image: ServerItem; entry?: HistoryEntry }> = [];
    for (const { write } of list) {
      replayed.push('entry' in write ? { image: replayEntry(replayed.at(-1)?.image ?? null, write.entry), entry: write.entry } : { image: write.item });
    }
    result.set(id, replayed);
  }
  return result;
}

/**
 * What DynamoDB did, per item, from every write's image ordered by version (and `updatedAt` within a
 * version, for other tools' writes that do not bump it): versions run 1..V with no gap (they only
 * grew), each version bump carries exactly one new mutation sequence (none applied twice), and after a
 * tombstone every later image is a tombstone (none came back).
 */
export function checkHistory(images: WriteImage[], problems: string[]): History {
  const history: History = { appliedBy: new Map(), before: new Map(), duplicated: 0, resurrected: 0, gaps: 0 };
  for (const [id, list] of orderedWrites(images)) {
    let previous: ServerItem | null = null;
    let deleted = false;
    for (const { image, entry } of list) {
      const version = stampOf(image).version;
      const previousVersion = previous ? stampOf(previous).version : 0;
      if (deleted && image.deleted !== true) {
        history.resurrected += 1;
        problems.push(`RESURRECTED ${id} at version ${version}`);
      }
      deleted ||= image.deleted === true;
      if (version === previousVersion) {
        previous = image;
        continue;
      }
      if (version !== previousVersion + 1) {
        history.gaps += 1;
        problems.push(`VERSION GAP ${id}: ${previousVersion} -> ${version}`);
      }
      const clientSeq = (image.clientSeq ?? {}) as Record<string, number>;
      const grown = Object.keys(clientSeq).filter((clientId) => (clientSeq[clientId] ?? 0) > appliedSeqOf(previous, clientId));
      // An ops write (the upload's asset item, an adoption) is no desk's mutation: its entry names it instead.
      const byOpsWrite = entry !== undefined && entry.clientSeq === undefined && grown.length === 0;
      if (grown.length !== 1 && !byOpsWrite) {
        history.duplicated += 1;
        problems.push(`DUPLICATE or unattributed write ${id} version ${version}: ${grown.length} new mutation ids`);
      }
      for (const clientId of grown) {
        const mutationId = `${clientId}:${clientSeq[clientId]}`;
        history.appliedBy.set(mutationId, image);
        history.before.set(mutationId, previous);
      }
      previous = image;
    }
  }
  return history;
}

/**
 * A write never overwrites a value its writer had not seen: each field an applied update changed held,
 * just before, either the value the user's edit was based on or the user's own value.
 */
export function countUnseenOverwrites(history: History, mutations: Map<string, Mutation>, problems: string[]): number {
  let count = 0;
  for (const [id, before] of history.before) {
    const mutation = mutations.get(id);
    if (!mutation || mutation.kind !== 'update' || !before) continue;
    for (const change of mutation.changes) {
      const was = valueAt(before, change.path as FieldPath);
      const mine = change.op === 'set' ? change.value : undefined;
      if (!valuesEqual(was, change.base) && !valuesEqual(was, mine)) {
        count += 1;
        problems.push(`UNSEEN OVERWRITE by ${id} of ${mutation.key}.${change.path.join('.')}`);
      }
    }
  }
  return count;
}

export type HistoryTableVerdict = { entries: number; missing: number; duplicated: number; unrecorded: number };

/**
 * The history table against what DynamoDB did: every app write (its transaction's entry, recorded below any
 * fault) has exactly one entry there, and there is no entry of a write that did not happen.
 */
export async function checkHistoryTable(clients: AwsClients, prefix: string, images: readonly WriteImage[], problems: string[]): Promise<HistoryTableVerdict> {
  const stored: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.doc.send(new ScanCommand({ TableName: historyTableName(prefix), ConsistentRead: true, ExclusiveStartKey }));
    stored.push(...(page.Items ?? []).map((item) => String(item.mutationId)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const written = new Set(images.flatMap((write) => ('entry' in write ? [write.entry.mutationId] : [])));
  const counts = new Map<string, number>();
  for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1);
  const verdict: HistoryTableVerdict = { entries: stored.length, missing: 0, duplicated: 0, unrecorded: 0 };
  for (const id of written) {
    if (!counts.has(id)) {
      verdict.missing += 1;
      problems.push(`HISTORY MISSING for write ${id}`);
    }
  }
  for (const [id, count] of counts) {
    if (count > 1) {
      verdict.duplicated += 1;
      problems.push(`HISTORY DUPLICATED ${count}x for write ${id}`);
    }
    if (!written.has(id)) {
      verdict.unrecorded += 1;
      problems.push(`HISTORY of a write that did not happen: ${id}`);
    }
  }
  return verdict;
}
