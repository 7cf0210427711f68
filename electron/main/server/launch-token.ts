import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { newToken } from './guards';

export const TOKEN_FILE = 'loopback-token';

const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * The browser build's access token, the same for every start with this data directory, so a page left
 * open across a restart reconnects (as Electron's window does). Kept in `<dataDir>/loopback-token`,
 * readable by this OS user only; a file that is not (another owner, a group or others may read it, a
 * symlink, not a token) is replaced by a new token. Deleting the file makes a new one at the next start.
 */
export function loopbackToken(dataDir: string): string {
  const path = join(dataDir, TOKEN_FILE);
  const kept = readPrivateToken(path);
  if (kept) return kept;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  rmSync(path, { force: true });
  const token = newToken();
  // `wx`: never through a file someone else put there in between.
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return token;
}

function readPrivateToken(path: string): string | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink fails (ELOOP) instead of being read through. Windows has no such flag; its
    // profile folders are private by their ACL.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP') return undefined;
    throw error;
  }
  try {
    const info = fstatSync(fd);
    const ownOnly = process.platform === 'win32' || (info.isFile() && (info.mode & 0o077) === 0 && info.uid === process.getuid?.());
    if (!ownOnly) return undefined;
    const parsed = TokenSchema.safeParse(readFileSync(fd, 'utf8').trim());
    return parsed.success ? parsed.data : undefined;
  } finally {
    closeSync(fd);
  }
}
