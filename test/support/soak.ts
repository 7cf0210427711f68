/**
 * The long run of the sync simulation (issue 5):
 *   npm run test:soak -- --clients 5 --ops 10000 --seed S [--endpoint URL] [--ledger FILE] [--fault-rate 0.02]
 * Prints the figures as JSON; with --ledger writes every acknowledged edit (table, key, fields and
 * values, outcome) so the result can be checked from outside. Exits 1 when anything was lost,
 * duplicated or divergent.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSimulation } from '../integration/sync/simulation';
import { numberOption } from './number-option';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '5' },
    ops: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    endpoint: { type: 'string' },
    ledger: { type: 'string' },
    'fault-rate': { type: 'string', default: '0.02' },
  },
});


const result = await runSimulation({
  clients: numberOption('clients', values.clients),
  ops: numberOption('ops', values.ops),
  seed: numberOption('seed', values.seed),
  faultRate: numberOption('fault-rate', values['fault-rate'], false),
  ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  progress: (line) => console.error(line),
});
if (values.ledger) writeFileSync(values.ledger, `${JSON.stringify({ figures: result.figures, ledger: result.ledger }, null, 2)}\n`);
console.log(JSON.stringify(result.figures, null, 2));
for (const problem of result.problems.slice(0, 50)) console.error(problem);
if (result.problems.length > 0) {
  console.error(`${result.problems.length} problem(s)`);
  process.exit(1);
}
