/**
 * The crash harness (issue 9):
 *   npm run test:crash -- --kills 200 --seed S [--bookings N] [--endpoint URL --s3-endpoint URL] [--ledger FILE] [--faults [--fault-rate R]]
 * `--bookings` sizes the school every desk syncs (1,200 by default); a bigger one makes the initial sync and the
 * schema upgrade last long enough for more kills to land inside them.
 * Prints the figures as JSON; with --ledger writes every acknowledged edit and upload with its outcome.
 * Exits 1 when anything was lost, duplicated, divergent or orphaned.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { numberOption } from '../support/number-option';
import { runCrashHarness } from './harness';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '200' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    endpoint: { type: 'string' },
    's3-endpoint': { type: 'string' },
    ledger: { type: 'string' },
    faults: { type: 'boolean', default: false },
    'fault-rate': { type: 'string', default: '0.02' },
    bookings: { type: 'string', default: '1200' },
  },
});

if (Boolean(values.endpoint) !== Boolean(values['s3-endpoint'])) {
  console.error('--endpoint and --s3-endpoint go together (a running DynamoDB Local and S3)');
  process.exit(2);
}

const result = await runCrashHarness({
  kills: numberOption('kills', values.kills),
  seed: numberOption('seed', values.seed),
  sample: { users: 40, bookings: numberOption('bookings', values.bookings) },
  faultRate: values.faults ? numberOption('fault-rate', values['fault-rate'], false) : 0,
  ...(values.endpoint && values['s3-endpoint'] ? { endpoint: values.endpoint, s3Endpoint: values['s3-endpoint'] } : {}),
  progress: (line) => console.error(line),
});
if (values.ledger) writeFileSync(values.ledger, `${JSON.stringify({ figures: result.figures, ledger: result.ledger }, null, 2)}\n`);
console.log(JSON.stringify(result.figures, null, 2));
for (const problem of result.problems.slice(0, 50)) console.error(problem);
if (result.problems.length > 0) {
  console.error(`${result.problems.length} problem(s)`);
  process.exit(1);
}
