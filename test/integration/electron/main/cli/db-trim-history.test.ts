import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryForWrite } from '@shared/history/entry';
import { historyTableName } from '@shared/tables';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { runCli } from '@test/support/run-cli';

let backend: TestBackend;

beforeAll(async () => {
  backend = await useTestBackend();
  // A booking deleted long ago (its tombstone expired): its two entries are past the retention.
  const stamps = (version: number) => ({ version, updatedAt: `2024-01-0${version}T09:00:00.000Z`, updatedBy: 'Fran Office' });
  for (const Item of [
    entryForWrite({ entity: 'bookings', key: 'bk-old', kind: 'update', stamps: stamps(1), source: 'pf', changes: [{ op: 'set', path: ['status'], value: 'confirmed', base: 'pending' }] }),
    entryForWrite({ entity: 'bookings', key: 'bk-old', kind: 'delete', stamps: stamps(2), source: 'pf', tombstoneExpiresAt: Math.floor(Date.parse('2024-02-01T00:00:00Z') / 1000) }),
  ]) {
    await backend.clients.doc.send(new PutCommand({ TableName: historyTableName(backend.prefix), Item }));
  }
});

afterAll(async () => {
  await backend.close();
});

const run = (args: string[]) => runCli('db-trim-history', ['--endpoint', backend.config.endpoint!, '--prefix', backend.prefix, ...args]);

describe('npm run db:trim-history', () => {
  it('counts in a dry run, deletes with --apply, and refuses to keep fewer than the last 100 changes', async () => {
    const dry = await run([]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json).toMatchObject({ dryRun: true, entries: 2, trimmed: 2, ofDeletedItems: 2 });
    expect(dry.stderr).toContain('nothing was deleted, run again with --apply');

    const applied = await run(['--apply']);
    expect(applied.json).toMatchObject({ dryRun: false, trimmed: 2 });
    expect((await run([])).json).toMatchObject({ entries: 0, trimmed: 0 });

    const refused = await run(['--keep', '10']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('at least the last 100 changes');
  });
});
