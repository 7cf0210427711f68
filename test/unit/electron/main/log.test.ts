import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLog, redact } from '@main/log';

/** Credential-shaped values made up for the test (AWS's documentation examples, and random-looking ones). */
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const TEMP_KEY = 'ASIAY34FZKBOKMUTVV7A';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEJr${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/'.repeat(8)}`;
const LOOPBACK_TOKEN = 'q3Yp_8sVx-2kLm0ZtR4wNcE1bHjU6gFaD9oPiT5yQeW';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pf-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const written = () => readFileSync(join(dir, 'main.log'), 'utf8');

describe('redaction', () => {
  it('masks access key ids, secret keys and session tokens in free text', () => {
    const text = `using ${ACCESS_KEY} and ${TEMP_KEY}: aws_secret_access_key=${SECRET} token ${SESSION_TOKEN}`;
    const safe = redact(text);
    for (const secret of [ACCESS_KEY, TEMP_KEY, SECRET, SESSION_TOKEN]) expect(safe).not.toContain(secret);
    expect(safe).toContain('using [redacted access key]');
  });

  it('masks a bare 40-character secret but keeps hashes and ids that only look long', () => {
    const sha1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
    const sha256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    const safe = redact(`secret ${SECRET} sha1 ${sha1} sha256 ${sha256} id 5a0c2f0e-8d4b-4c55-9d55-0d8c2a1e7b3f`);
    expect(safe).not.toContain(SECRET);
    expect(safe).toContain(sha1);
    expect(safe).toContain(sha256);
    expect(safe).toContain('5a0c2f0e-8d4b-4c55-9d55-0d8c2a1e7b3f');
  });

  it('masks Authorization and X-Amz-Security-Token headers and the signed parts of a presigned URL', () => {
    const header = `Authorization: AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024`;
    const url =
      `https://bucket.s3.eu-west-1.amazonaws.com/users/u1/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${ACCESS_KEY}%2F20260101%2Feu-west-1%2Fs3%2Faws4_request` +
      `&X-Amz-Date=20260101T000000Z&X-Amz-Expires=300&X-Amz-Security-Token=${encodeURIComponent(SESSION_TOKEN)}&X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef`;
    const safe = redact(`${header}\nX-Amz-Security-Token: ${SESSION_TOKEN}\nGET ${url}`);
    expect(safe).not.toContain(ACCESS_KEY);
    expect(safe).not.toContain('fe5f80f77d5f');
    expect(safe).not.toContain('0123456789abcdef');
    expect(safe).not.toContain(SESSION_TOKEN.slice(0, 30));
    expect(safe).toContain('https://bucket.s3.eu-west-1.amazonaws.com/users/u1/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256');
    expect(safe).toContain('X-Amz-Expires=300');
  });

  it('never lets a generated access key id or secret through, whatever surrounds it', () => {
    const upperDigits = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    const keyId = fc.tuple(fc.constantFrom('AKIA', 'ASIA'), fc.string({ unit: upperDigits, minLength: 16, maxLength: 16 })).map(([p, rest]) => p + rest);
    const base64 = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
    const secret = fc
      .string({ unit: base64, minLength: 40, maxLength: 40 })
      .filter((s) => /[A-Z]/.test(s) && /[a-z]/.test(s));
    const around = fc.string({ unit: fc.constantFrom(' ', ':', '=', '"', ',', '\n', 'x', '(', ')'), maxLength: 6 });
    fc.assert(
      fc.property(around, keyId, around, secret, around, (a, id, b, key, c) => {
        const safe = redact(`${a}${id}${b}${key}${c}`);
        return !safe.includes(id) && !safe.includes(key);
      }),
    );
  });
});

describe('file log', () => {
  it('writes one redacted line per entry, details and errors included', () => {
    const log = createFileLog({ dir, now: () => new Date('2026-01-02T03:04:05.000Z') });
    log.addSecret(LOOPBACK_TOKEN);
    const error = Object.assign(new Error(`The security token included in the request is invalid: ${SESSION_TOKEN}`), { name: 'UnrecognizedClientException' });
    log.error('push failed', { error, request: { headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=x', 'X-Amz-Security-Token': SESSION_TOKEN } } });
    log.info(`loopback ready at http://127.0.0.1:47321/?token=${LOOPBACK_TOKEN}`, { credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET } });
    log.info(`the token alone: ${LOOPBACK_TOKEN}`);

    const lines = written().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^2026-01-02T03:04:05\.000Z ERROR push failed \{/);
    const details = JSON.parse(lines[0]?.slice(lines[0].indexOf('{')) ?? '') as { error: { name: string; message: string; stack: string }; request: { headers: Record<string, string> } };
    expect(details.error.name).toBe('UnrecognizedClientException');
    expect(details.error.message).toBe('The security token included in the request is invalid: [redacted token]');
    expect(details.error.stack).toContain('log.test.ts');
    expect(details.request.headers).toEqual({ Authorization: '[redacted]', 'X-Amz-Security-Token': '[redacted]' });
    for (const secret of [ACCESS_KEY, SECRET, SESSION_TOKEN.slice(0, 30), LOOPBACK_TOKEN]) expect(written()).not.toContain(secret);
    expect(lines[2]).toBe('2026-01-02T03:04:05.000Z INFO the token alone: [redacted]');
  });

  it('hands the echo the same redacted entry', () => {
    const echoed: unknown[] = [];
    const log = createFileLog({ dir, echo: { info: (...entry) => echoed.push(entry), error: (...entry) => echoed.push(entry) } });
    log.error(`refused ${ACCESS_KEY}`, { error: new Error(`bad ${SECRET}`) });
    expect(JSON.stringify(echoed)).not.toContain(ACCESS_KEY);
    expect(JSON.stringify(echoed)).not.toContain(SECRET);
    expect(echoed[0]).toMatchObject(['refused [redacted access key]', { error: { message: 'bad [redacted secret]' } }]);
  });

  it('survives circular details and big integers', () => {
    const log = createFileLog({ dir });
    const loop: Record<string, unknown> = { n: 10n ** 30n };
    loop.self = loop;
    log.info('odd details', { loop });
    expect(written()).toContain('{"loop":{"n":"1000000000000000000000000000000","self":"[circular]"}}');
  });

  it('rotates at the size cap, keeps the newest files and drops the oldest', () => {
    const maxBytes = 1_000;
    const entry = (i: number) => `entry ${String(i).padStart(4, '0')} ${'x'.repeat(60)}`;
    let log = createFileLog({ dir, maxBytes, keep: 2 });
    for (let i = 0; i < 40; i++) log.info(entry(i));
    // A restart continues the same file and cap.
    log = createFileLog({ dir, maxBytes, keep: 2 });
    for (let i = 40; i < 60; i++) log.info(entry(i));

    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(maxBytes);
    const all = ['main.2.log', 'main.1.log', 'main.log'].map((file) => readFileSync(join(dir, file), 'utf8')).join('');
    const numbers = [...all.matchAll(/entry (\d{4})/g)].map((match) => Number(match[1]));
    // Consecutive up to the newest: nothing lost between files, only the oldest dropped.
    expect(numbers.at(-1)).toBe(59);
    expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] ?? 0) + i));
    expect(numbers[0]).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'main.3.log'))).toBe(false);
  });

  it('keeps working, without throwing, when its folder is removed under it', () => {
    const log = createFileLog({ dir: join(dir, 'logs') });
    rmSync(join(dir, 'logs'), { recursive: true });
    expect(() => log.error('still fine')).not.toThrow();
  });
});
