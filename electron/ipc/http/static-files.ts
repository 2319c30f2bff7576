// Reads one renderer file for a request path: the answer both app:// and browser mode send.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from './csp';
import { isClientRoute, mimeTypeOf, resolveStaticPath } from './safe-path';

export interface StaticAnswer {
  status: 200 | 400 | 404;
  headers: Record<string, string>;
  body: Buffer;
}

/** Shown when the renderer has not been built yet, so the API can still be tried. */
export const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Emerald</title></head>
<body><h1>Emerald</h1><p>La interfaz no está compilada todavía: ejecute <code>npm run build:renderer</code>.
The user interface is not built yet: run <code>npm run build:renderer</code>. The API answers at <code>/api/&lt;channel&gt;</code>.</p></body></html>
`;

/** Vite's build output: `assets/<name>-<content hash>.<ext>`; a new build gives changed content a new name. */
const HASHED_ASSET = /^\/assets\/[\w.-]+-[\w-]{8}\.(js|css|svg|png|woff2?)$/;

/**
 * A hashed asset never changes under its name, so the browser keeps it without asking again (a fresh open of a
 * screen loads a dozen chunks; asking for each again cost hundreds of ms); the page and everything else is asked for
 * each time.
 */
export function cacheControlFor(rawPathname: string): string {
  return HASHED_ASSET.test(rawPathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const answer = (status: StaticAnswer['status'], contentType: string, body: Buffer, cacheControl = 'no-cache'): StaticAnswer => ({
  status,
  headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': cacheControl },
  body,
});

async function readRegularFile(file: string): Promise<Buffer | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? await readFile(file) : null;
  } catch {
    return null;
  }
}

export async function loadStaticFile(rootDir: string, rawPathname: string): Promise<StaticAnswer> {
  const file = resolveStaticPath(rootDir, rawPathname);
  if (!file) return answer(400, 'text/plain; charset=utf-8', Buffer.from('bad path\n'));
  const body = await readRegularFile(file);
  if (body) return answer(200, mimeTypeOf(file), body, cacheControlFor(rawPathname));
  const index = path.join(path.resolve(rootDir), 'index.html');
  if (rawPathname === '/' || isClientRoute(rawPathname)) {
    const page = await readRegularFile(index);
    if (page) return answer(200, 'text/html; charset=utf-8', page);
    if (rawPathname === '/') return answer(200, 'text/html; charset=utf-8', Buffer.from(PLACEHOLDER_PAGE));
  }
  return answer(404, 'text/plain; charset=utf-8', Buffer.from('not found\n'));
}
