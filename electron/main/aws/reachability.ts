import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { tableName } from '@shared/tables';
import type { AwsClients } from './clients';

/** How long a probe waits for DynamoDB: a hanging link is offline after this, not after a request's 30 s timeout. */
export const PROBE_TIMEOUT_MS = 3_000;

/**
 * Whether DynamoDB answers, within `timeoutMs`: one DescribeTable of the users table (no read capacity, an
 * action the app's policy already grants). An answer is reachable even when it is an error (a missing
 * table, a refused permission: the sync's own calls report those, as errors, not as offline); no answer
 * in time, or no connection, is offline. A probe never rejects.
 */
export async function probeReachability(clients: AwsClients, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const abortSignal = AbortSignal.timeout(timeoutMs);
  try {
    await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName('users', clients.config.tablePrefix) }), { abortSignal });
    return true;
  } catch (error) {
    return typeof (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode === 'number';
  }
}

export type ConnectivityMonitor = {
  /** Probes now (or joins the probe in flight), reports the answer, and returns it. */
  check(): Promise<{ online: boolean; checkedAt: string }>;
  /** An answer found elsewhere (Settings' "Test connection"). */
  report(reachable: boolean): void;
  start(): void;
  stop(): void;
};

/**
 * Emits `connectivity.changed` when reachability changes: probes every `intervalMs` while online, every
 * `offlineIntervalMs` while offline (to say "online" soon after the link returns), and on `check()`,
 * which the sync loop calls while a cycle takes long. One probe at a time: a hanging link never piles them up.
 * Being offline is a normal state at an airfield, not an error.
 */
export function createConnectivityMonitor(
  probe: () => Promise<boolean>,
  onChange: (change: { online: boolean; checkedAt: string }) => void,
  { intervalMs, offlineIntervalMs = Math.min(intervalMs, 2_000) }: { intervalMs: number; offlineIntervalMs?: number },
): ConnectivityMonitor {
  let online: boolean | undefined;
  let inFlight: Promise<{ online: boolean; checkedAt: string }> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  const report = (reachable: boolean) => {
    const checkedAt = new Date().toISOString();
    if (reachable !== online) {
      online = reachable;
      onChange({ online: reachable, checkedAt });
    }
    return { online: reachable, checkedAt };
  };
  const next = () => {
    clearTimeout(timer);
    if (!running) return;
    timer = setTimeout(probeInBackground, online === false ? offlineIntervalMs : intervalMs);
    timer.unref?.();
  };
  const check = () => {
    // A probe that throws (it should answer false instead) is the "offline" answer too.
    inFlight ??= probe()
      .then(report, () => report(false))
      .finally(() => {
        inFlight = undefined;
        next();
      });
    return inFlight;
  };
  function probeInBackground() {
    check().catch(() => undefined);
  }
  return {
    check,
    report: (reachable) => void report(reachable),
    start() {
      if (running) return;
      running = true;
      probeInBackground();
    },
    stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
