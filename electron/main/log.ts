import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MainLog } from './services';

/**
 * Main's log file: one line per entry, redacted before it is written, rotated at a size cap. Errors
 * reach it with their real causes (the renderer only ever gets a safe `{ code, message }`), so this is
 * the one place a credential could leak to disk: everything credential-shaped is masked here.
 */
export type FileLog = MainLog & {
  /** Masks this exact value from now on (the loopback server's access token). */
  addSecret(value: string): void;
  /** The file being written. */
  readonly path: string;
};

export type FileLogOptions = {
  dir: string;
  /** `main.log`; rotated files are `main.1.log` (newest) .. `main.<keep>.log`. */
  name?: string;
  /** Rotate before a line would take the file past this size. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  /** Also hands every entry (already redacted) to this log, e.g. the terminal. */
  echo?: MainLog;
  now?: () => Date;
};

const MASK = '[redacted]';

/** Keys whose values are never written, whatever they look like. */
const SECRET_KEY = /^(authorization|cookie|set-cookie|x-amz-security-token|x-amz-signature|x-amz-credential|secret-?access-?key|aws_secret_access_key|session-?token|aws_session_token|access-?key-?id|aws_access_key_id|token|password|credentials)$/i;

/** Patterns of secrets in free text, each replaced whole or after its name. */
const TEXT_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Header lines and header-like pairs: everything after the name up to the end of the value.
  [/\b(authorization|x-amz-security-token|cookie)(["']?\s*[:=]\s*["']?)[^"'\n\r,}]+/gi, `$1$2${MASK}`],
  // Signed URLs and SigV4 parts: the signature, the credential scope (it names the key id), the token.
  [/\b(X-Amz-(?:Signature|Credential|Security-Token)|Signature|Credential)=[^&\s"',]+/gi, `$1=${MASK}`],
  // Query parameters that carry the loopback launch token or the like.
  [/([?&](?:token|access_token|sessionToken))=[^&\s"']+/gi, `$1=${MASK}`],
  // Named secrets in "key=value" or JSON text.
  [/\b(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|SecretAccessKey|SessionToken)(["']?\s*[:=]\s*["']?)[^"'\s,}]+/g, `$1$2${MASK}`],
  // AWS access key ids (long-term AKIA, temporary ASIA, and the other unique-id prefixes), even run into other text.
  [/(?:AKIA|ASIA|AROA|AIDA|AIPA|ANPA|ANVA|AGPA)[A-Z0-9]{16}/g, '[redacted access key]'],
];

/**
 * Base64 (and base64url) runs: 40 or more characters with both cases is the shape of a secret access key (or of one run
 * into other text); 100+ of any kind is a session token. Hex hashes (one case) stay readable.
 */
const BASE64_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{40,}={0,2}(?![A-Za-z0-9+/_-])/g;

function maskBase64Runs(text: string): string {
  return text.replace(BASE64_RUN, (run: string, offset: number) => {
    // A file path (a stack frame's `…/dir/file` before `.ts:12:3`) is not a credential, even in a folder with a random name.
    if (run.includes('/') && /^\.\w/.test(text.slice(offset + run.length, offset + run.length + 2))) return run;
    if (run.length >= 100) return '[redacted token]';
    return /[A-Z]/.test(run) && /[a-z]/.test(run) ? '[redacted secret]' : run;
  });
}

/** Masks everything credential-shaped in a piece of text, and the given exact secrets. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.split(secret).join(MASK);
  for (const [pattern, replacement] of TEXT_PATTERNS) result = result.replace(pattern, replacement);
  return maskBase64Runs(result);
}

/**
 * JSON of a log entry's details: errors as name, message, code and stack; values of secret-named keys
 * masked; every string redacted (string by string, so the JSON stays well-formed).
 */
export function serializeDetails(details: Record<string, unknown>, secrets: Iterable<string> = []): string {
  const seen = new WeakSet<object>();
  const known = [...secrets];
  return JSON.stringify(details, (key, value: unknown) => {
    if (key && SECRET_KEY.test(key)) return MASK;
    if (typeof value === 'string') return redact(value, known);
    if (value instanceof Error) {
      const { name, message, stack } = value;
      const code = (value as { code?: unknown }).code;
      const cause = (value as { cause?: unknown }).cause;
      return { name, message, ...(code !== undefined ? { code } : {}), stack, ...(cause !== undefined ? { cause } : {}) };
    }
    if (typeof value === 'bigint') return value.toString();
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  });
}

export function createFileLog(options: FileLogOptions): FileLog {
  const name = options.name ?? 'main.log';
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const path = join(options.dir, name);
  const rotated = (n: number) => join(options.dir, name.replace(/(\.log)?$/, `.${n}$1`));
  const secrets = new Set<string>();
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  let size = fileSize(path);

  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) renameIfExists(rotated(n), rotated(n + 1));
    if (keep > 0) renameIfExists(path, rotated(1));
    else rmSync(path, { force: true });
    size = 0;
  };

  const write = (level: 'INFO' | 'ERROR', message: string, details?: Record<string, unknown>) => {
    const safeMessage = redact(message, secrets);
    const detailsJson = details === undefined ? undefined : serializeDetails(details, secrets);
    const line = `${now().toISOString()} ${level} ${safeMessage}${detailsJson ? ` ${detailsJson}` : ''}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(path, line, { mode: 0o600 });
      size += bytes;
    } catch {
      // A full disk or a removed folder must not take the app down with it; the echo still shows the entry.
    }
    const echo = level === 'INFO' ? options.echo?.info : options.echo?.error;
    echo?.(safeMessage, detailsJson === undefined ? undefined : (JSON.parse(detailsJson) as Record<string, unknown>));
  };

  return {
    path,
    info: (message, details) => write('INFO', message, details),
    error: (message, details) => write('ERROR', message, details),
    addSecret: (value) => void secrets.add(value),
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameIfExists(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
}

/** The app's log, `<dataDir>/logs/main.log`, for every way the app runs (Electron, `npm start`, `npm run dev`). */
export function createAppLog(dataDir: string, echo?: MainLog): FileLog {
  return createFileLog({ dir: join(dataDir, 'logs'), ...(echo ? { echo } : {}) });
}

/** What `npm start` and `npm run dev` show in the terminal: the line and an error's message, no stack. */
export const terminalLog: MainLog = {
  info: (message) => console.log(`  ${message}`),
  error: (message, details) => {
    const error = details?.error as { message?: unknown } | undefined;
    console.error(`  ${message}`, typeof error?.message === 'string' ? error.message : '');
  },
};
