import type { ExpectedVersion, Mutation, ServerItem } from './protocol';
import { instantMs } from './checkpoint';

/** What orders two copies of one item. Version 0: written by another tool, never adopted. */
export type VersionStamp = { version: number; updatedAt: string; deleted: boolean };

export function stampOf(item: ServerItem): VersionStamp {
  const version = typeof item.version === 'number' ? item.version : 0;
  const updatedAt = typeof item.updatedAt === 'string' ? item.updatedAt : '';
  return { version, updatedAt, deleted: item.deleted === true };
}

/**
 * Whether `incoming` should replace `local`: the higher version wins; at equal versions the later
 * `updatedAt` (another tool's write sets it without bumping the version). A tombstone never
 * resurrects: nothing live replaces it. Equal stamps are the same copy: applying twice is a no-op.
 */
export function isNewer(incoming: VersionStamp, local: VersionStamp | null): boolean {
  if (!local) return true;
  if (local.deleted && !incoming.deleted) return false;
  if (incoming.version !== local.version) return incoming.version > local.version;
  if (incoming.deleted !== local.deleted) return incoming.deleted;
  return instantMs(incoming.updatedAt) > instantMs(local.updatedAt);
}

/** True when the server item is exactly the version a mutation expected. */
export function isAtVersion(item: ServerItem, expected: ExpectedVersion): boolean {
  return sameVersion(stampOf(item), expected);
}

function sameVersion(a: ExpectedVersion, b: ExpectedVersion): boolean {
  return a.version === b.version && a.updatedAt === b.updatedAt;
}

/**
 * A later mutation of an item made on the same version as an earlier one (after a create: on version 0,
 * none yet) expects what the earlier one expected. Once the earlier one is written exactly on that
 * version, the server holds precisely what the later one was made on, so it moves to the written
 * version, which saves it a failed write. Any other mutation comes back as it is.
 */
export function retargetAfterWrite(written: Mutation, writtenAs: ExpectedVersion, later: Mutation): Mutation {
  if (later.kind === 'create') return later;
  const madeOnSameVersion = written.kind === 'create' ? later.expected.version === 0 : sameVersion(later.expected, written.expected);
  return madeOnSameVersion ? { ...later, expected: writtenAs } : later;
}

/** The highest mutation sequence of a client recorded on the item (exactly once). */
export function appliedSeqOf(item: ServerItem | null, clientId: string): number {
  const map = item?.clientSeq;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return 0;
  // Own keys only: a client id may be any text, `constructor` included.
  const seq = Object.hasOwn(map, clientId) ? (map as Record<string, unknown>)[clientId] : undefined;
  return typeof seq === 'number' ? seq : 0;
}

/** A tombstone, or an item whose `expiresAt` (epoch seconds) has passed: gone for every reader. */
export function isGone(item: ServerItem, nowMs: number): boolean {
  if (item.deleted === true) return true;
  return typeof item.expiresAt === 'number' && item.expiresAt * 1000 <= nowMs;
}
