import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMain } from '@build/build-main';
import { launchSettings } from '../app-config';
import { TOKEN_FILE, loopbackToken } from '../server/launch-token';
import { startLoopbackServer } from '../server/loopback-server';
import { createAppLog, terminalLog } from '../log';
import { keepServingOnUnexpectedErrors } from '../process-guard';
import { startApp } from '../start-app';
import { stopOnSignals } from './stop-on-signals';

/**
 * `npm start`: builds what is stale, then runs the desktop app; where Electron's binary cannot be had,
 * serves the same app on 127.0.0.1 (fixed port, so the browser finds its local database again).
 * Ctrl+C stops everything it started.
 */

// A terminal that went away must not stop the shutdown half-way (writes would throw EPIPE).
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

const root = fileURLToPath(new URL('../../../', import.meta.url));
process.chdir(root);

try {
  await buildIfStale();
  const electron = electronBinary();
  if (electron.path) runElectron(electron.path);
  else {
    console.log(`Electron cannot start here (${electron.reason}): serving PilotForce Admin in the browser instead.`);
    await serveInBrowser();
  }
} catch (error) {
  // Java missing, port taken, build broken: one clear line, no stack.
  console.error(`PilotForce could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

async function buildIfStale(): Promise<void> {
  if (isStale('dist/renderer/index.html', ['renderer', 'shared', 'vite.config.ts'])) {
    console.log('Building the renderer...');
    const vite = spawnSync(process.execPath, [join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (vite.status !== 0) throw new Error('The renderer build failed.');
  }
  if (isStale('dist/electron/main.cjs', ['electron', 'shared', 'build/build-main.ts'])) {
    console.log('Building main and preload...');
    await buildMain();
  }
}

/** True when the output is missing or older than any source file. */
function isStale(output: string, sources: string[]): boolean {
  if (!existsSync(output)) return true;
  const builtAt = statSync(output).mtimeMs;
  return sources.some((source) => newestChange(source) > builtAt);
}

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), info.mtimeMs);
}

/** Electron's executable, fetching it first when missing (the npm package installs without it). */
function electronBinary(): { path: string; reason?: undefined } | { path?: undefined; reason: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) return { reason: 'its binary could not be downloaded' };
  const pathFile = join(packageDir, 'path.txt');
  const path = existsSync(pathFile) ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : '';
  if (!path || !existsSync(path)) return { reason: 'its binary is missing after download' };
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.status !== 0) return { reason: 'its binary does not run on this machine (missing libraries?)' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'there is no display' };
  return { path };
}

function runElectron(binary: string): void {
  const child: ChildProcess = spawn(binary, ['.'], { stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.once('exit', (code) => process.exit(code ?? 0));
}

async function serveInBrowser(): Promise<void> {
  const settings = launchSettings();
  const log = createAppLog(settings.dataDir, terminalLog);
  keepServingOnUnexpectedErrors(log);
  const token = loopbackToken(settings.dataDir);
  log.addSecret(token);
  console.log(settings.backend ? 'Using the configured backend.' : `Starting the local backend (data in ${settings.dataDir})...`);
  const running = await startApp({ settings, log });
  const server = await startLoopbackServer({
    port: settings.port,
    staticDir: join(root, 'dist', 'renderer'),
    handlers: running.services.handlers,
    events: running.services.events,
    stageFromStream: running.services.uploads.stageFromStream,
    log,
    token,
  }).catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  console.log(
    `\nPilotForce Admin is ready: open ${server.launchUrl}\n(the address carries the access token of ${settings.dataDir}, the same at every start: delete ${join(settings.dataDir, TOKEN_FILE)} to change it; Ctrl+C stops everything)`,
  );
  stopOnSignals(() => server.close(), running, log);
}
