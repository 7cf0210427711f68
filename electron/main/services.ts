import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { EventName, EventPayload, EventSink, Handlers } from '@shared/api/contract';
import type { ConnectionInfo } from '@shared/api/settings';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import { type IdentityResolver, cachedIdentity, stsIdentityResolver } from './aws/caller-identity';
import { type AwsClients, createAwsClients } from './aws/clients';
import { type BackendConfig, isLocalBackend } from './aws/config';
import { createConnectivityMonitor, probeReachability } from './aws/reachability';
import { createHistoryHandlers } from './history/handlers';
import { createSyncHandlers } from './sync/handlers';
import { jsonFileReconcileStore, startReconcileSchedule } from './sync/reconcile-schedule';
import { type UploadServices, createUploadHandlers } from './uploads/handlers';
import type { StagingLimits } from './uploads/staging';

/** Main's log: where the real causes of errors go. Never pass it a credential or the loopback token. */
export type MainLog = {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
};

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
export type MainEvents = EventSink & {
  /** Also replays the latest state events (connectivity) to the new listener, so a late window is not left guessing. */
  subscribe(listener: EventListener): () => void;
};

/** Events that describe a state rather than a moment: a new subscriber gets the latest one at once. */
const STATE_EVENTS: readonly EventName[] = ['connectivity.changed'];

export type MainServices = {
  handlers: Handlers;
  events: MainEvents;
  clients: AwsClients;
  /** The upload queue; `uploads.stageFromStream` stages a file the browser build streams to the loopback server. */
  uploads: UploadServices;
  /** Starts background work (the connectivity monitor, the journaled uploads, the daily reconciliation). */
  start(): void;
  /** Stops background work and closes the AWS clients. */
  stop(): void;
};

export type MainServicesOptions = {
  backend: BackendConfig;
  /** The app's own data (staged uploads, journals): never shown to the renderer. */
  dataDir: string;
  log: MainLog;
  /** How often main checks that it can reach the backend while it can (every 2 s at most while it cannot). */
  connectivityIntervalMs?: number;
  /** Who the AWS credentials belong to; STS on AWS by default, none on the local backend. */
  callerIdentity?: IdentityResolver;
  /** Clients made elsewhere (tests give them other credentials); made from `backend` when absent. */
  clients?: AwsClients;
  /** The staging quota and keep time (PILOTFORCE_STAGING_QUOTA_MB sets the quota of a launch). */
  stagingLimits?: Partial<StagingLimits>;
};

/**
 * The composition root, free of Electron: both transports (IPC and the loopback server) carry these
 * handlers and events, so the browser build runs exactly the code the desktop app runs.
 */
export function createMainServices(options: MainServicesOptions): MainServices {
  const clients = options.clients ?? createAwsClients(options.backend);
  const events = createEventHub(options.log);
  const connectivity = createConnectivityMonitor(() => probeReachability(clients), (change) => events.emit('connectivity.changed', change), {
    intervalMs: options.connectivityIntervalMs ?? 15_000,
  });
  const uploads = createUploadHandlers({
    clients,
    prefix: options.backend.tablePrefix,
    dataDir: options.dataDir,
    events,
    ...(options.stagingLimits ? { stagingLimits: options.stagingLimits } : {}),
  });

  const callerIdentity = options.callerIdentity ?? (isLocalBackend(options.backend) ? undefined : cachedIdentity(stsIdentityResolver(options.backend)));

  const handlers: Handlers = {
    ...createSyncHandlers({
      clients,
      prefix: options.backend.tablePrefix,
      events,
      log: (message, details) => options.log.error(message, details),
      ...(callerIdentity ? { callerIdentity } : {}),
    }),
    'connectivity.check': () => connectivity.check(),
    ...uploads.handlers,
    ...createHistoryHandlers({ clients, prefix: options.backend.tablePrefix }),
    'settings.connection': async () => ({ ...connectionInfo(options.backend), ...(await signedInAs(callerIdentity)) }),
    'settings.testConnection': async () => {
      const report = await testConnection(clients);
      connectivity.report(report.reachable);
      return report;
    },
  };

  let stopReconciling: (() => void) | undefined;

  return {
    handlers,
    events,
    clients,
    uploads,
    start() {
      connectivity.start();
      uploads.startUploadQueue().catch((error: unknown) => options.log.error('upload queue did not start', { error }));
      // Adopts items other tools wrote without sync attributes; rate-limited, resumable, its capacity logged.
      stopReconciling ??= startReconcileSchedule({
        clients,
        prefix: options.backend.tablePrefix,
        events,
        store: jsonFileReconcileStore(join(options.dataDir, 'reconcile.json')),
        report: (run) => options.log.info('reconciled', run),
        onError: (error) => options.log.info('reconciliation deferred', { error: safeErrorName(error) }),
      });
    },
    stop() {
      stopReconciling?.();
      stopReconciling = undefined;
      connectivity.stop();
      uploads.stop().catch((error: unknown) => options.log.error('uploads did not stop cleanly', { error }));
      clients.destroy();
    },
  };
}

export function connectionInfo(backend: BackendConfig): ConnectionInfo {
  return {
    mode: isLocalBackend(backend) ? 'local' : 'aws',
    region: backend.region,
    tablePrefix: backend.tablePrefix,
    bucket: backend.bucket,
    ...(backend.profile ? { profile: backend.profile } : {}),
  };
}

/** The caller's ARN when STS answers; nothing when it does not (offline is normal) or on the local backend. */
async function signedInAs(callerIdentity: IdentityResolver | undefined): Promise<{ signedInAs?: string }> {
  if (!callerIdentity) return {};
  try {
    return { signedInAs: (await callerIdentity()).arn };
  } catch {
    return {};
  }
}

/** DescribeTable on each table; errors are reported by their AWS error name only (no raw message). */
export async function testConnection(clients: AwsClients) {
  const tables = await Promise.all(
    ENTITY_NAMES.map(async (entity) => {
      const name = tableName(entity, clients.config.tablePrefix);
      try {
        const { Table } = await clients.dynamo.send(new DescribeTableCommand({ TableName: name }));
        return { name, status: Table?.TableStatus ?? 'UNKNOWN' };
      } catch (error) {
        return { name, status: safeErrorName(error) };
      }
    }),
  );
  const reachable = tables.every((table) => table.status === 'ACTIVE');
  const missing = tables.filter((table) => table.status !== 'ACTIVE').map((table) => `${table.name} (${table.status})`);
  return {
    reachable,
    tables,
    message: reachable ? 'Connected: all three tables are active.' : `Not ready: ${missing.join(', ')}.`,
  };
}

/** AWS error names are fixed identifiers (safe to show); anything else is summarised. */
function safeErrorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && /^[A-Za-z]{1,64}$/.test(name) && name !== 'Error') return name;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return 'Unreachable';
  return 'Error';
}

export function createEventHub(log: MainLog): MainEvents {
  const listeners = new Set<EventListener>();
  const latest = new Map<EventName, unknown>();
  const deliver = (listener: EventListener, event: EventName, payload: unknown) => {
    try {
      listener(event, payload as EventPayload<typeof event>);
    } catch (error) {
      // One broken transport must not keep the event from the others.
      log.error('event listener failed', { event, error });
    }
  };
  return {
    emit(event, payload) {
      if (STATE_EVENTS.includes(event)) latest.set(event, payload);
      for (const listener of listeners) deliver(listener, event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      for (const [event, payload] of latest) deliver(listener, event, payload);
      return () => listeners.delete(listener);
    },
  };
}
