import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { CallContext, Handlers } from '@shared/api/contract';
import { CALLS } from '@shared/api/contract';
import { INTERNAL_MESSAGE, dispatch, isCallName } from '@shared/api/dispatch';
import { ApiFailure } from '@shared/api/result';
import { SYNC_BUCKETS } from '@shared/tables';

const context: CallContext = { transport: 'web' };
const CONNECTION = { mode: 'local', region: 'us-east-1', tablePrefix: 't-', bucket: 'b' } as const;

/** Every call answers with a fixed failure unless the test overrides it. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notHere = async () => {
    throw new ApiFailure('unsupported', 'not in this test');
  };
  const all = Object.fromEntries(Object.keys(CALLS).map((name) => [name, notHere])) as unknown as Handlers;
  return { ...all, 'settings.connection': async () => CONNECTION, ...overrides };
}

describe('dispatch', () => {
  it('runs a known call with valid input and returns its validated output', async () => {
    const result = await dispatch(handlers(), 'settings.connection', {}, context, vi.fn());
    expect(result).toEqual({ ok: true, value: CONNECTION });
  });

  it('passes the parsed input (with defaults) and the context to the handler', async () => {
    const pull = vi.fn(async () => {
      throw new ApiFailure('unavailable', 'offline');
    });
    await dispatch(handlers({ 'sync.pull': pull }), 'sync.pull', { entity: 'users', checkpoint: null }, context, vi.fn());
    expect(pull).toHaveBeenCalledWith({ entity: 'users', checkpoint: null, limit: 500 }, context);
  });

  it('refuses unknown channels, including names inherited from Object.prototype', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 42, null, undefined]) {
      const result = await dispatch(handlers(), name, {}, context, vi.fn());
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(isCallName('hasOwnProperty')).toBe(false);
  });

  it('lists the paths of invalid input', async () => {
    const result = await dispatch(handlers(), 'sync.pull', { entity: 'planes', checkpoint: null, limit: -1 }, context, vi.fn());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('entity:');
    expect(result.error.message).toContain('limit:');
  });

  it("turns an ApiFailure into its code and message", async () => {
    const result = await dispatch(
      handlers({ 'settings.connection': async () => Promise.reject(new ApiFailure('unavailable', 'The backend is unreachable.')) }),
      'settings.connection',
      {},
      context,
      vi.fn(),
    );
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: 'The backend is unreachable.' } });
  });

  it('hides any other error behind a generic message and logs the real one', async () => {
    const secret = new Error('The security token AKIAIOSFODNN7EXAMPLE is invalid\n    at sign (aws.js:1:1)');
    const log = vi.fn();
    const result = await dispatch(
      handlers({ 'settings.connection': async () => Promise.reject(secret) }),
      'settings.connection',
      {},
      context,
      log,
    );
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(JSON.stringify(result)).not.toContain('AKIA');
    expect(log).toHaveBeenCalledWith('call failed', { call: 'settings.connection', error: secret });
  });

  it('refuses to send an output that does not fit its schema', async () => {
    const log = vi.fn();
    const leaky = async () => ({ ...CONNECTION, mode: 'weird', secretAccessKey: 'x' }) as unknown as typeof CONNECTION;
    const result = await dispatch(handlers({ 'settings.connection': leaky }), 'settings.connection', {}, context, log);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(log).toHaveBeenCalledOnce();
  });

  it('strips keys the output schema does not declare', async () => {
    const extra = async () => ({ ...CONNECTION, secretAccessKey: 'x' });
    const result = await dispatch(handlers({ 'settings.connection': extra }), 'settings.connection', {}, context, vi.fn());
    expect(result).toEqual({ ok: true, value: CONNECTION });
  });

  it('answers any garbage payload with a result, never a throw, and never calls a handler with it', async () => {
    const names = fc.oneof(fc.constantFrom(...Object.keys(CALLS)), fc.string(), fc.anything());
    await fc.assert(
      fc.asyncProperty(names, fc.anything(), async (name, input) => {
        const log = vi.fn();
        const result = await dispatch(handlers(), name, input, context, log);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(['invalid_input', 'unsupported']).toContain(result.error.code);
          expect(result.error.message.length).toBeLessThanOrEqual(600);
        }
        expect(log).not.toHaveBeenCalled();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a value nested thousands of levels deep before any recursive check runs, and answers the next call', async () => {
    const push = vi.fn();
    // 3,000 arrays inside each other: about 6 KB of JSON, past the stack of a recursive parse.
    const deep = JSON.parse(`${'['.repeat(3000)}"x"${']'.repeat(3000)}`) as unknown;
    const item = { assetType: 'document', deep };
    const input = { mutations: [{ kind: 'create', clientId: 'c', seq: 1, entity: 'assets', key: 'a-1', updatedBy: 'ann', item }] };
    const log = vi.fn();
    const result = await dispatch(handlers({ 'sync.push': push }), 'sync.push', input, context, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (result.ok) return;
    expect(result.error.message).toContain('mutations[0].item.deep: lists and maps nested more than 64 levels deep (DynamoDB stores at most 32)');
    expect(push).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    // A value that refers to itself (structured clone keeps cycles) is measured the same way.
    const cycle: unknown[] = [];
    cycle.push(cycle);
    const cyclic = await dispatch(handlers({ 'sync.push': push }), 'sync.push', { mutations: [{ ...input.mutations[0], item: { assetType: 'document', cycle } }] }, context, log);
    expect(cyclic).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(handlers(), 'settings.connection', {}, context, log)).toEqual({ ok: true, value: CONNECTION });
  });

  it('answers even when reading the input throws (a getter, in process), and logs why', async () => {
    const log = vi.fn();
    const cause = new Error('a getter that throws');
    const input = Object.defineProperty({}, 'entity', { enumerable: true, get: () => { throw cause; } });
    const result = await dispatch(handlers(), 'sync.checkpoint', input, context, log);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(log).toHaveBeenCalledWith('call input could not be checked', { call: 'sync.checkpoint', error: cause });
  });

  it('keeps results intact through JSON and structured clone (exact numbers and sets)', async () => {
    const item = { userId: 'u1', balance: { $n: '12345678901234567890.123' }, tags: { $ss: ['a', 'b'] }, version: 3 };
    const pull = async () => ({
      items: [item],
      quarantined: [],
      checkpoint: { buckets: Array.from({ length: SYNC_BUCKETS }, () => ({ highWater: null, checkedAt: null, pass: null })) },
      hasMore: false,
      resyncRequired: false,
      consumedReadUnits: 0,
    });
    const result = await dispatch(
      handlers({ 'sync.pull': pull as unknown as Handlers['sync.pull'] }),
      'sync.pull',
      { entity: 'users', checkpoint: null },
      context,
      vi.fn(),
    );
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).toContain('"$n":"12345678901234567890.123"');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(structuredClone(result)).toEqual(result);
  });
});
