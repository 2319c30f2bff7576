// The browser-mode session cookie: HttpOnly so page scripts never read it, SameSite=Strict against cross-site use.

export const SESSION_COOKIE = 'emerald_session';
const ATTRIBUTES = 'HttpOnly; SameSite=Strict; Path=/';

export function readSessionCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 ? value : null;
    }
  }
  return null;
}

/** The Set-Cookie header for a session change: a new token, or null to forget it. */
export function sessionCookieHeader(token: string | null): string {
  return token === null ? `${SESSION_COOKIE}=; ${ATTRIBUTES}; Max-Age=0` : `${SESSION_COOKIE}=${token}; ${ATTRIBUTES}`;
}
