// Maps a request path to a file under one root, or null. Shared by the app:// protocol and browser mode.
import path from 'node:path';

/** Percent-encodings that must never be decoded into a path: '/', '\', NUL. */
const FORBIDDEN_ENCODED = /%(2f|5c|00)/i;

/**
 * `rawPathname` is the still-encoded path of the request URL (e.g. `/assets/app.js`).
 * Returns the absolute file path inside `rootDir`, or null for anything that could leave it:
 * `..` (plain or `%2e%2e`), encoded separators, backslashes, NUL, drive letters, empty segments.
 */
export function resolveStaticPath(rootDir: string, rawPathname: string): string | null {
  if (!rawPathname.startsWith('/') || rawPathname.includes('\\') || rawPathname.includes('\0')) return null;
  if (FORBIDDEN_ENCODED.test(rawPathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return null;
  const relative = decoded.slice(1).endsWith('/') || decoded === '/' ? `${decoded.slice(1)}index.html` : decoded.slice(1);
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  if (path.isAbsolute(relative)) return null;
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  return resolved.startsWith(root + path.sep) ? resolved : null;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A path with no extension is a client-side route: the single-page app answers it with index.html. */
export function isClientRoute(rawPathname: string): boolean {
  const last = rawPathname.split('/').pop() ?? '';
  return !last.includes('.');
}
