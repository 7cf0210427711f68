import { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { type RestoreCopyReport, type RestoreSelection, RestoreCopyError, SinceSchema, parseKeysFile, restoreCopy } from '../ops/restore-copy';
import { type BackendCliOptions, UserError, addBackendOptions, integerOption, runWithBackend } from './backend-options';

/**
 * `npm run db:restore-copy -- --from <restored table> --to <live table> --keys <file>|--since T [--out plan.json] [--apply]`:
 * brings restored items back into the live table as new versions (README.md, "Runbook: restore a table to
 * a point in time"). A dry run unless --apply: it prints (and with --out saves) the plan; `--keys plan.json
 * --apply` then writes exactly what was reviewed, and reports as a conflict any item that moved since.
 */
type RestoreCopyOptions = BackendCliOptions & {
  from: string;
  to: string;
  keys?: string;
  since?: string;
  apply?: boolean;
  dryRun?: boolean;
  out?: string;
  concurrency: number;
};

async function selection(options: RestoreCopyOptions): Promise<RestoreSelection> {
  if ((options.keys === undefined) === (options.since === undefined)) throw new UserError('give either --keys <file> or --since <instant>, not both or neither');
  if (options.since !== undefined) {
    const since = SinceSchema.safeParse(options.since);
    if (!since.success) throw new UserError(`--since ${options.since}: not an instant (UTC, e.g. 2026-11-30T14:05:00Z)`);
    return { since: since.data };
  }
  let text: string;
  try {
    text = await readFile(options.keys as string, 'utf8');
  } catch {
    throw new UserError(`cannot read the keys file ${options.keys}`);
  }
  try {
    return { keys: parseKeysFile(text, options.to) };
  } catch (error) {
    if (error instanceof RestoreCopyError || error instanceof SyntaxError) throw new UserError(`${options.keys}: ${error.message}`);
    throw error;
  }
}

function summaryLine(report: RestoreCopyReport): string {
  const { planned, written, unchanged, conflict, skipped } = report.summary;
  const head = report.dryRun ? `dry run: ${planned} to write` : `${written} written as new versions`;
  const tail = report.dryRun ? 'nothing was changed; review the items, then run again with --apply' : conflict + skipped > 0 ? 'see the conflicts and skipped items in the report' : 'desks pull them with their next sync';
  return `${head}, ${unchanged} unchanged, ${conflict} conflicts, ${skipped} skipped: ${tail}\n`;
}

const program = addBackendOptions(
  new Command('db:restore-copy')
    .description('Write items of a restored table back into the live table as new versions (a dry run unless --apply)')
    .requiredOption('--from <table>', 'the restored table, e.g. prod-PilotForce-Bookings-restored')
    .requiredOption('--to <table>', 'the live table, e.g. prod-PilotForce-Bookings')
    .option('--keys <file>', 'the items to bring back: one key per line, or the plan a dry run saved with --out')
    .option('--since <instant>', 'the items changed on the live table after this instant (UTC), e.g. the restore point')
    .option('--dry-run', 'print the plan and change nothing (the default)')
    .option('--apply', 'write the new versions')
    .option('--out <file>', 'also save the report there (a plan for --keys)')
    .option('--concurrency <n>', 'items in flight', integerOption('--concurrency', 1), 8),
).action((options: RestoreCopyOptions) =>
  runWithBackend(options, async (clients) => {
    if (options.apply && options.dryRun) throw new UserError('--apply and --dry-run together: choose one');
    let report: RestoreCopyReport;
    try {
      report = await restoreCopy(clients, { from: options.from, to: options.to, selection: await selection(options), dryRun: !options.apply, concurrency: options.concurrency });
    } catch (error) {
      if (error instanceof RestoreCopyError) throw new UserError(error.message);
      throw error;
    }
    if (options.out) await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(summaryLine(report));
    return report;
  }),
);

await program.parseAsync();
