// One request to a peer over TLS-PSK (kept-alive connections per peer and key): a bounded body both ways, a timeout, and errors a person can act on:
// unreachable (no answer, or the connection cut: retried), handshake_failed (a TLS alert from the peer: it does not
// hold our key — a hub that forgot us, or someone else answering at that address), or the peer's own refusal.
import { request } from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { z } from 'zod';
import { AppError } from '../../../contract';
import { encodeJson, parseJson, readBody, WireError } from './httpBody';
import { errorBody, MAX_BODY_BYTES } from './protocol';
import { agentFor } from './peerAgents';
import { clientPskOptions } from './tlsPsk';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface PeerAddress {
  url: string;
  identity: string;
  psk: Buffer;
}

export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** https://host:port (7443 when no port is given); anything else is refused before a connection is made. */
export function parseHubUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new AppError('VALIDATION', `not a hub address: ${text}`, { reason: 'bad_url', field: 'url' });
  }
  if (url.protocol !== 'https:') throw new AppError('VALIDATION', 'a hub address starts with https://', { reason: 'bad_url', field: 'url' });
  if (!url.port) url.port = '7443';
  return url;
}

export function unreachable(url: string, detail: string): AppError {
  return new AppError('CONFLICT', `the hub at ${url} is unreachable (${detail})`, { reason: 'unreachable' });
}

/**
 * The handshake ended by the TLS layer, not by the network: an alert the peer sent (unknown PSK identity, a binder
 * made with another key: "SSL alert number 40/47/...") or an answer that is not TLS at all. Resets (ECONNRESET, also
 * Node's "disconnected before secure TLS connection was established"), EOF, EPIPE and timeouts are not refusals.
 */
export function isTlsRefusal(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPROTO' || (typeof error.code === 'string' && error.code.startsWith('ERR_SSL_')) || /\balert\b/i.test(error.message);
}

/** The answer at that address is not TLS at all (a plain web server, Emerald's own browser port): no hub is there. */
export function isNotTls(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || error.code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || /wrong version number|packet length too long/i.test(error.message);
}

export function notAHub(url: string): AppError {
  return new AppError('CONFLICT', `no Emerald hub answers at ${url}: check the address and port the hub shows`, { reason: 'not_a_hub' });
}

function handshakeFailed(url: string): AppError {
  return new AppError('FORBIDDEN', `the peer at ${url} did not accept this device's key: it does not know this device (pair again) or it is not the paired hub`, {
    reason: 'handshake_failed',
  });
}

/** The peer's own refusal ({error:{code, reason, message}}) as an AppError with that reason. */
async function refusal(res: IncomingMessage, url: string): Promise<AppError> {
  let body: z.infer<typeof errorBody>;
  try {
    body = parseJson(errorBody, await readBody(res, 64 * 1024));
  } catch {
    // An error without our JSON (a 404 page of some other server): whatever answers there is not a hub.
    return notAHub(url);
  }
  const { reason, message } = body.error;
  const code = res.statusCode === 403 || res.statusCode === 401 ? 'FORBIDDEN' : res.statusCode === 413 || res.statusCode === 400 ? 'VALIDATION' : 'CONFLICT';
  return new AppError(code, message, { reason });
}

/** A pooled connection the peer had already closed (its idle timeout): the request never reached it; try once more. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Sends `body` (JSON, a Buffer as raw bytes, or nothing for GET) and hands the response to `take` once its status is 200. Connections are
 * kept alive per peer and key (peerAgents.ts).
 */
export function send<T>(peer: PeerAddress, method: 'GET' | 'POST', path: string, body: unknown, take: (res: IncomingMessage) => Promise<T>, options: RequestOptions = {}): Promise<T> {
  const url = parseHubUrl(peer.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Raw bytes (an attachment original) go as they are; anything else as JSON.
  const encoded =
    method !== 'POST'
      ? null
      : Buffer.isBuffer(body)
        ? { body, headers: { 'content-type': 'application/octet-stream', 'content-length': body.length } }
        : encodeJson(body);
  const agent = agentFor(`${host}:${url.port}`, peer.identity, peer.psk);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let req: ClientRequest | null = null;
    const finish = (error: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      if (error) reject(error);
      else resolve(value as T);
    };
    const attempt = (mayRetry: boolean) => {
      let secured = false;
      let answered = false;
      const current = request(
        {
          ...clientPskOptions(peer.identity, peer.psk),
          host,
          port: Number(url.port),
          method,
          path,
          agent,
          headers: { 'accept-encoding': 'gzip', ...(encoded?.headers ?? {}) },
        },
        (res) => {
          answered = true;
          const work = res.statusCode === 200 ? take(res) : refusal(res, peer.url).then((error) => Promise.reject(error));
          work.then(
            (value) => finish(null, value),
            (error: unknown) => finish(error instanceof WireError ? new AppError('VALIDATION', error.message, { reason: error.reason }) : error),
          );
        },
      );
      req = current;
      current.on('socket', (socket: TLSSocket) => {
        // A pooled connection finished its handshake long ago.
        if (current.reusedSocket) secured = true;
        else socket.once('secureConnect', () => (secured = true));
      });
      current.on('error', (error: NodeJS.ErrnoException) => {
        if (settled) return;
        if (mayRetry && current.reusedSocket && !answered && STALE_SOCKET_CODES.has(error.code ?? '')) return attempt(false);
        // Only a TLS refusal from the other end means "it does not hold our key"; a reset, an EOF or a timeout in the
        // middle of the handshake is the network, retried with backoff like any unreachable hub.
        if (!secured && isNotTls(error)) return finish(notAHub(peer.url));
        finish(!secured && isTlsRefusal(error) ? handshakeFailed(peer.url) : unreachable(peer.url, error.code ?? error.message));
      });
      current.end(encoded?.body);
    };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      req?.destroy();
      finish(unreachable(peer.url, `no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const abort = () => {
      req?.destroy();
      finish(new AppError('CONFLICT', 'the sync was cancelled', { reason: 'cancelled' }));
    };
    options.signal?.addEventListener('abort', abort);
    attempt(true);
  });
}

/** A JSON request whose answer is checked against `schema`. */
export function call<S extends z.ZodType>(peer: PeerAddress, path: string, body: unknown, schema: S, options?: RequestOptions): Promise<z.output<S>> {
  return send(peer, 'POST', path, body, async (res) => parseJson(schema, await readBody(res, MAX_BODY_BYTES)), options);
}
