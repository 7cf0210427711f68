import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackfillReport } from '@main/ops/backfill';
import { createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import type { ProvisionReport } from '@main/ops/provisioning';
import type { SeedTableReport } from '@main/ops/seed';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import { testEndpoints } from '@test/support/backend';
import { runCli } from '@test/support/run-cli';
import { aUser } from '@test/support/builders';

const { endpoint, s3Endpoint } = testEndpoints();
const prefix = `c${randomUUID().slice(0, 8)}-`;
const clients = createAwsClients(BackendConfigSchema.parse({ endpoint, tablePrefix: prefix }));
const workDir = await mkdtemp(join(tmpdir(), 'pf-setup-'));
const target = ['--endpoint', endpoint, '--prefix', prefix];

afterAll(async () => {
  await Promise.all(ENTITY_NAMES.map((e) => clients.dynamo.send(new DeleteTableCommand({ TableName: tableName(e, prefix) })).catch(() => undefined)));
  clients.destroy();
  await rm(workDir, { recursive: true, force: true });
});

describe('npm run db:setup and db:seed', () => {
  it('plans, creates, seeds without replacing, then backfills seed-style items and changes nothing else', { timeout: 600_000 }, async () => {
    const dry = await runCli('db-setup', [...target, '--dry-run']);
    expect(dry.code).toBe(0);
    // The four synced tables and the history table.
    expect((dry.json as { provision: ProvisionReport }).provision.steps.filter((s) => s.setting === 'table').map((s) => [s.target.slice(prefix.length), s.status])).toEqual(
      ['PilotForce-Resources', 'PilotForce-Users', 'PilotForce-Bookings', 'PilotForce-Assets', 'PilotForce-History'].map((table) => [table, 'planned']),
    );

    const bucket = ['--bucket', `pf-cli-${prefix.slice(1, 9)}`, '--s3-endpoint', s3Endpoint];
    const created = await runCli('db-setup', [...target, ...bucket]);
    expect(created).toMatchObject({ code: 0, json: { provision: { changed: true } } });
    expect(created.stderr).toContain('point-in-time recovery: not supported locally');

    const seeded = await runCli('db-seed', [...target, ...bucket, '--users', '10', '--bookings', '40', '--assets', '10', '--seed', '5']);
    expect(seeded.code).toBe(0);
    expect((seeded.json as { tables: SeedTableReport[] }).tables.map((t) => [t.entity, t.mode, t.written])).toEqual([
      // The school's settings and its fleet of eight.
      ['resources', 'batch', 9],
      ['users', 'batch', 10],
      ['bookings', 'batch', 40],
      ['assets', 'batch', 10],
    ]);
    // Tables now hold data: the same seed again writes nothing and replaces nothing.
    await clients.doc.send(new PutCommand({ TableName: tableName('users', prefix), Item: aUser({ userId: 'auth0|s5-u000000', email: 'kept@example.com', name: 'Kept', role: 'admin', createdAt: '2023-01-01T00:00:00Z' }) }));
    const again = await runCli('db-seed', [...target, ...bucket, '--users', '10', '--bookings', '40', '--assets', '10', '--seed', '5']);
    expect((again.json as { tables: SeedTableReport[] }).tables.map((t) => [t.mode, t.written, t.existing])).toEqual([
      ['conditional', 0, 9],
      ['conditional', 0, 10],
      ['conditional', 0, 40],
      ['conditional', 0, 10],
    ]);
    const kept = await clients.doc.send(new GetCommand({ TableName: tableName('users', prefix), Key: { userId: 'auth0|s5-u000000' } }));
    expect(kept.Item?.email).toBe('kept@example.com');

    const stateFile = join(workDir, 'state.json');
    const backfilled = await runCli('db-setup', [...target, '--backfill', '--backfill-state', stateFile, '--backfill-segments', '2']);
    expect(backfilled.code).toBe(0);
    const json = backfilled.json as { provision: ProvisionReport; backfill: BackfillReport[] };
    expect(json.provision.changed).toBe(false);
    expect(json.backfill.map((r) => [r.entity, r.adopted, r.complete])).toEqual([
      ['resources', 0, true],
      ['users', 1, true],
      ['bookings', 0, true],
      ['assets', 0, true],
    ]);
    expect(existsSync(stateFile)).toBe(false);
    const adopted = await clients.doc.send(new GetCommand({ TableName: tableName('users', prefix), Key: { userId: 'auth0|s5-u000000' } }));
    expect(adopted.Item).toMatchObject({ version: 1, email: 'kept@example.com', clientSeq: {} });
  });

  it('rejects bad options in one line', { timeout: 180_000 }, async () => {
    const run = await runCli('db-setup', ['--endpoint', 'not a url', '--prefix', 'x']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/^error: --endpoint: /);
  });
});
