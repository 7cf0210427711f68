// `npm run test:fuzz -- --runs 10000 [--seed N]`: every fuzz suite (`*.fuzz.test.ts` in the unit, component
// and integration projects) with N cases per property; `npm test` runs the same suites at their small default.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('test:fuzz: --runs takes a positive whole number');
  process.exit(1);
}
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', '--reporter=verbose', '.fuzz.test.'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), ...(values.seed ? { FUZZ_SEED: values.seed } : {}) },
});
console.log(`\nfuzz: ${runs} cases per property, ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status}`);
process.exit(result.status ?? 1);
