import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSdkItem } from '@main/aws/clients';
import type { RestoreCopyReport } from '@main/ops/restore-copy';
import type { Booking } from '@shared/models';
import { syncBucketOf, tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { aServerBooking } from '@test/support/builders';
import { runCli } from '@test/support/run-cli';

/** The restore point: every restored copy was written before it, every damage after. */
const T = '2026-11-20T12:00:00Z';
let backend: TestBackend;
let live: string;
let restored: string;
let workDir: string;

const at = (version: number, updatedAt: string, updatedBy: string) => ({ version, updatedAt, updatedBy });
const booking = (key: string, version: number, overrides: Record<string, unknown> = {}) =>
  aServerBooking(version, { bookingId: key, syncBucket: syncBucketOf(key), status: 'confirmed', details: { duration: 90, notes: 'Circuits' }, ...overrides });

/** What the table held at the restore point. */
const RESTORED = ['bk-damaged', 'bk-same', 'bk-moved', 'bk-deleted'].map((key) => booking(key, 3, at(3, '2026-11-19T09:00:00.000Z', 'Sam Staff')));

async function put(table: string, item: Booking | Record<string, unknown>) {
  await backend.clients.doc.send(new PutCommand({ TableName: table, Item: toSdkItem(item as Record<string, DynamoValue>) }));
}

async function liveItems(): Promise<Record<string, Record<string, unknown>>> {
  const { Items = [] } = await backend.clients.doc.send(new ScanCommand({ TableName: live, ConsistentRead: true }));
  return Object.fromEntries(Items.map((item) => [String(item.bookingId), item]));
}

const run = (args: string[]) => runCli('db-restore-copy', ['--endpoint', backend.config.endpoint!, '--from', restored, '--to', live, ...args]);

beforeAll(async () => {
  backend = await useTestBackend();
  live = tableName('bookings', backend.prefix);
  restored = `${live}-restored`;
  workDir = await mkdtemp(join(tmpdir(), 'pf-restore-'));
  await backend.clients.dynamo.send(
    new CreateTableCommand({
      TableName: restored,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'bookingId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'bookingId', KeyType: 'HASH' }],
    }),
  );
  for (const item of RESTORED) await put(restored, item);
  // The live table after the damage of the 21st.
  await put(live, { ...booking('bk-damaged', 4, { ...at(4, '2026-11-21T08:00:00.000Z', 'a bad import'), status: 'cancelled', details: { duration: 30 } }), clientSeq: { 'desk-a': 7 }, importBatch: 'x-17' });
  await put(live, booking('bk-same', 4, at(4, '2026-11-21T08:00:00.000Z', 'a bad import')));
  await put(live, booking('bk-moved', 4, { ...at(4, '2026-11-21T08:00:00.000Z', 'a bad import'), bookingTime: '23:00' }));
  await put(live, { bookingId: 'bk-deleted', ...at(4, '2026-11-21T08:00:00.000Z', 'a bad import'), syncBucket: syncBucketOf('bk-deleted'), clientSeq: {}, deleted: true, expiresAt: 1_900_000_000 });
  await put(live, booking('bk-new', 1, at(1, '2026-11-22T10:00:00.000Z', 'Sam Staff'))); // created after the restore point
  await put(live, booking('bk-untouched', 2, at(2, '2026-11-01T10:00:00.000Z', 'Sam Staff'))); // not changed since it
});
afterAll(async () => {
  await backend.clients.dynamo.send(new DeleteTableCommand({ TableName: restored })).catch(() => undefined);
  await backend.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('npm run db:restore-copy', () => {
  it('plans by default and changes nothing, then writes the plan as new versions and reports what moved meanwhile as a conflict', { timeout: 300_000 }, async () => {
    const before = await liveItems();
    const plan = join(workDir, 'plan.json');
    const dry = await run(['--since', T, '--out', plan]);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toBe('dry run: 2 to write, 1 unchanged, 0 conflicts, 2 skipped: nothing was changed; review the items, then run again with --apply');
    const planned = dry.json as RestoreCopyReport;
    expect(JSON.parse(await readFile(plan, 'utf8'))).toEqual(planned);
    expect(planned).toMatchObject({ entity: 'bookings', from: restored, to: live, dryRun: true });
    expect(Object.fromEntries(planned.items.map((item) => [item.key, item.status]))).toEqual({
      'bk-damaged': 'planned',
      'bk-deleted': 'skipped',
      'bk-moved': 'planned',
      'bk-new': 'skipped',
      'bk-same': 'unchanged',
    });
    expect(planned.items.find((item) => item.key === 'bk-damaged')).toEqual({
      key: 'bk-damaged',
      status: 'planned',
      live: at(4, '2026-11-21T08:00:00.000Z', 'a bad import'),
      fields: ['details', 'importBatch', 'status'],
    });
    expect(planned.items.find((item) => item.key === 'bk-deleted')).toMatchObject({ reason: expect.stringContaining('deleted on the live table') });
    expect(planned.items.find((item) => item.key === 'bk-new')).toMatchObject({ reason: expect.stringContaining('not in the restored table') });
    expect(await liveItems()).toEqual(before);

    // After the plan was made, a desk corrects one of the damaged bookings itself and edits one that needed nothing.
    const deskEdit = (key: string, bookingTime: string) =>
      backend.clients.doc.send(
        new UpdateCommand({
          TableName: live,
          Key: { bookingId: key },
          UpdateExpression: 'SET bookingTime = :time, version = :version, updatedAt = :at, updatedBy = :by',
          ExpressionAttributeValues: { ':time': bookingTime, ':version': 5, ':at': '2026-11-23T09:00:00.000Z', ':by': 'Ana Desk' },
        }),
      );
    await deskEdit('bk-moved', '10:30');
    await deskEdit('bk-same', '12:00');

    const applied = await run(['--keys', plan, '--apply']);
    expect(applied.code).toBe(0);
    expect(applied.stderr).toBe('1 written as new versions, 0 unchanged, 2 conflicts, 2 skipped: see the conflicts and skipped items in the report');
    const report = applied.json as RestoreCopyReport;
    expect(report.items.find((item) => item.key === 'bk-damaged')).toMatchObject({ status: 'written', version: 5 });
    expect(report.items.find((item) => item.key === 'bk-moved')).toEqual({
      key: 'bk-moved',
      status: 'conflict',
      live: at(5, '2026-11-23T09:00:00.000Z', 'Ana Desk'),
      reason: 'changed on the live table since the dry run (now version 5, written 2026-11-23T09:00:00.000Z by Ana Desk): look at it, then plan again',
    });
    // Even an item the plan left unchanged is not overwritten once it moved.
    expect(report.items.find((item) => item.key === 'bk-same')).toMatchObject({ status: 'conflict', live: at(5, '2026-11-23T09:00:00.000Z', 'Ana Desk') });

    const after = await liveItems();
    const { version, updatedAt, updatedBy, clientSeq, ...values } = after['bk-damaged'] as Record<string, unknown>;
    const { version: _v, updatedAt: _u, updatedBy: _b, clientSeq: _c, ...restoredValues } = RESTORED[0] as Record<string, unknown>;
    expect(values).toEqual(restoredValues);
    expect({ version, updatedBy, clientSeq }).toEqual({ version: 5, updatedBy: 'db-restore-copy', clientSeq: { 'desk-a': 7 } });
    expect(String(updatedAt) > '2026-11-21T08:00:00.000Z').toBe(true);
    expect(after['bk-moved']).toMatchObject({ version: 5, bookingTime: '10:30', updatedBy: 'Ana Desk' });
    expect(after['bk-same']).toMatchObject({ version: 5, bookingTime: '12:00', updatedBy: 'Ana Desk' });
    for (const key of ['bk-deleted', 'bk-new', 'bk-untouched']) expect(after[key]).toEqual(before[key]);

    // Run again from a list of keys: what was brought back is now unchanged, nothing is written twice.
    const keys = join(workDir, 'keys.txt');
    await writeFile(keys, '# the damaged ones\nbk-damaged\n\nbk-new  # looked at too\n');
    const again = await run(['--keys', keys, '--apply']);
    expect(again.json).toMatchObject({ summary: { written: 0, unchanged: 1, conflict: 0, skipped: 1 } });
    expect((await liveItems())['bk-damaged']).toEqual(after['bk-damaged']);
  });

  it('refuses unclear requests in one line, changing nothing', { timeout: 120_000 }, async () => {
    const [both, neither, badSince, wrongTable, missing] = await Promise.all([
      run(['--since', T, '--keys', 'x.txt']),
      run([]),
      run(['--since', 'yesterday']),
      runCli('db-restore-copy', ['--endpoint', backend.config.endpoint!, '--from', restored, '--to', 'Bookings', '--since', T]),
      runCli('db-restore-copy', ['--endpoint', backend.config.endpoint!, '--from', `${live}-nope`, '--to', live, '--since', T]),
    ]);
    expect(both).toMatchObject({ code: 1, stdout: '', stderr: 'error: give either --keys <file> or --since <instant>, not both or neither' });
    expect(neither.stderr).toBe('error: give either --keys <file> or --since <instant>, not both or neither');
    expect(badSince.stderr).toBe('error: --since yesterday: not an instant (UTC, e.g. 2026-11-30T14:05:00Z)');
    expect(wrongTable.stderr).toMatch(/^error: --to Bookings is not a PilotForce table/);
    expect(missing.stderr).toBe(`error: --from ${live}-nope: no such table: restore it first (the runbook, step 2)`);
  });
});
