import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh module each time: it keeps the token in memory too. */
async function freshLaunchToken() {
  vi.resetModules();
  return (await import('@renderer/api/launch-token')).launchToken;
}

beforeEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

describe('launch token', () => {
  it('takes the token from the printed address, out of the address bar, and keeps it for the tab (a reload)', async () => {
    history.replaceState(null, '', '/?token=abc123&other=1#/bookings');
    const launchToken = await freshLaunchToken();
    expect(launchToken()).toBe('abc123');
    expect(`${location.pathname}${location.search}${location.hash}`).toBe('/?other=1#/bookings');
    // The page reloaded: a fresh module, the address without the token.
    expect((await freshLaunchToken())()).toBe('abc123');
  });

  it('has none in a tab opened without the printed address', async () => {
    expect((await freshLaunchToken())()).toBeUndefined();
  });

  it('takes a newer printed address over the one kept', async () => {
    history.replaceState(null, '', '/?token=first');
    const launchToken = await freshLaunchToken();
    expect(launchToken()).toBe('first');
    history.replaceState(null, '', '/?token=second');
    expect(launchToken()).toBe('second');
    expect((await freshLaunchToken())()).toBe('second');
  });
});
