import Dexie, { type Table, type Transaction } from 'dexie';
import type { EntityName, EntityOf } from '@shared/models';
import type { Checkpoint, ConflictReason, FieldPath, Mutation, ServerItem } from '@shared/sync';
import type { SlotClash } from '@shared/slots';
import { upgradeToOneRecord } from './upgrades';

/**
 * A cached item as the screens see it: the server's item with this client's pending mutations on top,
 * parsed by its entity schema (defaults applied). The server's exact copy is kept in `bases`.
 */
export type LocalItem<E extends EntityName = EntityName> = EntityOf<E>;

export const OUTBOX_STATES = ['pending', 'in-flight', 'parked-conflict', 'parked-rejected'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One local mutation waiting for the server, keyed by its sequence (the push order). */
export type OutboxEntry = {
  seq: number;
  entity: EntityName;
  key: string;
  mutation: Mutation;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  /** Local time (ms) before which the entry is not retried (backoff). */
  notBefore: number;
  /** Local ISO time of the edit, shown in the UI. */
  createdAt: string;
};

/**
 * The server's last version of an item where its view cannot stand for it (server-copy.ts): while it has
 * outbox entries (the base of rebase and three-way merge), a tombstone, or an item its parse changes.
 */
export type BaseRecord = {
  entity: EntityName;
  key: string;
  item: ServerItem;
};

/** An item a full resync's Scan read (by run): what no mark names at the end is gone from the table. */
export type ScanMarkRecord = { entity: EntityName; key: string; runId: string };

/** A mutation the server refused because someone else changed the same thing: shown until resolved. */
export type ConflictRecord = {
  /** The conflicted mutation's sequence. */
  seq: number;
  entity: EntityName;
  key: string;
  reason: ConflictReason;
  paths: FieldPath[];
  /** My intent: the mutation, with each change's base value. */
  mine: Mutation;
  /** Their item as the server holds it (null: no such item). */
  theirs: ServerItem | null;
  /** For a `clash`: the slots other bookings hold that mine overlaps (shared/slots). */
  clashes?: SlotClash[];
  /** The server version my edit was made on, when this client still had it. */
  base: ServerItem | null;
  /** Who wrote theirs, and when (server time). */
  theirsBy: string | null;
  theirsAt: string | null;
  detectedAt: string;
};

/** A server item that does not fit the entity schema: kept aside, never applied, never blocking. */
export type QuarantineRecord = { entity: EntityName; key: string; reason: string; item: ServerItem; at: string };

/** Sync positions: `delta:<entity>` holds the pull checkpoint, `scan:<entity>` an initial sync in progress. */
export type CheckpointRecord =
  | { id: `delta:${EntityName}`; checkpoint: Checkpoint }
  | { id: `scan:${EntityName}`; scan: ScanState };

export type ScanState = {
  runId: string;
  /** Taken before the first page: the delta pull continues from here once every segment is done. */
  checkpoint: Checkpoint;
  /** A full resync also removes local items the Scan no longer finds (their tombstones expired). */
  fullResync: boolean;
  segments: Array<{ exclusiveStartKey: Record<string, string> | null; done: boolean; items: number }>;
};

export type MetaRecord = { key: string; value: unknown };

/**
 * Store definitions by schema version. Dexie upgrades in place and keeps every store not redefined,
 * so the outbox and pending changes survive an upgrade (tested). Add a version; never edit an old one.
 */
export const SCHEMA_VERSIONS: Record<number, Record<string, string>> = {
  1: {
    users: 'userId, email, role, updatedAt',
    bookings: 'bookingId, userId, [userId+bookingDate], bookingDate, status, updatedAt',
    assets: 'assetId, userId, assetType, updatedAt',
    outbox: 'seq, state, [entity+key]',
    bases: '[entity+key], entity',
    checkpoints: 'id',
    conflicts: 'seq, [entity+key], detectedAt',
    quarantine: '[entity+key], entity',
    meta: 'key',
  },
  2: {
    users: 'userId, email, role, name, updatedAt',
    bookings: 'bookingId, userId, [userId+bookingDate], bookingDate, status, serviceType, updatedAt',
    assets: 'assetId, userId, [userId+createdAt], assetType, [assetType+createdAt], createdAt, updatedAt',
  },
  /** The school's resources (PilotForce-Resources): settings now, the fleet later. */
  3: {
    resources: 'resourceId, resourceType, updatedAt',
  },
  /** One record per item where the view stands for the server's copy (`upgradeToOneRecord`). */
  4: {
    scanMarks: '[entity+key], entity',
  },
};

/** Data moves that go with a schema version, run by Dexie in the upgrade's own transaction. */
const SCHEMA_UPGRADES: Record<number, (tx: Transaction) => Promise<void>> = { 4: upgradeToOneRecord };

export class PilotForceDb extends Dexie {
  resources!: Table<LocalItem<'resources'>, string>;
  users!: Table<LocalItem<'users'>, string>;
  bookings!: Table<LocalItem<'bookings'>, string>;
  assets!: Table<LocalItem<'assets'>, string>;
  outbox!: Table<OutboxEntry, number>;
  bases!: Table<BaseRecord, [EntityName, string]>;
  checkpoints!: Table<CheckpointRecord, string>;
  conflicts!: Table<ConflictRecord, number>;
  quarantine!: Table<QuarantineRecord, [EntityName, string]>;
  scanMarks!: Table<ScanMarkRecord, [EntityName, string]>;
  meta!: Table<MetaRecord, string>;

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const [version, stores] of Object.entries(SCHEMA_VERSIONS)) {
      const defined = this.version(Number(version)).stores(stores);
      const upgrade = SCHEMA_UPGRADES[Number(version)];
      if (upgrade) defined.upgrade(upgrade);
    }
  }

  /** The store holding the cached items of one entity. */
  items<E extends EntityName>(entity: E): Table<LocalItem<E>, string> {
    return this[entity] as unknown as Table<LocalItem<E>, string>;
  }
}

export const DEFAULT_DB_NAME = 'pilotforce';

/** Opens (creating or upgrading) the local database; tests give each simulated client its own name. */
export async function openPilotForceDb(name = DEFAULT_DB_NAME): Promise<PilotForceDb> {
  const db = new PilotForceDb(name);
  await db.open();
  return db;
}
