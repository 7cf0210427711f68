import { type BrowserContext, type Page, chromium } from '@playwright/test';
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@test/support/chromium';
import type { CrashMainArgs, CrashMainMessage, CrashMainRequest, FaultCounts } from './main-process';
import type { MainPhase } from './phases';

/** The app's main process (main-process.ts through tsx, like `npm start`), which the harness kills and restarts. */
export type MainControl = {
  running(): boolean;
  start(): Promise<void>;
  kill(): Promise<void>;
  /** Resolves at the next request of `phase` main starts. */
  nextPhase(phase: MainPhase, signal: AbortSignal): Promise<void>;
  request<T>(type: CrashMainRequest['type']): Promise<T>;
  /** Faults injected by every run of main so far (each run reports its own as it goes). */
  faultsInjected(): number;
  stop(): Promise<void>;
};

export function mainControl(args: CrashMainArgs): MainControl {
  let child: ChildProcess | undefined;
  const phaseListeners = new Set<(phase: MainPhase) => void>();
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  let faultsOfEndedRuns = 0;
  let faultsOfThisRun = 0;
  const sum = (counts: FaultCounts) => Object.values(counts).reduce((total, n) => total + n, 0);

  const kill = async () => {
    const current = child;
    child = undefined;
    faultsOfEndedRuns += faultsOfThisRun;
    faultsOfThisRun = 0;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = once(current, 'exit');
    current.kill('SIGKILL');
    await exited;
  };

  return {
    running: () => child !== undefined,
    async start() {
      const started = fork(fileURLToPath(new URL('./main-process.ts', import.meta.url)), [JSON.stringify(args)], {
        // The SDK's warning about Node 20 would be printed on every restart.
        execArgv: ['--import', 'tsx', '--no-warnings'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      child = started;
      await new Promise<void>((resolve, reject) => {
        started.once('exit', (code, signal) => reject(new Error(`main exited (${code ?? signal}) before it served`)));
        started.on('message', (message: CrashMainMessage) => {
          if ('id' in message) {
            pending.get(message.id)?.(message.value);
            pending.delete(message.id);
          } else if (message.type === 'faults') faultsOfThisRun = sum(message.counts);
          else if (message.type === 'phase') for (const listener of phaseListeners) listener(message.phase);
          else resolve();
        });
      });
    },
    kill,
    nextPhase(phase, signal) {
      return new Promise<void>((resolve) => {
        const listener = (seen: MainPhase) => {
          if (seen !== phase) return;
          phaseListeners.delete(listener);
          resolve();
        };
        phaseListeners.add(listener);
        signal.addEventListener('abort', () => phaseListeners.delete(listener), { once: true });
      });
    },
    request<T>(type: CrashMainRequest['type']) {
      return new Promise<T>((resolve, reject) => {
        if (!child) return reject(new Error('main is not running'));
        const id = nextId++;
        pending.set(id, resolve as (value: unknown) => void);
        child.send({ id, type } satisfies CrashMainRequest);
      });
    },
    faultsInjected: () => faultsOfEndedRuns + faultsOfThisRun,
    stop: kill,
  };
}

/**
 * One office desk: a Chromium profile (its own IndexedDB, surviving a kill) showing the crash page.
 * Playwright does not tell a persistent context's browser pid: it is the process whose command line
 * names this profile and no `--type` (the browser, not a renderer); Playwright starts it as the leader
 * of its own process group, so killing the group kills every Chromium process of the desk at once.
 */
export type Desk = { label: string; userDataDir: string; context?: BrowserContext; page?: Page };

export async function openDesk(desk: Desk, launchUrl: string): Promise<Page> {
  const context = await chromium.launchPersistentContext(desk.userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  desk.context = context;
  const page = context.pages()[0] ?? (await context.newPage());
  desk.page = page;
  await page.goto(launchUrl);
  await page.waitForFunction(() => 'crash' in globalThis, undefined, { timeout: 60_000 });
  return page;
}

export async function closeDesk(desk: Desk): Promise<void> {
  await desk.context?.close().catch(() => undefined);
  desk.context = undefined;
  desk.page = undefined;
}

function browserPid(userDataDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(`--user-data-dir=${userDataDir}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

function processGroupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/** SIGKILL to the desk's whole Chromium, as a laptop losing power would; resolves once Playwright saw it go. */
export async function killDesk(desk: Desk): Promise<void> {
  const context = desk.context;
  const pid = browserPid(desk.userDataDir);
  if (!context || pid === undefined) throw new Error(`no Chromium found for ${desk.label}`);
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  const group = processGroupOf(pid);
  process.kill(group === pid ? -pid : pid, 'SIGKILL');
  await closed;
  desk.context = undefined;
  desk.page = undefined;
}
