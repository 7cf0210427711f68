import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { fromIni } from '@aws-sdk/credential-providers';
import { DynamoDBDocumentClient, NumberValue } from '@aws-sdk/lib-dynamodb';
import type { DynamoValue, ExactNumber } from '@shared/values';
import { isExactNumber, numberFromDynamoText, numberText } from '@shared/values';
import { CorrectedClock } from './clock';
import { type BackendConfig, LOCAL_CREDENTIALS, isLocalBackend } from './config';

export type AwsClients = {
  config: BackendConfig;
  dynamo: DynamoDBClient;
  /** Document client: reads give numbers exactly (JS number when exact, else `{ $n }`). */
  doc: DynamoDBDocumentClient;
  s3: S3Client;
  clock: CorrectedClock;
  destroy(): void;
};

/** The credentials every client of this backend uses; `undefined` is the SDK's default chain. */
export function backendCredentials(config: BackendConfig) {
  return isLocalBackend(config)
    ? LOCAL_CREDENTIALS
    : config.profile
      ? fromIni({ profile: config.profile })
      : undefined; // the SDK's default chain: environment, shared files, SSO, instance roles
}

export type StaticCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** `credentials` replaces the backend's own (tests: credential-shaped fakes that must never reach the renderer). */
export function createAwsClients(config: BackendConfig, clock = new CorrectedClock(), options: { credentials?: StaticCredentials } = {}): AwsClients {
  const credentials = options.credentials ?? backendCredentials(config);
  const dynamo = new DynamoDBClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: 1, // the sync engine retries with its own backoff and outcome reporting
    // A dead airfield link must end as a retryable timeout, not hang a push or pull forever.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
  });
  observeClock(dynamo, clock);
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: numberFromDynamoText },
  });
  const s3 = new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
    ...(credentials ? { credentials } : {}),
  });
  return {
    config,
    dynamo,
    doc,
    s3,
    clock,
    destroy() {
      doc.destroy();
      dynamo.destroy();
      s3.destroy();
    },
  };
}

type HttpResponseLike = { headers?: Record<string, string | undefined> };

/** Feeds every response's `Date` header, success or error, to the corrected clock. */
function observeClock(client: DynamoDBClient, clock: CorrectedClock): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const sentAt = clock.localTime();
      const record = (response: unknown) => {
        const date = (response as HttpResponseLike | undefined)?.headers?.date;
        if (date) clock.observe(date, sentAt, clock.localTime());
      };
      try {
        const result = await next(args);
        record(result.response);
        return result;
      } catch (error) {
        record((error as { $response?: unknown }).$response);
        throw error;
      }
    },
    { step: 'deserialize', name: 'pilotforceCorrectedClock', priority: 'low' },
  );
}

/**
 * SDK value (after the document client's unmarshall) to the app's value form: Sets and binary become
 * tagged plain objects so JSON, IPC and IndexedDB carry them unchanged.
 */
export function fromSdkValue(value: unknown): DynamoValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof NumberValue) return numberFromDynamoText(value.toString());
  if (value instanceof Uint8Array) return { $b: Buffer.from(value).toString('base64') };
  if (value instanceof Set) {
    const members = [...value];
    const first = members[0];
    if (typeof first === 'string') return { $ss: members as string[] };
    if (first instanceof Uint8Array) {
      return { $bs: (members as Uint8Array[]).map((b) => Buffer.from(b).toString('base64')) };
    }
    // With `wrapNumbers` a number set's members arrive as numbers or `{ $n }` already.
    return {
      $ns: members.map((m) => (m instanceof NumberValue ? numberFromDynamoText(m.toString()) : (m as number | ExactNumber))),
    };
  }
  if (Array.isArray(value)) return value.map(fromSdkValue);
  if (typeof value === 'object') {
    if ('$n' in value && Object.keys(value).length === 1) return value as DynamoValue;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromSdkValue(v)]));
  }
  throw new TypeError(`cannot represent a ${typeof value} as a DynamoDB value`);
}

export function fromSdkItem(item: Record<string, unknown>): Record<string, DynamoValue> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fromSdkValue(v)]));
}

/** The app's value form back to what the document client marshalls to the same DynamoDB types. */
export function toSdkValue(value: DynamoValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toSdkValue);
  if (isExactNumber(value)) return NumberValue.from(value.$n);
  if ('$ss' in value && Array.isArray(value.$ss)) return new Set(value.$ss);
  if ('$ns' in value && Array.isArray(value.$ns)) {
    return new Set(value.$ns.map((n) => NumberValue.from(numberText(n as number | ExactNumber))));
  }
  if ('$bs' in value && Array.isArray(value.$bs)) return new Set((value.$bs as string[]).map((b) => Buffer.from(b, 'base64')));
  if ('$b' in value && typeof value.$b === 'string') return Buffer.from(value.$b, 'base64');
  // A Map, not a plain object: the SDK's marshaller takes a plain object's own `constructor` key for its class.
  return new Map(Object.entries(value).map(([k, v]) => [k, toSdkValue(v as DynamoValue)]));
}

export function toSdkItem(item: Record<string, DynamoValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toSdkValue(v)]));
}
