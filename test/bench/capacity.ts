import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Consumed read/write capacity by DynamoDB operation, as DynamoDB (Local) reports it. */
export type CapacityTotals = Record<string, { calls: number; readUnits: number; writeUnits: number }>;

type ConsumedLike = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

const SUPPORTS_CAPACITY = new Set(['GetItemCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'QueryCommand', 'ScanCommand', 'BatchWriteItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);

/**
 * Asks every capacity-reporting call for `ReturnConsumedCapacity: TOTAL` (when the caller did not ask
 * already) and adds up what comes back, per operation; `take()` returns the totals since the last take.
 * Reads without a split count as read units, writes as write units (DynamoDB's own split when given).
 */
export function meterCapacity(client: DynamoDBClient): { take(): CapacityTotals } {
  let totals: CapacityTotals = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = context.commandName ?? 'unknown';
      const input = args.input as { ReturnConsumedCapacity?: string };
      if (SUPPORTS_CAPACITY.has(operation) && input.ReturnConsumedCapacity === undefined) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: ConsumedLike | ConsumedLike[] }).ConsumedCapacity;
      const entry = (totals[operation] ??= { calls: 0, readUnits: 0, writeUnits: 0 });
      entry.calls += 1;
      for (const part of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
        const isWrite = /Put|Update|Delete|Write/.test(operation);
        entry.readUnits += part.ReadCapacityUnits ?? (isWrite ? 0 : (part.CapacityUnits ?? 0));
        entry.writeUnits += part.WriteCapacityUnits ?? (isWrite ? (part.CapacityUnits ?? 0) : 0);
      }
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter', priority: 'high' },
  );
  return {
    take() {
      const taken = totals;
      totals = {};
      return taken;
    },
  };
}

export function describeCapacity(totals: CapacityTotals): string {
  const parts = Object.entries(totals).map(
    ([operation, t]) => `${operation.replace(/Command$/, '')} x${t.calls}: ${round(t.readUnits)} RCU, ${round(t.writeUnits)} WCU`,
  );
  return parts.length > 0 ? parts.join('; ') : 'no calls';
}

function round(units: number): number {
  return Math.round(units * 10) / 10;
}
