import { Command } from 'commander';
import { HISTORY_RETENTION, type TrimReport, trimHistory } from '../ops/trim-history';
import { calibrateClock } from '../sync/write-time';
import { type BackendCliOptions, UserError, addBackendOptions, integerOption, runWithBackend } from './backend-options';

/**
 * `npm run db:trim-history -- --prefix P [--keep 100] [--days 730] [--apply]`: deletes history entries past
 * the retention (README.md, "History"); a dry run that counts them unless --apply. Run it monthly, as an
 * administrator: a desk never scans the history.
 */
type TrimCliOptions = BackendCliOptions & { keep: number; days: number; apply?: boolean; rate: number };

function summaryLine(report: TrimReport): string {
  const what = `${report.trimmed} of ${report.entries} entries (${report.items} items) past the retention, ${report.ofDeletedItems} of them of items deleted for good`;
  return report.dryRun ? `dry run: ${what}; nothing was deleted, run again with --apply\n` : `${what}: deleted (${report.consumedWriteUnits} write units)\n`;
}

const program = addBackendOptions(
  new Command('db:trim-history')
    .description("Delete history entries past the retention: older than --days, beyond each item's latest --keep, or of items deleted for good (a dry run unless --apply)")
    .option('--keep <n>', "each item's latest changes kept whatever their age", integerOption('--keep', 1), HISTORY_RETENTION.keepLatest)
    .option('--days <n>', 'every change kept this many days', integerOption('--days', 1), HISTORY_RETENTION.keepDays)
    .option('--rate <units>', 'read and write units per second at the most', integerOption('--rate', 1), 100)
    .option('--apply', 'delete them'),
).action((options: TrimCliOptions) =>
  runWithBackend(options, async (clients) => {
    if (options.keep < 100) throw new UserError('--keep below 100: the app promises at least the last 100 changes of every item');
    await calibrateClock(clients, options.prefix);
    const report = await trimHistory({ clients, prefix: options.prefix, keepLatest: options.keep, keepDays: options.days, apply: options.apply === true, maxUnitsPerSecond: options.rate, nowMs: Date.parse(clients.clock.nowIso()) });
    process.stderr.write(summaryLine(report));
    return report;
  }),
);

await program.parseAsync();
