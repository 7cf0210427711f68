import { type Server, type Socket, connect, createServer } from 'node:net';
import { freePort } from '@test/support/free-port';

/**
 * A TCP proxy in front of a backend endpoint that a test can cut, as the network drops at an airfield:
 * main then sees connection errors while the renderer and its IndexedDB carry on. (The browser's own
 * offline mode would cut the renderer from main instead, which never happens in Electron.)
 */
export type CuttableLink = { endpoint: string; cut(): void; restore(): void; close(): Promise<void> };

export async function cuttableLink(target: string): Promise<CuttableLink> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
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
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
