import type { MainLog } from '../services';

/**
 * Ctrl+C and SIGTERM: close what serves, then, whatever happens on the way (even a closed terminal), the
 * local backend's Java goes and the process ends; a failed stop is logged and ends it with a failure code
 * (the unexpected-error guard would otherwise keep it serving).
 */
export function stopOnSignals(closeServers: () => Promise<void>, backend: { stop(): Promise<void> }, log: Pick<MainLog, 'error'>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await closeServers();
    } finally {
      await backend.stop().catch((error: unknown) => log.error('the local backend did not stop cleanly', { error }));
      process.exit(0);
    }
  };
  const stopOnSignal = () => {
    stop().catch((error: unknown) => {
      log.error('PilotForce did not stop cleanly', { error });
      process.exit(1);
    });
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
}
