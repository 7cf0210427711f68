import { afterEach, expect, it, vi } from 'vitest';
import { stopOnSignals } from '@main/cli/stop-on-signals';

afterEach(() => {
  vi.restoreAllMocks();
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
});

const exits = () => vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);

it('closes the servers, then stops the local backend, then ends the process, once however many signals come', async () => {
  const exit = exits();
  const order: string[] = [];
  const backend = { stop: vi.fn(async () => void order.push('backend')) };
  stopOnSignals(async () => void order.push('servers'), backend, { error: vi.fn() });
  process.emit('SIGINT');
  process.emit('SIGTERM');
  await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
  expect(order).toEqual(['servers', 'backend']);
  expect(backend.stop).toHaveBeenCalledTimes(1);
});

it('stops the local backend even when closing a server fails, and logs a backend that did not stop', async () => {
  const exit = exits();
  const log = { error: vi.fn() };
  const refused = new Error('java would not die');
  const backend = { stop: vi.fn(async () => Promise.reject(refused)) };
  stopOnSignals(async () => Promise.reject(new Error('socket stuck')), backend, log);
  process.emit('SIGTERM');
  await vi.waitFor(() => expect(exit).toHaveBeenCalled());
  expect(backend.stop).toHaveBeenCalledTimes(1);
  expect(log.error).toHaveBeenCalledWith('the local backend did not stop cleanly', { error: refused });
});
