import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ shell: { openExternal: vi.fn(async () => undefined) } }));
vi.mock('electron', () => electron);

const { ELECTRON_CSP, EXTERNAL_HOSTS, denyPermissions, isAppUrl, isPresignedObjectUrl, isSafeExternalUrl, lockNavigation } = await import('@main/security');

type Listener = (event: { preventDefault: () => void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    contents: {
      on: (name: string, listener: Listener) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    },
    /** Fires an event as Electron would; true when the listener cancelled it. */
    fire(name: string, url: string): boolean {
      const preventDefault = vi.fn();
      listeners.get(name)?.({ preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('Electron security', () => {
  it('has a CSP without inline or remote scripts, objects, framing or forms', () => {
    const directives = Object.fromEntries(ELECTRON_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
  });

  it('recognises only the app scheme and host as the app', () => {
    expect(isAppUrl('app://pilotforce/index.html')).toBe(true);
    for (const url of ['app://other/index.html', 'https://pilotforce/', 'file:///index.html', 'http://127.0.0.1:47321/', 'nonsense', undefined]) {
      expect(isAppUrl(url)).toBe(false);
    }
  });

  it('cancels navigation and redirects away from the app, and attaching webviews', () => {
    const fake = fakeContents();
    lockNavigation(fake.contents as never);
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-navigate', 'app://pilotforce/index.html#/bookings')).toBe(false);
    expect(fake.fire('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('denies every new window, opening only allow-listed https links in the browser', () => {
    const fake = fakeContents();
    lockNavigation(fake.contents as never);
    for (const url of ['https://docs.aws.amazon.com/amazondynamodb/', 'https://evil.example/', 'http://docs.aws.amazon.com/', 'file:///bin/sh', 'app://pilotforce/']) {
      expect(fake.open(url)).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).toHaveBeenCalledOnce();
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://docs.aws.amazon.com/amazondynamodb/');
    expect(isSafeExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isSafeExternalUrl('https://github.com.evil.example/')).toBe(false);
  });

  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    } as never);
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) request?.({}, permission, callback);
    expect(callback.mock.calls).toEqual([[false], [false], [false], [false]]);
    expect(check?.()).toBe(false);
  });
});

describe('shell.openExternal allow-list', () => {
  it('hands the browser the parsed address, not the text the page wrote', () => {
    const fake = fakeContents();
    lockNavigation(fake.contents as never);
    electron.shell.openExternal.mockClear();
    fake.open('https:github.com/pilotforce');
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://github.com/pilotforce');
  });

  it('opens https pages of the allowed hosts only', () => {
    for (const url of ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/', 'https://console.aws.amazon.com/dynamodbv2/home', 'https://github.com/pilotforce', 'HTTPS://GITHUB.COM/x']) {
      expect(isSafeExternalUrl(url)).toBe(true);
    }
  });

  it('refuses other schemes, look-alike hosts, ports, credentials and malformed addresses', () => {
    for (const url of [
      'http://github.com/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://attacker.example/share/x.exe',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'vbscript:msgbox',
      'app://pilotforce/index.html',
      'https://github.com.evil.example/',
      'https://evil.example/github.com',
      'https://github.com@evil.example/',
      'https://github.com./',
      'https://gíthub.com/',
      'https://github.com:8443/',
      'https://user@github.com/',
      '//github.com/',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('never opens a generated address whose host is not on the list', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https', 'http', 'ftp', 'file'], withQueryParameters: true, withFragments: true }), (url) => {
        const host = new URL(url).hostname;
        return isSafeExternalUrl(url) === (url.startsWith('https:') && EXTERNAL_HOSTS.includes(host) && new URL(url).port === '' && new URL(url).username === '');
      }),
      { numRuns: 100 },
    );
  });
});

describe('presigned object addresses ("Open file")', () => {
  const aws = { bucket: 'pf-prod-assets', region: 'eu-west-1' };
  const local = { bucket: 'pilotforce-user-assets', region: 'us-east-1', s3Endpoint: 'http://127.0.0.1:4569' };
  const signed = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=abc';

  it('are signed GETs under users/ of the app\'s own bucket', () => {
    expect(isPresignedObjectUrl(`https://pf-prod-assets.s3.eu-west-1.amazonaws.com/users/u1/a1/x.png?${signed}`, aws)).toBe(true);
    expect(isPresignedObjectUrl(`http://127.0.0.1:4569/pilotforce-user-assets/users/u1/a1/x.png?${signed}`, local)).toBe(true);
    for (const url of [
      'https://pf-prod-assets.s3.eu-west-1.amazonaws.com/users/u1/a1/x.png',
      `https://other-bucket.s3.eu-west-1.amazonaws.com/users/u1/a1/x.png?${signed}`,
      `https://pf-prod-assets.s3.eu-west-1.amazonaws.com/private/x?${signed}`,
      `http://pf-prod-assets.s3.eu-west-1.amazonaws.com/users/u1/a1/x.png?${signed}`,
      `https://pf-prod-assets.s3.eu-west-1.amazonaws.com.evil.example/users/u1/a1/x.png?${signed}`,
      `https://user@pf-prod-assets.s3.eu-west-1.amazonaws.com/users/u1/a1/x.png?${signed}`,
      'not a url',
    ]) {
      expect(isPresignedObjectUrl(url, aws), url).toBe(false);
    }
    expect(isPresignedObjectUrl(`http://127.0.0.1:9999/pilotforce-user-assets/users/u1/a1/x.png?${signed}`, local)).toBe(false);
  });

  it('open in the browser when the window is locked with them, still never in a new app window', () => {
    const fake = fakeContents();
    lockNavigation(fake.contents as never, (url) => isSafeExternalUrl(url) || isPresignedObjectUrl(url, aws));
    electron.shell.openExternal.mockClear();
    const url = `https://pf-prod-assets.s3.eu-west-1.amazonaws.com/users/u1/a1/x.png?${signed}`;
    expect(fake.open(url)).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith(url);
  });
});
