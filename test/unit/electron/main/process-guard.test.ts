import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { type GuardedProcess, keepServingOnUnexpectedErrors } from '@main/process-guard';

describe('keepServingOnUnexpectedErrors', () => {
  it('logs an unhandled rejection and an uncaught exception with their causes, until uninstalled', () => {
    const target = new EventEmitter();
    const log = { info: vi.fn(), error: vi.fn() };
    const uninstall = keepServingOnUnexpectedErrors(log, target as GuardedProcess);
    const rejection = new Error('a task nobody awaited');
    const exception = new RangeError('Maximum call stack size exceeded');
    target.emit('unhandledRejection', rejection);
    target.emit('uncaughtException', exception, 'uncaughtException');
    expect(log.error.mock.calls).toEqual([
      [expect.stringMatching(/rejected with nobody handling it; main keeps serving/), { error: rejection }],
      [expect.stringMatching(/not caught; main keeps serving/), { error: exception, origin: 'uncaughtException' }],
    ]);
    uninstall();
    expect(target.listenerCount('unhandledRejection')).toBe(0);
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });

  it('keeps a real Node process running past both, where Node would exit', () => {
    const script = (guarded: boolean) => `
      const { keepServingOnUnexpectedErrors } = await import('./electron/main/process-guard.ts');
      const log = { info: () => {}, error: (message, details) => console.log('LOG', message, String(details.error)) };
      if (${guarded}) keepServingOnUnexpectedErrors(log);
      Promise.reject(new Error('nobody handles me'));
      setTimeout(() => { throw new RangeError('thrown in a timer'); }, 20);
      setTimeout(() => console.log('still serving'), 200);
    `;
    const run = (guarded: boolean) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(guarded)], { encoding: 'utf8', timeout: 60_000 });
    const guarded = run(true);
    expect(guarded.stdout).toContain('LOG unexpected: a promise rejected with nobody handling it; main keeps serving Error: nobody handles me');
    expect(guarded.stdout).toContain('LOG unexpected: an exception was not caught; main keeps serving RangeError: thrown in a timer');
    expect(guarded.stdout).toContain('still serving');
    expect(guarded.status).toBe(0);
    // The same process without the guard dies of the first one: what the guard is for.
    const bare = run(false);
    expect(bare.stdout).not.toContain('still serving');
    expect(bare.status).not.toBe(0);
  }, 120_000);
});
