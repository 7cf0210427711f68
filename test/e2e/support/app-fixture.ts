import { test as base } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendConfigSchema } from '@main/aws/config';
import { type LocalBackend, startLocalBackend } from '@main/ops/local-backend';
import { provision } from '@main/ops/provisioning';
import { newToken } from '@main/server/guards';
import { type LoopbackServer, startLoopbackServer } from '@main/server/loopback-server';
import { type MainLog, type MainServices, createMainServices } from '@main/services';
import { freePort } from '@test/support/free-port';
import { type CuttableLink, cuttableLink } from './cuttable-link';
import { seedSample } from './sample';

/**
 * The app as `npm start` serves it, for one test file: DynamoDB Local and s3rver (in memory) behind
 * links the test can cut, tables provisioned under a unique prefix with a small sample, the real main
 * services, and the loopback server on a fixed port that can be restarted on the SAME port (same
 * origin, same IndexedDB) with the same access token, as `npm start` keeps one per data directory.
 */
export type E2eApp = {
  port: number;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The address `npm start` would print (with the token); the same across restarts. */
  launchUrl(): string;
  services: MainServices;
  prefix: string;
  /** How many files reached main's staging through the loopback server. */
  stagedFiles(): number;
  /** Takes the backend away from main (DynamoDB and S3: refused, or hanging with no answer), and gives it back. */
  cutBackend(how?: 'refuse' | 'hang'): void;
  restoreBackend(): void;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  restartServer(): Promise<void>;
};

const quiet: MainLog = { info: () => undefined, error: () => undefined };

export const test = base.extend<object, { app: E2eApp }>({
  app: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter
    async ({}, use) => {
      const backend: LocalBackend = await startLocalBackend();
      const links: CuttableLink[] = [await cuttableLink(backend.endpoint), await cuttableLink(backend.s3Endpoint)];
      const [dynamoLink, s3Link] = links as [CuttableLink, CuttableLink];
      const prefix = `e2e${Date.now().toString(36)}-`;
      const config = BackendConfigSchema.parse({ endpoint: dynamoLink.endpoint, s3Endpoint: s3Link.endpoint, tablePrefix: prefix });
      const dataDir = await mkdtemp(join(tmpdir(), 'pf-e2e-'));
      const services = createMainServices({ backend: config, dataDir, log: quiet, connectivityIntervalMs: 500 });
      await provision(services.clients, { prefix, bucket: config.bucket, log: () => undefined, pollIntervalMs: 50 });
      await seedSample(services.handlers);
      services.start();

      const port = await freePort();
      const token = newToken();
      let staged = 0;
      const stageFromStream: typeof services.uploads.stageFromStream = (body, file) => {
        staged += 1;
        return services.uploads.stageFromStream(body, file);
      };
      let server: LoopbackServer | undefined;
      const startServer = async () => {
        server = await startLoopbackServer({
          port,
          token,
          staticDir: 'dist/renderer',
          handlers: services.handlers,
          events: services.events,
          stageFromStream,
          log: quiet,
        });
      };
      const stopServer = async () => {
        await server?.close();
        server = undefined;
      };
      await startServer();

      await use({
        port,
        origin: `http://127.0.0.1:${port}`,
        launchUrl: () => {
          if (!server) throw new Error('the server is stopped');
          return server.launchUrl;
        },
        services,
        prefix,
        stagedFiles: () => staged,
        cutBackend: (how) => links.forEach((link) => link.cut(how)),
        restoreBackend: () => links.forEach((link) => link.restore()),
        stopServer,
        startServer,
        restartServer: async () => {
          await stopServer();
          await startServer();
        },
      });

      await stopServer();
      services.stop();
      await Promise.all(links.map((link) => link.close()));
      await backend.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';
