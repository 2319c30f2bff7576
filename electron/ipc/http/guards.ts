// Loopback guards for browser mode: Host and Origin pinned to this server, the launch token compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 random bytes, URL-safe: new on every launch unless EMERALD_TOKEN fixes it. */
export function newLaunchToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Hashing first makes both sides the same length, so the comparison time says nothing about the token. */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** A foreign Host is how DNS rebinding reaches a loopback server: only our own names are served. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Browsers send Origin on cross-site requests; only pages this server served may call it. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/**
 * Whether a request carrying the launch cookie was made by a page of this very server. The cookie alone is not enough:
 * SameSite counts every port of 127.0.0.1 as the same site, so a page on another local port would send it too.
 * POST from fetch always carries Origin (checked to be ours); a same-origin GET (EventSource) carries none, but
 * Sec-Fetch-Site says who asked. A request with neither (a script outside a browser) must use the Bearer token.
 */
export function isFromOwnPage(headers: { origin?: string | undefined; 'sec-fetch-site'?: string | string[] | undefined }, port: number): boolean {
  if (headers.origin !== undefined) return isAllowedOrigin(headers.origin, port);
  return headers['sec-fetch-site'] === 'same-origin';
}
