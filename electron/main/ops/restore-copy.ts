import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import PQueue from 'p-queue';
import { z } from 'zod';
import { ENTITY_NAMES, type EntityName, IsoInstantSchema } from '@shared/models';
import { validateItem } from '@shared/models/validate';
import { diffItems, isWritablePath } from '@shared/sync/changes';
import type { ServerItem } from '@shared/sync/protocol';
import { stampOf } from '@shared/sync/versions';
import { TABLES, keyAttribute } from '@shared/tables';
import { type AwsClients, fromSdkItem } from '../aws/clients';
import { classifyRequestFailure } from '../sync/aws-errors';
import { buildVersionedUpdate } from '../sync/conditional-write';
import { writeWithHistory } from '../history/record';
import { entryForWrite } from '@shared/history/entry';
import { calibrateClock, nextUpdatedAt } from '../sync/write-time';

/**
 * The copy-back of a point-in-time restore (README.md, "Runbook: restore a table to a point in time"):
 * each chosen item of the restored table is written into the live table as a NEW version, through the
 * sync engine's own conditional write (version + 1, `updatedAt` from the corrected clock), so desks pull
 * it as any other change and a desk that edited it meanwhile gets a conflict. A live item that moved
 * since it was looked at (the dry run's plan, or the read just before the write) is reported as a
 * conflict and left alone.
 */
export const RESTORE_WRITER = 'db-restore-copy';

const LiveStampSchema = z.object({ version: z.number().int().min(0), updatedAt: z.string(), updatedBy: z.string().optional() });
export type LiveStamp = z.infer<typeof LiveStampSchema>;

/** Every outcome names the live version it was judged on (null: no live item), so a dry run's report is a plan to apply. */
export type RestoreOutcome = { key: string; live: LiveStamp | null } & (
  /** Dry run: would be written on top of `live`, changing `fields`. */
  | { status: 'planned'; fields: string[] }
  | { status: 'written'; fields: string[]; version: number }
  | { status: 'unchanged' }
  | { status: 'conflict'; reason: string }
  | { status: 'skipped'; reason: string }
);

/** A key to bring back; `live` (from a plan) is the live version the dry run saw, which must still be there. */
export type RestoreKey = { key: string; live?: LiveStamp | null };

export type RestoreCopyReport = {
  entity: EntityName;
  from: string;
  to: string;
  dryRun: boolean;
  summary: Record<RestoreOutcome['status'], number>;
  items: RestoreOutcome[];
};

/** Which items to bring back: listed keys (with the live version a dry run saw, when planned), or those changed on the live table after an instant. */
export type RestoreSelection = { keys: RestoreKey[] } | { since: string };

export type RestoreCopyInput = { from: string; to: string; selection: RestoreSelection; dryRun: boolean; concurrency?: number };

export class RestoreCopyError extends Error {}

/** The live table's entity and prefix, from its name; the restored table must be a copy of the same table. */
export function restoreTables(from: string, to: string): { entity: EntityName; prefix: string } {
  const entity = ENTITY_NAMES.find((name) => to.endsWith(TABLES[name].baseName));
  if (!entity) throw new RestoreCopyError(`--to ${to} is not a PilotForce table (its name ends in ${ENTITY_NAMES.map((name) => TABLES[name].baseName).join(', ')})`);
  if (from === to) throw new RestoreCopyError('--from and --to name the same table: --from is the restored copy, --to the live table');
  if (!from.includes(TABLES[entity].baseName)) throw new RestoreCopyError(`--from ${from} is not a copy of ${TABLES[entity].baseName} (restore it as e.g. ${to}-restored)`);
  return { entity, prefix: to.slice(0, -TABLES[entity].baseName.length) };
}

/** A keys file: the JSON report of a dry run (its keys and the live versions it saw), or one key per line (`#` starts a comment). */
export function parseKeysFile(text: string, to: string): RestoreKey[] {
  if (text.trimStart().startsWith('{')) {
    const plan = z
      .object({ to: z.string(), items: z.array(z.object({ key: z.string().min(1), live: LiveStampSchema.nullable().optional() })) })
      .safeParse(JSON.parse(text));
    if (!plan.success) throw new RestoreCopyError('the keys file is JSON but not a db:restore-copy report: give the file --out wrote, or one key per line');
    if (plan.data.to !== to) throw new RestoreCopyError(`the keys file was planned for ${plan.data.to}, not ${to}`);
    return plan.data.items.map((item) => (item.live === undefined ? { key: item.key } : { key: item.key, live: item.live }));
  }
  const keys = text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
  if (keys.length === 0) throw new RestoreCopyError('the keys file lists no keys');
  return keys.map((key) => ({ key }));
}

export const SinceSchema = IsoInstantSchema;

export async function restoreCopy(clients: AwsClients, input: RestoreCopyInput): Promise<RestoreCopyReport> {
  const { entity, prefix } = restoreTables(input.from, input.to);
  const keyName = keyAttribute(entity);
  await Promise.all([assertTable(clients, input.from, '--from', 'restore it first (the runbook, step 2)'), assertTable(clients, input.to, '--to', "check the live table's full name, prefix included")]);
  const chosen = 'keys' in input.selection ? input.selection.keys : await keysChangedSince(clients, input.to, keyName, input.selection.since);
  await calibrateClock(clients, prefix);
  const queue = new PQueue({ concurrency: input.concurrency ?? 8 });
  const items = await Promise.all(chosen.map((entry) => queue.add(() => copyOne(clients, { ...input, entity, prefix, keyName }, entry))));
  const summary = { planned: 0, written: 0, unchanged: 0, conflict: 0, skipped: 0 };
  for (const item of items) summary[item.status]++;
  return { entity, from: input.from, to: input.to, dryRun: input.dryRun, summary, items };
}

async function assertTable(clients: AwsClients, table: string, option: string, what: string): Promise<void> {
  try {
    await clients.dynamo.send(new DescribeTableCommand({ TableName: table }));
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') throw new RestoreCopyError(`${option} ${table}: no such table: ${what}`);
    throw error;
  }
}

async function keysChangedSince(clients: AwsClients, table: string, keyName: string, since: string): Promise<Array<{ key: string }>> {
  const keys: Array<{ key: string }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clients.doc.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: '#updatedAt > :since',
        ProjectionExpression: '#key',
        ExpressionAttributeNames: { '#updatedAt': 'updatedAt', '#key': keyName },
        ExpressionAttributeValues: { ':since': since },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) keys.push({ key: String(item[keyName]) });
    start = page.LastEvaluatedKey;
  } while (start);
  return keys.sort((a, b) => a.key.localeCompare(b.key));
}

type CopyContext = RestoreCopyInput & { entity: EntityName; prefix: string; keyName: string };

async function copyOne(clients: AwsClients, ctx: CopyContext, entry: RestoreKey): Promise<RestoreOutcome> {
  const { key } = entry;
  const [restored, live] = await Promise.all([readItem(clients, ctx.from, ctx.keyName, key), readItem(clients, ctx.to, ctx.keyName, key)]);
  const stamp = live ? liveStamp(live) : null;
  if (entry.live !== undefined && !sameStamp(entry.live, stamp)) {
    const now = stamp ? `now version ${stamp.version}, ${describeWrite(stamp)}` : 'now gone';
    return { key, live: stamp, status: 'conflict', reason: `changed on the live table since the dry run (${now}): look at it, then plan again` };
  }
  if (!restored) return { key, live: stamp, status: 'skipped', reason: 'not in the restored table: it did not exist at the restore point; left as it is' };
  const valid = validateItem(ctx.entity, restored);
  if (!valid.ok) return { key, live: stamp, status: 'skipped', reason: `the restored copy does not fit the app's rules (${valid.reason}); left as it is` };
  if (!live || !stamp) return { key, live: stamp, status: 'skipped', reason: 'gone from the live table altogether: desks still hold it, so re-create it in the app from the restored values' };
  if (live.deleted === true) {
    return { key, live: stamp, status: 'skipped', reason: 'deleted on the live table: desks never bring a deleted item back, so re-create it in the app from the restored values' };
  }
  const changes = diffItems(ownFields(ctx.entity, live), ownFields(ctx.entity, restored), () => true);
  if (changes.length === 0) return { key, live: stamp, status: 'unchanged' };
  const fields = changes.map((change) => change.path[0]).sort();
  if (ctx.dryRun) return { key, live: stamp, status: 'planned', fields };
  // Conditioned on the version and updatedAt just read, as every app write; an item another tool wrote without updatedAt is adopted as version 0.
  const updatedAt = typeof live.updatedAt === 'string' ? live.updatedAt : null;
  const writtenAt = nextUpdatedAt(clients, updatedAt);
  const command = buildVersionedUpdate({
    entity: ctx.entity,
    prefix: ctx.prefix,
    key,
    expected: updatedAt === null ? { version: 0, updatedAt } : { version: stamp.version, updatedAt },
    changes,
    updatedAt: writtenAt,
    updatedBy: RESTORE_WRITER,
    current: live,
  });
  const historyEntry = entryForWrite({ entity: ctx.entity, key, kind: 'update', changes, current: live, source: 'restore', stamps: { version: stamp.version + 1, updatedAt: writtenAt, updatedBy: RESTORE_WRITER } });
  try {
    const { item } = await writeWithHistory(clients, ctx.prefix, command, historyEntry);
    return { key, live: stamp, status: 'written', fields, version: stampOf(item).version };
  } catch (error) {
    const failure = classifyRequestFailure(error);
    if (failure.kind !== 'condition') throw error;
    const now = failure.item ? liveStamp(failure.item) : null;
    return { key, live: now, status: 'conflict', reason: `changed on the live table while it was copied${now ? ` (now version ${now.version}, ${describeWrite(now)})` : ''}: look at it, then plan again` };
  }
}

function sameStamp(a: LiveStamp | null, b: LiveStamp | null): boolean {
  return a === null || b === null ? a === b : a.version === b.version && a.updatedAt === b.updatedAt;
}

async function readItem(clients: AwsClients, table: string, keyName: string, key: string): Promise<ServerItem | null> {
  const result = await clients.doc.send(new GetCommand({ TableName: table, Key: { [keyName]: key }, ConsistentRead: true }));
  return result.Item ? fromSdkItem(result.Item) : null;
}

/** The item's own fields: what a restore brings back (never the key or the sync attributes, which the write stamps). */
function ownFields(entity: EntityName, item: ServerItem): ServerItem {
  return Object.fromEntries(Object.entries(item).filter(([name]) => isWritablePath(entity, [name])));
}

function liveStamp(item: ServerItem): LiveStamp {
  const { version, updatedAt } = stampOf(item);
  return { version, updatedAt, ...(typeof item.updatedBy === 'string' ? { updatedBy: item.updatedBy } : {}) };
}

function describeWrite(stamp: LiveStamp): string {
  return `written ${stamp.updatedAt || 'at an unknown time'}${stamp.updatedBy ? ` by ${stamp.updatedBy}` : ''}`;
}
