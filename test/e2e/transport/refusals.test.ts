import { chromium } from '@playwright/test';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@test/support/chromium';
import { freePort } from '@test/support/free-port';
import { expect, test } from '../support/app-fixture';

/**
 * What a page tries against the app's API, as source text (no DOM types here): the socket (a call, with
 * no token and with a guessed one) and a file staging (CORS with credentials, and no-cors). What came
 * back is listed: the socket's answers and close code, the staging's status or the fetch's failure.
 */
const tryTheApi = (appOrigin: string) => `(async () => {
  const appOrigin = ${JSON.stringify(appOrigin)};
  const socketUrl = appOrigin.replace('http', 'ws') + '/api/socket';
  const trySocket = (auth) => new Promise((resolve) => {
    const socket = new WebSocket(socketUrl);
    const seen = { opened: false, answers: [] };
    socket.onopen = () => {
      seen.opened = true;
      if (auth !== undefined) socket.send(JSON.stringify({ auth }));
      socket.send(JSON.stringify({ id: 1, name: 'settings.connection', input: {} }));
    };
    socket.onmessage = (event) => seen.answers.push(String(event.data));
    socket.onclose = (event) => resolve({ ...seen, code: event.code });
    setTimeout(() => { socket.close(); resolve({ ...seen, code: 'still open' }); }, 3000);
  });
  const stage = async (mode) => {
    try {
      const response = await fetch(appOrigin + '/api/stage?name=planted.txt', { method: 'POST', mode, credentials: 'include', body: 'planted', headers: { 'Content-Type': 'text/plain' } });
      return response.status;
    } catch (error) {
      return 'failed: ' + error.name;
    }
  };
  return { noToken: await trySocket(undefined), guessed: await trySocket('guessed'), stageCors: await stage('cors'), stageNoCors: await stage('no-cors') };
})()`;

test('an address with a wrong token is refused; a page without the token cannot call the API', async ({ page, app }) => {
  expect((await page.goto(`${app.origin}/?token=guessed`))?.status()).toBe(403);
  const bare = await page.goto(`${app.origin}/`);
  expect(bare?.status()).toBe(200);
  await expect(page.getByRole('alert')).toContainText('Open the address that npm start printed');
  // Even from the app's own origin (so the Origin check passes), nothing answers without the token.
  const tried = (await page.evaluate(tryTheApi(app.origin))) as Record<string, unknown>;
  expect(tried).toEqual({
    noToken: { opened: true, answers: [], code: 4401 },
    guessed: { opened: true, answers: [], code: 4401 },
    stageCors: 401,
    // Same origin: the page sees the answer either way.
    stageNoCors: 401,
  });
  expect(app.stagedFiles()).toBe(0);
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

test('another server on loopback, visited in the same browser after the app loaded, gets no credential, and its page no API call', async ({ page, app }) => {
  const received: IncomingHttpHeaders[] = [];
  const foreign = createServer((request, response) => {
    received.push(request.headers);
    response.setHeader('Content-Type', 'text/html');
    response.end('<!doctype html><title>Another local app</title>');
  });
  const foreignPort = await freePort();
  await new Promise<void>((resolve) => foreign.listen(foreignPort, '127.0.0.1', resolve));
  const token = new URL(app.launchUrl()).searchParams.get('token') ?? '';
  try {
    // The app under both of its host names; the other server under both, one of them the app's own.
    for (const appHost of ['127.0.0.1', 'localhost']) {
      const appOrigin = `http://${appHost}:${app.port}`;
      await page.goto(`${appOrigin}/?token=${token}`);
      await expect(page.getByRole('combobox', { name: 'I am' })).toBeVisible({ timeout: 30_000 });
      for (const foreignHost of ['127.0.0.1', 'localhost']) {
        await page.goto(`http://${foreignHost}:${foreignPort}/`);
        const tried = (await page.evaluate(tryTheApi(appOrigin))) as Record<string, { opened?: boolean; answers?: unknown[] }>;
        // The Origin check refuses the socket before it opens; the staging's preflight fails (a foreign Origin), its
        // no-cors form is refused too (same check) and the page does not even see that (Cross-Origin-Resource-Policy).
        expect(tried, `app at ${appHost}, other server at ${foreignHost}`).toEqual({
          noToken: { opened: false, answers: [], code: 1006 },
          guessed: { opened: false, answers: [], code: 1006 },
          stageCors: 'failed: TypeError',
          stageNoCors: 'failed: TypeError',
        });
      }
    }
    expect(received.length).toBeGreaterThanOrEqual(4);
    for (const headers of received) {
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(headers['x-pilotforce-token']).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(token);
    }
    expect(await page.context().cookies()).toEqual([]);
    expect(app.stagedFiles()).toBe(0);
  } finally {
    await new Promise((resolve) => foreign.close(resolve));
  }
});
