import { createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { BackendConfigSchema } from '@main/aws/config';
import { createAwsClients } from '@main/aws/clients';
import { createConnectivityMonitor, probeReachability } from '@main/aws/reachability';

/** An endpoint that accepts connections and never answers: a link hanging at an airfield. */
const sockets = new Set<Socket>();
const hanging = createServer((socket) => void sockets.add(socket));
await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
const address = hanging.address();
const endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => hanging.close(resolve));
});

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('probeReachability', () => {
  it('answers offline when DynamoDB does not answer within the timeout, long before a request would time out', async () => {
    const clients = createAwsClients(BackendConfigSchema.parse({ endpoint, tablePrefix: 'probe-' }));
    const started = Date.now();
    expect(await probeReachability(clients, 300)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    clients.destroy();
  });
});

describe('the connectivity monitor', () => {
  it('runs one probe at a time however often it is asked, and tells only of changes', async () => {
    let probes = 0;
    let answer!: (reachable: boolean) => void;
    const changes: boolean[] = [];
    const monitor = createConnectivityMonitor(
      () => {
        probes += 1;
        return new Promise((resolve) => (answer = resolve));
      },
      (change) => changes.push(change.online),
      { intervalMs: 60_000 },
    );
    const first = monitor.check();
    const second = monitor.check();
    expect(probes).toBe(1);
    answer(true);
    expect((await first).online).toBe(true);
    expect((await second).online).toBe(true);
    const third = monitor.check();
    answer(true);
    await third;
    expect(probes).toBe(2);
    expect(changes).toEqual([true]);
  });

  it('probes every interval while online and faster while offline, until stopped', async () => {
    let reachable = false;
    let probes = 0;
    const changes: boolean[] = [];
    const monitor = createConnectivityMonitor(
      async () => {
        probes += 1;
        return reachable;
      },
      (change) => changes.push(change.online),
      { intervalMs: 10_000, offlineIntervalMs: 20 },
    );
    monitor.start();
    await tick(150);
    expect(changes).toEqual([false]);
    expect(probes).toBeGreaterThan(2);
    reachable = true;
    await tick(100);
    expect(changes).toEqual([false, true]);
    const online = probes;
    await tick(100);
    expect(probes).toBe(online);
    monitor.stop();
  });
});
