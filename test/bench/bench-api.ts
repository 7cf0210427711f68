import type { EntityName } from '@shared/models';
import type { SampleSizes } from './sample-items';

/** What the bench page (browser/bench-page.tsx) offers the runner as `window.bench`; times in ms. */
export type BenchApi = {
  open(name: string): Promise<void>;
  initialSync(): Promise<{ ms: number; counts: Record<EntityName, number>; segments: number; pageLimit: number }>;
  rawBulkPut(name: string, sizes: SampleSizes): Promise<{ ms: number; counts: Record<EntityName, number> }>;
  offlineEdits(count: number): Promise<number>;
  pushAll(): Promise<{ ms: number; sent: number; acknowledged: number; pushes: number; left: number }>;
  lookups(pairs: Array<[string, string]>): Promise<{ durations: number[]; found: number }>;
  searchKeystrokes(queries: string[], sizes: SampleSizes): Promise<{ buildMs: number; durations: number[]; checked: number; wrong: string[] }>;
  firstRender(mounts: number): Promise<{ mirrorLoadMs: number; renders: number[]; rows: number }>;
};

type Page = { evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> };

/** Calls one bench method in the page and returns its (JSON-serialisable) result. */
export function callBench<M extends keyof BenchApi>(page: Page, method: M, ...args: Parameters<BenchApi[M]>): Promise<Awaited<ReturnType<BenchApi[M]>>> {
  return page.evaluate(
    ([name, values]) => {
      const api = (globalThis as unknown as { bench: Record<string, (...a: unknown[]) => unknown> }).bench;
      return (api[name] as (...a: unknown[]) => unknown)(...values) as Awaited<ReturnType<BenchApi[M]>>;
    },
    [method, args] as [string, unknown[]],
  );
}
