import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER } from '@shared/api/socket-protocol';

/**
 * The loopback server's defences (README, Security): the Host header against DNS rebinding, the Origin
 * against other local pages, and the access token the page took from the printed address. The browser
 * never attaches the token by itself (no cookie, no HTTP auth): the page's own script sends it.
 */
export type Guard = {
  port: number;
  /** Origins allowed besides the server's own (the Vite dev server in `npm run dev`). */
  extraOrigins: string[];
  token: string;
};

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function ownOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export function hostAllowed(guard: Guard, request: IncomingMessage): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(guard.port).includes(host);
}

/** A missing Origin is refused: browsers always send one on WebSocket upgrades and POSTs. */
export function originAllowed(guard: Guard, request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && [...ownOrigins(guard.port), ...guard.extraOrigins].includes(origin);
}

/** An HTTP API request's token, in a header only the page's own script sets. */
export function hasToken(guard: Guard, request: IncomingMessage): boolean {
  const offered = request.headers[TOKEN_HEADER.toLowerCase()];
  return typeof offered === 'string' && tokenMatches(guard, offered);
}

export function tokenMatches(guard: Guard, candidate: string | null | undefined): boolean {
  if (!candidate) return false;
  const expected = Buffer.from(guard.token);
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
