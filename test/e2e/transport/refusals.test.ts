import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@test/support/chromium';
import { freePort } from '@test/support/free-port';
import { expect, test } from '../support/app-fixture';

/** Opens the app's WebSocket from the current page; true when it opened. Source text: no DOM types here. */
const socketOpens = (url: string) => `new Promise((resolve) => {
  const socket = new WebSocket(${JSON.stringify(url)});
  socket.onopen = () => { socket.close(); resolve(true); };
  socket.onerror = () => resolve(false);
})`;

test('a request without the token, or with a wrong one, is refused', async ({ page, app }) => {
  const bare = await page.goto(`${app.origin}/`);
  expect(bare?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('npm start');
  expect((await page.goto(`${app.origin}/?token=guessed`))?.status()).toBe(403);
  expect((await page.goto(`${app.origin}/assets/`))?.status()).toBe(401);
  // Without the cookie, the API socket does not open either.
  expect(await page.evaluate(socketOpens(`ws://127.0.0.1:${app.port}/api/socket`))).toBe(false);
});

test('a foreign Host is refused, even with the right token (DNS rebinding)', async ({ app }) => {
  // The browser resolves an attacker's name to 127.0.0.1, as a rebinding DNS server would.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebind.test 127.0.0.1'] });
  try {
    const page = await browser.newPage();
    const token = new URL(app.launchUrl()).searchParams.get('token') ?? '';
    const response = await page.goto(`http://rebind.test:${app.port}/?token=${token}`);
    expect(response?.status()).toBe(403);
    await page.screenshot({ path: test.info().outputPath('rebinding.png') });
  } finally {
    await browser.close();
  }
});

test("another local page cannot open the app's socket, even with the session cookie", async ({ page, app }) => {
  // Another server on the same machine is same-site with 127.0.0.1:<port>, so the SameSite cookie goes
  // along: only the Origin check stops it.
  const foreign = createServer((_request, response) => response.end('<!doctype html><title>Another local app</title>'));
  const foreignPort = await freePort();
  await new Promise<void>((resolve) => foreign.listen(foreignPort, '127.0.0.1', resolve));
  try {
    await page.goto(app.launchUrl());
    const socketUrl = `ws://127.0.0.1:${app.port}/api/socket`;
    expect(await page.evaluate(socketOpens(socketUrl))).toBe(true);
    await page.goto(`http://127.0.0.1:${foreignPort}/`);
    expect(await page.evaluate(socketOpens(socketUrl))).toBe(false);
  } finally {
    await new Promise((resolve) => foreign.close(resolve));
  }
});
