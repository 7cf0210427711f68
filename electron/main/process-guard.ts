import type { MainLog } from './services';

/** The part of `process` the guard uses (a test passes an emitter of its own). */
export type GuardedProcess = {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
};

/**
 * The entry points' last line of defence (the desktop app, `npm start`, `npm run dev`): a rejection
 * nobody handled or an exception nobody caught is logged with its cause, and main keeps serving
 * instead of exiting (Node's default), which would take every window's sync and uploads down with
 * one bad message. The code below it answers every input itself; this only keeps a missed case from
 * being fatal. Tests do not install it, so such a case still fails them. Returns the uninstaller.
 */
export function keepServingOnUnexpectedErrors(log: MainLog, target: GuardedProcess = process): () => void {
  const onRejection = (reason: unknown) => log.error('unexpected: a promise rejected with nobody handling it; main keeps serving', { error: reason });
  const onException = (error: Error, origin: string) => log.error('unexpected: an exception was not caught; main keeps serving', { error, origin });
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
