import { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import { startLocalBackend } from '@main/ops/local-backend';
import { buildBenchPage, openBenchPage } from './browser-harness';
import { type BenchContext, FULL_SIZES, QUICK_SIZES, total } from './context';
import { loadSample } from './load';
import { startBenchMain } from './main-client';
import { rawDocumentClient } from './raw-clients';
import { benchInitialSync } from './p1-initial-sync';
import { benchPull } from './p2-pull';
import { benchPush } from './p3-push';
import { benchRenderer } from './p4-renderer';
import { benchUpload } from './p5-upload';
import { type BenchResult, type Figure, formatTable, judge } from './report';

/**
 * `npm run bench [-- --quick] [-- --json <file>]`: starts its own DynamoDB Local (in memory) and s3rver,
 * loads the sample, runs P1..P6 (issue 8) with their baselines in the same run, prints a table and
 * exits 0 whatever the verdicts: it measures, it does not gate.
 */
const options = new Command()
  .option('--quick', 'the same code at reduced sizes (a smoke run; the goals are judged at full size)')
  .option('--json <file>', 'write the results as a JSON array')
  .option('--only <ids>', 'run only these benchmarks, e.g. P1,P4 (P6 comes with P1)')
  .option('--profile', "profile the app's side (renderer and main) and log where the time goes")
  .parse()
  .opts<{ quick?: boolean; json?: string; only?: string; profile?: boolean }>();
// P4 and P3 work on the local database P1 fills.
const only = options.only?.toUpperCase().split(',').flatMap((id) => (id === 'P3' || id === 'P4' ? [id, 'P1'] : [id]));

const sizes = options.quick ? QUICK_SIZES : FULL_SIZES;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const backend = await startLocalBackend();
    cleanups.unshift(() => backend.stop());
    const config = (tablePrefix: string) => BackendConfigSchema.parse({ endpoint: backend.endpoint, s3Endpoint: backend.s3Endpoint, tablePrefix, bucket: 'pf-bench' });
    const largeConfig = config('bench-');
    const clients = createAwsClients(largeConfig);
    const smallClients = createAwsClients(config('bench-small-'));
    const raw = rawDocumentClient(backend.endpoint);
    cleanups.unshift(async () => {
      clients.destroy();
      smallClients.destroy();
      raw.destroy();
    });

    log(`loading ${total(sizes.large)} items (${JSON.stringify(sizes.large)}) and ${total(sizes.small)} by parallel BatchWrite`);
    const loadSeconds = await loadSample(clients, 'bench-', sizes.large);
    await loadSample(smallClients, 'bench-small-', sizes.small);
    log(`loaded in ${loadSeconds.toFixed(0)} s (large)`);

    const page = await buildBenchPage();
    cleanups.unshift(() => page.remove());
    const main = await startBenchMain({ backend: largeConfig, staticDir: page.dir });
    cleanups.unshift(() => main.stop());
    const browser = await openBenchPage(main.launchUrl);
    cleanups.unshift(() => browser.close());

    const ctx: BenchContext = {
      sizes,
      clients,
      raw,
      largePrefix: 'bench-',
      smallPrefix: 'bench-small-',
      main,
      page: browser.page,
      engine: `Chromium ${browser.browser.version()} IndexedDB (headless)`,
      profile: options.profile ?? false,
      log,
    };
    // P2 first: the others write items with a recent updatedAt, which its checkpoint overlap would re-read.
    const steps: Array<[string, () => Promise<Figure[]>]> = [
      ['P2', () => benchPull(ctx, smallClients)],
      ['P1/P6', () => benchInitialSync(ctx)],
      ['P4', () => benchRenderer(ctx)],
      ['P3', () => benchPush(ctx)],
      ['P5', () => benchUpload(ctx)],
    ];
    for (const [name, step] of steps) {
      if (only && !only.some((id) => name.includes(id))) continue;
      log(`${name}...`);
      try {
        results.push(...(await step()).map(judge));
      } catch (error) {
        log(`${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  }
  return results;
}

const started = performance.now();
const results = await run();
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}`;
console.log(`\nPilotForce benchmarks (${options.quick ? 'quick: smoke sizes, goals are judged at full size' : 'full size'}) on ${machine}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
console.log(formatTable(results));
if (options.json) {
  await writeFile(options.json, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${options.json}`);
}
process.exit(0);
