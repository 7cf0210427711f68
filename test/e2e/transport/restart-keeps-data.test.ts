import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@test/support/chromium';
import { expect, test } from '../support/app-fixture';
import { expectApiAnswers } from '../support/app-page';

/** In-page IndexedDB helpers, as source text: this Node project is typed without the DOM library. */
const IDB = `
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const openProbe = () => { const r = indexedDB.open('e2e-probe', 1); r.onupgradeneeded = () => r.result.createObjectStore('notes'); return request(r); };
`;
const writeNote = (text: string) => `(async () => { ${IDB}
  const db = await openProbe();
  const tx = db.transaction('notes', 'readwrite'); tx.objectStore('notes').put(${JSON.stringify(text)}, 'note');
  await new Promise((resolve) => (tx.oncomplete = resolve)); db.close(); })()`;
const readNote = `(async () => { ${IDB}
  const db = await openProbe(); const note = await request(db.transaction('notes').objectStore('notes').get('note')); db.close(); return note ?? null; })()`;
const usersInAppDatabase = `(async () => { ${IDB}
  if (!(await indexedDB.databases()).some((d) => d.name === 'pilotforce')) return 0;
  const db = await request(indexedDB.open('pilotforce'));
  const count = await request(db.transaction('users').objectStore('users').count()); db.close(); return count; })()`;

test('a page left open across a restart on the same port gets back in with its token, and IndexedDB keeps its data', async ({ app }) => {
  const profile = await mkdtemp(join(tmpdir(), 'pf-profile-'));
  const launch = () => chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(app.launchUrl());
    await expect.poll(() => page.evaluate(usersInAppDatabase), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await page.evaluate(writeNote('written before the restart'));

    // Main's server goes away and comes back (same port, same token, as `npm start` keeps it): the open
    // page reconnects with the token its tab kept.
    await app.restartServer();
    await expectApiAnswers(page);
    await page.screenshot({ path: test.info().outputPath('open-across-restart.png'), fullPage: true });
    await context.close();

    // The browser closed and opened again: the printed address still opens the app, with its data.
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(app.launchUrl());
    expect(page.url()).toBe(`${app.origin}/`);
    expect(await page.evaluate(readNote)).toBe('written before the restart');
    expect(await page.evaluate(usersInAppDatabase)).toBeGreaterThanOrEqual(2);
    await context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
