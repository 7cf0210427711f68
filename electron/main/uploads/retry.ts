import { setTimeout as delay } from 'node:timers/promises';
import { backoffDelay, type Backoff } from '@shared/backoff';
import { classifyRequestFailure } from '../sync/aws-errors';

type SdkError = Error & { code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };

/** What a failed S3 request means for an upload. */
export type S3Failure =
  | { kind: 'transient'; reason: string }
  /** The operation does not exist on this S3 (s3rver lacks AbortMultipartUpload, ListParts, lifecycle). */
  | { kind: 'unsupported'; reason: string }
  /** The multipart upload is gone (aborted, or expired by the lifecycle rule): start it again. */
  | { kind: 'noSuchUpload'; reason: string }
  | { kind: 'final'; reason: string };

const FINAL_NAMES = new Set(['AccessDenied', 'NoSuchBucket', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidArgument', 'EntityTooLarge', 'InvalidRequest', 'BadDigest', 'InvalidDigest']);

/**
 * Anything that may pass with time is transient (network, timeouts, throttling, 5xx, expired credentials
 * being refreshed); only a clear refusal of the request itself is final, so an airfield outage never fails a job.
 */
export function classifyS3Failure(error: unknown): S3Failure {
  const failure = error as SdkError;
  const name = failure?.name ?? 'Error';
  const status = failure?.$metadata?.httpStatusCode;
  if (name === 'MethodNotAllowed' || name === 'NotImplemented' || status === 405 || status === 501) {
    return { kind: 'unsupported', reason: `${name} (${status ?? 'no status'})` };
  }
  if (name === 'NoSuchUpload') return { kind: 'noSuchUpload', reason: name };
  if (FINAL_NAMES.has(name) || (status !== undefined && status >= 400 && status < 500 && ![408, 429].includes(status) && name !== 'RequestTimeout' && name !== 'ExpiredToken')) {
    return { kind: 'final', reason: `S3 refused the request: ${name}${status ? ` (${status})` : ''}` };
  }
  const reason =
    status !== undefined ? `S3 answered ${status} (${name})` : `network error (${failure?.code ?? name})`;
  return { kind: 'transient', reason };
}

/**
 * The item write and the clock calibration go to DynamoDB, where throttling is a 400 that passes: there
 * the sync engine's rule holds (only a ValidationException is final), else a throttled item write would
 * fail the job and leave its complete object without an item (found by the crash harness).
 */
export function classifyDynamoFailure(error: unknown): S3Failure {
  const failure = classifyRequestFailure(error);
  if (failure.kind === 'transient') return { kind: 'transient', reason: failure.reason };
  return { kind: 'final', reason: failure.kind === 'invalid' ? `DynamoDB refused the asset item: ${failure.reason}` : 'DynamoDB refused the asset item (condition failed)' };
}

export type RetryPolicy = Backoff & { random: () => number };

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 500, maxMs: 60_000, random: Math.random };

export class FinalFailure extends Error {
  constructor(readonly failure: S3Failure) {
    super(failure.reason);
    this.name = 'FinalFailure';
  }
}

/**
 * Runs `attempt` until it succeeds, waiting with backoff after each transient failure (for as long as the
 * outage lasts); a non-transient failure is thrown as FinalFailure. Stops as soon as `signal` aborts.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: { signal: AbortSignal; policy: RetryPolicy; onRetry?: (reason: string, waitMs: number) => void; classify?: (error: unknown) => S3Failure },
): Promise<T> {
  for (let n = 0; ; n++) {
    options.signal.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      options.signal.throwIfAborted();
      if (error instanceof FinalFailure) throw error;
      const failure = (options.classify ?? classifyS3Failure)(error);
      if (failure.kind !== 'transient') throw new FinalFailure(failure);
      const waitMs = backoffDelay(n, options.policy, options.policy.random);
      options.onRetry?.(failure.reason, waitMs);
      await delay(waitMs, undefined, { signal: options.signal });
    }
  }
}
