import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { seededRandom } from '@shared/random';
import { createItem, deleteItem, LocalWriteError, updateItem } from '@renderer/db/local-writes';
import type { ConflictRecord } from '@renderer/db/schema';
import { discardRejected, resolveConflict, type Resolution } from '@renderer/sync/conflicts';
import { awaitInSync } from '@renderer/sync/in-sync';
import { BOOKING_STATUSES, defaultSchoolSettings, SCHOOL_SETTINGS_ID, WEEKDAYS } from '@shared/models';
import type { ItemPatch, Mutation } from '@shared/sync';
import { tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { aBooking, aUser } from '@test/support/builders';
import { copyOfDb } from '@test/support/client-copy';
import { checkHistory, checkHistoryTable, checkSlots, compareClients, countUnseenOverwrites, fieldsOf, judgeEdit, scanServer, type HistoryTableVerdict, type LedgerOutcome } from '@test/support/sync-verdict';
import { simulatedApp, type SimulatedApp } from './clients';
import { createSyncTables, dynamoEndpoint, simulatedMain, type WriteImage } from './harness';

export type { LedgerOutcome };

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

/** The ledger's record of a mutation a client acknowledged, with its judged outcome. */
export function ledgerEntry(client: number, mutation: Mutation, judged: { outcome: LedgerOutcome; version?: number }): LedgerEntry {
  return {
    client,
    clientId: mutation.clientId,
    seq: mutation.seq,
    table: tableName(mutation.entity, ''),
    key: mutation.key,
    kind: mutation.kind,
    fields: fieldsOf(mutation),
    outcome: judged.outcome,
    ...(judged.version === undefined ? {} : { version: judged.version }),
  };
}

export type SimulationFigures = {
  clients: number;
  ops: number;
  seed: number;
  acknowledgedEdits: number;
  applied: number;
  conflictsShown: number;
  /** Of the acknowledged edits and shown conflicts, those of the Resources table (the school's settings, aircraft). */
  resourceEdits: number;
  resourceConflictsShown: number;
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
  /** Resource days that differ from the bookings, and pairs of active bookings overlapping on a resource (shared/slots). */
  slotDrift: number;
  overlappingBookings: number;
  /** The history table against the writes DynamoDB did: entries, and writes without or with more than one. */
  history: HistoryTableVerdict;
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
      ledger.push(ledgerEntry(client, mutation, { outcome: 'lost' }));
    };
    let refusedLocally = 0;
    let otherToolWrites = 0;
    const online = apps.map(() => true);
    const cycles: Array<Promise<unknown>> = [];
    const keys: Record<SimEntity, string[]> = { resources: [], users: [], bookings: [] };
    // Mostly bookings; the school's settings item and its aircraft are edited by every desk now and then.
    const pickEntity = (): SimEntity => {
      const which = random();
      return which < 0.6 ? 'bookings' : which < 0.85 ? 'users' : 'resources';
    };

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

    // Whatever the machine's speed made of the random part, every desk then changes the school's time zone on the
    // same version: the first push wins, every other desk is shown a conflict on a resource.
    const contendForSettings = async () => {
      for (const app of apps) await awaitInSync(app.sync);
      if (!(await apps[0]?.db.items('resources').get(SCHOOL_SETTINGS_ID))) {
        acknowledge(0, await createItem((apps[0] as SimulatedApp).db, 'resources', newItem('resources', SCHOOL_SETTINGS_ID, config.ops, random, keys.users), 'staff-0'));
        for (const app of apps) await awaitInSync(app.sync);
      }
      for (const [client, app] of apps.entries()) {
        try {
          acknowledge(client, await updateItem(app.db, 'resources', SCHOOL_SETTINGS_ID, { timeZone: ZONES[client % ZONES.length] as string }, `staff-${client}`));
        } catch (error) {
          if (!(error instanceof LocalWriteError)) throw error;
          refusedLocally += 1;
        }
      }
      for (const app of apps) await awaitInSync(app.sync);
    };

    for (let op = 0; op < config.ops; op++) {
      const client = int(apps.length);
      const app = apps[client] as SimulatedApp;
      const who = `staff-${client}`;
      const roll = random();
      try {
        if (roll < 0.15) {
          const entity = pickEntity();
          const collide = random() < 0.05 && keys[entity].length > 0;
          // Every desk may create the settings item: its typed id is one key, so only one create wins.
          const fresh = entity === 'resources' ? (random() < 0.3 ? SCHOOL_SETTINGS_ID : `aircraft#G-${config.seed}-${op}`) : `${entity[0]}-${config.seed}-${op}`;
          const key = collide ? pick(keys[entity]) : fresh;
          if (!collide) keys[entity].push(key);
          acknowledge(client, await createItem(app.db, entity, newItem(entity, key, op, random, keys.users), who));
        } else if (roll < 0.55) {
          const entity = pickEntity();
          const key = await randomKey(app, entity, random);
          if (key) acknowledge(client, await updateItem(app.db, entity, key, randomPatch(entity, client, op, random, key), who));
        } else if (roll < 0.6) {
          const entity = pickEntity();
          const key = await randomKey(app, entity, random);
          // The settings item is never deleted by the office (its key would stay taken by the tombstone).
          if (key && key !== SCHOOL_SETTINGS_ID) acknowledge(client, await deleteItem(app.db, entity, key, who));
        } else if (roll < 0.82) {
          cycles.push(app.sync.syncNow());
        } else if (roll < 0.86) {
          online[client] = !online[client];
          app.main.setOnline(online[client] as boolean);
        } else if (roll < 0.9) {
          // A booking the server holds now (one only created locally may not have been pushed yet).
          const onServer = await liveServerBookings(tool.clients.doc, prefix);
          const key = onServer.length > 0 ? pick(onServer) : null;
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
    await contendForSettings();
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
    const divergent = compareClients(await Promise.all(apps.map((app, client) => copyOfDb(app.db, `client ${client}`))), server, problems);
    if (divergent > 0 && process.env.PF_SIM_DEBUG) {
      for (const [client, app] of apps.entries()) problems.push(`client ${client} checkpoints ${JSON.stringify(await app.db.checkpoints.toArray())}`);
    }
    const history = checkHistory(images, problems);
    let lost = 0;
    for (const entry of ledger) {
      const id = `${entry.clientId}:${entry.seq}`;
      const judged = judgeEdit(mutations.get(id) as Mutation, { history, server, shownConflict: shownConflicts.get(id), shownRejection: shownRejections.has(id) }, problems);
      entry.outcome = judged.outcome;
      if (judged.version !== undefined) entry.version = judged.version;
      if (judged.outcome === 'lost') lost += 1;
    }
    const unseenOverwrites = countUnseenOverwrites(history, mutations, problems);
    const historyTable = await checkHistoryTable(tool.clients, prefix, images, problems);
    const slots = await checkSlots(tool.clients, prefix, problems);
    const figures: SimulationFigures = {
      clients: config.clients,
      ops: config.ops,
      seed: config.seed,
      acknowledgedEdits: ledger.length,
      applied: ledger.filter((entry) => entry.outcome === 'applied').length,
      conflictsShown: ledger.filter((entry) => entry.outcome === 'conflict-shown').length,
      resourceEdits: ledger.filter((entry) => entry.table === tableName('resources', '')).length,
      resourceConflictsShown: ledger.filter((entry) => entry.table === tableName('resources', '') && entry.outcome === 'conflict-shown').length,
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
      ...slots,
      history: historyTable,
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

type SimEntity = 'resources' | 'users' | 'bookings';
const ZONES = ['Europe/London', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo'];

export function newItem(entity: SimEntity, key: string, op: number, random: () => number, users: string[]): Record<string, unknown> {
  const createdAt = new Date().toISOString();
  if (entity === 'resources') {
    if (key !== SCHOOL_SETTINGS_ID) return { resourceId: key, resourceType: 'aircraft', name: `Aircraft ${op}`, createdAt };
    return { resourceId: key, resourceType: 'school-settings', ...defaultSchoolSettings(ZONES[Math.floor(random() * ZONES.length)] as string), createdAt };
  }
  if (entity === 'users') {
    return aUser({ userId: key, email: `${key}@example.com`, name: `Pilot ${op}`, role: random() < 0.8 ? 'customer' : 'instructor', createdAt });
  }
  return aBooking({
    bookingId: key,
    userId: users.length > 0 ? (users[Math.floor(random() * users.length)] as string) : 'u-none',
    serviceType: ['Flight Training', 'Checkride', 'Aircraft Rental', 'Ground School'][Math.floor(random() * 4)] as string,
    bookingDate: `2026-12-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    bookingTime: `${String(7 + Math.floor(random() * 12)).padStart(2, '0')}:${random() < 0.5 ? '00' : '30'}`,
    status: 'pending',
    details: { duration: 60, notes: `created at op ${op}` },
    paymentInfo: { amount: { $n: `${Math.floor(random() * 1e6)}.${Math.floor(random() * 100)}` }, currency: 'GBP' },
    createdAt,
  });
}

/** The fleet the simulated desks share. */
const SHARED_AIRCRAFT = ['G-SIMA', 'G-SIMB', 'G-SIMC'];

export function randomPatch(entity: SimEntity, client: number, op: number, random: () => number, key = ''): ItemPatch {
  const tag = `c${client}-op${op}`;
  const roll = random();
  if (entity === 'resources') {
    if (key !== SCHOOL_SETTINGS_ID) return { name: `Aircraft ${tag}` };
    // The settings' fields as the Settings screen changes them: the zone, one day's hours, the defaults whole.
    if (roll < 0.35) return { timeZone: ZONES[Math.floor(random() * ZONES.length)] as string };
    if (roll < 0.7) return { openingHours: { [WEEKDAYS[Math.floor(random() * WEEKDAYS.length)] as string]: { open: `0${6 + Math.floor(random() * 4)}:00`, close: `${17 + Math.floor(random() * 5)}:30` } } };
    return { bookingDefaults: { durationMinutes: 30 + Math.floor(random() * 6) * 15, serviceType: `service-${tag}` } };
  }
  if (entity === 'users') {
    if (roll < 0.4) return { name: `Pilot ${tag}` };
    if (roll < 0.7) return { phoneNumber: `+44 ${1000 + op}` };
    return { preferences: { theme: random() < 0.5 ? 'light' : 'dark', [`note-${client}`]: tag } };
  }
  if (roll < 0.3) return { status: BOOKING_STATUSES[Math.floor(random() * BOOKING_STATUSES.length)] };
  if (roll < 0.6) return { details: { notes: tag } };
  if (roll < 0.75) return { bookingTime: `${String(7 + Math.floor(random() * 12)).padStart(2, '0')}:15` };
  // A few aircraft every desk books (the register's), so desks race for the same slots and the server must refuse the clashes.
  if (roll < 0.9) return { details: { aircraft: SHARED_AIRCRAFT[op % SHARED_AIRCRAFT.length] as string }, paymentInfo: { amount: { $n: `${op}.${client}5` } } };
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

async function randomKey(app: SimulatedApp, entity: SimEntity, random: () => number): Promise<string | null> {
  const keys = await app.db.items(entity).toCollection().primaryKeys();
  return keys.length > 0 ? (keys[Math.floor(random() * keys.length)] as string) : null;
}

/** Another tool's write, the seed's way: sets a field and `updatedAt`, no version (only on live items). */
/** Keys of live bookings on the server, in key order so the seeded pick stays reproducible. */
async function liveServerBookings(doc: SimulatedApp['main']['clients']['doc'], prefix: string): Promise<string[]> {
  const { Items = [] } = await doc.send(
    new ScanCommand({ TableName: tableName('bookings', prefix), ProjectionExpression: 'bookingId, deleted', ConsistentRead: true }),
  );
  return Items.filter((item) => item.deleted !== true).map((item) => String(item.bookingId)).sort();
}

async function otherToolWrite(doc: SimulatedApp['main']['clients']['doc'], prefix: string, key: string, op: number): Promise<boolean> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName('bookings', prefix),
        Key: { bookingId: key },
        UpdateExpression: 'SET #s = :s, updatedAt = :u',
        ConditionExpression: 'attribute_exists(bookingId) AND attribute_not_exists(deleted)',
        ExpressionAttributeNames: { '#s': 'status' },
        // Between two statuses that both hold the booking's slots: a tool's write never updates the resource days
        // (README.md, "No double booking": `db:reconcile-slots` mends what a tool's cancel leaves held).
        ExpressionAttributeValues: { ':s': op % 2 === 0 ? 'confirmed' : 'pending', ':u': new Date().toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

