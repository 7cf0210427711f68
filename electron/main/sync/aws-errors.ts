import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ServerItem } from '@shared/sync/protocol';
import { numberFromDynamoText } from '@shared/values';
import { fromSdkItem } from '../aws/clients';

/** What a failed DynamoDB request means for the sync engine. */
export type RequestFailure =
  /** The condition did not hold: `item` is the current item (ALL_OLD), null when there is none. */
  | { kind: 'condition'; item: ServerItem | null }
  /** Throttled, a server error, the network, a timeout, credentials: nothing is wrong with the data. */
  | { kind: 'transient'; reason: string; retryAfterMs: number }
  /** DynamoDB refused the request as such (e.g. the item would exceed 400 KB): retrying cannot help. */
  | { kind: 'invalid'; reason: string };

const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

type SdkError = Error & {
  name: string;
  code?: string;
  Item?: Record<string, unknown>;
  /** A cancelled transaction's reasons, one per item in order (the change first, its history entry second). */
  CancellationReasons?: Array<{ Code?: string; Message?: string; Item?: Record<string, unknown> }>;
  $metadata?: { httpStatusCode?: number };
};

/** A transaction's cancellation, as the failure of its first item (the change) would be on its own. */
function transactionFailure(failure: SdkError): SdkError {
  const [change, entry] = failure.CancellationReasons ?? [];
  const code = change?.Code && change.Code !== 'None' ? change.Code : entry?.Code;
  if (code === 'ConditionalCheckFailed' && change?.Code === 'ConditionalCheckFailed') {
    return Object.assign(new Error(change.Message ?? 'The conditional request failed'), { name: 'ConditionalCheckFailedException', ...(change.Item ? { Item: change.Item } : {}) });
  }
  if (code === 'ValidationError') return Object.assign(new Error(change?.Message ?? entry?.Message ?? failure.message), { name: 'ValidationException' });
  if (code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded') return Object.assign(new Error(failure.message), { name: 'ThrottlingException' });
  // A concurrent transaction on the item (TransactionConflict), or anything unforeseen: worth retrying.
  return Object.assign(new Error(failure.message), { name: `TransactionCanceled(${code ?? 'unknown'})` });
}

/**
 * DynamoDB's words for a request that can never succeed. DynamoDB Local answers some of these as a 500
 * (e.g. a value nested past its 32 levels), which would otherwise be retried for ever.
 */
const VALIDATION_MESSAGE = /ValidationException|nest(?:ed|ing) levels|item size|expression size|contains invalid value/i;

/**
 * Only a ValidationException (or a server error worded as one) is final; everything else (including
 * expired credentials and errors never seen before) is transient, so an edit is kept and retried
 * rather than dropped.
 */
export function classifyRequestFailure(error: unknown, random: () => number = Math.random): RequestFailure {
  const failure = (error as SdkError)?.name === 'TransactionCanceledException' ? transactionFailure(error as SdkError) : (error as SdkError);
  if (failure?.name === 'ConditionalCheckFailedException') {
    // The document client does not unmarshall errors: ALL_OLD arrives in DynamoDB's wire form.
    const item = failure.Item ? fromSdkItem(unmarshall(failure.Item as Record<string, AttributeValue>, { wrapNumbers: numberFromDynamoText })) : null;
    return { kind: 'condition', item };
  }
  if (failure?.name === 'ValidationException') return { kind: 'invalid', reason: validationReason(failure.message) };
  const status = failure?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500 && typeof failure?.message === 'string' && VALIDATION_MESSAGE.test(failure.message)) {
    return { kind: 'invalid', reason: validationReason(failure.message) };
  }
  const base = THROTTLING.has(failure?.name) ? 1000 : status !== undefined && status >= 500 ? 500 : 2000;
  const reason = THROTTLING.has(failure?.name)
    ? `throttled (${failure.name})`
    : status !== undefined
      ? `DynamoDB answered ${status} (${failure?.name ?? 'error'})`
      : `network error (${failure?.code ?? failure?.name ?? 'unknown'})`;
  return { kind: 'transient', reason, retryAfterMs: jitteredBackoff(base, random) };
}

/**
 * The renderer gets the app's words, never DynamoDB's raw text (which may quote the request): the one
 * refusals a user can act on are the size limits, every other one is named only.
 */
function validationReason(message: unknown): string {
  if (typeof message === 'string' && /item size/i.test(message)) return "the item would exceed DynamoDB's 400 KB item size";
  if (typeof message === 'string' && /nest(?:ed|ing) levels/i.test(message)) return "the item would nest lists and maps deeper than DynamoDB's 32 levels";
  if (typeof message === 'string' && /expression size/i.test(message)) return 'the change names more fields than one DynamoDB write can carry (4 KB of expression)';
  return 'DynamoDB refused the write as invalid (ValidationException)';
}

/** "Full jitter" around the base: spreads retries of many clients apart. */
export function jitteredBackoff(baseMs: number, random: () => number = Math.random): number {
  return Math.round(baseMs / 2 + random() * baseMs);
}
