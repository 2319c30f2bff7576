// What the hub answers, per request: pairing on a code's identity; hello, push, pull and snapshot on a link's.
// Each push page is applied whole or not at all (a transaction or savepoint of the store's) and answered once committed,
// so an interrupted transfer loses nothing acknowledged.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, type DomainEvent } from '../../../contract';
import { isFileRoute, routeFile } from './fileRoutes';
import { encodeJson, parseJson, readBody, WireError } from './httpBody';
import type { HubStore } from './hubStore';
import type { HubWaiters } from './hubWaiters';
import { pairRequest, PROTOCOL_PATHS, pullRequest, pushRequest, waitRequest } from './protocol';
import { PAIR_IDENTITY_PREFIX } from './tlsPsk';

export interface RouteContext {
  store: HubStore;
  waiters: HubWaiters;
  /** After a committed page of remote ops: the domain events of the rows it touched (maybe none). */
  applied(events: DomainEvent[]): void;
}

const STATUS_OF: Partial<Record<AppError['code'], number>> = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void {
  const { body, headers } = encodeJson(value, /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')));
  // A refusal ends the connection: nothing more is read from a client that sent something wrong.
  res.writeHead(status, status >= 400 ? { ...headers, connection: 'close' } : headers);
  res.end(body);
}

export function sendError(req: IncomingMessage, res: ServerResponse, error: unknown, log: (line: string) => void): void {
  let status = 500;
  let reason = 'internal';
  let code = 'INTERNAL';
  let message = 'the hub failed to answer this request';
  if (error instanceof WireError) {
    status = error.status;
    reason = error.reason;
    code = status === 413 ? 'VALIDATION' : status === 403 ? 'FORBIDDEN' : status >= 500 ? 'INTERNAL' : 'VALIDATION';
    message = error.message;
  } else if (error instanceof AppError) {
    status = STATUS_OF[error.code] ?? 500;
    reason = typeof error.details?.reason === 'string' ? error.details.reason : error.code.toLowerCase();
    code = error.code;
    message = error.message;
  } else {
    log(`hub: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  if (res.headersSent) return void res.destroy();
  sendJson(req, res, status, { error: { code, reason, message } });
}

/** A bundle for a newcomer (its kind is the store's), streamed from a temporary file. */
async function newcomerBundle(ctx: RouteContext, res: ServerResponse): Promise<void> {
  const dir = await mkdtemp(path.join(ctx.store.scratchDir ?? tmpdir(), '.hub-snapshot-'));
  try {
    const file = path.join(dir, 'snapshot.emsync');
    const { bytes } = await ctx.store.writeNewcomerBundle(file);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes });
    await pipeline(createReadStream(file), res);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function expectMethod(req: IncomingMessage, method: 'GET' | 'POST'): void {
  if (req.method !== method) throw new WireError(405, 'method_not_allowed', `use ${method} for ${req.url}`);
}

export async function route(ctx: RouteContext, identity: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = (req.url ?? '').split('?')[0] ?? '';
  if (identity.startsWith(PAIR_IDENTITY_PREFIX)) {
    if (url !== PROTOCOL_PATHS.pair) throw new WireError(404, 'not_found', 'a pairing connection may only pair');
    expectMethod(req, 'POST');
    const request = parseJson(pairRequest, await readBody(req));
    return sendJson(req, res, 200, await ctx.store.pair(identity, request));
  }
  await ctx.store.checkStanding(identity);
  if (isFileRoute(url)) return routeFile(ctx, url, req, res, (status, value) => sendJson(req, res, status, value));
  switch (url) {
    case PROTOCOL_PATHS.hello:
      expectMethod(req, 'POST');
      await readBody(req);
      return sendJson(req, res, 200, await ctx.store.hello());
    case PROTOCOL_PATHS.push: {
      expectMethod(req, 'POST');
      const body = await readBody(req);
      const { answer, events } = await ctx.store.push(parseJson(pushRequest, body).ops, identity);
      ctx.applied(events);
      ctx.waiters.poke();
      return sendJson(req, res, 200, answer);
    }
    case PROTOCOL_PATHS.pull: {
      expectMethod(req, 'POST');
      const { vector } = parseJson(pullRequest, await readBody(req));
      const answer = await ctx.store.pull(identity, vector);
      return sendJson(req, res, 200, answer);
    }
    case PROTOCOL_PATHS.wait: {
      expectMethod(req, 'POST');
      const { vector, timeoutMs } = parseJson(waitRequest, await readBody(req));
      // The member waits once it applied what it pulled: its vector confirms the hub's changes it now holds.
      await ctx.store.noteHeld(identity, vector);
      // The socket is kept alive across requests: its close listener goes with the wait.
      let stop = () => {};
      const onClose = () => stop();
      req.socket.once('close', onClose);
      try {
        const answer = await ctx.waiters.wait(vector, timeoutMs, (release) => (stop = release));
        if (req.socket.destroyed) return;
        return sendJson(req, res, 200, answer);
      } finally {
        req.socket.off('close', onClose);
      }
    }
    case PROTOCOL_PATHS.snapshot:
      expectMethod(req, 'GET');
      return newcomerBundle(ctx, res);
    default:
      throw new WireError(404, 'not_found', `no such path: ${url}`);
  }
}
