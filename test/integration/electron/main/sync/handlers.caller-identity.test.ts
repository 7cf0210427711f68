import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallerIdentity } from '@main/aws/caller-identity';
import { createMainServices } from '@main/services';
import { createSyncHandlers } from '@main/sync/handlers';
import type { Mutation } from '@shared/sync/protocol';
import { tableName } from '@shared/tables';
import { useSyncTables } from './sync-fixture';

/**
 * STS is not available locally (DynamoDB Local has no identity behind its credentials), so the caller's
 * identity comes from an injected resolver; the stamping itself runs in the real push handler against
 * DynamoDB Local.
 */
const { connect, prefix } = useSyncTables();
const { clients } = connect();
const events = { emit: () => undefined };
const context = { transport: 'web' as const };
const sam: CallerIdentity = { arn: 'arn:aws:sts::123456789012:assumed-role/PilotForceStaff/sam', account: '123456789012', userId: 'AROAEXAMPLE:sam' };

const user = (id: string) => ({ userId: id, email: `${id}@example.com`, name: 'Student', role: 'student', createdAt: '2026-01-01T00:00:00Z' });
const create = (seq: number, key: string, updatedBy: string): Mutation => ({ kind: 'create', clientId: 'ID', seq, entity: 'users', key, updatedBy, item: user(key) });
const stored = async (key: string) =>
  (await clients.doc.send(new GetCommand({ TableName: tableName('users', prefix), Key: { userId: key }, ConsistentRead: true }))).Item;

describe('caller identity in updatedBy', () => {
  it('main names the AWS caller in every pushed write, whatever name the renderer sent', async () => {
    const handlers = createSyncHandlers({ clients, prefix, events, callerIdentity: async () => sam });
    const { outcomes } = await handlers['sync.push']({ mutations: [create(1, 'id-1', 'Sam Staff'), create(2, 'id-2', 'Eve (arn:aws:iam::999999999999:user/admin)')] }, context);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'applied']);
    expect(await stored('id-1')).toMatchObject({ updatedBy: `Sam Staff (${sam.arn})`, version: 1 });
    expect(await stored('id-2')).toMatchObject({ updatedBy: `Eve (${sam.arn})` });

    const current = await stored('id-1');
    const update: Mutation = {
      kind: 'update',
      clientId: 'ID',
      seq: 3,
      entity: 'users',
      key: 'id-1',
      updatedBy: 'Sam Staff',
      expected: { version: current?.version as number, updatedAt: current?.updatedAt as string },
      changes: [{ op: 'set', path: ['name'], value: 'Renamed', base: 'Student' }],
    };
    const [updated] = (await handlers['sync.push']({ mutations: [update] }, context)).outcomes;
    expect(updated).toMatchObject({ status: 'applied', item: { name: 'Renamed', updatedBy: `Sam Staff (${sam.arn})`, version: 2 } });
  });

  it('writes nothing while AWS has not said who is calling: the mutations are retried later', async () => {
    const handlers = createSyncHandlers({ clients, prefix, events, callerIdentity: async () => Promise.reject(new Error('ExpiredToken')) });
    const { outcomes } = await handlers['sync.push']({ mutations: [create(4, 'id-3', 'Sam Staff')] }, context);
    expect(outcomes).toEqual([{ seq: 4, status: 'retry', reason: 'AWS has not said who is signed in yet', retryAfterMs: 5_000 }]);
    expect(await stored('id-3')).toBeUndefined();
  });

  it('on the local backend (no resolver) the chosen name is written as it is', async () => {
    const handlers = createSyncHandlers({ clients, prefix, events });
    await handlers['sync.push']({ mutations: [create(5, 'id-4', 'Sam Staff')] }, context);
    expect(await stored('id-4')).toMatchObject({ updatedBy: 'Sam Staff' });
  });

  it('Settings shows whom STS names, and nothing when it does not answer', async () => {
    const quiet = { info: () => undefined, error: () => undefined };
    const services = (callerIdentity: () => Promise<CallerIdentity>) =>
      createMainServices({ backend: clients.config, dataDir: join(tmpdir(), 'pf-identity-never-started'), log: quiet, clients, callerIdentity });
    const context2 = { transport: 'electron' as const };
    expect(await services(async () => sam).handlers['settings.connection']({}, context2)).toMatchObject({ signedInAs: sam.arn });
    expect(await services(async () => Promise.reject(new Error('offline'))).handlers['settings.connection']({}, context2)).not.toHaveProperty('signedInAs');
  });
});
