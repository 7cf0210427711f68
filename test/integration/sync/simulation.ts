import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { fromSdkItem } from '../../../electron/main/aws/clients';
import { seededRandom } from '../../../electron/main/sync/fault-injection';
import { createItem, deleteItem, LocalWriteError, updateItem, type ItemPatch } from '../../../renderer/src/db/local-writes';
import type { ConflictRecord } from '../../../renderer/src/db/schema';
import { viewOf } from '../../../renderer/src/db/view';
import { discardRejected, resolveConflict, type Resolution } from '../../../renderer/src/sync/conflicts';
import { awaitInSync } from '../../../renderer/src/sync/in-sync';
import { BOOKING_STATUSES, ENTITY_NAMES, type EntityName } from '../../../shared/models';
import { appliedSeqOf, stampOf, valueAt, type FieldPath, type Mutation, type ServerItem } from '../../../shared/sync';
import { keyAttribute, tableName } from '../../../shared/tables';
import { valuesEqual, type DynamoValue } from '../../../shared/values';
import { simulatedApp, type SimulatedApp } from './clients';
import { createSyncTables, dynamoEndpoint, simulatedMain, type WriteImage } from './harness';

export type SimulationConfig = {
  clients: number;
  ops: number;
  seed: number;
  /** A running DynamoDB Local; one is started (and stopped) when absent. */
  endpoint?: string;
  /** Chance of each injected fault per DynamoDB request while the run is live. */
  faultRate?: number;
  progress?: (line: string) => void;
};

export type LedgerOutcome = 'applied' | 'conflict-shown' | 'rejected-shown' | 'lost';

/** One acknowledged local edit: what the user saved, and where it ended up. */
export type LedgerEntry = {
  client: number;
  clientId: string;
  seq: number;
  table: string;
  key: string;
  kind: Mutation['kind'];
  /** Field path (`details.notes`) to the value saved, null for a removal; the whole item for a create. */
  fields: Record<string, DynamoValue | null>;
  outcome: LedgerOutcome;
  /** The server version that holds it, for `applied`. */
  version?: number;
};

export type SimulationFigures = {
  clients: number;
  ops: number;
  seed: number;
  acknowledgedEdits: number;
  applied: number;
  conflictsShown: number;
  rejectedShown: number;
  refusedLocally: number;
  otherToolWrites: number;
  faultsInjected: number;
  lost: number;
  duplicated: number;
  divergent: number;
  unseenOverwrites: number;
  resurrected: number;
  versionGaps: number;
  items: number;
  seconds: number;
};

export type SimulationResult = { figures: SimulationFigures; ledger: LedgerEntry[]; problems: string[] };

const HOUR = 3600_000;

/**
 * The seeded multi-client simulation (issue 5): clients with skewed clocks make random creates, edits
 * and deletes, go offline and online, resolve conflicts by a seeded choice, while another tool writes
 * the seed's way and main's DynamoDB client injects resets, 5xx, throttling, lost responses and index
 * lag. Every successful DynamoDB write is recorded below the fault injector, so the checks at the end
 * rest on what DynamoDB actually did, not on what the clients were told.
 */
export async function runSimulation(config: SimulationConfig): Promise<SimulationResult> {
  const started = Date.now();
  const random = seededRandom(config.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const log = config.progress ?? (() => undefined);

  const backend = await dynamoEndpoint(config.endpoint);
  const prefix = `sim${config.seed}-${randomUUID().slice(0, 6)}-`;
  const images: WriteImage[] = [];
  const tool = simulatedMain({ endpoint: backend.endpoint, prefix, images, writer: 'tool' });
  const apps: SimulatedApp[] = [];
  try {
    await createSyncTables(tool.clients, prefix);
    const shownConflicts = new Map<string, ConflictRecord>();
    const shownRejections = new Set<string>();
    const rate = config.faultRate ?? 0.02;
    for (let i = 0; i < config.clients; i++) {
      apps.push(
        await simulatedApp({
          endpoint: backend.endpoint,
          prefix,
          clockSkewMs: Math.round((random() * 4 - 2) * HOUR),
          overlapMs: 10_000,
          images,
          random: seededRandom(config.seed * 1000 + i),
          faults: {
            seed: config.seed * 1000 + i,
            indexLagMs: 300,
            probabilities: { connectionReset: rate, internalError: rate, serviceUnavailable: rate, throttling: rate, lostResponse: rate },
          },
          conflictHandler: (conflict) => {
            shownConflicts.set(`${conflict.mine.clientId}:${conflict.seq}`, conflict);
            return null;
          },
        }),
      );
    }
    const ledger: LedgerEntry[] = [];
    const mutations = new Map<string, Mutation>();
    const acknowledge = (client: number, mutation: Mutation | null) => {
      if (!mutation) return;
      mutations.set(`${mutation.clientId}:${mutation.seq}`, mutation);
      ledger.push({
        client,
        clientId: mutation.clientId,
        seq: mutation.seq,
        table: tableName(mutation.entity, ''),
        key: mutation.key,
        kind: mutation.kind,
        fields: fieldsOf(mutation),
        outcome: 'lost',
      });
    };
    let refusedLocally = 0;
    let otherToolWrites = 0;
    const online = apps.map(() => true);
    const cycles: Array<Promise<unknown>> = [];
    const keys: Record<'users' | 'bookings', string[]> = { users: [], bookings: [] };

    const resolveWithSeededChoice = async (client: number, conflict: ConflictRecord) => {
      const app = apps[client] as SimulatedApp;
      const who = `staff-${client}`;
      const gone = conflict.reason === 'deleted' || conflict.reason === 'missing' || !conflict.theirs || conflict.theirs.deleted === true;
      let resolution: Resolution = { kind: 'theirs' };
      const choice = random();
      if (!gone && choice < 0.4) resolution = { kind: 'mine' };
      else if (!gone && choice < 0.7 && conflict.mine.kind === 'update') resolution = { kind: 'merged', patch: mergedPatch(conflict.mine, random) };
      try {
        acknowledge(client, await resolveConflict(app.db, conflict.seq, resolution, who));
      } catch (error) {
        if (!(error instanceof LocalWriteError)) throw error;
        // Their version moved again (stale), or mine no longer fits: the next round asks again.
      }
    };

    for (let op = 0; op < config.ops; op++) {
      const client = int(apps.length);
      const app = apps[client] as SimulatedApp;
      const who = `staff-${client}`;
      const roll = random();
      try {
        if (roll < 0.15) {
          const entity = random() < 0.7 ? 'bookings' : 'users';
          const collide = random() < 0.05 && keys[entity].length > 0;
          const key = collide ? pick(keys[entity]) : `${entity[0]}-${config.seed}-${op}`;
          if (!collide) keys[entity].push(key);
          acknowledge(client, await createItem(app.db, entity, newItem(entity, key, op, random, keys.users), who));
        } else if (roll < 0.55) {
          const entity = random() < 0.7 ? 'bookings' : 'users';
          const key = await randomKey(app, entity, random);
          if (key) acknowledge(client, await updateItem(app.db, entity, key, randomPatch(entity, client, op, random), who));
        } else if (roll < 0.6) {
          const entity = random() < 0.7 ? 'bookings' : 'users';
          const key = await randomKey(app, entity, random);
          if (key) acknowledge(client, await deleteItem(app.db, entity, key, who));
        } else if (roll < 0.82) {
          cycles.push(app.sync.syncNow());
        } else if (roll < 0.86) {
          online[client] = !online[client];
          app.main.setOnline(online[client] as boolean);
        } else if (roll < 0.9) {
          const key = keys.bookings.length > 0 ? pick(keys.bookings) : null;
          if (key && (await otherToolWrite(tool.clients.doc, prefix, key, op))) otherToolWrites += 1;
        } else if (roll < 0.93) {
          const conflict = await app.db.conflicts.toCollection().first();
          if (conflict) await resolveWithSeededChoice(client, conflict);
        } else {
          const rejected = await app.db.outbox.where('state').equals('parked-rejected').first();
          if (rejected) {
            shownRejections.add(`${rejected.mutation.clientId}:${rejected.seq}`);
            await discardRejected(app.db, rejected.seq);
          } else {
            cycles.push(app.sync.syncNow());
          }
        }
      } catch (error) {
        if (!(error instanceof LocalWriteError)) throw error;
        refusedLocally += 1;
      }
      if (cycles.length >= 8) await Promise.all(cycles.splice(0));
      if (op % 500 === 499) log(`op ${op + 1}/${config.ops}: ${ledger.length} edits, ${images.length} writes`);
    }
    await Promise.all(cycles.splice(0));

    // Everyone back online, the network and DynamoDB healthy again; users resolve every conflict.
    log('settling: all clients online, faults off, conflicts resolved by seeded choice');
    apps.forEach((app, i) => {
      app.main.setOnline(true);
      app.main.faults.disable();
      online[i] = true;
    });
    for (let round = 0; ; round++) {
      if (round > 50) throw new Error('the clients did not settle in 50 rounds');
      let quiet = true;
      for (const [client, app] of apps.entries()) {
        await awaitInSync(app.sync);
        for (const conflict of await app.db.conflicts.toArray()) {
          quiet = false;
          await resolveWithSeededChoice(client, conflict);
        }
        for (const rejected of await app.db.outbox.where('state').equals('parked-rejected').toArray()) {
          quiet = false;
          shownRejections.add(`${rejected.mutation.clientId}:${rejected.seq}`);
          await discardRejected(app.db, rejected.seq);
        }
        const check = await app.sync.syncNow();
        if (check.pushed > 0 || check.pulledChanged > 0 || check.pending > 0 || check.failure) quiet = false;
      }
      if (quiet) break;
    }

    const problems: string[] = [];
    const server = await scanServer(tool.clients.doc, prefix);
    const divergent = await compareClients(apps, server, problems);
    const history = checkHistory(images, problems);
    let lost = 0;
    for (const entry of ledger) {
      const id = `${entry.clientId}:${entry.seq}`;
      const applied = history.appliedBy.get(id);
      const mutation = mutations.get(id) as Mutation;
      const finalItem = server.get(`${mutation.entity}/${mutation.key}`)?.item;
      // A delete's intent also holds when someone else deleted the item first (a tombstone never comes back).
      const deletedAnyway = mutation.kind === 'delete' && finalItem?.deleted === true && !applied && !shownConflicts.has(id);
      if ((applied && holdsIntent(applied, mutation)) || deletedAnyway) {
        entry.outcome = 'applied';
        entry.version = stampOf(applied ?? (finalItem as ServerItem)).version;
        const shown = shownConflicts.get(id);
        if (shown) problems.push(`${id} ${mutation.kind} ${mutation.key} was applied (v${stampOf(applied ?? {}).version}) and also shown as a ${shown.reason} conflict against v${stampOf(shown.theirs ?? {}).version}`);
      } else if (shownConflicts.has(id)) {
        entry.outcome = 'conflict-shown';
      } else if (shownRejections.has(id)) {
        entry.outcome = 'rejected-shown';
      } else {
        lost += 1;
        problems.push(`LOST ${id} ${entry.kind} ${entry.table} ${entry.key}: ${applied ? 'written without its values' : 'never written, never shown'}`);
      }
    }
    const unseenOverwrites = countUnseenOverwrites(history, mutations, problems);
    const figures: SimulationFigures = {
      clients: config.clients,
      ops: config.ops,
      seed: config.seed,
      acknowledgedEdits: ledger.length,
      applied: ledger.filter((entry) => entry.outcome === 'applied').length,
      conflictsShown: ledger.filter((entry) => entry.outcome === 'conflict-shown').length,
      rejectedShown: ledger.filter((entry) => entry.outcome === 'rejected-shown').length,
      refusedLocally,
      otherToolWrites,
      faultsInjected: apps.reduce((sum, app) => sum + Object.values(app.main.faults.counts).reduce((a, b) => a + b, 0), 0),
      lost,
      duplicated: history.duplicated,
      divergent,
      unseenOverwrites,
      resurrected: history.resurrected,
      versionGaps: history.gaps,
      items: server.size,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    return { figures, ledger, problems };
  } finally {
    for (const app of apps) app.close();
    tool.clients.destroy();
    await backend.stop();
  }
}

function fieldsOf(mutation: Mutation): Record<string, DynamoValue | null> {
  if (mutation.kind === 'create') return { ...mutation.item };
  if (mutation.kind === 'delete') return { deleted: true };
  return Object.fromEntries(mutation.changes.map((change) => [change.path.join('.'), change.op === 'set' ? change.value : null]));
}

/** Whether the image of the write that applied a mutation holds what the user saved. */
function holdsIntent(image: ServerItem, mutation: Mutation): boolean {
  if (mutation.kind === 'delete') return image.deleted === true;
  if (mutation.kind === 'create') return Object.entries(mutation.item).every(([field, value]) => valuesEqual(image[field], value));
  return mutation.changes.every((change) => valuesEqual(valueAt(image, change.path), change.op === 'set' ? change.value : undefined));
}

function newItem(entity: 'users' | 'bookings', key: string, op: number, random: () => number, users: string[]): Record<string, unknown> {
  const createdAt = new Date().toISOString();
  if (entity === 'users') {
    return { userId: key, email: `${key}@example.com`, name: `Pilot ${op}`, role: random() < 0.8 ? 'customer' : 'instructor', createdAt };
  }
  return {
    bookingId: key,
    userId: users.length > 0 ? (users[Math.floor(random() * users.length)] as string) : 'u-none',
    serviceType: ['Flight Training', 'Checkride', 'Aircraft Rental', 'Ground School'][Math.floor(random() * 4)],
    bookingDate: `2026-12-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    bookingTime: `${String(7 + Math.floor(random() * 12)).padStart(2, '0')}:${random() < 0.5 ? '00' : '30'}`,
    status: 'pending',
    details: { duration: 60, notes: `created at op ${op}` },
    paymentInfo: { amount: { $n: `${Math.floor(random() * 1e6)}.${Math.floor(random() * 100)}` }, currency: 'GBP' },
    createdAt,
  };
}

function randomPatch(entity: 'users' | 'bookings', client: number, op: number, random: () => number): ItemPatch {
  const tag = `c${client}-op${op}`;
  const roll = random();
  if (entity === 'users') {
    if (roll < 0.4) return { name: `Pilot ${tag}` };
    if (roll < 0.7) return { phoneNumber: `+44 ${1000 + op}` };
    return { preferences: { theme: random() < 0.5 ? 'light' : 'dark', [`note-${client}`]: tag } };
  }
  if (roll < 0.3) return { status: BOOKING_STATUSES[Math.floor(random() * BOOKING_STATUSES.length)] };
  if (roll < 0.6) return { details: { notes: tag } };
  if (roll < 0.75) return { bookingTime: `${String(7 + Math.floor(random() * 12)).padStart(2, '0')}:15` };
  if (roll < 0.9) return { details: { aircraft: `G-${tag}` }, paymentInfo: { amount: { $n: `${op}.${client}5` } } };
  return { details: { notes: undefined } };
}

function mergedPatch(mine: Extract<Mutation, { kind: 'update' }>, random: () => number): ItemPatch {
  const patch: Record<string, DynamoValue | Record<string, DynamoValue | undefined> | undefined> = {};
  for (const change of mine.changes) {
    if (random() < 0.5) continue;
    const value = change.op === 'set' ? change.value : undefined;
    const [top, child] = change.path;
    if (child === undefined) patch[top] = value;
    else patch[top] = { ...((patch[top] as Record<string, DynamoValue | undefined>) ?? {}), [child]: value };
  }
  return patch as ItemPatch;
}

async function randomKey(app: SimulatedApp, entity: 'users' | 'bookings', random: () => number): Promise<string | null> {
  const keys = await app.db.items(entity).toCollection().primaryKeys();
  return keys.length > 0 ? (keys[Math.floor(random() * keys.length)] as string) : null;
}

/** Another tool's write, the seed's way: sets a field and `updatedAt`, no version (only on live items). */
async function otherToolWrite(doc: SimulatedApp['main']['clients']['doc'], prefix: string, key: string, op: number): Promise<boolean> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName('bookings', prefix),
        Key: { bookingId: key },
        UpdateExpression: 'SET #s = :s, updatedAt = :u',
        ConditionExpression: 'attribute_exists(bookingId) AND attribute_not_exists(deleted)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': op % 2 === 0 ? 'confirmed' : 'cancelled', ':u': new Date().toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

async function scanServer(doc: SimulatedApp['main']['clients']['doc'], prefix: string): Promise<Map<string, { entity: EntityName; item: ServerItem }>> {
  const items = new Map<string, { entity: EntityName; item: ServerItem }>();
  for (const entity of ENTITY_NAMES) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName(entity, prefix), ConsistentRead: true, ExclusiveStartKey: start }));
      for (const raw of page.Items ?? []) {
        const item = fromSdkItem(raw);
        items.set(`${entity}/${String(item[keyAttribute(entity)])}`, { entity, item });
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

/** Each client's copy of every item equals the server's: the exact base, and the screen's parsed view. */
async function compareClients(apps: SimulatedApp[], server: Map<string, { entity: EntityName; item: ServerItem }>, problems: string[]): Promise<number> {
  let divergent = 0;
  for (const [client, app] of apps.entries()) {
    for (const [id, { entity, item }] of server) {
      const key = String(item[keyAttribute(entity)]);
      const base = await app.db.bases.get([entity, key]);
      const view = await app.db.items(entity).get(key);
      const gone = item.deleted === true;
      const baseOk = base !== undefined && valuesEqual(base.item, item);
      const viewOk = gone ? view === undefined : view !== undefined && valuesEqual(view as ServerItem, viewOf(entity, item) as ServerItem);
      if (!baseOk || !viewOk) {
        divergent += 1;
        const stamp = (copy: ServerItem | undefined) => (copy ? `v${stampOf(copy).version} ${String(copy.updatedAt)}${copy.deleted ? ' deleted' : ''}` : 'none');
        problems.push(`DIVERGENT client ${client} ${id}: base ${baseOk ? 'ok' : `${stamp(base?.item)} vs server ${stamp(item)}`}, view ${viewOk ? 'ok' : 'differs'}`);
      }
    }
    if (divergent > 0 && process.env.PF_SIM_DEBUG) problems.push(`client ${client} checkpoints ${JSON.stringify(await app.db.checkpoints.toArray())}`);
    for (const entity of ENTITY_NAMES) {
      for (const key of await app.db.items(entity).toCollection().primaryKeys()) {
        if (!server.has(`${entity}/${String(key)}`)) {
          divergent += 1;
          problems.push(`DIVERGENT client ${client} shows ${entity}/${String(key)}, which the server does not have`);
        }
      }
    }
  }
  return divergent;
}

type History = {
  /** The image of the write that applied each mutation (`clientId:seq`). */
  appliedBy: Map<string, ServerItem>;
  /** Per item, the state before each app write: the last image of the previous version. */
  before: Map<string, ServerItem | null>;
  duplicated: number;
  resurrected: number;
  gaps: number;
};

/**
 * What DynamoDB did, per item, from every write's image ordered by version (and `updatedAt` within a
 * version, for other tools' writes that do not bump it): versions run 1..V with no gap (they only
 * grew), each version bump carries exactly one new mutation sequence (none applied twice), and after a
 * tombstone every later image is a tombstone (none came back).
 */
function checkHistory(images: WriteImage[], problems: string[]): History {
  const history: History = { appliedBy: new Map(), before: new Map(), duplicated: 0, resurrected: 0, gaps: 0 };
  const byItem = new Map<string, Array<{ item: ServerItem; by: WriteImage['by']; arrival: number }>>();
  images.forEach(({ entity, item, by }, arrival) => {
    const id = `${entity}/${String(item[keyAttribute(entity)])}`;
    byItem.set(id, [...(byItem.get(id) ?? []), { item, by, arrival }]);
  });
  const rank = (by: WriteImage['by']) => (by === 'app' ? 0 : 1);
  for (const [id, list] of byItem) {
    // Within a version, the app's write made it and the other tool's writes (which keep the version) came
    // after, one at a time, in the order they were answered.
    list.sort((a, b) => stampOf(a.item).version - stampOf(b.item).version || rank(a.by) - rank(b.by) || a.arrival - b.arrival);
    let previous: ServerItem | null = null;
    let deleted = false;
    for (const { item: image } of list) {
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
      if (grown.length !== 1) {
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
function countUnseenOverwrites(history: History, mutations: Map<string, Mutation>, problems: string[]): number {
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
