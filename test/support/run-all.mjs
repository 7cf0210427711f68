// `npm test`: type-check, lint, every vitest project, then the browser tests; ends with one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';

const reports = '.cache/test-reports';
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(step, command, args, env = {}) {
  console.log(`\n== ${step}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failedSteps.push(step);
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  // A file that fails to load has no failed test of its own: count it; files whose tests failed are counted by those.
  const filesFailedWithoutTests = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  totals.failed += (report.numFailedTests ?? 0) + filesFailedWithoutTests;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  totals.skipped += stats?.skipped ?? 0;
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error) {
  console.error('tests: Java 17+ is needed for DynamoDB Local: install it (apt-get install default-jdk-headless: its compiler builds the loopback-only launcher) and run npm test again');
  process.exit(1);
}

run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);

const vitestReport = `${reports}/vitest.json`;
run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
countVitest(vitestReport);

let chromium;
try {
  chromium = await findChromium();
} catch (error) {
  console.error(`tests: ${error.message}`);
  failedSteps.push('chromium');
}
if (chromium) {
  const playwrightReport = `${reports}/playwright.json`;
  run('e2e', 'npm', ['run', '--silent', 'test:e2e'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });
  countPlaywright(playwrightReport);
}

console.log(`\nsteps failed: ${failedSteps.length ? failedSteps.join(', ') : 'none'}`);
const failed = totals.failed + (failedSteps.length && totals.failed === 0 ? failedSteps.length : 0);
console.log(`tests: ${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
