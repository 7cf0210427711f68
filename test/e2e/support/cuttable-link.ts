import { type Server, type Socket, connect, createServer } from 'node:net';
import { freePort } from '@test/support/free-port';

/**
 * A TCP proxy in front of a backend endpoint that a test can cut, as the network drops at an airfield:
 * main then sees connection errors while the renderer and its IndexedDB carry on. (The browser's own
 * offline mode would cut the renderer from main instead, which never happens in Electron.)
 * `cut('hang')` is the worse case, a link that drops packets: connections open and nothing ever answers.
 */
export type CuttableLink = { endpoint: string; cut(how?: 'refuse' | 'hang'): void; restore(): void; close(): Promise<void> };

export async function cuttableLink(target: string): Promise<CuttableLink> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let state: 'open' | 'refuse' | 'hang' = 'open';
  const server: Server = createServer((client) => {
    if (state !== 'open') {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => client.destroy());
      // Hanging: the connection stays open and what is sent goes nowhere.
      if (state === 'refuse') client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${listenPort}`,
    cut(how = 'refuse') {
      state = how;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      state = 'open';
      // Connections that hung stay dead, as after a real outage.
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
