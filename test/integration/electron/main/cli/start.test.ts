import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '@test/support/free-port';
import { isLoopback, listeningSockets, processTree } from '@test/support/listening-sockets';

/** `npm start` as a user runs it, where Electron's binary cannot be had: it must serve the app on 127.0.0.1. */
type Started = { child: ChildProcess; output: () => string; launchUrl: string };

const dataDir = await mkdtemp(join(tmpdir(), 'pf-start-'));
const port = await freePort();

function start(): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/main/cli/start.ts'], {
    env: { ...process.env, PILOTFORCE_DATA_DIR: dataDir, PILOTFORCE_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)?.[1];
      if (url) resolve({ child, output: () => output, launchUrl: url });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

/** Ctrl+C, then the exit of everything it started. */
async function interrupt(started: Started): Promise<void> {
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGINT');
  await exited;
}

function javaProcessesUsing(directory: string): string[] {
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
  return processes.filter((args) => args.includes('DynamoDBLocal') && args.includes(directory));
}

/** What the page does: load from the printed address (no cookie comes back), then the token as the socket's first message. */
async function connectionOverSocket(launchUrl: string): Promise<unknown> {
  const page = await fetch(launchUrl, { redirect: 'manual' });
  expect(page.status).toBe(200);
  expect(page.headers.get('set-cookie')).toBeNull();
  expect(await page.text()).toContain('<div id="root">');
  const { origin, searchParams } = new URL(launchUrl);
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/api/socket`, { headers: { origin } });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ auth: searchParams.get('token') }));
  // Events (the current connectivity comes first) are skipped: the answer is the message with our id.
  const reply = new Promise((resolve) =>
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number };
      if (message.id === 1) resolve(message);
    }),
  );
  socket.send(JSON.stringify({ id: 1, name: 'settings.testConnection', input: {} }));
  const result = await reply;
  socket.close();
  return result;
}

const children: ChildProcess[] = [];

afterAll(async () => {
  // A failed assertion must not leave a start (and its Java) running.
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the app with the local backend and its sample, stops everything on Ctrl+C, and keeps the data', async () => {
    const first = await start();
    expect(first.output()).toMatch(/Electron cannot start here \(.+\): serving PilotForce Admin in the browser instead\./);
    expect(first.output()).toMatch(/sample data: \d+ resources, \d+ users, \d+ bookings, \d+ assets, 20 files/);
    expect(first.launchUrl.startsWith(`http://127.0.0.1:${port}/?token=`)).toBe(true);
    expect(await connectionOverSocket(first.launchUrl)).toMatchObject({ id: 1, result: { ok: true, value: { reachable: true } } });
    // Only this OS user can read the token.
    const tokenFile = join(dataDir, 'loopback-token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(first.launchUrl).toBe(`http://127.0.0.1:${port}/?token=${readFileSync(tokenFile, 'utf8').trim()}`);
    expect(first.output()).toContain(`delete ${tokenFile} to change it`);

    // Every socket that npm start's processes (node, DynamoDB Local's Java) listen on is on loopback:
    // the app's server, DynamoDB Local, s3rver.
    const sockets = listeningSockets(processTree(first.child.pid as number));
    expect(sockets.map((socket) => socket.port)).toContain(port);
    expect(new Set(sockets.map((socket) => socket.pid)).size).toBeGreaterThanOrEqual(2);
    expect(sockets.length).toBeGreaterThanOrEqual(3);
    expect(sockets.filter((socket) => !isLoopback(socket.address))).toEqual([]);
    await interrupt(first);
    expect(javaProcessesUsing(dataDir)).toEqual([]);

    // The second start finds the same tables and data: no provisioning or seeding again, same port, same
    // token (a page left open gets back in).
    const second = await start();
    expect(second.output()).not.toMatch(/sample data:/);
    expect(second.output()).not.toMatch(/table: created/);
    expect(second.launchUrl).toBe(first.launchUrl);
    expect(await connectionOverSocket(second.launchUrl)).toMatchObject({ result: { ok: true } });
    await interrupt(second);
    expect(javaProcessesUsing(dataDir)).toEqual([]);
  }, 400_000);
});
