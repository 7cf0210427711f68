import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The loopback server's defences (docs/architecture.md, "The browser build keeps its data"): the Host header
 * against DNS rebinding, the Origin against other local pages, and a per-launch token that the first
 * load exchanges for an HttpOnly cookie.
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

/** Port in the name: cookies of 127.0.0.1 are shared by every port, two instances must not clash. */
export function cookieName(port: number): string {
  return `pilotforce_${port}`;
}

export function sessionCookie(guard: Guard): string {
  return `${cookieName(guard.port)}=${guard.token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function hasSessionCookie(guard: Guard, request: IncomingMessage): boolean {
  const prefix = `${cookieName(guard.port)}=`;
  const cookies = (request.headers.cookie ?? '').split(';').map((part) => part.trim());
  return cookies.some((cookie) => cookie.startsWith(prefix) && tokenMatches(guard, cookie.slice(prefix.length)));
}

export function tokenMatches(guard: Guard, candidate: string | null | undefined): boolean {
  if (!candidate) return false;
  const expected = Buffer.from(guard.token);
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
