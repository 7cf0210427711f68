import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seededRandom } from '@shared/random';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * Fault injection on a DynamoDB or S3 client (test tooling, also used by the soak and crash runs): a
 * middleware that fails requests the way AWS and airfield networks do, by seeded probability or by a
 * scripted plan, and for DynamoDB simulates GSI lag, which DynamoDB Local does not have
 * (docs/architecture.md, "DynamoDB Local is not DynamoDB"). The same client, with the same middleware as
 * in the app (clock correction, document marshalling), is what the code under test uses. The middleware
 * sits in the build step, outside the SDK's own retries: the app's retry logic is what meets each fault.
 */
export const FAULT_KINDS = [
  /** The connection drops before the request reaches DynamoDB. */
  'connectionReset',
  /** The request times out before reaching DynamoDB. */
  'timeout',
  'internalError',
  'serviceUnavailable',
  'throttling',
  'provisionedThroughputExceeded',
  /** The request succeeds in DynamoDB, then the caller gets a network error instead of the answer. */
  'lostResponse',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** DynamoDB operation, the command name without `Command`/`Item`: Update, Get, Put, Query, Scan, DescribeTable... */
export type Operation = string;

export type FaultPlan = {
  seed?: number;
  /** Chance per request of each fault, on the operations named in `operations` (all when absent). */
  probabilities?: Partial<Record<FaultKind, number>>;
  operations?: readonly Operation[];
  /** Query on a GSI hides items whose `updatedAt` is within the last `indexLagMs` (by `now`). */
  indexLagMs?: number;
  now?: () => number;
};

export type FaultInjector = {
  /** The next request of `operation` (any when absent) fails with `fault`; scripted faults go first. */
  script(fault: FaultKind, operation?: Operation): void;
  setProbabilities(probabilities: Partial<Record<FaultKind, number>>): void;
  setIndexLag(ms: number): void;
  /** Items matching `predicate` stay out of GSI Query results until the returned function is called (uneven lag). */
  holdInIndex(predicate: (item: Record<string, unknown>) => boolean): () => void;
  /** Stops injecting (scripted faults are dropped); the middleware stays but passes everything. */
  disable(): void;
  enable(): void;
  /** How many of each fault were injected, and how many items index lag hid. */
  readonly counts: Record<FaultKind | 'hiddenByIndexLag', number>;
};

type Metadata = { httpStatusCode?: number; attempts: number; totalRetryDelay: number };

/** An error shaped like the SDK's own, so the code under test cannot tell it from a real one. */
export function faultError(fault: FaultKind): Error {
  const service = (name: string, status: number, message: string) =>
    Object.assign(new Error(message), {
      name,
      $fault: status >= 500 ? 'server' : 'client',
      $metadata: { httpStatusCode: status, attempts: 1, totalRetryDelay: 0 } satisfies Metadata,
    });
  switch (fault) {
    case 'connectionReset':
      return Object.assign(new Error('socket hang up (injected)'), { code: 'ECONNRESET' });
    case 'timeout':
      return Object.assign(new Error('request timed out (injected)'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    case 'lostResponse':
      return Object.assign(new Error('connection reset after the request was sent (injected)'), { code: 'ECONNRESET' });
    case 'internalError':
      return service('InternalServerError', 500, 'Internal server error (injected)');
    case 'serviceUnavailable':
      return service('ServiceUnavailable', 503, 'Service unavailable (injected)');
    case 'throttling':
      return service('ThrottlingException', 400, 'Rate of requests exceeds the allowed throughput (injected)');
    case 'provisionedThroughputExceeded':
      return service('ProvisionedThroughputExceededException', 400, 'The level of configured provisioned throughput was exceeded (injected)');
  }
}

function operationOf(commandName: string | undefined): Operation {
  return (commandName ?? '').replace(/Command$/, '').replace(/Item$/, '');
}

/** `updatedAt` of an item as the document client (string) or the low-level client ({ S }) gives it. */
function updatedAtOf(item: Record<string, unknown>): string | undefined {
  const value = item.updatedAt;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { S?: unknown }).S === 'string') return (value as { S: string }).S;
  return undefined;
}

/** Which fault (if any) the next request of an operation gets: scripted ones first, then seeded chance. */
function faultSchedule<K extends string>(kinds: readonly K[], plan: { seed?: number; probabilities?: Partial<Record<K, number>>; operations?: readonly Operation[] }) {
  const random = seededRandom(plan.seed ?? 1);
  const scripted: Array<{ fault: K; operation: Operation | undefined }> = [];
  let probabilities = { ...plan.probabilities } as Partial<Record<K, number>>;
  let enabled = true;
  const counts = Object.fromEntries(kinds.map((name) => [name, 0])) as Record<K, number>;
  return {
    counts,
    get enabled() {
      return enabled;
    },
    /** Picks and counts the fault of one request. */
    pick(operation: Operation): K | null {
      const index = scripted.findIndex((entry) => entry.operation === undefined || entry.operation === operation);
      let fault: K | null = index >= 0 ? (scripted.splice(index, 1)[0]?.fault ?? null) : null;
      if (!fault && (!plan.operations || plan.operations.includes(operation))) {
        fault = kinds.find((kind) => {
          const chance = probabilities[kind] ?? 0;
          return chance > 0 && random() < chance;
        }) ?? null;
      }
      if (fault) counts[fault]++;
      return fault;
    },
    script(fault: K, operation?: Operation) {
      scripted.push({ fault, operation });
    },
    setProbabilities(next: Partial<Record<K, number>>) {
      probabilities = { ...next };
    },
    disable() {
      enabled = false;
      scripted.length = 0;
    },
    enable() {
      enabled = true;
    },
  };
}

export function injectFaults(client: DynamoDBClient, plan: FaultPlan = {}): FaultInjector {
  const schedule = faultSchedule(FAULT_KINDS, plan);
  const now = plan.now ?? Date.now;
  let indexLagMs = plan.indexLagMs ?? 0;
  const held = new Set<(item: Record<string, unknown>) => boolean>();
  const counts = Object.assign(schedule.counts, { hiddenByIndexLag: 0 });

  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!schedule.enabled) return next(args);
      const operation = operationOf(context.commandName);
      const fault = schedule.pick(operation);
      if (fault && fault !== 'lostResponse') throw faultError(fault);
      const result = await next(args);
      if (fault === 'lostResponse') throw faultError(fault);
      const input = args.input as { IndexName?: string };
      const output = result.output as { Items?: Array<Record<string, unknown>>; Count?: number };
      if ((indexLagMs > 0 || held.size > 0) && operation === 'Query' && input.IndexName && output.Items) {
        const visibleBefore = now() - indexLagMs;
        const visible = output.Items.filter((item) => {
          if ([...held].some((predicate) => predicate(item))) return false;
          const updatedAt = updatedAtOf(item);
          return indexLagMs <= 0 || updatedAt === undefined || Date.parse(updatedAt) <= visibleBefore;
        });
        counts.hiddenByIndexLag += output.Items.length - visible.length;
        output.Items = visible;
        output.Count = visible.length;
      }
      return result;
    },
    { step: 'build', name: 'pilotforceFaultInjection', priority: 'high' },
  );

  return {
    script: schedule.script,
    setProbabilities: schedule.setProbabilities,
    setIndexLag(ms) {
      indexLagMs = ms;
    },
    holdInIndex(predicate) {
      held.add(predicate);
      return () => held.delete(predicate);
    },
    disable: schedule.disable,
    enable: schedule.enable,
    counts,
  };
}

/** The ways an S3 request fails at an airfield or in S3 itself. */
export const S3_FAULT_KINDS = [
  'connectionReset',
  'timeout',
  'internalError',
  'serviceUnavailable',
  /** S3's throttling: 503 SlowDown. */
  'slowDown',
  /** S3 stored the part or object (or completed the upload), then the caller gets a network error. */
  'lostResponse',
] as const;
export type S3FaultKind = (typeof S3_FAULT_KINDS)[number];

export type S3FaultPlan = {
  seed?: number;
  probabilities?: Partial<Record<S3FaultKind, number>>;
  /** S3 operations (`PutObject`, `UploadPart`, `CompleteMultipartUpload`, `HeadObject`...); all when absent. */
  operations?: readonly Operation[];
};

export type S3FaultInjector = Pick<FaultInjector, 'disable' | 'enable'> & {
  script(fault: S3FaultKind, operation?: Operation): void;
  setProbabilities(probabilities: Partial<Record<S3FaultKind, number>>): void;
  readonly counts: Record<S3FaultKind, number>;
};

/** An error shaped like the S3 client's own for each fault. */
export function s3FaultError(fault: S3FaultKind): Error {
  const service = (name: string, status: number, message: string) =>
    Object.assign(new Error(message), {
      name,
      $fault: 'server',
      $metadata: { httpStatusCode: status, attempts: 1, totalRetryDelay: 0 } satisfies Metadata,
    });
  switch (fault) {
    case 'internalError':
      return service('InternalError', 500, 'We encountered an internal error. Please try again. (injected)');
    case 'serviceUnavailable':
      return service('ServiceUnavailable', 503, 'Service is unable to handle request. (injected)');
    case 'slowDown':
      return service('SlowDown', 503, 'Please reduce your request rate. (injected)');
    default:
      return faultError(fault);
  }
}

export function injectS3Faults(client: S3Client, plan: S3FaultPlan = {}): S3FaultInjector {
  const schedule = faultSchedule(S3_FAULT_KINDS, plan);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!schedule.enabled) return next(args);
      const fault = schedule.pick(operationOf(context.commandName));
      if (fault && fault !== 'lostResponse') throw s3FaultError(fault);
      const result = await next(args);
      if (fault === 'lostResponse') throw s3FaultError(fault);
      return result;
    },
    { step: 'build', name: 'pilotforceS3FaultInjection', priority: 'high' },
  );
  return { script: schedule.script, setProbabilities: schedule.setProbabilities, disable: schedule.disable, enable: schedule.enable, counts: schedule.counts };
}
