import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';
import { launchSettings } from '../app-config';
import { loopbackToken } from '../server/launch-token';
import { startLoopbackServer } from '../server/loopback-server';
import { createAppLog, terminalLog } from '../log';
import { keepServingOnUnexpectedErrors } from '../process-guard';
import { startApp } from '../start-app';
import { stopOnSignals } from './stop-on-signals';

/**
 * `npm run dev`: the renderer from Vite's dev server with hot reload, the API from the loopback server
 * (Vite proxies `/api`, WebSocket included). The dev page is an extra allowed origin of the API; it takes
 * the token from its address as the built page does. Ctrl+C stops everything.
 */
const DEV_PORT = Number(process.env.PILOTFORCE_DEV_PORT ?? 5173);
const root = fileURLToPath(new URL('../../../', import.meta.url));

try {
  const settings = launchSettings();
  const log = createAppLog(settings.dataDir, terminalLog);
  keepServingOnUnexpectedErrors(log);
  const running = await startApp({ settings, log });
  const devOrigin = `http://127.0.0.1:${DEV_PORT}`;
  const token = loopbackToken(settings.dataDir);
  log.addSecret(token);
  const api = await startLoopbackServer({
    port: settings.port,
    staticDir: `${root}dist/renderer`,
    handlers: running.services.handlers,
    events: running.services.events,
    stageFromStream: running.services.uploads.stageFromStream,
    log,
    token,
    extraOrigins: [devOrigin],
  });
  const vite = await createServer({
    root: `${root}renderer`,
    configFile: `${root}vite.config.ts`,
    server: {
      host: '127.0.0.1',
      port: DEV_PORT,
      strictPort: true,
      proxy: { '/api': { target: api.origin, ws: true, changeOrigin: true } },
    },
  });
  await vite.listen();
  console.log(`\nPilotForce Admin (dev, hot reload): open ${devOrigin}/?token=${token}\n(Ctrl+C stops everything)`);
  stopOnSignals(
    async () => {
      await vite.close();
      await api.close();
    },
    running,
    log,
  );
} catch (error) {
  console.error(`PilotForce dev could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
