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

  it("a server error worded as a refusal (DynamoDB Local's 500 for a value nested too deeply) is final too, with the app's reason", () => {
    const nesting = "the item would nest lists and maps deeper than DynamoDB's 32 levels";
    const serverError = (name: string, message: string, status = 500) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
    // DynamoDB Local's own words, as a 400 and as a 500.
    expect(classifyRequestFailure(Object.assign(new Error('Nesting Levels have exceeded supported limits'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }))).toEqual({ kind: 'invalid', reason: nesting });
    expect(classifyRequestFailure(serverError('InternalFailure', 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit'))).toEqual({ kind: 'invalid', reason: nesting });
    expect(classifyRequestFailure(serverError('InternalServerError', 'com.amazon.coral.validate#ValidationException: Item size has exceeded the maximum allowed size'))).toEqual({
      kind: 'invalid',
      reason: "the item would exceed DynamoDB's 400 KB item size",
    });
    expect(classifyRequestFailure(serverError('InternalFailure', 'ExpressionAttributeValues contains invalid value: something'))).toEqual({ kind: 'invalid', reason: 'DynamoDB refused the write as invalid (ValidationException)' });
    // A server error that says nothing of the request stays a server error: retried.
    expect(classifyRequestFailure(serverError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.')).kind).toBe('transient');
    expect(classifyRequestFailure(serverError('ServiceUnavailable', 'Service unavailable', 503)).kind).toBe('transient');
    // Below 500 only the exception's name decides: a 400 with such words but another name is not a refusal of the data.
    expect(classifyRequestFailure(serverError('ThrottlingException', 'item size', 400)).kind).toBe('transient');
  });

  it('suggests a jittered wait, longer for throttling than for a server error', () => {
    const low = () => 0;
    const throttled = classifyRequestFailure(faultError('throttling'), low);
    const server = classifyRequestFailure(faultError('internalError'), low);
    expect(throttled.kind === 'transient' && server.kind === 'transient' && throttled.retryAfterMs > server.retryAfterMs).toBe(true);
  });
});
