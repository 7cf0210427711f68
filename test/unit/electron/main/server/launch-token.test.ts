import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newToken } from '@main/server/guards';
import { TOKEN_FILE, loopbackToken } from '@main/server/launch-token';

let dataDir: string;
const file = () => join(dataDir, TOKEN_FILE);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pf-token-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('loopback token', () => {
  it('is made once per data directory, in a file only this user can read, and the same at every start', () => {
    const first = loopbackToken(join(dataDir, 'fresh'));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dataDir, 'fresh', TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(loopbackToken(join(dataDir, 'fresh'))).toBe(first);
    expect(loopbackToken(dataDir)).not.toBe(first);
  });

  it('is new once the file is deleted', () => {
    const first = loopbackToken(dataDir);
    rmSync(file());
    expect(loopbackToken(dataDir)).not.toBe(first);
  });

  it('is replaced when its file could be read by others (the old one may be known)', () => {
    const exposed = newToken();
    writeFileSync(file(), exposed);
    chmodSync(file(), 0o644);
    const token = loopbackToken(dataDir);
    expect(token).not.toBe(exposed);
    expect(readFileSync(file(), 'utf8').trim()).toBe(token);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('is replaced when the file is a symlink or holds no token, without touching what the link names', () => {
    const elsewhere = join(dataDir, 'elsewhere');
    const planted = newToken();
    writeFileSync(elsewhere, planted, { mode: 0o600 });
    symlinkSync(elsewhere, file());
    const token = loopbackToken(dataDir);
    expect(token).not.toBe(planted);
    expect(lstatSync(file()).isSymbolicLink()).toBe(false);
    expect(readFileSync(elsewhere, 'utf8')).toBe(planted);

    writeFileSync(file(), 'not a token', { mode: 0o600 });
    expect(loopbackToken(dataDir)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
