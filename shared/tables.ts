import type { EntityName } from './models';

/**
 * The one place that names the tables, their keys and their indexes. The seed's names, keys and
 * GSIs are kept exactly; what this app adds is marked.
 */
export type AttributeType = 'S' | 'N';
export type KeyAttribute = { name: string; type: AttributeType };
export type IndexDefinition = {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Why the index exists: the access pattern it serves. */
  purpose: string;
  addedByApp: boolean;
};
/** What provisioning creates: the synced tables and the history table. */
export type ProvisionedTable = {
  baseName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes: readonly IndexDefinition[];
  /** TTL attribute (tombstones expire; README.md, "Data model"). */
  ttlAttribute: 'expiresAt';
};
export type TableDefinition = ProvisionedTable & { entity: EntityName; indexes: IndexDefinition[] };

/** Number of sync buckets: the partition key of every SyncIndex. Small, since an empty Query still costs 0.5 RCU. */
export const SYNC_BUCKETS = 4;
export const SYNC_INDEX_NAME = 'SyncIndex';

const syncIndex: IndexDefinition = {
  name: SYNC_INDEX_NAME,
  partitionKey: { name: 'syncBucket', type: 'N' },
  sortKey: { name: 'updatedAt', type: 'S' },
  purpose: 'delta pull: items changed since a cursor, tombstones included, without a Scan',
  addedByApp: true,
};

export const TABLES: Record<EntityName, TableDefinition> = {
  /** Added by the app: the school's own resources (settings, fleet), keyed by a typed id (shared/models/resource.ts). */
  resources: {
    entity: 'resources',
    baseName: 'PilotForce-Resources',
    partitionKey: { name: 'resourceId', type: 'S' },
    indexes: [
      {
        name: 'ResourceTypeIndex',
        partitionKey: { name: 'resourceType', type: 'S' },
        sortKey: { name: 'resourceId', type: 'S' },
        purpose: 'resources of one type (the fleet, the instructors) in id order, as a Query',
        addedByApp: true,
      },
      syncIndex,
    ],
    ttlAttribute: 'expiresAt',
  },
  users: {
    entity: 'users',
    baseName: 'PilotForce-Users',
    partitionKey: { name: 'userId', type: 'S' },
    indexes: [syncIndex],
    ttlAttribute: 'expiresAt',
  },
  bookings: {
    entity: 'bookings',
    baseName: 'PilotForce-Bookings',
    partitionKey: { name: 'bookingId', type: 'S' },
    indexes: [
      {
        name: 'UserBookingIndex',
        partitionKey: { name: 'userId', type: 'S' },
        sortKey: { name: 'bookingDate', type: 'S' },
        purpose: "the seed's bookings of a user, and of a user on a date",
        addedByApp: false,
      },
      syncIndex,
    ],
    ttlAttribute: 'expiresAt',
  },
  assets: {
    entity: 'assets',
    baseName: 'PilotForce-Assets',
    partitionKey: { name: 'assetId', type: 'S' },
    indexes: [
      {
        name: 'AssetTypeIndex',
        partitionKey: { name: 'assetType', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
        purpose: "the seed's assets by type",
        addedByApp: false,
      },
      {
        name: 'UserAssetIndex',
        partitionKey: { name: 'userId', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
        purpose: "assets of a user as a Query (the seed scans the whole table for it)",
        addedByApp: true,
      },
      syncIndex,
    ],
    ttlAttribute: 'expiresAt',
  },
};

/** Table name with the deployment's prefix, e.g. `staging-` + `PilotForce-Users`. */
export function tableName(entity: EntityName, prefix = ''): string {
  return `${prefix}${TABLES[entity].baseName}`;
}

export function keyAttribute(entity: EntityName): string {
  return TABLES[entity].partitionKey.name;
}

/** Sort keys of the seed's indexes, dropped from tombstones so deleted items fall out of them. */
export function sparseIndexSortKeys(entity: EntityName): string[] {
  return TABLES[entity].indexes
    .filter((index) => index.name !== SYNC_INDEX_NAME && index.sortKey)
    .map((index) => index.sortKey?.name ?? '')
    .filter((name, i, all) => name !== '' && all.indexOf(name) === i);
}

/** The sync bucket of a key: FNV-1a of its UTF-16 code units, stable across runtimes. */
export function syncBucketOf(key: string, buckets = SYNC_BUCKETS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % buckets;
}

/**
 * Added by the app: every change of every item (shared/history). One partition per item (`itemKey`
 * `<entity>#<key>`), sorted by `changeId` (`<updatedAt>#<mutation id>`), so an item's latest changes are one
 * Query; no index, so an entry costs its own write only and the items' indexes never carry history.
 */
export const HISTORY_TABLE: ProvisionedTable & { sortKey: KeyAttribute } = {
  baseName: 'PilotForce-History',
  partitionKey: { name: 'itemKey', type: 'S' },
  sortKey: { name: 'changeId', type: 'S' },
  indexes: [],
  ttlAttribute: 'expiresAt',
};

export function historyTableName(prefix = ''): string {
  return `${prefix}${HISTORY_TABLE.baseName}`;
}
