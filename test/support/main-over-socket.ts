import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { BackendConfig } from '@main/aws/config';
import type { Result } from '@shared/api/result';
import type { CrashMainArgs, CrashMainMessage } from '../crash/main-process';
import { freePort } from './free-port';

/**
 * Main as `npm start` serves the browser build, in a process of its own (the crash harness's main:
 * the real services behind the loopback server, no faults, and no guard against unexpected errors,
 * so a rejection nobody handles ends it as it would have ended the app), reached through its real
 * loopback WebSocket, proven by the launch token as its first message. A call whose answer never comes because main
 * died fails with main's own last words.
 */
export type MainOverSocket = {
  /** A call as the renderer's web client sends it: the answer with its id. */
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** Any text (or binary) frame, e.g. JSON built by hand, answered under `id` (a string: `call` numbers its own), or null when main finds no call in it. */
  send(frame: string | Buffer, id: RequestId): Promise<Result<unknown>>;
  /** Main's process is still running and its socket open. */
  alive(): boolean;
  /** What main wrote to stderr (a crash's stack). */
  stderr(): string;
  close(): Promise<void>;
};

/** The id main answers a frame with: null when the frame is not a call at all. */
export type RequestId = number | string | null;

const ANSWER_TIMEOUT_MS = 60_000;

export async function startMainOverSocket(backend: BackendConfig): Promise<MainOverSocket> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pf-main-socket-'));
  const port = await freePort();
  const token = randomUUID();
  const args: CrashMainArgs = { backend, dataDir, port, token, staticDir: dataDir, faultRate: 0, faultSeed: 1 };
  const child: ChildProcess = fork(fileURLToPath(new URL('../crash/main-process.ts', import.meta.url)), [JSON.stringify(args)], {
    execArgv: ['--import', 'tsx', '--no-warnings'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`main exited (${code ?? signal}) before it served: ${stderr}`)));
    child.on('message', (message: CrashMainMessage) => {
      if ('type' in message && message.type === 'ready') resolve();
    });
  });

  const origin = `http://127.0.0.1:${port}`;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/socket`, { headers: { origin }, maxPayload: 64 * 1024 * 1024 });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  // The page's first message proves it, as the web client does.
  socket.send(JSON.stringify({ auth: token }));

  type Waiter = { id: RequestId; resolve: (result: Result<unknown>) => void; reject: (error: Error) => void };
  const waiters: Waiter[] = [];
  const died = () => new Error(`main stopped answering (exit ${child.exitCode ?? child.signalCode ?? 'none yet'}, socket ${socket.readyState === WebSocket.OPEN ? 'open' : 'closed'}): ${stderr.trim() || '(nothing on stderr)'}`);
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: RequestId; result?: Result<unknown> };
    if (!('id' in message) || !message.result) return; // an event
    // An answer with id null refuses a frame that was not a call (no usable id): calls here go one at a time.
    const at = waiters.findIndex((waiter) => waiter.id === message.id || message.id === null);
    if (at >= 0) waiters.splice(at, 1)[0]?.resolve(message.result);
  });
  const failAll = () => {
    for (const waiter of waiters.splice(0)) waiter.reject(died());
  };
  socket.on('close', failAll);
  child.on('exit', failAll);

  let nextId = 1;
  const send = (frame: string | Buffer, id: RequestId) =>
    new Promise<Result<unknown>>((resolve, reject) => {
      if (socket.readyState !== WebSocket.OPEN || child.exitCode !== null) return reject(died());
      const timer = setTimeout(() => reject(new Error(`main did not answer within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
      const done = <T>(settle: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        settle(value);
      };
      waiters.push({ id, resolve: done(resolve), reject: done(reject) });
      socket.send(frame, { binary: Buffer.isBuffer(frame) });
    });

  return {
    call: (name, input) => {
      const id = nextId++;
      return send(JSON.stringify({ id, name, input }), id);
    },
    send,
    alive: () => child.exitCode === null && child.signalCode === null && socket.readyState === WebSocket.OPEN,
    stderr: () => stderr,
    async close() {
      socket.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
