import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { pathAliases } from '@build/path-aliases';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@test/support/chromium';


/** Builds the bench page (test/bench/browser) with Vite into a fresh temporary directory. */
export function buildBenchPage(): Promise<{ dir: string; remove(): Promise<void> }> {
  return buildTestPage(fileURLToPath(new URL('./browser', import.meta.url)));
}

/** Builds a test page (an index.html and its modules, the renderer's included) with Vite into a fresh temporary directory. */
export async function buildTestPage(root: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pf-test-page-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    base: './',
    plugins: [react()],
    resolve: { alias: pathAliases() },
    // Unminified, so a profile names the app's own functions.
    build: { outDir: dir, emptyOutDir: true, sourcemap: false, minify: false },
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export type BenchBrowser = { browser: Browser; page: Page; close(): Promise<void> };

/** Headless Debian Chromium on the bench page, served by the app's loopback server (real IndexedDB). */
export async function openBenchPage(launchUrl: string): Promise<BenchBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('bench page error:', error.message));
  await page.goto(launchUrl);
  await page.waitForFunction(() => 'bench' in globalThis);
  return { browser, page, close: () => browser.close() };
}
