import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import { provision } from '@main/ops/provisioning';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import { testEndpoints } from '@test/support/backend';
import { runCli } from '@test/support/run-cli';

const { endpoint } = testEndpoints();
const prefix = `b${randomUUID().slice(0, 8)}-`;
const clients = createAwsClients(BackendConfigSchema.parse({ endpoint, tablePrefix: prefix }));

beforeAll(async () => {
  await provision(clients, { prefix, log: () => undefined });
}, 120_000);
afterAll(async () => {
  await Promise.all(ENTITY_NAMES.map((e) => clients.dynamo.send(new DeleteTableCommand({ TableName: tableName(e, prefix) })).catch(() => undefined)));
  clients.destroy();
});

describe('operations CLIs on DynamoDB Local', () => {
  it('npm run db:backup says in one line that backups are not supported locally', { timeout: 120_000 }, async () => {
    const run = await runCli('db-backup', ['--endpoint', endpoint, '--prefix', prefix]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: on-demand backups are not supported locally (DynamoDB Local at ${endpoint} has no CreateBackup); run \`npm run db:backup\` against AWS (--region/--profile), where point-in-time recovery also runs`,
    );
  });

  it('npm run db:setup --alarms prints the alarm plan as not supported locally and sets up the rest', { timeout: 120_000 }, async () => {
    const run = await runCli('db-setup', ['--endpoint', endpoint, '--prefix', prefix, '--alarms']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`alarm ${prefix}PilotForce-Bookings-system-errors: not supported locally`);
    const { alarms } = run.json as { alarms: Array<{ alarm: string; status: string }> };
    expect(alarms).toHaveLength(8); // two per table
    expect(new Set(alarms.map((alarm) => alarm.status))).toEqual(new Set(['not supported locally']));
  });
});
