import { describe, expect, it } from 'vitest';
import { classifyRequestFailure } from '@main/sync/aws-errors';
import { FAULT_KINDS, faultError } from '@test/support/fault-injection';

describe('classifyRequestFailure', () => {
  it('a failed condition carries the current item, unmarshalled exactly', () => {
    const error = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      Item: { userId: { S: 'u1' }, version: { N: '3' }, big: { N: '12345678901234567890.5' } },
    });
    expect(classifyRequestFailure(error)).toEqual({ kind: 'condition', item: { userId: 'u1', version: 3, big: { $n: '12345678901234567890.5' } } });
    expect(classifyRequestFailure(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' }))).toEqual({ kind: 'condition', item: null });
  });

  it('only a ValidationException is final; every injected fault, and anything unknown, is transient', () => {
    expect(classifyRequestFailure(Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' }))).toMatchObject({ kind: 'invalid' });
    expect(classifyRequestFailure(Object.assign(new Error('Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 9240'), { name: 'ValidationException' }))).toEqual({
      kind: 'invalid',
      reason: 'the change names more fields than one DynamoDB write can carry (4 KB of expression)',
    });
    for (const fault of FAULT_KINDS) expect(classifyRequestFailure(faultError(fault)).kind).toBe('transient');
    expect(classifyRequestFailure(Object.assign(new Error('expired'), { name: 'ExpiredTokenException', $metadata: { httpStatusCode: 400 } })).kind).toBe('transient');
    expect(classifyRequestFailure('not even an error').kind).toBe('transient');
  });

  it('suggests a jittered wait, longer for throttling than for a server error', () => {
    const low = () => 0;
    const throttled = classifyRequestFailure(faultError('throttling'), low);
    const server = classifyRequestFailure(faultError('internalError'), low);
    expect(throttled.kind === 'transient' && server.kind === 'transient' && throttled.retryAfterMs > server.retryAfterMs).toBe(true);
  });
});
