// The app:// protocol that serves the renderer instead of file://: one origin, traversal refused, CSP on every answer.
import type { CustomScheme } from 'electron';
import { loadStaticFile } from '../ipc/http/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'emerald';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Standard + secure gives app:// a real origin ('self' in the CSP) and a secure context; nothing bypasses CSP. codeCache
 * keeps V8's compiled renderer code between starts, as a browser does for its pages (each start compiled it again).
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The pathname as sent, still percent-encoded (URL keeps it encoded), for the traversal-safe resolver. */
function rawPathname(url: string): string | null {
  const match = /^app:\/\/[^/?#]*(\/[^?#]*)?/i.exec(url);
  return match ? (match[1] ?? '/') : null;
}

/** The protocol.handle handler: only GETs for our host; everything else is 404/405 with the same CSP. */
export function createAppRequestHandler(staticDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const pathname = rawPathname(request.url);
    if (!isAppUrl(request.url) || pathname === null) return new Response('not found', { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 });
    const file = await loadStaticFile(staticDir, pathname);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), { status: file.status, headers: file.headers });
  };
}
