import type { Page } from '@playwright/test';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type CpuProfile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };

/**
 * A short CPU profile of the bench page while `work` runs (Chrome DevTools Protocol sampling profiler):
 * the functions with the most self time, with their share of all samples, idle time included.
 */
export async function profilePage<T>(page: Page, work: () => Promise<T>, top = 12): Promise<{ result: T; lines: string[] }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 1000 });
  await session.send('Profiler.start');
  const result = await work();
  const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await session.detach();
  return { result, lines: summarize(profile, top) };
}

export function summarize(profile: CpuProfile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalMs = 0;
  samples.forEach((id, n) => {
    const node = byId.get(id);
    const ms = (deltas[n] ?? 0) / 1000;
    totalMs += ms;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').at(-1)?.replace(/-[A-Za-z0-9_]{8}\.js$/, '.js') ?? '';
    const name = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
  });
  return [...selfMs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${((100 * ms) / Math.max(1, totalMs)).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
}

/** Runs `work` under both profilers (the bench page's renderer and main's process) when asked to. */
export async function maybeProfiled<T>(
  enabled: boolean,
  page: Page,
  main: { profile<R>(work: () => Promise<R>): Promise<{ result: R; lines: string[] }> },
  work: () => Promise<T>,
): Promise<{ result: T; renderer: string[]; main: string[] }> {
  if (!enabled) return { result: await work(), renderer: [], main: [] };
  let renderer: string[] = [];
  const profiled = await main.profile(async () => {
    const inPage = await profilePage(page, work);
    renderer = inPage.lines;
    return inPage.result;
  });
  return { result: profiled.result, renderer, main: profiled.lines };
}

export function logProfile(ctx: { log(line: string): void }, id: string, profiled: { renderer: string[]; main: string[] }): void {
  if (profiled.renderer.length > 0) ctx.log(`${id} renderer profile (self time):\n${profiled.renderer.join('\n')}`);
  if (profiled.main.length > 0) ctx.log(`${id} main profile (self time):\n${profiled.main.join('\n')}`);
}
