import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';

/**
 * End-to-end tests: Debian's Chromium (Playwright cannot download its own here) against the renderer
 * served by the loopback transport, with DynamoDB Local and s3rver behind it (test/e2e/support).
 * Build the renderer first (`npm run test:e2e` does).
 */

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.test.ts',
  outputDir: 'test-results',
  // Two cores shared by several engineers: one worker, each file with its own backend.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    // Kept as artifacts under test-results/.
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
});
