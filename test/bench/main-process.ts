import { mkdtemp, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { BackendConfigSchema } from '@main/aws/config';
import { freeLoopbackPort } from '@main/ops/local-backend';
import { startLoopbackServer } from '@main/server/loopback-server';
import { type MainLog, createMainServices } from '@main/services';
import { meterCapacity } from './capacity';

/**
 * The app's main process for the benchmarks, in its own Node process so its memory is measured
 * alone (P6): the real main services and the loopback server (the browser build's transport),
 * serving the bench page. The runner talks to it over the fork IPC channel.
 */
export const MainProcessArgsSchema = z.object({ backend: BackendConfigSchema, staticDir: z.string() });
export type MainProcessArgs = z.infer<typeof MainProcessArgsSchema>;

export type MainRequest = { id: number; type: 'capacity' | 'rss-reset' | 'rss' | 'profile-start' | 'profile-stop' | 'stop' };
/** Peak and last RSS since the reset, and the event loop's utilization (0..1): near 1, main is the bottleneck. */
export type RssReport = { maxMb: number; lastMb: number; samples: number; eventLoopUtilization: number };
export type MainMessage = { type: 'ready'; launchUrl: string; origin: string } | { id: number; value: unknown };

const RSS_SAMPLE_MS = 100;

async function main(): Promise<void> {
  const args = MainProcessArgsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const dataDir = await mkdtemp(join(tmpdir(), 'pf-bench-main-'));
  const log: MainLog = { info: () => undefined, error: (message, details) => console.error(message, details) };
  const services = createMainServices({ backend: args.backend, dataDir, log });
  const meter = meterCapacity(services.clients.dynamo);
  const server = await startLoopbackServer({ port: await freeLoopbackPort(), staticDir: args.staticDir, handlers: services.handlers, events: services.events, log });

  const mb = () => process.memoryUsage.rss() / 1024 / 1024;
  let loopSince = performance.eventLoopUtilization();
  let rss: RssReport = { maxMb: mb(), lastMb: mb(), samples: 1, eventLoopUtilization: 0 };
  const sample = () => {
    const now = mb();
    const utilization = performance.eventLoopUtilization(loopSince).utilization;
    rss = { maxMb: Math.max(rss.maxMb, now), lastMb: now, samples: rss.samples + 1, eventLoopUtilization: utilization };
  };
  const profiler = new Session();
  profiler.connect();
  const sampler = setInterval(sample, RSS_SAMPLE_MS);

  const send = (message: MainMessage) => process.send?.(message);
  process.on('message', (request: MainRequest) => {
    (async () => {
      if (request.type === 'capacity') return send({ id: request.id, value: meter.take() });
      if (request.type === 'rss-reset') {
        loopSince = performance.eventLoopUtilization();
        rss = { maxMb: mb(), lastMb: mb(), samples: 1, eventLoopUtilization: 0 };
        return send({ id: request.id, value: rss });
      }
      if (request.type === 'profile-start') {
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 1000 });
        await profiler.post('Profiler.start');
        return send({ id: request.id, value: null });
      }
      if (request.type === 'profile-stop') {
        const { profile } = await profiler.post('Profiler.stop');
        return send({ id: request.id, value: profile });
      }
      if (request.type === 'rss') {
        sample();
        return send({ id: request.id, value: rss });
      }
      clearInterval(sampler);
      await server.close();
      services.stop();
      await rm(dataDir, { recursive: true, force: true });
      send({ id: request.id, value: null });
      process.disconnect();
    })().catch((error: unknown) => {
      // As a failed start: the parent sees this process end instead of waiting for an answer.
      console.error(error);
      process.exit(1);
    });
  });
  send({ type: 'ready', launchUrl: server.launchUrl, origin: server.origin });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
