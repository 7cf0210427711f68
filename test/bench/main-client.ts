import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CapacityTotals } from './capacity';
import { summarize } from './profile';
import type { MainMessage, MainProcessArgs, MainRequest, RssReport } from './main-process';

export type BenchMain = {
  launchUrl: string;
  pid: number;
  capacity(): Promise<CapacityTotals>;
  resetRss(): Promise<RssReport>;
  rss(): Promise<RssReport>;
  /** Samples main's CPU while `work` runs; returns the top self-time lines. */
  profile<T>(work: () => Promise<T>): Promise<{ result: T; lines: string[] }>;
  stop(): Promise<void>;
};

/** Starts `main-process.ts` (through tsx, like `npm start`) and waits until it serves. */
export async function startBenchMain(args: MainProcessArgs): Promise<BenchMain> {
  const child = fork(fileURLToPath(new URL('./main-process.ts', import.meta.url)), [JSON.stringify(args)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench main process exited (${code}) before it served`)));
    child.on('message', (message: MainMessage) => {
      if ('type' in message) resolve(message.launchUrl);
      else pending.get(message.id)?.(message.value);
    });
  });
  const request = <T>(type: MainRequest['type']) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (value: unknown) => void);
      child.send({ id, type } satisfies MainRequest);
    });
  const launchUrl = await ready;
  if (child.pid === undefined) throw new Error('bench main process has no pid');
  return {
    launchUrl,
    pid: child.pid,
    capacity: () => request<CapacityTotals>('capacity'),
    resetRss: () => request<RssReport>('rss-reset'),
    rss: () => request<RssReport>('rss'),
    async profile(work) {
      await request('profile-start');
      const result = await work();
      return { result, lines: summarize(await request<Parameters<typeof summarize>[0]>('profile-stop'), 12) };
    },
    async stop() {
      await request('stop');
      await exited;
    },
  };
}
