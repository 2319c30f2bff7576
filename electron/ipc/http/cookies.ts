// The browser-mode session cookie: HttpOnly so page scripts never read it, SameSite=Strict against cross-site use.

const ATTRIBUTES = 'HttpOnly; SameSite=Strict; Path=/';

/** Cookies ignore ports: named after this server's, two instances on one machine keep their own sessions. */
export function sessionCookieName(port: number): string {
  return `emerald_session_${port}`;
}

export function readSessionCookie(header: string | undefined, port: number): string | null {
  return readCookie(header, sessionCookieName(port));
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 ? value : null;
    }
  }
  return null;
}

/** The Set-Cookie header for a session change: a new token, or null to forget it. */
export function sessionCookieHeader(port: number, token: string | null): string {
  const name = sessionCookieName(port);
  return token === null ? `${name}=; ${ATTRIBUTES}; Max-Age=0` : `${name}=${token}; ${ATTRIBUTES}`;
}

/**
 * The launch cookie: set when the launch URL (?token=…) is opened, so a new tab or a bookmark of this server opens
 * the app without the token in its address. Cookies ignore ports, so the name carries this server's port: two
 * instances on one machine do not overwrite each other's. A session cookie (no Max-Age): the token changes per launch.
 */
export function launchCookieName(port: number): string {
  return `emerald_launch_${port}`;
}

export function launchCookieHeader(port: number, token: string): string {
  return `${launchCookieName(port)}=${encodeURIComponent(token)}; ${ATTRIBUTES}`;
}

export function readLaunchCookie(header: string | undefined, port: number): string | null {
  const value = readCookie(header, launchCookieName(port));
  if (value === null) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
