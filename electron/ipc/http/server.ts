// Browser mode: a loopback-only HTTP server with the built renderer and the same router as the Electron window.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineTransport } from '../engine/host';
import { handleApiCall } from './api';
import { DEFAULT_BODY_LIMIT_BYTES } from './body';
import { HEARTBEAT_MS, streamDomainEvents } from './events-stream';
import { launchCookieHeader, readLaunchCookie, readSessionCookie } from './cookies';
import { bearerToken, isAllowedHost, isAllowedOrigin, isFromOwnPage, tokensMatch } from './guards';
import { sendError } from './responses';
import { loadStaticFile } from './static-files';

export const LOOPBACK_HOST = '127.0.0.1';

export interface BrowserServerOptions {
  /** The data engine: an in-process Backend or the engine worker's host (startEngineWorker). */
  backend: Pick<EngineTransport, 'dispatch' | 'onEvent' | 'sessionStatus'>;
  /** 0 picks a free port; the returned `port` and `url` show the real one. */
  port: number;
  token: string;
  /** The built renderer (Vite's `dist/`); a placeholder page is served while it has no index.html. */
  staticDir: string;
  bodyLimitBytes?: number;
  heartbeatMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface BrowserServer {
  /** The address to open, with the launch token: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const badToken = { code: 'UNAUTHENTICATED', message: 'missing or wrong launch token', details: { reason: 'bad_token' } } as const;
const signedOut = { code: 'UNAUTHENTICATED', message: 'sign in to receive live events', details: { reason: 'no_session' } } as const;

export function launchUrl(port: number, token: string): string {
  return `http://${LOOPBACK_HOST}:${port}/?token=${encodeURIComponent(token)}`;
}

/**
 * Opening the launch URL: the token leaves the address at once (a 303 to the same page without it, so history,
 * bookmarks and screenshots never hold it) and, when it is right, stays behind as the HttpOnly launch cookie.
 */
function redirectWithoutToken(res: ServerResponse, url: URL, setCookie: string | null): void {
  url.searchParams.delete('token');
  // One leading slash: '//host' in Location would send the browser to another site.
  const headers: Record<string, string> = { Location: `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Length': '0' };
  if (setCookie) headers['Set-Cookie'] = setCookie;
  res.writeHead(303, headers);
  res.end();
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const streams = new Set<() => void>();
  let port = options.port;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isAllowedHost(req.headers.host, port)) {
      sendError(res, 403, { code: 'FORBIDDEN', message: 'unexpected Host header', details: { reason: 'bad_host' } });
      return;
    }
    if (!isAllowedOrigin(req.headers.origin, port)) {
      sendError(res, 403, { code: 'FORBIDDEN', message: 'cross-origin requests are refused', details: { reason: 'bad_origin' } });
      return;
    }
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    } catch {
      // "//" (an address with no host) and the like: the client's mistake, not a server error.
      return sendError(res, 400, { code: 'VALIDATION', message: 'the request target is not a valid path', details: { reason: 'bad_path' } });
    }
    const method = req.method ?? 'GET';
    // The launch token as a Bearer header (scripts, tests) or as the launch cookie sent by a page of this server.
    const launchCookieFromOwnPage = () => tokensMatch(options.token, readLaunchCookie(req.headers.cookie, port)) && isFromOwnPage(req.headers, port);

    if (rawPath === '/api' || rawPath.startsWith('/api/')) {
      if (method === 'GET' && rawPath === '/api/events') {
        // EventSource cannot send headers: the token comes in the query string, or the page's launch cookie stands for it.
        if (!tokensMatch(options.token, url.searchParams.get('token')) && !launchCookieFromOwnPage()) return sendError(res, 401, badToken);
        // The launch token only proves the caller is on this machine: events (names, ids) are for a signed-in person,
        // and only while that session lasts. Peeking does not count as activity, so an open tab still goes idle.
        const sessionToken = readSessionCookie(req.headers.cookie, port);
        const signedIn = () => {
          const status = options.backend.sessionStatus(sessionToken);
          return status instanceof Promise ? status.then((value) => value === 'active') : status === 'active';
        };
        if (!(await signedIn())) return sendError(res, 401, signedOut);
        const stop = streamDomainEvents(req, res, options.backend, options.heartbeatMs ?? HEARTBEAT_MS, signedIn);
        streams.add(stop);
        res.on('close', () => streams.delete(stop));
        return;
      }
      const bearer = bearerToken(req.headers.authorization);
      if (bearer !== null ? !tokensMatch(options.token, bearer) : !launchCookieFromOwnPage()) {
        return sendError(res, 401, badToken, { 'WWW-Authenticate': 'Bearer' });
      }
      const channel = rawPath.slice('/api/'.length);
      if (method !== 'POST' || channel.length === 0 || channel.includes('/')) {
        const status = method === 'GET' || channel.length === 0 || channel.includes('/') ? 404 : 405;
        return sendError(res, status, { code: 'NOT_FOUND', message: `no ${method} ${rawPath.slice(0, 100)}`, details: { reason: 'unknown_route' } });
      }
      // Channel names are plain ASCII (`domain.verb`): no decoding, so `%2e` never becomes a name.
      return handleApiCall(req, res, options.backend, channel, bodyLimit, port);
    }

    if (method !== 'GET' && method !== 'HEAD') {
      return sendError(res, 405, { code: 'NOT_FOUND', message: `no ${method} ${rawPath.slice(0, 100)}`, details: { reason: 'unknown_route' } });
    }
    if (url.searchParams.has('token')) return redirectWithoutToken(res, url, tokensMatch(options.token, url.searchParams.get('token')) ? launchCookieHeader(port, options.token) : null);
    const file = await loadStaticFile(options.staticDir, rawPath);
    res.writeHead(file.status, { ...file.headers, 'Content-Length': file.body.length });
    res.end(method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.('browser-mode request failed', error);
      if (!res.headersSent) {
        sendError(res, 500, { code: 'INTERNAL', message: 'something went wrong', details: { reason: 'internal' } });
      } else {
        res.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: launchUrl(port, options.token),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stop of streams) stop();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
