import type { Plugin } from 'vite';
import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';
import { launchSettings } from '../app-config';
import { type Guard, newToken, sessionCookie, tokenMatches } from '../server/guards';
import { startLoopbackServer } from '../server/loopback-server';
import { createAppLog, terminalLog } from '../log';
import { keepServingOnUnexpectedErrors } from '../process-guard';
import { startApp } from '../start-app';

/**
 * `npm run dev`: the renderer from Vite's dev server with hot reload, the API from the loopback server
 * (Vite proxies `/api`, WebSocket included). The dev page is an extra allowed origin of the API; the
 * launch token is traded for the API's cookie on the dev origin too. Ctrl+C stops everything.
 */
const DEV_PORT = Number(process.env.PILOTFORCE_DEV_PORT ?? 5173);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The same token-for-cookie exchange as the loopback server, on the dev server's origin. */
function launchToken(guard: Guard): Plugin {
  return {
    name: 'pilotforce-launch-token',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = new URL(request.url ?? '/', 'http://dev');
        const offered = url.searchParams.get('token');
        if (offered === null) return next();
        if (!tokenMatches(guard, offered)) {
          response.statusCode = 403;
          return response.end('Wrong token.');
        }
        url.searchParams.delete('token');
        response.setHeader('Set-Cookie', sessionCookie(guard));
        response.writeHead(303, { Location: `${url.pathname}${url.search}` });
        response.end();
      });
    },
  };
}

try {
  const settings = launchSettings();
  const log = createAppLog(settings.dataDir, terminalLog);
  keepServingOnUnexpectedErrors(log);
  const running = await startApp({ settings, log });
  const devOrigin = `http://127.0.0.1:${DEV_PORT}`;
  const guard: Guard = { port: settings.port, extraOrigins: [devOrigin], token: newToken() };
  log.addSecret(guard.token);
  const api = await startLoopbackServer({
    port: settings.port,
    staticDir: `${root}dist/renderer`,
    handlers: running.services.handlers,
    events: running.services.events,
    stageFromStream: running.services.uploads.stageFromStream,
    log,
    token: guard.token,
    extraOrigins: guard.extraOrigins,
  });
  const vite = await createServer({
    root: `${root}renderer`,
    configFile: `${root}vite.config.ts`,
    plugins: [launchToken(guard)],
    server: {
      host: '127.0.0.1',
      port: DEV_PORT,
      strictPort: true,
      proxy: { '/api': { target: api.origin, ws: true, changeOrigin: true } },
    },
  });
  await vite.listen();
  console.log(`\nPilotForce Admin (dev, hot reload): open ${devOrigin}/?token=${guard.token}\n(Ctrl+C stops everything)`);
  const stop = async () => {
    // Whatever happens on the way, the local backend's Java must go.
    try {
      await vite.close();
      await api.close();
    } finally {
      await running.stop().catch((error: unknown) => log.error('the local backend did not stop cleanly', { error }));
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  console.error(`PilotForce dev could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
