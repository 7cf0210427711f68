import { describe, expect, it } from 'vitest';
import { FinalFailure, classifyS3Failure, withRetries } from '@main/uploads/retry';

const s3Error = (name: string, status?: number, code?: string) =>
  Object.assign(new Error(name), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}), ...(code ? { code } : {}) });

describe('S3 failures and backoff', () => {
  it('treats outages as transient, refusals as final, and missing operations as unsupported', () => {
    expect(classifyS3Failure(s3Error('Error', undefined, 'ECONNRESET'))).toMatchObject({ kind: 'transient', reason: 'network error (ECONNRESET)' });
    expect(classifyS3Failure(s3Error('ServiceUnavailable', 503)).kind).toBe('transient');
    expect(classifyS3Failure(s3Error('SlowDown', 503)).kind).toBe('transient');
    expect(classifyS3Failure(s3Error('RequestTimeout', 400)).kind).toBe('transient');
    expect(classifyS3Failure(s3Error('TimeoutError')).kind).toBe('transient');
    expect(classifyS3Failure(s3Error('AccessDenied', 403)).kind).toBe('final');
    expect(classifyS3Failure(s3Error('BadDigest', 400)).kind).toBe('final');
    expect(classifyS3Failure(s3Error('MethodNotAllowed', 405)).kind).toBe('unsupported');
    expect(classifyS3Failure(s3Error('NotImplemented', 501)).kind).toBe('unsupported');
    expect(classifyS3Failure(s3Error('NoSuchUpload', 404)).kind).toBe('noSuchUpload');
  });

  it('retries transient failures until success and stops at a final one', async () => {
    let calls = 0;
    const retries: string[] = [];
    const policy = { baseMs: 1, maxMs: 2, random: () => 0.5 };
    const signal = new AbortController().signal;
    const value = await withRetries(
      async () => {
        calls++;
        if (calls < 4) throw s3Error('InternalError', 500);
        return 'stored';
      },
      { signal, policy, onRetry: (reason) => retries.push(reason) },
    );
    expect(value).toBe('stored');
    expect(retries).toEqual(Array(3).fill('S3 answered 500 (InternalError)'));
    await expect(withRetries(() => Promise.reject(s3Error('AccessDenied', 403)), { signal, policy })).rejects.toBeInstanceOf(FinalFailure);
  });

  it('stops waiting as soon as it is aborted', async () => {
    const controller = new AbortController();
    const policy = { baseMs: 60_000, maxMs: 60_000, random: () => 1 };
    const pending = withRetries(() => Promise.reject(s3Error('SlowDown', 503)), { signal: controller.signal, policy, onRetry: () => controller.abort() });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
