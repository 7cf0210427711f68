import { Command } from 'commander';
import { generateSampleData } from '../ops/sample-data';
import { seedSampleData } from '../ops/seed';
import { type BackendCliOptions, addBackendOptions, integerOption, runWithBackend } from './backend-options';

/**
 * `npm run db:seed -- --endpoint <url> --prefix <p> --users N --bookings N --assets N --seed S`: writes
 * deterministic sample data. It never replaces an item: empty tables are filled by BatchWriteItem, tables
 * holding data by PutItem conditioned on the key being absent.
 */
type SeedOptions = BackendCliOptions & { users: number; bookings: number; assets: number; seed: number; concurrency: number };

const program = addBackendOptions(
  new Command('db:seed')
    .description('Write deterministic flight-school sample data')
    .option('--users <n>', 'users', integerOption('--users'), 50)
    .option('--bookings <n>', 'bookings', integerOption('--bookings'), 500)
    .option('--assets <n>', 'assets', integerOption('--assets'), 100)
    .option('--seed <n>', 'PRNG seed: the same seed gives the same data', integerOption('--seed'), 1)
    .option('--concurrency <n>', 'requests in flight', integerOption('--concurrency', 1), 8),
).action((options: SeedOptions) =>
  runWithBackend(options, async (clients) => {
    const data = generateSampleData(options.seed, options);
    const started = performance.now();
    const tables = await seedSampleData(clients, options.prefix, data, { concurrency: options.concurrency });
    const seconds = (performance.now() - started) / 1000;
    const written = tables.reduce((sum, t) => sum + t.written, 0);
    return { seed: options.seed, tables, written, seconds: Number(seconds.toFixed(3)), itemsPerSecond: Math.round(written / seconds) };
  }),
);

await program.parseAsync();
