import { Command } from 'commander';
import { reconcileSlots, type SlotReconcileReport } from '../ops/reconcile-slots';
import { calibrateClock } from '../sync/write-time';
import { type BackendCliOptions, addBackendOptions, runWithBackend } from './backend-options';

/**
 * `npm run db:reconcile-slots -- --prefix P [--apply]`: re-derives the resource days from the bookings and
 * reports the drift and any overlapping bookings (README.md, "No double booking"); rewrites the drifted days
 * with --apply. Run it after loading bookings with another tool, and when a desk reports a slot record that does not fit.
 */
type ReconcileSlotsCliOptions = BackendCliOptions & { apply?: boolean };

function summaryLine(report: SlotReconcileReport): string {
  const drift = `${report.drift.length} of ${report.days} resource days drifted from ${report.bookings} bookings`;
  const overlaps = report.overlaps.length > 0 ? `; ${report.overlaps.length} pairs of bookings overlap (listed in the report)` : '';
  if (report.dryRun) return `dry run: ${drift}${overlaps}; nothing was written, run again with --apply\n`;
  const meanwhile = report.changedMeanwhile > 0 ? `, ${report.changedMeanwhile} changed by a desk meanwhile (run again)` : '';
  return `${drift}: ${report.rewritten} rewritten${meanwhile}${overlaps}\n`;
}

const program = addBackendOptions(
  new Command('db:reconcile-slots')
    .description('Re-derive the resource days (who holds each aircraft and instructor when) from the bookings; report drift and overlaps (a dry run unless --apply)')
    .option('--apply', 'rewrite the drifted days'),
).action((options: ReconcileSlotsCliOptions) =>
  runWithBackend(options, async (clients) => {
    await calibrateClock(clients, options.prefix);
    const report = await reconcileSlots({ clients, prefix: options.prefix, apply: options.apply === true });
    process.stderr.write(summaryLine(report));
    return report;
  }),
);

await program.parseAsync();
