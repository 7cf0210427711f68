import { Command, InvalidArgumentError } from 'commander';
import { AnchorDateSchema, generateSampleData, sampleToday } from '../ops/sample-data';
import { seedSampleData } from '../ops/seed';
import { reconcileSlots } from '../ops/reconcile-slots';
import { calibrateClock } from '../sync/write-time';
import { type BackendCliOptions, UserError, addBackendOptions, integerOption, runWithBackend } from './backend-options';

/**
 * `npm run db:seed -- --endpoint <url> --s3-endpoint <url> --prefix <p> [--bucket b] --users N --bookings N
 * --assets N --seed S [--anchor-date YYYY-MM-DD]`: writes deterministic sample data around the anchor date
 * (default: today in the sample school's zone) and puts each sample asset's file in the bucket. It never
 * replaces an item: empty tables are filled by BatchWriteItem, tables holding data by PutItem conditioned
 * on the key being absent.
 */
type SeedOptions = BackendCliOptions & { users: number; bookings: number; assets: number; seed: number; concurrency: number; anchorDate: string };

function anchorDateOption(text: string): string {
  const parsed = AnchorDateSchema.safeParse(text);
  if (!parsed.success) throw new InvalidArgumentError(`--anchor-date: ${parsed.error.issues[0]?.message ?? 'not a date'}`);
  return parsed.data;
}

const program = addBackendOptions(
  new Command('db:seed')
    .description('Write deterministic flight-school sample data around a date, and the sample assets\' files')
    .option('--users <n>', 'users', integerOption('--users'), 50)
    .option('--bookings <n>', 'bookings', integerOption('--bookings'), 500)
    .option('--assets <n>', 'assets', integerOption('--assets'), 100)
    .option('--seed <n>', 'PRNG seed: the same seed and anchor date give the same data', integerOption('--seed'), 1)
    .option('--anchor-date <YYYY-MM-DD>', "the sample school's today: bookings spread over the weeks around it, that day fully booked", anchorDateOption, sampleToday())
    .option('--bucket <name>', 'the assets bucket the sample files go to (created by db:setup --bucket)')
    .option('--s3-endpoint <url>', 'S3 endpoint (s3rver); AWS when absent')
    .option('--concurrency <n>', 'requests in flight', integerOption('--concurrency', 1), 8),
).action((options: SeedOptions) =>
  runWithBackend(options, async (clients) => {
    if (options.assets > 0 && options.endpoint && !options.s3Endpoint) {
      throw new UserError('the sample assets\' files need an S3 endpoint beside the local --endpoint: add --s3-endpoint <url> (or --assets 0)');
    }
    const data = generateSampleData(options.seed, options, { anchorDate: options.anchorDate });
    const started = performance.now();
    const { tables, objects } = await seedSampleData(clients, options.prefix, data, { concurrency: options.concurrency });
    const seconds = (performance.now() - started) / 1000;
    // The bookings went straight into the table: their resource days are derived once (db:reconcile-slots).
    await calibrateClock(clients, options.prefix);
    const { rewritten, overlaps } = await reconcileSlots({ clients, prefix: options.prefix, apply: true });
    const written = tables.reduce((sum, t) => sum + t.written, 0);
    return { seed: options.seed, anchorDate: options.anchorDate, tables, objects, slots: { daysWritten: rewritten, overlappingPairs: overlaps.length }, written, seconds: Number(seconds.toFixed(3)), itemsPerSecond: Math.round(written / seconds) };
  }),
);

await program.parseAsync();
