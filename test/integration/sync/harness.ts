import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type AwsClients, createAwsClients, fromSdkItem } from '@main/aws/clients';
import { CorrectedClock } from '@main/aws/clock';
import { type FaultInjector, type FaultPlan, injectFaults } from '@test/support/fault-injection';
import { createSyncHandlers } from '@main/sync/handlers';
import { startDynamoLocal } from '@main/ops/local-backend';
import { provision } from '@main/ops/provisioning';
import type { ApiClient, EventName, EventPayload, Handlers } from '@shared/api/contract';
import { dispatch } from '@shared/api/dispatch';
import { fail, type Result } from '@shared/api/result';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import type { ServerItem } from '@shared/sync';
import { historyTableName, tableName } from '@shared/tables';
import { HistoryEntrySchema, type HistoryEntry } from '@shared/history/entry';
import { numberFromDynamoText } from '@shared/values';

/** A DynamoDB Local for this run: a given one, the one the test setup started (PF_TEST_DYNAMODB_ENDPOINT), or a new one. */
export type DynamoEndpoint = { endpoint: string; stop(): Promise<void> };

export async function dynamoEndpoint(given?: string): Promise<DynamoEndpoint> {
  const existing = given ?? process.env.PF_TEST_DYNAMODB_ENDPOINT;
  if (existing) return { endpoint: existing, stop: async () => undefined };
  return startDynamoLocal();
}

/** The app's own provisioning: every table and index of shared/tables.ts under the prefix. */
export async function createSyncTables(clients: AwsClients, prefix: string): Promise<void> {
  await provision(clients, { prefix, log: () => undefined, pollIntervalMs: 50 });
}

/**
 * What every successful write did, seen below the fault injector (lost responses included): the item image an
 * UpdateItem returned (other tools' writes), or the history entry the app's transaction wrote with its change
 * (a transaction returns no item; the verdict rebuilds the image from the entry: shared/history/replay.ts).
 */
export type WriteImage = { entity: EntityName; item: ServerItem; by: 'app' | 'tool' } | { entity: EntityName; entry: HistoryEntry; by: 'app' };

/** Records every successful UpdateItem's new image and every app transaction's history entry (before any injected fault). */
export function tapWrites(dynamo: DynamoDBClient, prefix: string, images: WriteImage[], by: 'app' | 'tool'): void {
  const entityOf = new Map(ENTITY_NAMES.map((entity) => [tableName(entity, prefix), entity]));
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'TransactWriteItemsCommand') {
        const written = writeOfTransaction(args.input, entityOf, prefix);
        if (written) images.push(written);
        return result;
      }
      const table = (args.input as { TableName?: string }).TableName;
      const attributes = (result.output as { Attributes?: Record<string, never> }).Attributes;
      const entity = table ? entityOf.get(table) : undefined;
      if (context.commandName === 'UpdateItemCommand' && attributes && entity) images.push({ entity, item: itemOfAttributes(attributes), by });
      return result;
    },
    // Build step, low priority: inside the fault injector (build, high), so it sees writes whose response is then "lost".
    { step: 'build', priority: 'low', name: 'pf-write-tap' },
  );
}

/** The change and history entry of a successful transaction (its input as sent, in either value form). */
export function writeOfTransaction(input: unknown, entityOf: Map<string, EntityName>, prefix: string): WriteImage | null {
  const [change, entry] = (input as { TransactItems?: Array<{ Update?: { TableName?: string }; Put?: { TableName?: string; Item?: Record<string, unknown> } }> }).TransactItems ?? [];
  // An Update (a desk's change, the ops tools') or a Put (a new item written whole: the upload's asset item).
  const table = change?.Update?.TableName ?? change?.Put?.TableName;
  const entity = table ? entityOf.get(table) : undefined;
  if (!entity || entry?.Put?.TableName !== historyTableName(prefix) || !entry.Put.Item) return null;
  return { entity, entry: HistoryEntrySchema.parse(itemOfAttributes(entry.Put.Item)), by: 'app' };
}

/** A write's returned attributes in the app's value form: through the document client they come unmarshalled already; on the wire or through the low-level client, not. */
export function itemOfAttributes(attributes: Record<string, unknown>): ServerItem {
  const native = isAttributeValueMap(attributes) ? unmarshall(attributes as Record<string, never>, { wrapNumbers: numberFromDynamoText as never }) : attributes;
  return fromSdkItem(native as Record<string, unknown>);
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
  /** Whose writes the tap records: the app's sync engine, or another tool writing the seed's way. */
  writer?: WriteImage['by'];
}): SimulatedMain {
  const skew = options.clockSkewMs ?? 0;
  const clients = createAwsClients(
    { endpoint: options.endpoint, region: 'us-east-1', tablePrefix: options.prefix, bucket: 'pilotforce-user-assets' },
    new CorrectedClock(() => Date.now() + skew),
  );
  const faults = injectFaults(clients.dynamo, options.faults);
  if (options.images) tapWrites(clients.dynamo, options.prefix, options.images, options.writer ?? 'app');
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  // Only the sync calls are served: the simulation needs no settings or uploads.
  const handlers = createSyncHandlers({
    clients,
    prefix: options.prefix,
    events: { emit },
    ...(options.overlapMs === undefined ? {} : { overlapMs: options.overlapMs }),
  }) as Handlers;
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
    emit,
  };
}
