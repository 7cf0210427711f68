import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Fault injection on a DynamoDB client (test support, kept in the source tree because soak and crash
 * runs use it): a middleware that fails requests the way AWS and airfield networks do, by seeded
 * probability or by a scripted plan, and simulates GSI lag, which DynamoDB Local does not have
 * (DESIGN.md, "DynamoDB Local is not DynamoDB"). The same client, with the same middleware as in the
 * app (clock correction, document marshalling), is what the code under test uses.
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

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

export function injectFaults(client: DynamoDBClient, plan: FaultPlan = {}): FaultInjector {
  const random = seededRandom(plan.seed ?? 1);
  const now = plan.now ?? Date.now;
  const scripted: Array<{ fault: FaultKind; operation: Operation | undefined }> = [];
  let probabilities = { ...plan.probabilities };
  let indexLagMs = plan.indexLagMs ?? 0;
  let enabled = true;
  const held = new Set<(item: Record<string, unknown>) => boolean>();
  const counts = Object.fromEntries([...FAULT_KINDS, 'hiddenByIndexLag'].map((name) => [name, 0])) as FaultInjector['counts'];

  const pickFault = (operation: Operation): FaultKind | null => {
    const index = scripted.findIndex((entry) => entry.operation === undefined || entry.operation === operation);
    if (index >= 0) return scripted.splice(index, 1)[0]?.fault ?? null;
    if (plan.operations && !plan.operations.includes(operation)) return null;
    for (const fault of FAULT_KINDS) {
      const chance = probabilities[fault] ?? 0;
      if (chance > 0 && random() < chance) return fault;
    }
    return null;
  };

  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!enabled) return next(args);
      const operation = operationOf(context.commandName);
      const fault = pickFault(operation);
      if (fault) counts[fault]++;
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
    script(fault, operation) {
      scripted.push({ fault, operation });
    },
    setProbabilities(next) {
      probabilities = { ...next };
    },
    setIndexLag(ms) {
      indexLagMs = ms;
    },
    holdInIndex(predicate) {
      held.add(predicate);
      return () => held.delete(predicate);
    },
    disable() {
      enabled = false;
      scripted.length = 0;
    },
    enable() {
      enabled = true;
    },
    counts,
  };
}
