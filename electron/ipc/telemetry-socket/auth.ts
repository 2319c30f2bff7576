// Who may open the telemetry socket: a local tool (no browser Origin) holding the per-install token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function tokenMatches(presented: string | null, expected: string): boolean {
  if (!presented) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}

/** `?token=` on the upgrade URL or `Authorization: Bearer <token>`. */
export function presentedToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
  } catch {
    return null;
  }
}

/** 0 when the upgrade may proceed, else the HTTP status to refuse it with. */
export function upgradeRefusal(req: IncomingMessage, token: string, port: number): 0 | 401 | 403 {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  // Browsers always send their page's Origin, so no web page may talk to this socket; some tool libraries
  // (Python's websocket-client) send the socket's own address as Origin, which no page can have.
  const origin = req.headers.origin;
  if (origin !== undefined && !own.some((hostPort) => origin === `http://${hostPort}`)) return 403;
  if (!own.includes(req.headers.host ?? '')) return 403;
  return tokenMatches(presentedToken(req), token) ? 0 : 401;
}
